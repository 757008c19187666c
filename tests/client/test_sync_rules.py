"""Server-side rules seen from the client: rejections, a wrong clock, resync, restarts."""

from __future__ import annotations

from datetime import datetime, timedelta

import guide_app.services.customers as customers_module
import guide_app.services.tasks as tasks_module
from guide_app.services.customer_query import CustomerQuery
from guide_core.protocol import item_check_id


def _my_customer(session):
    return session.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id


def test_rejected_mutation_does_not_block_the_rest(clients, server_view):
    guide = clients("s001-g1")
    mgr = clients("s001-mgr")
    assert guide.sync.sync_once() and mgr.sync.sync_once()
    cid = _my_customer(guide)
    other = next(u for u in mgr.users.store_staff() if u.role == "guide" and u.id != guide.user.id)

    guide.customers.update(cid, notes="导购的修改")  # will be refused: no longer the owner
    fid = guide.customers.add_follow_up(cid, "chat", "被拒之后的跟进")  # must still land
    mgr.customers.reassign([cid], other.id)
    assert mgr.sync.sync_once()  # the hand-over reaches the server first

    assert guide.sync.sync_once()
    assert guide.sync.status.pending == 0 and guide.sync.status.attention == 1
    (item,) = guide.attention.list()
    assert item.entity == "customer" and item.op == "update" and item.code == "not_owner"
    rows = server_view()
    assert fid in rows["follow_up"]
    assert rows["customer"][cid].data["notes"] != "导购的修改"
    assert guide.customers.get(cid).notes == rows["customer"][cid].data["notes"]  # reverted

    guide.attention.retry(item.id)  # still not the owner: refused again, with a new mutation id
    assert guide.cache.outbox.count() == 1
    assert guide.sync.sync_once()
    (again,) = guide.attention.list()
    assert again.id != item.id or again.created_at != item.created_at
    guide.attention.discard(again.id)
    assert guide.attention.count() == 0
    assert guide.sync.sync_once() and guide.sync.status.attention == 0


def test_wrong_clock_keeps_guide_time_but_orders_by_arrival(clients, server_view, monkeypatch):
    class DayAhead(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(days=1)

    a = clients("s001-g1")
    b = clients("s001-mgr")
    assert a.sync.sync_once() and b.sync.sync_once()
    cid = _my_customer(a)

    monkeypatch.setattr(customers_module, "datetime", DayAhead)
    monkeypatch.setattr(tasks_module, "datetime", DayAhead)
    fa = a.customers.add_follow_up(cid, "chat", "时钟快一天的电脑")
    a.customers.update(cid, notes="快钟写的")
    aid = a.tasks.my_assignments()[0].id
    item = a.tasks.items(aid)[0]
    a.tasks.check_item(aid, item.id, True, note="快钟打卡")
    monkeypatch.undo()
    assert a.sync.sync_once()
    fb = b.customers.add_follow_up(cid, "chat", "时钟正确的电脑")
    b.customers.update(cid, notes="正确时钟后写的")
    assert b.sync.sync_once()

    rows = server_view()
    ra, rb = rows["follow_up"][fa].data, rows["follow_up"][fb].data
    at_a, at_b = datetime.fromisoformat(ra["at"]), datetime.fromisoformat(rb["at"])
    assert at_a - at_b > timedelta(hours=23)  # the guide's clock is kept as recorded
    assert datetime.fromisoformat(ra["created_at"]) < datetime.fromisoformat(rb["created_at"])
    assert rows["customer"][cid].data["notes"] == "正确时钟后写的"  # arrival order, not clocks
    check = rows["item_check"][item_check_id(aid, item.id)].data
    done_at = datetime.fromisoformat(check["done_at"])
    assert done_at - datetime.now(done_at.tzinfo) > timedelta(hours=23)  # as the guide's PC said
    assert a.sync.sync_once()
    assert a.customers.get(cid).notes == "正确时钟后写的"


def test_resync_after_epoch_change_keeps_outbox(clients, server, server_view, caplog):
    from guide_server.db import Database
    from guide_server.migrate import rotate_epoch

    s = clients("s001-g1")
    assert s.sync.sync_once()
    cid = _my_customer(s)
    customers_before = s.customers.count(CustomerQuery(mine_only=False))
    cursor_before = s.cache.cursor()
    seen: list[set[str]] = []
    s.sync.add_change_listener(seen.append)

    server.stop()
    fid = s.customers.add_follow_up(cid, "chat", "备份恢复前的跟进")
    db = Database(server.database_url)
    rotate_epoch(db)  # as after restoring the server from a backup
    db.dispose()
    server.start()

    assert s.sync.sync_once(), s.sync.status.error
    assert "resync" in caplog.text  # the server did answer 409 resync
    assert s.cache.cursor() != cursor_before
    assert s.customers.count(CustomerQuery(mine_only=False)) == customers_before
    assert any("customer" in changed for changed in seen)
    assert fid in server_view()["follow_up"]
    assert s.sync.status.pending == 0


def test_server_restart_mid_pull(clients, server):
    s = clients("s001-mgr")
    s.sync.pull_limit = 10
    pages = []

    def kill_after_first_page(changed):
        pages.append(changed)
        if len(pages) == 1:
            server.kill()

    s.sync.add_change_listener(kill_after_first_page)
    assert s.sync.sync_once() is False
    assert s.sync.status.online is False and s.cache.cursor() is not None
    server.start()
    assert s.sync.sync_once(), s.sync.status.error
    total = s.customers.count(CustomerQuery(mine_only=False))
    fresh = clients("s001-mgr")
    assert fresh.sync.sync_once()
    assert total == fresh.customers.count(CustomerQuery(mine_only=False)) > 10
