"""``GET /sync/pull``: walk the reader's scopes from its cursor, one page at a time."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from guide_server.db import Database
from guide_server.models import ScopeCounter, SyncRow
from guide_server.reader import STAFF, Reader
from guide_server.services.tasks_schedule import ensure_today
from guide_server.sync.changes import build_changes, raw_cursor
from guide_server.sync.cursor import CursorState, decode_cursor, encode_cursor
from guide_server.sync.versions import VERSION_SOURCE


class Resync(Exception):
    """The cursor is from another epoch or older than the retained tombstones."""


@dataclass(frozen=True)
class ServerKeys:
    epoch: str
    secret: bytes


class CounterCache:
    """Scope counters read at most every ``ttl`` seconds per process.

    Idle polls are most of the traffic; a counter seen a few milliseconds late
    only delays a change to the next poll (the cursor does not move), it never
    loses one.

    :meth:`invalidate` (a push answered here, a change notified by the database:
    ``guide_server.sync.live``) starts a new generation: values read before it
    are not used again, even by a read that was still running when it came (a
    held pull woken by a commit must not see the counters from just before it).
    One thread re-reads; the others wait for its values.
    """

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._reading = threading.Lock()
        self._values: dict[str, tuple[int, int]] = {}
        self._read_at = 0.0
        self._generation = 0
        self._read_generation = -1

    def _fresh(self, now: float) -> dict[str, tuple[int, int]] | None:
        with self._lock:
            if (
                self.ttl > 0
                and now - self._read_at <= self.ttl
                and self._read_generation >= self._generation
            ):
                return self._values
        return None

    def get(self, db: Database, scopes: list[str]) -> dict[str, tuple[int, int]]:
        values = self._fresh(time.monotonic())
        if values is None:
            with self._reading:
                values = self._fresh(time.monotonic())  # another thread just read them
                if values is None:
                    with self._lock:
                        generation = self._generation
                    now = time.monotonic()
                    with db.read() as session:
                        values = {
                            s: (int(v), int(f))
                            for s, v, f in session.execute(
                                select(ScopeCounter.scope, ScopeCounter.v, ScopeCounter.floor)
                            )
                        }
                    with self._lock:
                        self._values, self._read_at = values, now
                        self._read_generation = generation
        return {s: values.get(s, (0, 0)) for s in scopes}

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1


def pull(
    db: Database,
    reader: Reader,
    cursor: str,
    limit: int,
    keys: ServerKeys,
    counters: CounterCache | None = None,
) -> dict:
    """One page of changes for ``reader`` after ``cursor`` (``""`` for the first pull)."""
    if reader.store_id:  # today's assignments of recurring tasks (issue 13), once a day
        ensure_today(db, reader.store_id)
    state = decode_cursor(cursor, keys.secret) if cursor else CursorState(keys.epoch, {})
    if state.epoch != keys.epoch:
        raise Resync()
    scopes = reader.scopes()
    if any(s not in scopes for s in state.scopes):
        # The cursor names a scope this reader no longer pulls (an HQ cache from before
        # HQ stopped pulling stores, a guide moved to another store): the client holds
        # rows it may not keep, and starting over drops them.
        raise Resync()
    seen = {s: state.scopes.get(s, 0) for s in scopes}
    sequence_mode = VERSION_SOURCE["value"] == "sequence"
    tops = (counters or CounterCache(0)).get(db, scopes)
    for s in scopes:
        top, floor = tops[s]
        if 0 < seen[s] < floor:
            raise Resync()
    pending = [s for s in scopes if sequence_mode or tops[s][0] > seen[s]]
    if not pending:
        out_cursor = cursor or encode_cursor(
            CursorState(keys.epoch, _compact(seen), []), keys.secret
        )
        return {"changes": [], "cursor": out_cursor, "has_more": False}

    index_rows: list[tuple[str, str, str, int, bool]] = []
    has_more = False
    warming = {s for s in pending if seen[s] == 0 or s in state.warming}
    quiet = frozenset(warming)
    with db.read() as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        if postgres:
            # Walk (scope, version) in index order, never "every row after the cursor, then
            # sort": without fresh statistics (a bulk load, autovacuum not yet run) the
            # planner takes a bitmap scan + top-N sort, which reads all the rest of the
            # scope on every page (O(rows left) per page).
            session.execute(_NO_SORT)
        for s in pending:
            room = limit - len(index_rows)
            if room <= 0:
                has_more = True
                break
            got = _scope_rows(session, s, seen[s], room)
            index_rows.extend(got)
            if got:
                seen[s] = got[-1][3]
            if len(got) == room:
                has_more = True
                continue
            warming.discard(s)
            if not sequence_mode:
                seen[s] = max(seen[s], tops[s][0])
        if postgres:
            session.execute(_SORT)
        changes = build_changes(session, reader, index_rows, quiet)
    still_warming = sorted(w for w in warming if w in seen)
    new_cursor = encode_cursor(CursorState(keys.epoch, _compact(seen), still_warming), keys.secret)
    return {"changes": changes, "cursor": new_cursor, "has_more": has_more}


_NO_SORT = text("SET LOCAL enable_sort = off")
_SORT = text("SET LOCAL enable_sort TO DEFAULT")

_SCOPE_ROWS_SQL = (
    "SELECT entity, entity_id, scope, version, deleted FROM sync_row"
    " WHERE scope = ? AND version > ? ORDER BY version LIMIT ?"
)
#: HQ's ``staff``: every store's account rows by their chain-wide place (``staff_version``
#: is the version the reader gets, so its cursor and the rows agree).
_STAFF_ROWS_SQL = (
    "SELECT entity, entity_id, scope, staff_version, deleted FROM sync_row"
    " WHERE staff_version > ? ORDER BY staff_version LIMIT ?"
)


def _scope_rows(session: Session, scope: str, after: int, n: int) -> list[tuple]:
    """The next ``n`` index rows of ``scope`` after version ``after`` (a range of its index)."""
    staff = scope == STAFF
    cursor = raw_cursor(session)
    if cursor is not None:  # SQLite: straight through the driver, same transaction
        try:
            if staff:
                rows = cursor.execute(_STAFF_ROWS_SQL, (after, n)).fetchall()
            else:
                rows = cursor.execute(_SCOPE_ROWS_SQL, (scope, after, n)).fetchall()
        finally:
            cursor.close()
        return [(e, i, s, v, bool(d)) for e, i, s, v, d in rows]
    if staff:
        stmt = (
            select(
                SyncRow.entity,
                SyncRow.entity_id,
                SyncRow.scope,
                SyncRow.staff_version,
                SyncRow.deleted,
            )
            .where(SyncRow.staff_version > after)
            .order_by(SyncRow.staff_version)
            .limit(n)
        )
    else:
        stmt = (
            select(
                SyncRow.entity, SyncRow.entity_id, SyncRow.scope, SyncRow.version, SyncRow.deleted
            )
            .where(SyncRow.scope == scope, SyncRow.version > after)
            .order_by(SyncRow.version)
            .limit(n)
        )
    return [(e, i, s, int(v), bool(d)) for e, i, s, v, d in session.execute(stmt)]


def _compact(seen: dict[str, int]) -> dict[str, int]:
    """Scopes at 0 are left out: a scope missing from a cursor starts from 0."""
    return {s: v for s, v in seen.items() if v}
