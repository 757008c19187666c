"""Dropping old tombstones (``guide-server purge``): the floor below which a cursor must resync."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from guide_server.db import Database
from guide_server.models import ScopeCounter, SyncRow
from guide_server.models.base import utcnow
from guide_server.reader import STAFF


def purge_tombstones(db: Database, days: int) -> int:
    """Drop tombstones older than ``days`` and raise each scope's floor past them.

    A client whose cursor is below the new floor might still hold a row whose
    tombstone is gone, so its next pull answers ``409 resync``.
    """
    cutoff = utcnow() - timedelta(days=days)
    with db.write() as session:
        floors = list(
            session.execute(
                select(SyncRow.scope, func.max(SyncRow.version))
                .where(SyncRow.deleted.is_(True), SyncRow.changed_at < cutoff)
                .group_by(SyncRow.scope)
            ).all()
        )
        staff_top = session.execute(  # account rows of stores: also HQ's ``staff`` scope
            select(func.max(SyncRow.staff_version)).where(
                SyncRow.deleted.is_(True), SyncRow.changed_at < cutoff
            )
        ).scalar()
        if staff_top is not None:
            floors.append((STAFF, staff_top))
        for scope, top in floors:
            counter = session.get(ScopeCounter, scope, with_for_update=True)
            if counter is not None and counter.floor < top:
                counter.floor = int(top)
        result = session.execute(
            delete(SyncRow).where(SyncRow.deleted.is_(True), SyncRow.changed_at < cutoff)
        )
        return int(result.rowcount or 0)
