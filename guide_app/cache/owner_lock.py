"""One process owns a cache file at a time: the exclusive lock ``<cache>.lock``.

Why: SQLite's locks are POSIX advisory locks, which belong to the process and
which the process loses on *any* close of *any* descriptor of the file. Two
processes on one cache therefore break each other's locking as soon as either
touches the file outside SQLite, and a rebuild (moving the file aside) or a
deletion is only safe when no other process has the file open. Measured
before this lock: a second process signing in while the first one wrote got
"database is locked" and left connections open behind each failed attempt.

So :func:`claim` takes an exclusive lock on a separate small file next to the
cache (the ``filelock`` package; the database and its ``-wal``/``-shm`` are
never opened outside SQLite) before anything reads the cache, and the claim
is held until the last :class:`~guide_app.cache.database.Cache` of this process
on that file is closed. A second process waits a little (the first one may
be closing) and then gets :class:`CacheInUse`.

Inside one process several Cache objects may share the claim: a window that
signs in again opens the new session before the old one closes. SQLite
coordinates the connections of one process itself, and the sync engine's
``<cache>.sync.lock`` lets only one of them sync. Only the first holder in a
process checks or rebuilds the file (:attr:`OwnerClaim.first`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import filelock

from guide_app import paths

log = logging.getLogger(__name__)

#: Default wait for another process to let go of a cache (it may be closing).
OWNER_WAIT_S = 5.0
_POLL_S = 0.05


class CacheInUse(Exception):
    """Another process (a second window, a command-line sync) holds this cache file."""

    def __init__(
        self,
        path: Path | str,
        message: str = "此账户已在本机另一个窗口中打开，请切换到那个窗口，或关闭它后再登录",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path)


def owner_lock_path(cache_file: Path | str) -> Path:
    """``<cache>.lock`` (kept after release: deleting a lock file lets two holders in)."""
    cache_file = Path(cache_file)
    return cache_file.with_name(cache_file.name + ".lock")


@dataclass
class _ProcessClaim:
    lock: filelock.BaseFileLock
    holders: int


_claims: dict[str, _ProcessClaim] = {}
_claims_lock = threading.Lock()


class OwnerClaim:
    """One holder's share of this process's claim on a cache file; :meth:`release` once."""

    def __init__(self, key: str, path: Path, first: bool) -> None:
        self._key = key
        self.path = path
        #: No other holder in this process had the file: it may be checked, rebuilt, removed.
        self.first = first
        self._released = False

    @property
    def last(self) -> bool:
        """Whether this is the process's only holder (its close ends the process's use)."""
        with _claims_lock:
            claim = _claims.get(self._key)
            return claim is not None and claim.holders == 1 and not self._released

    def release(self) -> None:
        with _claims_lock:
            if self._released:
                return
            self._released = True
            claim = _claims.get(self._key)
            if claim is None:
                return
            claim.holders -= 1
            if claim.holders > 0:
                return
            del _claims[self._key]
            try:
                claim.lock.release(force=True)
            except OSError:
                log.warning("could not release %s", owner_lock_path(self.path), exc_info=True)


def claim(cache_file: Path | str, wait_s: float | None = None, *, sole: bool = False) -> OwnerClaim:
    """Become (or join) this process's owner of ``cache_file``; :class:`CacheInUse` after ``wait_s``.

    ``sole=True`` (deleting the cache): also refuse while another holder in this
    process has the file open.
    """
    path = Path(cache_file)
    key = str(path.resolve())
    wait_s = OWNER_WAIT_S if wait_s is None else wait_s
    deadline = time.monotonic() + max(wait_s, 0.0)
    lock = filelock.FileLock(
        str(owner_lock_path(path)), mode=paths.FILE_MODE, thread_local=False, timeout=0
    )
    while True:
        # The file lock is only ever tried (timeout 0) under _claims_lock, so a
        # release by another thread of this process never waits behind a wait.
        with _claims_lock:
            held = _claims.get(key)
            if held is not None and not sole:
                held.holders += 1
                return OwnerClaim(key, path, first=False)
            if held is None:
                try:
                    lock.acquire(timeout=0)
                except filelock.Timeout:
                    pass
                else:
                    _claims[key] = _ProcessClaim(lock, 1)
                    return OwnerClaim(key, path, first=True)
        if time.monotonic() >= deadline:
            raise CacheInUse(path)
        time.sleep(_POLL_S)
