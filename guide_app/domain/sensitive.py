"""Checking a text against the cached sensitive-word list before it is copied out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WordHit:
    word: str
    severity: str  # "block" | "warn"
    start: int  # position of the first occurrence in the text


@dataclass
class SensitiveCheck:
    hits: list[WordHit] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """True when any hit must stop the text from being sent."""
        return any(h.severity == "block" for h in self.hits)

    @property
    def warnings(self) -> list[WordHit]:
        return [h for h in self.hits if h.severity == "warn"]

    def message(self) -> str:
        """A one-line Chinese explanation for the UI; '' when clean."""
        if not self.hits:
            return ""
        block = [h.word for h in self.hits if h.severity == "block"]
        warn = [h.word for h in self.hits if h.severity != "block"]
        parts = []
        if block:
            parts.append("包含禁用词: " + "、".join(block))
        if warn:
            parts.append("包含需注意的词: " + "、".join(warn))
        return "; ".join(parts)


def check_text(text: str, words: Iterable[tuple[str, str]]) -> SensitiveCheck:
    """Find every ``(word, severity)`` occurring in ``text`` (case-insensitive for Latin letters)."""
    folded = text.casefold()
    result = SensitiveCheck()
    for word, severity in words:
        w = word.strip().casefold()
        if not w:
            continue
        pos = folded.find(w)
        if pos >= 0:
            result.hits.append(WordHit(word=word, severity=severity, start=pos))
    result.hits.sort(key=lambda h: (h.severity != "block", h.start))
    return result
