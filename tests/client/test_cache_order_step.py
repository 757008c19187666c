"""Cache step 5→6 (订单 page): a version 5 cache (orders without the status column and
the paid_at / status indexes) opens in place, its orders' status filled from their rows,
and the 订单 page's filters work on it; the 24-month window drops older orders locally
without queuing anything."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from guide_app.cache.database import open_cache
from guide_app.services.order_search import OrderQuery, OrderSearch

from .conftest import change, seed_changes


def _order(i: int, paid_at: datetime, status: str) -> dict:
    return change(
        "order",
        {
            "id": f"order-{i}",
            "channel": "jd" if i % 2 else "tmall",
            "channel_order_no": f"JD-{i:04d}",
            "store_id": "s1",
            "status": status,
            "amount_cents": 100 * i,
            "items": [{"sku": "A", "name": "围巾", "qty": 1, "price_cents": 100 * i}],
            "paid_at": paid_at.isoformat(),
        },
    )


def _version_5(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        for index in ("ix_orders_paid_at", "ix_orders_status_paid_at"):
            con.execute(f"DROP INDEX {index}")
        con.execute("ALTER TABLE orders DROP COLUMN status")
        con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
        con.commit()
    finally:
        con.close()


def test_version_5_orders_get_their_status_in_place(tmp_path):
    path = tmp_path / "cache.db"
    cache = open_cache(path)
    rows, _ = seed_changes()
    now = datetime.now(UTC)
    orders = [
        _order(i, now - timedelta(days=i), "refunded" if i % 3 == 0 else "finished")
        for i in range(1, 10)
    ]
    cache.apply_pull_page(rows + orders, "c1", more=False)
    cache.close()
    _version_5(path)

    cache = open_cache(path)
    try:
        search = OrderSearch(cache)
        assert search.count(OrderQuery(status="refunded")) == 3
        assert search.count(OrderQuery(channel="jd", status="finished")) == 3
        page = search.page(OrderQuery(text="JD-000"), 0, 3)
        assert [r.brief.channel_order_no for r in page] == ["JD-0001", "JD-0002", "JD-0003"]
        with cache.read() as conn:
            plan = " ".join(
                str(r[-1])
                for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id FROM orders o WHERE o.status = 'paid' "
                    "ORDER BY o.paid_at DESC LIMIT 5"
                )
            )
        assert "ix_orders_status_paid_at" in plan
    finally:
        cache.close()


def test_the_window_drops_orders_older_than_24_months_locally(tmp_path):
    cache = open_cache(tmp_path / "cache.db")
    try:
        rows, _ = seed_changes()
        now = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
        old = _order(1, datetime(2024, 12, 1, 9, 0, tzinfo=UTC), "finished")
        kept = _order(2, datetime(2024, 12, 2, 11, 0, tzinfo=UTC), "finished")
        cache.apply_pull_page([*rows, old, kept], "c1", more=False)
        search = OrderSearch(cache)
        assert search.prune_window(now) == 1
        assert search.cached_ids(["order-1", "order-2"]) == {"order-2"}
        assert search.prune_window(now) == 0
        assert cache.outbox.count() == 0
    finally:
        cache.close()
