"""Orders from every sales channel; items are kept as a JSON list on the order."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_channel_no", "channel", "channel_order_no", unique=True),)
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    channel_order_no: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"), index=True)
    customer_id: Mapped[str | None] = mapped_column(IdStr, index=True)
    status: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    items: Mapped[list] = mapped_column(JSON, default=list)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    logistics_no: Mapped[str] = mapped_column(String(64), default="")
