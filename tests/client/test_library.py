"""The library service (session.library) over a cache of pulled rows: search, answers,
render, sensitive words, uses and recent, favourites, personal scripts and suggestions."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from guide_app.cache.database import open_cache
from guide_app.cache.tables import SCHEMA_VERSION
from guide_app.changes import ChangeStream
from guide_app.domain.errors import Forbidden, NotFound, ValidationFailed
from guide_app.search import search as unified_search
from guide_app.services.library import LibraryService
from guide_core.protocol import Change, favorite_id
from guide_core.rules import Code

from .conftest import G1, G2, HQ, STORE, applied, change, rejected, seed_changes

TODAY = date(2026, 11, 23)


def _script(sid: str, title: str, body: str = "正文", keywords=(), **extra) -> Change:
    return change(
        "script", {"id": sid, "title": title, "body": body, "keywords": list(keywords), **extra}
    )


@pytest.fixture
def library(seeded):
    cache, s = seeded
    cache.apply_pull_page(
        [
            _script(
                "sc-mian", "敏感肌面霜推荐", "{称呼|亲}，这款面霜温和不刺激。", ["敏感肌", "面霜"]
            ),
            _script("sc-use", "面霜使用方法", "先洁面，再取黄豆大小的面霜。", ["护肤"]),
            _script("sc-body", "换季护肤", "换季时记得给肌肤补水，面霜要厚涂。"),
            _script("sc-old", "去年的面霜活动", "已结束", valid_to="2026-11-22"),
            _script("sc-soon", "明年的面霜活动", "还没开始", valid_from="2026-11-24"),
            _script("sc-last", "最后一天的面霜活动", "今天截止", valid_to="2026-11-23"),
            change(
                "material",
                {
                    "id": "mt-cream",
                    "kind": "moments",
                    "title": "面霜朋友圈",
                    "text": "冬季补水必备",
                },
            ),
        ],
        "c-lib",
    )
    return cache, s, LibraryService(cache, G1, today=lambda: TODAY)


def _ids(hits):
    return [h.id for h in hits]


def test_search_finds_chinese_pinyin_and_initials_title_first(library):
    cache, _, lib = library
    by_chinese = lib.search("面霜")
    # title starts with > title contains (shorter first) > body; expired and future ones left out
    assert _ids(by_chinese)[:3] == ["mt-cream", "sc-use", "sc-mian"]
    assert set(_ids(by_chinese)) == {"sc-use", "mt-cream", "sc-mian", "sc-last", "sc-body"}
    assert _ids(by_chinese)[-1] == "sc-body"
    assert by_chinese[0].title_spans == [(0, 2)]
    mian = by_chinese[2]
    assert mian.title_spans == [(3, 5)] and mian.title[3:5] == "面霜"
    body = by_chinese[-1]
    assert body.title_spans == [] and [body.snippet[a:b] for a, b in body.snippet_spans] == ["面霜"]
    assert by_chinese[0].kind == "material" and by_chinese[0].material_kind == "moments"
    for typed in ("mianshuang", "mians", "ms", "MS", "mian shuang"):
        hits = lib.search(typed)
        assert _ids(hits)[:3] == ["mt-cream", "sc-use", "sc-mian"], typed
        mian = next(h for h in hits if h.id == "sc-mian")
        assert mian.title[slice(*mian.title_spans[0])] == "面霜", typed
    assert _ids(lib.search("mgj")) == ["sc-mian"]  # initials of the title (and keyword)
    assert _ids(lib.search("敏感肌面霜")) == ["sc-mian"]
    assert "sc-mian" in _ids(lib.search("面"))  # one character
    assert _ids(lib.search("护肤")) == ["sc-body", "sc-use"]  # title before keyword
    assert _ids(lib.search("黄豆大小")) == ["sc-use"]  # body only
    assert _ids(lib.search("面霜 补水")) == ["mt-cream", "sc-body"]  # every word, anywhere
    assert lib.search("") == [] and lib.search("😊" * 50) == [] and lib.search('"*') == []


def test_expired_content_follows_the_clients_date_and_removals(library):
    cache, _, lib = library
    later = LibraryService(cache, G1, today=lambda: date(2026, 11, 24))
    assert "sc-soon" in _ids(later.search("面霜活动")) and "sc-last" not in _ids(
        later.search("面霜活动")
    )
    assert _ids(lib.search("面霜活动")) == ["sc-last"]
    assert "sc-old" not in [s.id for s in lib.scripts(limit=100)]
    cache.apply_pull_page([change("script", None, id="sc-use", deleted=True)], "c-gone")
    assert "sc-use" not in _ids(lib.search("面霜")) and lib.script("sc-use") is None
    cache.apply_pull_page([_script("sc-mian", "晚霜推荐", "改了")], "c-edit")
    assert "sc-mian" not in _ids(lib.search("面霜")) and _ids(lib.search("wanshuang")) == [
        "sc-mian"
    ]


def test_the_unified_search_uses_the_library_search(library):
    cache, _, _ = library
    groups = {g.kind: g for g in unified_search(cache, G1, "mianshuang").groups}
    assert [h.id for h in groups["script"].hits][:2] == ["sc-use", "sc-mian"]
    assert "sc-old" not in [h.id for h in groups["script"].hits]
    assert [h.id for h in groups["material"].hits] == ["mt-cream"]
    assert groups["material"].hits[0].subtitle.startswith("朋友圈")


def test_answers_rank_the_script_for_a_pasted_message(library):
    _, _, lib = library
    hits = lib.answers("有没有适合敏感肌的面霜？")
    assert hits[0].id == "sc-mian" and hits[0].title_spans == [(0, 5)]
    assert all(h.kind == "script" for h in hits) and "sc-old" not in _ids(hits)
    assert _ids(lib.answers("取多少？黄豆大小吗"))[0] == "sc-use"  # only its body says so
    assert lib.answers("") == [] and lib.answers("？！") == []


def test_render_fills_the_customer_guide_and_store_from_the_cache(library):
    cache, s, lib = library
    cache.apply_pull_page(
        [
            _script(
                "sc-vars",
                "变量",
                "{称呼}，我是{门店}的{导购}。{会员等级}会员{会员号}，{生日}，{上次购买}。{兴趣|您}{未知}",
                items=[
                    {"kind": "text", "text": "{姓名}的专属礼品"},
                    {"kind": "material", "material_id": "mt-1"},
                ],
            )
        ],
        "c-vars",
    )
    r = lib.render("sc-vars", s["zhangsan"])
    assert r.text == "张三，我是静安店的导购小林。金卡会员M0001，11月5日，11月1日。您{未知}"
    assert r.missing == ["未知"] and [r.text[a:b] for a, b in r.missing_spans] == ["{未知}"]
    assert not r.complete and r.script.id == "sc-vars"
    assert [i.text for i in r.items] == ["张三的专属礼品", ""] and r.items[1].material_id == "mt-1"
    no_customer = lib.render("sc-mian")
    assert no_customer.text.startswith("亲，") and no_customer.complete
    with pytest.raises(NotFound):
        lib.render("sc-nope")
    with pytest.raises(NotFound):
        lib.render("sc-mian", "no-such-customer")
    cache.apply_pull_page([_script("sc-bad", "坏", "最便宜的{称呼")], "c-bad")
    with pytest.raises(ValidationFailed) as err:
        lib.render("sc-bad")
    assert err.value.field == "body" and "第1行" in err.value.message


def test_sensitive_words_one_matcher_rebuilt_when_the_words_change(seeded):
    cache, _ = seeded
    stream = ChangeStream()
    lib = LibraryService(cache, G1, changes=stream)
    first = lib.words.matcher()
    check = lib.check_text("全网最便宜，保证")
    assert check.blocked and check.words() == ["最便宜", "保证"]
    assert lib.words.matcher() is first  # built once
    cache.apply_pull_page(
        [change("sensitive_word", {"id": "sw-3", "word": "第一", "severity": "block"})], "c-w"
    )
    stream.publish({"sensitive_word"}, local=False)
    assert lib.words.matcher() is not first and lib.check_text("全国第一").blocked
    # without a change stream the rows' count and versions tell
    plain = LibraryService(cache, G1)
    m = plain.words.matcher()
    assert plain.words.matcher() is m
    cache.apply_pull_page([change("sensitive_word", None, id="sw-1", deleted=True)], "c-w2")
    assert not plain.check_text("最便宜").blocked and plain.words.matcher() is not m
    cache.apply_pull_page([_script("sc-w", "话术", "{称呼}这是全国第一的产品")], "c-w3")
    r = plain.render("sc-w")
    assert r.blocked and [r.text[h.start : h.end] for h in r.check.hits] == ["第一"]


def test_a_use_is_queued_with_time_and_customer_and_feeds_recent(library):
    cache, s, lib = library
    lib.record_use("script", "sc-mian", s["zhangsan"])
    lib.record_use("material", "mt-cream")
    lib.record_use("script", "sc-use")
    lib.record_use("script", "sc-mian")
    assert lib.recent() == [("script", "sc-mian"), ("script", "sc-use"), ("material", "mt-cream")]
    assert lib.recent(limit=1) == [("script", "sc-mian")]
    assert [x.id for x in lib.scripts(view="recent")] == ["sc-mian", "sc-use"]
    assert [x.id for x in lib.materials(view="recent")] == ["mt-cream"]
    uses = [m for m in cache.outbox.pending() if m.op == "use"]
    assert [(m.entity, m.entity_id) for m in uses] == [
        ("script", "sc-mian"),
        ("material", "mt-cream"),
        ("script", "sc-use"),
        ("script", "sc-mian"),
    ]
    assert uses[0].fields["customer_id"] == s["zhangsan"] and "customer_id" not in uses[1].fields
    assert datetime.fromisoformat(uses[0].fields["at"]).tzinfo is not None
    assert lib.script("sc-mian").use_count == 2
    assert LibraryService(cache, G2).recent() == []  # per user
    cache.apply_pull_page([change("script", None, id="sc-use", deleted=True)], "c-gone")
    assert lib.recent() == [("script", "sc-mian"), ("material", "mt-cream")]
    with pytest.raises(NotFound):
        lib.record_use("script", "sc-nope")
    with pytest.raises(ValidationFailed):
        lib.record_use("task", "task-1")


def test_favourites_show_at_once_and_follow_the_servers_answer(library):
    cache, _, lib = library
    assert not lib.is_favorite("script", "sc-mian")
    lib.set_favorite("script", "sc-mian", True)
    lib.set_favorite("script", "sc-mian", True)  # already: nothing queued
    lib.set_favorite("material", "mt-cream", True)
    assert lib.is_favorite("script", "sc-mian") and lib.is_favorite("material", "mt-cream")
    assert [x.id for x in lib.scripts(view="favorites")] == ["sc-mian"]
    assert [x.id for x in lib.materials(view="favorites")] == ["mt-cream"]
    pending = cache.outbox.pending()
    assert [(m.entity, m.op, m.entity_id, m.fields) for m in pending] == [
        (
            "favorite",
            "add",
            favorite_id(G1.id, "script", "sc-mian"),
            {"kind": "script", "item_id": "sc-mian"},
        ),
        (
            "favorite",
            "add",
            favorite_id(G1.id, "material", "mt-cream"),
            {"kind": "material", "item_id": "mt-cream"},
        ),
    ]
    fid = favorite_id(G1.id, "script", "sc-mian")
    row = change("favorite", {"id": fid, "user_id": G1.id, "kind": "script", "item_id": "sc-mian"})
    cache.apply_push_results(
        [
            applied(pending[0].mutation_id, row),
            rejected(pending[1].mutation_id, "不行", code="forbidden"),
        ]
    )
    assert lib.is_favorite("script", "sc-mian") and not lib.is_favorite("material", "mt-cream")
    assert not LibraryService(cache, G2).is_favorite("script", "sc-mian")
    lib.set_favorite("script", "sc-mian", False)
    assert not lib.is_favorite("script", "sc-mian") and lib.scripts(view="favorites") == []
    with pytest.raises(NotFound):
        lib.set_favorite("script", "sc-nope", True)


def test_personal_scripts_refuse_blocking_words_and_go_to_hq_as_suggestions(library):
    cache, _, lib = library
    with pytest.raises(ValidationFailed) as err:
        lib.create_personal("我的话术", "全网最便宜")
    assert err.value.code == Code.SENSITIVE_WORD and err.value.field == "body"
    with pytest.raises(ValidationFailed) as err:
        lib.create_personal("最便宜", "正文")
    assert err.value.field == "title"
    with pytest.raises(ValidationFailed):
        lib.create_personal("括号", "{称呼")  # unbalanced braces
    sid = lib.create_personal("我的开场白", "{称呼}好久不见", keywords=["开场"])
    assert lib.create_personal("提醒词可以", "保证有效")  # a warning word passes
    with pytest.raises(ValidationFailed):
        lib.update_personal(sid, body="我们最便宜")
    lib.update_personal(sid, title="新开场白")
    assert sid in [x.id for x in lib.scripts(view="mine")]
    assert "sc-mian" not in [x.id for x in lib.scripts(view="mine")]
    assert _ids(lib.search("xinkaichang")) == [sid]
    with pytest.raises(Forbidden):
        LibraryService(cache, G2).update_personal(sid, title="x")
    with pytest.raises(ValidationFailed) as err:
        lib.suggest("sc-mian")  # HQ's script
    assert err.value.code == Code.NOT_PERSONAL
    with pytest.raises(Forbidden):
        LibraryService(cache, HQ).suggest(sid)
    first = lib.suggest(sid)
    assert lib.suggest(sid) == first  # still waiting: not sent twice
    (mine,) = lib.suggestions()
    assert (mine.id, mine.script_id, mine.status, mine.title) == (first, sid, "pending", "新开场白")
    assert [
        (m.entity, m.fields) for m in cache.outbox.pending() if m.entity == "script_suggestion"
    ] == [("script_suggestion", {"script_id": sid})]
    cache.apply_pull_page(
        [
            change(
                "script_suggestion",
                {
                    "id": first,
                    "script_id": sid,
                    "owner_id": G1.id,
                    "store_id": STORE,
                    "title": "新开场白",
                    "body": "{称呼}好久不见",
                    "status": "declined",
                    "reason": "与现有话术重复",
                },
            )
        ],
        "c-s",
    )
    (mine,) = lib.suggestions()
    assert (mine.status, mine.reason) == ("declined", "与现有话术重复")
    lib.delete_personal(sid)
    assert lib.script(sid) is None


def test_a_version_4_cache_migrates_to_the_library(tmp_path):
    path = tmp_path / "c.db"
    cache = open_cache(path)
    rows, _ = seed_changes()
    rows.append(_script("sc-mian", "敏感肌面霜推荐", "温和", ["敏感肌"], valid_to="2030-01-01"))
    cache.apply_pull_page(rows, "c1")
    cache.close()
    con = sqlite3.connect(path)
    for name in [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'library_%'"
        )
    ]:
        con.execute(f"DROP TRIGGER {name}")
    for table in ("library_fts", "favorites", "script_suggestions", "library_recent"):
        con.execute(f"DROP TABLE {table}")
    for table in ("scripts", "materials"):
        for column in ("valid_from", "valid_to", "use_count"):
            con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    cache = open_cache(path)
    try:
        assert not cache.rebuilt and cache.meta_get("schema_version") == str(SCHEMA_VERSION)
        lib = LibraryService(cache, G1, today=lambda: TODAY)
        assert _ids(lib.search("ms")) == ["sc-mian"] and _ids(lib.search("生日")) == ["sc-1"]
        assert lib.script("sc-mian").valid_to == date(2030, 1, 1)
        with cache.read() as conn:
            assert (
                conn.exec_driver_sql("SELECT valid_to FROM scripts WHERE id = 'sc-mian'").scalar()
                == "2030-01-01"
            )
        lib.set_favorite("script", "sc-1", True)
        lib.record_use("script", "sc-1")
        assert lib.is_favorite("script", "sc-1") and lib.recent() == [("script", "sc-1")]
        cache.apply_pull_page([_script("sc-new", "新话术面霜", "x")], "c2")  # triggers in place
        assert "sc-new" in _ids(lib.search("面霜"))
    finally:
        cache.close()


def test_lists_by_group_kind_and_view(library):
    cache, _, lib = library
    cache.apply_pull_page(
        [
            change("script_group", {"id": "g-care", "name": "关怀", "sort": 2}),
            change("script_group", {"id": "g-sale", "name": "销售", "sort": 1}),
            _script("sc-g1", "回访一", group_id="g-care", use_count=3),
            _script("sc-g2", "回访二", group_id="g-care", use_count=9),
            _script("sc-g3", "过期回访", group_id="g-care", valid_to="2026-01-01"),
        ],
        "c-groups",
    )
    assert [g.id for g in lib.groups()] == ["g-sale", "g-care"]
    assert [s.id for s in lib.scripts(group_id="g-care")] == ["sc-g2", "sc-g1"]  # most used first
    assert [s.id for s in lib.scripts(group_id="g-care", limit=1, offset=1)] == ["sc-g1"]
    assert [m.id for m in lib.materials(kind="moments")] == ["mt-cream"]
    assert {m.id for m in lib.materials()} == {"mt-cream", "mt-1"}
    assert lib.material("mt-cream").text == "冬季补水必备" and lib.material("nope") is None
    with pytest.raises(ValidationFailed):
        lib.scripts(view="popular")
    with pytest.raises(ValidationFailed):
        lib.materials(view="mine")
