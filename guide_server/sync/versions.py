"""Row versions per scope, and the change index every pull walks.

A version comes from ``UPDATE scope_counter SET v = v + n WHERE scope = :s
RETURNING v`` inside the writing transaction. The row lock on the counter
orders commits within a scope, so a reader that has seen version N has seen
every committed version below N. A plain sequence would not: a transaction
that took 7 may commit after one that took 8, and a reader already past 8
would skip 7 forever (``version_source = "sequence"`` exists only so a test
can show exactly that).
"""

from __future__ import annotations

from sqlalchemy import select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from guide_server.models import ScopeCounter, SyncRow
from guide_server.models.base import utcnow
from guide_server.reader import STAFF
from guide_server.sync import live

#: Set by the app from ``Settings.version_source`` (test-only switch).
VERSION_SOURCE = {"value": "counter"}


def take_versions(session: Session, scope: str, n: int = 1) -> int:
    """Reserve ``n`` consecutive versions in ``scope``; returns the last one."""
    if VERSION_SOURCE["value"] == "sequence" and session.bind.dialect.name == "postgresql":
        return _from_sequence(session, scope, n)
    stmt = (
        update(ScopeCounter)
        .where(ScopeCounter.scope == scope)
        .values(v=ScopeCounter.v + n)
        .returning(ScopeCounter.v)
        .execution_options(synchronize_session=False)  # no scan of the session's objects
    )
    last = session.execute(stmt).scalar()
    if last is None:
        session.execute(_insert_ignore(session).values(scope=scope, v=0, floor=0))
        last = session.execute(stmt).scalar_one()
    live.bumped(session, scope)  # held pulls of this scope wake when this commits
    return int(last)


def _insert_ignore(session: Session):
    dialect = session.bind.dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(ScopeCounter).on_conflict_do_nothing(index_elements=["scope"])


def _from_sequence(session: Session, scope: str, n: int) -> int:
    """The wrong way, for the concurrency test only: one global sequence, no row lock."""
    last = 0
    for _ in range(n):
        last = int(session.execute(text("SELECT nextval('guide_version_seq')")).scalar_one())
    return last


def create_test_sequence(session: Session) -> None:
    """The sequence ``version_source = "sequence"`` draws from (test-only)."""
    session.execute(text("CREATE SEQUENCE IF NOT EXISTS guide_version_seq"))


def touch(
    session: Session, entity: str, entity_id: str, scope: str, *, deleted: bool = False
) -> int:
    """Give one row a new version in ``scope`` (and mark it deleted or alive)."""
    version = take_versions(session, scope)
    upsert_sync_rows(session, [(entity, entity_id, scope, version, deleted)])
    return version


def in_staff(entity: str, scope: str) -> bool:
    """Does this row also have a place in HQ's ``staff`` scope (an account of a store)?"""
    return entity == "user" and scope.startswith("store:")


def staff_positions(session: Session, index: list[dict]) -> None:
    """Give the account rows of stores among change-index rows their ``staff_version``.

    Taken from the ``staff`` counter in the caller's transaction, like any version
    (after the rows' own scope counters, so the lock order is always store, then staff).
    Every writer of the change index calls this: :func:`upsert_sync_rows` and the bulk
    writer.
    """
    staff = [row for row in index if in_staff(row["entity"], row["scope"])]
    for row in index:
        row.setdefault("staff_version", None)
    if not staff:
        return
    first = take_versions(session, STAFF, len(staff)) - len(staff) + 1
    for n, row in enumerate(staff):
        row["staff_version"] = first + n


def upsert_sync_rows(session: Session, rows: list[tuple[str, str, str, int, bool]]) -> None:
    """Insert or overwrite change-index rows ``(entity, id, scope, version, deleted)``."""
    if not rows:
        return
    now = utcnow()
    values = [
        {"entity": e, "entity_id": i, "scope": s, "version": v, "deleted": d, "changed_at": now}
        for e, i, s, v, d in rows
    ]
    staff_positions(session, values)
    dialect = session.bind.dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(SyncRow)
    stmt = stmt.on_conflict_do_update(
        index_elements=["entity", "entity_id"],
        set_={
            "scope": stmt.excluded.scope,
            "version": stmt.excluded.version,
            "deleted": stmt.excluded.deleted,
            "changed_at": stmt.excluded.changed_at,
            "staff_version": stmt.excluded.staff_version,
        },
    )
    session.execute(stmt, values)


def current_version(session: Session, entity: str, entity_id: str) -> tuple[int, bool] | None:
    row = session.execute(
        select(SyncRow.version, SyncRow.deleted).where(
            SyncRow.entity == entity, SyncRow.entity_id == entity_id
        )
    ).first()
    return (int(row[0]), bool(row[1])) if row else None
