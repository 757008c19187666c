"""Sensitive words (敏感词): one multi-pattern matcher, built once per word list.

The client checks a rendered text before it reaches the clipboard, the server
checks a script's title and body when it is saved (HQ, store and personal). An
Aho–Corasick automaton (pyahocorasick, C) finds every word in one pass over the
text, whatever the number of words; a loop of ``word in text`` costs a pass per
word (``bench/library.py`` measures both).

Latin letters match regardless of case; full-width ASCII (ＶＩＰ) matches its
half-width form, so a word cannot be slipped past by typing it another way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

BLOCK = "block"
WARN = "warn"


#: Full-width ASCII (！..～) and the ideographic space, to their half-width forms.
_WIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).casefold()
    if len(folded) == 1:
        return folded
    lower = ch.casefold()
    return lower if len(lower) == 1 else ch


def fold(text: str) -> str:
    """The form words and texts are matched in: one character for one, so a hit's
    position in the folded text is its position in the original. Full-width ASCII
    becomes half-width and letters lower case (C speed: ``translate`` + ``lower``);
    a text whose lower case changes length (``İ``) goes character by character."""
    if text.isascii():
        return text.lower()
    folded = text.translate(_WIDTH).lower()
    if len(folded) == len(text):
        return folded
    return "".join(map(_fold_char, text))


@dataclass(frozen=True)
class WordHit:
    word: str
    severity: str  # "block" | "warn"
    start: int  # in the text
    end: int


@dataclass
class SensitiveCheck:
    hits: list[WordHit] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """True when any hit must stop the text from being sent."""
        return any(h.severity == BLOCK for h in self.hits)

    @property
    def blocking(self) -> list[WordHit]:
        return [h for h in self.hits if h.severity == BLOCK]

    @property
    def warnings(self) -> list[WordHit]:
        return [h for h in self.hits if h.severity != BLOCK]

    def words(self, severity: str | None = None) -> list[str]:
        """Distinct words hit (of one severity), in order of first appearance."""
        seen: dict[str, None] = {}
        for h in self.hits:
            if severity is None or h.severity == severity:
                seen.setdefault(h.word, None)
        return list(seen)

    def message(self) -> str:
        """A one-line Chinese explanation for the UI; '' when clean."""
        parts = []
        if block := self.words(BLOCK):
            parts.append("包含禁用词: " + "、".join(block))
        if warn := self.words(WARN):
            parts.append("包含需注意的词: " + "、".join(warn))
        return "; ".join(parts)


class Matcher:
    """Every ``(word, severity)`` of a list, matched in one pass."""

    def __init__(self, words: Iterable[tuple[str, str]]) -> None:
        self._automaton = ahocorasick.Automaton()
        count = 0
        for word, severity in words:
            key = fold(word.strip())
            if not key:
                continue
            # a word listed twice keeps its strictest severity
            old = self._automaton.get(key, None)
            if old is not None and old[1] == BLOCK:
                continue
            self._automaton.add_word(key, (word.strip(), BLOCK if severity == BLOCK else WARN))
            count += 1
        #: distinct words matched
        self.size = len(self._automaton)
        if count:
            self._automaton.make_automaton()

    def check(self, text: str) -> SensitiveCheck:
        result = SensitiveCheck()
        if not self.size or not text:
            return result
        for end, (word, severity) in self._automaton.iter(fold(text)):
            start = end - len(fold(word)) + 1
            result.hits.append(WordHit(word, severity, start, end + 1))
        result.hits.sort(key=lambda h: (h.start, h.end))
        return result


def check_text(text: str, words: Iterable[tuple[str, str]]) -> SensitiveCheck:
    """One-off check (builds a matcher; keep a :class:`Matcher` for repeated checks)."""
    return Matcher(words).check(text)
