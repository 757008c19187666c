"""The chain's settings HQ edits (``chain_setting``: one synced row in ``global``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime


class ChainSetting(Base):
    """Lifecycle thresholds (``guide_core.lifecycle``); absent until HQ first saves them."""

    __tablename__ = "chain_setting"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    lifecycle_new_days: Mapped[int] = mapped_column(Integer, default=30)
    lifecycle_new_max_orders: Mapped[int] = mapped_column(Integer, default=1)
    lifecycle_active_days: Mapped[int] = mapped_column(Integer, default=90)
    lifecycle_dormant_days: Mapped[int] = mapped_column(Integer, default=180)
    #: Today's contact guard: a customer followed up within this many days is left off.
    contact_guard_days: Mapped[int] = mapped_column(Integer, default=7, server_default="7")
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
