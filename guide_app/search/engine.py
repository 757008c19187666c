"""The unified search entry points (Ctrl+K box and barcode scanner)."""

from __future__ import annotations

from guide_app.store.cache import Cache
from guide_app.store.fts import normalize_query
from guide_app.sync.protocol import UserInfo

from .kinds import SEARCHERS, customers, orders
from .results import EXACT, KINDS, Hit, SearchGroup, SearchResults

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
        for kind in kinds:
            hits = SEARCHERS[kind](conn, user, t, raw, limit)
            if hits:
                groups.append(SearchGroup(kind, hits))
    return SearchResults(text=text, groups=groups)


def lookup_code(cache: Cache, code: str, user: UserInfo | None = None) -> Hit | None:
    """Exact member no., else exact order no.: what a barcode scanner's input opens."""
    raw = "".join(code.split())
    if not raw or len(raw) > 64:
        return None
    t = normalize_query(raw)
    with cache.read() as conn:
        member = conn.exec_driver_sql(
            "SELECT 1 FROM customers WHERE member_no = ? LIMIT 1", (raw,)
        ).first()
        if member:
            hits = [h for h in customers(conn, user, t, raw, 4) if h.score == EXACT]
            if hits:
                return hits[0]
        for no in dict.fromkeys((raw, raw.upper())):
            if conn.exec_driver_sql(
                "SELECT 1 FROM orders WHERE channel_order_no = ? LIMIT 1", (no,)
            ).first():
                hits = [
                    h for h in orders(conn, user, normalize_query(no), no, 4) if h.score == EXACT
                ]
                if hits:
                    return hits[0]
    return None
