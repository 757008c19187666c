"""Sync bookkeeping: scope counters, the change index, exactly-once push, server meta."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class ScopeCounter(Base):
    """The last version handed out in a scope; ``floor`` = newest purged tombstone."""

    __tablename__ = "scope_counter"
    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    v: Mapped[int] = mapped_column(BigInteger, default=0)
    floor: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncRow(Base):
    """One row per synced entity row: where it lives and its latest version.

    A deleted row stays here with ``deleted = true`` (the tombstone) until purged.
    An account row of a store also has a place in the chain-wide ``staff`` scope
    (``staff_version``, HQ's pull; ``None`` for every other row).
    """

    __tablename__ = "sync_row"
    __table_args__ = (
        Index("ix_sync_row_scope_version", "scope", "version"),
        Index("ix_sync_row_staff_version", "staff_version"),
    )
    entity: Mapped[str] = mapped_column(String(32), primary_key=True)  # 0006: was 16
    entity_id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    scope: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(BigInteger)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    staff_version: Mapped[int | None] = mapped_column(BigInteger, nullable=True, default=None)


class AppliedMutation(Base):
    """A push mutation's outcome, written in the same transaction as its effect."""

    __tablename__ = "applied_mutation"
    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(IdStr)
    device_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    result: Mapped[dict] = mapped_column(JSON)
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ServerMeta(Base):
    """Key/value facts about this database: ``epoch``, ``cursor_secret``, ``server_id``."""

    __tablename__ = "server_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))
