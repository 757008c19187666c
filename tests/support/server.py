"""Starting the real server for tests and benchmarks, and seeding its database.

Test support, not part of the server package: a server deployment ships no test
harness. The suite's fixtures (:mod:`tests.support.plugin`) and the benchmarks
(``bench/*.py``, run from a checkout) use these names: ``ServerProcess``,
``fresh_database_url``, ``seed_demo``, ``create_user``, ``sign_in``, ``seeded_server``.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEMO_PASSWORD = "demo1234"
#: The checkout this file lives in (``tests/support/server.py``).
REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_admin_url() -> str:
    return os.environ.get("GUIDE_TEST_PG_URL", DEFAULT_PG_URL)


def postgres_reachable() -> str | None:
    """``None`` when PostgreSQL answers, else why not (for a visible skip reason)."""
    try:
        engine = create_engine(pg_admin_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL not reachable at {pg_admin_url()}: {type(exc).__name__}: {exc}"[:300]


_created_pg: list[str] = []


def _admin_engine():
    return create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")


def create_pg_database(template: str | None = None) -> str:
    """A new empty (or template-copied) database on the test server; dropped at exit."""
    name = f"guide_t_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine()
    with engine.connect() as conn:
        suffix = f' TEMPLATE "{template}"' if template else ""
        conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    engine.dispose()
    _created_pg.append(name)
    return make_url(pg_admin_url()).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(name: str) -> None:
    engine = _admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@atexit.register
def _drop_created() -> None:
    for name in _created_pg:
        try:
            drop_pg_database(name)
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass


def fresh_database_url(kind: Literal["sqlite", "postgres"], tmp_path: Path) -> str:
    """An empty database of ``kind`` (schema not yet created)."""
    if kind == "sqlite":
        return f"sqlite:///{Path(tmp_path) / f'guide-{uuid.uuid4().hex[:8]}.db'}"
    if kind == "postgres":
        return create_pg_database()
    raise ValueError(f"unknown database kind: {kind}")


def init_database(database_url: str) -> None:
    from guide_server.migrate import upgrade

    upgrade(database_url)


def seed_demo(
    database_url: str,
    data_dir: Path | str | None,
    *,
    stores: int = 1,
    customers: int = 50,
    orders: int = 100,
    guides: int = 2,
    seed: int = 1,
) -> float:
    """Migrate ``database_url`` and load a demo chain into it, in this process.

    Returns how long that took (seconds, wall clock).
    """
    started = time.perf_counter()
    from guide_server.blobs import BlobStore
    from guide_server.db import Database
    from guide_server.demo.load import seed_chain

    init_database(database_url)
    db = Database(database_url)
    try:
        blobs = BlobStore(Path(data_dir) / "blobs", 50 * 1024 * 1024) if data_dir else None
        seed_chain(
            db,
            blobs,
            stores=stores,
            customers_per_store=customers,
            orders_per_store=orders,
            guides_per_store=guides,
            seed=seed,
            materialize=customers * stores <= 20_000,
        )
    finally:
        db.dispose()
    return time.perf_counter() - started


def create_user(
    database_url: str,
    username: str,
    role: str,
    store_code: str | None = None,
    password: str = DEMO_PASSWORD,
) -> str:
    """Create an account directly in the database; returns its id."""
    from guide_server.db import Database
    from guide_server.services import users

    init_database(database_url)
    db = Database(database_url)
    try:
        return users.create_user(
            db, None, username=username, role=role, password=password, store_code=store_code
        ).id
    finally:
        db.dispose()


class ServerProcess:
    """The real server (``python -m guide_server run``) in a subprocess."""

    def __init__(
        self,
        database_url: str,
        data_dir: Path | str,
        *,
        port: int | None = None,
        env: dict[str, str] | None = None,
        workers: int = 1,
    ) -> None:
        self.database_url = database_url
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env or {}
        self.workers = workers
        self.proc: subprocess.Popen | None = None
        self.log_path = self.data_dir / f"server-{self.port}.log"
        #: Seconds spent seeding its database, when :func:`seeded_server` did that.
        self.seed_seconds: float | None = None

    def start(self, timeout: float = 20.0) -> None:
        """Start and wait until ``/api/v1/health`` answers."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        root = str(REPO_ROOT)  # the checkout's guide_server, also when not installed
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1", "PYTHONPATH": path}
        cmd = [
            sys.executable,
            "-m",
            "guide_server",
            "run",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--database-url",
            self.database_url,
            "--data-dir",
            str(self.data_dir),
            "--workers",
            str(self.workers),
        ]
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed when the process ends
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"server did not answer within {timeout}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Graceful: SIGTERM, wait, then SIGKILL if it hangs."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def restart(self) -> None:
        """Stop and start again on the same port and database."""
        self.stop()
        self.start()

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def seeded_server(
    work_dir: Path | str,
    *,
    stores: int = 1,
    customers: int = 50,
    orders: int = 100,
    guides: int = 2,
    seed: int = 1,
    timeout: float = 20.0,
) -> Iterator[ServerProcess]:
    """A demo chain seeded into ``work_dir/server.db`` (SQLite), served from ``work_dir/server``.

    Yields the started :class:`ServerProcess` (stopped on exit); its ``seed_seconds``
    says how long seeding took. Prints nothing: the benchmarks report their own figures.
    """
    work = Path(work_dir)
    database_url = f"sqlite:///{work / 'server.db'}"
    seconds = seed_demo(
        database_url,
        work / "server",
        stores=stores,
        customers=customers,
        orders=orders,
        guides=guides,
        seed=seed,
    )
    # Write the seeded gigabyte out now: the kernel's write-back would otherwise
    # land in the middle of whatever the benchmark measures next.
    if hasattr(os, "sync"):
        os.sync()
    server = ServerProcess(database_url, work / "server")
    server.seed_seconds = seconds
    server.start(timeout=timeout)
    try:
        yield server
    finally:
        server.stop()


def sign_in(
    server_url: str, username: str, password: str = DEMO_PASSWORD, device_id: str = "test-device"
) -> tuple[str, dict]:
    """``(token, user)`` for a demo account, over HTTP."""
    r = httpx.post(
        f"{server_url}/api/v1/auth/login",
        json={"username": username, "password": password, "device_id": device_id},
    )
    r.raise_for_status()
    body = r.json()
    return body["token"], body["user"]
