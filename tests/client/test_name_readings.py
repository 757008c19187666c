"""Names with more than one reading: found by every reading, sorted by the surname's.

Runs through the real cache, the contacts list query and the search page's
searcher, with names whose first character reads differently as a surname.
"""

from __future__ import annotations

import sqlite3

import pytest
from pypinyin import Style, pinyin

from guide_app.cache import migrations
from guide_app.cache.database import open_cache
from guide_app.cache.pinyin_index import COMPOUND_SURNAMES, SURNAMES, name_readings, pinyin_of
from guide_app.search.engine import search
from guide_app.services.customer_query import CustomerQuery
from guide_app.services.customers import CustomerService

from .conftest import G1, change, customer_data, seed_changes

#: (name, what a guide types) — each must find the name in the list and in search.
TYPED = [
    ("曾慧瑶", "zeng"),
    ("曾慧瑶", "zhy"),
    ("曾慧瑶", "ceng"),  # the everyday reading still finds her
    ("曾慧瑶", "zenghuiyao"),
    ("单田芳", "shan"),
    ("单田芳", "stf"),
    ("仇英", "qiuying"),
    ("仇英", "qy"),
    ("解缙", "xiejin"),
    ("朴树", "piao"),
    ("区志杰", "ouzhijie"),
    ("区志杰", "ozj"),
    ("查良镛", "zhaliang"),
    ("尉迟恭", "yuchi"),
    ("尉迟恭", "ycg"),
    ("万俟卨", "moqi"),
    ("长孙无忌", "zhangsun"),
    ("乐嘉", "yuejia"),
    ("翟天临", "zhai"),
    ("盖聂", "ge"),
]

READINGS_STEP = next(st for st in migrations.STEPS if st.apply is migrations._surname_readings)

#: In the order a person expects: by the surname's reading (曾 is zeng, among the z's).
SORTED = ["曹操", "程咬金", "区志杰", "单田芳", "解缙", "曾慧瑶", "张小凡", "赵子龙"]


@pytest.fixture
def named(cache):
    rows, _ = seed_changes()
    cache.apply_pull_page(rows, "c1")
    names = sorted({n for n, _ in TYPED} | set(SORTED))
    cache.apply_pull_page([change("customer", customer_data(n)) for n in names], "c2")
    return cache


@pytest.mark.parametrize(("name", "typed"), TYPED)
def test_every_reading_finds_the_name(named, name, typed):
    listed = CustomerService(named, G1).page(CustomerQuery(mine_only=True, text=typed), limit=50)
    assert name in [r.name for r in listed]
    hits = search(named, G1, typed, kinds=("customer",))
    found = [h.title for g in hits.groups for h in g.hits]
    assert name in found


def test_the_list_sorts_by_the_surname_reading(named):
    rows = CustomerService(named, G1).page(
        CustomerQuery(mine_only=True, sort_key="name"), limit=500
    )
    order = [r.name for r in rows if r.name in SORTED]
    assert order == SORTED


def test_the_surname_table_only_names_real_readings():
    """A typo in the table (a reading the character does not have) would silently mis-sort."""
    for ch, reading in SURNAMES.items():
        assert reading in pinyin(ch, style=Style.NORMAL, heteronym=True)[0], ch
    for pair, readings in COMPOUND_SURNAMES.items():
        for ch, reading in zip(pair, readings, strict=True):
            assert reading in pinyin(ch, style=Style.NORMAL, heteronym=True)[0], pair


def test_readings_are_bounded_for_long_names():
    assert len(name_readings("重乐单解朴区查曾仇翟盖种" * 5)) <= 16
    assert pinyin_of("Amy王") == ("amywang", "aw")  # Latin runs stay one word


def test_an_older_cache_gets_the_readings_by_migration(tmp_path):
    """A cache written before (everyday reading only, no reading keys) is fixed in place."""
    path = tmp_path / "c.db"
    cache = open_cache(path)
    rows, _ = seed_changes()
    cache.apply_pull_page([*rows, change("customer", customer_data("曾慧瑶", id="c-zeng"))], "c1")
    outbox_before = cache.outbox.count()
    cache.close()
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "UPDATE customers SET pinyin = 'cenghuiyao', initials = 'chy' WHERE id = 'c-zeng'"
        )
        con.execute(
            "DELETE FROM customer_search_keys WHERE customer_id = 'c-zeng' AND key GLOB '[a-z]*'"
        )
        con.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'",
            (str(READINGS_STEP.from_version),),  # the version before the readings step
        )
    con.close()
    cache = open_cache(path)
    try:
        assert (
            not cache.rebuilt and cache.cursor() == "c1" and cache.outbox.count() == outbox_before
        )
        with cache.read() as conn:
            assert conn.exec_driver_sql(
                "SELECT pinyin, initials FROM customers WHERE id = 'c-zeng'"
            ).one() == (
                "zenghuiyao",
                "zhy",
            )
        listed = CustomerService(cache, G1).page(CustomerQuery(mine_only=True, text="ceng"))
        assert [r.name for r in listed] == ["曾慧瑶"]
    finally:
        cache.close()
