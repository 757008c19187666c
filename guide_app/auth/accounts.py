"""Who has signed in on this PC: ``<data_dir>/accounts.json``.

Holds, per account, the user info and a salted password verifier (argon2id)
for offline unlock, plus the PC's device id. Never the token (that goes to the
keyring) and never the password. Written atomically with owner-only rights.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from guide_app import paths
from guide_core import protocol

log = logging.getLogger(__name__)

FILE_NAME = "accounts.json"
# argon2id, 19 MiB / 2 passes: the OWASP minimum, ~30 ms, fine at a counter.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_WRITE_LOCK = threading.Lock()


@dataclass(frozen=True)
class KnownAccount:
    server_url: str
    username: str
    display_name: str
    last_sign_in: datetime | None


class AccountBook:
    """Read/modify/write of ``accounts.json`` in one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"accounts": {}}
        except (ValueError, UnicodeDecodeError):
            log.warning("%s is unreadable; starting a fresh account list", self.path)
            return {"accounts": {}}
        if not isinstance(data, dict) or not isinstance(data.get("accounts"), dict):
            return {"accounts": {}}
        return data

    def _save(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".accounts.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            paths.private_file(Path(tmp))
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def device_id(self) -> str:
        """This PC's id (per data folder), created on first use."""
        with _WRITE_LOCK:
            data = self._load()
            if not data.get("device_id"):
                data["device_id"] = str(uuid.uuid4())
                self._save(data)
            return str(data["device_id"])

    def remember(self, key: str, server_url: str, user: protocol.UserInfo, password: str) -> None:
        """After an online sign-in: store user info and a fresh password verifier."""
        verifier = _HASHER.hash(password)
        with _WRITE_LOCK:
            data = self._load()
            data["accounts"][key] = {
                "server_url": server_url,
                "username": user.username,
                "user": user.model_dump(mode="json"),
                "verifier": verifier,
                "last_sign_in": datetime.now(UTC).isoformat(),
            }
            self._save(data)

    def update_user(self, key: str, user: protocol.UserInfo) -> None:
        with _WRITE_LOCK:
            data = self._load()
            if key in data["accounts"]:
                data["accounts"][key]["user"] = user.model_dump(mode="json")
                self._save(data)

    def user(self, key: str) -> protocol.UserInfo | None:
        entry = self._load()["accounts"].get(key)
        if not entry:
            return None
        try:
            return protocol.UserInfo.model_validate(entry["user"])
        except Exception:
            return None

    def has_verifier(self, key: str) -> bool:
        entry = self._load()["accounts"].get(key)
        return bool(entry and entry.get("verifier"))

    def check_password(self, key: str, password: str) -> bool:
        entry = self._load()["accounts"].get(key) or {}
        try:
            return _HASHER.verify(entry.get("verifier", ""), password)
        except (VerificationError, InvalidHashError):
            return False

    def forget(self, key: str) -> None:
        with _WRITE_LOCK:
            data = self._load()
            if data["accounts"].pop(key, None) is not None:
                self._save(data)

    def known(self) -> list[KnownAccount]:
        """Accounts that signed in here, most recent first."""
        out = []
        for entry in self._load()["accounts"].values():
            try:
                user = protocol.UserInfo.model_validate(entry["user"])
                last = (
                    datetime.fromisoformat(entry["last_sign_in"])
                    if entry.get("last_sign_in")
                    else None
                )
            except Exception:
                continue
            out.append(KnownAccount(entry["server_url"], user.username, user.display_name, last))
        out.sort(key=lambda a: a.last_sign_in or datetime.min.replace(tzinfo=UTC), reverse=True)
        return out
