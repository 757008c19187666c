"""The local SQLite cache file: opening, checking, rebuilding, transactions.

One file per (server, user). WAL with ``synchronous=FULL`` so a committed edit
survives a power cut; foreign keys off because pulled rows arrive in any order.
A file that is not a database, fails its integrity check, or carries another
schema version is moved aside and replaced; whatever outbox rows can still be
read from it are copied over so no edit made offline is lost.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy
from sqlalchemy import Connection, create_engine, event

from .schema import SCHEMA_VERSION, fts_ddl, metadata

if TYPE_CHECKING:
    from guide_app.sync import protocol

    from .attention import Attention
    from .outbox import Outbox

log = logging.getLogger(__name__)

_OUTBOX_COLS = "seq, mutation_id, entity, op, entity_id, fields, base_version, user_id, created_at"
_ATTENTION_COLS = (
    "mutation_id, entity, op, entity_id, fields, base_version, user_id, reason, "
    "server_row, created_at"
)


class Cache:
    """An open cache file. Thread-safe: reads from any thread, writes serialised.

    Sync state lives here as methods (``cursor``, ``apply_pull_page``,
    ``apply_push_results``, ``reset_for_resync``, ``device_id``); the outbox and
    the needs-attention list as ``cache.outbox`` and ``cache.attention``.
    """

    def __init__(self, path: Path, engine: sqlalchemy.Engine) -> None:
        from .attention import Attention
        from .outbox import Outbox

        self.path = path
        self.engine = engine
        #: True when the file was unusable and has been recreated: pull everything.
        self.rebuilt = False
        self.rebuilt_reason = ""
        self._write_lock = threading.RLock()
        self._write_listeners: list[Callable[[], None]] = []
        self.outbox: Outbox = Outbox(self)
        self.attention: Attention = Attention(self)

    def close(self) -> None:
        """Release every connection (the file can then be moved or deleted)."""
        self.engine.dispose()

    def add_write_listener(self, callback: Callable[[], None]) -> None:
        """``callback()`` after every committed local edit (the sync engine pushes soon)."""
        self._write_listeners.append(callback)

    def notify_local_edit(self) -> None:
        """Called by the services after an edit's transaction committed."""
        for callback in list(self._write_listeners):
            try:
                callback()
            except Exception:  # a listener must never undo or fail a saved edit
                log.exception("write listener failed")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): everything in it commits or nothing does."""
        with self._write_lock, self.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction: one consistent snapshot for several queries."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # ---------------------------------------------------------------- meta

    def meta_get(self, key: str, conn: Connection | None = None) -> str | None:
        sql = "SELECT value FROM meta WHERE key = ?"
        if conn is not None:
            return conn.exec_driver_sql(sql, (key,)).scalar()
        with self.read() as c:
            return c.exec_driver_sql(sql, (key,)).scalar()

    def device_id(self) -> str:
        """Stable id of this cache file, sent with every push."""
        value = self.meta_get("device_id")
        assert value is not None
        return value

    def next_seq(self, conn: Connection) -> int:
        """Next value of the per-cache mutation counter (never reused, even after a rebuild)."""
        return int(
            conn.exec_driver_sql(
                "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'seq' "
                "RETURNING CAST(value AS INTEGER)"
            ).scalar_one()
        )

    # ---------------------------------------------------------------- sync state

    def cursor(self) -> str | None:
        """The server's cursor after the last applied pull page, None before the first."""
        return self.meta_get("cursor")

    def apply_pull_page(self, changes: list[protocol.Change], cursor: str) -> set[str]:
        from .sync_state import apply_pull_page

        return apply_pull_page(self, changes, cursor)

    def apply_push_results(self, results: list[protocol.MutationResult]) -> set[str]:
        from .outbox import apply_push_results

        return apply_push_results(self, results)

    def reset_for_resync(self) -> None:
        from .sync_state import reset_for_resync

        reset_for_resync(self)


def _engine(path: Path) -> sqlalchemy.Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=OFF")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-32000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _unusable_reason(path: Path) -> str | None:
    """Why an existing file cannot be used as this version's cache, or None if it can."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(path)
        try:
            check = con.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                return f"完整性检查失败: {check[0] if check else '?'}"
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if not tables:
                return None
            if "meta" not in tables:
                return "不是本程序的缓存文件"
            version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if version is None or str(version[0]) != str(SCHEMA_VERSION):
                return f"缓存格式版本 {version[0] if version else '?'} 与 {SCHEMA_VERSION} 不兼容"
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return f"文件已损坏: {exc}"
    return None


def _salvage(aside: Path) -> tuple[list[tuple], list[tuple], str | None, int]:
    """Outbox and attention rows, device id and seq counter readable from a bad file."""
    outbox: list[tuple] = []
    attention: list[tuple] = []
    device_id, seq = None, 0
    try:
        con = sqlite3.connect(f"file:{aside}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return outbox, attention, device_id, seq
    try:
        for sql, sink in (
            (f"SELECT {_OUTBOX_COLS} FROM outbox ORDER BY seq", outbox),
            (f"SELECT {_ATTENTION_COLS} FROM attention ORDER BY id", attention),
        ):
            try:
                for row in con.execute(sql):
                    sink.append(tuple(row))
            except sqlite3.DatabaseError as exc:
                log.warning("salvaged %d rows before: %s", len(sink), exc)
        try:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
            device_id = meta.get("device_id")
            seq = int(meta.get("seq") or 0)
        except (sqlite3.DatabaseError, ValueError):
            pass
    finally:
        con.close()
    seq = max([seq] + [int(r[0]) for r in outbox if str(r[0]).isdigit()])
    return outbox, attention, device_id, seq


def _create_schema(engine: sqlalchemy.Engine, device_id: str | None, seq: int) -> None:
    metadata.create_all(engine)
    with engine.connect() as conn, conn.begin():
        for ddl in fts_ddl():
            conn.exec_driver_sql(ddl)
        for key, value in (
            ("schema_version", str(SCHEMA_VERSION)),
            ("device_id", device_id or str(uuid.uuid4())),
            ("seq", str(seq)),
        ):
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )


def open_cache(path: Path) -> Cache:
    """Open (or create) the cache at ``path``, rebuilding it if unusable (see module doc)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    reason = _unusable_reason(path)
    salvaged: tuple[list[tuple], list[tuple], str | None, int] = ([], [], None, 0)
    if reason is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(f"{path}{suffix}")
            if src.exists():
                src.rename(f"{aside}{suffix}")
        log.warning("cache %s unusable (%s), moved to %s", path, reason, aside)
        salvaged = _salvage(aside)
    engine = _engine(path)
    _create_schema(engine, salvaged[2], salvaged[3])
    cache = Cache(path, engine)
    if reason is not None:
        cache.rebuilt = True
        cache.rebuilt_reason = reason
        _restore(cache, salvaged[0], salvaged[1])
    return cache


def _restore(cache: Cache, outbox: list[tuple], attention: list[tuple]) -> None:
    from .overlay import pending_edits, reapply_edits

    with cache.write() as conn:
        for row in outbox:
            conn.exec_driver_sql(
                f"INSERT OR IGNORE INTO outbox ({_OUTBOX_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        for row in attention:
            conn.exec_driver_sql(
                f"INSERT INTO attention ({_ATTENTION_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        reapply_edits(conn, pending_edits(conn))
