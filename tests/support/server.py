"""Starting the real server for tests and benchmarks, and seeding its database.

Test support, not part of the server package: a server deployment ships no test
harness. The suite's fixtures (:mod:`tests.support.plugin`) and the benchmarks
(``bench/*.py``, run from a checkout) use these names: ``ServerProcess``,
``fresh_database_url``, ``seed_demo``, ``create_user``, ``sign_in``, ``seeded_server``.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
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


class _Dropper:
    """Drops test databases on a background thread while the next tests run.

    ``DROP DATABASE`` waits on the disk (a second or more on a busy machine); a test's
    database is dropped as soon as its server is gone instead of all of them at exit.
    """

    def __init__(self) -> None:
        self.queue: queue.Queue[tuple[str, subprocess.Popen | None] | None] = queue.Queue()
        self.thread: threading.Thread | None = None

    def later(self, name: str, after: subprocess.Popen | None = None) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="drop-test-dbs", daemon=True)
            self.thread.start()
        self.queue.put((name, after))

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            name, after = item
            if after is not None:
                try:
                    after.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass  # FORCE ends its connections
            try:
                drop_pg_database(name)
                _created_pg.remove(name)
            except Exception:  # noqa: BLE001 - left for the drop at exit
                pass

    def finish(self) -> None:
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join(timeout=300)


_DROPPER = _Dropper()


def drop_pg_database_later(url: str, after: subprocess.Popen | None = None) -> None:
    """Drop the test database of ``url`` soon (after process ``after`` has exited)."""
    _DROPPER.later(make_url(url).database, after)


@atexit.register
def _drop_created() -> None:
    _DROPPER.finish()
    for name in list(_created_pg):
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


class _PortTaken(RuntimeError):
    """The server could not bind its port: something else got it first."""


def _server_env() -> dict[str, str]:
    root = str(REPO_ROOT)  # the checkout's guide_server, also when not installed
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": path}


def _startup_env(env: dict[str, str]) -> dict[str, str]:
    """The variables an interpreter reads when it starts (a spare has them already)."""
    return {k: v for k, v in env.items() if k.startswith(("PYTHON", "LD_"))}


class _Spares:
    """One server interpreter kept warming up (imports done) for the next :class:`ServerProcess`.

    A server start is mostly importing FastAPI, SQLAlchemy, uvicorn and the app (about a
    second of CPU); a spare does that in the background while the current test runs, then
    gets the server's command line, environment and log file over stdin
    (``tests/support/server_spare.py``) and runs ``guide_server.cli.main`` like a cold start.
    Off unless :func:`use_spares` turned it on (the test suite does; the benchmarks do not: a
    spare importing in the background would skew their timings). ``GUIDE_TEST_COLD_SERVERS=1``
    keeps it off.
    """

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.startup_env: dict[str, str] = {}
        self.enabled = False

    def refill(self) -> None:
        if not self.enabled or (self.proc is not None and self.proc.poll() is None):
            return
        env = _server_env()
        self.startup_env = _startup_env(env)
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("server_spare.py"))],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def take(self, args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen | None:
        """The spare, now running ``guide_server`` with ``args``; ``None``: start cold."""
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        if proc.poll() is not None or _startup_env(env) != self.startup_env:
            self._discard(proc)
            return None
        order = {"argv": args, "env": env, "cwd": os.getcwd(), "log": str(log)}
        try:
            assert proc.stdin is not None
            proc.stdin.write(json.dumps(order).encode() + b"\n")
            proc.stdin.close()
        except OSError:
            self._discard(proc)
            return None
        return proc

    @staticmethod
    def _discard(proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        if proc.stdin is not None:
            proc.stdin.close()

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            self._discard(proc)


_SPARES = _Spares()
atexit.register(_SPARES.close)

#: Servers sent SIGTERM by :meth:`ServerProcess.stop_soon`, not yet reaped.
_STOPPING: list[subprocess.Popen] = []


def _reap_stopped(wait: bool = False) -> None:
    for proc in list(_STOPPING):
        if wait:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if proc.poll() is not None:
            _STOPPING.remove(proc)


atexit.register(_reap_stopped, True)


def use_spares() -> None:
    """Keep a warm spare interpreter for the next server start (see :class:`_Spares`)."""
    _SPARES.enabled = os.environ.get("GUIDE_TEST_COLD_SERVERS", "") not in ("1", "true")


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
        self._port_given = port is not None
        self._log_start = 0
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env or {}
        self.workers = workers
        self.proc: subprocess.Popen | None = None
        self.log_path = self.data_dir / f"server-{self.port}.log"
        #: Seconds spent seeding its database, when :func:`seeded_server` did that.
        self.seed_seconds: float | None = None

    def start(self, timeout: float = 20.0) -> None:
        """Start and wait until ``/api/v1/health`` answers.

        A port picked by :func:`free_port` can be taken by another process (a parallel
        test worker) before the server binds it: then the server is started again on
        another free port (``url`` follows; never on a restart, whose clients know the url).
        """
        movable = not self._port_given and self.proc is None
        for attempt in range(3):
            try:
                self._start_once(timeout)
                return
            except _PortTaken:
                if not movable or attempt == 2:
                    raise
                self.port = free_port()
                self.url = f"http://127.0.0.1:{self.port}"
                self.log_path = self.data_dir / f"server-{self.port}.log"

    def _start_once(self, timeout: float) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._log_start = self.log_path.stat().st_size
        except OSError:
            self._log_start = 0
        env = {**_server_env(), **self.env}
        args = [
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
        self.proc = _SPARES.take(args, env, self.log_path)
        if self.proc is None:  # cold start
            log = open(self.log_path, "ab")  # noqa: SIM115 - closed when the process ends
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "guide_server", *args],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            log.close()
        try:
            self._wait_healthy(timeout)
        finally:
            _reap_stopped()
            _SPARES.refill()

    def _this_start_log(self) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(self._log_start)
                return f.read().decode(errors="replace")
        except OSError:
            return ""

    def _wait_healthy(self, timeout: float) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                if "address already in use" in self._this_start_log().lower():
                    raise _PortTaken(self.port)
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                if (
                    httpx.get(f"{self.url}/api/v1/health", timeout=1.0).status_code == 200
                    # this server's own line: not another process that took the port first
                    and f"running on {self.url}" in self._this_start_log()
                ):
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.02)  # a warm spare answers ~0.1 s after its order
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

    def stop_soon(self, drop_database: bool = False) -> None:
        """Like :meth:`stop`, without waiting: for fixture teardown (the next test need not
        wait ~0.25 s for uvicorn's shutdown). The process is reaped by a later server start or at exit.
        ``drop_database``: a PostgreSQL database is then dropped in the background.
        """
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            _STOPPING.append(self.proc)
        if drop_database and make_url(self.database_url).get_backend_name() == "postgresql":
            drop_pg_database_later(self.database_url, after=self.proc)

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
