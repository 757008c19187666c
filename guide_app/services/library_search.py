"""Finding scripts and materials: search as you type, and answers to a pasted message.

Both read ``library_fts`` (``guide_app.cache.fts`` explains its terms: Chinese
bigrams, Latin words, pinyin and initials of titles and keywords) on the raw
sqlite3 connection of a read transaction, so the unified search (Ctrl+K) and
the library page share one implementation.

- :func:`search` decides *which* rows match in FTS5 (every typed word, as a
  substring of title, keywords or body, or as pinyin/initials of title and
  keywords), title and keyword matches first; it then ranks and highlights the
  few candidates in Python: exact title > title starts with > title contains
  > title's pinyin > keywords > body, then the most used.
- :func:`answers` ranks scripts for a customer's message by bm25 over the
  message's bigrams (keywords and titles weighing more than bodies), then by how
  many of its words their titles and keywords hold.

Expired content (``valid_from``/``valid_to`` against the client's own date) is
left out; what the server removed is gone from the table and the index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from guide_app.cache.fts import library_phrase, library_words, message_terms, runs
from guide_app.cache.pinyin_index import syllables
from guide_core.sensitive import fold

KINDS = ("script", "material")
#: Characters of body shown around a hit.
SNIPPET = 60
_BEFORE = 16
#: Words of a query considered (the rest are ignored).
MAX_WORDS = 6
#: Distinct message terms considered by :func:`answers`.
MAX_TERMS = 64

EXACT_TITLE = 100
TITLE_PREFIX = 90
TITLE_CONTAINS = 80
TITLE_PINYIN_PREFIX = 75
TITLE_PINYIN = 70
KEYWORD = 60
BODY = 50

Span = tuple[int, int]


@dataclass(frozen=True)
class LibraryHit:
    """A script or material found: what to show and which characters to highlight."""

    kind: str  # "script" | "material"
    id: str
    title: str
    snippet: str
    title_spans: list[Span] = field(default_factory=list)
    snippet_spans: list[Span] = field(default_factory=list)
    score: int = 0
    #: a material's kind (``MaterialKind`` code); None for scripts
    material_kind: str | None = None


@dataclass
class _Row:
    kind: str
    id: str
    title: str
    words: str
    use_count: int
    material_kind: str | None


_VALID = "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)"
#: What ranking needs (short columns only: bodies are read for the hits kept).
_DETAILS = {
    "script": "SELECT id, title, keywords, use_count, NULL FROM scripts WHERE id IN ({marks})",
    "material": "SELECT id, title, tags, use_count, kind FROM materials WHERE id IN ({marks})",
}
_BODIES = {
    "script": "SELECT id, body FROM scripts WHERE id IN ({marks})",
    "material": (
        "SELECT id, coalesce(description, '') || ' ' || coalesce(json_extract(data, '$.text'), '') "
        "FROM materials WHERE id IN ({marks})"
    ),
}
_TABLES = {"script": "scripts", "material": "materials"}


def _kind_sql(kinds: tuple[str, ...]) -> str:
    if set(kinds) >= set(KINDS):
        return ""
    return " AND rowid % 2 = " + ("0" if kinds == ("script",) else "1")


def _kind_of(rowid: int) -> str:
    return "script" if rowid % 2 == 0 else "material"


def _fts_ids(
    db: sqlite3.Connection, expr: str, kinds: tuple[str, ...], today: str, cap: int
) -> list[tuple[str, str]]:
    sql = (
        f"SELECT rowid, item_id FROM library_fts WHERE library_fts MATCH ? AND {_VALID}"
        f"{_kind_sql(kinds)} LIMIT ?"
    )
    return [(_kind_of(r), i) for r, i in db.execute(sql, (expr, today, today, cap))]


def _title_prefix_ids(
    db: sqlite3.Connection, text: str, kinds: tuple[str, ...], today: str, cap: int
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for kind in kinds:
        sql = f"SELECT id FROM {_TABLES[kind]} WHERE title >= ? AND title < ? AND {_VALID} LIMIT ?"
        out.extend(
            (kind, r[0]) for r in db.execute(sql, (text, text + "\U0010ffff", today, today, cap))
        )
    return out


def _by_kind(
    db: sqlite3.Connection, sqls: dict[str, str], keys: Iterable[tuple[str, str]]
) -> list[tuple[str, tuple]]:
    """``(kind, row)`` of ``sqls[kind]`` for the ``(kind, id)`` keys (any order)."""
    by_kind: dict[str, list[str]] = {}
    for kind, item_id in keys:
        by_kind.setdefault(kind, []).append(item_id)
    out: list[tuple[str, tuple]] = []
    for kind, ids in by_kind.items():
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = sqls[kind].format(marks=", ".join("?" for _ in chunk))
            out.extend((kind, row) for row in db.execute(sql, chunk))
    return out


def _rows(db: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> list[_Row]:
    return [
        _Row(kind, rid, title or "", words or "", uses or 0, mkind)
        for kind, (rid, title, words, uses, mkind) in _by_kind(db, _DETAILS, keys)
    ]


def _bodies(db: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    return {(kind, rid): body or "" for kind, (rid, body) in _by_kind(db, _BODIES, keys)}


# ---------------------------------------------------------------- highlighting


def _occurrences(folded: str, word: str) -> list[Span]:
    spans: list[Span] = []
    start = folded.find(word)
    while start >= 0 and len(spans) < 20:
        spans.append((start, start + len(word)))
        start = folded.find(word, start + len(word))
    return spans


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=65536)
def _readings(folded: str) -> tuple[tuple[int, str, dict[int, int], str, list[int]], ...]:
    """Per Chinese run of a (folded) title or keyword list: its start, its full pinyin,
    where each character's syllable begins in it, its initials and their characters.
    Cached: typing one more letter ranks mostly the same titles again."""
    out = []
    for start, run, cjk in runs(folded):
        if not cjk:
            continue
        syl = syllables(run)
        begins: dict[int, int] = {}
        at = 0
        for i, s in enumerate(syl):
            if s:
                begins[at] = i
            at += len(s)
        chars = [i for i, s in enumerate(syl) if s]
        out.append((start, "".join(syl), begins, "".join(syl[i][0] for i in chars), chars))
    return tuple(out)


def _pinyin_span(folded: str, word: str) -> Span | None:
    """Where ``word`` (Latin letters) is the pinyin, else the initials, of characters of
    ``folded`` starting at a character (as the index's tokens): the first such place."""
    readings = _readings(folded)
    for start, full, begins, _ini, _chars in readings:
        pos = full.find(word)
        while pos >= 0:
            if pos in begins:
                end = pos + len(word)
                last = max(i for at, i in begins.items() if at < end)
                return (start + begins[pos], start + last + 1)
            pos = full.find(word, pos + 1)
    for start, _full, _begins, ini, chars in readings:
        pos = ini.find(word)
        if pos >= 0:
            return (start + chars[pos], start + chars[pos + len(word) - 1] + 1)
    return None


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _snippet(body: str, words: list[str]) -> tuple[str, list[Span]]:
    """A line of ``body`` around the first word found in it (else its start), with spans."""
    flat = " ".join(body.split())
    folded = fold(flat)
    first = min((p for w in words if (p := folded.find(w)) >= 0), default=-1)
    start = max(0, first - _BEFORE) if first >= 0 else 0
    end = min(len(flat), start + SNIPPET)
    lead = "…" if start > 0 else ""
    text = lead + flat[start:end] + ("…" if end < len(flat) else "")
    spans = [
        (s - start + len(lead), min(e, end) - start + len(lead))
        for w in words
        for s, e in _occurrences(folded, w)
        if s >= start and s < end
    ]
    return text, _merge(spans)


def _word_score(w: str, title: str, words: str, latin: bool) -> tuple[int, list[Span]]:
    """How ``w`` matches a candidate (which the index found): in the title, its pinyin,
    the keywords, else the body."""
    if w in title:
        spans = _occurrences(title, w)
        if title == w:
            return EXACT_TITLE, spans
        return (TITLE_PREFIX if title.startswith(w) else TITLE_CONTAINS), spans
    if latin and (span := _pinyin_span(title, w)) is not None:
        return (TITLE_PINYIN_PREFIX if span[0] == 0 else TITLE_PINYIN), [span]
    if w in words or (latin and _pinyin_span(words, w) is not None):
        return KEYWORD, []
    return BODY, []


def _scored(row: _Row, words: list[str]) -> tuple[int, int, list[Span]]:
    """``(score, sum of the words' scores, title spans)``: a hit is as good as its
    weakest word; the sum orders equal hits."""
    title, kw = _folded(row.title), _folded(row.words)
    scores: list[int] = []
    spans: list[Span] = []
    for w in words:
        s, found = _word_score(w, title, kw, w.isascii() and w.isalpha())
        scores.append(s)
        spans.extend(found)
    return min(scores), sum(scores), _merge(spans)


# ---------------------------------------------------------------- queries


def search(
    db: sqlite3.Connection,
    text: str,
    today: str,
    limit: int = 50,
    kinds: tuple[str, ...] = KINDS,
) -> list[LibraryHit]:
    """Scripts and materials for what the guide typed (see the module doc), best first."""
    words = library_words(text)[:MAX_WORDS]
    phrases = [p for w in words if (p := library_phrase(w)) is not None]
    if not phrases:
        return []
    limit = max(1, min(int(limit), 200))
    cap = max(limit * 4, 100)

    def all_of(columns: str) -> str:
        return " AND ".join(f"{{{columns}}} : ({p})" for p in phrases)

    found: dict[tuple[str, str], None] = {}
    raw = " ".join(text.split())
    if raw:
        found.update(dict.fromkeys(_title_prefix_ids(db, raw, kinds, today, limit)))
    found.update(dict.fromkeys(_fts_ids(db, all_of("title keywords py ini"), kinds, today, cap)))
    if len(found) < limit:
        expr = all_of("title keywords body py ini")
        found.update(dict.fromkeys(_fts_ids(db, expr, kinds, today, cap)))
    ranked = sorted(
        ((row, *_scored(row, words)) for row in _rows(db, found)),
        key=lambda r: (-r[1], -r[2], -r[0].use_count, len(r[0].title), r[0].title),
    )[:limit]
    bodies = _bodies(db, ((r.kind, r.id) for r, *_ in ranked))
    hits = []
    for row, score, _sum, title_spans in ranked:
        snippet, snippet_spans = _snippet(bodies.get((row.kind, row.id), ""), words)
        hits.append(
            LibraryHit(
                row.kind,
                row.id,
                row.title,
                snippet,
                title_spans,
                snippet_spans,
                score,
                row.material_kind,
            )
        )
    return hits


#: bm25 weights of title, keywords and body for :func:`answers`.
ANSWER_WEIGHTS = (8.0, 10.0, 1.0)
#: Scripts bm25 puts first that :func:`answers` orders again by coverage.
ANSWER_POOL = 50


def answers(db: sqlite3.Connection, message: str, today: str, limit: int = 10) -> list[LibraryHit]:
    """Scripts that answer a customer's message, best first.

    FTS5 bm25 over the message's bigrams and Latin words (any of them), title and
    keywords weighing far more than the body, picks the :data:`ANSWER_POOL` best
    (matches in titles and keywords, then in bodies if those are too few);
    those are ordered by how many of the message's words their title and keywords
    hold, then by bm25. bm25 alone favours a short title sharing one word (敏感肌搭配)
    over a longer one sharing two (敏感肌保湿面霜售后) for 有没有适合敏感肌的面霜.
    ``score`` is the number of message words in title and keywords.
    """
    terms = message_terms(message)[:MAX_TERMS]
    if not terms:
        return []
    limit = max(1, min(int(limit), 50))
    any_term = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    weights = ", ".join(str(w) for w in ANSWER_WEIGHTS)
    sql = (
        "SELECT item_id FROM library_fts WHERE library_fts MATCH ? AND "
        f"{_VALID} AND rowid % 2 = 0 ORDER BY bm25(library_fts, {weights}) LIMIT ?"
    )
    size = max(limit, ANSWER_POOL)
    # Titles and keywords first (a common bigram's body matches would make bm25 score
    # thousands of rows); bodies only when those do not fill the pool.
    found: dict[str, None] = {}
    for columns in ("title keywords", "title keywords body"):
        expr = f"{{{columns}}} : ({any_term})"
        found.update(dict.fromkeys(r[0] for r in db.execute(sql, (expr, today, today, size))))
        if len(found) >= size:
            break
    pool = [("script", item_id) for item_id in list(found)[:size]]
    rows = {r.id: r for r in _rows(db, pool)}
    covered = []
    for n, (_, item_id) in enumerate(pool):
        row = rows.get(item_id)
        if row is not None:
            named = _folded(row.title) + " " + _folded(row.words)
            covered.append((sum(t in named for t in terms), n, row))
    covered.sort(key=lambda c: (-c[0], c[1]))
    top = covered[:limit]
    bodies = _bodies(db, (("script", row.id) for _, _, row in top))
    out = []
    for coverage, _, row in top:
        title = _folded(row.title)
        spans = [s for t in terms for s in _occurrences(title, t)]
        snippet, snippet_spans = _snippet(bodies.get(("script", row.id), ""), terms)
        out.append(
            LibraryHit("script", row.id, row.title, snippet, _merge(spans), snippet_spans, coverage)
        )
    return out
