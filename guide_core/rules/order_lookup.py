"""Who finds which orders at the counter, and how they are shown (issue 12, 订单 page).

The cache of a guide's or supervisor's PC holds the store's orders of the last
:data:`CACHE_MONTHS` months; anything else is asked of the server
(``GET /api/v1/orders/lookup``). The server answers with these rules, and the app
uses the same ones to say what it shows:

- HQ finds any order of any store.
- A guide or supervisor finds their own store's orders of any age with any query
  (order no., whole phone or its last 4 digits, member no., name).
- Another store's order only by its exact order no. or the buyer's whole phone (a
  customer at the counter asking about a parcel bought elsewhere), with the buyer's
  phone masked and the order marked as another store's.
- Suggested matches and the unmatched list: HQ any store, a supervisor their own.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import StrEnum

from guide_core.phone import normalize_cn_mobile

from .codes import Code, Refusal, refuse
from .facts import Actor
from .visibility import sees_whole_phone

#: Months of orders a counter PC keeps (older ones are dropped locally, never pushed).
CACHE_MONTHS = 24
#: Longest lookup text the server takes.
MAX_LOOKUP_QUERY = 64
#: Rows per lookup page (most) and furthest offset.
MAX_LOOKUP_PAGE = 100
MAX_LOOKUP_OFFSET = 10_000

_TAIL = re.compile(r"\d{4}")
_ORDER_NO = re.compile(r"[0-9A-Za-z_\-]{3,64}")


class QueryKind(StrEnum):
    """What a lookup text is taken for."""

    EMPTY = "empty"
    PHONE = "phone"  # a whole mainland mobile number
    PHONE_TAIL = "phone_tail"  # 4 digits
    ORDER_NO = "order_no"  # letters/digits: an order no. or a member no.
    TEXT = "text"  # a name


def query_kind(text: str) -> QueryKind:
    """How ``text`` is read: a whole phone, the last 4 digits, an order/member no., a name."""
    q = text.strip()
    if not q:
        return QueryKind.EMPTY
    if normalize_phone(q):
        return QueryKind.PHONE
    if _TAIL.fullmatch(q):
        return QueryKind.PHONE_TAIL
    if _ORDER_NO.fullmatch(q):
        return QueryKind.ORDER_NO
    return QueryKind.TEXT


def normalize_phone(text: str) -> str:
    """The whole mobile number ``text`` is ("" when it is not one)."""
    try:
        return normalize_cn_mobile(text.strip())
    except ValueError:
        return ""


def finds_other_stores(actor: Actor, kind: QueryKind) -> bool:
    """May a lookup of this kind find orders outside the actor's store?

    HQ: always. Others: only an exact order no. or a whole phone."""
    if actor.is_hq:
        return True
    return kind in (QueryKind.ORDER_NO, QueryKind.PHONE)


def is_other_store(actor: Actor, store_id: str) -> bool:
    """An order of a store the actor does not work for (HQ: never)."""
    return not actor.in_store(store_id)


def shows_buyer_phone(actor: Actor, store_id: str, owner_id: str | None) -> bool:
    """The buyer's whole phone as a customer's (``visibility.sees_whole_phone``: the owner
    guide, the store's supervisor, HQ; ``owner_id`` None for an order without a customer),
    never for another store's order; masked otherwise."""
    return actor.in_store(store_id) and sees_whole_phone(actor, owner_id, store_id)


def may_decide_match(actor: Actor, store_id: str | None) -> Refusal | None:
    """Confirm, reject or choose another customer for a store's order: HQ any store,
    the store's supervisor their own; guides never."""
    if actor.is_hq:
        return None
    if actor.role != "supervisor":
        return refuse(Code.FORBIDDEN, "只有总部或店长可以确认订单匹配")
    if store_id != actor.store_id:
        return refuse(Code.OTHER_STORE)
    return None


def cache_cutoff(now: datetime) -> datetime:
    """Orders paid before this are not kept on a counter PC (:data:`CACHE_MONTHS` months)."""
    year, month = divmod(now.year * 12 + now.month - 1 - CACHE_MONTHS, 12)
    month += 1
    day = min(now.day, _days_in(year, month))
    return now.replace(year=year, month=month, day=day)


def _days_in(year: int, month: int) -> int:
    nxt = datetime(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day
