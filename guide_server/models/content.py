"""HQ and store content: script groups, scripts, materials, blobs, sensitive words.

A retired script or material (``retired_at`` set) stays for the usage report and HQ's
list but reaches every counter app as a removal.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class ScriptGroup(Base):
    __tablename__ = "script_group"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    parent_id: Mapped[str | None] = mapped_column(IdStr)
    name: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(8), default="hq")
    store_id: Mapped[str | None] = mapped_column(IdStr)
    owner_id: Mapped[str | None] = mapped_column(IdStr)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Script(Base):
    __tablename__ = "script"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    group_id: Mapped[str | None] = mapped_column(IdStr)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    scope: Mapped[str] = mapped_column(String(8), default="hq")
    store_id: Mapped[str | None] = mapped_column(IdStr)
    owner_id: Mapped[str | None] = mapped_column(IdStr)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    items: Mapped[list] = mapped_column(JSON, default=list)
    use_count: Mapped[int] = mapped_column(Integer, default=0)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: ``{"region_ids": [], "store_ids": [], "roles": []}``; empty = no restriction.
    visibility: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Material(Base):
    __tablename__ = "material"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    blob_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    blob_size: Mapped[int | None] = mapped_column(BigInteger)
    mime: Mapped[str | None] = mapped_column(String(128))
    file_name: Mapped[str | None] = mapped_column(String(256))
    url: Mapped[str | None] = mapped_column(String(1024))
    #: ``{"region_ids": [], "store_ids": [], "roles": []}``; empty = no restriction.
    visibility: Mapped[dict] = mapped_column(JSON, default=dict)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    use_count: Mapped[int] = mapped_column(Integer, default=0)
    #: 朋友圈: the post's text and up to nine image blobs.
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    images: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    #: 海报: ``PosterLayout`` (where the QR code, name and store go on the template).
    poster: Mapped[dict | None] = mapped_column(JSON)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Blob(Base):
    """A stored file, named by its SHA-256; the bytes live under ``<data-dir>/blobs``."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(128), default="application/octet-stream")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BlobUpload(Base):
    """Who uploaded a blob: an uploader may always read back its own upload."""

    __tablename__ = "blob_upload"
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), primary_key=True)
    user_id: Mapped[str] = mapped_column(IdStr, primary_key=True)


class SensitiveWord(Base):
    __tablename__ = "sensitive_word"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    word: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(8), default="block")
