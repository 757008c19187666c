"""What the window shows about sync, and the offline backoff schedule."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SyncStatus:
    """A snapshot; the engine publishes a new one whenever something changes.

    ``progress`` is ``(rows received, total)`` during a pull; the server does
    not announce the total, so it is ``0`` ("unknown": show a busy bar).
    ``error`` is displayable Chinese text or ``None``. ``passive`` means another
    window or process holds this cache's sync lock; ``signed_out`` means the
    server refused the token and the window must ask for the password.
    ``cache_problem`` is displayable Chinese text once the local cache file is
    known damaged (it is rebuilt at the next start, unsynced edits kept); unlike
    ``error`` it stays set for the rest of the session. ``next_attempt_at`` (UTC)
    is when the engine tries again after a failed cycle (its backoff, or the
    server's Retry-After); ``None`` while a cycle runs and after one succeeded.
    """

    online: bool = False
    syncing: bool = False
    last_sync_at: datetime | None = None
    pending: int = 0
    attention: int = 0
    progress: tuple[int, int] | None = None
    error: str | None = None
    passive: bool = False
    signed_out: bool = False
    cache_problem: str | None = None
    next_attempt_at: datetime | None = None

    @property
    def waiting_to_retry(self) -> bool:
        """A cycle failed and the engine waits (``next_attempt_at``) before the next."""
        return not self.syncing and self.error is not None and self.next_attempt_at is not None


class Backoff:
    """2 s doubling to 60 s, each delay ±20 %, so many stores never reconnect in step."""

    def __init__(
        self,
        base_s: float = 2.0,
        cap_s: float = 60.0,
        jitter: float = 0.2,
        rng: random.Random | None = None,
    ) -> None:
        self.base_s = base_s
        self.cap_s = cap_s
        self.jitter = jitter
        self._rng = rng or random.Random()
        self._failures = 0

    @property
    def failures(self) -> int:
        return self._failures

    def next_delay(self) -> float:
        """Record one more failure and return how long to wait before the next try."""
        nominal = min(self.cap_s, self.base_s * (2**self._failures))
        self._failures += 1
        return nominal * self._rng.uniform(1 - self.jitter, 1 + self.jitter)

    def reset(self) -> None:
        self._failures = 0
