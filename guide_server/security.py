"""Password hashing (argon2id) and bearer tokens (random, stored as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: argon2id with OWASP's minimum profile (19 MiB, 2 passes): tens of milliseconds
#: per sign-in on a small server instead of the library default's hundreds.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_dummy: list[str] = []


def _dummy_hash() -> str:
    """Verified against when the user does not exist, so timing does not reveal names."""
    if not _dummy:
        _dummy.append(_hasher.hash(new_token()))
    return _dummy[0]


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
