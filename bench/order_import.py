"""Order import throughput and memory: Tmall 订单报表 CSVs of N rows into SQLite and PostgreSQL.

For each size (``--rows 100000,500000``) and database, a file is generated in the real
Tmall layout (UTF-8 BOM, CRLF, ``="…"`` numbers, ``¥`` amounts; every 10th order with
a whole phone of a seeded customer, the rest masked). Each repeat imports it with the
real engine (``guide_server.order_import.import_orders``: parse, stage, assemble, match,
write in 1,000-order transactions with versions and customer figures) in a fresh
subprocess on a freshly seeded database, and measures its wall time and peak RSS. The
baseline, in the same run, is the database's raw bulk path for the same rows: one
``executemany`` (SQLite) or ``COPY`` (PostgreSQL) of the already-parsed rows into
``orders`` on another fresh database. Prints medians: rows/s (target ≥ 20,000/s), the
engine/raw wall-time ratio, and peak RSS per size (flat as the file grows). rows/s is
given on wall time and on the engine process's CPU time (user + system): on a shared
machine the wall time includes waiting for a core.

    python bench/order_import.py --rows 20000 --repeat 1 --db sqlite   # quick
    python bench/order_import.py                                        # 100k and 500k, both
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CUSTOMERS = 2000


def _seed(kind: str, tmp: Path) -> str:
    from tests.support.server import create_pg_database, seed_demo

    if kind == "sqlite":
        url = f"sqlite:///{tmp / ('db-' + uuid.uuid4().hex[:8] + '.db')}"
    else:
        url = create_pg_database()
    seed_demo(url, None, stores=1, customers=CUSTOMERS, orders=10, guides=2)
    return url


def _drop(kind: str, url: str) -> None:
    if kind == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
    else:
        from sqlalchemy.engine import make_url

        from tests.support.server import drop_pg_database

        drop_pg_database(make_url(url).database)


def _phones(url: str) -> list[str]:
    from sqlalchemy import select

    from guide_server.db import Database
    from guide_server.models import Customer

    db = Database(url)
    try:
        with db.read() as s:
            return list(s.scalars(select(Customer.phone).where(Customer.phone != "").limit(500)))
    finally:
        db.dispose()


def _child_engine(url: str, path: str) -> None:
    import resource

    from guide_server.db import Database
    from guide_server.order_import import import_orders

    db = Database(url)
    started = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    report = import_orders(db, "tmall", [path], store_code="S001")
    took = time.perf_counter() - started
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = cpu1.ru_utime - cpu0.ru_utime + cpu1.ru_stime - cpu0.ru_stime
    db.dispose()
    print(json.dumps({"seconds": took, "cpu": cpu, "rss": _peak_rss_mib(),
                      "imported": report.orders_imported, "rejected": report.rejected,
                      "matched": report.orders_matched}))  # fmt: skip


def _peak_rss_mib() -> float:
    """This process's own peak RSS. Not ``ru_maxrss``: Linux carries the parent's peak
    over fork and exec into it (the parent here held a million parsed rows before)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_engine(url: str, path: Path) -> tuple[dict, float]:
    """The engine in a fresh process: its report figures and peak RSS (MiB)."""
    done = subprocess.run(
        [sys.executable, __file__, "--child-engine", url, str(path)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"engine run failed ({done.returncode})")
    report = json.loads(done.stdout.splitlines()[-1])
    return report, report["rss"]


def _raw_rows(path: Path, store_id: str) -> list[tuple]:
    """The file's rows as ``orders`` columns, parsed once outside the timing."""
    from datetime import UTC, datetime, timedelta

    rows = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for cells in reader:
            t = datetime.fromisoformat(cells[17]) - timedelta(hours=8)
            rows.append(
                (
                    str(uuid.uuid4()), "tmall", cells[0][2:-1], store_id, None, "finished",
                    int(cells[8][1:].replace(".", "")),
                    json.dumps([{"sku": "", "name": cells[19], "qty": 1, "price_cents": 0}]),
                    t.replace(tzinfo=UTC), None, None, cells[21][2:-1], cells[22],
                    t.replace(tzinfo=UTC), cells[12], cells[16], "",
                )
            )  # fmt: skip
    return rows


_COLUMNS = (
    "id, channel, channel_order_no, store_id, customer_id, status, amount_cents, items, "
    "paid_at, shipped_at, finished_at, logistics_no, logistics_company, ordered_at, "
    "buyer_name, buyer_phone, member_no"
)


def _run_raw(kind: str, url: str, path: Path) -> float:
    from sqlalchemy import select

    from guide_server.db import Database
    from guide_server.models import Store

    db = Database(url)
    with db.read() as s:
        store_id = s.scalar(select(Store.id).where(Store.code == "S001"))
    db.dispose()
    rows = _raw_rows(path, store_id)
    if kind == "sqlite":
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        values = [r[:8] + tuple(str(v) if v else None for v in r[8:11]) + r[11:13]
                  + (str(r[13]),) + r[14:] for r in rows]  # fmt: skip
        started = time.perf_counter()
        conn.executemany(f"INSERT INTO orders ({_COLUMNS}) VALUES ({', '.join('?' * 17)})", values)
        conn.commit()
        took = time.perf_counter() - started
        conn.close()
        return took
    import psycopg
    from sqlalchemy.engine import make_url

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        started = time.perf_counter()
        with conn.cursor().copy(f"COPY orders ({_COLUMNS}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(r)
        conn.commit()
        return time.perf_counter() - started


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child-engine":
        _child_engine(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="100000,500000", help="sizes, comma-separated")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from tests.server.order_samples import big_tmall_csv

    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    sizes = [int(n) for n in args.rows.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-orders-") as tmp_name:
        tmp = Path(tmp_name)
        phones_url = _seed("sqlite", tmp)
        phones = _phones(phones_url)  # the demo generator is seeded: same phones everywhere
        _drop("sqlite", phones_url)
        for rows in sizes:
            path = big_tmall_csv(tmp / f"tmall-{rows}.csv", rows, seed=8, phones=phones)
            size_mib = path.stat().st_size / 2**20
            for kind in kinds:
                engine_s, cpu_s, raw_s, rss = [], [], [], []
                for _ in range(args.repeat):
                    url = _seed(kind, tmp)
                    report, peak = _run_engine(url, path)
                    assert report["imported"] == rows and report["rejected"] == 0, report
                    _drop(kind, url)
                    url = _seed(kind, tmp)
                    raw = _run_raw(kind, url, path)
                    _drop(kind, url)
                    engine_s.append(report["seconds"])
                    cpu_s.append(report["cpu"])
                    raw_s.append(raw)
                    rss.append(peak)
                    print(
                        f"  {kind} {rows}: engine {report['seconds']:.1f}s wall,"
                        f" {report['cpu']:.1f}s CPU ({report['matched']} "
                        f"matched), raw {raw:.2f}s, peak RSS {peak:.0f} MiB",
                        flush=True,
                    )
                e, c, r, m = (statistics.median(x) for x in (engine_s, cpu_s, raw_s, rss))
                results.append((kind, rows, size_mib, rows / e, rows / c, e / r, m))
    print(f"\nmedians of {args.repeat}; load average now {os.getloadavg()[0]:.1f}")
    print("database  rows     file MiB  rows/s wall  rows/s CPU  engine/raw  peak RSS MiB")
    for kind, rows, size_mib, rate, cpu_rate, ratio, m in results:
        print(
            f"{kind:<9} {rows:<8} {size_mib:>8.0f}  {rate:>11,.0f}  {cpu_rate:>10,.0f}"
            f"  {ratio:>9.1f}x  {m:>12.0f}"
        )


if __name__ == "__main__":
    main()
