"""Pinyin of names, computed once when a row is written so search never waits on it.

Two uses, two answers:

- Sorting wants one reading per name, and a Chinese name's first character is
  read as a surname: 曾 zēng (not céng), 单 shàn, 仇 qiú, 解 xiè, 朴 piáo, 区 ōu,
  查 zhā, and compound surnames such as 尉迟 yùchí, 万俟 mòqí (:func:`pinyin_of`,
  the first of :func:`name_readings`).
- Search wants every reading a person might type: 曾慧瑶 is found by ``zeng``,
  ``ceng``, ``zhy`` and ``chy`` (:func:`name_readings`).

pypinyin gives each character's readings; which reading a surname takes is
data (``SURNAMES``, ``COMPOUND_SURNAMES``), the 百家姓 readings where they differ
from the character's everyday one.
"""

from __future__ import annotations

import os
from functools import lru_cache
from itertools import product

# One character at a time (below), so pypinyin's 47,000-phrase dictionary is
# never consulted (every CJK character U+3400–U+9FFF gets the same reading
# without it), and nothing edits its tables, so they need no private copy.
# Skipping both takes ~0.17 s off every start and leaves far fewer long-lived
# objects for the garbage collector.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

from pypinyin import Style, lazy_pinyin, pinyin  # noqa: E402

#: Single-character surnames read differently from the character's first reading.
SURNAMES: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "仇": "qiu",
    "解": "xie",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "秘": "bi",
    "繁": "po",
    "覃": "qin",
    "员": "yun",
    "乐": "yue",
    "缪": "miao",
    "翟": "zhai",
    "召": "shao",
    "种": "chong",
    "重": "chong",
    "折": "she",
    "能": "nai",
    "句": "gou",
    "隗": "wei",
    "谌": "chen",
    "冼": "xian",
    "厍": "she",
    "莘": "shen",
    "贲": "ben",
    "蕃": "pi",
    "宓": "mi",
    "阚": "kan",
}
#: Compound surnames whose reading is not their characters' usual ones.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "单于": ("chan", "yu"),
    "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "令狐": ("ling", "hu"),
    "皇甫": ("huang", "fu"),
    "宇文": ("yu", "wen"),
    "东方": ("dong", "fang"),
}
#: At most this many reading combinations of one name are indexed for search.
MAX_READINGS = 16
_INDEXED_CHARS = 8


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


@lru_cache(maxsize=20000)
def _hanzi(ch: str) -> str:
    return lazy_pinyin(ch, style=Style.NORMAL)[0]


@lru_cache(maxsize=20000)
def _hanzi_all(ch: str) -> tuple[str, ...]:
    """Every reading of one character, its everyday one first."""
    readings = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys([_hanzi(ch), *readings]))


def _words(text: str, first: list[tuple[str, ...]] | None = None) -> list[tuple[str, ...]]:
    """``text`` as words, each a tuple of readings (Latin/digit runs are one word)."""
    words: list[tuple[str, ...]] = list(first or [])
    if all(_is_hanzi(ch) for ch in text):  # most names: nothing to split
        words.extend(map(_hanzi_all, text))
        return words
    latin: list[str] = []
    for ch in text:
        if _is_hanzi(ch):
            if latin:
                words.append(("".join(latin),))
                latin = []
            words.append(_hanzi_all(ch))
        elif ch.isascii() and ch.isalnum():
            latin.append(ch.lower())
        elif latin:
            words.append(("".join(latin),))
            latin = []
    if latin:
        words.append(("".join(latin),))
    return words


def _surname_split(name: str) -> tuple[list[tuple[str, ...]], str]:
    """The surname's readings (surname reading first) and the rest of the name."""
    name = name.strip()
    two = COMPOUND_SURNAMES.get(name[:2])
    if two is not None:
        return [(two[0], *_hanzi_all(name[0])), (two[1], *_hanzi_all(name[1]))], name[2:]
    one = SURNAMES.get(name[:1])
    if one is not None:
        return [(one, *_hanzi_all(name[0]))], name[1:]
    return [], name


def pinyin_of(text: str) -> tuple[str, str]:
    """``张三`` → (``zhangsan``, ``zs``); ``Amy王`` → (``amywang``, ``aw``); ``曾慧瑶`` → (``zenghuiyao``, ``zhy``).

    A run of Latin letters or digits counts as one word (its initial is its
    first character); spaces, emoji and punctuation are dropped. A leading
    Chinese surname takes its surname reading, so names sort as people expect.
    The sort reading is the first of :func:`name_readings` (one cached computation
    serves the sort column and the search keys of a row).
    """
    return name_readings(text)[0]


def _name_words(text: str) -> list[tuple[str, ...]]:
    """Each word's readings, deduplicated, the reading to sort by first."""
    surname, rest = _surname_split(text)
    return [tuple(dict.fromkeys(w)) if len(w) > 1 else w for w in _words(rest, surname)]


@lru_cache(maxsize=50000)
def name_readings(text: str) -> tuple[tuple[str, str], ...]:
    """Every ``(full, initials)`` a person might type for ``text``, the sort reading first.

    Only the first few characters vary (``_INDEXED_CHARS``), and at most
    :data:`MAX_READINGS` combinations are kept, so a long name costs no more
    than a short one.
    """
    words = _name_words(text)
    if all(len(w) == 1 for w in words):
        full = [w[0] for w in words]
        return (("".join(full), "".join(w[:1] for w in full)),)
    varying = [w if n < _INDEXED_CHARS else w[:1] for n, w in enumerate(words)]
    out: dict[tuple[str, str], None] = {}
    for combo in product(*varying):
        if len(out) >= MAX_READINGS:
            break
        out["".join(combo), "".join(w[:1] for w in combo)] = None
    return tuple(out)


def syllables(text: str) -> list[str]:
    """One pinyin syllable per character of ``text`` (its everyday reading; '' for a
    character that is not hanzi). Content search (the library's titles and keywords)
    indexes these: a title is not a name, so no surname readings."""
    return [_hanzi(ch) if _is_hanzi(ch) else "" for ch in text]
