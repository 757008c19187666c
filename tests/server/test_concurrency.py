"""Concurrent writers on PostgreSQL, one reader pulling in a loop: no row may be missed.

The same run with versions from a plain SEQUENCE (the test-only
``version_source = "sequence"``) must lose rows, which shows the test can fail
and that the per-scope counter is what makes pulls complete.
"""

from __future__ import annotations

import random
import threading
import time
import uuid

import pytest

from guide_server.db import Database
from guide_server.migrate import read_meta, upgrade
from guide_server.models import SensitiveWord
from guide_server.reader import GLOBAL, Reader
from guide_server.sync import versions
from guide_server.sync.pull import CounterCache, ServerKeys, pull
from guide_server.sync.versions import touch
from tests.support.plugin import require_postgres
from tests.support.server import create_pg_database

WRITERS = 4
ROWS_PER_WRITER = 25

pytestmark = pytest.mark.postgres


def _round(db: Database, keys: ServerKeys) -> tuple[set[str], set[str]]:
    """One race: returns (ids written, ids the looping reader ended up holding)."""
    reader = Reader("r", "reader", "reader", "guide", None, None)
    written: set[str] = set()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            _write_rows(n)
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    def _write_rows(n: int) -> None:
        rng = random.Random(n)
        for _ in range(ROWS_PER_WRITER):
            row_id = str(uuid.uuid4())
            with db.write() as session:
                session.add(SensitiveWord(id=row_id, word=f"w{row_id[:8]}", severity="warn"))
                session.flush()
                touch(session, "sensitive_word", row_id, GLOBAL)
                time.sleep(rng.uniform(0, 0.012))  # hold the version, commit late
            with lock:
                written.add(row_id)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    held: set[str] = set()
    cursor = ""

    def pull_once() -> None:
        nonlocal cursor
        while True:
            page = pull(db, reader, cursor, 1000, keys, CounterCache(0))
            held.update(c["id"] for c in page["changes"] if c["entity"] == "sensitive_word")
            cursor = page["cursor"]
            if not page["has_more"]:
                return

    while any(t.is_alive() for t in threads):
        pull_once()
    for t in threads:
        t.join()
    assert not errors, errors
    pull_once()  # the final pull after every writer committed
    return written, held


@pytest.fixture
def pg_db():
    require_postgres()
    url = create_pg_database()
    upgrade(url)
    db = Database(url)
    meta = read_meta(db)
    yield db, ServerKeys(meta["epoch"], bytes.fromhex(meta["cursor_secret"]))
    db.dispose()


def test_reader_holds_every_row_written_concurrently(pg_db):
    db, keys = pg_db
    for _ in range(2):
        written, held = _round(db, keys)
        assert len(written) == WRITERS * ROWS_PER_WRITER
        assert written <= held, f"reader missed {len(written - held)} rows"


def test_a_plain_sequence_loses_rows(pg_db):
    db, keys = pg_db
    with db.write() as session:
        versions.create_test_sequence(session)
    versions.VERSION_SOURCE["value"] = "sequence"
    try:
        lost = []
        for _ in range(6):
            written, held = _round(db, keys)
            lost.append(len(written - held))
            if lost[-1]:
                break
    finally:
        versions.VERSION_SOURCE["value"] = "counter"
    assert any(lost), (
        f"expected the sequence to lose rows under concurrency, lost per round: {lost}"
    )
