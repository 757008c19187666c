"""Sign-in against the real server: online, wrong password, throttling, offline unlock, revocation."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from guide_app.auth import (
    OfflineUnlockUnavailable,
    SessionRevoked,
    Throttled,
    WrongPassword,
    known_accounts,
    resume,
    sign_in,
)
from guide_app.sync.api import ApiClient

PW = "demo1234"


def test_online_sign_in_and_resume(server, tmp_path, test_keyring):
    s = sign_in(server.url, "s001-g1", PW, data_dir=tmp_path, start_sync=False)
    try:
        assert not s.offline and s.keyring_available and s.user.username == "s001-g1"
        assert s.user.role == "guide" and s.user.store_id
        assert [a.username for a in known_accounts(tmp_path)] == ["s001-g1"]
    finally:
        s.close()
    again = resume(server.url, "s001-g1", tmp_path, start_sync=False)
    try:
        assert again is not None and again.user.id == s.user.id and not again.offline
        assert again.cache.path == s.cache.path
    finally:
        again.close()
    assert resume(server.url, "s001-g2", tmp_path) is None


def test_wrong_password_then_throttled(server, tmp_path, test_keyring):
    with pytest.raises(WrongPassword) as exc:
        sign_in(server.url, "s001-g2", "wrong-1", data_dir=tmp_path)
    assert exc.value.message == "用户名或密码错误"
    with pytest.raises(Throttled) as exc:
        for i in range(20):
            try:
                sign_in(server.url, "s001-g2", f"wrong-{i}", data_dir=tmp_path)
            except WrongPassword:
                continue
    assert exc.value.message and (exc.value.retry_after or 0) > 0
    assert known_accounts(tmp_path) == []


def test_offline_unlock(server, tmp_path, test_keyring):
    sign_in(server.url, "s001-g1", PW, data_dir=tmp_path, start_sync=False).close()
    server.stop()
    with pytest.raises(WrongPassword):
        sign_in(server.url, "s001-g1", "not-it", data_dir=tmp_path, start_sync=False)
    with pytest.raises(OfflineUnlockUnavailable):
        sign_in(server.url, "s001-g2", PW, data_dir=tmp_path, start_sync=False)
    s = sign_in(server.url, "s001-g1", PW, data_dir=tmp_path, start_sync=False)
    try:
        assert s.offline and s.user.username == "s001-g1"
        assert s.sync.sync_once() is False and not s.sync.status.online
        server.start()
        assert s.sync.sync_once() and not s.offline
    finally:
        s.close()


def test_offline_unlock_without_keyring_signs_in_when_server_returns(
    server, tmp_path, test_keyring
):
    sign_in(server.url, "s001-g1", PW, data_dir=tmp_path, start_sync=False).close()
    keyring.set_keyring(fail.Keyring())
    server.stop()
    s = sign_in(server.url, "s001-g1", PW, data_dir=tmp_path, start_sync=False)
    try:
        assert s.offline and not s.keyring_available and s.api.token is None
        server.start()
        assert s.sync.sync_once(), s.sync.status.error
        assert s.api.token and not s.offline
    finally:
        s.close()


def test_revoked_token_signs_the_session_out(server, tmp_path, test_keyring):
    s = sign_in(server.url, "s001-g1", PW, data_dir=tmp_path, start_sync=False)
    try:
        assert s.sync.sync_once()
        with ApiClient(server.url, token=s.api.token) as admin_side:
            admin_side.logout()  # the same token revoked elsewhere
        assert s.sync.sync_once() is False
        assert s.sync.status.signed_out and "重新登录" in s.sync.status.error
    finally:
        s.close()
    with pytest.raises(SessionRevoked):
        resume(server.url, "s001-g1", tmp_path)
    assert resume(server.url, "s001-g1", tmp_path) is None  # the dead token was deleted
