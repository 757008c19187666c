"""Initial sync of a fresh client over loopback vs a raw SQLite bulk load of the same rows.

Seeds one store (default 100,000 customers with their tags and 500,000
orders) with the demo generator, starts the real server on loopback, then:

1. client: a fresh cache synced by the real SyncEngine in a child process
   (wall time, rows/s, peak RSS of that process);
2. baseline: the same pull downloaded raw (JSON lines in a temp file, not
   timed), then timed: parse + ``executemany`` into plain per-entity tables
   in a temp SQLite file.

Prints both and the ratio. Targets: client ≤ 60 s and ≤ 3× the baseline.
Scale down with ``--customers/--orders`` (e.g. 10000/50000 for a quick run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guide_core import protocol  # noqa: E402

USER = "s001-mgr"
PASSWORD = "demo1234"


def child(server: str, cache_path: Path, limit: int) -> None:
    """Runs in its own process so its peak RSS is the client's alone."""
    from guide_app.cache.database import open_cache
    from guide_app.sync.api import ApiClient
    from guide_app.sync.engine import SyncEngine

    api = ApiClient(server)
    api.login(USER, PASSWORD, "bench-initial-sync")
    cache = open_cache(cache_path)
    engine = SyncEngine(cache, api, pull_limit=limit)
    rows = 0

    def count(_changed: set[str]) -> None:
        nonlocal rows
        rows = engine.status.progress[0] if engine.status.progress else rows

    engine.add_change_listener(count)
    t0 = time.perf_counter()
    ok = engine.sync_once()
    wall = time.perf_counter() - t0
    with cache.read() as conn:
        customers = conn.exec_driver_sql("SELECT count(*) FROM customers").scalar()
        orders = conn.exec_driver_sql("SELECT count(*) FROM orders").scalar()
    engine.stop()
    cache.close()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "ok": ok,
                "error": engine.status.error,
                "wall": wall,
                "customers": customers,
                "orders": orders,
                "peak_rss_mib": peak_kib / 1024,
            }
        ),
        flush=True,
    )


def download_raw(server: str, limit: int, dest: Path) -> int:
    """All pages of the same pull as JSON lines (one change per line); returns the row count."""
    with httpx.Client(
        base_url=server, timeout=120, headers={protocol.PROTOCOL_HEADER: "1"}
    ) as http:
        r = http.post(
            "/api/v1/auth/login",
            json={"username": USER, "password": PASSWORD, "device_id": "bench-raw"},
        )
        r.raise_for_status()
        http.headers["Authorization"] = f"Bearer {r.json()['token']}"
        cursor, n = None, 0
        with dest.open("w", encoding="utf-8") as out:
            while True:
                params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
                page = http.get("/api/v1/sync/pull", params=params).json()
                for ch in page["changes"]:
                    out.write(json.dumps(ch, ensure_ascii=False) + "\n")
                n += len(page["changes"])
                cursor = page["cursor"]
                if not page["has_more"]:
                    return n


def raw_bulk_load(src: Path, db_path: Path, batch: int = 5000) -> float:
    """Timed: parse the JSON lines and executemany them into plain tables."""
    t0 = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    for entity in protocol.ENTITIES:
        conn.execute(f'CREATE TABLE "{entity}" (id TEXT PRIMARY KEY, version INTEGER, data TEXT)')
    pending: dict[str, list[tuple]] = {}
    with src.open(encoding="utf-8") as fh:
        for line in fh:
            ch = json.loads(line)
            rows = pending.setdefault(ch["entity"], [])
            rows.append((ch["id"], ch["version"], json.dumps(ch["data"], ensure_ascii=False)))
            if len(rows) >= batch:
                with conn:
                    conn.executemany(
                        f'INSERT OR REPLACE INTO "{ch["entity"]}" VALUES (?, ?, ?)', rows
                    )
                rows.clear()
    with conn:
        for entity, rows in pending.items():
            conn.executemany(f'INSERT OR REPLACE INTO "{entity}" VALUES (?, ?, ?)', rows)
    conn.close()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="pull page size (default: the sync engine's, PULL_LIMIT)",
    )
    parser.add_argument("--child", nargs=2, metavar=("SERVER", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.limit is None:
        from guide_app.sync.engine import PULL_LIMIT

        args.limit = PULL_LIMIT
    if args.child:
        child(args.child[0], Path(args.child[1]), args.limit)
        return 0

    from tests.support.server import seeded_server

    with tempfile.TemporaryDirectory(prefix="bench-initial-sync-") as tmp:
        work = Path(tmp)
        with seeded_server(
            work, customers=args.customers, orders=args.orders, guides=3, seed=1, timeout=60
        ) as server:
            print(
                f"seeded {args.customers:,} customers / {args.orders:,} orders in {server.seed_seconds:.1f} s"
            )
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--limit",
                    str(args.limit),
                    "--child",
                    server.url,
                    str(work / "client.db"),
                ],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
            if proc.returncode != 0 or not lines:
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return 1
            client = json.loads(lines[-1])
            t_dl = time.perf_counter()
            rows = download_raw(server.url, args.limit, work / "pull.jsonl")
            download = time.perf_counter() - t_dl
        raw = raw_bulk_load(work / "pull.jsonl", work / "raw.db")

    ratio = client["wall"] / raw
    print(
        f"rows pulled:        {rows:,} (client cache: {client['customers']:,} customers, {client['orders']:,} orders)"
    )
    print(
        f"client initial sync: {client['wall']:.1f} s  ({rows / client['wall']:,.0f} rows/s), "
        f"peak RSS {client['peak_rss_mib']:.0f} MiB, ok={client['ok']} {client['error'] or ''}"
    )
    print(f"server side alone (raw HTTP download of the same pull): {download:.1f} s")
    print(f"raw SQLite bulk load: {raw:.1f} s  ({rows / raw:,.0f} rows/s)")
    print(f"ratio client/raw:    {ratio:.2f}x   (targets: ≤ 60 s and ≤ 3x)")
    return 0 if client["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
