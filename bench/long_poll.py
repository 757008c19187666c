"""Long-poll at scale: 2,000 counter PCs holding a pull at once on 2 PostgreSQL workers.

Seeds a chain (500 stores × 4 guides = 2,000 guides, small stores) into a fresh
PostgreSQL database, starts the real server (``--workers 2``), gives every guide a token
and the cursor of an up-to-date cache (see :func:`prepare_clients`), then from this one
process (asyncio, raw sockets: the client side costs little) sends each guide's
``GET /sync/pull?wait=60`` and leaves them held. Measures:

1. the server's CPU (% of one core, all its processes) and memory (RSS, all processes)
   idle with nobody connected, then idle while holding every pull;
2. one change every guide can see (``material.use`` on an HQ material bumps ``global``):
   the time from sending that push until each held pull has its answer (p50/p95/max),
   and how many answered with the change.

The product caps a held pull at ``Settings.pull_wait_max_seconds`` (25 s); this run sets
``GUIDE_SERVER_PULL_WAIT_MAX_SECONDS=120`` so that every pull is still held when the
change comes (setting up 2,000 takes longer than 25 s on this machine).

    .venv/bin/python bench/long_poll.py
    .venv/bin/python bench/long_poll.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from tests.support.server import (  # noqa: E402
    DEFAULT_PG_URL,
    ServerProcess,
    create_pg_database,
    seed_demo,
)

TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------------- server process figures


def _tree(root: int) -> list[int]:
    """``root`` and every process below it (uvicorn's supervisor and its workers)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
        except OSError:
            pass
    return total


def _rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


async def server_load(root: int, seconds: float) -> tuple[float, float]:
    """(CPU % of one core, RSS MiB) of the server's processes over ``seconds``."""
    pids = _tree(root)
    t0, c0 = time.perf_counter(), _cpu_ticks(pids)
    await asyncio.sleep(seconds)
    t1, c1 = time.perf_counter(), _cpu_ticks(pids)
    return (c1 - c0) / TICKS / (t1 - t0) * 100, _rss_mib(pids)


# ---------------------------------------------------------------------- clients


def prepare_clients(database_url: str, usernames: list[str]) -> list[tuple[str, str]]:
    """(token, current cursor) per guide, written and signed straight from the database.

    2,000 argon2 sign-ins and first pulls take minutes here and measure nothing of the
    held pull, so the benchmark makes each guide's token itself and signs the cursor a
    full pull would have ended with (every scope at its counter, none warming) with the
    server's own key; one guide checks it over HTTP before the run.
    """
    from datetime import timedelta

    from sqlalchemy import select

    from guide_server.db import Database
    from guide_server.migrate import read_meta
    from guide_server.models import AuthToken, ScopeCounter, User
    from guide_server.models.base import utcnow
    from guide_server.reader import Reader
    from guide_server.security import new_token, token_hash
    from guide_server.sync.cursor import CursorState, encode_cursor

    db = Database(database_url)
    try:
        meta = read_meta(db)
        secret = bytes.fromhex(meta["cursor_secret"])
        out = []
        with db.write() as session:
            tops = {
                s: int(v) for s, v in session.execute(select(ScopeCounter.scope, ScopeCounter.v))
            }
            users = {
                u.username: u
                for u in session.scalars(select(User).where(User.username.in_(usernames)))
            }
            for name in usernames:
                user = users[name]
                reader = Reader(user.id, name, user.display_name, user.role, user.store_id, None)
                seen = {s: tops[s] for s in reader.scopes() if tops.get(s)}
                token = new_token()
                session.add(
                    AuthToken(
                        token_hash=token_hash(token),
                        user_id=user.id,
                        device_id=f"lp-{name}",
                        expires_at=utcnow() + timedelta(days=1),
                    )
                )
                out.append((token, encode_cursor(CursorState(meta["epoch"], seen), secret)))
        return out
    finally:
        db.dispose()


class Held:
    """One raw keep-alive connection with one held pull on it."""

    def __init__(self) -> None:
        self.answered_at: float | None = None
        self.status = 0
        self.changes = 0
        self.writer: asyncio.StreamWriter | None = None

    async def run(self, port: int, token: str, cursor: str, sent: asyncio.Event) -> None:
        reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        path = f"/api/v1/sync/pull?cursor={quote(cursor)}&limit=5000&wait=60"
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"X-Guide-Protocol: 1\r\n\r\n".encode()
        )
        await self.writer.drain()
        sent.set()
        head = await reader.readuntil(b"\r\n\r\n")
        self.status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        body = await reader.readexactly(length) if length else b""
        self.answered_at = time.perf_counter()
        if self.status == 200:
            self.changes = len(orjson.loads(body)["changes"])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(server: ServerProcess, usernames: list[str], idle_seconds: float) -> int:
    root = server.proc.pid
    async with httpx.AsyncClient(base_url=server.url, timeout=120) as client:
        t0 = time.perf_counter()
        guides = prepare_clients(server.database_url, usernames)
        token, cursor = guides[0]
        headers = {"Authorization": f"Bearer {token}"}
        r = await client.get("/api/v1/sync/pull", params={"cursor": cursor}, headers=headers)
        assert r.status_code == 200 and r.json()["changes"] == [], r.text  # current, and valid
        r = await client.get("/api/v1/sync/pull", params={"limit": 5000}, headers=headers)
        materials = [
            c["data"] for c in r.json()["changes"] if c["entity"] == "material" and c["data"]
        ]
        print(
            f"{len(guides)} guides with tokens and current cursors in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        await asyncio.sleep(2)
        cpu0, rss0 = await server_load(root, idle_seconds)
        print(f"idle, nobody connected:  CPU {cpu0:5.1f} %   RSS {rss0:6.0f} MiB", flush=True)

        held = [Held() for _ in guides]
        tasks = []
        t0 = time.perf_counter()
        for i, (h, (token, cursor)) in enumerate(zip(held, guides, strict=True)):
            sent = asyncio.Event()
            tasks.append(asyncio.create_task(h.run(server.port, token, cursor, sent)))
            await sent.wait()
            if i % 100 == 99:
                await asyncio.sleep(0.05)  # let the workers accept (listen backlog)
        print(f"{len(held)} held pulls sent in {time.perf_counter() - t0:.1f} s", flush=True)
        await asyncio.sleep(3)
        early = sum(h.answered_at is not None for h in held)
        cpu1, rss1 = await server_load(root, idle_seconds)
        print(
            f"idle, {len(held)} pulls held: CPU {cpu1:5.1f} %   RSS {rss1:6.0f} MiB"
            f"   (+{rss1 - rss0:.0f} MiB, {(rss1 - rss0) * 1024 / len(held):.0f} KiB per held pull;"
            f" answered before any change: {early})",
            flush=True,
        )

        # One change everybody can see: a use of an HQ material bumps it in ``global``.
        token = guides[0][0]
        material = materials[0]
        mutation = {
            "mutation_id": str(uuid.uuid4()),
            "seq": 0,
            "entity": "material",
            "op": "use",
            "entity_id": material["id"],
            "fields": {},
        }
        pushed_at = time.perf_counter()
        r = await client.post(
            "/api/v1/sync/push",
            json={"device_id": "lp-push", "mutations": [mutation]},
            headers={"Authorization": f"Bearer {token}"},
        )
        push_ms = (time.perf_counter() - pushed_at) * 1000
        assert r.json()["results"][0]["status"] == "applied", r.text
        done, _ = await asyncio.wait(tasks, timeout=60)
        for h in held:
            h.close()
        for task in tasks:
            task.cancel()
        answers = [h.answered_at - pushed_at for h in held if h.answered_at is not None]
        with_change = sum(h.changes > 0 for h in held)
        statuses: dict[int, int] = {}
        for h in held:
            statuses[h.status] = statuses.get(h.status, 0) + 1
        print(
            f"\none change (material.use → global), push answered in {push_ms:.0f} ms:\n"
            f"  answered {len(answers)}/{len(held)} (with the change: {with_change}; statuses {statuses})\n"
            f"  time from push to answer: p50 {statistics.median(answers) * 1000:.0f} ms, "
            f"p95 {pct(answers, 0.95) * 1000:.0f} ms, max {max(answers) * 1000:.0f} ms"
        )
        print(
            f"\nsummary: {len(held)} clients held on {server.workers} workers; idle CPU "
            f"{cpu1:.1f} % (nobody connected: {cpu0:.1f} %), RSS {rss1:.0f} MiB "
            f"(nobody connected: {rss0:.0f} MiB); fan-out of one change to all: "
            f"p50 {statistics.median(answers):.2f} s, p95 {pct(answers, 0.95):.2f} s, "
            f"max {max(answers):.2f} s"
        )
        return 0 if with_change == len(held) else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stores", type=int, default=500)
    ap.add_argument("--guides", type=int, default=4, help="per store")
    ap.add_argument("--clients", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--idle-seconds", type=float, default=10.0)
    ap.add_argument("--database-url", help=f"PostgreSQL server (default {DEFAULT_PG_URL})")
    args = ap.parse_args()
    if args.database_url:
        os.environ["GUIDE_TEST_PG_URL"] = args.database_url
    url = create_pg_database()
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"guide-long-poll-{uuid.uuid4().hex[:8]}"
    t0 = time.perf_counter()
    seed_demo(url, None, stores=args.stores, customers=4, orders=4, guides=args.guides)
    print(
        f"seeded {args.stores} stores × {args.guides} guides in {time.perf_counter() - t0:.0f} s",
        flush=True,
    )
    server = ServerProcess(
        url,
        tmp,
        workers=args.workers,
        env={"GUIDE_SERVER_ACCESS_LOG": "0", "GUIDE_SERVER_PULL_WAIT_MAX_SECONDS": "120"},
    )
    server.start(timeout=60)
    usernames = [
        f"s{n:03d}-g{g}" for n in range(1, args.stores + 1) for g in range(1, args.guides + 1)
    ][: args.clients]
    try:
        return asyncio.run(measure(server, usernames, args.idle_seconds))
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
