"""今日's queue from a real cache (frozen ``now``): the store's repurchase cycles learned
in SQL agree with ``guide_core.today_rules.cycle_days``; replenishment, the guard and
other guides' customers; and cache step 7→8 (orders get their category in place)."""

from __future__ import annotations

import sqlite3
import statistics
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from guide_app.cache.database import open_cache
from guide_app.services.today_queue import TodayService
from guide_core.today_rules import REPLENISHMENT, cycle_days

from .conftest import G1, G2, STORE, change, customer_data, seed_changes

CN = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=CN)
TODAY = NOW.date()


def _order(n: int, cid: str, day: date, name: str, status: str = "finished"):
    paid = datetime.combine(day, datetime.min.time(), UTC).replace(hour=3)
    return change(
        "order",
        {
            "id": f"o-{n}",
            "channel": "pos",
            "channel_order_no": f"P{n:05d}",
            "store_id": STORE,
            "customer_id": cid,
            "status": status,
            "amount_cents": 100,
            "items": [{"sku": "", "name": name, "qty": 1, "price_cents": 100}],
            "paid_at": paid.isoformat(),
        },
    )


def _store(tmp_path: Path):
    """Customers of G1 and G2 with formula bought every ~30 days (and noise)."""
    rows, _ = seed_changes()
    orders, gaps = [], []
    n = 0
    custs = []
    for i, (owner, rhythm) in enumerate(
        [(G1.id, 28), (G1.id, 30), (G2.id, 32), (G2.id, 31), (G1.id, 29), (G2.id, 30)]
    ):
        cid = f"cust-{i}"
        last = TODAY - timedelta(days=33 if i == 0 else 5 + i)  # cust-0 is due
        custs.append(
            change(
                "customer",
                customer_data(
                    f"客户{i}",
                    owner=owner,
                    id=cid,
                    in_group=True,
                    last_purchase_at=f"{last}T03:00:00+00:00",
                    order_count=4,
                    member_since="2020-03-01",
                    birthday="1990-06-01",
                ),
            )
        )
        day = last
        for k in range(4):
            n += 1
            orders.append(_order(n, cid, day, "飞鹤 星飞帆奶粉 3段"))
            if k:
                gaps.append(rhythm)
            day -= timedelta(days=rhythm)
        n += 1  # a refund on the same day never counts as a purchase
        orders.append(_order(n, cid, last + timedelta(days=1), "飞鹤 奶粉", "refunded"))
        n += 1  # perfume once: no cycle
        orders.append(_order(n, cid, last - timedelta(days=3), "白茶淡香水"))
    cache = open_cache(tmp_path / "cache.db")
    cache.apply_pull_page(rows + custs + orders, "c1", more=False)
    return cache, gaps


def test_cycles_replenishment_and_own_customers_only(tmp_path):
    cache, gaps = _store(tmp_path)
    try:
        q = TodayService(cache, G1).queue(NOW)
        assert q.cycles == {"formula": cycle_days(gaps, 5)} == {"formula": statistics.median(gaps)}
        rep = [e for e in q.entries if e.kind == REPLENISHMENT]
        assert [e.customer_id for e in rep] == ["cust-0"]
        assert rep[0].reason == "上次购买奶粉 33 天前，复购周期约 30 天"
        assert rep[0].key == f"replenishment:cust-0:formula:{TODAY - timedelta(days=33)}"
        assert all(e.customer_id in (None, "cust-0", "cust-1", "cust-4") for e in q.entries)
        # the other guide's due customer is theirs, not G1's
        assert not [
            e for e in TodayService(cache, G2).queue(NOW).entries if e.kind == REPLENISHMENT
        ]

        # a follow-up 2 days ago (any guide's) keeps cust-0 off for the guard's 7 days
        cache.apply_pull_page(
            [
                change(
                    "follow_up",
                    {
                        "id": "fu-1",
                        "customer_id": "cust-0",
                        "store_id": STORE,
                        "guide_id": G2.id,
                        "channel": "chat",
                        "text": "问过了",
                        "at": (NOW - timedelta(days=2)).isoformat(),
                    },
                )
            ],
            "c2",
        )
        assert "cust-0" not in {e.customer_id for e in TodayService(cache, G1).queue(NOW).entries}
        later = NOW + timedelta(days=6)  # the follow-up is 8 days old by then
        assert "cust-0" in {e.customer_id for e in TodayService(cache, G1).queue(later).entries}
    finally:
        cache.close()


def test_version_7_cache_gets_categories_and_today_tables_in_place(tmp_path):
    cache, _ = _store(tmp_path)
    path = Path(cache.path)
    cache.close()
    con = sqlite3.connect(path)
    try:
        con.execute("DROP INDEX ix_orders_category_paid_at_customer_id")
        con.execute("DROP INDEX ix_customers_today")
        con.execute("DROP INDEX ix_customers_id_owner_id")
        con.execute("ALTER TABLE customers DROP COLUMN handed_over_at")
        con.execute("DROP INDEX ix_follow_ups_next_follow_up_on")
        con.execute("ALTER TABLE orders DROP COLUMN category")
        con.execute("ALTER TABLE follow_ups DROP COLUMN next_follow_up_on")
        con.execute("DROP TABLE today_actions")
        con.execute("DROP TABLE today_cycles")
        con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
        con.commit()
    finally:
        con.close()
    cache = open_cache(path)
    try:
        with cache.read() as conn:
            cats = dict(
                conn.exec_driver_sql(
                    "SELECT category, count(*) FROM orders GROUP BY category"
                ).all()
            )
            version = conn.exec_driver_sql(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).scalar()
        assert cats == {"formula": 24, "perfume": 6, None: 6}  # refunds: no purchase
        assert version == "8"
        q = TodayService(cache, G1).queue(NOW)
        assert q.cycles == {"formula": 30}
        TodayService(cache, G1).mark(q.entries[0].key, "done")
        assert q.entries[0].key not in {e.key for e in TodayService(cache, G1).queue(NOW).entries}
    finally:
        cache.close()
