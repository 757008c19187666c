"""Content-addressed file storage: ``<data-dir>/blobs/ab/abcdef…`` named by SHA-256.

Bytes are hashed while they stream into a temporary file next to the final
place; only a file whose hash matches its name is renamed into place, so a
cut connection or a wrong body never leaves a half-written blob.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from guide_core.protocol import Role
from guide_server.models import Blob, BlobUpload, ItemCheck, Material, Store
from guide_server.reader import Reader
from guide_server.sync.serialize import material_visible


class BlobTooLarge(Exception):
    pass


class BlobMismatch(Exception):
    def __init__(self, actual: str) -> None:
        super().__init__(actual)
        self.actual = actual


class BlobStore:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    async def receive(self, sha256: str, chunks: AsyncIterator[bytes]) -> int:
        """Store the streamed body under its hash; returns its size."""
        final = self.path_for(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise BlobTooLarge()
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:
                raise BlobMismatch(digest.hexdigest())
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return size

    def write_bytes(self, sha256: str, data: bytes) -> None:
        """Store known-good bytes (the demo loader)."""
        final = self.path_for(sha256)
        if final.is_file():
            return
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".load-{sha256}")
        tmp.write_bytes(data)
        os.replace(tmp, final)


def remember_blob(session: Session, sha256: str, size: int, mime: str, user_id: str | None) -> None:
    """Record the blob and who uploaded it (idempotent)."""
    module = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    session.execute(
        module.insert(Blob)
        .values(sha256=sha256, size=size, mime=mime)
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    if user_id:
        session.execute(
            module.insert(BlobUpload)
            .values(sha256=sha256, user_id=user_id)
            .on_conflict_do_nothing(index_elements=["sha256", "user_id"])
        )


def _uploaded_by(session: Session, sha256: str, user_id: str) -> bool:
    return bool(
        session.scalar(
            select(exists().where(BlobUpload.sha256 == sha256, BlobUpload.user_id == user_id))
        )
    )


def _named_for(session: Session, reader: Reader, sha256: str) -> bool:
    """Does a row this reader may read name the blob (a visible material, an item check)?"""
    for material in session.scalars(select(Material).where(Material.blob_sha256 == sha256)):
        if material_visible(material, reader):
            return True
    # a 朋友圈 post names its images in a list (few such materials: read them)
    for material in session.scalars(select(Material).where(Material.kind == "moments")):
        if sha256 in (material.images or []) and material_visible(material, reader):
            return True
    return bool(
        session.scalar(
            select(
                exists().where(
                    ItemCheck.evidence_sha256 == sha256, ItemCheck.store_id == reader.store_id
                )
            )
        )
    )


def may_read(session: Session, reader: Reader, sha256: str) -> bool:
    """A blob is readable by whoever may read a row naming it, and by its uploader.

    Trusting the rows that name a blob is safe only because a write may name a
    blob just when :func:`may_reference` allows it.
    """
    if reader.is_hq:
        return True
    return _uploaded_by(session, sha256, reader.user_id) or _named_for(session, reader, sha256)


def may_reference(session: Session, writer: Reader, sha256: str, store_id: str) -> bool:
    """May ``writer`` name this blob in a row of store ``store_id`` (an item check)?

    Naming a blob makes it readable by everyone who reads the row, so a
    reference must never widen who can read a file: the writer's own upload
    may be named (sharing it is the point); any other blob only if the writer
    can read it and every member of that store (guide and supervisor) already
    could. A hash alone (another store's photo, a supervisor-only or another
    region's material) grants nothing, not even to HQ's writes; an unknown
    hash is refused too, so a row never names a file that is not there.
    """
    if session.get(Blob, sha256) is None:
        return False
    if _uploaded_by(session, sha256, writer.user_id):
        return True
    if not may_read(session, writer, sha256):
        return False
    region_id = session.scalar(select(Store.region_id).where(Store.id == store_id))
    staff = (
        Reader(
            user_id="",  # no one in particular: uploads do not count
            username="",
            display_name="",
            role=role,
            store_id=store_id,
            region_id=region_id,
        )
        for role in (Role.GUIDE, Role.SUPERVISOR)
    )
    return all(_named_for(session, member, sha256) for member in staff)


def blob_mime(session: Session, sha256: str) -> str:
    blob = session.get(Blob, sha256)
    return blob.mime if blob else "application/octet-stream"
