"""Cached orders (read-only on the client)."""

from __future__ import annotations

from dataclasses import dataclass

import orjson

from guide_app.cache.database import Cache
from guide_app.domain.labels import ORDER_CHANNELS, ORDER_STATUSES, label
from guide_core.protocol import OrderData, UserInfo


@dataclass(frozen=True)
class OrderBrief:
    id: str
    channel: str
    channel_label: str
    channel_order_no: str
    status: str
    status_label: str
    amount_cents: int
    paid_at: str | None
    #: e.g. ``羊毛大衣 ×1 等3件``
    item_summary: str


def brief_of(data: dict) -> OrderBrief:
    items = data.get("items") or []
    summary = ""
    if items:
        summary = f"{items[0]['name']} ×{items[0]['qty']}"
        total = sum(int(i.get("qty") or 0) for i in items)
        if len(items) > 1:
            summary += f" 等{total}件"
    return OrderBrief(
        id=data["id"],
        channel=data["channel"],
        channel_label=label(ORDER_CHANNELS, data["channel"]),
        channel_order_no=data["channel_order_no"],
        status=data["status"],
        status_label=label(ORDER_STATUSES, data["status"]),
        amount_cents=int(data["amount_cents"]),
        paid_at=data.get("paid_at"),
        item_summary=summary,
    )


@dataclass(frozen=True)
class OrderDetail:
    """One order as its detail view shows it: the order and whose order it is."""

    order: OrderData
    #: None when the order is not linked to a customer (or to one not in this cache)
    customer_id: str | None
    #: ``name（remark）``; "" when the customer is not in this cache
    customer_name: str


class OrderService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    def _one(self, sql: str, *args: str) -> OrderData | None:
        with self._cache.read() as conn:
            raw = conn.exec_driver_sql(sql, args).scalar()
        return OrderData.model_validate(orjson.loads(raw)) if raw else None

    def get(self, order_id: str) -> OrderData | None:
        return self._one("SELECT data FROM orders WHERE id = ?", order_id)

    def detail(self, order_id: str) -> OrderDetail | None:
        """The order with its customer's name (for the order's detail view)."""
        order = self.get(order_id)
        if order is None:
            return None
        name = ""
        with self._cache.read() as conn:
            raw = (
                conn.exec_driver_sql(
                    "SELECT data FROM customers WHERE id = ?", (order.customer_id,)
                ).scalar()
                if order.customer_id
                else None
            )
        if raw:
            d = orjson.loads(raw)
            remark = d.get("remark_name") or ""
            name = f"{d['name']}（{remark}）" if remark else d["name"]
        return OrderDetail(
            order=order, customer_id=order.customer_id if raw else None, customer_name=name
        )

    def by_number(self, channel_order_no: str) -> OrderData | None:
        """The order with this channel order number (as scanned or typed)."""
        return self._one(
            "SELECT data FROM orders WHERE channel_order_no = ? ORDER BY paid_at DESC LIMIT 1",
            channel_order_no.strip(),
        )

    def for_customer(self, customer_id: str, limit: int = 20) -> list[OrderBrief]:
        """The customer's cached orders, newest first."""
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT data FROM orders WHERE customer_id = ? "
                "ORDER BY paid_at IS NULL, paid_at DESC, id LIMIT ?",
                (customer_id, limit),
            ).all()
        return [brief_of(orjson.loads(r[0])) for r in rows]
