"""The counter's order lookup and the supervisor's match decisions (issue 12).

:func:`lookup` answers ``GET /orders/lookup`` with the rules of
``guide_core.rules.order_lookup`` (own store any query; another store's order only by
exact order no. or whole phone, its buyer phone masked; HQ everything).
:func:`suggestions` pages a store's pending suggested matches; :func:`confirm`,
:func:`reject` and :func:`choose_customer` decide them. Linking an order to a customer
gives the order a new version in its store scope (``touch``, as every write does) and
recomputes the figures of the customers it joined and left in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, false, func, or_, select, true
from sqlalchemy.orm import Session

from guide_core.order_lookup_api import (
    LookupOrder,
    MatchDecided,
    MatchSuggestion,
    MatchSuggestionsPage,
    OrderLookupPage,
)
from guide_core.phone import mask_phone
from guide_core.protocol import OrderData
from guide_core.rules.facts import Actor
from guide_core.rules.order_lookup import (
    MAX_LOOKUP_PAGE,
    QueryKind,
    finds_other_stores,
    is_other_store,
    normalize_phone,
    query_kind,
    shows_buyer_phone,
)
from guide_server.customer_figures import refresh_customer_figures
from guide_server.models import Customer, Order, Store
from guide_server.models.base import utcnow as _now
from guide_server.models.orders import OrderMatchSuggestion
from guide_server.reader import store_scope
from guide_server.sync.versions import touch


class LookupRefused(Exception):
    """A decision the rules or the rows do not allow; ``status`` is the HTTP answer."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _text_match(q: str, kind: QueryKind):
    """Conditions an own-store order matches ``q`` by (any kind of query)."""
    if kind is QueryKind.PHONE:
        phone = normalize_phone(q)
        return or_(Order.buyer_phone == phone, Customer.phone == phone)
    if kind is QueryKind.PHONE_TAIL:
        return or_(Order.buyer_phone.like(f"%{q}"), Customer.phone.like(f"%{q}"))
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    conditions = [
        Order.channel_order_no == q,
        Order.member_no == q,
        Customer.member_no == q,
        Customer.name.like(like, escape="\\"),
        Customer.remark_name.like(like, escape="\\"),
        Order.buyer_name.like(like, escape="\\"),
    ]
    if kind is QueryKind.ORDER_NO:
        conditions.append(Order.channel_order_no.like(q + "%"))
    return or_(*conditions)


def _exact_match(q: str, kind: QueryKind):
    """Conditions another store's order matches by: exact order no. or whole phone."""
    if kind is QueryKind.PHONE:
        phone = normalize_phone(q)
        return or_(Order.buyer_phone == phone, Customer.phone == phone)
    if kind is QueryKind.ORDER_NO:
        return Order.channel_order_no == q
    return false()


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min)


def lookup(
    session: Session,
    actor: Actor,
    q: str = "",
    *,
    channel: str | None = None,
    status: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    offset: int = 0,
    limit: int = 50,
) -> OrderLookupPage:
    """Orders ``actor`` may find for ``q`` and the filters, newest first."""
    q = " ".join(q.split())
    kind = query_kind(q)
    limit = max(1, min(limit, MAX_LOOKUP_PAGE))
    if actor.is_hq:
        where = true() if kind is QueryKind.EMPTY else _text_match(q, kind)
    else:
        own = Order.store_id == actor.store_id
        mine = own if kind is QueryKind.EMPTY else and_(own, _text_match(q, kind))
        where = (
            or_(mine, and_(Order.store_id != actor.store_id, _exact_match(q, kind)))
            if finds_other_stores(actor, kind)
            else mine
        )
    filters = [where]
    if channel:
        filters.append(Order.channel == channel)
    if status:
        filters.append(Order.status == status)
    when = func.coalesce(Order.paid_at, Order.ordered_at)
    if date_from:
        filters.append(when >= _day_start(date_from))
    if date_to and date_to < date.max:  # the last day has no day after it: no bound
        filters.append(when < _day_start(date_to + timedelta(days=1)))
    base = select(Order.id).outerjoin(Customer, Customer.id == Order.customer_id).where(*filters)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        select(Order, Customer, Store.name)
        .outerjoin(Customer, Customer.id == Order.customer_id)
        .join(Store, Store.id == Order.store_id)
        .where(*filters)
        .order_by(when.desc(), Order.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return OrderLookupPage(
        total=total,
        offset=offset,
        items=[_lookup_row(actor, o, c, store_name) for o, c, store_name in rows],
    )


def order_data(o: Order) -> OrderData:
    return OrderData(
        id=o.id,
        channel=o.channel,
        channel_order_no=o.channel_order_no,
        store_id=o.store_id,
        customer_id=o.customer_id,
        status=o.status,
        amount_cents=o.amount_cents,
        items=o.items or [],
        paid_at=o.paid_at,
        shipped_at=o.shipped_at,
        finished_at=o.finished_at,
        logistics_no=o.logistics_no or "",
    )


def _customer_name(c: Customer | None) -> str:
    if c is None:
        return ""
    return f"{c.name}（{c.remark_name}）" if c.remark_name else c.name


def _lookup_row(actor: Actor, o: Order, c: Customer | None, store_name: str) -> LookupOrder:
    other = is_other_store(actor, o.store_id)
    data = order_data(o)
    if other:  # whose order it is stays with its store
        data = data.model_copy(update={"customer_id": None})
    phone = o.buyer_phone or ""
    owner = c.owner_id if c is not None else None
    return LookupOrder(
        order=data,
        other_store=other,
        store_name=store_name,
        customer_name="" if other else _customer_name(c),
        buyer_name=o.buyer_name or "",
        buyer_phone=phone if shows_buyer_phone(actor, o.store_id, owner) else mask_phone(phone),
        member_no="" if other else (o.member_no or ""),
        logistics_company=o.logistics_company or "",
        ordered_at=o.ordered_at,
    )


def suggestions(
    session: Session, store_id: str, offset: int = 0, limit: int = 50
) -> MatchSuggestionsPage:
    """The store's pending suggested matches of orders still without a customer."""
    limit = max(1, min(limit, MAX_LOOKUP_PAGE))
    where = (
        Order.store_id == store_id,
        Order.customer_id.is_(None),
        OrderMatchSuggestion.status == "pending",
    )
    joined = (
        select(OrderMatchSuggestion, Order, Customer)
        .join(Order, Order.id == OrderMatchSuggestion.order_id)
        .join(Customer, Customer.id == OrderMatchSuggestion.customer_id)
    )
    total = (
        session.scalar(
            select(func.count())
            .select_from(OrderMatchSuggestion)
            .join(Order, Order.id == OrderMatchSuggestion.order_id)
            .where(*where)
        )
        or 0
    )
    rows = session.execute(
        joined.where(*where)
        .order_by(Order.paid_at.desc(), Order.id, OrderMatchSuggestion.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return MatchSuggestionsPage(
        total=total,
        offset=offset,
        items=[
            MatchSuggestion(
                id=s.id,
                order=order_data(o),
                buyer_name=o.buyer_name or "",
                buyer_phone=o.buyer_phone or "",
                customer_id=c.id,
                customer_name=_customer_name(c),
                customer_phone=c.phone or "",
                customer_member_no=c.member_no or "",
                reason=s.reason,
                created_at=s.created_at,
            )
            for s, o, c in rows
        ],
    )


def suggestion_store(session: Session, suggestion_id: str) -> str | None:
    """The store of the suggestion's order (None: no such suggestion)."""
    return session.scalar(
        select(Order.store_id)
        .join(OrderMatchSuggestion, OrderMatchSuggestion.order_id == Order.id)
        .where(OrderMatchSuggestion.id == suggestion_id)
    )


def order_store(session: Session, order_id: str) -> str | None:
    return session.scalar(select(Order.store_id).where(Order.id == order_id))


def _link(session: Session, order: Order, customer_id: str | None) -> None:
    before = order.customer_id
    order.customer_id = customer_id
    session.flush()
    touch(session, "order", order.id, store_scope(order.store_id))
    refresh_customer_figures(session, {i for i in (before, customer_id) if i})


def _close_others(session: Session, order_id: str, keep: str | None, user_id: str) -> int:
    others = session.scalars(
        select(OrderMatchSuggestion).where(
            OrderMatchSuggestion.order_id == order_id,
            OrderMatchSuggestion.status == "pending",
            OrderMatchSuggestion.id != (keep or ""),
        )
    ).all()
    for s in others:
        s.status, s.decided_by, s.decided_at = "rejected", user_id, _now()
    return len(others)


def _pending(session: Session, suggestion_id: str) -> tuple[OrderMatchSuggestion, Order]:
    s = session.get(OrderMatchSuggestion, suggestion_id, with_for_update=True)
    if s is None:
        raise LookupRefused(404, "建议的匹配不存在")
    order = session.get(Order, s.order_id, with_for_update=True)
    if s.status != "pending":
        raise LookupRefused(409, "这条建议已经处理过了")
    if order.customer_id is not None:
        raise LookupRefused(409, "订单已关联客户")
    return s, order


def confirm(session: Session, actor: Actor, suggestion_id: str) -> MatchDecided:
    """Link the order to the suggested customer; the order's other suggestions close."""
    s, order = _pending(session, suggestion_id)
    s.status, s.decided_by, s.decided_at = "confirmed", actor.user_id, _now()
    closed = _close_others(session, order.id, s.id, actor.user_id)
    _link(session, order, s.customer_id)
    return MatchDecided(order=order_data(order), outcome="confirmed", closed_suggestions=closed)


def reject(session: Session, actor: Actor, suggestion_id: str) -> MatchDecided:
    """Not this customer: the suggestion closes, the order stays unmatched."""
    s, order = _pending(session, suggestion_id)
    s.status, s.decided_by, s.decided_at = "rejected", actor.user_id, _now()
    session.flush()
    return MatchDecided(order=order_data(order), outcome="rejected")


def choose_customer(
    session: Session, actor: Actor, order_id: str, customer_id: str
) -> MatchDecided:
    """Link the order to a customer of its store the supervisor picked; pending
    suggestions of the order close."""
    order = session.get(Order, order_id, with_for_update=True)
    if order is None:
        raise LookupRefused(404, "订单不存在")
    customer = session.get(Customer, customer_id)
    if customer is None or customer.store_id != order.store_id:
        raise LookupRefused(422, "客户: 只能选择订单所属门店的客户")
    if order.customer_id == customer_id:
        raise LookupRefused(409, "订单已关联这位客户")
    closed = _close_others(session, order.id, None, actor.user_id)
    _link(session, order, customer_id)
    return MatchDecided(order=order_data(order), outcome="chosen", closed_suggestions=closed)
