"""HQ's online customer search (``GET /admin/customers``) over a seeded chain: medians.

Seeds the demo generator into SQLite (or ``--database-url`` for PostgreSQL, which must be
empty), starts the real server and times searches as HQ's 客户 page makes them: the first
page of everything, a name, a phone's last four digits, a member-number prefix, one
store's list, and a page far down. Prints the median and p95 milliseconds of each over
``--repeat`` requests, with how many customers the chain holds.

    python bench/hq_customer_search.py --stores 10 --customers 10000 --orders 200
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", type=int, default=10)
    parser.add_argument("--customers", type=int, default=10000, help="per store")
    parser.add_argument("--orders", type=int, default=200, help="per store")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    from tests.support.server import ServerProcess, seed_demo, sign_in

    with tempfile.TemporaryDirectory(prefix="bench-hq-search-") as tmp:
        data_dir = Path(tmp)
        url = args.database_url or f"sqlite:///{data_dir / 'guide.db'}"
        took = seed_demo(
            url, data_dir, stores=args.stores, customers=args.customers, orders=args.orders
        )
        total = args.stores * args.customers
        print(f"{total} customers in {args.stores} stores, seeded in {took:.1f}s", flush=True)
        server = ServerProcess(url, data_dir)
        server.start()
        try:
            token, _ = sign_in(server.url, "hq")
            http = httpx.Client(
                base_url=server.url + "/api/v1",
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            first = http.get("/admin/customers", params={"limit": 1}).json()
            sample = first["customers"][0]["customer"]
            store = sample["store_id"]
            queries = {
                "everything, first page": {},
                "name 张": {"q": "张"},
                "name 王芳": {"q": "王芳"},
                "phone tail 1234": {"q": "1234"},
                "member no. prefix M1": {"q": "M1"},
                "one store": {"store_id": store},
                "offset 5000": {"offset": 5000},
            }
            for label, params in queries.items():
                times = []
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    r = http.get("/admin/customers", params={"limit": 50, **params})
                    times.append((time.perf_counter() - t0) * 1000)
                    assert r.status_code == 200, r.text
                times.sort()
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                print(
                    f"{label:24s} median {statistics.median(times):7.1f} ms"
                    f"  p95 {p95:7.1f} ms  ({len(r.json()['customers'])} rows)",
                    flush=True,
                )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
