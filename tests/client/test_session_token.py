"""The token lives in the keyring only; sign-out removes it (and the cache on request)."""

from __future__ import annotations

import keyring
from keyring.backends import fail

from guide_app import paths
from guide_app.auth import keyring_store, resume, sign_in
from guide_app.services.customer_query import CustomerQuery


def _files_containing(root, needle: bytes):
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_token_never_written_to_disk(server, tmp_path, test_keyring):
    data = tmp_path / "data"
    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=data, start_sync=False)
    try:
        token = s.api.token
        assert token and len(token) >= 16
        assert s.sync.sync_once()
        cid = s.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
        s.customers.add_follow_up(cid, "chat", "检查令牌")
        assert s.sync.sync_once()
        key = paths.account_key(server.url, "s001-g1")
        assert keyring_store.load_token(key) == token  # it is in the keyring …
        assert (data / "accounts.json").exists() and s.cache.path.exists()
    finally:
        s.close()
    assert _files_containing(data, token.encode()) == []  # … and in no file of ours
    assert _files_containing(data, b"demo1234") == []


def test_without_keyring_nothing_is_stored(server, tmp_path, test_keyring):
    keyring.set_keyring(fail.Keyring())
    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=tmp_path, start_sync=False)
    try:
        assert not s.keyring_available and s.api.token
        token = s.api.token
    finally:
        s.close()
    assert _files_containing(tmp_path, token.encode()) == []
    assert resume(server.url, "s001-g1", tmp_path) is None


def test_sign_out_removes_token_and_optionally_cache(server, tmp_path, test_keyring):
    key = paths.account_key(server.url, "s001-g1")
    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=tmp_path, start_sync=False)
    assert s.sync.sync_once()
    s.sign_out()
    assert keyring_store.load_token(key) is None and s.cache.path.exists()
    s = sign_in(server.url, "s001-g1", "demo1234", data_dir=tmp_path, start_sync=False)
    cache_file = s.cache.path
    s.sign_out(remove_cache=True)
    assert not cache_file.exists() and keyring_store.load_token(key) is None
