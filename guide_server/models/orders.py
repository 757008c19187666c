"""Orders from every sales channel; items are kept as a JSON list on the order.

Besides the synced fields (``protocol.OrderData``) an order keeps what its export file
said about the buyer (name, phone as given — often masked —, member no.), the logistics
company and when it was placed: server-only columns the import matches on and the
unmatched list shows. :class:`OrderMatchSuggestion` holds a customer an import only
*suggests* for an order (a masked phone and a name): a supervisor confirms or rejects it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_channel_no", "channel", "channel_order_no", unique=True),
        # a store's unmatched orders (customer_id IS NULL), paged
        Index("ix_orders_store_customer", "store_id", "customer_id"),
    )
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
    # server only (issue 12): what the export file said
    logistics_company: Mapped[str] = mapped_column(String(64), default="")
    ordered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    buyer_name: Mapped[str] = mapped_column(String(64), default="")
    buyer_phone: Mapped[str] = mapped_column(String(20), default="")
    member_no: Mapped[str] = mapped_column(String(32), default="")


class OrderMatchSuggestion(Base):
    """A customer an import suggests for an unmatched order; never a link by itself."""

    __tablename__ = "order_match_suggestion"
    __table_args__ = (
        Index("ix_order_match_suggestion_pair", "order_id", "customer_id", unique=True),
    )
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    reason: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|confirmed|rejected
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(IdStr)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
