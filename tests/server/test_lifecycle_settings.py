"""HQ's lifecycle thresholds (issue 12): ``/admin/settings/lifecycle`` and the synced
``chain_setting`` row, on SQLite and PostgreSQL, over HTTP on a loopback server.

The server derives stages with the saved thresholds through the same function as the
app (``guide_core.lifecycle.stage_of``); the client side is in
``tests/client/test_lifecycle_settings_sync.py``.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from guide_core.lifecycle import DEFAULT_THRESHOLDS, StageThresholds, stage_of
from guide_server.models import AuditLog, Customer
from guide_server.services.chain_settings import stage_thresholds
from tests.server.settings_server import serve

PATH = "/admin/settings/lifecycle"
WIDE = {"new_days": 1, "new_max_orders": 0, "active_days": 3000, "dormant_days": 3650}


def _pull_all(client) -> list[dict]:
    rows, cursor = [], None
    while True:
        r = client.get(
            "/sync/pull", params={"limit": 5000, **({"cursor": cursor} if cursor else {})}
        )
        assert r.status_code == 200, r.text
        page = r.json()
        rows += page["changes"]
        cursor = page["cursor"]
        if not page["has_more"]:
            return rows


@pytest.fixture
def settings_server(demo_template, tmp_path):
    yield from serve(demo_template, tmp_path)


def test_hq_reads_and_saves_thresholds_everyone_pulls_them(settings_server):
    hq = settings_server.client("hq")
    r = hq.get(PATH)
    assert r.status_code == 200
    assert r.json() | {"updated_at": None} == {
        "new_days": 30, "new_max_orders": 1, "active_days": 90, "dormant_days": 180,
        "updated_at": None,
    }  # fmt: skip

    guide = settings_server.client("s001-g1")
    assert not [c for c in _pull_all(guide) if c["entity"] == "chain_setting"]

    r = hq.put(PATH, json=WIDE)
    assert r.status_code == 200, r.text
    assert r.json()["active_days"] == 3000 and r.json()["updated_at"]
    assert hq.get(PATH).json()["dormant_days"] == 3650

    pulled = [c for c in _pull_all(guide) if c["entity"] == "chain_setting"]
    assert len(pulled) == 1
    assert pulled[0]["id"] == "chain"
    assert pulled[0]["data"]["lifecycle_active_days"] == 3000
    assert pulled[0]["data"]["lifecycle_dormant_days"] == 3650
    assert pulled[0]["data"]["lifecycle_new_max_orders"] == 0

    # the same values again: no new version
    version = pulled[0]["version"]
    assert hq.put(PATH, json=WIDE).status_code == 200
    again = [c for c in _pull_all(guide) if c["entity"] == "chain_setting"]
    assert again[0]["version"] == version

    with settings_server.db.read() as s:
        assert s.scalar(select(AuditLog.action).where(AuditLog.action == "lifecycle_settings"))


def test_thresholds_change_a_customers_stage_on_the_server(settings_server):
    with settings_server.db.read() as s:
        assert stage_thresholds(s) == DEFAULT_THRESHOLDS
        customers = s.scalars(select(Customer).where(Customer.last_purchase_at.is_not(None))).all()
        lost = [
            c for c in customers
            if stage_of(c.last_purchase_at, c.member_since, c.order_count) in ("dormant", "lost")
        ]  # fmt: skip
    assert lost, "demo chain has no dormant or lost customer"
    assert settings_server.client("hq").put(PATH, json=WIDE).status_code == 200
    with settings_server.db.read() as s:
        t = stage_thresholds(s)
    assert t == StageThresholds(new_days=1, new_max_orders=0, active_days=3000, dormant_days=3650)
    c = lost[0]
    assert stage_of(c.last_purchase_at, c.member_since, c.order_count, t=t) == "active"


def test_bad_thresholds_are_refused_in_chinese(settings_server):
    hq = settings_server.client("hq")
    r = hq.put(PATH, json={**WIDE, "active_days": 400, "dormant_days": 300})
    assert r.status_code == 422
    assert "沉睡天数应大于活跃天数" in r.json()["detail"]
    r = hq.put(PATH, json={**WIDE, "new_days": 0})
    assert r.status_code == 422
    assert hq.get(PATH).json()["active_days"] == 90  # nothing saved


def test_only_hq(settings_server):
    for username in ("s001-g1", "s001-mgr"):
        c = settings_server.client(username)
        assert c.get(PATH).status_code == 403
        assert c.put(PATH, json=WIDE).status_code == 403
    assert settings_server.client("hq").get(PATH).json()["active_days"] == 90


def test_other_methods_name_the_allowed_ones(settings_server):
    hq = settings_server.client("hq")
    r = hq.request("PATCH", PATH, json={})
    assert r.status_code == 405 and r.headers["allow"] == "GET, PUT"
    for path, allow in (("/admin/tag-rules", "GET, POST"), ("/admin/tag-rules/x", "PUT, DELETE")):
        r = hq.request("OPTIONS", path)
        assert r.status_code == 405 and r.headers["allow"] == allow, (path, r.headers)
