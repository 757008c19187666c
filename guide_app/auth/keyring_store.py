"""The session token lives in the OS keyring, never in a file we write.

A plaintext or file keyring (``keyrings.alt``), the ``fail`` backend, or a
chainer without any usable backend count as *no keyring*: the app then keeps
the token in memory only and asks for the password at each start. Only the
test suite may accept the file keyring (``GUIDE_ALLOW_INSECURE_KEYRING=1``).
"""

from __future__ import annotations

import logging
import os

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from guide_app.auth.errors import NoKeyring

log = logging.getLogger(__name__)

SERVICE = "guide-workstation"
ALLOW_INSECURE_ENV = "GUIDE_ALLOW_INSECURE_KEYRING"


def _is_insecure(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    name = type(backend).__name__.lower()
    return (
        module.startswith("keyrings.alt")
        or "plaintext" in name
        or module.startswith("keyring.backends.null")
    )


def _is_missing(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    if module == "keyring.backends.fail":
        return True
    if module == "keyring.backends.chainer":
        return not getattr(backend, "backends", [])
    return False


def keyring_available() -> bool:
    """True if a secure backend exists (or the test suite allows the file keyring)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken backend configuration
        log.exception("keyring backend could not be loaded")
        return False
    if _is_missing(backend):
        return False
    if module_backends := getattr(backend, "backends", None):  # chainer: judge what it chains
        if all(_is_insecure(b) for b in module_backends):
            return os.environ.get(ALLOW_INSECURE_ENV) == "1"
        return True
    if _is_insecure(backend):
        return os.environ.get(ALLOW_INSECURE_ENV) == "1"
    return True


def save_token(account: str, token: str) -> None:
    """Store the token; raises :class:`NoKeyring` where no secure keyring exists."""
    if not keyring_available():
        raise NoKeyring()
    try:
        keyring.set_password(SERVICE, account, token)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring refused the token: %s", exc)
        raise NoKeyring() from exc


def load_token(account: str) -> str | None:
    if not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None


def delete_token(account: str) -> None:
    if not keyring_available():
        return
    try:
        keyring.delete_password(SERVICE, account)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        log.warning("keyring delete failed: %s", exc)
