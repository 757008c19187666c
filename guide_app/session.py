"""Session: one signed-in user on one cache file — the object the window holds.

It wires the pieces together: the cache and its domain services (C1), the
sync engine and blob cache (this package), and the account's keyring entry.
Everything the UI calls is listed in docs/ARCHITECTURE.md ("Client core
contract").
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from guide_app import paths
from guide_app.auth import keyring_store
from guide_app.auth.accounts import AccountBook
from guide_app.cache.adopt import adopt_stranded, record_identity
from guide_app.cache.database import Cache, CacheInUse, open_cache, remove_cache_files
from guide_app.changes import Change, ChangeStream
from guide_app.services.content import MaterialService, ScriptService
from guide_app.services.customer_merge import CustomerMergeService
from guide_app.services.customers import CustomerService
from guide_app.services.guide_figures import FiguresReport, guide_figures
from guide_app.services.handover import HandoverService
from guide_app.services.library import LibraryService
from guide_app.services.orders import OrderService
from guide_app.services.remote_customers import (
    RemoteCustomerService,
    reads_customers_online,
    with_remote_customers,
)
from guide_app.services.tags import TagService
from guide_app.services.tasks import TaskService
from guide_app.services.today import TodayCounts, today_counts
from guide_app.services.today_queue import TodayService
from guide_app.services.users import UserService
from guide_app.sync.api import ApiClient
from guide_app.sync.blobs import DEFAULT_BUDGET_BYTES, BlobCache
from guide_app.sync.engine import DEFAULT_INTERVAL_S, DEFAULT_POLL_WAIT_S, SyncEngine
from guide_app.sync.status import SyncStatus
from guide_core import protocol

log = logging.getLogger(__name__)

#: Materials considered for offline prefetch (most used first), within the blob budget.
PREFETCH_MATERIALS = 500
#: After a clean open the cache's full integrity check runs this long after the
#: session starts, in the background (it reads every page: ~2 s for 500 MB).
INTEGRITY_CHECK_DELAY_S = 5.0
#: Shown on the sync status (``SyncStatus.cache_problem``) when the cache is damaged.
CACHE_DAMAGED_MESSAGE = "本地缓存文件已损坏，将在下次启动时从服务器重建（未同步的修改会保留）"


class Session:
    """A signed-in user, their cache, services, sync engine and blob cache."""

    def __init__(
        self,
        *,
        server_url: str,
        user: protocol.UserInfo,
        api: ApiClient,
        cache: Cache,
        data_dir: Path,
        offline: bool,
        keyring_available: bool,
        sync_interval_s: float = DEFAULT_INTERVAL_S,
        sync_poll_wait_s: float = DEFAULT_POLL_WAIT_S,
        blob_budget_bytes: int = DEFAULT_BUDGET_BYTES,
        integrity_check_delay_s: float | None = INTEGRITY_CHECK_DELAY_S,
    ) -> None:
        """``integrity_check_delay_s=None``: no background integrity check (see :mod:`.store.cache`)."""
        self.server_url = server_url
        self.user = user
        self.api = api
        self.cache = cache
        self.data_dir = data_dir
        self.offline = offline
        self.keyring_available = keyring_available
        self.account_key = paths.account_key(server_url, user.username)
        self.blobs = BlobCache(paths.blob_dir(cache.path), api, blob_budget_bytes)
        self.sync = SyncEngine(
            cache, api, interval_s=sync_interval_s, poll_wait_s=sync_poll_wait_s, blobs=self.blobs
        )
        self.sync.add_status_listener(self._on_status)
        #: Every change of cached rows, local writes and sync alike (:mod:`guide_app.changes`).
        self.changes = ChangeStream()
        self.sync.add_change_listener(self._on_synced)
        self.changes.subscribe({"material"}, self._on_material_change)
        self._materials_dirty = True
        self._prefetch_thread: threading.Thread | None = None
        self.attention = cache.attention
        self.customers = CustomerService(cache, user)
        self.customer_merge = CustomerMergeService(cache, user)
        self.tags = TagService(cache, user)
        self.users = UserService(cache, user)
        self.orders = OrderService(cache, user)
        self.tasks = TaskService(cache, user)
        #: 今日's ranked queue and the user's marks on it (``services.today_queue``).
        self.today_queue = TodayService(cache, user)
        #: The script and material library (话术素材): lists, search, render, favourites.
        self.library = LibraryService(cache, user, changes=self.changes)
        #: The first services over scripts and materials (see ``services.content``).
        self.scripts = ScriptService(cache, user)
        self.materials = MaterialService(cache, user)
        #: HQ's customers, read from the server (HQ's cache holds no store's customers).
        self.remote_customers = RemoteCustomerService(api, cache)
        #: 离职继承 (supervisors): preview, queue offline, undo until the next sync.
        self.handover = HandoverService(cache, user, self.sync.between_cycles)
        self._closed = False
        #: Set (Chinese, for people) once the cache is known damaged; also on the sync status.
        self.cache_problem: str | None = None
        #: The server's id (``GET /health``), as told at sign-in or recorded in the cache.
        self.server_id: str | None = None
        #: Unsent edits taken over at sign-in from caches of this account under other
        #: addresses of the same server (the window says so once).
        self.recovered_edits = 0
        self._closing = threading.Event()
        self._integrity_thread: threading.Thread | None = None
        cache.add_write_listener(self._on_local_edit)
        if integrity_check_delay_s is not None and not cache.integrity_checked:
            self._start_integrity_check(integrity_check_delay_s)

    @classmethod
    def open(
        cls,
        *,
        server_url: str,
        user: protocol.UserInfo,
        api: ApiClient,
        data_dir: Path,
        offline: bool,
        keyring_available: bool,
        start_sync: bool = True,
        relogin_password: str | None = None,
        server_id: str | None = None,
        **options: Any,
    ) -> Session:
        """Open the account's cache and build the session (used by guide_app.auth).

        Raises :class:`~guide_app.cache.owner_lock.CacheInUse` when another
        process has the account's cache. If anything fails, nothing is left
        open: not the cache, its claim, nor ``api``.
        """
        try:
            cache = open_cache(paths.cache_path(server_url, user.username, data_dir))
        except BaseException:
            api.close()
            raise
        try:
            session = cls(
                server_url=server_url,
                user=user,
                api=api,
                cache=cache,
                data_dir=data_dir,
                offline=offline,
                keyring_available=keyring_available,
                **options,
            )
        except BaseException:
            cache.close()
            api.close()
            raise
        try:
            session._take_over_stranded(server_id)
            if relogin_password is not None:
                api.set_relogin(
                    user.username,
                    relogin_password,
                    AccountBook(data_dir).device_id(),
                    session._on_relogin,
                )
            if start_sync:
                session.sync.start()
        except BaseException:
            session.close()
            raise
        return session

    # ------------------------------------------------------------------ queries

    @property
    def reads_customers_online(self) -> bool:
        """HQ: the 客户 page and search read customers from the server (see
        :mod:`guide_app.services.remote_customers`); everyone else from the cache."""
        return reads_customers_online(self.user)

    def search(self, text: str, limit_per_kind: int = 8) -> Any:
        """One search over customers, orders, scripts, materials and tasks (local cache;
        HQ's customers from the server, or ``notice`` says it is offline)."""
        from guide_app.search import search

        results = search(self.cache, self.user, text, limit_per_kind=limit_per_kind)
        if not self.reads_customers_online:
            return results
        return with_remote_customers(results, self.remote_customers, text, limit_per_kind)

    def today(self) -> TodayCounts:
        """今日's figures: own customers, own assignments by status, edits waiting; a
        supervisor's also the store's (``TodayCounts.store``)."""
        return today_counts(
            self.customers, self.tasks, self.cache.outbox, self.cache, str(self.user.role)
        )

    def figures(self, now: datetime | None = None) -> FiguresReport:
        """我的业绩: the user's figures and place in the store; a supervisor's also the
        store's totals and each guide's (:mod:`guide_app.services.guide_figures`)."""
        return guide_figures(self.cache, self.user, now or datetime.now().astimezone())

    def lookup_code(self, code: str) -> Any:
        """Exact member no. or order no. (barcode scanner input), or None."""
        from guide_app.search import lookup_code

        return lookup_code(self.cache, code)

    # ------------------------------------------------------------------ lifecycle

    def sign_out(self, remove_cache: bool = False) -> None:
        """Revoke the token (if the server answers), forget it locally, optionally delete the cache."""
        self.sync.stop()
        try:
            self.api.logout()
        except Exception as exc:  # offline: the token is still deleted locally
            log.info("logout not confirmed by the server: %s", exc)
        keyring_store.delete_token(self.account_key)
        cache_file = Path(self.cache.path)
        self.close()
        if remove_cache:
            try:  # only as the file's sole owner: never under another window's connections
                remove_cache_files(cache_file, folders=(paths.blob_dir(cache_file),), wait_s=0)
            except CacheInUse:
                log.warning("cache %s is open elsewhere: kept", cache_file)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._closing.set()
        self.sync.stop()
        if self._prefetch_thread is not None:
            self._prefetch_thread.join(2.0)
        self.blobs.close()
        self.cache.close()  # also interrupts a running integrity check
        if self._integrity_thread is not None:
            self._integrity_thread.join(2.0)
        self.api.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ internals

    def _take_over_stranded(self, server_id: str | None) -> None:
        """Record whose cache this is, and take over edits left in this account's other caches.

        ``server_id`` is what the server said at this sign-in (None offline: the
        id recorded earlier is used). Before sync starts, so the first push
        sends them; a failure here is logged and never fails the sign-in.
        """
        try:
            self.server_id = record_identity(self.cache, server_id, self.user)
            if self.server_id is None:
                return
            adopted = adopt_stranded(
                self.cache, self.server_id, self.user, keep_blob=self.blobs.add_local
            )
        except Exception:
            log.exception("could not look for unsent edits in other caches of this account")
            return
        self.recovered_edits = sum(a.total for a in adopted)
        if self.recovered_edits:
            log.warning(
                "已找回 %d 条未上传的修改 (from %s)",
                self.recovered_edits,
                ", ".join(str(a.source) for a in adopted),
            )

    def _on_status(self, status: SyncStatus) -> None:
        error = status.error or ""
        if self.cache_problem is None and (
            "disk image is malformed" in error or "file is not a database" in error
        ):
            # SQLite itself found a damaged page while syncing. Report from another
            # thread: this listener runs inside the engine's status update, and a
            # nested update would reach later listeners before this one's.
            self.cache.mark_for_rebuild(f"同步时发现缓存损坏: {error}")
            threading.Thread(
                target=self._report_cache_problem, name="guide-cache-problem", daemon=True
            ).start()
        if self.offline and status.online and status.last_sync_at is not None and not status.error:
            self.offline = False
        if self._materials_dirty and not status.syncing and status.online and not status.error:
            self._start_prefetch()

    def _start_integrity_check(self, delay_s: float) -> None:
        """After a clean open: check the whole file on a daemon thread once startup is over."""

        def run() -> None:
            if self._closing.wait(delay_s):
                return
            try:
                problem = self.cache.check_integrity()
            except Exception:  # never let a check take the session down
                log.exception("background integrity check failed to run")
                return
            if problem is not None and not self._closing.is_set():
                self._report_cache_problem()

        self._integrity_thread = threading.Thread(
            target=run, name="guide-integrity-check", daemon=True
        )
        self._integrity_thread.start()

    def _report_cache_problem(self) -> None:
        """The cache is marked for rebuild: tell the window (sticky on every later status)."""
        if self.cache_problem is not None:
            return
        self.cache_problem = CACHE_DAMAGED_MESSAGE
        log.error("local cache %s is damaged: rebuilt at the next start", self.cache.path)
        self.sync.report_cache_problem(CACHE_DAMAGED_MESSAGE)

    def _on_local_edit(self, entities: frozenset[str]) -> None:
        """A local edit committed: push it soon, and tell the change stream."""
        self.sync.notify_local_change()
        self.changes.publish(entities, local=True)

    def _on_synced(self, entities: set[str]) -> None:
        """A pulled page or a push answer was applied (on the sync thread)."""
        self.changes.publish(entities, local=False)

    def _on_material_change(self, _change: Change) -> None:
        self._materials_dirty = True

    def _start_prefetch(self) -> None:
        """Download material files for offline use, off the sync thread, one run at a time."""
        if self._closed or (self._prefetch_thread is not None and self._prefetch_thread.is_alive()):
            return
        self._materials_dirty = False

        def run() -> None:
            try:
                report = self.blobs.prefetch(self.library.materials(limit=PREFETCH_MATERIALS))
                log.info("material prefetch: %s", report)
            except Exception:  # offline or closing: the next sync tries again
                log.warning("material prefetch failed", exc_info=True)
                self._materials_dirty = True

        self._prefetch_thread = threading.Thread(target=run, name="guide-prefetch", daemon=True)
        self._prefetch_thread.start()

    def _on_relogin(self, reply: protocol.LoginResponse) -> None:
        """An offline-unlocked session reached the server: keep the fresh token if we can."""
        self.user = reply.user
        try:
            keyring_store.save_token(self.account_key, reply.token)
        except keyring_store.NoKeyring:
            pass
