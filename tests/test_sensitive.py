"""guide_core.sensitive: one automaton finds every listed word, wherever and however typed."""

from __future__ import annotations

from guide_core.sensitive import Matcher, fold


def test_every_word_every_place_with_positions_in_the_original_text():
    m = Matcher([("微信", "block"), ("VIP", "warn"), ("最好", "warn"), ("  ", "block")])
    text = "加我微信，ＶＩＰ最好的vip"
    check = m.check(text)
    assert [(h.word, text[h.start : h.end]) for h in check.hits] == [
        ("微信", "微信"),
        ("VIP", "ＶＩＰ"),
        ("最好", "最好"),
        ("VIP", "vip"),
    ]
    assert check.blocked and check.words("warn") == ["VIP", "最好"]
    assert check.message() == "包含禁用词: 微信; 包含需注意的词: VIP、最好"


def test_a_word_listed_twice_keeps_its_strictest_severity_and_blank_words_are_ignored():
    m = Matcher([("返现", "warn"), ("返现", "block"), ("返现", "warn"), ("", "block")])
    assert m.size == 1 and m.check("下单返现").blocked
    assert not Matcher([]).check("任何文字").hits


def test_fold_keeps_one_character_for_one():
    for text in ("ＡＢＣ　ｄ", "İstanbul 微信", "Straße", "ﬁle ①"):
        assert len(fold(text)) == len(text)
    assert fold("ＶＩＰ　Ａ") == "vip a"
