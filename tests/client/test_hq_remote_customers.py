"""HQ's client reads customers online (issue 9 §2): real server (SQLite), real client core.

HQ's cache holds global content, every store's accounts and the stores, but no store's
customers; its search asks the server for customers (any store), and says so when the
server is down. An HQ cache from before this change (store rows, a cursor naming stores)
is told to resync and sheds them.
"""

from __future__ import annotations

from sqlalchemy import text

from guide_app.services.customer_query import CustomerQuery
from guide_app.services.remote_customers import OFFLINE_MESSAGE, RemoteNotFound, RemoteOffline
from guide_core import protocol
from guide_server.db import Database
from guide_server.sync.cursor import CursorState, encode_cursor

ALL = CustomerQuery(mine_only=False)


def _count_rows(session, table: str) -> int:
    with session.cache.read() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def test_hq_cache_has_staff_and_stores_and_search_reaches_every_store(server, clients):
    hq = clients("hq")
    assert hq.reads_customers_online
    assert hq.sync.sync_once(), hq.sync.status.error
    assert hq.customers.count(ALL) == 0
    assert _count_rows(hq, "orders") == 0
    assert _count_rows(hq, "stores") == 2
    db = Database(server.database_url)
    try:
        with db.read() as s:
            s002 = s.execute(text("SELECT id, name FROM store WHERE code = 'S002'")).one()
            users = s.execute(text("SELECT count(*) FROM app_user")).scalar_one()
    finally:
        db.dispose()
    assert _count_rows(hq, "users") == users  # every store's accounts
    staff = {u.username for u in hq.users.store_staff(s002.id)}
    assert {"s002-g1", "s002-mgr"} <= staff

    found = hq.search("张三")
    customers = next(g for g in found.groups if g.kind == "customer")
    assert [h.title.split("（")[0] for h in customers.hits] == ["张三"]
    assert customers.hits[0].subtitle.split(" · ")[0]  # the store's name comes first
    assert found.notice == ""

    # every store's customers, page by page
    seen, offset = [], 0
    while True:
        page = hq.remote_customers.search("", offset=offset, limit=9)
        seen += [r.customer.id for r in page.customers]
        if not page.has_more:
            break
        offset += 9
    assert len(seen) == len(set(seen)) > 9
    stores = {r.store_code for r in hq.remote_customers.search("", limit=100).customers}
    assert stores == {"S001", "S002"}
    assert [s.code for s in hq.remote_customers.stores()] == ["S001", "S002"]
    only = hq.remote_customers.search("", store_id=s002.id, limit=100).customers
    assert only and {r.store_code for r in only} == {"S002"}

    card = hq.remote_customers.card(customers.hits[0].id)
    assert card.customer.customer.name == "张三" and not card.customer.customer.phone_masked
    try:
        hq.remote_customers.card("no-such-customer")
    except RemoteNotFound as exc:
        assert "客户不存在" in exc.message
    else:
        raise AssertionError("no RemoteNotFound")


def test_guide_search_stays_local(clients):
    guide = clients("s001-g1")
    assert not guide.reads_customers_online
    assert guide.sync.sync_once(), guide.sync.status.error
    assert guide.customers.count(ALL) > 0
    found = guide.search("张三")
    assert [h.title.split("（")[0] for h in found.groups[0].hits] == ["张三"]


def test_an_hq_cache_from_before_sheds_store_rows(server, clients, tmp_path):
    """An upgraded HQ client whose cache holds customers and a cursor naming stores."""
    folder = tmp_path / "hq-old"
    hq = clients("hq", data_dir=folder)
    db = Database(server.database_url)
    try:
        with db.read() as s:
            meta = dict(s.execute(text("SELECT key, value FROM server_meta")).all())
            stores = [r[0] for r in s.execute(text("SELECT id FROM store"))]
            old = s.execute(text("SELECT id, store_id, name FROM customer LIMIT 1")).one()
    finally:
        db.dispose()
    cursor = encode_cursor(
        CursorState(meta["epoch"], {"global": 1, **{f"store:{st}": 5 for st in stores}}),
        bytes.fromhex(meta["cursor_secret"]),
    )
    stale = protocol.Change(
        entity="customer",
        id=old.id,
        version=5,
        data={"id": old.id, "store_id": old.store_id, "name": old.name},
    )
    hq.cache.apply_pull_page([stale], cursor)
    assert hq.customers.count(ALL) == 1

    assert hq.sync.sync_once(), hq.sync.status.error  # 409 resync, then a fresh pull
    assert hq.customers.count(ALL) == 0
    assert _count_rows(hq, "stores") == 2


def test_hq_search_says_offline_when_the_server_is_down(server, clients):
    hq = clients("hq")
    assert hq.sync.sync_once(), hq.sync.status.error
    server.stop()
    found = hq.search("张三")
    assert found.notice == OFFLINE_MESSAGE
    assert not [g for g in found.groups if g.kind == "customer"]
    try:
        hq.remote_customers.search("张三")
    except RemoteOffline as exc:
        assert exc.message == OFFLINE_MESSAGE
    else:
        raise AssertionError("no RemoteOffline")
