"""The session token lives in the OS keyring, never in a file we write.

A plaintext or file keyring (``keyrings.alt``), the ``fail`` backend, or a
chainer without any usable backend count as *no keyring*: the app then keeps
the token in memory only and asks for the password at each start. Only the
test suite may accept the file keyring (``GUIDE_ALLOW_INSECURE_KEYRING=1``).

A backend is third-party code that may raise anything, not only
``keyring.errors.*`` (a secret service that went away raises ``OSError`` or a
D-Bus error; a vendor's store ``RuntimeError``). The token is stored after the
server issued it, so no such error may fail the sign-in: any ordinary
exception from the backend means *no keyring*, and a backend that raised one
is not used again in this process (it is not a transient refusal such as
``KeyringLocked``). Nothing ever falls back to writing the token elsewhere.
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

#: Backends that raised an ordinary exception (by identity): no keyring from then on.
_broken: list[KeyringBackend] = []


def _mark_broken(call: str, exc: Exception) -> None:
    """A backend failed with something other than a keyring error: stop using it."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - nothing more to learn
        return
    log.warning(
        "keyring backend %s failed in %s (%s: %s): treated as no keyring",
        type(backend).__name__,
        call,
        type(exc).__name__,
        exc,
    )
    if not any(b is backend for b in _broken):
        _broken.append(backend)


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
    if any(b is backend for b in _broken) or _is_missing(backend):
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
    except Exception as exc:  # any other backend failure: no keyring, never a failed sign-in
        _mark_broken("set", exc)
        raise NoKeyring() from exc


def load_token(account: str) -> str | None:
    if not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring read failed: %s", exc)
        return None
    except Exception as exc:  # any other backend failure: as if nothing were stored
        _mark_broken("get", exc)
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
    except Exception as exc:  # any other backend failure: nothing we can delete
        _mark_broken("delete", exc)
