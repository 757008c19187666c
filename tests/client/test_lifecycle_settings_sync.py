"""HQ's lifecycle thresholds reach a counter PC and change its customers' stages (issue 12).

Real server on loopback (with the ``/admin/settings`` router), a real signed-in Session:
HQ saves wide thresholds; after one sync the guide's card and list show the stage the
server derives with the same function.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from guide_app.services.customer_query import CustomerQuery
from guide_core.lifecycle import stage_of
from guide_server.models import Customer
from guide_server.services.chain_settings import stage_thresholds
from tests.server.settings_server import serve

WIDE = {"new_days": 1, "new_max_orders": 0, "active_days": 3000, "dormant_days": 3650}


@pytest.fixture
def settings_server(demo_template, tmp_path):
    yield from serve(demo_template, tmp_path)


def test_guide_pc_pulls_thresholds_and_stages_follow(settings_server, tmp_path, test_keyring):
    from guide_app.auth import sign_in

    session = sign_in(
        settings_server.url, "s001-g1", "demo1234", data_dir=tmp_path / "pc", start_sync=False
    )
    try:
        assert session.sync.sync_once(), session.sync.status
        rows = session.customers.page(CustomerQuery(), 0, 500)
        before = {r.id: r.stage for r in rows}
        assert set(before.values()) & {"dormant", "lost"}, "no dormant or lost customer"

        r = settings_server.client("hq").put("/admin/settings/lifecycle", json=WIDE)
        assert r.status_code == 200, r.text
        assert session.sync.sync_once(), session.sync.status

        after = {r.id: r.stage for r in session.customers.page(CustomerQuery(), 0, 500)}
        with settings_server.db.read() as s:
            t = stage_thresholds(s)
            server_stage = {
                c.id: stage_of(c.last_purchase_at, c.member_since, c.order_count, t=t)
                for c in s.scalars(select(Customer).where(Customer.id.in_(list(after))))
            }
        assert after == server_stage
        moved = [cid for cid in before if before[cid] in ("dormant", "lost")]
        assert moved and all(after[cid] == "active" for cid in moved)
        assert session.customers.get(moved[0]).stage == "active"
        # the stage filter (SQL over the cache) uses the same thresholds
        lost_now = session.customers.count(CustomerQuery(stages={"lost"}))
        assert lost_now == sum(1 for s in after.values() if s == "lost")
    finally:
        session.close()
