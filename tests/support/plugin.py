"""Pytest fixtures for a real server over a real database.

Registered once for the whole suite in ``tests/conftest.py`` (``pytest_plugins = ["tests.support.plugin"]``):

- ``db_kind``: ``"sqlite"`` and ``"postgres"`` (postgres skips with the reason when
  the server is unreachable, and fails instead when ``CI=true``).
- ``demo_template``: a seeded database of that kind, made once per session.
- ``live_server``: a :class:`~tests.support.server.ServerProcess` on a free
  loopback port over a fresh copy of the template (stores S001, S002; users
  ``hq``, ``s001-mgr``, ``s001-g1``, ``s001-g2``, ``s002-mgr``, ``s002-g1``…;
  password ``demo1234``). Stopped after the test.
- ``sqlite_live_server``: the same, always on SQLite (for tests that do not care).
- ``server_factory``: ``start(env={...})`` for servers with other settings.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.support import server as harness

DEMO_SIZES = {"stores": 2, "customers": 20, "orders": 40, "guides": 2, "seed": 1}


def pytest_configure(config) -> None:
    # Each server start takes a spare interpreter that imported the server while the
    # previous test ran (tests/support/server_spare.py): ~0.3 s to healthy instead of ~1.5 s.
    harness.use_spares()


@dataclass
class DemoTemplate:
    kind: str
    database_url: str
    data_dir: Path

    def fresh_copy(self, tmp_path: Path) -> tuple[str, Path]:
        """A private database and data dir with the template's content."""
        data_dir = tmp_path / "server-data"
        if (self.data_dir / "blobs").exists():
            shutil.copytree(self.data_dir / "blobs", data_dir / "blobs")
        data_dir.mkdir(parents=True, exist_ok=True)
        if self.kind == "sqlite":
            target = data_dir / "guide.db"
            shutil.copyfile(make_url(self.database_url).database, target)
            return f"sqlite:///{target}", data_dir
        name = make_url(self.database_url).database
        return harness.create_pg_database(template=name), data_dir


def require_postgres() -> None:
    """Skip (or fail under CI=true) when PostgreSQL is not reachable."""
    reason = harness.postgres_reachable()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def db_kind(request) -> str:
    """Run the test on SQLite and on PostgreSQL."""
    if request.param == "postgres":
        require_postgres()
    return request.param


def _make_template(kind: str, root: Path) -> DemoTemplate:
    data_dir = root / f"template-{kind}"
    data_dir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{data_dir / 'guide.db'}" if kind == "sqlite" else harness.create_pg_database()
    harness.seed_demo(url, data_dir, **DEMO_SIZES)
    if kind == "sqlite":
        conn = sqlite3.connect(make_url(url).database)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
    return DemoTemplate(kind, url, data_dir)


@pytest.fixture(scope="session")
def _templates(tmp_path_factory) -> dict[str, DemoTemplate]:
    return {}


@pytest.fixture(scope="session")
def demo_template(db_kind, _templates, tmp_path_factory) -> DemoTemplate:
    if db_kind not in _templates:
        _templates[db_kind] = _make_template(db_kind, tmp_path_factory.mktemp("guide-template"))
    return _templates[db_kind]


def _start(template: DemoTemplate, tmp_path: Path, env: dict[str, str] | None = None):
    url, data_dir = template.fresh_copy(tmp_path)
    server = harness.ServerProcess(url, data_dir, env=env)
    server.start()
    return server


@pytest.fixture
def live_server(demo_template, tmp_path):
    """The real server over a fresh copy of the demo chain (per test)."""
    server = _start(demo_template, tmp_path)
    yield server
    server.stop_soon(drop_database=True)


@pytest.fixture
def sqlite_live_server(_templates, tmp_path_factory, tmp_path):
    """Like ``live_server``, always SQLite (tests that are not about the database)."""
    if "sqlite" not in _templates:
        _templates["sqlite"] = _make_template("sqlite", tmp_path_factory.mktemp("guide-template"))
    server = _start(_templates["sqlite"], tmp_path)
    yield server
    server.stop_soon()


@pytest.fixture
def server_factory(demo_template, tmp_path):
    """``start(env=None)`` → a new server over a fresh copy of the demo chain.

    For tests that need settings (``GUIDE_SERVER_*`` env) or several servers.
    """
    started: list[harness.ServerProcess] = []

    def start(env: dict[str, str] | None = None) -> harness.ServerProcess:
        server = _start(demo_template, tmp_path / f"s{len(started)}", env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop_soon(drop_database=True)
