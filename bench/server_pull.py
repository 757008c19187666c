"""Server side of a full initial pull: rows/s per page, first vs last pages, total time.

Seeds one store with N customers / M orders (default 100,000 / 500,000, about
978k synced rows with tags and follow-ups) into a SQLite file that is kept
between runs (``--db``; seeding 100k/500k takes ~2 min), starts the real server
(``ServerProcess``), signs in as ``s001-g1`` and pulls everything from an empty
cursor with ``limit=1000`` (the client's default) and ``limit=5000``, timing
each page. As a baseline it reads the same tables with a plain ``SELECT *``
through ``sqlite3`` and prints the ratio.

    .venv/bin/python bench/server_pull.py                          # 100k / 500k
    .venv/bin/python bench/server_pull.py --customers 20000 --orders 100000
    .venv/bin/python bench/server_pull.py --profile                # cProfile of pull() in-process

Target: the whole client initial sync ≤ 60 s, so the server's part should
stay ≥ 50k rows/s with no slowdown from the first pages to the last.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from tests.support.server import DEMO_PASSWORD, ServerProcess, seed_demo, sign_in

USER = "s001-g1"
OUT = Path(__file__).resolve().parent / "out"


def ensure_db(path: Path, customers: int, orders: int) -> None:
    """Seed once; a finished file is reused (seeded under a temp name, then renamed)."""
    if path.exists():
        print(f"reusing {path}")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".seeding")
    for p in tmp.parent.glob(tmp.name + "*"):
        p.unlink()
    print(f"seeding {customers} customers / {orders} orders into {path} …", flush=True)
    t0 = time.perf_counter()
    seed_demo(f"sqlite:///{tmp}", None, customers=customers, orders=orders, guides=2)
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    tmp.rename(path)
    print(f"seeded in {time.perf_counter() - t0:.1f} s")


def raw_read(url: str) -> tuple[int, float]:
    """``SELECT *`` of every synced table plus the change index, through the bare driver."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from guide_server.models import ENTITY_MODELS, SyncRow

    tables = [SyncRow.__tablename__, *(m.__tablename__ for m in ENTITY_MODELS.values())]
    if url.startswith("sqlite"):
        conn = sqlite3.connect(make_url(url).database)
    else:
        engine = create_engine(url)
        conn = engine.raw_connection()
    t0 = time.perf_counter()
    n = 0
    for t in tables:
        cur = conn.cursor()
        cur.execute(f'SELECT * FROM "{t}"')
        rows = cur.fetchall()
        if t != SyncRow.__tablename__:
            n += len(rows)
    elapsed = time.perf_counter() - t0
    conn.close()
    return n, elapsed


def pull_all(url: str, token: str, limit: int) -> list[tuple[int, float]]:
    """Every page from an empty cursor: ``[(rows, seconds)]``.

    A page's time is the request until its whole body has arrived (the server's
    part plus loopback); parsing it here is not counted.
    """
    pages: list[tuple[int, float]] = []
    cursor = ""
    headers = {"Authorization": f"Bearer {token}", "X-Guide-Protocol": "1"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        while True:
            t0 = time.perf_counter()
            r = client.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": limit})
            r.raise_for_status()
            elapsed = time.perf_counter() - t0
            body = orjson.loads(r.content)
            pages.append((len(body["changes"]), elapsed))
            cursor = body["cursor"]
            if not body["has_more"]:
                return pages


def rate(pages: list[tuple[int, float]]) -> float:
    rows = sum(p[0] for p in pages)
    secs = sum(p[1] for p in pages)
    return rows / secs if secs else 0.0


def report(limit: int, pages: list[tuple[int, float]], raw_secs: float) -> None:
    tenth = max(1, len(pages) // 10)
    rows = sum(p[0] for p in pages)
    total = sum(p[1] for p in pages)
    print(
        f"limit={limit:>5}: {len(pages)} pages, {rows} rows in {total:.2f} s "
        f"= {rows / total:,.0f} rows/s; first 10% {rate(pages[:tenth]):,.0f} rows/s, "
        f"last 10% {rate(pages[-tenth:]):,.0f} rows/s; "
        f"slowest page {max(p[1] for p in pages) * 1000:.0f} ms; "
        f"{total / raw_secs:.1f}x the raw read"
    )


def profile_in_process(url: str, limit: int, top: int) -> None:
    """cProfile of ``pull()`` called directly (no HTTP), over every page."""
    from sqlalchemy import select

    from guide_server.db import Database
    from guide_server.models import Store, User
    from guide_server.reader import Reader
    from guide_server.sync.pull import CounterCache, ServerKeys, pull

    db = Database(url)
    with db.read() as s:
        u = s.scalars(select(User).where(User.username == USER)).one()
        store = s.get(Store, u.store_id)
        reader = Reader(u.id, u.username, u.display_name, u.role, u.store_id, store.region_id)
    keys = ServerKeys("bench-epoch", b"bench-secret")
    prof = cProfile.Profile()
    cursor, n, t0 = "", 0, time.perf_counter()
    prof.enable()
    while True:
        page = pull(db, reader, cursor, limit, keys, CounterCache(0))
        n += len(page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    prof.disable()
    secs = time.perf_counter() - t0
    print(f"in-process pull(), limit={limit}: {n} rows in {secs:.2f} s = {n / secs:,.0f} rows/s")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(top)
    db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--orders", type=int, default=500_000)
    ap.add_argument("--db", type=Path, help="seeded SQLite file to reuse (created if missing)")
    ap.add_argument(
        "--database-url", help="an already seeded database instead (e.g. PostgreSQL); no seeding"
    )
    ap.add_argument("--limits", default="1000,5000", help="page sizes to pull with")
    ap.add_argument("--profile", action="store_true", help="cProfile pull() in-process instead")
    ap.add_argument("--top", type=int, default=35, help="profile lines to print")
    args = ap.parse_args()

    db_path = args.db or OUT / f"server_pull-{args.customers}-{args.orders}.db"
    if args.database_url:
        url = args.database_url
        db_path = OUT / "server_pull-url.db"  # only names the server's data dir
    else:
        ensure_db(db_path, args.customers, args.orders)
        url = f"sqlite:///{db_path}"
    limits = [int(x) for x in args.limits.split(",") if x]

    if args.profile:
        profile_in_process(url, limits[0], args.top)
        return

    raw_rows, raw_secs = raw_read(url)
    print(
        f"raw driver SELECT * of the synced tables: {raw_rows} rows in {raw_secs:.2f} s "
        f"= {raw_rows / raw_secs:,.0f} rows/s"
    )

    data_dir = db_path.with_name(db_path.stem + ".data")
    if data_dir.exists():
        shutil.rmtree(data_dir)
    with ServerProcess(url, data_dir) as server:
        token, _user = sign_in(server.url, USER, DEMO_PASSWORD, device_id="bench-server-pull")
        for limit in limits:
            pages = pull_all(server.url, token, limit)
            report(limit, pages, raw_secs)


if __name__ == "__main__":
    main()
