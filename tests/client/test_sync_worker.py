"""The worker thread: one per cache file, quick push after a local edit, clean stop."""

from __future__ import annotations

import time

from guide_app.cache.database import open_cache
from guide_app.services.customer_query import CustomerQuery
from guide_app.sync.api import ApiClient
from guide_app.sync.engine import SyncEngine


def _wait(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_local_edit_is_pushed_within_a_second(clients):
    s = clients("s001-g1")
    assert s.sync.sync_once()
    s.sync.interval_s = 30  # only the write hook can explain a quick push
    statuses = []
    s.sync.add_status_listener(statuses.append)
    s.sync.start()
    assert _wait(lambda: not s.sync.status.syncing and s.sync.status.last_sync_at is not None)
    time.sleep(0.2)
    cid = s.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    t0 = time.monotonic()
    s.customers.add_follow_up(cid, "chat", "马上同步")
    assert _wait(lambda: s.cache.outbox.count() == 0, timeout=3)
    assert time.monotonic() - t0 < 1.5
    assert any(st.syncing for st in statuses)
    # the status is published after the push's rows are written: wait for it, briefly
    assert _wait(lambda: s.sync.status.pending == 0, timeout=1)
    t0 = time.monotonic()
    s.sync.stop()
    assert time.monotonic() - t0 < 2.5


def test_second_engine_on_the_same_file_stays_passive(clients, server):
    s = clients("s001-g1")
    assert s.sync.sync_once()
    other_cache = open_cache(s.cache.path)  # a second window on the same account
    other_api = ApiClient(server.url, token=s.api.token)
    other = SyncEngine(other_cache, other_api, interval_s=0.2)
    try:
        s.sync.start()
        assert _wait(lambda: s.sync.status.last_sync_at is not None)
        other.start()
        assert _wait(lambda: other.status.passive)
        assert "另一个窗口" in other.status.error
        assert other.sync_once() is False  # never syncs while the first one holds the lock
        s.sync.stop()
        assert _wait(lambda: not other.status.passive and other.status.last_sync_at is not None, 8)
    finally:
        other.stop()
        other_cache.close()
        other_api.close()
