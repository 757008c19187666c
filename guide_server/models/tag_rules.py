"""Auto-tag rules (自动打标, issue 12) and the tags guides took off, which rules leave alone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class TagRule(Base):
    """HQ's rule: customers meeting ``condition`` (``guide_core.tag_rules_api``) get ``tag_id``."""

    __tablename__ = "tag_rule"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    tag_id: Mapped[str] = mapped_column(ForeignKey("tag.id"), index=True)
    condition: Mapped[dict] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TagRemoval(Base):
    """A person took ``tag_id`` off ``customer_id``: no rule puts it back."""

    __tablename__ = "tag_removal"
    customer_id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    tag_id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    removed_by: Mapped[str | None] = mapped_column(IdStr)
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
