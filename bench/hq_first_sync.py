"""HQ's first sync: rows in its cache, cache file size and seconds (issue 9 §2).

Seeds the demo chain (``guide-server demo``'s default sizes unless told otherwise) into a
SQLite server database, starts the real server on loopback and syncs a fresh HQ cache
with the real SyncEngine, ``--rounds`` times (a new cache each time). Prints each round
and the medians. Run it from two checkouts (before/after a change) to compare: the
server and the client both come from the checkout the script lives in.

    python bench/hq_first_sync.py                      # 3 stores × 200 customers × 800 orders
    python bench/hq_first_sync.py --stores 20 --customers 2000 --orders 5000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "demo1234"


def one_round(url: str, folder: Path) -> dict:
    from guide_app.cache.database import open_cache
    from guide_app.cache.tables import ENTITY_TABLES
    from guide_app.sync.api import ApiClient
    from guide_app.sync.engine import SyncEngine

    api = ApiClient(url)
    api.login("hq", PASSWORD, "bench-hq-first-sync")
    path = folder / "hq.db"
    cache = open_cache(path)
    engine = SyncEngine(cache, api)
    t0 = time.perf_counter()
    ok = engine.sync_once()
    wall = time.perf_counter() - t0
    rows: dict[str, int] = {}
    with cache.read() as conn:
        for entity, table in ENTITY_TABLES.items():
            rows[entity] = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table.name}").scalar())
    engine.stop()
    cache.close()
    api.close()
    size = sum(p.stat().st_size for p in folder.glob("hq.db*"))
    return {
        "ok": ok,
        "error": engine.status.error,
        "seconds": round(wall, 3),
        "rows": sum(rows.values()),
        "customers": rows.get("customer", 0),
        "orders": rows.get("order", 0),
        "users": rows.get("user", 0),
        "stores": rows.get("store", 0),
        "cache_mib": round(size / 2**20, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=3)
    parser.add_argument("--customers", type=int, default=200, help="per store")
    parser.add_argument("--orders", type=int, default=800, help="per store")
    parser.add_argument("--guides", type=int, default=3, help="per store")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from tests.support.server import ServerProcess, seed_demo

    with tempfile.TemporaryDirectory(prefix="bench-hq-") as tmp:
        data_dir = Path(tmp) / "server"
        data_dir.mkdir()
        url = f"sqlite:///{data_dir / 'guide.db'}"
        seeded = seed_demo(
            url,
            data_dir,
            stores=args.stores,
            customers=args.customers,
            orders=args.orders,
            guides=args.guides,
        )
        print(f"checkout {ROOT} (seeded in {seeded:.1f}s)", flush=True)
        server = ServerProcess(url, data_dir)
        server.start()
        results = []
        try:
            for n in range(args.rounds):
                folder = Path(tmp) / f"client-{n}"
                folder.mkdir()
                result = one_round(server.url, folder)
                print(json.dumps(result, ensure_ascii=False), flush=True)
                results.append(result)
        finally:
            server.stop()
    keys = ("seconds", "rows", "customers", "orders", "users", "stores", "cache_mib")
    medians = {k: statistics.median(r[k] for r in results) for k in keys}
    print("median " + json.dumps(medians, ensure_ascii=False))


if __name__ == "__main__":
    main()
