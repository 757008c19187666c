"""One stream of "these entities changed", for everything that shows cached rows.

Two sources publish into a session's stream (``session.changes``):

- local writes: the cache's write path (``outbox.record_edit(s)``, an attention
  retry) reports the entities an edit touched once its transaction committed
  (``local=True``);
- the sync engine: each applied pull page and each push answer reports the
  entities it changed (``local=False``).

Subscribers name the entities they care about and are called with the set of
changed names (all of them, not only theirs) on the publishing thread: a
local write's worker or the sync thread. A window hands them to its GUI thread
(``ui.sync_bridge``); this module never imports Qt.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One publication: the entity names changed, and whether this PC's user made it."""

    entities: frozenset[str]
    local: bool


ChangeCallback = Callable[[Change], None]


@dataclass(frozen=True, eq=False)
class Subscription:
    """What :meth:`ChangeStream.subscribe` returns; ``cancel()`` ends it."""

    entities: frozenset[str] | None  # None: every change
    callback: ChangeCallback
    stream: ChangeStream

    def wants(self, change: Change) -> bool:
        return self.entities is None or not self.entities.isdisjoint(change.entities)

    def cancel(self) -> None:
        self.stream.unsubscribe(self)


class ChangeStream:
    """Publish/subscribe by entity name; thread-safe, callbacks never fail a publisher."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subs: list[Subscription] = []

    def subscribe(self, entities: Iterable[str] | None, callback: ChangeCallback) -> Subscription:
        """Call ``callback(change)`` for every change touching ``entities`` (None: all)."""
        sub = Subscription(None if entities is None else frozenset(entities), callback, self)
        with self._lock:
            self._subs.append(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            if sub in self._subs:
                self._subs.remove(sub)

    def publish(self, entities: Iterable[str], *, local: bool) -> None:
        """Tell the subscribers of these entities (nothing happens for an empty set)."""
        change = Change(frozenset(entities), local)
        if not change.entities:
            return
        with self._lock:
            subs = [s for s in self._subs if s.wants(change)]
        for sub in subs:
            try:
                sub.callback(change)
            except Exception:  # a subscriber must never undo a saved edit or stop the sync
                log.exception("change subscriber failed")
