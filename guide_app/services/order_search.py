"""The 订单 page's list: cached orders found and filtered in SQL, one page at a time.

A text is read as ``guide_core.rules.order_lookup.query_kind`` reads it: an order no.
(exact, or its beginning: a scanner types the whole number), a whole phone or its last
4 digits, a member no., a name (any of the customer list's ways: substring, pinyin,
initials). Phones, member nos. and names are the order's customer's (the cache has no
buyer phone: the wire's order carries none). The cache keeps the store's orders of the
last :data:`~guide_core.rules.order_lookup.CACHE_MONTHS` months: :func:`prune_window`
drops older ones locally (they stay on the server, which the page asks for them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import orjson

from guide_app.cache.database import Cache
from guide_app.cache.rows import delete_rows
from guide_app.services.customer_query import text_clause
from guide_app.services.orders import OrderBrief, brief_of
from guide_core.rules.order_lookup import QueryKind, cache_cutoff, normalize_phone, query_kind


@dataclass(frozen=True)
class OrderQuery:
    """What the 订单 page asks for (every part optional)."""

    text: str = ""
    channel: str | None = None
    status: str | None = None
    date_from: date | None = None  # local days, both included
    date_to: date | None = None


@dataclass(frozen=True)
class OrderRow:
    """One line of the order list."""

    brief: OrderBrief
    customer_id: str | None
    #: ``name（remark）`` of the order's customer in this cache ("" if none)
    customer_name: str


def _utc_text(day: date) -> str:
    """The start of local ``day`` as the cache's UTC text."""
    start = datetime.combine(day, time.min).astimezone()
    return start.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def where_clause(q: OrderQuery, params: dict[str, Any]) -> str:
    parts: list[str] = []
    text = " ".join(q.text.split())
    kind = query_kind(text)
    if kind is QueryKind.PHONE:
        params["phone"] = normalize_phone(text)
        parts.append("o.customer_id IN (SELECT c.id FROM customers c WHERE c.phone = :phone)")
    elif kind is not QueryKind.EMPTY:
        params.update(no=text, no_lo=text, no_hi=text + "\U0010ffff")
        branches = ["(o.channel_order_no >= :no_lo AND o.channel_order_no < :no_hi)"]
        customers = text_clause(text, params)
        if customers:
            branches.append(f"o.customer_id IN (SELECT c.id FROM customers c WHERE {customers})")
        parts.append("(" + " OR ".join(branches) + ")")
    if q.channel:
        params["channel"] = q.channel
        parts.append("o.channel = :channel")
    if q.status:
        params["status"] = q.status
        parts.append("o.status = :status")
    if q.date_from:
        params["d_from"] = _utc_text(q.date_from)
        parts.append("o.paid_at >= :d_from")
    if q.date_to and q.date_to < date.max:  # the last day has no day after it: no bound
        params["d_to"] = _utc_text(q.date_to + timedelta(days=1))
        parts.append("o.paid_at < :d_to")
    return " AND ".join(parts) if parts else "1"


def _name(raw: str | None) -> str:
    if not raw:
        return ""
    d = orjson.loads(raw)
    remark = d.get("remark_name") or ""
    return f"{d['name']}（{remark}）" if remark else d["name"]


class OrderSearch:
    """Count and page the cached orders (SQL; nothing is loaded beyond the page)."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def count(self, q: OrderQuery) -> int:
        params: dict[str, Any] = {}
        sql = f"SELECT count(*) FROM orders o WHERE {where_clause(q, params)}"
        with self._cache.read() as conn:
            return int(conn.exec_driver_sql(sql, params).scalar() or 0)

    def page(self, q: OrderQuery, offset: int, limit: int) -> list[OrderRow]:
        """Orders ``offset``..``offset+limit`` of the query, newest payment first."""
        params: dict[str, Any] = {"limit": int(limit), "offset": int(offset)}
        sql = (
            "SELECT o.data, c.id, c.data FROM orders o "
            "LEFT JOIN customers c ON c.id = o.customer_id "
            f"WHERE {where_clause(q, params)} "
            "ORDER BY o.paid_at DESC, o.id DESC LIMIT :limit OFFSET :offset"
        )
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(sql, params).all()
        return [
            OrderRow(brief=brief_of(orjson.loads(d)), customer_id=cid, customer_name=_name(cd))
            for d, cid, cd in rows
        ]

    def prune_window(self, now: datetime | None = None) -> int:
        """Drop cached orders paid before the window (:func:`cache_cutoff`); returns how many.

        Local only: nothing is queued, the server keeps them (the page asks it)."""
        cutoff = cache_cutoff((now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None))
        with self._cache.read() as conn:
            old = conn.exec_driver_sql(
                "SELECT id FROM orders WHERE paid_at < ?", (cutoff.isoformat(sep=" "),)
            ).all()
        if not old:
            return 0
        with self._cache.write() as conn:
            delete_rows(conn, "order", [r[0] for r in old])
        return len(old)

    def cached_ids(self, ids: list[str]) -> set[str]:
        """Which of these orders this PC holds (a server answer's 不在本机 mark)."""
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(f"SELECT id FROM orders WHERE id IN ({marks})", tuple(ids))
            return {r[0] for r in rows}

    def customer_name(self, customer_id: str | None) -> str | None:
        """``name（remark）`` of a cached customer; None when this PC does not hold them."""
        if not customer_id:
            return None
        with self._cache.read() as conn:
            raw = conn.exec_driver_sql(
                "SELECT data FROM customers WHERE id = ?", (customer_id,)
            ).scalar()
        return _name(raw) if raw else None
