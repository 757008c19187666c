"""kill -9 the sync process at random points, many times; count lost and doubled edits.

Each iteration queues a few edits (follow-ups, one script use) in the parent,
then starts ``python -m guide_app.sync.oneshot`` and kills it with SIGKILL
either at a named point of the engine (test hook) or after a random delay
(which lands anywhere: start-up, mid-push, mid-pull). At the end one clean
sync finishes the job and the server is read back as HQ:

- lost = an edit the server never got; duplicated = a follow-up twice, or
  the script's use counter off from the number of uses recorded.

Prints ``lost``, ``duplicated``, ``iterations``, time. Target: 0 and 0.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from keyring.backends import fail  # noqa: E402

from guide_app.auth import sign_in  # noqa: E402
from guide_app.services.customer_query import CustomerQuery  # noqa: E402
from guide_app.sync.api import ApiClient  # noqa: E402
from guide_app.sync.engine import PAUSE_POINTS  # noqa: E402
from guide_app.sync.oneshot import start_child, wait_for_line  # noqa: E402

POINTS = [p for p in PAUSE_POINTS if p != "between_push_batches"]


def server_state(url: str) -> dict[str, dict]:
    with ApiClient(url) as api:
        api.login("hq", "demo1234", "crash-stress-check")
        rows, cursor = {}, None
        while True:
            page = api.pull(cursor, 5000)
            for ch in page.changes:
                rows.setdefault(ch.entity, {})[ch.id] = ch
            cursor = page.cursor
            if not page.has_more:
                return rows


def one_kill(url: str, cache_file: Path, token: str, rng: random.Random) -> str:
    """Start the child and SIGKILL it somewhere; returns where."""
    if rng.random() < 0.6:
        point = rng.choice(POINTS)
        proc = start_child(url, cache_file, token, pause=f"{point}:30", pull_limit=3)
        line = wait_for_line(proc, "GUIDE_SYNC_PAUSE")
        where = point if line else f"{point} (not reached)"
    else:
        proc = start_child(url, cache_file, token, pull_limit=3)
        delay = rng.uniform(0.3, 1.5)
        time.sleep(delay)
        where = f"random {delay:.2f}s"
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if proc.stdout:
        proc.stdout.close()
    return where


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--edits", type=int, default=5, help="follow-ups queued per iteration")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    keyring.set_keyring(fail.Keyring())

    from tests.support.server import ServerProcess, seed_demo

    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        work = Path(tmp)
        db_url = f"sqlite:///{work / 'server.db'}"
        seed_demo(db_url, work / "server", stores=1, customers=200, orders=400, guides=2)
        server = ServerProcess(db_url, work / "server")
        server.start()
        session = None

        def sign_in_again():  # one process owns the cache: closed while a child runs
            return sign_in(
                server.url, "s001-g1", "demo1234", data_dir=work / "pc", start_sync=False
            )

        try:
            session = sign_in_again()
            assert session.sync.sync_once(), session.sync.status.error
            cache_file = session.cache.path
            cid = session.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
            script = session.scripts.list()[0]
            uses_before = server_state(server.url)["script"][script.id].data["use_count"]
            texts: list[str] = []
            uses = 0
            where = Counter()
            t0 = time.perf_counter()
            for it in range(args.iterations):
                for i in range(args.edits):
                    texts.append(f"压测 {it}-{i}")
                    session.customers.add_follow_up(cid, "chat", texts[-1])
                session.scripts.record_use(script.id)
                uses += 1
                token = session.api.token
                session.close()
                where[one_kill(server.url, cache_file, token, rng).split(" ")[0]] += 1
                session = sign_in_again()
            token = session.api.token
            session.close()
            proc = start_child(server.url, cache_file, token)
            out, _ = proc.communicate(timeout=300)
            elapsed = time.perf_counter() - t0
            session = sign_in_again()
            rows = server_state(server.url)
            local = Counter(f.text for f in session.customers.get(cid).follow_ups)
            pending = session.cache.outbox.count()
        finally:
            if session is not None:
                session.close()
            server.stop()

    arrived = Counter(ch.data["text"] for ch in rows["follow_up"].values() if ch.data)
    lost = sum(1 for t in texts if arrived[t] == 0)
    doubled = sum(1 for t in texts if arrived[t] > 1)
    uses_now = rows["script"][script.id].data["use_count"]
    use_delta = uses_now - uses_before - uses
    lost += max(0, -use_delta)
    doubled += max(0, use_delta)
    local_bad = sum(1 for t in texts if local[t] != 1)
    print(f"final sync: {out.strip()}  outbox left: {pending}")
    print(f"kill points: {dict(where)}")
    print(f"iterations: {args.iterations}  edits: {len(texts)} follow-ups + {uses} script uses")
    print(f"lost: {lost}  duplicated: {doubled}  local cache mismatches: {local_bad}")
    print(f"time: {elapsed:.1f} s")
    return 0 if lost == doubled == local_bad == pending == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
