"""Server down: edits queue up locally; server back: each arrives exactly once."""

from __future__ import annotations

from collections import Counter

import pytest

from guide_app.services.customer_query import CustomerQuery


@pytest.fixture
def server(live_server):
    """Both server databases (SQLite and PostgreSQL) for this module."""
    return live_server


def test_offline_edits_arrive_exactly_once(clients, server, server_view):
    s = clients("s001-g1")
    assert s.sync.sync_once()
    cid = s.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    script = s.scripts.list()[0]
    uses_before = server_view()["script"][script.id].data["use_count"]

    server.stop()
    texts = [f"离线跟进 {i}" for i in range(5)]
    for text in texts:
        s.customers.add_follow_up(cid, "visit", text)
    s.customers.update(cid, notes="断网时改的备注")
    for _ in range(3):  # a counter: applying a use twice would show
        s.scripts.record_use(script.id)
    pending = s.sync.status.pending
    assert pending >= 6
    assert s.sync.sync_once() is False
    assert s.sync.status.online is False and "无法连接" in s.sync.status.error
    assert s.cache.outbox.count() == pending  # nothing lost while offline

    server.start()
    assert s.sync.sync_once() and s.sync.status.pending == 0 and s.sync.status.error is None
    assert s.sync.sync_once()  # a second cycle sends nothing again

    rows = server_view()
    arrived = Counter(ch.data["text"] for ch in rows["follow_up"].values() if ch.data)
    assert all(arrived[t] == 1 for t in texts), arrived
    assert rows["customer"][cid].data["notes"] == "断网时改的备注"
    assert rows["script"][script.id].data["use_count"] == uses_before + 3
