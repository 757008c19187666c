"""Duplicate customers in the local cache: the query behind the warning, the
server's flag on the card and in the list, and who may dismiss it."""

from __future__ import annotations

import pytest

from guide_app.domain.errors import Forbidden
from guide_app.services.customers import CustomerQuery, CustomerService
from tests.client.conftest import G1, G2, HQ, OTHER_STORE, SUP, change, customer_data


def test_own_customers_match_on_the_normalised_phone(seeded):
    cache, s = seeded
    found = CustomerService(cache, G1).find_duplicates(phone="+86 138-0000-1234")
    assert [m.id for m in found] == [s["zhangsan"]]
    m = found[0]
    assert (m.name, m.by_phone, m.by_member_no, m.certain) == ("张三", True, False, True)
    assert m.phone_display == "138****1234"  # the warning never shows a whole number
    assert m.owner_name == G1.display_name


def test_a_colleagues_masked_phone_is_a_possible_match_only(seeded):
    """A guide holds other guides' numbers masked (139****5678): the same first
    three and last four digits is all the cache can say."""
    cache, s = seeded
    found = CustomerService(cache, G1).find_duplicates(phone="13912345678")
    assert [(m.id, m.by_phone, m.certain) for m in found] == [(s["lisi"], True, False)]
    assert found[0].owner_name == G2.display_name
    assert CustomerService(cache, G1).find_duplicates(phone="13812345678") == []


def test_member_no_matches_exactly_whoever_owns_the_customer(seeded):
    cache, s = seeded
    found = CustomerService(cache, G1).find_duplicates(member_no=" M0003 ")
    assert [(m.id, m.by_member_no, m.certain) for m in found] == [(s["lisi"], True, True)]
    both = CustomerService(cache, G1).find_duplicates(phone="13800001234", member_no="M0002")
    assert {m.id for m in both} == {s["zhangsan"], s["zhangsisi"]}


def test_the_customer_itself_other_stores_and_empty_input_never_match(seeded):
    cache, s = seeded
    elsewhere = customer_data("别店张三", phone="13800001234", member_no="M0001")
    elsewhere["store_id"] = OTHER_STORE
    cache.apply_pull_page([change("customer", elsewhere)], "cursor-2")
    svc = CustomerService(cache, G1)
    assert svc.find_duplicates(phone="13800001234", exclude_id=s["zhangsan"]) == []
    assert svc.find_duplicates(phone="", member_no="") == []
    assert svc.find_duplicates(phone="12345") == []  # not a phone: validation says so, not this
    hq = CustomerService(cache, HQ)
    assert [m.id for m in hq.find_duplicates(phone="13800001234", store_id=OTHER_STORE)] == [
        elsewhere["id"]
    ]


def test_a_customer_created_here_and_not_yet_uploaded_is_found(seeded):
    cache, _s = seeded
    svc = CustomerService(cache, G1)
    cid = svc.create(name="新客", phone="13600009999")
    assert [m.id for m in svc.find_duplicates(phone="136 0000 9999")] == [cid]


def _flagged(cache, s):
    """王小明 flagged by the server as a duplicate of 张三 (same store)."""
    data = customer_data(
        "王小明",
        id=s["wangxiaoming"],
        remark_name="小明哥",
        phone="13600003333",
        in_group=True,
        duplicate_of=s["zhangsan"],
    )
    cache.apply_pull_page([change("customer", data)], "cursor-3")


def test_the_flag_shows_on_both_cards_and_in_the_duplicates_filter(seeded):
    cache, s = seeded
    _flagged(cache, s)
    svc = CustomerService(cache, SUP)
    card = svc.get(s["wangxiaoming"])
    assert card.duplicate_of is not None and card.duplicate_of.id == s["zhangsan"]
    assert card.duplicate_of.name == "张三" and card.can_dismiss_duplicate
    other = svc.get(s["zhangsan"])
    assert other.duplicate_of is None
    assert [m.id for m in other.duplicated_by] == [s["wangxiaoming"]]
    q = CustomerQuery(mine_only=False, duplicates_only=True)
    assert svc.count(q) == 1 and svc.ids_page(q) == [s["wangxiaoming"]]
    guide_card = CustomerService(cache, G1).get(s["wangxiaoming"])
    assert guide_card.duplicate_of.id == s["zhangsan"] and not guide_card.can_dismiss_duplicate


def test_a_guides_dismiss_is_refused_before_anything_is_written(seeded):
    cache, s = seeded
    _flagged(cache, s)
    before = cache.outbox.count()
    with pytest.raises(Forbidden):
        CustomerService(cache, G1).dismiss_duplicate(s["wangxiaoming"])
    assert cache.outbox.count() == before
    assert CustomerService(cache, G1).get(s["wangxiaoming"]).duplicate_of is not None


def test_a_supervisors_dismiss_clears_the_flag_here_and_queues_it(seeded):
    cache, s = seeded
    _flagged(cache, s)
    svc = CustomerService(cache, SUP)
    svc.dismiss_duplicate(s["wangxiaoming"])
    assert svc.get(s["wangxiaoming"]).duplicate_of is None
    assert svc.count(CustomerQuery(mine_only=False, duplicates_only=True)) == 0
    (m,) = cache.outbox.pending()
    assert (m.entity, m.op, m.entity_id) == ("customer", "dismiss_duplicate", s["wangxiaoming"])
    assert m.fields == {"duplicate_of": s["zhangsan"]}
    # a later pull of the still-flagged row (the server has not seen the dismiss yet)
    # does not bring the banner back while the dismiss is pending
    _flagged(cache, s)
    assert svc.get(s["wangxiaoming"]).duplicate_of is None


def test_the_duplicate_index_exists_in_a_cache_made_before_it(tmp_path):
    """A version 1 cache made before the flag has no index over the row JSON:
    migration step 1→2 adds it in place (no rebuild), and the filter uses it."""
    import sqlite3

    from guide_app.cache.database import open_cache

    path = tmp_path / "old.db"
    cache = open_cache(path)
    cache.close()
    con = sqlite3.connect(path)
    con.execute("DROP INDEX ix_customers_duplicate_of")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    cache = open_cache(path)
    try:
        assert not cache.rebuilt
        with cache.read() as conn:
            plan = " ".join(
                str(r[-1])
                for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id FROM customers c "
                    "WHERE json_extract(c.data, '$.duplicate_of') IS NOT NULL"
                )
            )
        assert "ix_customers_duplicate_of" in plan
    finally:
        cache.close()
