"""今日 benchmark (issue 14): the Today queue over 100,000 customers and 500,000 orders
ready ≤ 100 ms, and as a ratio to the raw SQL it is built from.

Builds a real cache with its own generator — one store, ``--customers`` customers over
``--guides`` guides, ``--orders`` orders over the last two years (each customer has one or
two consumable categories bought on a personal rhythm around the category's, plus the
odd one-off), a follow-up history, birthdays, group flags, a few assignments due, a
birthday / 沉睡召回 / 复购 script each — applied through the app's own pull path
(``Cache.apply_pull_page`` in pages of 5,000, as a first sync would). Then, on the same
file in the same process:

- ``raw SQL``: the queries the queue is built from (``guide_app.services.today_queue``:
  follow-ups, replenishment window, candidate customers, marks, assignments), run
  directly with sqlite3 on the file, no app code;
- ``queue``: ``TodayService.queue`` (app defaults) — SQL, facts, the rules, ranking;
- ``cycles``: the weekly learning of repurchase cycles (a window function over every
  order), timed on its own, and the first queue of such a day (cycles stale) too.

Each ``--runs`` times; median and p95 printed, wall and CPU time (the machine may be
shared: CPU time says what the queue costs, wall time what a person waits) (target:
queue p95 ≤ 100 ms). The queue is guide 0's: 1/``--guides`` of the store's customers.

    .venv/bin/python bench/today.py
    .venv/bin/python bench/today.py --customers 100000 --orders 500000 --guides 20 --runs 30
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guide_app.cache.database import Cache, open_cache  # noqa: E402
from guide_core.protocol import Change, UserInfo  # noqa: E402

STORE = "store-bench"
PAGE = 5000
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=datetime.now().astimezone().tzinfo)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "静丽敏婷雪琳晓欣怡佳颖慧玲倩萍芳燕娜洁璐"
#: (item name, base cycle days, price in yuan): consumables with a rhythm, then one-offs.
PRODUCTS = (
    ("飞鹤 星飞帆奶粉 3段 800g", 30, 328),
    ("贝护 纸尿裤 L码 54片", 21, 139),
    ("暖芽 婴儿湿巾 80抽*6包", 25, 49),
    ("雪颜 补水修护面膜 5片装", 40, 99),
    ("植初 玻尿酸保湿精华液 30ml", 60, 268),
    ("澜泉 氨基酸洁面乳 120g", 55, 89),
    ("肌源 清透防晒乳 SPF50+", 80, 179),
    ("清沐 氨基酸洗发水 500ml", 45, 79),
)
ONE_OFFS = (
    ("木与岛 白茶淡香水 50ml", 459),
    ("绯色 丝绒雾面口红", 169),
    ("研白 护肤体验装礼盒", 399),
)


def _changes(customers: int, orders: int, guides: int, seed: int) -> list[Change]:
    rnd = random.Random(seed)
    version = iter(range(1, 10**9))
    out: list[Change] = []

    def add(entity: str, data: dict) -> None:
        out.append(Change(entity=entity, id=data["id"], version=next(version), data=data))

    add(
        "store",
        {"id": STORE, "code": "S900", "name": "测试店", "region_id": "r1", "region_name": "华东"},
    )
    guide_ids = [f"guide-{g:03d}" for g in range(guides)]
    for g, gid in enumerate(guide_ids):
        add(
            "user",
            {
                "id": gid,
                "username": f"s900-g{g}",
                "display_name": f"导购{g}",
                "role": "guide",
                "store_id": STORE,
                "active": True,
            },
        )
    for sid, title, words in (
        ("script-bd", "生日当天祝福", ["生日", "祝福"]),
        ("script-recall", "沉睡客户召回", ["沉睡", "召回"]),
        ("script-rep", "复购提醒：快用完了吧", ["复购"]),
        ("script-welcome", "新客欢迎", ["新客"]),
    ):
        add("script", {"id": sid, "title": title, "body": "{称呼}您好～", "keywords": words})
    today = NOW.date()
    start = today - timedelta(days=730)
    per_customer = orders / customers * 1.2  # some fall before the two years: capped below
    order_no = 0
    cust_rows = []
    for c in range(customers):
        cid = f"c{c:06d}"
        owner = guide_ids[c % guides]
        joined = start + timedelta(days=rnd.randrange(700)) - timedelta(days=rnd.randrange(400))
        n = max(0, int(rnd.expovariate(1 / per_customer) + 0.5))
        cats = rnd.sample(range(len(PRODUCTS)), rnd.choice((1, 1, 2)))
        paid = []
        for k in range(n):
            if rnd.random() < 0.85:
                name, base, price = PRODUCTS[cats[k % len(cats)]]
                rhythm = base * rnd.uniform(0.8, 1.3)
            else:
                name, price = rnd.choice(ONE_OFFS)
                rhythm = 60
            paid.append((name, price, rhythm))
        # lay the purchases back from a last day, each a rhythm apart
        last = today - timedelta(days=int(rnd.expovariate(1 / 80)))
        when = last
        days = []
        for name, price, rhythm in paid:
            days.append((when, name, price))
            when -= timedelta(days=max(1, int(rnd.gauss(rhythm, rhythm * 0.15))))
        spent = 0
        kept = []
        for day, name, price in days:
            if day < start or order_no >= orders:
                continue
            kept.append(day)
            order_no += 1
            t = datetime.combine(day, datetime.min.time(), UTC) + timedelta(
                hours=2 + rnd.randrange(11)
            )
            status = "refunded" if rnd.random() < 0.02 else "finished"
            cents = price * 100
            spent += cents if status == "finished" else 0
            add(
                "order",
                {
                    "id": f"o{order_no:07d}",
                    "channel": "pos",
                    "channel_order_no": f"P{order_no:09d}",
                    "store_id": STORE,
                    "customer_id": cid,
                    "status": status,
                    "amount_cents": cents,
                    "items": [{"sku": "", "name": name, "qty": 1, "price_cents": cents}],
                    "paid_at": t.isoformat(),
                },
            )
        birthday = date(rnd.randrange(1965, 2004), rnd.randrange(1, 13), rnd.randrange(1, 29))
        cust_rows.append(
            {
                "id": cid,
                "store_id": STORE,
                "owner_id": owner,
                "name": f"{SURNAMES[c % 20]}{GIVEN[(c * 7) % 20]}{GIVEN[(c // 20) % 20]}",
                "phone": f"138{c:08d}",
                "birthday": birthday.isoformat(),
                "member_since": joined.isoformat(),
                "in_group": rnd.random() < 0.4,
                "last_purchase_at": f"{max(kept)}T10:00:00+00:00" if kept else None,
                "first_purchase_at": f"{min(kept)}T10:00:00+00:00" if kept else None,
                "order_count": len(kept),
                "total_spent_cents": spent,
                "created_at": f"{joined}T09:00:00+00:00",
            }
        )
    for row in cust_rows:
        add("customer", row)
    # follow-ups: 1.5 per customer on average, the last with a next date now and then
    fu = 0
    for c in range(customers):
        for _ in range(rnd.choice((0, 1, 1, 2, 3))):
            fu += 1
            at = NOW - timedelta(days=rnd.randrange(365), hours=rnd.randrange(10))
            nxt = (at.date() + timedelta(days=rnd.randrange(3, 30))) if rnd.random() < 0.3 else None
            add(
                "follow_up",
                {
                    "id": f"f{fu:07d}",
                    "customer_id": f"c{c:06d}",
                    "store_id": STORE,
                    "guide_id": guide_ids[c % guides],
                    "channel": "chat",
                    "text": "回访",
                    "at": at.isoformat(),
                    "next_follow_up_on": nxt.isoformat() if nxt else None,
                },
            )
    for t in range(10):
        tid = f"task-{t}"
        add("task", {"id": tid, "title": f"门店任务 {t}", "kind": "display", "scope": "store",
                     "store_ids": [STORE]})  # fmt: skip
        for gid in guide_ids:
            due = NOW + timedelta(days=t - 5)
            add(
                "assignment",
                {
                    "id": f"a-{t}-{gid}",
                    "task_id": tid,
                    "guide_id": gid,
                    "store_id": STORE,
                    "status": "todo",
                    "due_at": due.isoformat(),
                },
            )
    return out


def build_cache(path: Path, customers: int, orders: int, guides: int, seed: int) -> Cache:
    cache = open_cache(path)
    rows = _changes(customers, orders, guides, seed)
    for n in range(0, len(rows), PAGE):
        cache.apply_pull_page(rows[n : n + PAGE], f"cursor-{n}", n + PAGE < len(rows))
    return cache


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95


def _fmt(samples: list[float]) -> str:
    med, p95 = stats(samples)
    return f"median {med:7.2f} ms   p95 {p95:7.2f} ms"


def raw_queries(con: sqlite3.Connection, user_id: str, params: dict) -> None:
    """The queue's SQL, straight on the file (sqlite3, no app code; one open connection,
    as the app's pool has)."""
    from guide_app.services import today_queue as q

    due = con.execute(q.FOLLOW_UPS_DUE_SQL, params["due"]).fetchall()
    rep = con.execute(q.REPLENISH_SQL, params["replenish"]).fetchall()
    ids = json.dumps(sorted({r[0] for r in rep} | {r[0] for r in due}))
    con.execute(q.CUSTOMERS_SQL, {**params["customers"], "ids": ids}).fetchall()
    con.execute(q.MARKS_SQL, {"me": user_id}).fetchall()
    con.execute(
        "SELECT a.id, t.title, json_extract(a.data, '$.due_at') FROM assignments a "
        "JOIN tasks t ON t.id = a.task_id WHERE a.guide_id = ? AND a.status IN (?, ?, ?)",
        (user_id, "todo", "in_progress", "sent_back"),
    ).fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--guides", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--cache", type=Path, help="reuse (or keep) the cache file here")
    args = parser.parse_args(argv)

    from guide_app.services import today_queue as q

    path = args.cache or Path(tempfile.mkdtemp(prefix="bench-today-")) / "cache.db"
    t0 = time.perf_counter()
    if path.exists():
        cache = open_cache(path)
    else:
        cache = build_cache(path, args.customers, args.orders, args.guides, args.seed)
    with cache.read() as conn:
        counts = {
            t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
            for t in ("customers", "orders", "follow_ups", "assignments")
        }
    print(
        f"cache {path}: {counts['customers']:,} customers, {counts['orders']:,} orders, "
        f"{counts['follow_ups']:,} follow-ups, {counts['assignments']:,} assignments "
        f"({time.perf_counter() - t0:.1f} s to build/open)"
    )
    user = UserInfo(
        id="guide-000", username="s900-g0", display_name="导购0", role="guide", store_id=STORE
    )
    service = q.TodayService(cache, user)

    # the once-a-day cycles, and the first queue of a day
    cold, learn = [], []  # cycles learned again: the first queue of a week
    for _ in range(max(3, args.runs // 10)):
        with cache.write() as conn:
            conn.exec_driver_sql("DELETE FROM today_cycles")
        t = time.perf_counter()
        with cache.write() as conn:
            q.learned_cycles(conn, NOW.date(), 5)
        learn.append((time.perf_counter() - t) * 1000)
        with cache.write() as conn:
            conn.exec_driver_sql("DELETE FROM today_cycles")
        t = time.perf_counter()
        service.queue(NOW)
        cold.append((time.perf_counter() - t) * 1000)
    with cache.read() as conn:
        cycles = conn.exec_driver_sql(
            "SELECT category, days, samples FROM today_cycles ORDER BY category"
        ).all()
    print("learned cycles (category, days, samples):", [tuple(r) for r in cycles])

    first = service.queue(NOW)
    kinds: dict[str, int] = {}
    for e in first.entries:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    print(f"queue of {user.id}: {len(first.entries)} entries {kinds}")
    for e in first.entries[:8]:
        print(f"  {e.kind:14} {e.title:8} {e.reason}")

    # the raw SQL's parameters, as the service binds them
    params = q.query_params(user.id, NOW, q.TodaySettings())

    con = sqlite3.connect(path)
    raw, warm, raw_cpu, warm_cpu = [], [], [], []
    for _ in range(args.runs):  # interleaved, so both see the same page cache
        t, c = time.perf_counter(), time.thread_time()
        raw_queries(con, user.id, params)
        raw.append((time.perf_counter() - t) * 1000)
        raw_cpu.append((time.thread_time() - c) * 1000)
        t, c = time.perf_counter(), time.thread_time()
        service.queue(NOW)
        warm.append((time.perf_counter() - t) * 1000)
        warm_cpu.append((time.thread_time() - c) * 1000)
    print(
        f"machine load average      : {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores (wall times include waiting for a core)"
    )
    print(f"raw SQL of the queue      : {_fmt(raw)}   (CPU {_fmt(raw_cpu)})")
    print(f"queue (TodayService.queue): {_fmt(warm)}   (CPU {_fmt(warm_cpu)})")
    print(
        f"ratio queue / raw SQL     : median {stats(warm)[0] / stats(raw)[0]:.2f} wall, "
        f"{stats(warm_cpu)[0] / stats(raw_cpu)[0]:.2f} CPU"
    )
    print(f"cycles learned (weekly)  : {_fmt(learn)}")
    print(f"first queue of a week     : {_fmt(cold)}")
    print(
        f"target queue p95 <= 100 ms: wall {'met' if stats(warm)[1] <= 100 else 'NOT met'}, "
        f"CPU {'met' if stats(warm_cpu)[1] <= 100 else 'NOT met'}"
    )
    con.close()
    cache.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
