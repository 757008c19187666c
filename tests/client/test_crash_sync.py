"""kill -9 of the sync process at chosen points loses no edit and applies none twice.

The sync runs in a child process (``python -m guide_app.sync.oneshot``) that
stops at a named point (engine test hook) and is killed there with SIGKILL;
a second child then finishes the job. One process owns a cache file at a time
(``guide_app.cache.owner_lock``), so the test's session is closed while a
child runs and signed in again afterwards, as a restarted app would. The server is checked through an HQ
pull: each follow-up exists once, and a script's use counter (which would
show a double application) went up exactly by the number of uses recorded.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

import pytest

from guide_app.services.customer_query import CustomerQuery
from guide_app.sync.oneshot import start_child, wait_for_line

POINTS = ["before_push", "after_push_reply", "after_pull_reply", "mid_pull"]


def _kill_at(server, cache_file, token: str, point: str) -> None:
    proc = start_child(server.url, cache_file, token, pause=f"{point}:30", pull_limit=3)
    try:
        line = wait_for_line(proc, "GUIDE_SYNC_PAUSE")
        assert line == f"GUIDE_SYNC_PAUSE {point}", f"child never reached {point}: {line}"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL


def _finish(server, cache_file, token: str) -> None:
    proc = start_child(server.url, cache_file, token)
    out, _ = proc.communicate(timeout=60)
    assert "SYNC OK pending=0" in out, out


@pytest.mark.slow
def test_kill_dash_nine_at_each_point(clients, server, server_view):
    s = clients("s001-g1")
    assert s.sync.sync_once()
    data_dir, cache_file = s.data_dir, s.cache.path
    cid = s.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    script = s.scripts.list()[0]
    uses_before = server_view()["script"][script.id].data["use_count"]

    texts, uses = [], 0
    for point in POINTS:
        for i in range(4):
            texts.append(f"{point} 跟进 {i}")
            s.customers.add_follow_up(cid, "chat", texts[-1])
        s.scripts.record_use(script.id)
        uses += 1
        token = s.api.token
        s.close()  # the child takes the cache file
        _kill_at(server, cache_file, token, point)
        s = clients("s001-g1", data_dir=data_dir)
    token = s.api.token
    s.close()
    _finish(server, cache_file, token)
    s = clients("s001-g1", data_dir=data_dir)

    rows = server_view()
    arrived = Counter(ch.data["text"] for ch in rows["follow_up"].values() if ch.data)
    assert {t: arrived[t] for t in texts} == dict.fromkeys(texts, 1)  # none lost, none doubled
    assert rows["script"][script.id].data["use_count"] == uses_before + uses
    assert s.cache.outbox.count() == 0 and s.attention.count() == 0
    card = s.customers.get(cid)
    local = Counter(f.text for f in card.follow_ups)
    assert all(local[t] == 1 for t in texts) and not card.pending
