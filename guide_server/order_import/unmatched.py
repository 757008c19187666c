"""A store's imported orders without a customer, newest first, paged (the supervisor's list)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guide_core.order_import_api import UnmatchedOrder, UnmatchedOrdersPage
from guide_server.models import Order
from guide_server.models.orders import OrderMatchSuggestion

MAX_PAGE = 200


def list_unmatched(
    session: Session, store_id: str, offset: int = 0, limit: int = 50
) -> UnmatchedOrdersPage:
    limit = max(1, min(limit, MAX_PAGE))
    where = (Order.store_id == store_id, Order.customer_id.is_(None))
    total = session.scalar(select(func.count()).select_from(Order).where(*where)) or 0
    pending = (
        select(func.count())
        .where(OrderMatchSuggestion.order_id == Order.id, OrderMatchSuggestion.status == "pending")
        .scalar_subquery()
    )
    rows = session.execute(
        select(Order, pending.label("suggestions"))
        .where(*where)
        .order_by(Order.paid_at.desc(), Order.id)
        .offset(offset)
        .limit(limit)
    ).all()
    items = [
        UnmatchedOrder(
            id=o.id,
            channel=o.channel,
            channel_order_no=o.channel_order_no,
            store_id=o.store_id,
            status=o.status,
            amount_cents=o.amount_cents,
            paid_at=o.paid_at,
            buyer_name=o.buyer_name,
            buyer_phone=o.buyer_phone,
            suggestions=n,
        )
        for o, n in rows
    ]
    return UnmatchedOrdersPage(total=total, offset=offset, items=items)
