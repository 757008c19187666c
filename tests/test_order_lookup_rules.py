"""guide_core.rules.order_lookup: how a lookup text is read, who finds another store's
order, whose buyer phone is whole, who decides matches, and the cache's 24-month window."""

from __future__ import annotations

from datetime import datetime

from guide_core.rules.codes import Code
from guide_core.rules.facts import Actor
from guide_core.rules.order_lookup import (
    QueryKind,
    cache_cutoff,
    finds_other_stores,
    may_decide_match,
    query_kind,
    shows_buyer_phone,
)

GUIDE = Actor("guide", "g1", "s1")
MANAGER = Actor("supervisor", "m1", "s1")
HQ = Actor("hq", "h1")


def test_query_kinds():
    assert query_kind("  ") is QueryKind.EMPTY
    assert query_kind("138 1234 5678") is QueryKind.PHONE
    assert query_kind("+8613812345678") is QueryKind.PHONE
    assert query_kind("5678") is QueryKind.PHONE_TAIL
    assert query_kind("TB2026000123") is QueryKind.ORDER_NO
    assert query_kind("2653226902901") is QueryKind.ORDER_NO  # digits, not a phone
    assert query_kind("张三") is QueryKind.TEXT


def test_other_stores_only_by_exact_number_or_whole_phone():
    for actor in (GUIDE, MANAGER):
        assert finds_other_stores(actor, QueryKind.ORDER_NO)
        assert finds_other_stores(actor, QueryKind.PHONE)
        assert not finds_other_stores(actor, QueryKind.PHONE_TAIL)
        assert not finds_other_stores(actor, QueryKind.TEXT)
    assert finds_other_stores(HQ, QueryKind.TEXT)


def test_buyer_phone_whole_as_a_customers_phone():
    assert shows_buyer_phone(GUIDE, "s1", "g1")
    assert not shows_buyer_phone(GUIDE, "s1", "g2")  # a colleague's customer
    assert not shows_buyer_phone(GUIDE, "s1", None)
    assert shows_buyer_phone(MANAGER, "s1", None)
    assert not shows_buyer_phone(MANAGER, "s2", "x")  # another store's
    assert shows_buyer_phone(HQ, "s2", None)


def test_who_decides_matches():
    assert may_decide_match(HQ, "s2") is None
    assert may_decide_match(MANAGER, "s1") is None
    assert may_decide_match(MANAGER, "s2").code == Code.OTHER_STORE
    assert may_decide_match(GUIDE, "s1").code == Code.FORBIDDEN


def test_cache_window_is_24_months():
    assert cache_cutoff(datetime(2026, 12, 2, 9, 30)) == datetime(2024, 12, 2, 9, 30)
    assert cache_cutoff(datetime(2026, 2, 28)) == datetime(2024, 2, 28)
    assert cache_cutoff(datetime(2028, 2, 29)) == datetime(2026, 2, 28)
    assert cache_cutoff(datetime(2026, 1, 31)) == datetime(2024, 1, 31)
