"""Contacts list in SQL: tag filters (OR within, AND across), stage, level, sort, paging."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from guide_app.domain.errors import ValidationFailed
from guide_app.services.customers import CustomerQuery, CustomerService

from .conftest import G1, SUP, change, customer_data


def _names(svc, **q):
    return [r.name for r in svc.page(CustomerQuery(**q), 0, 100)]


def test_mine_only_and_owner_filter(seeded):
    cache, _ = seeded
    svc = CustomerService(cache, G1)
    assert set(_names(svc)) == {"张三", "张思思", "王小明", "Amy王😊"}
    assert _names(svc, mine_only=False, owner_id="u-g2") == ["李四"]
    assert svc.count(CustomerQuery()) == 4 and svc.count(CustomerQuery(mine_only=False)) == 5


def test_tag_filter_is_or_within_a_group_and_across_groups(seeded):
    cache, _ = seeded
    svc = CustomerService(cache, SUP)
    assert set(_names(svc, mine_only=False, tag_ids_by_group={"tg-int": {"t-yoga", "t-run"}})) == {
        "张三",
        "张思思",
        "王小明",
    }
    both = _names(
        svc, mine_only=False, tag_ids_by_group={"tg-int": {"t-yoga", "t-run"}, "tg-sex": {"t-f"}}
    )
    assert set(both) == {"张三", "张思思"}
    assert _names(
        svc, mine_only=False, tag_ids_by_group={"tg-int": {"t-yoga"}, "tg-sex": {"t-f"}}
    ) == ["张三"]
    assert _names(svc, mine_only=False, tag_ids_by_group={"tg-int": {"t-makeup"}}) == []
    # an empty selection in a group does not filter
    assert svc.count(CustomerQuery(mine_only=False, tag_ids_by_group={"tg-int": set()})) == 5


def test_level_in_group_birthday_and_text_filters(seeded):
    cache, _ = seeded
    svc = CustomerService(cache, SUP)
    assert set(_names(svc, mine_only=False, levels={"gold", "black"})) == {"张三", "Amy王😊"}
    assert _names(svc, mine_only=False, in_group=True) == ["王小明"]
    assert len(_names(svc, mine_only=False, in_group=False)) == 4
    month_born = customer_data(
        "本月寿星", birthday=date.today().replace(day=1, year=1990).isoformat()
    )
    cache.apply_pull_page([change("customer", month_born)], "c2")
    assert "本月寿星" in _names(svc, mine_only=False, birthday_this_month=True)
    assert set(_names(svc, mine_only=False, text="zs")) == {"张三", "张思思"}  # initials prefix
    assert _names(svc, mine_only=False, text="zhangsan") == ["张三"]
    assert set(_names(svc, mine_only=False, text="张")) == {"张三", "张思思"}
    assert _names(svc, mine_only=False, text="5678") == ["李四"]
    assert _names(svc, mine_only=False, text="小明") == ["王小明"]


def test_stage_filter_and_sort_follow_the_thresholds(cache):
    today = date.today()
    days = lambda n: (today - timedelta(days=n)).isoformat()  # noqa: E731
    rows = [
        customer_data("新客", member_since=days(5), order_count=1),
        customer_data(
            "活跃",
            member_since=days(400),
            last_purchase_at=days(10) + "T12:00:00+08:00",
            order_count=3,
        ),
        customer_data(
            "沉睡", member_since=days(400), last_purchase_at=days(120) + "T12:00:00Z", order_count=3
        ),
        customer_data(
            "流失", member_since=days(900), last_purchase_at=days(400) + "T00:00:00Z", order_count=1
        ),
        customer_data("从未购买", member_since=days(200)),
    ]
    cache.apply_pull_page([change("customer", r) for r in rows], "c1")
    svc = CustomerService(cache, G1)
    by_name = {r.name: r.stage for r in svc.page(CustomerQuery(), 0, 10)}
    assert by_name == {
        "新客": "new",
        "活跃": "active",
        "沉睡": "dormant",
        "流失": "lost",
        "从未购买": "lost",
    }
    assert _names(svc, stages={"dormant"}) == ["沉睡"]
    assert set(_names(svc, stages={"new", "active"})) == {"新客", "活跃"}
    assert _names(svc, sort_key="stage")[:2] == ["新客", "活跃"]
    assert _names(svc, sort_key="last_purchase_at", sort_desc=True)[:3] == ["活跃", "沉睡", "流失"]
    # never purchased sorts last in both directions
    assert _names(svc, sort_key="last_purchase_at")[-2:] == ["从未购买", "新客"] or _names(
        svc, sort_key="last_purchase_at"
    )[-2:] == ["新客", "从未购买"]


def test_sort_by_name_is_pinyin_and_paging_is_stable(cache):
    names = ["张三", "阿强", "王五", "李四", "赵六", "钱七", "孙八", "周九", "吴十", "郑一"]
    cache.apply_pull_page([change("customer", customer_data(n)) for n in names], "c1")
    svc = CustomerService(cache, G1)
    ordered = _names(svc)
    assert ordered[0] == "阿强" and ordered[-1] == "周九"
    assert _names(svc, sort_desc=True) == list(reversed(ordered))
    pages = [r.name for off in range(0, 10, 3) for r in svc.page(CustomerQuery(), off, 3)]
    assert pages == ordered
    assert svc.ids_page(CustomerQuery(), 2, 2) == [r.id for r in svc.page(CustomerQuery(), 2, 2)]


def test_sort_by_level_and_owner(seeded):
    cache, _ = seeded
    svc = CustomerService(cache, SUP)
    assert _names(svc, mine_only=False, sort_key="level", sort_desc=True)[:2] == ["Amy王😊", "张三"]
    assert _names(svc, mine_only=False, sort_key="owner_name", sort_desc=True)[0] == "李四"


def test_unknown_sort_key_is_refused(seeded):
    cache, _ = seeded
    with pytest.raises(ValidationFailed):
        CustomerService(cache, G1).page(CustomerQuery(sort_key="data; DROP TABLE customers"))


def test_rows_carry_visible_tags_only(seeded):
    cache, s = seeded
    (lisi,) = CustomerService(cache, SUP).page(CustomerQuery(mine_only=False, text="李四"))
    assert lisi.tags == []  # its only tag is in a group visible to HQ
    from .conftest import HQ

    (lisi,) = CustomerService(cache, HQ).page(CustomerQuery(mine_only=False, text="李四"))
    assert [t.name for t in lisi.tags] == ["重点"]
