"""Accounts: list, create, deactivate, reset password (admin API and ``guide-server create-user``).

Every write is one transaction holding the change, its audit row and, when a synced
field changes, the row's new version in its scope (``store:<id>``, or ``global`` for an
HQ account), so counter apps pull it like any other row. Deactivating or resetting a
password revokes the account's tokens in that transaction; the revoked token hashes are
returned so the caller can drop them from its process's token cache (another worker
process keeps a checked token for at most ``Settings.token_cache_seconds``, 5 s by
default — sign-in is refused at once everywhere).

A refusal (:class:`Forbidden`) is audited as ``denied`` in its own transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guide_core.protocol import MAX_NAME, Mutation, Role, UserData
from guide_core.rules import Code, Target, check
from guide_core.rules.users import may_list_users, may_manage_user
from guide_server.audit import record
from guide_server.blobs import may_read
from guide_server.db import Database
from guide_server.models import AuthToken, Blob, Store, User
from guide_server.models.base import utcnow
from guide_server.reader import Reader
from guide_server.security import hash_password
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.services.scopes import own_scope
from guide_server.sync.versions import touch

#: Shortest password an account may be given (the CLI's rule since the first release).
MIN_PASSWORD = 6
#: Longest: what sign-in accepts.
MAX_PASSWORD = 256


class UserServiceError(Exception):
    """A refused request; ``status`` is its HTTP answer, ``message`` the Chinese-first text."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Forbidden(UserServiceError, PermissionError):
    status = 403


class NotFound(UserServiceError, LookupError):
    status = 404


class Conflict(UserServiceError, ValueError):
    status = 409


class Invalid(UserServiceError, ValueError):
    status = 422


@dataclass(frozen=True)
class UserChange:
    """A written account, and the token hashes the write revoked."""

    user: UserData
    revoked: list[str] = field(default_factory=list)


def user_data(user: User) -> UserData:
    return UserData(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        store_id=user.store_id,
        active=user.active,
        wecom_qr_sha256=user.wecom_qr_sha256,
    )


def user_scope_of(store_id: str | None) -> str:
    """The sync scope an account row lives in."""
    return own_scope("user", {"store_id": store_id})


def _actor_facts(actor: Reader | None) -> tuple[str, str | None]:
    """``None`` is the server's operator (the CLI), who may do what HQ may."""
    return (Role.HQ.value, None) if actor is None else (actor.role, actor.store_id)


def _audit(session: Session, actor: Reader | None, action: str, detail: str, address: str) -> None:
    record(session, actor, action, detail, username="" if actor else "cli", address=address)


def _deny(db: Database, actor: Reader | None, detail: str, address: str) -> None:
    with db.write() as session:
        _audit(session, actor, "denied", detail, address)


def _check(
    db: Database,
    actor: Reader | None,
    target_role: str,
    target_store: str | None,
    what: str,
    address: str,
) -> None:
    role, store = _actor_facts(actor)
    refusal = may_manage_user(role, store, target_role, target_store)
    if refusal is not None:
        _deny(db, actor, f"{what}: {refusal.code} {refusal.reason}", address)
        raise Forbidden(f"forbidden: {refusal.reason}")


def _check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid(f"password: 密码应为{MIN_PASSWORD}至{MAX_PASSWORD}位 (password length)")


def _revoke_tokens(session: Session, user_id: str) -> list[str]:
    hashes = list(
        session.scalars(
            select(AuthToken.token_hash).where(
                AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None)
            )
        )
    )
    if hashes:
        session.execute(
            update(AuthToken)
            .where(AuthToken.user_id == user_id, AuthToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    return hashes


# --------------------------------------------------------------------------- reads


def list_users(
    db: Database, actor: Reader, store_id: str | None = None, *, address: str = ""
) -> list[UserData]:
    """The accounts ``actor`` may manage (HQ: all, or one store's; supervisor: own store's)."""
    role, own_store = _actor_facts(actor)
    refusal = may_list_users(role, own_store, store_id)
    if refusal is not None:
        _deny(db, actor, f"list users store={store_id}: {refusal.code} {refusal.reason}", address)
        raise Forbidden(f"forbidden: {refusal.reason}")
    with db.read() as session:
        query = select(User).order_by(User.username)
        if store_id is not None:
            query = query.where(User.store_id == store_id)
        return [
            user_data(u)
            for u in session.scalars(query)
            if may_manage_user(role, own_store, u.role, u.store_id) is None
        ]


# --------------------------------------------------------------------------- writes


def create_user(
    db: Database,
    actor: Reader | None,
    *,
    username: str,
    role: str,
    password: str,
    store_id: str | None = None,
    store_code: str | None = None,
    display_name: str | None = None,
    address: str = "",
) -> UserData:
    """A new active account, synced to its store's scope (``global`` for HQ)."""
    username = username.strip()
    if not 1 <= len(username) <= MAX_NAME:
        raise Invalid(f"username: 账号应为1至{MAX_NAME}个字 (username length)")
    try:
        role = Role(role).value
    except ValueError:
        raise Invalid(f"role: 未知角色 {role!r}, 应为 guide/supervisor/hq (unknown role)") from None
    _check_password(password)
    with db.read() as session:
        if store_code is not None and store_id is None:
            store_id = session.scalar(select(Store.id).where(Store.code == store_code))
            if store_id is None:
                raise NotFound(f"门店不存在: {store_code} (no such store)")
        elif store_id is not None and session.get(Store, store_id) is None:
            raise NotFound(f"门店不存在: {store_id} (no such store)")
    if role == Role.HQ and store_id is not None:
        raise Invalid("store_id: 总部账号不属于门店, 不要指定门店 (HQ accounts have no store)")
    if role != Role.HQ and store_id is None:
        raise Invalid("store_id: 导购/店长必须指定门店 (store required for guide/supervisor)")
    _check(db, actor, role, store_id, f"create user {username} ({role})", address)
    hashed = hash_password(password)
    with db.write() as session:
        if session.scalar(select(User.id).where(User.username == username)):
            raise Conflict(f"账号已存在: {username} (username taken)")
        user = User(
            id=str(uuid.uuid4()),
            username=username,
            display_name=(display_name or "").strip() or username,
            role=role,
            store_id=store_id,
            active=True,
            password_hash=hashed,
        )
        session.add(user)
        try:
            session.flush()
        except IntegrityError:  # the same name, created a moment ago by another request
            raise Conflict(f"账号已存在: {username} (username taken)") from None
        touch(session, "user", user.id, user_scope_of(store_id))
        _audit(session, actor, "user_created", f"{username} role={role} store={store_id}", address)
        return user_data(user)


def _target(db: Database, user_id: str) -> tuple[str, str | None]:
    with db.read() as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFound(f"账号不存在: {user_id} (no such user)")
        return user.role, user.store_id


def deactivate_user(
    db: Database, actor: Reader | None, user_id: str, *, address: str = ""
) -> UserChange:
    """Stop an account: sign-in is refused and its tokens are revoked (see the module doc)."""
    role, store = _target(db, user_id)
    _check(db, actor, role, store, f"deactivate user {user_id}", address)
    with db.write() as session:
        user = session.get(User, user_id, with_for_update=True)
        if user is None:
            raise NotFound(f"账号不存在: {user_id} (no such user)")
        was_active = user.active
        user.active = False
        revoked = _revoke_tokens(session, user_id)
        if was_active:
            touch(session, "user", user.id, user_scope_of(user.store_id))
        _audit(
            session,
            actor,
            "user_deactivated",
            f"{user.username} tokens_revoked={len(revoked)}",
            address,
        )
        return UserChange(user_data(user), revoked)


def reset_password(
    db: Database, actor: Reader | None, user_id: str, password: str, *, address: str = ""
) -> UserChange:
    """Give an account a new password and revoke its tokens (every device signs in again).

    No synced field changes (the hash is never sent), so the row's version stays.
    """
    _check_password(password)
    role, store = _target(db, user_id)
    _check(db, actor, role, store, f"reset password of user {user_id}", address)
    hashed = hash_password(password)
    with db.write() as session:
        user = session.get(User, user_id, with_for_update=True)
        if user is None:
            raise NotFound(f"账号不存在: {user_id} (no such user)")
        user.password_hash = hashed
        revoked = _revoke_tokens(session, user_id)
        _audit(
            session,
            actor,
            "password_reset",
            f"{user.username} tokens_revoked={len(revoked)}",
            address,
        )
        return UserChange(user_data(user), revoked)


# --------------------------------------------------------------------------- push


def user_set_qr(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    """``user.set_qr``: one's own WeCom QR code (an image one uploaded or may read)."""
    refuse_if(check("user", "set_qr", reader.actor, Target(owner_id=m.entity_id)))
    user = session.get(User, m.entity_id, with_for_update=True)
    if user is None:
        raise Rejected(Code.FORBIDDEN, m.entity_id)
    sha = fields.get("qr_sha256")
    if sha is not None and (session.get(Blob, sha) is None or not may_read(session, reader, sha)):
        raise Rejected(Code.UNKNOWN_FILE, sha)
    if user.wecom_qr_sha256 != sha:
        user.wecom_qr_sha256 = sha
        session.flush()
        touch(session, "user", user.id, user_scope_of(user.store_id))
    return "user", user.id


__all__: Sequence[str] = (
    "Conflict",
    "Forbidden",
    "Invalid",
    "NotFound",
    "UserChange",
    "UserServiceError",
    "create_user",
    "deactivate_user",
    "list_users",
    "reset_password",
    "user_set_qr",
)
