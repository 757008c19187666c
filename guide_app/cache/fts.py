"""Building safe FTS5 and prefix queries from what the guide typed."""

from __future__ import annotations

import re
import sqlite3
from operator import add

from sqlalchemy import event
from sqlalchemy.engine import Engine

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


# ---------------------------------------------------------------- the library's index
#
# Scripts and materials are searched through ``library_fts`` (see ``tables.library_ddl``).
# FTS5's tokenizers do not split Chinese into words: ``unicode61`` makes a whole
# run of hanzi one token, ``trigram`` cannot match one or two characters and
# scores a pasted question by three-character pieces (``面霜`` never forms one).
# So the text is tokenised here, in Python, and handed to ``unicode61`` already
# split: every run of Chinese characters becomes its overlapping bigrams plus
# its last character alone (``敏感肌`` → ``敏感 感肌 肌``), a run of Latin letters
# or digits stays one word. Then
#
# - a substring of two or more characters is the phrase of its bigrams, which
#   matches exactly where the characters stand side by side;
# - one character is the prefix query ``敏*`` (each character of a run starts a
#   bigram or is the run's last character);
# - a pasted message is the OR of its bigrams, and bm25 scores them as words:
#   most Chinese words are two characters, so ``有没有适合敏感肌的面霜`` shares
#   ``敏感 感肌 面霜`` with a script titled 敏感肌面霜推荐.
#
# Pinyin: titles and keywords also get, for each character of a Chinese run,
# the full pinyin and the initials of the run from that character on (at most
# :data:`PINYIN_SPAN` characters), so ``mianshuang``, ``mians`` and ``ms`` are
# prefix queries. One reading per character (the everyday one).

#: Characters of a run covered by one pinyin token (a longer typed pinyin finds nothing).
PINYIN_SPAN = 10


#: A run of ASCII letters/digits, or of other letters/digits (hanzi and the like):
#: ``\w`` is ``str.isalnum`` plus ``_``, which is ASCII and so in neither.
_RUN = re.compile(r"[A-Za-z0-9]+|[^\W\x00-\x7f]+")


def runs(text: str) -> list[tuple[int, str, bool]]:
    """``(start, run, chinese)`` for each run of letters/digits in ``text`` (already folded):
    a Chinese (any non-ASCII letter) run or an ASCII word; everything else separates."""
    return [(m.start(), m.group(), not m.group().isascii()) for m in _RUN.finditer(text)]


def _run_terms(run: str, chinese: bool, last: bool = True) -> list[str]:
    if not chinese:
        return [run]
    terms = list(map(add, run, run[1:]))  # the bigrams
    if last:
        terms.append(run[-1])
    return terms


def library_terms(text: str | None) -> str:
    """``text`` as the space-separated terms ``library_fts`` indexes (SQL function ``library_terms``).

    Why bigrams and not FTS5's ``trigram`` tokenizer (which the older indexes
    use): a trigram index cannot find one or two characters (most Chinese
    words are two), and a pasted question shares trigrams with a script only
    where three characters happen to line up, so bm25 has little to rank
    (``有没有适合敏感肌的面霜`` against 敏感肌面霜推荐: one trigram, 敏感肌; as
    bigrams: 敏感, 感肌, 面霜). ``unicode61`` alone keeps a whole run of hanzi as
    one token. Bigrams plus each run's last character answer substrings of any
    length exactly (see the comment above) and give bm25 word-sized terms.
    """
    if not text:
        return ""
    from guide_core.sensitive import fold

    out: list[str] = []
    for m in _RUN.finditer(fold(text)):
        run = m.group()
        if run.isascii():
            out.append(run)
        else:
            out.extend(map(add, run, run[1:]))
            out.append(run[-1])
    return " ".join(out)


def _pinyin_tokens(text: str | None, initials: bool) -> str:
    if not text:
        return ""
    from guide_app.cache.pinyin_index import syllables
    from guide_core.sensitive import fold

    out: list[str] = []
    for _, run, cjk in runs(fold(text)):
        if not cjk:
            continue
        syl = syllables(run)
        if initials:
            syl = [s[:1] for s in syl]
        out.extend("".join(syl[i : i + PINYIN_SPAN]) for i in range(len(syl)) if syl[i])
    return " ".join(dict.fromkeys(out))


def library_pinyin(text: str | None) -> str:
    """Full-pinyin tokens of ``text`` (SQL function ``library_pinyin``)."""
    return _pinyin_tokens(text, initials=False)


def library_initials(text: str | None) -> str:
    """Initials tokens of ``text`` (SQL function ``library_initials``)."""
    return _pinyin_tokens(text, initials=True)


def _quoted(terms: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'


def library_phrase(word: str) -> str | None:
    """The MATCH phrase that finds ``word`` (folded, no spaces) as a substring, or None.

    The terms of each run as indexed, except the last run of the word: its
    last character is not a run end in the text (no lone last character), and a
    last run of one character or a Latin word is a prefix (``敏*``, ``vi*``).
    """
    parts = runs(word)
    if not parts:
        return None
    terms: list[str] = []
    for n, (_, run, cjk) in enumerate(parts):
        terms.extend(_run_terms(run, cjk, last=n < len(parts) - 1))
    _, last_run, last_cjk = parts[-1]
    prefix = not last_cjk or len(last_run) == 1
    if last_cjk and len(last_run) == 1:
        terms.append(last_run)
    return _quoted(terms) + (" *" if prefix else "")


def library_words(text: str) -> list[str]:
    """The words of a typed query (folded), split at spaces."""
    from guide_core.sensitive import fold

    return [w for w in fold(normalize_query(text)).split(" ") if w]


def message_terms(text: str) -> list[str]:
    """Distinct bigrams and Latin words of a pasted message (what ``answers`` ORs)."""
    from guide_core.sensitive import fold

    terms: dict[str, None] = {}
    for _, run, cjk in runs(fold(text)):
        if cjk and len(run) == 1:
            continue
        for t in _run_terms(run, cjk, last=False):
            terms.setdefault(t, None)
    return list(terms)


def register_functions(dbapi_conn: sqlite3.Connection) -> None:
    """The SQL functions ``library_fts``'s triggers call, on one connection."""
    for name, fn in (
        ("library_terms", library_terms),
        ("library_pinyin", library_pinyin),
        ("library_initials", library_initials),
    ):
        dbapi_conn.create_function(name, 1, fn, deterministic=True)


@event.listens_for(Engine, "connect")
def _on_connect(dbapi_conn: object, _record: object) -> None:
    # Every SQLite connection SQLAlchemy opens in this process (the cache's, a
    # migration's) can fire the library triggers, so each gets the functions.
    if isinstance(dbapi_conn, sqlite3.Connection):
        register_functions(dbapi_conn)
