"""The library's per-user rows: suggestions to HQ, favorites, and every use of an item."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class ScriptSuggestion(Base):
    """A guide's personal script suggested to HQ (synced in ``user:<owner>``).

    Title, body and keywords are a snapshot taken when suggesting; HQ accepts (a new
    HQ script, ``accepted_script_id``) or declines with a reason.
    """

    __tablename__ = "script_suggestion"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    script_id: Mapped[str] = mapped_column(IdStr, index=True)
    owner_id: Mapped[str] = mapped_column(IdStr)
    store_id: Mapped[str | None] = mapped_column(IdStr)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    reason: Mapped[str] = mapped_column(String(200), default="")
    group_id: Mapped[str | None] = mapped_column(IdStr)
    accepted_script_id: Mapped[str | None] = mapped_column(IdStr)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(IdStr)


class Favorite(Base):
    """A user's 收藏 of a script or material (``user:<id>``; id ``protocol.favorite_id``)."""

    __tablename__ = "favorite"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    user_id: Mapped[str] = mapped_column(IdStr, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(IdStr)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UsageEvent(Base):
    """One copy of a script or material (用了一次): the usage report counts these.

    ``at`` is the guide's clock (recorded offline), ``received_at`` the server's.
    """

    __tablename__ = "usage_event"
    __table_args__ = (
        Index("ix_usage_event_at", "at"),
        Index("ix_usage_event_store_at", "store_id", "at"),
    )
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    entity: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str] = mapped_column(IdStr)
    user_id: Mapped[str] = mapped_column(IdStr)
    store_id: Mapped[str | None] = mapped_column(IdStr)
    customer_id: Mapped[str | None] = mapped_column(IdStr)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
