"""The local SQLite cache file: opening, checking, rebuilding, transactions.

One file per (server, user). WAL with ``synchronous=FULL`` so a committed edit
survives a power cut; foreign keys off because pulled rows arrive in any order.
A file that is not a database or fails its integrity check is moved aside
and replaced; whatever outbox rows can still be read from it are copied over
so no edit made offline is lost.

Versions: ``meta.schema_version`` names the file's shape. An older file is
migrated in place (:mod:`.migrations`: one transaction per step with its
version bump; rows, outbox, attention list, cursor and bulk-fill state stay),
after the claim below is held and the file checked, before the cache's own
engine opens. It is moved aside and rebuilt from the server as above (outbox
kept, ``Cache.rebuilt_reason`` says why) only when no steps lead from its
version to this app's (older than the oldest step kept, or newer than this
app: a downgrade) or when a step fails (rolled back, logged); a lock, I/O,
full-disk or permission error during a step is raised and the file stays.

When the integrity check runs: ``PRAGMA quick_check`` reads every page (about
2 s on a 540 MB cache), so it is not run on every open. The ``meta`` row
``session_state`` is set to ``open`` in the opening transaction and to
``closed`` by :meth:`Cache.close`. An open that finds anything but ``closed``
(the last session was killed, crashed or lost power) runs the full check before
the file is used; a clean open runs only the cheap checks (SQLite header, meta
table, schema version) and the session runs :meth:`Cache.check_integrity` in
the background a few seconds later. A failed background check writes the
sidecar ``<name>.rebuild`` (:func:`rebuild_mark_path`; a separate small file
because the damaged database may refuse writes), and the next open rebuilds.

One process at a time: :func:`open_cache` first claims ``<name>.lock``
(:mod:`.owner_lock`; another process gets :class:`CacheInUse`), and only then
reads, checks or moves the file; :meth:`Cache.close` lets go. The database
and its ``-wal``/``-shm`` are never opened outside SQLite (closing any
descriptor of the file would drop this process's SQLite locks on it), and
the file and its sidecars are private to the OS user (0600, see :mod:`guide_app.paths`).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy
from sqlalchemy import Connection, create_engine, event

from guide_app import paths
from guide_app.cache import migrations, owner_lock
from guide_app.cache.owner_lock import CacheInUse as CacheInUse  # re-exported: raised by open_cache
from guide_app.cache.owner_lock import OwnerClaim
from guide_app.cache.tables import fts_ddl, metadata

if TYPE_CHECKING:
    from guide_app.cache.attention import Attention
    from guide_app.cache.outbox import Outbox
    from guide_app.cache.sync_state import PreparedPage
    from guide_core import protocol

log = logging.getLogger(__name__)

#: SQLite page cache per connection, and for bulk-fill writes (KiB).
CACHE_KIB = 32000
BULK_CACHE_KIB = 256000

_OUTBOX_COLS = "seq, mutation_id, entity, op, entity_id, fields, base_version, user_id, created_at"
_ATTENTION_COLS = (
    "mutation_id, entity, op, entity_id, fields, base_version, user_id, reason, "
    "server_row, created_at"
)
#: ``meta`` key: ``open`` while a process uses the file, ``closed`` after ``Cache.close()``.
SESSION_STATE_KEY = "session_state"


def rebuild_mark_path(path: Path) -> Path:
    """The sidecar that makes the next :func:`open_cache` rebuild ``path`` (holds the reason)."""
    path = Path(path)
    return path.with_name(path.name + ".rebuild")


class Cache:
    """An open cache file. Thread-safe: reads from any thread, writes serialised.

    Sync state lives here as methods (``cursor``, ``apply_pull_page``,
    ``apply_push_results``, ``reset_for_resync``, ``device_id``); the outbox and
    the needs-attention list as ``cache.outbox`` and ``cache.attention``.
    """

    def __init__(
        self,
        path: Path,
        engine: sqlalchemy.Engine,
        owner: OwnerClaim | None = None,
        gate: _ConnectionGate | None = None,
    ) -> None:
        from guide_app.cache.attention import Attention
        from guide_app.cache.outbox import Outbox

        self.path = path
        self.engine = engine
        #: This process's claim on the file (:mod:`.owner_lock`), released once
        #: :meth:`close` was called and the last connection to the file is closed.
        self.owner = owner
        self._gate = gate or _ConnectionGate()
        #: True when the file was unusable and has been recreated: pull everything.
        self.rebuilt = False
        self.rebuilt_reason = ""
        #: True when ``PRAGMA quick_check`` already ran at open (or there was nothing
        #: to check): no background check is needed for this session.
        self.integrity_checked = False
        self._closed = False
        self._check_lock = threading.Lock()
        self._check_con: sqlite3.Connection | None = None
        self._write_lock = threading.RLock()
        self._write_listeners: list[Callable[[frozenset[str]], None]] = []
        self.outbox: Outbox = Outbox(self)
        self.attention: Attention = Attention(self)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called (no new reads or writes)."""
        return self._closed

    def close(self) -> None:
        """Record a clean shutdown, release every connection, then the claim on the file.

        A running :meth:`check_integrity` is interrupted (inconclusive, not a failure).
        While another Cache of this process still has the file (a window that
        signed in again), the file stays marked ``open``: that one closes it.
        After close no new connection opens (a thread still using the cache gets
        an error), and one still in use is closed when it is given back; the
        claim goes only with the last one, so no other process gets the file
        while this one may still touch it.
        """
        if self._closed:
            return
        self._closed = True
        with self._check_lock:
            if self._check_con is not None:
                self._check_con.interrupt()
        try:
            if self.owner is None or self.owner.last:
                with self.write() as conn:
                    conn.exec_driver_sql(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, 'closed')",
                        (SESSION_STATE_KEY,),
                    )
        except Exception:  # a full disk or a damaged file: the next open checks it fully
            log.warning("could not record the clean shutdown of %s", self.path, exc_info=True)
        finally:
            self._gate.close(self.engine, self.owner.release if self.owner else None)

    # ---------------------------------------------------------------- integrity

    def check_integrity(self) -> str | None:
        """``PRAGMA quick_check`` on a separate read-only connection (any thread, ~2 s per 500 MB).

        Returns None when the file is sound or the check could not finish (the
        cache was closed meanwhile, a lock, an I/O error: logged, the next
        unclean open or session checks again). Otherwise returns the problem
        (Chinese, for people) after marking the file so that the next
        :func:`open_cache` rebuilds it, keeping its readable outbox.
        """
        with self._check_lock:
            if self._closed or not self._gate.enter():
                return None
            try:
                con = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
            except sqlite3.Error as exc:
                self._gate.leave()
                log.warning("integrity check of %s not started: %s", self.path, exc)
                return None
            self._check_con = con
        problem: str | None = None
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check(3)").fetchall()]
            if rows != ["ok"]:
                problem = "; ".join(str(r) for r in rows) or "?"
        except sqlite3.OperationalError as exc:  # interrupted, busy, I/O: inconclusive
            log.info("integrity check of %s did not finish: %s", self.path, exc)
        except sqlite3.DatabaseError as exc:  # SQLITE_CORRUPT / NOTADB raised mid-scan
            problem = str(exc)
        finally:
            with self._check_lock:
                self._check_con = None
            con.close()
            self._gate.leave()
        if problem is None:
            log.info("integrity check of %s: ok", self.path)
            return None
        reason = f"后台完整性检查失败: {problem}"
        log.error("cache %s is damaged (%s); it is rebuilt at the next start", self.path, problem)
        self.mark_for_rebuild(reason)
        return reason

    def mark_for_rebuild(self, reason: str) -> None:
        """Make the next :func:`open_cache` move this file aside and rebuild it (outbox kept)."""
        mark = rebuild_mark_path(self.path)
        if mark.exists():
            return
        tmp = mark.with_name(mark.name + ".tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.FILE_MODE)
            with open(fd, "w", encoding="utf-8") as fh:  # a sidecar, never the database
                fh.write(reason)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, mark)
        except OSError:
            log.exception("could not mark %s for rebuild", self.path)

    def add_write_listener(self, callback: Callable[[frozenset[str]], None]) -> None:
        """``callback(entities)`` after every committed local edit, with the entity
        names it changed (the sync engine pushes soon; the session's change stream
        tells the window)."""
        self._write_listeners.append(callback)

    def notify_local_edit(self, entities: Iterable[str] = ()) -> None:
        """Called by the write path after an edit's transaction committed."""
        changed = frozenset(entities)
        for callback in list(self._write_listeners):
            try:
                callback(changed)
            except Exception:  # a listener must never undo or fail a saved edit
                log.exception("write listener failed")

    @contextmanager
    def write(self, bulk: bool = False) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): everything in it commits or nothing does.

        ``bulk=True`` (pages of a first full pull, which can be fetched again):
        commits without waiting for the disk (``synchronous=NORMAL``: still
        atomic and sound, but a power cut may take the last such transactions
        back; the next ordinary commit flushes them too), with a page cache of
        ``BULK_CACHE_KIB`` for the index pages that random ids keep touching.
        Both go back to the defaults before the connection is reused.
        """
        with self._write_lock, self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            if bulk:
                raw.execute("PRAGMA synchronous=NORMAL")
                raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            try:
                conn.execution_options(sqlite_immediate=True)
                with conn.begin():
                    yield conn
            finally:
                if bulk:
                    raw.execute("PRAGMA synchronous=FULL")
                    raw.execute(f"PRAGMA cache_size=-{CACHE_KIB}")

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

    def apply_pull_page(
        self, changes: list[protocol.Change] | PreparedPage, cursor: str, more: bool = False
    ) -> set[str]:
        from guide_app.cache.sync_state import apply_pull_page

        return apply_pull_page(self, changes, cursor, more)

    def apply_push_results(self, results: list[protocol.MutationResult]) -> set[str]:
        from guide_app.cache.outbox import apply_push_results

        return apply_push_results(self, results)

    def reset_for_resync(self) -> None:
        from guide_app.cache.sync_state import reset_for_resync

        reset_for_resync(self)


class _ConnectionGate:
    """Counts a cache's open SQLite connections; once closed, lets none open, and
    runs ``on_idle`` (release the claim on the file) when the last one is closed.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._closed = False
        self._on_idle: Callable[[], None] | None = None

    def enter(self) -> bool:
        """A connection is about to open: False once the cache is closed."""
        with self._lock:
            if self._closed:
                return False
            self._open += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self._open -= 1
            on_idle = self._take_on_idle()
        if on_idle is not None:
            on_idle()

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self, engine: sqlalchemy.Engine, on_idle: Callable[[], None] | None) -> None:
        with self._lock:
            self._closed = True
            self._on_idle = on_idle
        engine.dispose()  # idle connections close now; ones in use when given back
        with self._lock:
            on_idle = self._take_on_idle()
        if on_idle is not None:
            on_idle()

    def _take_on_idle(self) -> Callable[[], None] | None:
        if not self._closed or self._open > 0 or self._on_idle is None:
            return None
        on_idle, self._on_idle = self._on_idle, None
        return on_idle

    def attach(self, engine: sqlalchemy.Engine) -> None:
        """Count ``engine``'s connections: given back after close, each one is closed."""

        @event.listens_for(engine, "close")
        def _closed(_dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            self.leave()

        @event.listens_for(engine, "close_detached")
        def _closed_detached(_dbapi_conn) -> None:  # type: ignore[no-untyped-def]
            self.leave()

        @event.listens_for(engine, "checkin")
        def _given_back(dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
            if self._closed and dbapi_conn is not None:
                record.invalidate()  # closes it (the "close" event counts it)


def _engine(path: Path, gate: _ConnectionGate | None = None) -> sqlalchemy.Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})
    gate = gate or _ConnectionGate()
    gate.attach(engine)

    @event.listens_for(engine, "do_connect")
    def _connect(dialect, _record, cargs, cparams):  # type: ignore[no-untyped-def]
        """Open and set up each connection here, so the gate counts exactly the open ones."""
        if not gate.enter():
            raise sqlite3.OperationalError("本地缓存已关闭 (cache closed)")
        try:
            dbapi_conn = dialect.connect(*cargs, **cparams)
        except BaseException:
            gate.leave()
            raise
        try:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            for pragma in (
                "journal_mode=WAL",
                "synchronous=FULL",
                "foreign_keys=OFF",
                "busy_timeout=30000",
                f"cache_size=-{CACHE_KIB}",
            ):
                dbapi_conn.execute(f"PRAGMA {pragma}")
        except BaseException:
            dbapi_conn.close()
            gate.leave()
            raise
        return dbapi_conn

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _unusable_reason(path: Path) -> tuple[str | None, bool, int | None]:
    """Why an existing file cannot be used or migrated to this version's cache (None if it can).

    Second value: whether the file is known sound without a background check
    (it was fully checked here, or there was nothing to check). Third: the
    file's schema version when it is usable (None for a new or empty file); an
    older one has a way forward through :mod:`.migrations`.
    ``PRAGMA quick_check`` runs only when the last session did not close
    cleanly (see module doc); otherwise just the cheap checks.

    Everything goes through SQLite (a file that is no database fails the first
    query with ``file is not a database``): a plain ``open()``/``close()`` of
    the file would drop this process's SQLite locks on it. Only damage
    (``sqlite3.DatabaseError`` proper: corrupt, not a database) is a reason to
    rebuild; a lock, an I/O or permission error (``OperationalError``) is
    raised as it is, and the file is left where it is.
    """
    mark = rebuild_mark_path(path)
    if not path.exists() or path.stat().st_size == 0:
        mark.unlink(missing_ok=True)  # the file it named is gone: a new one needs no rebuild
        return None, True, None
    if mark.exists():
        try:
            return mark.read_text(encoding="utf-8").strip() or "已标记为需要重建", True, None
        except (OSError, UnicodeDecodeError):
            return "已标记为需要重建", True, None
    version: int | None = None
    try:
        con = sqlite3.connect(path)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if not tables:
                return None, True, None
            if "meta" not in tables:
                return "不是本程序的缓存文件", True, None
            meta = dict(
                con.execute(
                    "SELECT key, value FROM meta WHERE key IN ('schema_version', ?)",
                    (SESSION_STATE_KEY,),
                ).fetchall()
            )
            version = migrations.parse_version(meta.get("schema_version"))
            if (no_way := _no_migration(meta.get("schema_version"))) is not None:
                return no_way, True, None
            if meta.get(SESSION_STATE_KEY) == "closed":
                return None, False, version
            log.info("cache %s was not closed cleanly: running the integrity check", path)
            check = con.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                return f"完整性检查失败: {check[0] if check else '?'}", True, None
        finally:
            con.close()
    except sqlite3.OperationalError:
        raise  # locked, busy, I/O, permissions: not damage, never a reason to move the file
    except sqlite3.DatabaseError as exc:
        return f"文件已损坏: {exc}", True, None
    return None, True, version


def _no_migration(version: object) -> str | None:
    """Why a file of ``version`` cannot be brought to this app's version (None if it can)."""
    target = migrations.target_version()
    number = migrations.parse_version(version)
    if number is not None and number > target:
        return f"缓存格式版本 {number} 比本程序的版本 {target} 新 (newer cache format)"
    if number is None or migrations.plan(number) is None:
        return f"缓存格式版本 {version or '?'} 与 {target} 不兼容"
    return None


#: SQLite result codes of a failed step that are about the machine, not the step:
#: such a failure is raised as it is and the file stays (rebuilding on a full or
#: read-only disk would only fail again, without the file).
_ENVIRONMENT_CODES = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_NOMEM,
        sqlite3.SQLITE_INTERRUPT,
    }
)


def _migrate(path: Path) -> str | None:
    """Run the steps the file needs (:mod:`.migrations`); the reason to rebuild if one failed.

    Called by the sole owner only, after :func:`_unusable_reason` found a
    version with a way forward and before the cache's own engine opens, on a
    short-lived engine of its own (closed here: the rebuild path may move the
    file). A failed step was rolled back; a lock, I/O, full disk or permission
    error is raised as it is and the file stays where it is, as in
    :func:`_unusable_reason`.
    """
    engine = _engine(path)
    try:
        migrations.migrate(engine)
    except migrations.MigrationFailed as exc:
        cause = exc.__cause__
        inner = getattr(cause, "orig", None) or cause  # SQLAlchemy wraps the sqlite3 error
        code = getattr(inner, "sqlite_errorcode", None)
        if isinstance(inner, OSError | MemoryError) or (
            isinstance(inner, sqlite3.Error)
            and code is not None
            and code & 0xFF in _ENVIRONMENT_CODES
        ):
            raise inner from exc
        log.error("cache %s: migration %s failed, rebuilding it", path, exc, exc_info=cause)
        return f"缓存升级失败 (migration {exc} failed: {type(inner).__name__}: {inner})"
    finally:
        engine.dispose()
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
            (
                f"SELECT {_ATTENTION_COLS}, {migrations.attention_code_column(con)} FROM attention ORDER BY id",
                attention,
            ),
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
            ("schema_version", str(migrations.target_version())),
            ("device_id", device_id or str(uuid.uuid4())),
            ("seq", str(seq)),
        ):
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )
        conn.exec_driver_sql(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, 'open')", (SESSION_STATE_KEY,)
        )


def open_cache(path: Path, *, wait_s: float | None = None) -> Cache:
    """Open (or create) the cache at ``path``, rebuilding it if unusable (see module doc).

    Raises :class:`CacheInUse` when another process holds the file for longer
    than ``wait_s`` (default :data:`.owner_lock.OWNER_WAIT_S`). Whatever fails,
    nothing stays open: no connection, no claim.
    """
    path = Path(path)
    paths.private_dir(path.parent)
    owner = owner_lock.claim(path, wait_s)
    engine: sqlalchemy.Engine | None = None
    try:
        if owner.first:
            reason, checked, version = _unusable_reason(path)
            if reason is None and version is not None and version < migrations.target_version():
                reason = _migrate(path)  # only now: the claim is held, the file checked
        else:  # this process has it open already (checked then); a rebuild waits for the next start
            reason, checked = None, True
        salvaged: tuple[list[tuple], list[tuple], str | None, int] = ([], [], None, 0)
        if reason is not None:
            salvaged = _move_aside(path, reason)
        gate = _ConnectionGate()
        engine = _engine(path, gate)
        _create_schema(engine, salvaged[2], salvaged[3])
        _make_private(path)
        cache = Cache(path, engine, owner, gate)
        cache.integrity_checked = checked
        if reason is not None:
            cache.rebuilt = True
            cache.rebuilt_reason = reason
            _restore(cache, salvaged[0], salvaged[1])
            rebuild_mark_path(path).unlink(
                missing_ok=True
            )  # only once the new file holds the outbox
    except BaseException:
        if engine is not None:
            engine.dispose()
        owner.release()
        raise
    return cache


def _move_aside(path: Path, reason: str) -> tuple[list[tuple], list[tuple], str | None, int]:
    """Rename the unusable file (and its -wal/-shm) aside and read what it still holds.

    Only ever called by the sole owner (:mod:`.owner_lock`): no other process
    and no other connection of this one has the file open.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{path}{suffix}")
        if src.exists():
            src.rename(f"{aside}{suffix}")
    log.warning("cache %s unusable (%s), moved to %s", path, reason, aside)
    return _salvage(aside)


def _make_private(path: Path) -> None:
    """The database and its -wal/-shm for the OS user only (by name: no descriptor opened).

    SQLite creates -wal/-shm with the database file's mode, so once the file is
    0600 so are they; an install from before this rule is tightened here too.
    """
    for suffix in ("", "-wal", "-shm"):
        paths.private_file(Path(f"{path}{suffix}"))


def remove_cache_files(
    path: Path, *, folders: tuple[Path, ...] = (), wait_s: float | None = None
) -> None:
    """Delete a cache file, its sidecars and ``folders`` (its blobs), as its sole owner.

    For signing out with removal.

    Raises :class:`CacheInUse` while another process, or another Cache of this
    one, has the file open: deleting a database under an open connection
    loses what it writes next. The ``.lock`` file stays (removing a lock file
    while someone waits on it would let two owners in).
    """
    path = Path(path)
    owner = owner_lock.claim(path, wait_s, sole=True)
    try:
        for suffix in ("", "-wal", "-shm", ".sync.lock", ".rebuild"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        owner.release()


def _restore(cache: Cache, outbox: list[tuple], attention: list[tuple]) -> None:
    from guide_app.cache.overlay import pending_edits, reapply_edits

    with cache.write() as conn:
        for row in outbox:
            conn.exec_driver_sql(
                f"INSERT OR IGNORE INTO outbox ({_OUTBOX_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        for row in attention:
            conn.exec_driver_sql(
                f"INSERT INTO attention ({_ATTENTION_COLS}, code)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
        reapply_edits(conn, pending_edits(conn))
