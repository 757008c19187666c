"""Carries the session's sync status and change stream to the GUI thread.

The engine reports its status on its own thread, and ``session.changes``
(:mod:`guide_app.changes`) calls subscribers on the thread that published — a
local write's worker or the sync thread. This QObject lives on the GUI thread
and re-emits both as queued Qt signals, so no widget is touched from another
thread. Widgets then subscribe here by entity (:meth:`SyncBridge.subscribe`),
on the GUI thread:

- a change made on this PC is delivered at once (the list shows a saved edit
  immediately);
- pulled and pushed changes are gathered and delivered once per burst
  (``REFRESH_DELAY_MS``), and during a long pull (the status has ``progress``)
  only when it ends: every refresh repaints the lists, and while the sync
  threads run each paint waits for the GIL (bench/gui_stall.py measured
  100–180 ms freezes per refresh).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from guide_app.changes import Change
from guide_app.sync.status import SyncStatus

if TYPE_CHECKING:
    from guide_app.changes import Subscription
    from guide_app.session import Session

REFRESH_DELAY_MS = 400

EntitiesCallback = Callable[[set[str]], None]


@dataclass(eq=False)
class Listener:
    """A GUI-thread subscription; ``cancel()`` ends it."""

    entities: frozenset[str] | None  # None: every change
    callback: EntitiesCallback
    include_local: bool
    bridge: SyncBridge

    def wants(self, entities: set[str]) -> bool:
        return self.entities is None or not self.entities.isdisjoint(entities)

    def cancel(self) -> None:
        self.bridge.unsubscribe(self)


class SyncBridge(QObject):
    sig_status_changed = Signal(object)  # guide_app SyncStatus
    sig_entities_changed = Signal(object)  # set[str], after delivery to the listeners
    _sig_change = Signal(object)  # guide_app.changes.Change, from any thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listeners: list[Listener] = []
        self._pending: set[str] = set()
        self._long_pull = False
        self._subscription: Subscription | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._sig_change.connect(self._collect)
        # Connected before anyone else's slot: the burst state is current when they run.
        self.sig_status_changed.connect(self._status_seen)

    def attach(self, session: Session) -> None:
        """Listen to the session's engine and change stream (emitting from another thread is queued)."""
        session.sync.add_status_listener(self._on_status)
        self._subscription = session.changes.subscribe(None, self._on_change)

    def detach(self) -> None:
        """Stop listening to the change stream (the window closes)."""
        if self._subscription is not None:
            self._subscription.cancel()
            self._subscription = None
        self._timer.stop()

    # ------------------------------------------------------------------ GUI-thread API

    def subscribe(
        self,
        entities: Iterable[str] | None,
        callback: EntitiesCallback,
        *,
        include_local: bool = True,
    ) -> Listener:
        """``callback(changed)`` on the GUI thread when rows of ``entities`` (None: any) changed.

        ``changed`` is every entity name of the delivery, not only the listener's.
        ``include_local=False``: only changes that came with the sync (a dialog
        that reloads itself after its own saves).
        """
        listener = Listener(
            None if entities is None else frozenset(entities), callback, include_local, self
        )
        self._listeners.append(listener)
        return listener

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def deliver(self, entities: set[str], *, local: bool = False) -> None:
        """Call the listeners of ``entities`` now."""
        if not entities:
            return
        for listener in list(self._listeners):
            if (local and not listener.include_local) or not listener.wants(entities):
                continue
            try:
                listener.callback(set(entities))
            except RuntimeError as exc:  # a widget deleted meanwhile
                if "already deleted" not in str(exc):
                    raise
        self.sig_entities_changed.emit(set(entities))

    def flush(self) -> None:
        """Deliver the gathered sync changes now."""
        self._timer.stop()
        changed, self._pending = self._pending, set()
        self.deliver(changed)

    @property
    def refresh_pending(self) -> bool:
        """True while sync changes wait for the burst to end."""
        return self._timer.isActive()

    # ------------------------------------------------------------------ internals

    def _collect(self, change: Change) -> None:
        if change.local:
            self.deliver(set(change.entities), local=True)
            return
        self._pending |= change.entities
        if not self._long_pull and not self._timer.isActive():
            self._timer.start()

    def _status_seen(self, status: SyncStatus) -> None:
        long_pull = bool(status.syncing and status.progress)
        if self._long_pull and not long_pull and self._pending:
            self.flush()  # the pull is over: show its end state at once
        self._long_pull = long_pull

    def _on_status(self, status: SyncStatus) -> None:
        try:
            self.sig_status_changed.emit(status)
        except RuntimeError:  # the window is gone; the engine outlives it briefly
            pass

    def _on_change(self, change: Change) -> None:
        try:
            self._sig_change.emit(change)
        except RuntimeError:
            pass
