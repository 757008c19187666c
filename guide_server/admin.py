"""Administrative writes shared by the CLI and the test harness."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import delete, func, select

from guide_app.sync.protocol import Role
from guide_server.db import Database
from guide_server.models import ScopeCounter, Store, SyncRow, User
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, store_scope
from guide_server.security import hash_password
from guide_server.sync.versions import touch


def create_user(
    db: Database,
    username: str,
    role: str,
    *,
    store_code: str | None = None,
    display_name: str | None = None,
    password: str,
) -> str:
    """Create an account (synced to its store's scope); returns its id."""
    role = Role(role).value
    if len(password) < 6:
        raise ValueError("密码至少6位")
    with db.write() as session:
        if session.scalar(select(User.id).where(User.username == username)):
            raise ValueError(f"账号已存在: {username}")
        store_id = None
        if role != Role.HQ:
            if not store_code:
                raise ValueError("导购/店长必须指定 --store-code")
            store_id = session.scalar(select(Store.id).where(Store.code == store_code))
            if store_id is None:
                raise LookupError(f"门店不存在: {store_code}")
        user = User(
            id=str(uuid.uuid4()),
            username=username,
            display_name=display_name or username,
            role=role,
            store_id=store_id,
            active=True,
            password_hash=hash_password(password),
        )
        session.add(user)
        session.flush()
        touch(session, "user", user.id, store_scope(store_id) if store_id else GLOBAL)
        return user.id


def purge_tombstones(db: Database, days: int) -> int:
    """Drop tombstones older than ``days`` and raise each scope's floor past them.

    A client whose cursor is below the new floor might still hold a row whose
    tombstone is gone, so its next pull answers ``409 resync``.
    """
    cutoff = utcnow() - timedelta(days=days)
    with db.write() as session:
        floors = session.execute(
            select(SyncRow.scope, func.max(SyncRow.version))
            .where(SyncRow.deleted.is_(True), SyncRow.changed_at < cutoff)
            .group_by(SyncRow.scope)
        ).all()
        for scope, top in floors:
            counter = session.get(ScopeCounter, scope, with_for_update=True)
            if counter is not None and counter.floor < top:
                counter.floor = int(top)
        result = session.execute(
            delete(SyncRow).where(SyncRow.deleted.is_(True), SyncRow.changed_at < cutoff)
        )
        return int(result.rowcount or 0)
