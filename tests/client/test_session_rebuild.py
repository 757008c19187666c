"""Where the cache lives, and a cache of another format rebuilt from the server, outbox kept."""

from __future__ import annotations

import sqlite3
from collections import Counter

from guide_app import paths
from guide_app.auth import sign_in
from guide_app.services.customer_query import CustomerQuery


def test_cache_path_is_per_server_and_user(tmp_path, monkeypatch):
    a = paths.cache_path("http://h:1/", "g1", tmp_path)
    assert a == paths.cache_path("http://h:1", " g1", tmp_path)
    assert a != paths.cache_path("http://h:1", "g2", tmp_path)
    assert a != paths.cache_path("http://h:2", "g1", tmp_path)
    assert a.parent == tmp_path / "caches" and len(a.stem) == 16
    monkeypatch.setenv("GUIDE_DATA_DIR", str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"


def test_incompatible_cache_is_rebuilt_and_offline_edits_still_arrive(
    server, tmp_path, test_keyring, server_view
):
    data = tmp_path / "data"
    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=data, start_sync=False)
    assert s.sync.sync_once()
    total = s.customers.count(CustomerQuery(mine_only=False))
    cid = s.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    server.stop()
    s.customers.add_follow_up(cid, "chat", "升级前离线写的跟进")
    cache_file = s.cache.path
    s.close()
    with sqlite3.connect(cache_file) as con:  # as if an older app version wrote it
        con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    server.start()

    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=data, start_sync=False)
    try:
        assert s.cache.rebuilt and s.cache.cursor() is None
        assert s.cache.outbox.count() == 1
        assert s.sync.sync_once(), s.sync.status.error
        assert s.customers.count(CustomerQuery(mine_only=False)) == total
        assert list(cache_file.parent.glob(cache_file.name + ".corrupt-*"))
    finally:
        s.close()
    texts = Counter(ch.data["text"] for ch in server_view()["follow_up"].values() if ch.data)
    assert texts["升级前离线写的跟进"] == 1
