"""A mutation that fails on the server's side is that mutation's rejection, not the batch's
500; a database that is busy or unreachable is a 503 the client retries, never a rejection.

Real failures only: a table renamed away underneath the running server (a broken schema:
every try fails the same way), and a lock held by another connection (the database is
busy: a later try works).
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, event, select, text

from guide_core.protocol import PROTOCOL_HEADER
from guide_server.auth import _reader_for
from guide_server.db import Database
from guide_server.db_errors import DatabaseUnavailable, is_transient
from guide_server.models import AppliedMutation, User
from guide_server.sync.push import TRANSIENT_RETRIES, parse_push, push
from tests.server.api import Api, mutation, of
from tests.support.plugin import _make_template, _start, require_postgres

NOW = datetime.now(UTC).replace(microsecond=0).isoformat()


def _rename(database_url: str, old: str, new: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))
    engine.dispose()


def _batch(customer_id: str) -> list[dict]:
    """[customer update, follow-up, customer update]: the middle one needs table follow_up."""
    follow_up = {"customer_id": customer_id, "channel": "chat", "text": "回访", "at": NOW}
    return [
        mutation("customer", "update", customer_id, {"notes": "第一"}, seq=1),
        mutation("follow_up", "create", str(uuid.uuid4()), follow_up, seq=2),
        mutation("customer", "update", customer_id, {"remark_name": "第三"}, seq=3),
    ]


def test_a_mutation_the_database_fails_is_rejected_and_the_rest_applied(live_server):
    api = Api(live_server, "s001-g1")
    held, _ = api.state()
    customer = next(c for c in of(held, "customer") if c["owner_id"] == api.user["id"])
    batch = _batch(customer["id"])
    _rename(live_server.database_url, "follow_up", "follow_up_gone")
    try:
        r = api.http.post("/sync/push", json={"device_id": api.device_id, "mutations": batch})
        assert r.status_code == 200, r.text
        results = r.json()["results"]
        assert [x["status"] for x in results] == ["applied", "rejected", "applied"]
        reason = results[1]["reason"]
        assert reason.startswith("服务器无法保存该修改 (server could not store it: "), reason
        assert "follow_up" not in reason  # no SQL or schema text in what a guide reads
        assert results[0]["row"]["data"]["notes"] == "第一"
        assert results[2]["row"]["data"]["remark_name"] == "第三"
        # recorded like any rejection: the same mutation again gets the same answer,
        # even once the table is back (a retry from the attention list has a new id)
        again = api.push(batch[1])[0]
        assert again == results[1]
    finally:
        _rename(live_server.database_url, "follow_up_gone", "follow_up")
    assert api.push(batch[1])[0] == results[1]
    assert "Traceback" in live_server.log_tail(400)  # logged with its traceback


@pytest.fixture
def impatient_db(demo_template, tmp_path):
    """The demo database, opened in this process with lock waits of 0.1 s (not 30 s)."""
    url, _ = demo_template.fresh_copy(tmp_path)
    db = Database(url)

    @event.listens_for(db.engine, "connect")
    def _short_waits(dbapi_conn, _record) -> None:  # after the engine's own pragmas
        cur = dbapi_conn.cursor()
        if db.engine.dialect.name == "sqlite":
            cur.execute("PRAGMA busy_timeout=100")
        else:
            cur.execute("SET lock_timeout = '100ms'")
            dbapi_conn.commit()
        cur.close()

    yield db
    db.dispose()


def _hold_write_lock(database_url: str):
    """Another connection that holds what a follow-up insert needs; ``.close()`` releases."""
    engine = create_engine(database_url)
    conn = engine.connect()
    if engine.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the one writer lock of the file
    else:
        conn.exec_driver_sql("BEGIN")
        conn.exec_driver_sql("LOCK TABLE follow_up IN EXCLUSIVE MODE")  # reads still pass

    class Held:
        def close(self) -> None:
            conn.rollback()
            conn.close()
            engine.dispose()

    return Held()


def test_a_busy_database_is_retried_then_unavailable_never_rejected(impatient_db, caplog):
    db = impatient_db
    with db.read() as s:
        user = s.scalar(select(User).where(User.username == "s001-g1"))
        reader = _reader_for(s, user)
        customer_id = s.execute(
            text("SELECT id FROM customer WHERE owner_id = :u LIMIT 1"), {"u": user.id}
        ).scalar()
    batch = _batch(customer_id)
    device_id, entries = parse_push({"device_id": "pc", "mutations": batch})
    lock = _hold_write_lock(db.url)
    try:
        with caplog.at_level(logging.WARNING, logger="guide_server.push"):
            with pytest.raises(DatabaseUnavailable):
                push(db, reader, device_id, entries)
    finally:
        lock.close()
    tries = [r for r in caplog.records if "transient database error" in r.getMessage()]
    assert len(tries) == TRANSIENT_RETRIES
    with db.read() as s:
        recorded = {
            m.mutation_id: m.status
            for m in s.scalars(
                select(AppliedMutation).where(
                    AppliedMutation.mutation_id.in_([m["mutation_id"] for m in batch])
                )
            )
        }
    # nothing was rejected for the database being busy; what went before is kept
    assert "rejected" not in recorded.values()
    first = batch[0]["mutation_id"]
    if db.engine.dialect.name == "postgresql":  # the lock held only table follow_up
        assert recorded == {first: "applied"}
    # the client sends the batch again once the database is free
    results = push(db, reader, device_id, entries)
    statuses = [r["status"] for r in results]
    assert statuses == ["duplicate" if first in recorded else "applied", "applied", "applied"]


def test_which_database_errors_are_transient(impatient_db):
    """The distinction, on errors the real drivers raise."""
    db = impatient_db
    lock = _hold_write_lock(db.url)
    try:
        with pytest.raises(Exception) as busy:
            with db.write() as s:
                s.execute(
                    text(
                        "INSERT INTO follow_up (id, customer_id, store_id, guide_id, channel, "
                        "text, at) VALUES ('x', 'c', 's', 'g', 'chat', 't', :at)"
                    ),
                    {"at": datetime.now(UTC)},
                )
    finally:
        lock.close()
    assert is_transient(busy.value), busy.value
    with pytest.raises(Exception) as missing:
        with db.read() as s:
            s.execute(text("SELECT * FROM no_such_table"))
    assert not is_transient(missing.value), missing.value
    with pytest.raises(Exception) as duplicate:
        with db.write() as s:
            s.execute(text("INSERT INTO app_user SELECT * FROM app_user LIMIT 1"))
    assert not is_transient(duplicate.value), duplicate.value
    if db.engine.dialect.name == "postgresql":  # a server that does not answer
        down_db = Database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
        with pytest.raises(Exception) as down:
            with down_db.read() as s:
                s.execute(text("SELECT 1"))
        down_db.dispose()
        assert is_transient(down.value), down.value


@pytest.fixture
def pg_server(_templates, tmp_path_factory, tmp_path):
    """A live server on PostgreSQL only (see the test below)."""
    require_postgres()
    if "postgres" not in _templates:
        _templates["postgres"] = _make_template("postgres", tmp_path_factory.mktemp("pg"))
    server = _start(_templates["postgres"], tmp_path)
    yield server
    server.stop()


def test_push_answers_503_with_the_header_while_postgres_is_locked(pg_server):
    """Over HTTP on PostgreSQL: SQLite's 30 s busy wait per try would make this minutes
    long there (the same retry and classification run on both databases above). 503 +
    Retry-After in the protocol's form on a kept connection, then the same batch goes
    through."""
    server = pg_server
    api = Api(server, "s001-g1")
    held, _ = api.state()
    customer = next(c for c in of(held, "customer") if c["owner_id"] == api.user["id"])
    batch = _batch(customer["id"])
    admin = create_engine(server.database_url, isolation_level="AUTOCOMMIT")
    name = admin.url.database
    with admin.connect() as conn:
        conn.execute(text(f"ALTER DATABASE \"{name}\" SET lock_timeout = '100ms'"))
        conn.execute(  # the server's pool reconnects (pre-ping) and picks the setting up
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :d AND pid <> pg_backend_pid()"
            ),
            {"d": name},
        )
    admin.dispose()
    lock = _hold_write_lock(server.database_url)
    try:
        r = api.http.post("/sync/push", json={"device_id": api.device_id, "mutations": batch})
    finally:
        lock.close()
    assert r.status_code == 503, r.text
    assert r.headers.get(PROTOCOL_HEADER) and r.headers.get("retry-after")
    assert r.json()["detail"].startswith("数据库暂时不可用")
    again = api.http.post("/sync/push", json={"device_id": api.device_id, "mutations": batch})
    assert again.status_code == 200
    port = again.extensions["network_stream"].get_extra_info("client_addr")[1]
    assert port == r.extensions["network_stream"].get_extra_info("client_addr")[1]
    assert [x["status"] for x in again.json()["results"]] == ["duplicate", "applied", "applied"]
