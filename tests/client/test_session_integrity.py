"""A cache damaged after a clean close: found in the background or by the sync engine,
shown on the sync status, rebuilt from the server at the next start with the outbox kept."""

from __future__ import annotations

import time
from collections import Counter

from guide_app.auth import sign_in
from guide_app.cache.database import open_cache, rebuild_mark_path
from guide_app.services.customer_query import CustomerQuery
from guide_app.services.customers import CustomerService
from guide_app.session import CACHE_DAMAGED_MESSAGE, Session
from guide_app.sync.api import ApiClient

from .conftest import G1, seed_changes
from .test_store_cache import _damage_customers_table


def _offline_session(path, tmp_path, delay_s):
    return Session(
        server_url="http://127.0.0.1:9",
        user=G1,
        api=ApiClient("http://127.0.0.1:9"),
        cache=open_cache(path),
        data_dir=tmp_path,
        offline=True,
        keyring_available=False,
        integrity_check_delay_s=delay_s,
    )


def _wait(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_background_check_reports_damage_and_the_next_session_is_rebuilt(tmp_path):
    path = tmp_path / "c.db"
    cache = open_cache(path)
    rows, s = seed_changes()
    cache.apply_pull_page(rows, "c1")
    CustomerService(cache, G1).update(s["zhangsan"], notes="离线备注")
    pending = [m.mutation_id for m in cache.outbox.pending()]
    cache.close()
    _damage_customers_table(path)

    session = _offline_session(path, tmp_path, delay_s=0.05)
    seen = []
    session.sync.add_status_listener(seen.append)
    try:
        assert not session.cache.rebuilt  # a clean open does not read every page
        assert _wait(lambda: session.sync.status.cache_problem == CACHE_DAMAGED_MESSAGE)
        assert session.cache_problem == CACHE_DAMAGED_MESSAGE
        assert seen and seen[-1].cache_problem == CACHE_DAMAGED_MESSAGE
        assert rebuild_mark_path(path).exists()
        session.sync._refresh_counts()  # later statuses keep the message
        assert session.sync.status.cache_problem == CACHE_DAMAGED_MESSAGE
    finally:
        session.close()

    session = _offline_session(path, tmp_path, delay_s=0.05)
    try:
        assert session.cache.rebuilt and session.cache.cursor() is None
        assert [m.mutation_id for m in session.cache.outbox.pending()] == pending
        assert session._integrity_thread is None  # a fresh file needs no check
        assert session.sync.status.cache_problem is None
    finally:
        session.close()


def test_sound_cache_checks_clean_and_close_does_not_wait_for_the_check(tmp_path):
    path = tmp_path / "c.db"
    cache = open_cache(path)
    cache.apply_pull_page(seed_changes()[0], "c1")
    cache.close()
    session = _offline_session(path, tmp_path, delay_s=0.0)
    assert _wait(lambda: not session._integrity_thread.is_alive())
    assert session.cache_problem is None and session.sync.status.cache_problem is None
    session.close()
    assert not rebuild_mark_path(path).exists()

    session = _offline_session(path, tmp_path, delay_s=60.0)  # closed before it starts
    started = time.monotonic()
    session.close()
    assert time.monotonic() - started < 1.0
    assert not session._integrity_thread.is_alive()


def test_damage_met_by_the_sync_engine_marks_the_cache_and_edits_still_arrive(
    server, tmp_path, test_keyring, server_view, monkeypatch
):
    data = tmp_path / "data"
    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=data, start_sync=False)
    assert s.sync.sync_once()
    total = s.customers.count(CustomerQuery(mine_only=False))
    cid = s.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    s.customers.add_follow_up(cid, "chat", "损坏前写的跟进")
    s.customers.update(cid, notes="损坏前改的备注")  # the pull brings this customer back
    cache_file = s.cache.path
    s.close()
    _damage_customers_table(cache_file)

    # only the engine may find it here: no background check in this session
    monkeypatch.setattr(Session, "_start_integrity_check", lambda self, delay_s: None)
    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=data, start_sync=False)
    try:
        assert not s.cache.rebuilt
        assert not s.sync.sync_once()
        assert "malformed" in (s.sync.status.error or "")
        assert _wait(lambda: s.sync.status.cache_problem == CACHE_DAMAGED_MESSAGE)
        assert rebuild_mark_path(cache_file).exists()
    finally:
        s.close()

    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=data, start_sync=False)
    try:
        assert s.cache.rebuilt and "同步时发现缓存损坏" in s.cache.rebuilt_reason
        assert s.sync.sync_once(), s.sync.status.error
        assert s.customers.count(CustomerQuery(mine_only=False)) == total
        assert s.sync.status.cache_problem is None
    finally:
        s.close()
    texts = Counter(ch.data["text"] for ch in server_view()["follow_up"].values() if ch.data)
    assert texts["损坏前写的跟进"] == 1
    assert server_view()["customer"][cid].data["notes"] == "损坏前改的备注"
