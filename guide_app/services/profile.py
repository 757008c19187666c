"""The signed-in user's own settings that travel with the account: their WeCom QR code.

A guide sets the QR image once (Settings → 我的企微二维码); posters carry it.
The file goes into the blob cache (``uploaded = 0`` until the server has it)
and a ``user.set_qr`` edit is queued, so it works offline. Whether the file
is a picture is the screen's check (it has the image decoders); this module
checks the size and the shared rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import orjson

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edit
from guide_app.cache.rows import read_row
from guide_app.domain.errors import ValidationFailed, raise_if
from guide_app.domain.permissions import actor_of
from guide_app.domain.validation import checked_fields
from guide_core.protocol import UserInfo
from guide_core.rules import Code
from guide_core.rules.facts import Target
from guide_core.rules.operations import check

#: The largest QR image accepted (a QR code is small; this keeps phones' photos out).
MAX_QR_BYTES = 5 * 1024 * 1024


class Blobs(Protocol):
    """What this service needs of ``guide_app.sync.blobs.BlobCache``."""

    def add_local(self, source: Path) -> str: ...

    def path_for(self, sha256: str) -> Path | None: ...


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


class ProfileService:
    def __init__(self, cache: Cache, user: UserInfo, blobs: Blobs) -> None:
        self._cache = cache
        self._user = user
        self._blobs = blobs

    def qr_sha256(self) -> str | None:
        """The QR code in force here: the last one queued from this PC, else the synced one."""
        with self._cache.read() as conn:
            pending = conn.exec_driver_sql(
                "SELECT fields FROM outbox WHERE entity = 'user' AND op = 'set_qr' "
                "AND entity_id = ? ORDER BY seq DESC LIMIT 1",
                (self._user.id,),
            ).first()
            if pending is not None:
                return orjson.loads(pending[0]).get("qr_sha256")
            row = read_row(conn, "user", self._user.id)
        return row[1].get("wecom_qr_sha256") if row else None

    def store_name(self) -> str:
        """The name of the user's store ('' for HQ or a store not in the cache)."""
        if not self._user.store_id:
            return ""
        with self._cache.read() as conn:
            row = read_row(conn, "store", self._user.store_id)
        return str(row[1].get("name") or "") if row else ""

    def qr_path(self) -> Path | None:
        """The QR image's file on this PC, or None (not set, or not downloaded yet)."""
        sha = self.qr_sha256()
        return self._blobs.path_for(sha) if sha else None

    def check_qr_file(self, path: Path) -> None:
        """Raise ``ValidationFailed`` (field ``qr_sha256``) for a missing, empty or too large file."""
        path = Path(path)
        try:
            size = path.stat().st_size if path.is_file() else -1
        except OSError:
            size = -1
        if size < 0:
            raise ValidationFailed(
                f"找不到文件：{path.name}", field="qr_sha256", code=Code.INVALID_FIELD
            )
        if size == 0:
            raise ValidationFailed(
                f"文件是空的：{path.name}", field="qr_sha256", code=Code.INVALID_FIELD
            )
        if size > MAX_QR_BYTES:
            raise ValidationFailed(
                f"二维码图片不能超过 5 MB（{path.name} 有 {_megabytes(size)} MB）",
                field="qr_sha256",
                code=Code.INVALID_FIELD,
            )

    def set_qr(self, path: Path) -> str:
        """Keep ``path`` as the user's QR code and queue ``user.set_qr``; returns its sha256.

        Checks first (file, size, the shared rule), so a refusal writes nothing.
        """
        self.check_qr_file(path)
        target = Target(store_id=self._user.store_id, owner_id=self._user.id)
        raise_if(check("user", "set_qr", actor_of(self._user), target), field="qr_sha256")
        sha = self._blobs.add_local(Path(path))
        fields = checked_fields("user", "set_qr", {"qr_sha256": sha})
        record_edit(self._cache, self._user.id, "user", "set_qr", self._user.id, fields, None)
        return sha
