"""The one way pages run work off the GUI thread.

Following Anki's ``QueryOp`` and Picard's ``thread_pool.start(Runnable(func, next_func))``:
``fn`` runs on a worker thread and must not touch widgets; ``on_done(result)`` or
``on_error(exc)`` then run on the GUI thread. Reads share a small pool; writes go
through a single worker so local edits hit SQLite in the order they were made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_pools: dict[str, QThreadPool] = {}
_in_flight: set[_Relay] = set()


def _pool(kind: str) -> QThreadPool:
    pool = _pools.get(kind)
    if pool is None:
        pool = QThreadPool()
        pool.setMaxThreadCount(1 if kind == "write" else 4)
        pool.setObjectName(f"guide-{kind}")
        _pools[kind] = pool
    return pool


class _Relay(QObject):
    """Lives on the GUI thread; a queued signal carries the outcome back to it."""

    sig_finished = Signal(bool, object)

    def __init__(self, on_done: Callable[[Any], None] | None, on_error: Callable | None) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.sig_finished.connect(self._deliver)

    @Slot(bool, object)
    def _deliver(self, ok: bool, value: object) -> None:
        _in_flight.discard(self)
        callback = self._on_done if ok else self._on_error
        try:
            if callback is not None:
                callback(value)
            elif not ok:
                log.error("后台任务失败", exc_info=value)  # type: ignore[arg-type]
        except RuntimeError as exc:
            # The widget that asked was closed meanwhile; its answer no longer matters
            # (PySide says "... already deleted" for a method, "Signal source has been
            # deleted" for a signal of a deleted object).
            if "already deleted" not in str(exc) and "has been deleted" not in str(exc):
                raise
        finally:
            self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        # An exception escaping a worker thread would vanish (Spyder's lesson): report it.
        try:
            result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
            log.debug("后台任务出错: %s", exc, exc_info=True)
            self._relay.sig_finished.emit(False, exc)
        else:
            self._relay.sig_finished.emit(True, result)


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    *,
    kind: str = "read",
) -> None:
    """Run ``fn()`` on a worker; call ``on_done``/``on_error`` on the GUI thread.

    ``kind`` is ``"read"`` (parallel), ``"write"`` (one at a time, in order) or
    ``"net"`` (network calls such as signing in, kept apart from SQL reads).
    """
    relay = _Relay(on_done, on_error)
    _in_flight.add(relay)
    _pool(kind).start(_Job(fn, relay))


def wait_for_background(msecs: int = 30000) -> bool:
    """Block until every pool is idle (used at exit and by tests)."""
    return all(pool.waitForDone(msecs) for pool in _pools.values())
