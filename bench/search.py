"""Search benchmark on a big local cache.

Builds a cache with its own generator (synthetic pulled rows bulk-applied
through ``Cache.apply_pull_page`` in pages of 5,000, timing those pages too),
then times ``guide_app.search.search`` per query type against a raw FTS5
MATCH of the same text on the same file, in the same run.

    .venv/bin/python bench/search.py                       # 100k customers, 500k orders, 20k content
    .venv/bin/python bench/search.py --customers 10000 --orders 50000 --content 2000
    .venv/bin/python bench/search.py --reuse               # keep bench/out/search-*.db between runs

Targets: search p95 ≤ 20 ms, and ≤ 2× the raw lookups on the same file (an
FTS5 MATCH per trigram-indexed table plus the customer search-key range; see
``raw_lookup``), as a ratio of p95s per query type and over all queries.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guide_app.cache.database import Cache, open_cache  # noqa: E402
from guide_app.cache.fts import fts_phrase  # noqa: E402
from guide_app.search import search  # noqa: E402
from guide_core.protocol import Change, UserInfo  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
PRODUCTS = "羊绒围巾 真丝衬衫 羊毛大衣 牛仔长裤 针织开衫 皮质手袋 运动跑鞋 纯棉T恤 羽绒马甲 亚麻长裙 蚕丝睡衣 丝巾礼盒 保湿面霜 修护精华 防晒喷雾 香氛蜡烛 珍珠耳钉 银质手链 休闲西装 毛呢半裙".split()
WORDS = "新品 上市 会员 专享 折扣 生日 礼遇 到店 体验 限时 活动 积分 兑换 秋冬 穿搭 推荐 搭配 技巧 保养 指南 感谢 支持 回访 关怀 节日 祝福 预约 试穿 预售 福利".split()
CHANNELS = ("tmall", "jd", "youzan", "douyin", "pos")
PREFIX = {"tmall": "TM", "jd": "JD", "youzan": "YZ", "douyin": "DY", "pos": "POS"}
STORE = "store-bench"
GUIDES = [f"guide-{i}" for i in range(20)]
USER = UserInfo(id=GUIDES[0], username="g0", display_name="导购0", role="guide", store_id=STORE)
PAGE = 5000
OUT = Path(__file__).resolve().parent / "out"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def generate(cache: Cache, customers: int, orders: int, content: int, seed: int = 7) -> dict:
    """Fill ``cache``; returns samples for queries and the page timings."""
    rng = random.Random(seed)
    version = iter(range(1, 10**9))
    timings: dict[str, list[float]] = {
        f"{prefix}{k}": []
        for prefix in ("", "raw ", "cpu ")
        for k in ("customer", "order", "content")
    }
    samples: dict[str, list[str]] = {
        "names": [],
        "phones": [],
        "members": [],
        "orders": [],
        "bodies": [],
    }
    today = date(2026, 11, 23)

    raw_path = Path(str(cache.path) + ".raw-baseline")
    raw = sqlite3.connect(raw_path, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, version INTEGER, data TEXT)")

    def flush(kind: str, batch: list[Change]) -> None:
        start, cpu = time.perf_counter(), time.process_time()
        cache.apply_pull_page(batch, f"bench-{next(version)}")
        timings[kind].append((time.perf_counter() - start) * 1000)
        timings["cpu " + kind].append((time.process_time() - cpu) * 1000)
        # the baseline: the same rows as JSON into a plain table, one transaction
        start = time.perf_counter()
        raw.execute("BEGIN")
        raw.executemany(
            "INSERT OR REPLACE INTO rows VALUES (?, ?, ?)",
            [(c.id, c.version, json.dumps(c.data, ensure_ascii=False)) for c in batch],
        )
        raw.execute("COMMIT")
        timings["raw " + kind].append((time.perf_counter() - start) * 1000)
        batch.clear()

    base = [
        Change(
            entity="store",
            id=STORE,
            version=next(version),
            data={
                "id": STORE,
                "code": "B001",
                "name": "基准店",
                "region_id": "r",
                "region_name": "华东",
            },
        )
    ]
    for i, gid in enumerate(GUIDES):
        base.append(
            Change(
                entity="user",
                id=gid,
                version=next(version),
                data={
                    "id": gid,
                    "username": f"g{i}",
                    "display_name": f"导购{i}",
                    "role": "guide",
                    "store_id": STORE,
                },
            )
        )
    cache.apply_pull_page(base, "bench-0")

    customer_ids = []
    batch: list[Change] = []
    for i in range(customers):
        cid = str(uuid.UUID(int=rng.getrandbits(128)))
        owner = rng.choice(GUIDES)
        phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        name = _name(rng)
        last = today - timedelta(days=rng.randrange(0, 900))
        data = {
            "id": cid,
            "store_id": STORE,
            "owner_id": owner,
            "name": name,
            "remark_name": rng.choice(("", "", "", name[-1] + "姐", "老" + name[0])),
            "phone": phone if owner == USER.id else f"{phone[:3]}****{phone[-4:]}",
            "phone_masked": owner != USER.id,
            "member_no": f"M{i:08d}",
            "level": rng.choice(("normal", "normal", "silver", "gold", "black")),
            "member_since": (last - timedelta(days=rng.randrange(0, 900))).isoformat(),
            "last_purchase_at": f"{last.isoformat()}T12:00:00+08:00",
            "order_count": rng.randrange(0, 30),
            "in_group": rng.random() < 0.4,
        }
        customer_ids.append(cid)
        if i % 97 == 0:
            samples["names"].append(name)
            samples["phones"].append(phone[-4:])
            samples["members"].append(data["member_no"])
        batch.append(Change(entity="customer", id=cid, version=next(version), data=data))
        if len(batch) >= PAGE:
            flush("customer", batch)
    if batch:
        flush("customer", batch)
    for i in range(orders):
        channel = rng.choice(CHANNELS)
        no = f"{PREFIX[channel]}{2024000000000 + i * 7919 % 10**12:013d}"
        items = [
            {
                "sku": f"S{rng.randrange(5000)}",
                "name": rng.choice(PRODUCTS),
                "qty": rng.randrange(1, 3),
                "price_cents": rng.randrange(5000, 300000),
            }
            for _ in range(rng.choice((1, 1, 2, 3)))
        ]
        oid = f"o-{i}"
        data = {
            "id": oid,
            "channel": channel,
            "channel_order_no": no,
            "store_id": STORE,
            "customer_id": rng.choice(customer_ids) if customer_ids else None,
            "status": "finished",
            "amount_cents": sum(x["price_cents"] * x["qty"] for x in items),
            "items": items,
            "paid_at": f"{(today - timedelta(days=rng.randrange(730))).isoformat()}T10:00:00+08:00",
        }
        if i % 499 == 0:
            samples["orders"].append(no)
        batch.append(Change(entity="order", id=oid, version=next(version), data=data))
        if len(batch) >= PAGE:
            flush("order", batch)
    if batch:
        flush("order", batch)
    for i in range(content):
        title = "".join(rng.choice(WORDS) for _ in range(3)) + f"{i}"
        body = (
            "{称呼}您好，"
            + "，".join("".join(rng.choice(WORDS) for _ in range(3)) for _ in range(8))
            + "。"
        )
        if i % 2:
            data = {"id": f"sc-{i}", "title": title, "body": body, "keywords": rng.sample(WORDS, 2)}
            batch.append(Change(entity="script", id=data["id"], version=next(version), data=data))
            if i % 101 == 1:
                samples["bodies"].append(body[8:12])
        else:
            data = {
                "id": f"mt-{i}",
                "kind": "poster",
                "title": title,
                "description": body[4:60],
                "tags": rng.sample(WORDS, 3),
            }
            batch.append(Change(entity="material", id=data["id"], version=next(version), data=data))
        if len(batch) >= PAGE:
            flush("content", batch)
    for i in range(max(1, content // 100)):
        batch.append(
            Change(
                entity="task",
                id=f"task-{i}",
                version=next(version),
                data={
                    "id": f"task-{i}",
                    "title": "".join(rng.sample(WORDS, 3)),
                    "kind": "outreach",
                },
            )
        )
    if batch:
        flush("content", batch)
    raw.close()
    for p in Path(raw_path).parent.glob(raw_path.name + "*"):
        p.unlink()
    return {"samples": samples, "timings": timings}


def queries(samples: dict[str, list[str]], rng: random.Random, n: int) -> dict[str, list[str]]:
    from guide_app.cache.pinyin_index import pinyin_of

    names = samples["names"]
    return {
        "initials (zs)": [pinyin_of(rng.choice(names))[1][:2] for _ in range(n)],
        "full pinyin": [pinyin_of(rng.choice(names))[0] for _ in range(n)],
        "phone last 4": [rng.choice(samples["phones"]) for _ in range(n)],
        "member no.": [rng.choice(samples["members"]) for _ in range(n)],
        "order no.": [rng.choice(samples["orders"]) for _ in range(n)] if samples["orders"] else [],
        "1-char Chinese": [rng.choice(SURNAMES) for _ in range(n)],
        "2-char Chinese": [rng.choice(names)[-2:] for _ in range(n)],
        "3-char name": [n3 for n3 in (rng.choice(names) for _ in range(n * 3)) if len(n3) >= 3][:n],
        "script body": [rng.choice(samples["bodies"]) for _ in range(n)]
        if samples["bodies"]
        else [],
        "item name": [rng.choice(PRODUCTS)[:3] for _ in range(n)],
    }


FTS_TABLES = ("orders_fts", "scripts_fts", "materials_fts", "tasks_fts")


def raw_lookup(cache: Cache, text: str, limit: int) -> int:
    """The baseline: the one raw lookup per kind that any search must do, rowids only:
    an FTS5 MATCH per trigram-indexed table (3+ characters) and the customer
    search-key range (customers are indexed by name suffixes, not trigrams)."""
    got = 0
    t = text.lower()
    with cache.read() as conn:
        got += len(
            conn.exec_driver_sql(
                "SELECT customer_id FROM customer_search_keys WHERE key >= ? AND key < ? LIMIT ?",
                (t, t + "\U0010ffff", limit),
            ).all()
        )
        if len(t) >= 3:
            for table in FTS_TABLES:
                got += len(
                    conn.exec_driver_sql(
                        f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?",
                        (fts_phrase(text), limit),
                    ).all()
                )
    return got


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def add_size_args(ap: argparse.ArgumentParser) -> None:
    """The big cache's sizes (``--customers/--orders/--content``); ui_search.py shares them."""
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--orders", type=int, default=500_000)
    ap.add_argument("--content", type=int, default=20_000)


def cache_paths(customers: int, orders: int, content: int) -> tuple[Path, Path]:
    """``(cache file, its query samples)`` in bench/out for these sizes."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"search-{customers}-{orders}-{content}.db"
    return path, path.with_suffix(".samples.json")


def build_cache(customers: int, orders: int, content: int) -> dict:
    """Build the cache file afresh and write its samples; returns ``generate``'s result
    and, under ``"seconds"``, how long ``generate`` took."""
    path, samples_path = cache_paths(customers, orders, content)
    for p in OUT.glob(path.name + "*"):
        p.unlink()
    cache = open_cache(path)
    start = time.perf_counter()
    built = generate(cache, customers, orders, content)
    built["seconds"] = time.perf_counter() - start
    samples_path.write_text(json.dumps(built["samples"], ensure_ascii=False))
    cache.close()
    return built


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_size_args(ap)
    ap.add_argument("--queries", type=int, default=60, help="queries per type")
    ap.add_argument(
        "--reuse", action="store_true", help="reuse a cache built earlier with the same sizes"
    )
    args = ap.parse_args()
    path, samples_path = cache_paths(args.customers, args.orders, args.content)

    if not (args.reuse and path.exists() and samples_path.exists()):
        built = build_cache(args.customers, args.orders, args.content)
        print(f"built {path.name} in {built['seconds']:.1f} s")
        timings = built["timings"]
        for kind in ("customer", "order", "content"):
            t, r = timings[kind], timings["raw " + kind]
            if t:
                print(
                    f"  apply_pull_page, 5,000 {kind} rows: median {statistics.median(t):.0f} ms, "
                    f"p95 {pct(t, 0.95):.0f} ms over {len(t)} pages (CPU median "
                    f"{statistics.median(timings['cpu ' + kind]):.0f} ms); raw SQLite insert of the "
                    f"same rows median {statistics.median(r):.0f} ms; ratio "
                    f"{statistics.median(t) / statistics.median(r):.1f}"
                )
    cache = open_cache(path)
    samples = json.loads(samples_path.read_text())
    rng = random.Random(11)
    limit = 8
    print(
        f"\n{'query type':<16} {'search p50':>10} {'p95':>8} {'raw p50':>8} {'p95':>8}"
        f" {'ratio p95':>9} {'ratio p50':>9} {'with hits':>9}"
    )
    all_search, all_raw = [], []
    for kind, texts in queries(samples, rng, args.queries).items():
        if not texts:
            continue
        for t in texts[:5]:  # warm the page cache
            search(cache, USER, t, limit)
            raw_lookup(cache, t, limit * 4)
        s_times, r_times, found = [], [], 0
        for t in texts:
            a = time.perf_counter()
            res = search(cache, USER, t, limit)
            b = time.perf_counter()
            raw_lookup(cache, t, limit * 4)
            c = time.perf_counter()
            s_times.append((b - a) * 1000)
            r_times.append((c - b) * 1000)
            found += bool(res)
        all_search += s_times
        all_raw += r_times
        print(
            f"{kind:<16} {statistics.median(s_times):>8.2f}ms {pct(s_times, 0.95):>6.2f}ms"
            f" {statistics.median(r_times):>6.2f}ms {pct(r_times, 0.95):>6.2f}ms"
            f" {pct(s_times, 0.95) / pct(r_times, 0.95):>9.2f}"
            f" {statistics.median(s_times) / statistics.median(r_times):>9.2f} {found:>4}/{len(texts)}"
        )
    print(
        f"\nall queries: search p95 {pct(all_search, 0.95):.2f} ms, raw lookups p95 "
        f"{pct(all_raw, 0.95):.2f} ms, ratio {pct(all_search, 0.95) / pct(all_raw, 0.95):.2f}; "
        f"medians {statistics.median(all_search):.2f} / {statistics.median(all_raw):.2f} ms, ratio "
        f"{statistics.median(all_search) / statistics.median(all_raw):.2f} "
        "(target: p95 ≤ 20 ms, ratio ≤ 2)"
    )
    cache.close()


if __name__ == "__main__":
    main()
