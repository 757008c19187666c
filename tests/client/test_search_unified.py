"""Unified search: pinyin, initials, phone tail, member and order numbers, short queries."""

from __future__ import annotations

from guide_app.search import lookup_code, search

from .conftest import G1, G2, change, customer_data


def _hits(cache, text, kind, user=G1):
    return [h for g in search(cache, user, text).groups if g.kind == kind for h in g.hits]


def _titles(cache, text, kind, user=G1):
    return [h.title for h in _hits(cache, text, kind, user)]


def test_initials_and_full_pinyin(seeded):
    cache, _ = seeded
    assert _titles(cache, "zs", "customer") == ["张三", "张思思"]  # exact initials first
    assert _titles(cache, "ZS", "customer")[0] == "张三"
    assert _titles(cache, "zhangsan", "customer") == ["张三"]
    assert _titles(cache, "zhang", "customer") == ["张三", "张思思"]
    assert _titles(cache, "wxm", "customer") == ["王小明（小明哥）"]


def test_phone_suffix_matches_masked_phones_too(seeded):
    cache, s = seeded
    (hit,) = _hits(cache, "1234", "customer")
    assert hit.id == s["zhangsan"] and "13800001234" in hit.subtitle
    (hit,) = _hits(cache, "5678", "customer")  # another guide's customer, masked in the cache
    assert hit.id == s["lisi"] and "139****5678" in hit.subtitle
    (hit,) = _hits(cache, "1234", "customer", user=G2)
    assert "138****1234" in hit.subtitle  # not G2's customer: masked in results
    assert _titles(cache, "13800001234", "customer") == ["张三"]


def test_member_and_order_numbers(seeded):
    cache, s = seeded
    (hit,) = _hits(cache, "M0001", "customer")
    assert hit.score == 100 and hit.id == s["zhangsan"]
    assert set(_titles(cache, "M000", "customer")) == {"张三", "张思思", "李四"}
    (order,) = _hits(cache, "TM20261101001", "order")
    assert (
        order.id == "o-1"
        and order.score == 100
        and "天猫" in order.title
        and "张三" in order.subtitle
    )
    assert _titles(cache, "tm2026110", "order") == ["天猫 TM20261101001"]
    assert _titles(cache, "羊绒围", "order") == ["天猫 TM20261101001"]


def test_two_and_one_character_chinese_queries(seeded):
    cache, _ = seeded
    assert _titles(cache, "小明", "customer") == ["王小明（小明哥）"]  # substring of the name
    assert _titles(cache, "思思", "customer") == ["张思思"]
    assert _titles(cache, "张", "customer") == ["张三", "张思思"]
    assert _titles(cache, "回访", "task") == ["周末会员回访"]
    assert _titles(cache, "生日", "script") == ["生日祝福"]


def test_script_body_substring_and_materials(seeded):
    cache, _ = seeded
    assert _titles(cache, "专属礼品", "script") == ["生日祝福"]
    assert _titles(cache, "双十二", "material") == ["双十二海报"]
    assert _titles(cache, "全场满减", "material") == ["双十二海报"]


def test_ranking_exact_before_prefix_before_substring(cache):
    rows = [customer_data(n) for n in ("王芳", "王芳芳", "李王芳")]
    cache.apply_pull_page([change("customer", r) for r in rows], "c1")
    hits = _hits(cache, "王芳", "customer")
    assert [h.title for h in hits] == ["王芳", "王芳芳", "李王芳"]
    assert hits[0].score > hits[1].score > hits[2].score


def test_odd_input_is_harmless(seeded):
    cache, _ = seeded
    for text in ['"', "' OR 1=1 --", "NEAR(a b)", "*", '张三"', "%", "_", "\\", "  ", "😊" * 500]:
        search(cache, G1, text)  # no exception
    assert not search(cache, G1, "   ")
    assert search(cache, G1, "ｍ０００１").groups[0].hits[0].title == "张三"  # full-width input


def test_lookup_code_for_a_scanner(seeded):
    cache, s = seeded
    hit = lookup_code(cache, " M0001\n")
    assert hit.kind == "customer" and hit.id == s["zhangsan"]
    hit = lookup_code(cache, "tm20261101001")
    assert hit.kind == "order" and hit.id == "o-1"
    assert lookup_code(cache, "M00") is None and lookup_code(cache, "") is None


def test_short_queries_on_content_follow_updates_and_tombstones(seeded):
    cache, _ = seeded
    assert _titles(cache, "关怀", "script") == ["生日祝福"]  # a keyword
    cache.apply_pull_page(
        [change("script", {"id": "sc-1", "title": "节日问候", "body": "节日快乐", "keywords": []})],
        "c2",
    )
    assert _titles(cache, "生日", "script") == [] and _titles(cache, "关怀", "script") == []
    assert _titles(cache, "问候", "script") == ["节日问候"]
    cache.apply_pull_page([change("script", None, id="sc-1", deleted=True)], "c3")
    assert _titles(cache, "问候", "script") == [] and _titles(cache, "节日快", "script") == []
