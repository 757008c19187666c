"""Sign-in, the session token in the OS keyring, and offline unlock."""

from guide_app.auth.accounts import KnownAccount
from guide_app.auth.errors import (
    AuthError,
    NoKeyring,
    OfflineUnlockUnavailable,
    ServerUnreachable,
    SessionRevoked,
    Throttled,
    WrongPassword,
)
from guide_app.auth.signin import known_accounts, resume, sign_in
from guide_app.cache.owner_lock import CacheInUse

__all__ = [
    "AuthError",
    "CacheInUse",
    "KnownAccount",
    "NoKeyring",
    "OfflineUnlockUnavailable",
    "ServerUnreachable",
    "SessionRevoked",
    "Throttled",
    "WrongPassword",
    "known_accounts",
    "resume",
    "sign_in",
]
