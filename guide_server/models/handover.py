"""离职继承: the record of each handover (for HQ's report), and the leaving guide's
revoked tokens that may still push their last edits (``guide_core.rules.handover``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class Handover(Base):
    """One applied ``user.handover`` (id: its mutation id)."""

    __tablename__ = "handover"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"), index=True)
    leaving_user_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"), index=True)
    by_user_id: Mapped[str] = mapped_column(IdStr)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: receiver id → customers they got
    receivers: Mapped[dict] = mapped_column(JSON, default=dict)
    customer_count: Mapped[int] = mapped_column(Integer, default=0)
    #: the leaving guide's open task assignments withdrawn with it
    assignments_withdrawn: Mapped[int] = mapped_column(Integer, default=0)
    deactivated: Mapped[bool] = mapped_column(Boolean, default=False)
    tokens_revoked: Mapped[int] = mapped_column(Integer, default=0)


class HandoverGrace(Base):
    """A token a handover revoked: it may still push edits of the customers handed over
    from its user until ``until`` (nothing else; see ``guide_core.rules.handover``)."""

    __tablename__ = "handover_grace"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(IdStr, index=True)
    handover_id: Mapped[str] = mapped_column(IdStr)
    until: Mapped[datetime] = mapped_column(UTCDateTime)
