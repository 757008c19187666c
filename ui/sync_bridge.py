"""Carries sync-engine events (raised on the engine's thread) to the GUI thread.

The engine calls listeners on its own thread; this QObject lives on the GUI
thread and re-emits them as queued Qt signals, so no widget is ever touched
from the engine thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SyncBridge(QObject):
    sig_status_changed = Signal(object)  # guide_app SyncStatus
    sig_entities_changed = Signal(object)  # set[str] of entity names

    def attach(self, session: object) -> None:
        """Register with the session's engine; emitting from another thread is queued by Qt."""
        session.sync.add_status_listener(self._on_status)
        session.sync.add_change_listener(self._on_change)

    def _on_status(self, status: object) -> None:
        try:
            self.sig_status_changed.emit(status)
        except RuntimeError:  # the window is gone; the engine outlives it briefly
            pass

    def _on_change(self, entities: set[str]) -> None:
        try:
            self.sig_entities_changed.emit(set(entities))
        except RuntimeError:
            pass
