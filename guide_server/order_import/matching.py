"""Which customer an order belongs to: member no., then whole phone; a masked phone and
the buyer's name only *suggest* one.

1. Member no. equal to a customer's → that customer (one of the order's store first).
2. A whole phone (11 digits) equal to a customer's → that customer, one of the order's
   store first, then one not flagged as a duplicate, then the earliest.
3. A masked phone (``138****5678``) and a name equal to a customer's name whose phone has
   the same first 3 and last 4 digits → a suggestion for each such customer (at most
   :data:`MAX_SUGGESTIONS`), never a link: a supervisor confirms or rejects it.

All lookups of a batch are three ``IN`` queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_server.models import Customer
from guide_server.order_import.assemble import Assembled

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Candidate:
    id: str
    store_id: str
    duplicate: bool
    created: str


@dataclass
class Match:
    customer_id: str | None = None
    customer_store_id: str | None = None
    how: str = ""  # member_no | phone
    suggestions: list[tuple[str, str]] = field(default_factory=list)  # (customer id, reason)


def _pick(found: list[Candidate], store_id: str | None) -> Candidate:
    return min(found, key=lambda c: (c.store_id != store_id, c.duplicate, c.created, c.id))


def match_orders(session: Session, orders: list[tuple[Assembled, str | None]]) -> list[Match]:
    """A :class:`Match` per ``(order, its store id or None)``, in the same order."""
    members = {o.member_no for o, _ in orders if o.member_no}
    phones = {o.phone for o, _ in orders if o.phone and not o.masked}
    names = {o.buyer_name for o, _ in orders if o.phone and o.masked and o.buyer_name}
    by_member: dict[str, list[Candidate]] = defaultdict(list)
    by_phone: dict[str, list[Candidate]] = defaultdict(list)
    by_name: dict[str, list[tuple[Candidate, str]]] = defaultdict(list)
    cols = (
        Customer.id,
        Customer.store_id,
        Customer.duplicate_of,
        Customer.created_at,
        Customer.member_no,
        Customer.phone,
        Customer.name,
    )
    if members:
        for row in session.execute(select(*cols).where(Customer.member_no.in_(members))):
            by_member[row.member_no].append(_candidate(row))
    if phones:
        for row in session.execute(select(*cols).where(Customer.phone.in_(phones))):
            by_phone[row.phone].append(_candidate(row))
    if names:
        for row in session.execute(select(*cols).where(Customer.name.in_(names))):
            by_name[row.name].append((_candidate(row), row.phone or ""))
    out: list[Match] = []
    for order, store_id in orders:
        match = Match()
        found = by_member.get(order.member_no) if order.member_no else None
        if found:
            c = _pick(found, store_id)
            match.customer_id, match.customer_store_id, match.how = c.id, c.store_id, "member_no"
        elif order.phone and not order.masked and by_phone.get(order.phone):
            c = _pick(by_phone[order.phone], store_id)
            match.customer_id, match.customer_store_id, match.how = c.id, c.store_id, "phone"
        elif order.masked and order.buyer_name:
            head, tail = order.phone[:3], order.phone[-4:]
            hits = [
                c
                for c, phone in by_name.get(order.buyer_name, ())
                if len(phone) == 11 and phone.startswith(head) and phone.endswith(tail)
            ]
            hits.sort(key=lambda c: (c.store_id != store_id, c.duplicate, c.created, c.id))
            match.suggestions = [
                (c.id, f"手机号 {order.phone} 与姓名「{order.buyer_name}」相符")
                for c in hits[:MAX_SUGGESTIONS]
            ]
        out.append(match)
    return out


def _candidate(row) -> Candidate:
    return Candidate(row.id, row.store_id, row.duplicate_of is not None, str(row.created_at or ""))
