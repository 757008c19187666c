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
  message's bigrams, keywords and titles weighing more than bodies.

Expired content (``valid_from``/``valid_to`` against the client's own date) is
left out; what the server removed is gone from the table and the index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

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
OTHER = 40  # matched by the index where Python's simpler test does not see it

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
    body: str
    use_count: int
    material_kind: str | None


_VALID = "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)"
_DETAILS = {
    "script": "SELECT id, title, keywords, body, use_count, NULL FROM scripts WHERE id IN ({marks})",
    "material": (
        "SELECT id, title, tags, coalesce(description, '') || ' ' || "
        "coalesce(json_extract(data, '$.text'), ''), use_count, kind FROM materials "
        "WHERE id IN ({marks})"
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


def _rows(db: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> list[_Row]:
    by_kind: dict[str, list[str]] = {}
    for kind, item_id in keys:
        by_kind.setdefault(kind, []).append(item_id)
    out: list[_Row] = []
    for kind, ids in by_kind.items():
        ids = list(dict.fromkeys(ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = _DETAILS[kind].format(marks=", ".join("?" for _ in chunk))
            for rid, title, words, body, uses, mkind in db.execute(sql, chunk):
                out.append(_Row(kind, rid, title or "", words or "", body or "", uses or 0, mkind))
    return out


# ---------------------------------------------------------------- highlighting


def _occurrences(folded: str, word: str) -> list[Span]:
    spans: list[Span] = []
    start = folded.find(word)
    while start >= 0 and len(spans) < 20:
        spans.append((start, start + len(word)))
        start = folded.find(word, start + len(word))
    return spans


def _pinyin_span(folded: str, word: str) -> Span | None:
    """Where ``word`` (Latin letters) is the pinyin or the initials of characters of
    ``folded``, starting at a character: the first such place."""
    for start, run, cjk in runs(folded):
        if not cjk:
            continue
        syl = syllables(run)
        for i in range(len(run)):
            if not syl[i]:
                continue
            full = "".join(syl[i:])
            if full.startswith(word):
                used, n = 0, i
                while used < len(word) and n < len(run):
                    used += len(syl[n])
                    n += 1
                return (start + i, start + n)
            initials = "".join(s[:1] for s in syl[i:])
            if initials.startswith(word):
                return (start + i, start + i + len(word))
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


def _word_score(w: str, title: str, words: str, body: str, latin: bool) -> tuple[int, list[Span]]:
    if w in title:
        spans = _occurrences(title, w)
        if title == w:
            return EXACT_TITLE, spans
        return (TITLE_PREFIX if title.startswith(w) else TITLE_CONTAINS), spans
    if latin and (span := _pinyin_span(title, w)) is not None:
        return (TITLE_PINYIN_PREFIX if span[0] == 0 else TITLE_PINYIN), [span]
    if w in words or (latin and _pinyin_span(words, w) is not None):
        return KEYWORD, []
    if w in body:
        return BODY, []
    return OTHER, []


def _hit(row: _Row, words: list[str]) -> tuple[LibraryHit, int]:
    """The hit for ``row`` and the sum of its words' scores (to order equal hits): a
    hit is as good as its weakest word."""
    title = fold(row.title)
    kw, body = fold(row.words), fold(row.body)
    scores: list[int] = []
    title_spans: list[Span] = []
    for w in words:
        s, spans = _word_score(w, title, kw, body, w.isascii() and w.isalpha())
        scores.append(s)
        title_spans.extend(spans)
    snippet, snippet_spans = _snippet(row.body, words)
    hit = LibraryHit(
        row.kind,
        row.id,
        row.title,
        snippet,
        _merge(title_spans),
        snippet_spans,
        min(scores),
        row.material_kind,
    )
    return hit, sum(scores)


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
        (_hit(row, words) + (row.use_count,) for row in _rows(db, found)),
        key=lambda h: (-h[0].score, -h[1], -h[2], len(h[0].title), h[0].title),
    )
    return [h for h, _, _ in ranked[:limit]]


def answers(db: sqlite3.Connection, message: str, today: str, limit: int = 10) -> list[LibraryHit]:
    """Scripts that answer a customer's message, best first (bm25: keywords ×6,
    title ×4, body ×1 over the message's bigrams and Latin words)."""
    terms = message_terms(message)[:MAX_TERMS]
    if not terms:
        return []
    limit = max(1, min(int(limit), 50))
    expr = (
        "{title keywords body} : ("
        + " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        + ")"
    )
    sql = (
        "SELECT rowid, item_id FROM library_fts WHERE library_fts MATCH ? AND "
        f"{_VALID} AND rowid % 2 = 0 ORDER BY bm25(library_fts, 4.0, 6.0, 1.0) LIMIT ?"
    )
    ranked = [("script", i) for _r, i in db.execute(sql, (expr, today, today, limit))]
    rows = {r.id: r for r in _rows(db, ranked)}
    out = []
    for n, (_, item_id) in enumerate(ranked):
        row = rows.get(item_id)
        if row is None:
            continue
        title = fold(row.title)
        spans = [s for t in terms for s in _occurrences(title, t)]
        snippet, snippet_spans = _snippet(row.body, terms)
        out.append(
            LibraryHit(
                "script", row.id, row.title, snippet, _merge(spans), snippet_spans, len(ranked) - n
            )
        )
    return out
