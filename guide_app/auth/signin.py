"""Sign in online, unlock offline, resume from the keyring, sign out.

Online sign-in stores the token in the OS keyring (if a secure one exists)
and refreshes the offline verifier in ``accounts.json``. When the server is
unreachable, a user who signed in here before unlocks with the same password
against that verifier and works from the cache; the sync engine keeps trying,
and the server's refusal (revoked token, changed password) signs the session
out at the first contact.
"""

from __future__ import annotations

import logging
from pathlib import Path

from guide_app import paths
from guide_app.auth import keyring_store
from guide_app.auth.accounts import AccountBook, KnownAccount
from guide_app.auth.errors import (
    AuthError,
    NoKeyring,
    OfflineUnlockUnavailable,
    SessionRevoked,
    Throttled,
    WrongPassword,
)
from guide_app.sync import errors as sync_errors
from guide_app.sync.api import ApiClient
from guide_core import protocol

log = logging.getLogger(__name__)


def sign_in(
    server_url: str,
    username: str,
    password: str,
    *,
    data_dir: Path | str | None = None,
    start_sync: bool = True,
):  # -> Session (imported lazily: session imports the store)
    """Sign in and return a :class:`~guide_app.session.Session`, online or offline."""
    from guide_app.session import Session

    server_url = paths.normalize_server_url(server_url)
    username = username.strip()
    base = paths.data_dir(data_dir)
    book = AccountBook(base)
    key = paths.account_key(server_url, username)
    api = ApiClient(server_url)
    try:
        reply = api.login(username, password, book.device_id())
    except sync_errors.Unreachable:
        api.token = None
        return _offline_unlock(
            Session, api, book, key, server_url, username, password, base, start_sync
        )
    except sync_errors.Unauthorized as exc:
        api.close()
        raise WrongPassword() from exc
    except sync_errors.Throttled as exc:
        api.close()
        raise Throttled(exc.message, exc.retry_after) from exc
    except sync_errors.SyncError as exc:
        api.close()
        raise AuthError(exc.message) from exc

    keyring_ok = True
    try:
        keyring_store.save_token(key, reply.token)
    except NoKeyring:
        keyring_ok = False
    book.remember(key, server_url, reply.user, password)
    return Session.open(
        server_url=server_url,
        user=reply.user,
        api=api,
        data_dir=base,
        offline=False,
        keyring_available=keyring_ok,
        start_sync=start_sync,
        server_id=_server_id(api),
    )


def _server_id(api: ApiClient) -> str | None:
    """Which server this address is (``GET /health``), or None if it does not say.

    The session records it in the cache and takes over unsent edits from this
    account's caches under other addresses of the same server (``store.adopt``).
    """
    try:
        return protocol.HealthResponse.model_validate(api.health()).server_id
    except (sync_errors.SyncError, ValueError) as exc:  # ValidationError is a ValueError
        log.info("server id not known (%s): edits left in other caches wait", exc)
        return None


def _offline_unlock(Session, api, book, key, server_url, username, password, base, start_sync):
    user = book.user(key)
    if user is None or not book.has_verifier(key):
        api.close()
        raise OfflineUnlockUnavailable()
    if not book.check_password(key, password):
        api.close()
        raise WrongPassword("用户名或密码错误（离线验证）")
    token = keyring_store.load_token(key)
    api.token = token
    log.info("offline unlock for %s (token in keyring: %s)", key, token is not None)
    return Session.open(
        server_url=server_url,
        user=user,
        api=api,
        data_dir=base,
        offline=True,
        keyring_available=keyring_store.keyring_available(),
        start_sync=start_sync,
        relogin_password=None if token else password,
    )


def resume(
    server_url: str,
    username: str,
    data_dir: Path | str | None = None,
    *,
    start_sync: bool = True,
):
    """A Session from the keyring token, or None if there is none.

    Online, the token is checked with ``/me`` (revoked → :class:`SessionRevoked`
    and the token is deleted); unreachable → an offline Session from the cached
    user info.
    """
    from guide_app.session import Session

    server_url = paths.normalize_server_url(server_url)
    base = paths.data_dir(data_dir)
    key = paths.account_key(server_url, username)
    token = keyring_store.load_token(key)
    book = AccountBook(base)
    user = book.user(key)
    if token is None or user is None:
        return None
    api = ApiClient(server_url, token=token)
    offline = False
    server_id = None
    try:
        user = api.me().user
        book.update_user(key, user)
        server_id = _server_id(api)
    except sync_errors.Unauthorized as exc:
        api.close()
        keyring_store.delete_token(key)
        raise SessionRevoked() from exc
    except sync_errors.Unreachable:
        offline = True
    except sync_errors.SyncError as exc:
        api.close()
        raise AuthError(exc.message) from exc
    return Session.open(
        server_url=server_url,
        user=user,
        api=api,
        data_dir=base,
        offline=offline,
        keyring_available=True,
        start_sync=start_sync,
        server_id=server_id,
    )


def known_accounts(data_dir: Path | str | None = None) -> list[KnownAccount]:
    """Accounts that signed in on this PC (for the sign-in form), newest first."""
    return AccountBook(paths.data_dir(data_dir)).known()


__all__ = ["sign_in", "resume", "known_accounts"]
