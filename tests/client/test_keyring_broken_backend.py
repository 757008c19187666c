"""A keyring backend that raises an ordinary exception counts as "no keyring".

Third-party backends (a D-Bus secret service that went away, a vendor's
credential store) raise whatever they like, not only ``keyring.errors.*``.
The server has already issued the token when the app stores it, so such an
error must never turn into a failed sign-in: the session works with the token
in memory and the password is asked at the next start.
"""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from guide_app.auth import keyring_store, resume, sign_in
from tests.support.server import DEMO_PASSWORD


class BrokenKeyring(KeyringBackend):
    """A keyring backend (keyring's own API) whose calls raise ``error``."""

    priority = 1  # type: ignore[assignment]
    error: type[Exception] = RuntimeError
    #: which calls raise: any of "get", "set", "delete"
    broken: frozenset[str] = frozenset({"get", "set", "delete"})

    def __init__(self, error: type[Exception], broken: set[str]) -> None:
        super().__init__()
        self.error = error
        self.broken = frozenset(broken)
        self.stored: dict[tuple[str, str], str] = {}

    def _maybe_fail(self, call: str) -> None:
        if call in self.broken:
            raise self.error(f"backend {call} exploded")

    def get_password(self, service: str, username: str) -> str | None:
        self._maybe_fail("get")
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_fail("set")
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._maybe_fail("delete")
        self.stored.pop((service, username), None)


@pytest.fixture
def broken_keyring():
    before = keyring.get_keyring()

    def install(error: type[Exception], broken: set[str]) -> BrokenKeyring:
        backend = BrokenKeyring(error, broken)
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(before)


@pytest.mark.parametrize("error", [RuntimeError, OSError, ValueError])
def test_sign_in_succeeds_without_storing_when_the_backend_raises(
    server, tmp_path, broken_keyring, error
):
    backend = broken_keyring(error, {"get", "set", "delete"})
    s = sign_in(server.url, "s001-g1", DEMO_PASSWORD, data_dir=tmp_path, start_sync=False)
    try:
        assert not s.keyring_available and not s.offline
        assert s.api.token  # in memory only
        assert s.sync.sync_once(), s.sync.status.error
    finally:
        s.close()
    assert backend.stored == {}
    assert resume(server.url, "s001-g1", tmp_path, start_sync=False) is None  # password next time
    s = sign_in(server.url, "s001-g1", DEMO_PASSWORD, data_dir=tmp_path, start_sync=False)
    s.sign_out()  # deleting the token through the broken backend does not fail either


def test_a_backend_that_stores_but_cannot_read_is_no_keyring(server, tmp_path, broken_keyring):
    """Stored but unreadable: resume asks for the password instead of failing."""
    backend = broken_keyring(OSError, {"get"})
    s = sign_in(server.url, "s001-g1", DEMO_PASSWORD, data_dir=tmp_path, start_sync=False)
    s.close()
    assert backend.stored  # the write worked
    assert resume(server.url, "s001-g1", tmp_path, start_sync=False) is None


def test_store_functions_never_raise_ordinary_backend_errors(broken_keyring):
    broken_keyring(RuntimeError, {"get", "set", "delete"})
    with pytest.raises(keyring_store.NoKeyring):
        keyring_store.save_token("srv|u", "secret")
    assert keyring_store.load_token("srv|u") is None
    keyring_store.delete_token("srv|u")
    assert not keyring_store.keyring_available()  # a backend that raised is not used again
