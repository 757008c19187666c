"""A guide's marks on Today entries (done / snoozed / not applicable)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class TodayAction(Base):
    """One user's mark on one Today entry (``user:<id>``; id ``protocol.today_action_id``).

    ``entry_key`` names the entry (``guide_core.today_rules.entry_key``): kind, customer
    or assignment, and occasion (e.g. the birthday's year), so next year's birthday is a
    new entry. ``until``: the day a snoozed entry comes back.
    """

    __tablename__ = "today_action"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    user_id: Mapped[str] = mapped_column(IdStr, index=True)
    entry_key: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    until: Mapped[date | None] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
