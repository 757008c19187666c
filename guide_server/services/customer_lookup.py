"""HQ's online view of customers across stores (``/admin/customers``).

HQ's counter app holds no store's customers (issue 9): it asks here. Read-only and
HQ-only (the route's ``HqDep``); rows go out in the pulled row's shape
(``serialize.to_data``, so the phone rule is the pull's: whole for HQ).

Matching (``q``, stripped): a name or remark name containing it; a member no.
starting with it; and, when it is all digits (spaces and dashes ignored), a phone
ending in it (the last 4 digits at the counter) or equal to it. Ordered by name,
then id; paged by ``offset``/``limit`` (one row more is read to know ``has_more``).
"""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from guide_core.protocol import (
    CARD_RECENT,
    FollowUpData,
    OrderData,
    RemoteCustomer,
    RemoteCustomerCard,
    RemoteCustomerPage,
    RemoteCustomerTag,
)
from guide_server.db import Database
from guide_server.models import Customer, CustomerTag, FollowUp, Order, Store, Tag, TagGroup, User
from guide_server.reader import Reader
from guide_server.sync.serialize import to_data

_DIGITS = re.compile(r"^[0-9][0-9 \-]*$")


class UnknownCustomer(LookupError):
    """404: no customer with that id."""


class UnknownStore(LookupError):
    """404: a store filter naming no store."""


def _like(text: str) -> str:
    """``text`` for a LIKE pattern, its wildcards taken literally (escape ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _match(q: str):
    needle = _like(q)
    terms = [
        Customer.name.ilike(f"%{needle}%", escape="\\"),
        Customer.remark_name.ilike(f"%{needle}%", escape="\\"),
        Customer.member_no.ilike(f"{needle}%", escape="\\"),
    ]
    if _DIGITS.match(q):
        digits = re.sub(r"[ \-]", "", q)
        terms.append(Customer.phone == digits)
        terms.append(Customer.phone.like(f"%{digits}"))
    return or_(*terms)


def _remote(reader: Reader, customer: Customer, store: Store | None, owner: str | None):
    return RemoteCustomer(
        customer=to_data("customer", customer, reader),
        store_code=store.code if store else "",
        store_name=store.name if store else "",
        owner_name=owner or "",
    )


def search_customers(
    db: Database, reader: Reader, q: str, store_id: str | None, offset: int, limit: int
) -> RemoteCustomerPage:
    """One page of customers of any store (or of ``store_id``) matching ``q``."""
    q = q.strip()
    with db.read() as session:
        if store_id is not None and session.get(Store, store_id) is None:
            raise UnknownStore(store_id)
        stmt = (
            select(Customer, Store, User.display_name)
            .join(Store, Store.id == Customer.store_id)
            .outerjoin(User, User.id == Customer.owner_id)
        )
        if store_id is not None:
            stmt = stmt.where(Customer.store_id == store_id)
        if q:
            stmt = stmt.where(_match(q))
        # Name order walks ix_customer_(store_)name_id and stops after a page; digits match
        # few customers (a phone's tail), found faster by a scan and a sort of the matches,
        # so the order is written as an expression no index serves (same order).
        name = func.coalesce(Customer.name, "") if _DIGITS.match(q) else Customer.name
        stmt = stmt.order_by(name, Customer.id).offset(offset).limit(limit + 1)
        rows = session.execute(stmt).all()
        found = [_remote(reader, c, s, owner) for c, s, owner in rows[:limit]]
    return RemoteCustomerPage(customers=found, offset=offset, has_more=len(rows) > limit)


def customer_card(db: Database, reader: Reader, customer_id: str) -> RemoteCustomerCard:
    """One customer with tags, newest follow-ups and orders (:data:`CARD_RECENT` each)."""
    with db.read() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(customer_id)
        store = session.get(Store, customer.store_id)
        owner = session.get(User, customer.owner_id) if customer.owner_id else None
        return RemoteCustomerCard(
            customer=_remote(reader, customer, store, owner.display_name if owner else None),
            tags=_tags(session, customer_id),
            follow_ups=[
                FollowUpData.model_validate(to_data("follow_up", f, reader))
                for f in session.scalars(
                    select(FollowUp)
                    .where(FollowUp.customer_id == customer_id)
                    .order_by(FollowUp.at.desc(), FollowUp.id)
                    .limit(CARD_RECENT)
                )
            ],
            orders=[
                OrderData.model_validate(to_data("order", o, reader))
                for o in session.scalars(
                    select(Order)
                    .where(Order.customer_id == customer_id)
                    .order_by(Order.paid_at.desc().nulls_last(), Order.id)
                    .limit(CARD_RECENT)
                )
            ],
        )


def _tags(session: Session, customer_id: str) -> list[RemoteCustomerTag]:
    rows = session.execute(
        select(Tag, TagGroup)
        .join(CustomerTag, CustomerTag.tag_id == Tag.id)
        .outerjoin(TagGroup, TagGroup.id == Tag.group_id)
        .where(CustomerTag.customer_id == customer_id)
        .order_by(TagGroup.sort, TagGroup.id, Tag.sort, Tag.id)
    ).all()
    return [
        RemoteCustomerTag(
            tag_id=t.id,
            name=t.name,
            color=t.color,
            group_id=t.group_id,
            group_name=g.name if g else "",
        )
        for t, g in rows
    ]
