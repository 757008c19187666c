"""Edit on counter PC A → visible on PC B of the same store, with default settings.

Two real Sessions (own data dirs and cache files) against the real server on
loopback, both syncing on their own threads with the default intervals. A
changes a customer's notes; we time until B's cache shows it. Prints median
and max over ``--edits`` edits (target ≤ 5 s) and, as the floor measured in
the same run, one raw push + pull round trip over HTTP.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from keyring.backends import fail  # noqa: E402

from guide_app.auth import sign_in  # noqa: E402
from guide_app.services.customer_query import CustomerQuery  # noqa: E402
from guide_app.sync import protocol  # noqa: E402
from guide_app.sync.api import ApiClient  # noqa: E402


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def raw_round_trip(url: str, customer_id: str) -> float:
    """Floor: one push and one incremental pull, back to back, no engine."""
    with ApiClient(url) as api:
        api.login("s001-g2", "demo1234", "bench-raw")
        cursor = None
        while True:
            page = api.pull(cursor, protocol.MAX_PULL_LIMIT)
            cursor = page.cursor
            if not page.has_more:
                break
        m = protocol.Mutation(
            mutation_id=uuid.uuid4(),
            seq=1,
            entity="follow_up",
            op="create",
            entity_id=str(uuid.uuid4()),
            fields={
                "customer_id": customer_id,
                "channel": "chat",
                "text": "基线",
                "at": datetime.now(UTC).isoformat(),
            },
        )
        t0 = time.perf_counter()
        api.push("bench-raw", [m])
        api.pull(cursor, protocol.MAX_PULL_LIMIT)
        return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--orders", type=int, default=1000)
    args = parser.parse_args()
    keyring.set_keyring(fail.Keyring())  # never touch a real keyring from a benchmark

    from tests.support.server import ServerProcess, seed_demo

    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp:
        work = Path(tmp)
        db_url = f"sqlite:///{work / 'server.db'}"
        seed_demo(
            db_url,
            work / "server",
            stores=1,
            customers=args.customers,
            orders=args.orders,
            guides=2,
        )
        server = ServerProcess(db_url, work / "server")
        server.start()
        a = b = None
        try:
            a = sign_in(server.url, "s001-g1", "demo1234", data_dir=work / "pc-a")
            b = sign_in(server.url, "s001-mgr", "demo1234", data_dir=work / "pc-b")
            for s in (a, b):
                if not wait_until(lambda s=s: s.sync.status.last_sync_at is not None, 60):
                    print(f"initial sync failed: {s.sync.status.error}")
                    return 1
            cid = a.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
            floor = statistics.median(raw_round_trip(server.url, cid) for _ in range(5))
            latencies = []
            for i in range(args.edits):
                text = f"延迟测试 {i} {uuid.uuid4().hex[:6]}"
                t0 = time.perf_counter()
                a.customers.update(cid, notes=text)
                seen = wait_until(
                    lambda text=text: (card := b.customers.get(cid)) and card.notes == text, 30
                )
                latencies.append(time.perf_counter() - t0 if seen else float("inf"))
                time.sleep(random.uniform(0.1, 2.0))  # edits land at random phases of B's poll
        finally:
            for s in (a, b):
                if s is not None:
                    s.close()
            server.stop()

    med, worst = statistics.median(latencies), max(latencies)
    print(
        f"edits: {len(latencies)}  A→B visible: median {med:.2f} s, max {worst:.2f} s  (target ≤ 5 s)"
    )
    print(
        f"raw push+pull round trip (floor): median {floor * 1000:.0f} ms  → ratio {med / floor:.1f}x"
    )
    return 0 if worst <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
