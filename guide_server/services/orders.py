"""Order writes: upsert by channel order number, version bumps, customer figures in one transaction.

The one write path for orders besides the demo loader's bulk path: the order
import (issue 12) and the admin API call :func:`save_orders`. An order is
identified by ``(channel, channel_order_no)`` — a channel sends the same order
again whenever it changes — so a re-sent order keeps the id it was stored
under. Each order that actually changed gets a new version in its store scope;
the customers it touches (its customer now and, if it moved, before) have
their figures recomputed in the same transaction, and only those whose figures
moved get a new version. Saving an unchanged order changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from guide_core.protocol import OrderData
from guide_server.customer_figures import refresh_customer_figures
from guide_server.models import Order
from guide_server.reader import store_scope
from guide_server.sync.versions import touch

#: Columns an incoming order sets (everything but the id, which stays the stored one).
_FIELDS = (
    "store_id",
    "customer_id",
    "status",
    "amount_cents",
    "items",
    "paid_at",
    "shipped_at",
    "finished_at",
    "logistics_no",
)


@dataclass
class SaveResult:
    """Ids of orders created, updated and left as they were; customers whose figures changed."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    customers_changed: list[str] = field(default_factory=list)


def save_orders(session: Session, orders: Iterable[OrderData | Mapping[str, Any]]) -> SaveResult:
    """Insert or update ``orders`` by (channel, channel_order_no) in the caller's transaction.

    Each order is validated as :class:`OrderData` (a dict or the model). Within
    one call the last copy of a channel order number wins.
    """
    incoming: dict[tuple[str, str], OrderData] = {}
    for raw in orders:
        data = raw if isinstance(raw, OrderData) else OrderData.model_validate(dict(raw))
        incoming[(data.channel, data.channel_order_no)] = data
    result = SaveResult()
    if not incoming:
        return result
    stored = {
        (o.channel, o.channel_order_no): o
        for o in session.scalars(
            select(Order)
            .where(tuple_(Order.channel, Order.channel_order_no).in_(list(incoming)))
            .with_for_update()
        )
    }
    touched: set[str] = set()
    for key, data in incoming.items():
        values = _column_values(data)
        order = stored.get(key)
        if order is None:
            order = Order(id=data.id, channel=data.channel, channel_order_no=data.channel_order_no)
            for name, value in values.items():
                setattr(order, name, value)
            session.add(order)
            result.created.append(order.id)
        else:
            if all(getattr(order, name) == value for name, value in values.items()):
                result.unchanged.append(order.id)
                continue
            if order.customer_id:
                touched.add(order.customer_id)
            for name, value in values.items():
                setattr(order, name, value)
            result.updated.append(order.id)
        if order.customer_id:
            touched.add(order.customer_id)
        session.flush()
        touch(session, "order", order.id, store_scope(order.store_id))
    result.customers_changed = refresh_customer_figures(session, touched)
    return result


def _column_values(data: OrderData) -> dict[str, Any]:
    values = data.model_dump(include=set(_FIELDS))
    values["items"] = [dict(item) for item in values["items"]]
    return values
