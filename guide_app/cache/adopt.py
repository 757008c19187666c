"""Edits stranded in another cache of the same account and server are taken over at sign-in.

The cache file is named after the server's address (:func:`guide_app.paths.cache_path`),
so the same server reached under another address — the demo server on another
port, ``localhost`` instead of ``127.0.0.1``, a new DNS name — gets a new,
empty cache, and edits made offline in the old one would never be sent. So
each cache records who it belongs to in its ``meta`` table
(:func:`record_identity`: the server's ``server_id`` from ``GET /health``, the
username and user id), and at sign-in :func:`adopt_stranded` moves the outbox
and attention rows of every other cache of the same server and user into the
current one.

Why this is safe:

- The rows keep their ``mutation_id``; the server applies a mutation id once
  (per user), so an edit that was already sent from the old cache, or that is
  left in both caches by a crash between the two transactions below, is
  answered ``duplicate`` and never applied twice.
- One transaction per old cache on each side: the current cache first holds
  the rows (new ``seq`` numbers after its own, the edits applied to its local
  rows), and only after that commit are they deleted from the old cache.
- A cache another process (or another session of this one) has open is
  skipped: :func:`~guide_app.cache.owner_lock.claim` with ``sole=True`` and no
  wait; its owner sends its own edits. The old file is read only through
  SQLite, never with a plain ``open()`` (which would drop SQLite's locks).
- Caches without a recorded ``server_id`` (made before it existed, or only
  ever unlocked offline) are never adopted: an address alone does not say
  which server it was.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from guide_app import paths
from guide_app.cache import migrations
from guide_app.cache.overlay import LocalEdit, reapply_edits
from guide_app.cache.owner_lock import CacheInUse, claim
from guide_core.protocol import UserInfo

if TYPE_CHECKING:
    from guide_app.cache.database import Cache

log = logging.getLogger(__name__)

#: ``meta`` keys naming the cache's owner (written at each sign-in).
SERVER_ID_KEY = "server_id"
USERNAME_KEY = "username"
USER_ID_KEY = "user_id"

_OUTBOX_COLS = "mutation_id, entity, op, entity_id, fields, base_version, user_id, created_at"
_ATTENTION_COLS = (
    "mutation_id, entity, op, entity_id, fields, base_version, user_id, reason, "
    "server_row, created_at"
)
#: How long to wait for the old file's SQLite lock (its owner claim is already ours).
_BUSY_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Adopted:
    """What one old cache handed over."""

    source: Path
    outbox: int
    attention: int

    @property
    def total(self) -> int:
        return self.outbox + self.attention


def record_identity(cache: Cache, server_id: str | None, user: UserInfo) -> str | None:
    """Write the cache's owner into its ``meta``; returns the server id to adopt for.

    ``server_id`` is None when the server did not say (offline unlock, an older
    server): the id recorded at an earlier online sign-in is kept and returned.
    """
    with cache.write() as conn:
        recorded = conn.exec_driver_sql(
            "SELECT value FROM meta WHERE key = ?", (SERVER_ID_KEY,)
        ).scalar()
        if server_id is not None and recorded is not None and recorded != server_id:
            log.warning(
                "cache %s was made with server %s, the address now answers as %s",
                cache.path,
                recorded,
                server_id,
            )
        values = {USERNAME_KEY: user.username, USER_ID_KEY: user.id}
        if server_id is not None:
            values[SERVER_ID_KEY] = server_id
        for key, value in values.items():
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )
    return server_id if server_id is not None else recorded


def adopt_stranded(
    cache: Cache,
    server_id: str,
    user: UserInfo,
    keep_blob: Callable[[Path], object] | None = None,
) -> list[Adopted]:
    """Move pending edits of other caches of ``user`` on ``server_id`` into ``cache``.

    ``keep_blob(path)`` is called for each evidence file an adopted edit names
    that the old cache had not uploaded yet, before the edit moves (the
    session copies it into its own blob cache, which uploads it before the edit).
    A cache that cannot be read is logged and skipped; this never raises for one.
    """
    current = Path(cache.path).resolve()
    adopted: list[Adopted] = []
    for other in sorted(current.parent.glob("*.db")):
        if other.resolve() == current:
            continue
        try:
            got = _adopt_one(cache, other, server_id, user, keep_blob)
        except CacheInUse:
            log.info("cache %s is open elsewhere: its owner sends its edits", other)
            continue
        except (sqlite3.Error, OSError, ValueError) as exc:
            log.warning("pending edits of %s not taken over: %s", other, exc)
            continue
        if got is not None:
            log.info(
                "took over %d pending and %d refused edits from %s (same server and user)",
                got.outbox,
                got.attention,
                other,
            )
            adopted.append(got)
    return adopted


def _adopt_one(
    cache: Cache,
    other: Path,
    server_id: str,
    user: UserInfo,
    keep_blob: Callable[[Path], object] | None,
) -> Adopted | None:
    owner = claim(other, wait_s=0, sole=True)
    try:
        con = sqlite3.connect(
            f"{other.resolve().as_uri()}?mode=rw",
            uri=True,
            timeout=_BUSY_TIMEOUT_S,
            isolation_level=None,
        )
        try:
            return _move_rows(cache, con, other, server_id, user, keep_blob)
        finally:
            con.close()
    finally:
        owner.release()


def _move_rows(
    cache: Cache,
    con: sqlite3.Connection,
    other: Path,
    server_id: str,
    user: UserInfo,
    keep_blob: Callable[[Path], object] | None,
) -> Adopted | None:
    if not _same_owner(con, server_id, user):
        return None
    con.execute("BEGIN IMMEDIATE")  # nobody changes the old rows while they move
    try:
        outbox = con.execute(f"SELECT seq, {_OUTBOX_COLS} FROM outbox ORDER BY seq").fetchall()
        attention = con.execute(
            f"SELECT id, {_ATTENTION_COLS}, {migrations.attention_code_column(con)} FROM attention ORDER BY id"
        ).fetchall()
        if not outbox and not attention:
            con.execute("ROLLBACK")
            return None
        if keep_blob is not None:
            _keep_evidence(other, [r[1:] for r in outbox] + [r[1:] for r in attention], keep_blob)
        moved_out, moved_att = _insert(cache, [r[1:] for r in outbox], [r[1:] for r in attention])
        # The current cache holds them now (committed): only then leave the old one.
        con.executemany("DELETE FROM outbox WHERE seq = ?", [(r[0],) for r in outbox])
        con.executemany("DELETE FROM attention WHERE id = ?", [(r[0],) for r in attention])
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    cache.notify_local_edit()
    return Adopted(other, moved_out, moved_att)


def _same_owner(con: sqlite3.Connection, server_id: str, user: UserInfo) -> bool:
    """The other cache is of this server and user, in this cache format or one that
    migrates to it (its outbox and attention rows have today's columns, but for an
    attention ``code`` before version 4: see :func:`.migrations.attention_code_column`)."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"meta", "outbox", "attention"} <= tables:
        return False
    meta = dict(
        con.execute(
            "SELECT key, value FROM meta WHERE key IN (?, ?, ?, 'schema_version')",
            (SERVER_ID_KEY, USERNAME_KEY, USER_ID_KEY),
        ).fetchall()
    )
    version = migrations.parse_version(meta.get("schema_version"))
    return (
        version is not None
        and migrations.plan(version) is not None
        and meta.get(SERVER_ID_KEY) == server_id
        and meta.get(USERNAME_KEY) == user.username
        and meta.get(USER_ID_KEY) in (None, user.id)
    )


def _insert(cache: Cache, outbox: list[tuple], attention: list[tuple]) -> tuple[int, int]:
    """One transaction: the rows into ``cache`` (new seq after its own), edits applied locally.

    A mutation id the current cache already has (a crash after this commit
    and before the old cache was emptied) is not added twice.
    """
    moved_out = moved_att = 0
    with cache.write() as conn:
        have = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT mutation_id FROM outbox UNION SELECT mutation_id FROM attention"
            )
        }
        edits: list[LocalEdit] = []
        for row in outbox:
            mutation_id, entity, op, entity_id, fields, base_version, user_id, created_at = row
            if mutation_id in have:
                continue
            conn.exec_driver_sql(
                "INSERT INTO outbox (seq, mutation_id, entity, op, entity_id, fields,"
                " base_version, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cache.next_seq(conn), *row),
            )
            edits.append(
                LocalEdit(entity, op, entity_id, orjson.loads(fields), user_id, created_at)
            )
            moved_out += 1
        for row in attention:
            if row[0] in have:
                continue
            conn.exec_driver_sql(
                f"INSERT INTO attention ({_ATTENTION_COLS}, code)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            moved_att += 1
        reapply_edits(conn, edits)
    return moved_out, moved_att


def _keep_evidence(other: Path, rows: list[tuple], keep_blob: Callable[[Path], object]) -> None:
    """Hand over the evidence files the old cache took and never uploaded."""
    wanted = set()
    for row in rows:
        entity, fields = row[1], row[4]
        if entity == "item_check":
            sha = orjson.loads(fields).get("evidence_sha256")
            if isinstance(sha, str):
                wanted.add(sha)
    if not wanted:
        return
    folder = paths.blob_dir(other)
    index = folder / "index.sqlite"
    if not index.exists():
        return
    con = sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True)
    try:
        local_only = {
            r[0] for r in con.execute("SELECT sha256 FROM blob WHERE uploaded = 0").fetchall()
        }
    finally:
        con.close()
    for sha in sorted(wanted & local_only):
        path = folder / sha[:2] / sha
        if path.exists():
            keep_blob(path)
