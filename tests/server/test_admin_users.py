"""The admin users area (``/api/v1/admin/users``) on the real server, SQLite and PostgreSQL.

HQ manages every account; a store's supervisor the guides of their own store; guides
nothing. Writes reach counter apps through pull (the row's version is bumped in the same
transaction), deactivating or resetting revokes tokens, refusals are 403 and audited.
"""

from __future__ import annotations

import httpx
from sqlalchemy import func, select

from guide_core.protocol import Role
from guide_core.rules.users import may_list_users, may_manage_user
from guide_server.db import Database
from guide_server.models import AuditLog
from tests.server.api import API, Api
from tests.support.server import sign_in

USERS = "/admin/users"


def _login(server, username: str, password: str = "demo1234") -> httpx.Response:
    return httpx.post(
        f"{server.url}{API}/auth/login",
        json={"username": username, "password": password, "device_id": "admin-test"},
    )


def _as(server, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.url + API, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def _new_guide(store_id: str, username: str, password: str = "secret99") -> dict:
    return {"username": username, "role": "guide", "store_id": store_id, "password": password}


def _denied_rows(server) -> int:
    db = Database(server.database_url)
    try:
        with db.read() as s:
            return s.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action == "denied")
            )
    finally:
        db.dispose()


# ------------------------------------------------------------------ rules (no server)


def test_permission_rules_are_facts_only():
    hq, sup, guide = Role.HQ.value, Role.SUPERVISOR.value, Role.GUIDE.value
    assert may_manage_user(hq, None, hq, None) is None
    assert may_manage_user(hq, None, guide, "S2") is None
    assert may_manage_user(sup, "S1", guide, "S1") is None
    assert may_manage_user(sup, "S1", guide, "S2") is not None
    assert may_manage_user(sup, "S1", sup, "S1") is not None
    assert may_manage_user(sup, "S1", hq, None) is not None
    assert may_manage_user(guide, "S1", guide, "S1") is not None
    assert may_list_users(sup, "S1", None) is None and may_list_users(sup, "S1", "S2")
    assert may_list_users(guide, "S1", "S1") is not None


# ------------------------------------------------------------------ live server


def test_hq_creates_guide_who_signs_in_and_is_pulled(live_server, db_kind):
    hq = Api(live_server, "hq")
    g1 = Api(live_server, "s001-g1")
    s001 = g1.user["store_id"]
    _, cursor = g1.state()

    r = hq.http.post(USERS, json={**_new_guide(s001, "s001-new"), "display_name": "新导购"})
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["role"] == "guide" and made["store_id"] == s001 and made["active"] is True

    held, _ = g1.state(cursor)
    assert held[("user", made["id"])]["username"] == "s001-new"
    assert held[("user", made["id"])]["display_name"] == "新导购"
    token, user = sign_in(live_server.url, "s001-new", "secret99")
    assert token and user["id"] == made["id"]

    listed = hq.http.get(USERS, params={"store_id": s001}).json()["users"]
    assert "s001-new" in {u["username"] for u in listed}
    assert {u["store_id"] for u in listed} == {s001}
    everyone = hq.http.get(USERS).json()["users"]
    assert {"hq", "s002-g1", "s001-new"} <= {u["username"] for u in everyone}


def test_supervisor_creates_deactivates_and_resets_own_guide(live_server, db_kind):
    mgr = Api(live_server, "s001-mgr")
    s001 = mgr.user["store_id"]
    g2 = Api(live_server, "s001-g2")
    _, cursor = g2.state()

    listed = mgr.http.get(USERS).json()["users"]
    assert listed and {(u["role"], u["store_id"]) for u in listed} == {("guide", s001)}

    r = mgr.http.post(USERS, json=_new_guide(s001, "s001-temp"))
    assert r.status_code == 201, r.text
    temp_id = r.json()["id"]
    temp_token, _ = sign_in(live_server.url, "s001-temp", "secret99")
    temp = _as(live_server, temp_token)
    assert temp.get("/me").status_code == 200  # the token is now in the server's cache

    r = mgr.http.post(f"{USERS}/{temp_id}/deactivate")
    assert r.status_code == 200, r.text
    assert r.json()["active"] is False
    # Evicted from the (single) worker's token cache at once, not after cache_seconds.
    assert temp.get("/me").status_code == 401
    assert _login(live_server, "s001-temp", "secret99").status_code == 401
    held, _ = g2.state(cursor)
    assert held[("user", temp_id)]["active"] is False

    g1 = Api(live_server, "s001-g1")
    assert g1.http.get("/me").status_code == 200
    r = mgr.http.post(f"{USERS}/{g1.user['id']}/reset-password", json={"password": "new-pass1"})
    assert r.status_code == 200, r.text
    assert g1.http.get("/me").status_code == 401
    assert _login(live_server, "s001-g1").status_code == 401
    assert _login(live_server, "s001-g1", "new-pass1").status_code == 200


def test_supervisor_is_refused_outside_own_guides(live_server, db_kind):
    mgr = Api(live_server, "s001-mgr")
    s001 = mgr.user["store_id"]
    s002_guide = Api(live_server, "s002-g1").user
    s002 = s002_guide["store_id"]
    hq_id = Api(live_server, "hq").user["id"]
    before = _denied_rows(live_server)

    refused = [
        mgr.http.get(USERS, params={"store_id": s002}),
        mgr.http.post(f"{USERS}/{s002_guide['id']}/deactivate"),
        mgr.http.post(f"{USERS}/{s002_guide['id']}/reset-password", json={"password": "x12345"}),
        mgr.http.post(USERS, json=_new_guide(s002, "s002-new")),
        mgr.http.post(USERS, json={**_new_guide(s001, "s001-boss"), "role": "supervisor"}),
        mgr.http.post(USERS, json={"username": "hq2", "role": "hq", "password": "secret99"}),
        mgr.http.post(f"{USERS}/{mgr.user['id']}/reset-password", json={"password": "x12345"}),
        mgr.http.post(f"{USERS}/{hq_id}/deactivate"),
    ]
    for r in refused:
        assert r.status_code == 403, (r.request.url, r.text)
        assert r.json()["detail"].startswith("forbidden: "), r.text
    assert _denied_rows(live_server) - before == len(refused)
    assert _login(live_server, "s002-g1").status_code == 200
    assert _login(live_server, "s002-new").status_code == 401


def test_guide_is_refused_everything(live_server, db_kind):
    g1 = Api(live_server, "s001-g1")
    s001 = g1.user["store_id"]
    g2_id = Api(live_server, "s001-g2").user["id"]
    before = _denied_rows(live_server)
    refused = [
        g1.http.get(USERS),
        g1.http.post(USERS, json=_new_guide(s001, "s001-g9")),
        g1.http.post(f"{USERS}/{g2_id}/deactivate"),
        g1.http.post(f"{USERS}/{g2_id}/reset-password", json={"password": "x12345"}),
    ]
    for r in refused:
        assert r.status_code == 403, (r.request.url, r.text)
        assert r.json()["detail"].startswith("forbidden: ")
    assert _denied_rows(live_server) - before == len(refused)
    anonymous = httpx.get(f"{live_server.url}{API}{USERS}")
    assert anonymous.status_code == 401


def test_duplicate_and_bad_input(live_server, db_kind):
    hq = Api(live_server, "hq")
    s001 = Api(live_server, "s001-g1").user["store_id"]

    r = hq.http.post(USERS, json=_new_guide(s001, "s001-g2"))
    assert r.status_code == 409 and "账号已存在: s001-g2" in r.json()["detail"], r.text

    cases = {
        "username": _new_guide(s001, "bad\x00name"),
        "display_name": {**_new_guide(s001, "ok-name"), "display_name": "x\x07"},
        "role": {**_new_guide(s001, "ok-name"), "role": "boss"},
        "password": _new_guide(s001, "ok-name", password="123"),
    }
    cases["username "] = _new_guide(s001, "x" * 65)
    for field, body in cases.items():
        r = hq.http.post(USERS, json=body)
        assert r.status_code == 422, (field, r.text)
        assert f"body:{field.strip()}" in r.json()["detail"], (field, r.text)

    r = hq.http.post(USERS, json={**_new_guide(s001, "no-store"), "store_id": None})
    assert r.status_code == 422 and "store_id" in r.json()["detail"], r.text
    r = hq.http.post(
        USERS, json={"username": "hq-x", "role": "hq", "store_id": s001, "password": "secret99"}
    )
    assert r.status_code == 422 and "store_id" in r.json()["detail"], r.text
    r = hq.http.post(USERS, json=_new_guide("no-such-store", "lost"))
    assert r.status_code == 404 and "门店不存在" in r.json()["detail"], r.text
    r = hq.http.post(f"{USERS}/no-such-user/deactivate")
    assert r.status_code == 404, r.text
    r = hq.http.post(
        f"{USERS}/any/reset-password",
        content=b"x" * (17 * 1024),
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413, r.text


def test_hq_manages_supervisors_and_hq(live_server, db_kind):
    hq = Api(live_server, "hq")
    s002 = Api(live_server, "s002-g1").user["store_id"]
    r = hq.http.post(USERS, json={**_new_guide(s002, "s002-mgr2"), "role": "supervisor"})
    assert r.status_code == 201, r.text
    r = hq.http.post(USERS, json={"username": "hq2", "role": "hq", "password": "secret99"})
    assert r.status_code == 201 and r.json()["store_id"] is None, r.text
    mgr = Api(live_server, "s002-mgr")
    r = hq.http.post(f"{USERS}/{mgr.user['id']}/deactivate")
    assert r.status_code == 200 and mgr.http.get("/me").status_code == 401
