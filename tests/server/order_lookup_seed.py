"""Orders written straight into a test server's database for the lookup and match tests:
through ``services.orders.save_orders`` (a version each, as an import writes them), then
the server-only columns an import fills (buyer, member no., logistics company), and
suggested matches as the import leaves them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from guide_core.protocol import OrderData
from guide_server.db import Database
from guide_server.models import Customer, Order, Store
from guide_server.models.orders import OrderMatchSuggestion
from guide_server.services.orders import save_orders


def store_id(db: Database, code: str) -> str:
    with db.read() as s:
        return s.scalar(select(Store.id).where(Store.code == code))


def a_customer(db: Database, code: str, skip: int = 0) -> Customer:
    """A customer of store ``code`` with a whole phone (the ``skip``-th by id)."""
    with db.read() as s:
        c = s.scalars(
            select(Customer)
            .where(Customer.store_id == store_id(db, code), Customer.phone != "")
            .order_by(Customer.id)
            .offset(skip)
            .limit(1)
        ).one()
        s.expunge(c)
        return c


def add_order(
    db: Database,
    code: str,
    no: str,
    *,
    customer_id: str | None = None,
    paid_at: datetime | None = None,
    channel: str = "tmall",
    status: str = "finished",
    amount_cents: int = 12_900,
    buyer_name: str = "",
    buyer_phone: str = "",
    member_no: str = "",
    logistics_company: str = "",
    logistics_no: str = "",
) -> str:
    oid = str(uuid.uuid4())
    data = OrderData(
        id=oid,
        channel=channel,
        channel_order_no=no,
        store_id=store_id(db, code),
        customer_id=customer_id,
        status=status,
        amount_cents=amount_cents,
        items=[{"sku": "SKU-1", "name": "羊绒围巾", "qty": 1, "price_cents": amount_cents}],
        paid_at=paid_at or datetime.now(UTC),
        logistics_no=logistics_no,
    )
    with db.write() as s:
        save_orders(s, [data])
        o = s.scalar(select(Order).where(Order.id == oid))
        o.buyer_name, o.buyer_phone, o.member_no = buyer_name, buyer_phone, member_no
        o.logistics_company = logistics_company
        o.ordered_at = data.paid_at
    return oid


def add_suggestion(db: Database, order_id: str, customer_id: str, reason: str) -> str:
    sid = str(uuid.uuid4())
    with db.write() as s:
        s.add(
            OrderMatchSuggestion(id=sid, order_id=order_id, customer_id=customer_id, reason=reason)
        )
    return sid
