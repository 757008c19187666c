"""The unified search entry points (Ctrl+K box and barcode scanner)."""

from __future__ import annotations

from guide_app.cache.database import Cache
from guide_app.cache.fts import normalize_query
from guide_core.protocol import UserInfo

from .kinds import SEARCHERS, customers, orders
from .results import KINDS, Hit, SearchGroup, SearchResults

MAX_QUERY = 100


def search(
    cache: Cache,
    user: UserInfo | None,
    text: str,
    limit_per_kind: int = 8,
    kinds: tuple[str, ...] = KINDS,
) -> SearchResults:
    """Search every kind in one read snapshot; groups in a fixed order, empty ones left out.

    Matches: exact name / member no. / order no. / title, pinyin and initials
    (``zs``, ``zhangsan``), phone last four, prefixes, and substrings (FTS5
    trigram from 3 characters, a suffix table or LIKE below that).
    """
    raw = " ".join(text.split())[:MAX_QUERY]
    t = normalize_query(raw)
    if not t:
        return SearchResults(text=text)
    limit = max(1, min(int(limit_per_kind), 50))
    groups = []
    with cache.read() as conn:
        db = conn.connection.driver_connection
        for kind in kinds:
            hits = SEARCHERS[kind](db, user, t, raw, limit)
            if hits:
                groups.append(SearchGroup(kind, hits))
    return SearchResults(text=text, groups=groups)


def lookup_code(cache: Cache, code: str, user: UserInfo | None = None) -> Hit | None:
    """Exact member no., else exact order no.: what a barcode scanner's input opens."""
    raw = "".join(code.split())
    if not raw or len(raw) > 64:
        return None
    t = normalize_query(raw)
    forms = tuple(dict.fromkeys((raw, t.upper(), t)))
    with cache.read() as conn:
        db = conn.connection.driver_connection
        for form in forms:
            found = db.execute(
                "SELECT id FROM customers WHERE member_no = ? LIMIT 1", (form,)
            ).fetchone()
            if found:
                hits = customers(db, user, form.lower(), form, 8)
                return next((h for h in hits if h.id == found[0]), None)
        for form in forms:
            found = db.execute(
                "SELECT id FROM orders WHERE channel_order_no = ? ORDER BY paid_at DESC LIMIT 1",
                (form,),
            ).fetchone()
            if found:
                hits = orders(db, user, form.lower(), form, 8)
                return next((h for h in hits if h.id == found[0]), None)
    return None
