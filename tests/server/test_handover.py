"""离职继承 on the real server (SQLite and PostgreSQL): ``user.handover`` is one
transaction; the leaving guide's revoked token may still push its last customer edits;
bad input is refused with nothing half done; HQ's report lists handovers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
import pytest

from guide_core.rules.handover import pieces, plan_even
from tests.server.api import API, Api, mutation


@pytest.fixture
def server(live_server):
    return live_server


def _customers_of(held: dict, owner: str) -> list[str]:
    return sorted(k[1] for k, v in held.items() if k[0] == "customer" and v["owner_id"] == owner)


def _users(held: dict) -> dict[str, dict]:
    return {v["username"]: v for k, v in held.items() if k[0] == "user"}


def _handover(api: Api, leaving: str, receivers: dict, deactivate: bool = True) -> dict:
    return api.push_one(
        "user", "handover", leaving, {"receivers": receivers, "deactivate": deactivate}
    )


def test_handover_moves_customers_revokes_and_keeps_the_leaving_pcs_last_edits(server):
    g1 = Api(server, "s001-g1", device_id="g1-pc")  # the leaving guide's PC, signed in
    mgr = Api(server, "s001-mgr", device_id="mgr-pc")
    held, _ = mgr.state()
    users = _users(held)
    g1_id, g2_id, mgr_id = (users[u]["id"] for u in ("s001-g1", "s001-g2", "s001-mgr"))
    theirs = _customers_of(held, g1_id)
    assert theirs, "the demo gives every guide customers"
    open_before = [
        k[1]
        for k, v in held.items()
        if k[0] == "assignment"
        and v["guide_id"] == g1_id
        and v["status"] in ("todo", "in_progress", "sent_back")
    ]
    plan = plan_even(theirs, [g2_id, mgr_id])
    (receivers,) = pieces(plan)

    result = _handover(mgr, g1_id, receivers)
    assert result["status"] == "applied", result
    assert result["row"]["data"]["active"] is False

    g2 = Api(server, "s001-g2")
    seen, _ = g2.state()
    for cid, rid in plan.items():
        row = seen[("customer", cid)]
        assert row["owner_id"] == rid
        assert row["previous_owner_id"] == g1_id
        assert row["handed_over_at"] is not None
    assert not _customers_of(seen, g1_id)
    assert not [a for a in open_before if ("assignment", a) in seen]  # withdrawn
    assert _users(seen)["s001-g1"]["active"] is False

    # the leaving guide can neither pull nor sign in again
    r = g1.http.get("/sync/pull")
    assert r.status_code == 401 and "账号已停用" in r.json()["detail"]
    r = httpx.post(
        f"{server.url}{API}/auth/login",
        json={"username": "s001-g1", "password": "demo1234", "device_id": "g1-pc"},
    )
    assert r.status_code == 401

    # ...but their PC's edits made before the handover still reach the new owner
    edited = next(cid for cid, rid in plan.items() if rid == g2_id)
    fu = str(uuid.uuid4())
    new_cid = str(uuid.uuid4())
    at = datetime(2026, 11, 30, 10, 0, tzinfo=UTC).isoformat()
    late = g1.push(
        mutation("customer", "update", edited, {"notes": "离职前在店里记的: 喜欢无香型"}, seq=1),
        mutation(
            "follow_up",
            "create",
            fu,
            {"customer_id": edited, "channel": "chat", "text": "交接前最后一次私聊", "at": at},
            seq=2,
        ),
        # nothing else: not a script of their own, not a customer never theirs
        mutation("script", "create", str(uuid.uuid4()), {"title": "x", "body": "y"}, seq=3),
        # a customer the PC created offline, and a note on it: it goes to a receiver
        mutation("customer", "create", new_cid, {"name": "离职前新加的客户"}, seq=4),
        mutation(
            "follow_up",
            "create",
            str(uuid.uuid4()),
            {"customer_id": new_cid, "channel": "visit", "text": "到店加的微信", "at": at},
            seq=5,
        ),
    )
    assert [r["status"] for r in late] == ["applied", "applied", "rejected", "applied", "applied"]
    assert late[2]["code"] == "forbidden"
    seen, _ = g2.state()
    assert seen[("customer", edited)]["notes"] == "离职前在店里记的: 喜欢无香型"
    assert seen[("customer", edited)]["owner_id"] == g2_id  # the edit did not take it back
    assert seen[("follow_up", fu)]["guide_id"] == g1_id  # attributed to who wrote it
    late_card = seen[("customer", new_cid)]  # the receiver with fewer customers got it
    fewer = min(receivers, key=lambda r: (len(receivers[r]), r))
    assert (late_card["owner_id"], late_card["previous_owner_id"]) == (fewer, g1_id)
    assert late_card["handed_over_at"] is not None
    others = [k[1] for k, v in seen.items() if k[0] == "customer" and k[1] not in plan]
    if others:
        r = g1.push_one("customer", "update", others[0], {"notes": "不该改到"})
        assert r["status"] == "rejected" and r["code"] == "not_owner"

    # HQ's report lists it; the supervisor of another store sees none of it
    hq = Api(server, "hq")
    body = hq.http.get("/admin/reports/handovers").json()
    (rec,) = [h for h in body["handovers"] if h["leaving_user_id"] == g1_id]
    assert rec["customer_count"] == len(plan) and rec["by_user_id"] == mgr_id
    assert {r["user_id"]: r["customers"] for r in rec["receivers"]} == {
        rid: len(c) for rid, c in receivers.items()
    }
    assert rec["assignments_withdrawn"] == len(open_before)
    other = Api(server, "s002-mgr")
    assert other.http.get("/admin/reports/handovers").json()["handovers"] == []
    r = other.http.get("/admin/reports/handovers", params={"store_id": rec["store_id"]})
    assert r.status_code == 403
    assert g2.http.get("/admin/reports/handovers").status_code == 403


def test_bad_handovers_are_refused_and_nothing_is_half_done(server):
    mgr = Api(server, "s001-mgr")
    held, _ = mgr.state()
    users = _users(held)
    g1_id, g2_id = users["s001-g1"]["id"], users["s001-g2"]["id"]
    theirs = _customers_of(held, g1_id)
    g2s = _customers_of(held, g2_id)
    other_store = Api(server, "s002-mgr")
    other_held, _ = other_store.state()
    s2_guide = _users(other_held)["s002-g1"]["id"]

    def refused(api: Api, receivers: dict, leaving: str = g1_id) -> dict:
        r = _handover(api, leaving, receivers)
        assert r["status"] == "rejected", r
        return r

    # a guide of another store, mixed with a good receiver: all or nothing
    r = refused(mgr, {g2_id: theirs[:1], s2_guide: theirs[1:]})
    assert r["code"] == "unknown_owner" and "不是本店" in r["reason"]
    r = refused(mgr, {})
    assert r["code"] == "invalid_field" and "没有选择" in r["reason"]
    r = refused(mgr, {g1_id: theirs})
    assert r["code"] == "invalid_field" and "离职的本人" in r["reason"]
    r = refused(mgr, {g2_id: [*theirs, g2s[0]]})  # one customer is not theirs
    assert r["code"] == "not_owner"
    r = refused(Api(server, "s001-g2"), {g2_id: theirs})  # guides hand over nobody
    assert r["code"] == "forbidden"
    r = refused(other_store, {s2_guide: theirs})  # another store's supervisor: not theirs to see
    assert r["code"] == "unknown_owner"

    # a deactivated receiver: g2 leaves first (to the supervisor), then cannot receive
    mgr_id = users["s001-mgr"]["id"]
    assert _handover(mgr, g2_id, {mgr_id: g2s})["status"] == "applied"
    r = refused(mgr, {g2_id: theirs})
    assert r["code"] == "unknown_owner" and "已停用" in r["reason"]

    after, _ = mgr.state()
    assert _customers_of(after, g1_id) == theirs  # nothing moved
    assert _users(after)["s001-g1"]["active"] is True
    assert Api(server, "s001-g1").http.get("/sync/pull").status_code == 200
