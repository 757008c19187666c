"""Edit on counter PC A → visible on PC B of the same store, with the app's real defaults.

Two real Sessions (own data dirs and cache files) built the way the app builds them
(``guide_app.auth.sign_in`` with no options: the engine's defaults, which are also the
settings dialog's — ``ui.options`` takes them from ``guide_app.sync.engine``), against
the real server on loopback, both syncing on their own threads. A changes a customer's
notes; we time until B's cache shows it. Edits land at random moments (0.1–2 s apart).

Prints p50/p95/max over ``--edits`` edits (target p95 ≤ 1 s) and, measured in the same
run: the floor (one raw push + pull round trip over HTTP, no engine) and, unless
``--polling-edits 0``, the same edits with plain polling every 2 s (no long-poll), the
best the engine did before.

    .venv/bin/python bench/sync_latency.py
    .venv/bin/python bench/sync_latency.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import os
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
from guide_app.sync import engine as sync_engine  # noqa: E402
from guide_app.sync.api import ApiClient  # noqa: E402
from guide_core import protocol  # noqa: E402


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.002)
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


def edits(a, b, n: int, label: str) -> list[float]:
    """``n`` edits on A, each timed until B shows it (inf when not within 30 s)."""
    cid = a.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    latencies = []
    for i in range(n):
        time.sleep(random.uniform(0.1, 2.0))  # edits land at random phases of B's sync
        text = f"延迟测试 {label} {i} {uuid.uuid4().hex[:6]}"
        t0 = time.perf_counter()
        a.customers.update(cid, notes=text)
        seen = wait_until(
            lambda text=text: (card := b.customers.get(cid)) and card.notes == text, 30
        )
        latencies.append(time.perf_counter() - t0 if seen else float("inf"))
    return latencies


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def describe(name: str, lat: list[float]) -> str:
    return (
        f"{name:<28} p50 {statistics.median(lat) * 1000:6.0f} ms   p95 {pct(lat, 0.95) * 1000:6.0f} ms"
        f"   max {max(lat) * 1000:6.0f} ms   ({len(lat)} edits)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--polling-edits", type=int, default=10, help="0: skip the comparison")
    parser.add_argument("--customers", type=int, default=500)
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--database-url", help="PostgreSQL server (a fresh database is made)")
    args = parser.parse_args()
    keyring.set_keyring(fail.Keyring())  # never touch a real keyring from a benchmark

    from tests.support.server import ServerProcess, create_pg_database, seed_demo

    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp:
        work = Path(tmp)
        if args.database_url:
            os.environ["GUIDE_TEST_PG_URL"] = args.database_url
            db_url = create_pg_database()
        else:
            db_url = f"sqlite:///{work / 'server.db'}"
        seed_demo(
            db_url,
            work / "server",
            stores=1,
            customers=args.customers,
            orders=args.orders,
            guides=2,
        )
        server = ServerProcess(
            db_url, work / "server", workers=args.workers, env={"GUIDE_SERVER_ACCESS_LOG": "0"}
        )
        server.start(timeout=60)
        sessions = []
        try:
            a = sign_in(server.url, "s001-g1", "demo1234", data_dir=work / "pc-a")
            b = sign_in(server.url, "s001-mgr", "demo1234", data_dir=work / "pc-b")
            sessions += [a, b]
            for s in (a, b):
                if not wait_until(lambda s=s: s.sync.status.last_sync_at is not None, 120):
                    print(f"initial sync failed: {s.sync.status.error}")
                    return 1
            print(
                f"defaults: poll_wait_s={b.sync.poll_wait_s:g}, interval_s={b.sync.interval_s:g} "
                f"(engine: {sync_engine.DEFAULT_POLL_WAIT_S:g}/{sync_engine.DEFAULT_INTERVAL_S:g}); "
                f"server {db_url.split(':')[0]}, {args.workers} worker(s)",
                flush=True,
            )
            cid = a.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
            floor = [raw_round_trip(server.url, cid) for _ in range(5)]
            live = edits(a, b, args.edits, "live")
            polling: list[float] = []
            if args.polling_edits:
                for s in (a, b):  # what the engine did before: poll every 2 s
                    s.sync.poll_wait_s = 0
                    s.sync.interval_s = 2.0
                    s.sync.sync_now()
                time.sleep(3)
                polling = edits(a, b, args.polling_edits, "poll")
        finally:
            for s in sessions:
                s.close()
            server.stop()

    med = statistics.median(live)
    print(describe("A→B, app defaults (long-poll)", live) + "   target p95 ≤ 1000 ms")
    if polling:
        print(describe("A→B, polling every 2 s", polling))
    print(f"{'floor: raw push + pull':<28} p50 {statistics.median(floor) * 1000:6.0f} ms")
    print(
        f"ratio to floor: p50 {med / statistics.median(floor):.1f}x"
        + (
            f";  polling p50 / long-poll p50: {statistics.median(polling) / med:.1f}x"
            if polling
            else ""
        )
    )
    return 0 if pct(live, 0.95) <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
