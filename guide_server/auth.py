"""Sign-in, token checks (with a short in-process cache), throttling, sign-out."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_server.audit import record
from guide_server.db import Database
from guide_server.models import AuthToken, Store, User
from guide_server.models.base import utcnow
from guide_server.reader import Reader
from guide_server.security import new_token, token_hash, verify_password
from guide_server.throttle import SignInThrottle, ThrottleRules, TooManyAttempts

__all__ = ["AuthFailed", "Authenticator", "SignIn", "TooManyAttempts"]


class AuthFailed(Exception):
    """401: ``message`` says why (wrong password, expired, revoked…)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SignIn:
    token: str
    expires_at: datetime
    reader: Reader


def _reader_for(session: Session, user: User) -> Reader:
    region_id = None
    all_stores: tuple[str, ...] = ()
    if user.store_id:
        store = session.get(Store, user.store_id)
        region_id = store.region_id if store else None
    if user.role == "hq":
        all_stores = tuple(session.scalars(select(Store.id).order_by(Store.code)))
    return Reader(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        store_id=user.store_id,
        region_id=region_id,
        all_store_ids=all_stores,
    )


class Authenticator:
    """Everything about who is calling; one per server process."""

    def __init__(
        self,
        db: Database,
        *,
        ttl_days: int,
        cache_seconds: float,
        throttle: ThrottleRules | None = None,
    ) -> None:
        self.db = db
        self.ttl = timedelta(days=ttl_days)
        self.cache_seconds = cache_seconds
        self.throttle = SignInThrottle(db, throttle or ThrottleRules())
        self._cache: dict[str, tuple[Reader, datetime, float]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ sign-in

    def login(self, username: str, password: str, device_id: str, address: str) -> SignIn:
        """Check the password, at most as often as the throttle allows (see ``throttle.py``).

        The attempt is counted (and committed) before the password is checked, so parallel
        attempts cannot get more checks than the limit; a success gives the place back.
        """
        with self.db.read() as session:
            user = session.scalar(select(User).where(User.username == username))
            hashed = user.password_hash if user else None
            attempt = self.throttle.attempt(
                session, username, address, device_id, user.id if user else None
            )
        self.throttle.reserve(attempt)  # raises TooManyAttempts
        self.throttle.purge_now_and_then()
        ok = verify_password(hashed, password) and user is not None and user.active
        if not ok:
            with self.db.write() as session:
                record(
                    session,
                    None,
                    "login_failed",
                    f"device={device_id}",
                    username=username,
                    address=address,
                )
            raise AuthFailed("用户名或密码错误 (wrong username or password)")
        token = new_token()
        expires = utcnow() + self.ttl
        with self.db.write() as session:
            self.throttle.succeeded(session, attempt)
            session.add(
                AuthToken(
                    token_hash=token_hash(token),
                    user_id=user.id,
                    device_id=device_id,
                    expires_at=expires,
                )
            )
            reader = _reader_for(session, user)
            record(session, reader, "login", f"device={device_id}", address=address)
        return SignIn(token=token, expires_at=expires, reader=reader)

    # ------------------------------------------------------------------ tokens

    def check(self, token: str) -> Reader:
        """The reader behind a bearer token, or :class:`AuthFailed`."""
        hashed = token_hash(token)
        now_mono = time.monotonic()
        hit = self._cache.get(hashed)
        if hit is not None and now_mono - hit[2] < self.cache_seconds and hit[1] > utcnow():
            return hit[0]
        with self.db.read() as session:
            found = session.execute(
                select(AuthToken, User)
                .join(User, User.id == AuthToken.user_id)
                .where(AuthToken.token_hash == hashed)
            ).first()
            if found is None:
                raise AuthFailed("未登录或令牌无效 (invalid token)")
            tok, user = found
            if not user.active:  # first: a stopped account's PC says so, not "signed out"
                raise AuthFailed("账号已停用 (account disabled)")
            if tok.revoked_at is not None:
                raise AuthFailed("已退出登录, 请重新登录 (token revoked)")
            if tok.expires_at <= utcnow():
                raise AuthFailed("登录已过期, 请重新登录 (token expired)")
            reader = _reader_for(session, user)
        with self._lock:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[hashed] = (reader, tok.expires_at, now_mono)
        return reader

    def logout(self, token: str, reader: Reader) -> None:
        hashed = token_hash(token)
        with self.db.write() as session:
            tok = session.get(AuthToken, hashed)
            if tok is not None and tok.revoked_at is None:
                tok.revoked_at = utcnow()
            record(session, reader, "logout")
        self._cache.pop(hashed, None)

    def forget(self, token_hashes: list[str]) -> None:
        """Drop revoked tokens from this process's cache (other workers' entries expire
        within ``cache_seconds``)."""
        with self._lock:
            for hashed in token_hashes:
                self._cache.pop(hashed, None)

    def forget_user(self, user_id: str) -> None:
        """Drop every cached token of one account (a handover revoked them in a push)."""
        with self._lock:
            for hashed in [h for h, hit in self._cache.items() if hit[0].user_id == user_id]:
                self._cache.pop(hashed, None)

    def deny(self, reader: Reader | None, detail: str, address: str = "") -> None:
        """Audit a permission denial (its own small transaction)."""
        with self.db.write() as session:
            record(session, reader, "denied", detail, address=address)
