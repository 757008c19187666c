"""Live sync: an edit on counter PC A shows on PC B while both just sit there syncing.

Two real Sessions with their own caches and engines on one real server. Their
fallback poll interval is set to 30 s, so only the held pull (long-poll) can explain
B seeing A's edit within seconds.
"""

from __future__ import annotations

import time

from guide_app.services.customer_query import CustomerQuery


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_edit_on_one_pc_shows_on_the_other_without_polling(clients):
    a = clients("s001-g1")
    b = clients("s001-mgr")
    for s in (a, b):
        assert s.sync.sync_once()
        s.sync.interval_s = 30
        s.sync.start()
    assert _wait(lambda: a.sync._held is not None and b.sync._held is not None, 5)
    time.sleep(0.3)  # both held pulls are at the server now
    cid = a.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    for n in range(3):  # each edit, not only the first after a fresh pull
        notes = f"实时同步 {n}"
        a.customers.update(cid, notes=notes)
        assert _wait(lambda notes=notes: b.customers.get(cid).notes == notes, 5), b.sync.status
    assert a.sync.status.online and b.sync.status.online and b.sync.status.error is None


def test_server_gone_mid_wait_shows_offline_then_back(clients, server):
    s = clients("s001-g1")
    assert s.sync.sync_once()
    s.sync.start()
    assert _wait(lambda: s.sync._held is not None, 5)
    time.sleep(0.3)
    server.stop()  # answers the held pull at once, then refuses connections
    assert _wait(lambda: not s.sync.status.online, 10), s.sync.status
    server.start()
    s.sync.sync_now()
    assert _wait(lambda: s.sync.status.online and s.sync.status.error is None, 15)
