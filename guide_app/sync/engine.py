"""The sync worker: push the outbox, then pull until up to date, on a daemon thread.

Crash safety rests on the cache (C1): every server answer is stored in one
SQLite transaction (push results remove their outbox rows; a pull page and its
cursor land together), and the server applies each mutation exactly once by
``mutation_id``. So the engine may die at any instant: the next run re-sends
whatever is still in the outbox and re-pulls from the last stored cursor.

Only one engine per cache file syncs (``<cache>.sync.lock``, across
processes); another one on the same file stays passive and keeps trying the
lock, so two windows never double-send.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import filelock

from guide_app import paths
from guide_app.cache.outbox import Holds
from guide_app.cache.sync_state import PreparedPage, prepare_pull_page
from guide_app.domain.errors import InvalidServerData
from guide_app.sync.api import HELD_PULL_MARGIN_S, ApiClient, next_cursor
from guide_app.sync.errors import (
    BadReply,
    ReplyCut,
    ResyncRequired,
    SyncError,
    Throttled,
    Unauthorized,
    Unreachable,
)
from guide_app.sync.push_failures import PushFailures, attention_reason, blame
from guide_app.sync.status import Backoff, SyncStatus
from guide_core import protocol
from guide_core.gc_pause import paused_gc

log = logging.getLogger(__name__)

#: Rows asked per pull page: the protocol's maximum. An idle pull returns few
#: rows anyway; a long one commits 5× fewer transactions than at the default
#: 1,000 (each rewrites the index pages its random ids touch): the full first
#: sync of a 100k-customer store took 116 s at 1,000 and 73 s at 5,000.
PULL_LIMIT = protocol.MAX_PULL_LIMIT

#: Idle while online, the engine keeps one pull open that the server holds until
#: a change in the user's scopes commits, or this many seconds (long-poll): an
#: edit on PC A reaches PC B as soon as A has pushed it, and an idle PC sends one
#: request per this many seconds. 0: plain polling every ``interval_s``.
DEFAULT_POLL_WAIT_S = 25.0
#: The shortest pause between two idle pulls the server did not hold (a server
#: without long-poll answers at once; so does one shutting down). The settings
#: dialog's 同步间隔 (``ui.options`` takes its default and range from here).
DEFAULT_INTERVAL_S = 2
INTERVAL_RANGE_S = (1, 3600)
#: How often a passive engine retries the cache's sync lock.
LOCK_RETRY_S = 2.0
#: Test hook: ``GUIDE_SYNC_TEST_PAUSE=<point>:<seconds>`` prints
#: ``GUIDE_SYNC_PAUSE <point>`` to stdout at that point and sleeps there, so a
#: crash test can ``kill -9`` the process at a chosen instant.
TEST_PAUSE_ENV = "GUIDE_SYNC_TEST_PAUSE"
PAUSE_POINTS = (
    "before_push",
    "after_push_reply",
    "between_push_batches",
    "after_pull_reply",
    "mid_pull",
)

StatusListener = Callable[[SyncStatus], None]
ChangeListener = Callable[[set[str]], None]


class SyncEngine:
    """Keeps one cache in step with the server.

    ``blobs`` (a :class:`~guide_app.sync.blobs.BlobCache`) uploads evidence
    files named by pending item checks before those mutations are pushed.
    """

    def __init__(
        self,
        cache: Any,
        api: ApiClient,
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
        poll_wait_s: float = DEFAULT_POLL_WAIT_S,
        lock_path: Path | None = None,
        blobs: Any = None,
        pull_limit: int = PULL_LIMIT,
        backoff: Backoff | None = None,
    ) -> None:
        self.cache = cache
        self.api = api
        self.blobs = blobs
        self.interval_s = interval_s
        self.poll_wait_s = poll_wait_s
        self.pull_limit = pull_limit
        self._held: _HeldPull | None = None  # the idle pull out at the server
        self._next_held_at = 0.0
        self.lock_path = Path(lock_path or Path(str(cache.path) + ".sync.lock"))
        self._lock = filelock.FileLock(
            str(self.lock_path), mode=paths.FILE_MODE, timeout=0, thread_local=False
        )
        self._backoff = backoff or Backoff()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._cycle_lock = threading.Lock()  # one cycle at a time (thread or sync_once)
        self._status_lock = threading.Lock()
        self._status = SyncStatus()
        self._status_listeners: list[StatusListener] = []
        self._change_listeners: list[ChangeListener] = []
        self._in_backoff = False
        self._retry_after: float | None = None
        self._failures = PushFailures()
        self._refresh_counts()

    # ------------------------------------------------------------------ public surface

    @property
    def status(self) -> SyncStatus:
        with self._status_lock:
            return self._status

    def add_status_listener(self, cb: StatusListener) -> None:
        """``cb(SyncStatus)`` on the sync thread whenever the status changes."""
        self._status_listeners.append(cb)

    def add_change_listener(self, cb: ChangeListener) -> None:
        """``cb(entity names)`` on the sync thread after each applied page or push answer."""
        self._change_listeners.append(cb)

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="guide-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the worker; an in-flight request is abandoned after ``timeout``."""
        self._stopping.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("sync thread still busy after %.1fs; closing its connection", timeout)
                self.api.close()
                thread.join(1.0)
        self._thread = None
        self._release_lock()

    @contextmanager
    def between_cycles(self) -> Iterator[bool]:
        """Keep sync cycles out while the block runs; yields False (holding nothing) when a
        cycle is running now: what it read from the outbox may be on its way to the server
        (the handover undo asks, ``guide_app.services.handover``)."""
        got = self._cycle_lock.acquire(blocking=False)
        try:
            yield got
        finally:
            if got:
                self._cycle_lock.release()

    def sync_now(self) -> None:
        """Run a cycle as soon as possible, even while backing off."""
        self._in_backoff = False
        self._wake.set()

    def notify_local_change(self) -> None:
        """A local write queued a mutation: push it soon (not while offline backoff runs)."""
        self._refresh_counts()
        if not self._in_backoff:
            self._wake.set()

    def report_cache_problem(self, message: str) -> None:
        """Put ``message`` on this and every later status (the cache file is damaged)."""
        self._set_status(cache_problem=message)

    def sync_once(self) -> bool:
        """One full cycle in the caller's thread (takes the lock if free); True on success."""
        if not self._try_lock():
            return False
        return self._cycle()

    # ------------------------------------------------------------------ the worker

    def _run(self) -> None:
        try:
            answered: _HeldPull | None = None
            while not self._stopping.is_set():
                if not self._try_lock():
                    self._wait(LOCK_RETRY_S)
                    continue
                ok = self._cycle(answered)
                answered = None
                if self.status.signed_out:
                    break
                if ok:
                    self._backoff.reset()
                    self._in_backoff = False
                    answered = self._idle()
                else:
                    self._in_backoff = True
                    delay = max(self._backoff.next_delay(), self._retry_after or 0.0)
                    self._retry_after = None
                    # the window says when (F5 while offline: why, and when it tries again)
                    self._set_status(next_attempt_at=datetime.now(UTC) + timedelta(seconds=delay))
                    self._wait(delay)
        except Exception:  # never let the thread die silently
            log.exception("sync thread crashed")
            self._set_status(syncing=False, error="同步线程异常退出，请重启程序")
        finally:
            self._release_lock()

    def _wait(self, seconds: float) -> bool:
        """Sleep until woken or ``seconds`` pass; True when woken. Cleared before the
        cycle that follows reads the outbox, so no edit's wake-up is lost."""
        woken = self._wake.wait(seconds)
        self._wake.clear()
        return woken

    def _idle(self) -> _HeldPull | None:
        """Up to date: wait for a change at the server, a local edit, ``sync_now`` or stop.

        Keeps one pull out that the server holds (``poll_wait_s``). Returns it once it
        has answered, as the next cycle's first page; None when something else woke us
        (it stays out and is waited for after that cycle). A held pull that came back
        with nothing sooner than ``interval_s`` (an older server, one stopping, an
        error) is not sent again before ``interval_s`` has passed since the last one.
        """
        if self.poll_wait_s <= 0:
            self._wait(self.interval_s)
            return None
        held = self._held
        if held is None:
            pause = self._next_held_at - time.monotonic()
            if (pause > 0 and self._wait(pause)) or self._stopping.is_set():
                return None
            held = self._held = _HeldPull(
                self.api, self.cache.cursor(), self.pull_limit, self.poll_wait_s, self._wake
            )
        if not held.answered.is_set():
            self._wait(self.poll_wait_s + HELD_PULL_MARGIN_S + 5.0)
            if not held.answered.is_set():
                return None
        self._held = None
        if held.brought_changes:
            self._next_held_at = 0.0
        else:
            self._next_held_at = held.sent_at + self.interval_s
        return held if held.error is None else None  # a failure: the cycle finds out

    def _try_lock(self) -> bool:
        if self._lock.is_locked:
            return True
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            if not self.status.passive:
                self._set_status(
                    passive=True, error="另一个窗口正在同步此账户，本窗口只读取本地数据"
                )
            return False
        if self.status.passive:
            self._set_status(passive=False, error=None)
        return True

    def _release_lock(self) -> None:
        try:
            if self._lock.is_locked:
                self._lock.release(force=True)
        except OSError:
            log.warning("could not release %s", self.lock_path)

    def _cycle(self, answered: _HeldPull | None = None) -> bool:
        """Push, then pull until up to date; ``answered`` (a held pull that came back) is
        the first page when the cache's cursor is still the one it was asked with."""
        with self._cycle_lock, paused_gc():
            self._set_status(syncing=True, next_attempt_at=None)
            try:
                held = self._push_outbox()
                try:
                    self._pull_all(answered)
                except ResyncRequired:
                    log.warning("server asked for a resync: rebuilding the cache, outbox kept")
                    self.cache.reset_for_resync()
                    self._emit_changes(set(protocol.ENTITIES))
                    self._pull_all()
                if held is not None:  # pulled all the same; now back off and retry those
                    raise held
            except Unauthorized as exc:
                log.warning("token refused: %s", exc.message)
                stopped = "账号已停用" in exc.message  # e.g. after a handover (离职继承)
                self._set_status(
                    syncing=False,
                    progress=None,
                    online=True,
                    signed_out=True,
                    error="账号已停用" if stopped else "登录已失效或已在别处退出，请重新登录",
                )
                return False
            except SyncError as exc:
                log.warning("sync cycle stopped: %s", exc.message)
                if isinstance(exc, Throttled):  # the server said when to come back
                    self._retry_after = exc.retry_after
                # a connection broken mid-body is the network too (a server killed mid-reply)
                online = not isinstance(exc, (Unreachable, ReplyCut))
                self._set_status(syncing=False, progress=None, online=online, error=exc.message)
                self._refresh_counts()
                return False
            except Exception as exc:  # a bug or a local disk problem: show it, keep the thread
                log.exception("sync cycle failed")
                self._set_status(syncing=False, progress=None, error=f"同步出错：{exc}")
                self._refresh_counts()
                return False
            self._set_status(
                syncing=False,
                progress=None,
                online=True,
                error=None,
                last_sync_at=datetime.now(UTC),
            )
            self._refresh_counts()
            return True

    def _push_outbox(self) -> SyncError | None:
        """Send the outbox in batches; returns why some edits were held back (None: none were).

        A failing batch is sent again in later cycles, split when it keeps
        failing, and an edit that keeps failing on its own moves to the
        attention list: see :mod:`guide_app.sync.push_failures`.
        """
        holds = Holds()
        held_by: SyncError | None = None
        first = True
        while not self._stopping.is_set():
            batch = self._next_batch(holds)
            if not batch:
                break
            if not first:
                _pause("between_push_batches")
            first = False
            if self.blobs is not None:
                self._upload_evidence(batch)
            _pause("before_push")
            try:
                self._push_piece(batch)
            except SyncError as exc:
                if not self._failures.split_now(batch, exc):
                    raise
                log.warning("push of %d edits keeps failing (%s): splitting", len(batch), exc)
                held_by = self._isolate(batch, exc, holds) or held_by
            if len(batch) < protocol.MAX_PUSH_BATCH:
                break  # new edits made meanwhile wait for the next cycle
        if held_by is None or not holds.ids:
            return None
        return SyncError(f"{held_by.message}（{len(holds.ids)} 条修改暂缓上传，稍后重试）")

    def _next_batch(self, holds: Holds) -> list[protocol.Mutation]:
        """The oldest pending edits not held back in this cycle, at most a batch."""
        rows = self.cache.outbox.pending(limit=protocol.MAX_PUSH_BATCH + len(holds.ids))
        return self._unheld(rows, holds, set())[: protocol.MAX_PUSH_BATCH]

    @staticmethod
    def _unheld(
        piece: list[protocol.Mutation], holds: Holds, moved: set[str]
    ) -> list[protocol.Mutation]:
        """``piece`` without edits moved to attention or held (holding their dependents)."""
        out = []
        for m in piece:
            if str(m.mutation_id) in moved:
                continue
            if holds.waits(m):
                holds.hold(m)
                continue
            out.append(m)
        return out

    def _push_piece(self, piece: list[protocol.Mutation]) -> None:
        """Push ``piece`` and store the answers; every edit sent must be answered."""
        reply = self.api.push(self.cache.device_id(), piece)
        _pause("after_push_reply")
        try:
            changed = self.cache.apply_push_results(reply.results)
        except InvalidServerData as exc:
            raise BadReply(f"服务器回复的数据无效（/sync/push）：{exc}") from exc
        answered = {r.mutation_id for r in reply.results}
        self._failures.delivered(answered)
        self._refresh_counts()
        self._emit_changes(changed)
        missing = len({m.mutation_id for m in piece} - answered)
        if missing:
            raise BadReply(f"服务器回复缺少 {missing} 条修改的结果（/sync/push）")

    def _isolate(
        self, batch: list[protocol.Mutation], failed: SyncError, holds: Holds
    ) -> SyncError | None:
        """Split a failing batch until every edit is answered, held or moved to attention.

        An empty push goes first: if the server fails that too, it is down and
        no edit is to blame (its error stops the cycle). Pieces go in ``seq``
        order, so a held edit is met before any edit that depends on it.
        Returns the failure that held an edit back, or None.
        """
        self._push_piece([])
        held_by: SyncError | None = None
        moved: set[str] = set()
        todo: deque[tuple[list[protocol.Mutation], SyncError | None]] = deque([(batch, failed)])
        while todo and not self._stopping.is_set():
            piece, exc = todo.popleft()
            if exc is None:
                piece = self._unheld(piece, holds, moved)
                if not piece:
                    continue
                try:
                    self._push_piece(piece)
                    continue
                except SyncError as error:
                    if blame(error) is None:
                        raise
                    exc = error
            if len(piece) > 1:
                half = len(piece) // 2
                todo.extendleft([(piece[half:], None), (piece[:half], None)])
                continue
            m = piece[0]
            if self._failures.strike(m, exc):
                ids, changed = self.cache.outbox.move_to_attention(
                    str(m.mutation_id), attention_reason(exc)
                )
                log.warning(
                    "%s.%s %s keeps failing on its own (%s): %d edit(s) moved to attention",
                    m.entity,
                    m.op,
                    m.entity_id,
                    exc,
                    len(ids),
                )
                moved.update(ids)
                self._refresh_counts()
                self._emit_changes(changed)
            else:
                log.warning("%s.%s %s failed on its own: held back", m.entity, m.op, m.entity_id)
                holds.hold(m)
                held_by = exc
        return held_by

    #: The field of a pending edit that names a file of this PC (uploaded before the push).
    _FILE_FIELDS = {"item_check": "evidence_sha256", "user": "qr_sha256"}

    def _upload_evidence(self, batch: list[protocol.Mutation]) -> None:
        """PUT every local-only file a pending edit names (an item check's evidence, the
        guide's WeCom QR code), before pushing it."""
        for m in batch:
            field = self._FILE_FIELDS.get(m.entity)
            sha = m.fields.get(field) if field else None
            if sha:
                self.blobs.ensure_uploaded(sha)

    def _pull_all(self, answered: _HeldPull | None = None) -> None:
        """Pull pages until up to date, in three overlapping stages.

        While page N is stored (SQLite runs without the GIL), page N+1 is
        validated and turned into rows and page N+2 is downloaded (server time,
        network, JSON parsing). A request needs only the cursor of the page
        before, read from its raw JSON before that page is validated. A page's
        cursor is stored only together with its rows, so a failure or a kill
        anywhere leaves the cache at the last fully applied page.
        """
        received = 0
        cursor = self.cache.cursor()
        with ThreadPoolExecutor(2, thread_name_prefix="guide-pull") as pool:
            fetch: Future[Any] | None
            if answered is not None and answered.cursor == cursor:
                fetch = Future()
                fetch.set_result(answered.body)
            else:
                fetch = pool.submit(self.api.pull_raw, cursor, self.pull_limit)
            check: Future[tuple[protocol.PullResponse, PreparedPage]] | None = None
            try:
                while not self._stopping.is_set():
                    if check is None:
                        assert fetch is not None
                        fetch, check = self._advance(pool, fetch)
                    page, prepared = check.result()
                    check, failed = None, None
                    _pause("after_pull_reply")
                    if page.has_more and fetch is not None:
                        try:
                            fetch, check = self._advance(pool, fetch)
                        except Exception as exc:  # store this page first, then report
                            fetch, failed = None, exc
                    changed = self.cache.apply_pull_page(prepared, page.cursor, page.has_more)
                    received += len(page.changes)
                    if page.has_more:
                        self._set_status(progress=(received, 0))
                    self._emit_changes(changed)
                    if failed is not None:
                        raise failed
                    if not page.has_more:
                        return
                    if (
                        fetch is None and check is None
                    ):  # the raw page said no more, the parsed one more
                        fetch = pool.submit(self.api.pull_raw, page.cursor, self.pull_limit)
                    _pause("mid_pull")
            finally:
                for future in (fetch, check):
                    if future is not None:
                        future.cancel()

    def _advance(
        self, pool: ThreadPoolExecutor, fetch: Future[Any]
    ) -> tuple[Future[Any] | None, Future[tuple[protocol.PullResponse, PreparedPage]]]:
        """Wait for the page ``fetch`` downloads; start downloading the next and checking this one."""
        body = fetch.result()
        cursor = next_cursor(body)
        following = pool.submit(self.api.pull_raw, cursor, self.pull_limit) if cursor else None
        return following, pool.submit(self._prepare, body)

    @staticmethod
    def _prepare(body: Any) -> tuple[protocol.PullResponse, PreparedPage]:
        """A downloaded page validated, its rows ready to store."""
        page = ApiClient.parse_pull(body)
        try:
            return page, prepare_pull_page(page.changes)
        except InvalidServerData as exc:
            raise BadReply(f"服务器回复的数据无效（/sync/pull）：{exc}") from exc

    # ------------------------------------------------------------------ status plumbing

    def _refresh_counts(self) -> None:
        try:
            pending = self.cache.outbox.count()
            attention = self.cache.attention.count()
        except Exception:  # closed cache during shutdown
            return
        self._set_status(pending=pending, attention=attention)

    def _set_status(self, **changes: Any) -> None:
        with self._status_lock:
            new = replace(self._status, **changes)
            if new == self._status:
                return
            self._status = new
        for cb in list(self._status_listeners):
            try:
                cb(new)
            except Exception:
                log.exception("status listener failed")

    def _emit_changes(self, changed: set[str]) -> None:
        if not changed:
            return
        for cb in list(self._change_listeners):
            try:
                cb(set(changed))
            except Exception:
                log.exception("change listener failed")


class _HeldPull:
    """One idle pull the server may hold (long-poll), on a daemon thread of its own.

    A daemon: a pull held at the server never keeps the app from quitting. When it
    answers (or fails) it sets the engine's wake event.
    """

    def __init__(
        self, api: ApiClient, cursor: str | None, limit: int, wait: float, wake: threading.Event
    ) -> None:
        self.cursor = cursor
        self.sent_at = time.monotonic()
        self.body: Any = None
        self.error: BaseException | None = None
        self.answered = threading.Event()
        self._wake = wake
        threading.Thread(
            target=self._run, args=(api, limit, wait), name="guide-sync-held", daemon=True
        ).start()

    def _run(self, api: ApiClient, limit: int, wait: float) -> None:
        try:
            self.body = api.pull_raw(self.cursor, limit, wait=wait)
        except BaseException as exc:  # noqa: BLE001 - the engine's next cycle reports it
            self.error = exc
        finally:
            self.answered.set()
            self._wake.set()

    @property
    def brought_changes(self) -> bool:
        body = self.body
        return isinstance(body, dict) and bool(body.get("changes") or body.get("has_more"))


def _pause(point: str) -> None:
    """Crash-test hook (see ``TEST_PAUSE_ENV``); free when the variable is unset."""
    spec = os.environ.get(TEST_PAUSE_ENV)
    if not spec:
        return
    name, _, seconds = spec.partition(":")
    if name != point:
        return
    sys.stdout.write(f"GUIDE_SYNC_PAUSE {point}\n")
    sys.stdout.flush()
    time.sleep(float(seconds or 30))
