"""Edits stranded in a cache under another address of the same server are found and sent.

The cache file is keyed by server address, so a server reached under a new
address (the demo server on another port, ``localhost`` instead of
``127.0.0.1``) means a new cache file. At sign-in, the outbox and attention
rows of caches of the same account on the same server (same ``server_id``)
move into the current cache, with their mutation ids, so the server still
applies each edit exactly once.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from guide_app import paths
from guide_app.auth import sign_in
from guide_app.services.customer_query import CustomerQuery
from tests.support.server import DEMO_PASSWORD, ServerProcess


@pytest.fixture
def server(live_server):
    """Both server databases (SQLite and PostgreSQL) for this module."""
    return live_server


def _other_address(url: str) -> str:
    """The same server under another name (another cache file)."""
    assert "127.0.0.1" in url
    return url.replace("127.0.0.1", "localhost")


def _outbox(cache_file: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(f"file:{cache_file}?mode=ro", uri=True)
    try:
        return con.execute("SELECT mutation_id, entity FROM outbox ORDER BY seq").fetchall()
    finally:
        con.close()


def _offline_follow_up(server, url: str, username: str, data_dir: Path, note: str) -> Path:
    """Sign in under ``url``, sync, lose the server, add a follow-up, quit: returns the cache file."""
    s = sign_in(url, username, DEMO_PASSWORD, data_dir=data_dir, start_sync=False)
    try:
        assert s.sync.sync_once(), s.sync.status.error
        cid = s.customers.page(CustomerQuery(), 0, 1)[0].id
        server.stop()
        s.customers.add_follow_up(cid, "visit", note)
        assert s.sync.sync_once() is False and s.cache.outbox.count() == 1
        return Path(s.cache.path)
    finally:
        s.close()


def _follow_up_texts(server_view) -> Counter:
    return Counter(ch.data["text"] for ch in server_view()["follow_up"].values() if ch.data)


def test_offline_edit_under_another_address_reaches_the_server_once(
    server, server_view, tmp_path, test_keyring
):
    data_dir = tmp_path / "client"
    note = "旧地址下离线写的跟进"
    old_cache = _offline_follow_up(server, server.url, "s001-g1", data_dir, note)
    stranded = _outbox(old_cache)
    server.start()

    new_url = _other_address(server.url)
    s = sign_in(new_url, "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=False)
    try:
        assert Path(s.cache.path) != old_cache
        assert [str(m.mutation_id) for m in s.cache.outbox.pending()] == [stranded[0][0]]
        assert s.recovered_edits == 1
        assert _outbox(old_cache) == []  # emptied once the new cache held it
        assert s.sync.sync_once(), s.sync.status.error
        assert s.sync.status.pending == 0
    finally:
        s.close()
    assert _follow_up_texts(server_view)[note] == 1

    # Signing in under the old address again finds nothing to send twice.
    again = sign_in(server.url, "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=False)
    try:
        assert again.recovered_edits == 0 and again.cache.outbox.count() == 0
        assert again.sync.sync_once(), again.sync.status.error
    finally:
        again.close()
    assert _follow_up_texts(server_view)[note] == 1


def test_same_mutation_id_sent_from_both_caches_is_applied_once(
    server, server_view, tmp_path, test_keyring
):
    """The copy left behind by a crash mid-adoption is answered ``duplicate``."""
    data_dir = tmp_path / "client"
    note = "两个缓存里都有的跟进"
    old_cache = _offline_follow_up(server, server.url, "s001-g1", data_dir, note)
    con = sqlite3.connect(old_cache)
    kept = con.execute(
        "SELECT seq, mutation_id, entity, op, entity_id, fields, base_version, user_id,"
        " created_at FROM outbox"
    ).fetchall()
    con.close()
    server.start()

    s = sign_in(
        _other_address(server.url), "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=False
    )
    try:
        assert s.cache.outbox.count() == 1 and s.recovered_edits == 1
        assert s.sync.sync_once(), s.sync.status.error
    finally:
        s.close()
    con = sqlite3.connect(old_cache)  # as if the old cache had not been emptied
    con.executemany("INSERT INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", kept)
    con.commit()
    con.close()
    again = sign_in(server.url, "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=False)
    try:
        assert again.cache.outbox.count() == 1
        assert again.sync.sync_once(), again.sync.status.error
        assert again.cache.outbox.count() == 0 and again.attention.count() == 0
    finally:
        again.close()
    assert _follow_up_texts(server_view)[note] == 1


def _server_with_another_id(demo_template, tmp_path: Path) -> ServerProcess:
    """A real server over a copy of the demo chain that is another server (its own id)."""
    url, data_dir = demo_template.fresh_copy(tmp_path / "other-server")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE server_meta SET value = 'another-server' WHERE key = 'server_id'")
        )
    engine.dispose()
    other = ServerProcess(url, data_dir)
    other.start()
    return other


def test_caches_of_another_user_or_server_are_left_alone(
    server, demo_template, server_view, tmp_path, test_keyring
):
    data_dir = tmp_path / "client"
    colleague = _offline_follow_up(server, server.url, "s001-g2", data_dir, "同事的离线跟进")
    server.start()
    other = _server_with_another_id(demo_template, tmp_path)
    try:
        elsewhere = _offline_follow_up(other, other.url, "s001-g1", data_dir, "别的服务器的跟进")
    finally:
        other.stop()

    s = sign_in(
        _other_address(server.url), "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=False
    )
    try:
        assert s.recovered_edits == 0 and s.cache.outbox.count() == 0
        assert s.sync.sync_once(), s.sync.status.error
    finally:
        s.close()
    assert len(_outbox(colleague)) == 1 and len(_outbox(elsewhere)) == 1
    texts = _follow_up_texts(server_view)
    assert texts["同事的离线跟进"] == 0 and texts["别的服务器的跟进"] == 0
    assert paths.cache_path(other.url, "s001-g1", data_dir) == elsewhere
