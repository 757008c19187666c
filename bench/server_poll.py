"""Server throughput: idle pulls/s (target ≥ 1,000 on 2 cores), their p50/p95, and pushes/s.

Seeds the demo chain at 1,000 stores (small per-store sizes) into a temporary
SQLite file (or ``--database-url`` for PostgreSQL), starts the real server
(uvicorn, ``--workers``), signs in a few hundred guides, gives each one initial
pull, then a load generator in a separate process hammers the server over
loopback with keep-alive connections:

1. baseline: ``GET /api/v1/health`` (routing + one ``SELECT 1``);
2. idle pulls: every guide's cursor is current, so nothing new comes back;
3. pushes: ``follow_up.create`` for a customer of the guide's store.

Prints requests/s, p50/p95 latency and the idle-pull / baseline ratio.

    .venv/bin/python bench/server_poll.py                 # SQLite, 1,000 stores
    .venv/bin/python bench/server_poll.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout

from tests.support.server import ServerProcess, create_pg_database, seed_demo


async def _one_connection(
    host: str,
    port: int,
    requests: list[bytes],
    stop_at: float,
    lat: list[float],
    statuses: dict[int, int],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = 0
    while time.perf_counter() < stop_at:
        raw = requests[i % len(requests)]
        i += 1
        t0 = time.perf_counter()
        writer.write(raw)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        if length:
            await reader.readexactly(length)
        lat.append(time.perf_counter() - t0)
        statuses[status] = statuses.get(status, 0) + 1
    writer.close()


def _load(
    host: str, port: int, requests: list[bytes], seconds: float, connections: int, out
) -> None:
    """Runs in its own process: fire ``requests`` round-robin for ``seconds``."""
    lat: list[float] = []
    statuses: dict[int, int] = {}

    async def main() -> None:
        stop_at = time.perf_counter() + seconds
        per = [requests[i::connections] or requests for i in range(connections)]
        await asyncio.gather(*(_one_connection(host, port, p, stop_at, lat, statuses) for p in per))

    start = time.perf_counter()
    asyncio.run(main())
    out.put((time.perf_counter() - start, lat, statuses))


def _get(path: str, token: str | None, host: str) -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}X-Guide-Protocol: 1\r\n\r\n".encode()


def _post(path: str, token: str, body: dict, host: str) -> bytes:
    data = orjson.dumps(body)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\nX-Guide-Protocol: 1\r\n\r\n"
    )
    return head.encode() + data


def measure(
    server: ServerProcess, name: str, requests: list[bytes], seconds: float, connections: int
) -> dict:
    out: mp.Queue = mp.Queue()
    proc = mp.Process(
        target=_load, args=("127.0.0.1", server.port, requests, seconds, connections, out)
    )
    proc.start()
    elapsed, lat, statuses = out.get()
    proc.join()
    lat.sort()
    n = len(lat)
    result = {
        "name": name,
        "requests": n,
        "per_s": n / elapsed,
        "p50_ms": statistics.median(lat) * 1000 if lat else float("nan"),
        "p95_ms": lat[int(n * 0.95)] * 1000 if lat else float("nan"),
        "statuses": statuses,
    }
    print(
        f"{name:<12} {result['per_s']:8.0f} req/s   p50 {result['p50_ms']:6.1f} ms   "
        f"p95 {result['p95_ms']:6.1f} ms   ({n} requests, statuses {statuses})",
        flush=True,
    )
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stores", type=int, default=1000)
    ap.add_argument("--customers", type=int, default=10, help="per store")
    ap.add_argument("--orders", type=int, default=20, help="per store")
    ap.add_argument("--guides", type=int, default=300, help="guides signed in")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument(
        "--database-url", help="PostgreSQL server to use (a fresh database is created on it)"
    )
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    if args.database_url:
        import os

        os.environ["GUIDE_TEST_PG_URL"] = args.database_url
        url = create_pg_database()
    else:
        url = f"sqlite:///{tmp / 'guide.db'}"
    t0 = time.perf_counter()
    seed_demo(url, tmp, stores=args.stores, customers=args.customers, orders=args.orders, guides=1)
    print(
        f"seeded {args.stores} stores in {time.perf_counter() - t0:.1f}s ({url.split('://')[0]})",
        flush=True,
    )

    server = ServerProcess(url, tmp, workers=args.workers, env={"GUIDE_SERVER_ACCESS_LOG": "0"})
    server.start(timeout=60)
    try:
        host = f"127.0.0.1:{server.port}"
        client = httpx.Client(base_url=server.url, timeout=60)
        guides = []
        t0 = time.perf_counter()
        for n in range(1, min(args.guides, args.stores) + 1):
            r = client.post(
                "/api/v1/auth/login",
                json={
                    "username": f"s{n:03d}-g1",
                    "password": "demo1234",
                    "device_id": f"bench-{n}",
                },
            )
            r.raise_for_status()
            token = r.json()["token"]
            h = {"Authorization": f"Bearer {token}"}
            cursor, customers = "", []
            while True:
                page = client.get(
                    "/api/v1/sync/pull", params={"cursor": cursor, "limit": 5000}, headers=h
                ).json()
                customers += [
                    c["id"]
                    for c in page["changes"]
                    if c["entity"] == "customer" and not c["deleted"]
                ]
                cursor = page["cursor"]
                if not page["has_more"]:
                    break
            guides.append((token, cursor, customers))
        print(
            f"signed in and pulled {len(guides)} guides in {time.perf_counter() - t0:.1f}s",
            flush=True,
        )

        baseline = measure(
            server, "health", [_get("/api/v1/health", None, host)], args.seconds, args.connections
        )
        idle = [_get(f"/api/v1/sync/pull?cursor={c}", t, host) for t, c, _ in guides]
        pulls = measure(server, "idle pull", idle, args.seconds, args.connections)
        pushes = []
        for t, _, customers in guides:
            for _ in range(40):
                m = {
                    "mutation_id": str(uuid.uuid4()),
                    "seq": 0,
                    "entity": "follow_up",
                    "op": "create",
                    "entity_id": str(uuid.uuid4()),
                    "fields": {
                        "customer_id": customers[0],
                        "channel": "chat",
                        "text": "压测回访",
                        "at": "2026-11-20T10:00:00+08:00",
                    },
                }
                pushes.append(
                    _post("/api/v1/sync/push", t, {"device_id": "bench", "mutations": [m]}, host)
                )
        push = measure(server, "push", pushes, min(args.seconds, 5.0), min(args.connections, 8))
        print(
            f"\nidle pulls: {pulls['per_s']:.0f}/s (target >= 1000), p50 {pulls['p50_ms']:.1f} ms, "
            f"p95 {pulls['p95_ms']:.1f} ms; ratio to /health baseline {pulls['per_s'] / baseline['per_s']:.2f}"
        )
        print(
            f"pushes: {push['per_s']:.0f}/s (1 mutation each), p50 {push['p50_ms']:.1f} ms, "
            f"p95 {push['p95_ms']:.1f} ms"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
