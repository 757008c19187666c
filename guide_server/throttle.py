"""Sign-in throttling: an attempt reserves its place in the counters before the password check.

Counters (rows of ``login_throttle``, see :class:`~guide_server.models.LoginThrottle`):

- ``pair:["<user>","<address>"]`` — one username from one address: ``login_max_failures``
  per fixed window, then 429 until the window ends. A success clears it and remembers the
  address as known to that user. Only whoever types at that address can use it up.
- ``dev:["<user>","<device id>"]`` — instead of ``pair`` when the device has signed in as
  that user before (an ``auth_token`` row): same limit, whatever the address. So someone
  behind the store's address who locks ``pair`` does not lock the colleague's own PC.
- ``addr:<address>`` — every username from one address (password spraying): a high limit
  per fixed window. Not counted for a known device.
- ``user:<user>`` — one username from every address (guessing from many addresses):
  ``login_user_free_failures`` free, then each check waits an exponentially growing delay
  (capped) after the previous one; forgotten after a quiet period. Not counted for a known
  device or an address the user signed in from recently, so it can slow down a stranger's
  new PC but never keep a colleague out of their own.

Atomic counting: each counter is one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (same
statement on PostgreSQL and SQLite), all in one write transaction — on PostgreSQL the upsert
locks the row until commit, on SQLite the transaction holds the write lock (``BEGIN
IMMEDIATE``). So attempts are counted one after another, each seeing every earlier attempt
whether its password check has finished or not, and N parallel attempts never get more
checks than the limit; no attempt can hit a missing row twice (no unique violation). A
refused attempt rolls back and changes nothing (hammering does not prolong a lock); an
allowed one commits before the password is checked, and a success gives its place back.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, delete, literal, null, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from guide_server.db import Database
from guide_server.models import AuthToken, LoginThrottle
from guide_server.models.base import UTCDateTime, utcnow

_T = LoginThrottle.__table__
_KEY_LENGTH = 128  # login_throttle.key
#: How often a process deletes counters nobody needs any more.
PURGE_EVERY_SECONDS = 3600.0


class TooManyAttempts(Exception):
    """429 after repeated failures; ``retry_after`` in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class ThrottleRules:
    """The numbers (``Settings.login_*``; the comments there say why these)."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    address_max_failures: int = 100
    address_window: timedelta = timedelta(minutes=15)
    user_free_failures: int = 10
    user_base_delay: float = 1.0
    user_max_delay: float = 300.0
    user_quiet: timedelta = timedelta(hours=1)
    known_address_age: timedelta = timedelta(days=30)

    @classmethod
    def from_settings(cls, settings: Any) -> ThrottleRules:
        return cls(
            max_failures=settings.login_max_failures,
            window=timedelta(seconds=settings.login_window_seconds),
            address_max_failures=settings.login_address_max_failures,
            address_window=timedelta(seconds=settings.login_address_window_seconds),
            user_free_failures=settings.login_user_free_failures,
            user_base_delay=settings.login_user_base_delay_seconds,
            user_max_delay=settings.login_user_max_delay_seconds,
            user_quiet=timedelta(seconds=settings.login_user_quiet_seconds),
            known_address_age=timedelta(days=settings.login_known_address_days),
        )

    def user_delay(self, checks: int) -> timedelta:
        """How long after check number ``checks`` of a username the next one may start."""
        over = checks - self.user_free_failures
        if over < 0:
            return timedelta(0)
        return timedelta(
            seconds=min(self.user_max_delay, self.user_base_delay * 2.0 ** min(over, 40))
        )


def counter_key(kind: str, *parts: str) -> str:
    """``kind:part`` or ``kind:["a","b"]`` (unambiguous); hashed when it would not fit the column."""
    key = (
        f"{kind}:{parts[0]}"
        if len(parts) == 1
        else f"{kind}:" + json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    )
    if len(key) > _KEY_LENGTH:
        key = f"{kind}:#" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


@dataclass(frozen=True)
class Attempt:
    """Which counters one sign-in attempt goes through (decided before reserving)."""

    user_key: str
    address_key: str
    pair_key: str  # pair:… or, for a known device, dev:…
    known_device: bool
    known_address: bool

    @property
    def counts_address(self) -> bool:
        return not self.known_device

    @property
    def counts_user(self) -> bool:
        return not (self.known_device or self.known_address)


def _insert(session: Session):
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert


class SignInThrottle:
    """Reserve before checking a password; give back after a success."""

    def __init__(self, db: Database, rules: ThrottleRules) -> None:
        self.db = db
        self.rules = rules
        self._purge_lock = threading.Lock()
        self._next_purge = time.monotonic() + PURGE_EVERY_SECONDS

    # ------------------------------------------------------------------ deciding

    def attempt(
        self, session: Session, username: str, address: str, device_id: str, user_id: str | None
    ) -> Attempt:
        """The counters for this attempt: known device and known address are looked up here."""
        name = username.strip().lower()
        known_device = user_id is not None and (
            session.scalar(
                select(AuthToken.token_hash)
                .where(AuthToken.user_id == user_id, AuthToken.device_id == device_id)
                .limit(1)
            )
            is not None
        )
        pair_key = counter_key("pair", name, address)
        last_success = session.scalar(
            select(LoginThrottle.last_success_at).where(LoginThrottle.key == pair_key)
        )
        known_address = (
            user_id is not None
            and last_success is not None
            and last_success > utcnow() - self.rules.known_address_age
        )
        return Attempt(
            user_key=counter_key("user", name),
            address_key=counter_key("addr", address),
            pair_key=counter_key("dev", name, device_id) if known_device else pair_key,
            known_device=known_device,
            known_address=known_address,
        )

    # ------------------------------------------------------------------ counting

    def reserve(self, attempt: Attempt) -> None:
        """Count the attempt in every counter it goes through, or raise :class:`TooManyAttempts`.

        Committed before the caller checks the password; a refusal changes nothing.
        """
        r = self.rules
        now = utcnow()
        waits: list[timedelta] = []
        with self.db.write() as session:
            # Always in this order (address, pair, user): two attempts lock rows in the same
            # order on PostgreSQL, so they queue instead of deadlocking.
            if attempt.counts_address:
                count, start, _ = self._count(session, attempt.address_key, now, r.address_window)
                if count > r.address_max_failures:
                    waits.append(start + r.address_window - now)
            count, start, _ = self._count(session, attempt.pair_key, now, r.window)
            if count > r.max_failures:
                waits.append(start + r.window - now)
            if attempt.counts_user:
                count, _, next_at = self._count(
                    session, attempt.user_key, now, r.user_quiet, sliding=True
                )
                if count > r.user_free_failures and next_at is not None and next_at > now:
                    waits.append(next_at - now)
                session.execute(
                    update(_T)
                    .where(_T.c.key == attempt.user_key)
                    .values(next_allowed_at=now + r.user_delay(count))
                )
            if waits:
                seconds = max(w.total_seconds() for w in waits)
                raise TooManyAttempts(max(1, math.ceil(seconds)))

    def _count(
        self,
        session: Session,
        key: str,
        now: datetime,
        window: timedelta,
        *,
        sliding: bool = False,
    ) -> tuple[int, datetime, datetime | None]:
        """One more attempt on ``key`` (a new window when the old one ended), atomically.

        ``sliding``: the window restarts at every attempt (a username's quiet period), and an
        ended window also drops the backoff.
        """
        expired = _T.c.window_start <= now - window
        now_value = literal(now, UTCDateTime())
        values: dict[str, Any] = {
            "failures": case((expired, 1), else_=_T.c.failures + 1),
            "window_start": now_value
            if sliding
            else case((expired, now_value), else_=_T.c.window_start),
        }
        if sliding:
            values["next_allowed_at"] = case((expired, null()), else_=_T.c.next_allowed_at)
        stmt = (
            _insert(session)(_T)
            .values(key=key, failures=1, window_start=now)
            .on_conflict_do_update(index_elements=[_T.c.key], set_=values)
            .returning(_T.c.failures, _T.c.window_start, _T.c.next_allowed_at)
        )
        failures, start, next_at = session.execute(stmt).one()
        return failures, start, next_at

    def succeeded(self, session: Session, attempt: Attempt) -> None:
        """In the caller's sign-in transaction: clear the pair, give back the other places."""
        now = utcnow()
        give_back = {"failures": case((_T.c.failures > 0, _T.c.failures - 1), else_=0)}
        if attempt.counts_address:
            session.execute(update(_T).where(_T.c.key == attempt.address_key).values(give_back))
        session.execute(
            _insert(session)(_T)
            .values(key=attempt.pair_key, failures=0, window_start=now, last_success_at=now)
            .on_conflict_do_update(
                index_elements=[_T.c.key],
                set_={"failures": 0, "window_start": now, "last_success_at": now},
            )
        )
        if attempt.counts_user:
            session.execute(update(_T).where(_T.c.key == attempt.user_key).values(give_back))

    # ------------------------------------------------------------------ housekeeping

    def purge_now_and_then(self) -> None:
        """Once an hour per process: delete counters that no longer limit or remember anything."""
        with self._purge_lock:
            if time.monotonic() < self._next_purge:
                return
            self._next_purge = time.monotonic() + PURGE_EVERY_SECONDS
        self.purge()

    def purge(self) -> int:
        r = self.rules
        now = utcnow()
        idle = max(r.window, r.address_window, r.user_quiet)
        stale = (
            select(_T.c.key)
            .where(
                and_(
                    _T.c.window_start <= now - idle,
                    or_(
                        _T.c.last_success_at.is_(None),
                        _T.c.last_success_at <= now - r.known_address_age,
                    ),
                    or_(_T.c.next_allowed_at.is_(None), _T.c.next_allowed_at <= now),
                )
            )
            # PostgreSQL: rows a sign-in holds are skipped, so the purge never waits for one
            # (and can never deadlock with it); SQLite has one writer at a time anyway.
            .with_for_update(skip_locked=True)
        )
        with self.db.write() as session:
            result = session.execute(delete(_T).where(_T.c.key.in_(stale)))
            return result.rowcount or 0
