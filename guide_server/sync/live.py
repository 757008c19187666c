"""Long-poll: an idle pull is held until a change in the reader's scopes, or ``wait`` seconds.

Where changes come from: every version is taken by ``versions.take_versions`` inside a
writing transaction, which calls :func:`bumped` with the scope.

- PostgreSQL (several worker processes): ``bumped`` sends ``NOTIFY guide_changes,
  '<scope>'`` in that same transaction, so it is delivered on commit and never for a
  rollback. Each worker process keeps one ``LISTEN`` connection (an asyncio task of the
  app's lifespan, :meth:`ChangeHub.listen`) that hands each scope to its waiters. When
  that connection is lost it reconnects and then wakes every waiter, since a
  notification may have been missed meanwhile.
- SQLite (one process): the scopes a session bumped are handed to this process's hubs
  after the commit (a SQLAlchemy ``after_commit`` listener).

A missed notification costs latency, never a change: a waiter also ends after its
``wait`` and the client simply pulls again with its cursor.

Waiting costs no thread: the route's first pull runs in the thread pool as any pull;
when it finds nothing, the request waits on an asyncio future registered under each of
the reader's scopes (``scope → set of waiters``: O(scopes) per waiter, and a
notification touches only the waiters of its scope). Woken, it pulls again; a change
the reader cannot see (no rows for it) puts it back to sleep until its deadline. A
client that goes away is noticed at once (``http.disconnect``) and its waiter removed.
When the server shuts down (uvicorn asks each connection to stop, see
``guide_server.http_protocol``) every waiter answers at once with what it has (nothing
new), so the process stops without waiting out the held pulls.

Every notification also moves the process's :class:`~guide_server.sync.pull.CounterCache`
to a new generation: the pull that follows reads the counters again instead of a value
cached just before the commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

log = logging.getLogger("guide_server.live")

#: The PostgreSQL notification channel; the payload is the scope.
CHANNEL = "guide_changes"
_NOTIFY = text(f"SELECT pg_notify('{CHANNEL}', :scope)")
#: ``session.info`` key: scopes bumped in the session's current transaction.
_BUMPED = "guide_live_bumped"
#: ``session.info`` key: scopes already NOTIFYed in the current outer transaction.
_NOTIFIED = "guide_live_notified"
#: Reconnecting the LISTEN connection: first pause, doubling up to the last.
_RECONNECT_S = (0.2, 10.0)

_hubs: weakref.WeakSet[ChangeHub] = weakref.WeakSet()


# ---------------------------------------------------------------------- the writing side


def bumped(session: Session, scope: str) -> None:
    """``scope`` got a new version in ``session``'s transaction: tell the waiters on commit."""
    session.info.setdefault(_BUMPED, set()).add(scope)
    if session.get_bind().dialect.name != "postgresql":
        return
    if session.in_nested_transaction():
        # A savepoint may roll back, and its NOTIFY with it: send it again each time
        # (PostgreSQL delivers equal notifications of one transaction once).
        session.execute(_NOTIFY, {"scope": scope})
        return
    notified = session.info.setdefault(_NOTIFIED, set())
    if scope not in notified:
        session.execute(_NOTIFY, {"scope": scope})
        notified.add(scope)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released (SQLAlchemy calls this for those too): not committed yet
    scopes = session.info.pop(_BUMPED, None)
    session.info.pop(_NOTIFIED, None)
    if not scopes:
        return
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        return  # the LISTEN connection of every worker hears it
    for hub in list(_hubs):
        if hub.url == bind.url:
            hub.committed(scopes)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: what the transaction bumped before it still commits (a spare
        # wake-up for what it bumped inside costs a pull that finds nothing)
    session.info.pop(_BUMPED, None)
    session.info.pop(_NOTIFIED, None)


def server_stopping() -> None:
    """The server process is shutting down: every held pull answers now (called by uvicorn's
    connection ``shutdown``, on the event loop)."""
    for hub in list(_hubs):
        hub.stop()


# ---------------------------------------------------------------------- the waiting side


class _Waiter:
    """One held pull: its scopes and the future it sleeps on."""

    __slots__ = ("scopes", "fired", "gone", "_future")

    def __init__(self, scopes: tuple[str, ...]) -> None:
        self.scopes = scopes
        self.fired = False
        self.gone = False
        self._future: asyncio.Future | None = None

    def fire(self) -> None:
        self.fired = True
        future = self._future
        if future is not None and not future.done():
            future.set_result(None)

    async def sleep(self, seconds: float) -> None:
        """Until fired (now or earlier, since the last sleep) or ``seconds`` pass."""
        if self.fired:
            self.fired = False
            return
        loop = asyncio.get_running_loop()
        future = self._future = loop.create_future()
        timer = loop.call_later(seconds, _settle, future)
        try:
            await future
        finally:
            timer.cancel()
            self._future = None
        self.fired = False


def _settle(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)


class ChangeHub:
    """This process's held pulls, by scope, and where their wake-ups come from."""

    def __init__(self, database_url: str, on_change: Callable[[], None] | None = None) -> None:
        self.url = make_url(database_url)
        self.postgres = self.url.get_backend_name() == "postgresql"
        #: Called (any thread) before waiters wake: the counter cache's new generation.
        self.on_change = on_change or (lambda: None)
        self.stopping = False
        self._waiters: dict[str, set[_Waiter]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        _hubs.add(self)

    # ------------------------------------------------------------------ notifications

    def committed(self, scopes: Iterable[str]) -> None:
        """A transaction of this process bumped ``scopes`` (SQLite; any thread)."""
        self.on_change()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self.wake, tuple(scopes))

    def wake(self, scopes: Iterable[str]) -> None:
        """Wake the waiters of ``scopes`` (on the event loop)."""
        for scope in scopes:
            for waiter in self._waiters.get(scope, ()):
                waiter.fire()

    def wake_all(self) -> None:
        for waiters in list(self._waiters.values()):
            for waiter in waiters:
                waiter.fire()

    def stop(self) -> None:
        """Answer every held pull now, and hold no new one (on the event loop)."""
        if self.stopping:
            return
        self.stopping = True
        self.wake_all()

    @property
    def waiting(self) -> int:
        """Held pulls right now (distinct waiters)."""
        return len({w for waiters in self._waiters.values() for w in waiters})

    # ------------------------------------------------------------------ holding a pull

    async def hold(
        self,
        scopes: Iterable[str],
        fetch: Callable[[str], Awaitable[dict[str, Any]]],
        cursor: str,
        seconds: float,
        receive: Callable[[], Awaitable[dict]] | None = None,
    ) -> dict[str, Any]:
        """Pull with ``fetch(cursor)``; while it brings nothing, wait up to ``seconds`` for a
        change in ``scopes`` and pull again. ``receive`` (ASGI) tells when the client left."""
        loop = asyncio.get_running_loop()
        self._loop = loop
        deadline = loop.time() + seconds
        waiter = _Waiter(tuple(dict.fromkeys(scopes)))
        for scope in waiter.scopes:  # before the first pull: a commit during it still wakes us
            self._waiters.setdefault(scope, set()).add(waiter)
        watch = asyncio.ensure_future(_watch_disconnect(receive, waiter)) if receive else None
        try:
            while True:
                page = await fetch(cursor)
                if page["changes"] or page["has_more"]:
                    return page
                cursor = page["cursor"]
                left = deadline - loop.time()
                if left <= 0 or self.stopping or waiter.gone:
                    return page
                await waiter.sleep(left)
                if self.stopping or waiter.gone:
                    return page
        finally:
            if watch is not None:
                watch.cancel()
            for scope in waiter.scopes:
                waiters = self._waiters.get(scope)
                if waiters is not None:
                    waiters.discard(waiter)
                    if not waiters:
                        del self._waiters[scope]

    # ------------------------------------------------------------------ PostgreSQL LISTEN

    async def listen(self) -> None:
        """Hear ``NOTIFY guide_changes`` for as long as the process runs (PostgreSQL)."""
        import psycopg

        self._loop = asyncio.get_running_loop()
        conninfo = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
        pause = _RECONNECT_S[0]
        while not self.stopping:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    conninfo,
                    autocommit=True,
                    keepalives=1,
                    keepalives_idle=30,
                    keepalives_interval=10,
                    keepalives_count=3,
                )
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    # Whatever was committed while nobody listened: pull again.
                    self.on_change()
                    self.wake_all()
                    pause = _RECONNECT_S[0]
                    async for note in conn.notifies():
                        self.on_change()
                        self.wake((note.payload,))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any loss: reconnect, waiters time out meanwhile
                log.warning("LISTEN %s lost (%s); reconnecting in %.1fs", CHANNEL, exc, pause)
            if self.stopping:
                break
            await asyncio.sleep(pause)
            pause = min(pause * 2, _RECONNECT_S[1])


async def _watch_disconnect(receive: Callable[[], Awaitable[dict]], waiter: _Waiter) -> None:
    """Until the client goes away (``http.disconnect``); then the held pull ends."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            waiter.gone = True
            waiter.fire()
            return


@contextlib.asynccontextmanager
async def lifespan(hub: ChangeHub):
    """For the app's lifespan: the LISTEN task on PostgreSQL; waiters released at the end."""
    task = asyncio.create_task(hub.listen(), name="guide-listen") if hub.postgres else None
    try:
        yield
    finally:
        hub.stop()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
