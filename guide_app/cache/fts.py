"""Building safe FTS5 and prefix queries from what the guide typed."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def normalize_query(text: str) -> str:
    """Trim, fold Latin case, collapse spaces; full-width digits and letters to half-width."""
    text = text.translate(_FULLWIDTH).strip().lower()
    return _SPACE.sub(" ", text)


def fts_phrase(text: str) -> str:
    """A MATCH argument that finds ``text`` as a substring (trigram), operators neutralised."""
    return '"' + text.replace('"', '""') + '"'


def prefix_bounds(text: str) -> tuple[str, str]:
    """``(lo, hi)`` such that ``col >= lo AND col < hi`` is ``col LIKE text%`` using an index."""
    return text, text + "\U0010ffff"


def trigram_ok(text: str) -> bool:
    """The trigram tokenizer needs at least 3 characters."""
    return len(text) >= 3


_FULLWIDTH = str.maketrans({chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {"\u3000": " "})
