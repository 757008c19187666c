"""Pinyin of names, computed once when a row is written so search never waits on it."""

from __future__ import annotations

import os
from functools import lru_cache

# One character at a time (below), so pypinyin's 47,000-phrase dictionary is
# never consulted (every CJK character U+3400–U+9FFF gets the same reading
# without it), and nothing edits its tables, so they need no private copy.
# Skipping both takes ~0.17 s off every start and leaves far fewer long-lived
# objects for the garbage collector.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

from pypinyin import Style, lazy_pinyin  # noqa: E402


@lru_cache(maxsize=20000)
def _hanzi(ch: str) -> str:
    return lazy_pinyin(ch, style=Style.NORMAL)[0]


@lru_cache(maxsize=50000)
def pinyin_of(text: str) -> tuple[str, str]:
    """``张三`` → (``zhangsan``, ``zs``); ``Amy王`` → (``amywang``, ``aw``).

    A run of Latin letters or digits counts as one word (its initial is its
    first character); spaces, emoji and punctuation are dropped.
    """
    full: list[str] = []
    initials: list[str] = []
    in_latin = False
    for ch in text:
        if "\u3400" <= ch <= "\u9fff":
            py = _hanzi(ch)
            full.append(py)
            initials.append(py[:1])
            in_latin = False
        elif ch.isascii() and ch.isalnum():
            low = ch.lower()
            full.append(low)
            if not in_latin:
                initials.append(low)
            in_latin = True
        else:
            in_latin = False
    return "".join(full), "".join(initials)
