"""Which keyring backends count as secure, and the account book on disk."""

from __future__ import annotations

import json
import stat

import keyring
import pytest
from keyring.backends import chainer, fail
from keyrings.alt.file import PlaintextKeyring

from guide_app.auth import keyring_store
from guide_app.auth.accounts import AccountBook
from guide_app.auth.errors import NoKeyring
from guide_core import protocol


@pytest.fixture
def restore_keyring():
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def test_fail_backend_is_no_keyring(restore_keyring, monkeypatch):
    monkeypatch.setenv(keyring_store.ALLOW_INSECURE_ENV, "1")
    keyring.set_keyring(fail.Keyring())
    assert not keyring_store.keyring_available()
    with pytest.raises(NoKeyring):
        keyring_store.save_token("srv|u", "secret")
    assert keyring_store.load_token("srv|u") is None


def test_empty_chainer_is_no_keyring(restore_keyring, monkeypatch):
    monkeypatch.setenv(keyring_store.ALLOW_INSECURE_ENV, "1")
    empty = chainer.ChainerBackend()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [], raising=False)
    keyring.set_keyring(empty)
    assert not keyring_store.keyring_available()


def test_plaintext_only_with_the_test_switch(restore_keyring, monkeypatch, tmp_path):
    kr = PlaintextKeyring()
    kr.file_path = str(tmp_path / "kr.cfg")
    keyring.set_keyring(kr)
    monkeypatch.delenv(keyring_store.ALLOW_INSECURE_ENV, raising=False)
    assert not keyring_store.keyring_available()
    with pytest.raises(NoKeyring):
        keyring_store.save_token("srv|u", "secret")
    assert not (tmp_path / "kr.cfg").exists()
    monkeypatch.setenv(keyring_store.ALLOW_INSECURE_ENV, "1")
    keyring_store.save_token("srv|u", "secret")
    assert keyring_store.load_token("srv|u") == "secret"
    keyring_store.delete_token("srv|u")
    assert keyring_store.load_token("srv|u") is None
    keyring_store.delete_token("srv|u")  # deleting twice is fine


def test_account_book_keeps_a_verifier_not_the_password(tmp_path):
    book = AccountBook(tmp_path)
    user = protocol.UserInfo(
        id="u1", username="s001-g1", display_name="王芳", role="guide", store_id="s1"
    )
    book.remember("http://h|s001-g1", "http://h", user, "pa55-word")
    raw = (tmp_path / "accounts.json").read_text(encoding="utf-8")
    assert "pa55-word" not in raw and "$argon2id$" in raw
    assert stat.S_IMODE((tmp_path / "accounts.json").stat().st_mode) == 0o600
    assert book.check_password("http://h|s001-g1", "pa55-word")
    assert not book.check_password("http://h|s001-g1", "pa55-Word")
    assert not book.check_password("http://other|x", "pa55-word")
    assert book.user("http://h|s001-g1") == user
    assert [a.username for a in book.known()] == ["s001-g1"]
    dev = book.device_id()
    assert dev == AccountBook(tmp_path).device_id()


def test_unreadable_account_book_starts_fresh(tmp_path):
    (tmp_path / "accounts.json").write_text("{not json", encoding="utf-8")
    book = AccountBook(tmp_path)
    assert book.known() == [] and not book.has_verifier("x")
    book.device_id()
    assert "device_id" in json.loads((tmp_path / "accounts.json").read_text(encoding="utf-8"))
