"""One searcher per kind, on the raw sqlite3 connection of a read transaction
(SQLAlchemy's per-statement overhead would be most of a sub-millisecond query). Each runs a few index-backed queries (exact, prefix,
FTS5 trigram substring, or the short-query fallbacks), keeps the best score per
row, and builds hits from typed columns only (no JSON parsing on the hot path)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from guide_app.cache.fts import fts_phrase, prefix_bounds, trigram_ok
from guide_app.cache.pinyin_index import name_readings
from guide_app.domain import permissions as perm
from guide_app.domain.labels import (
    LEVELS,
    MATERIAL_KINDS,
    ORDER_CHANNELS,
    ORDER_STATUSES,
    TASK_KINDS,
    label,
)
from guide_app.services import library_search
from guide_core.phone import mask_phone
from guide_core.protocol import UserInfo

from .results import EXACT, PREFIX, STRONG_PREFIX, SUBSTRING, TITLE_SUBSTRING, Hit, Scores

Searcher = Callable[[sqlite3.Connection, UserInfo | None, str, str, int], list[Hit]]


def _ids(conn: sqlite3.Connection, sql: str, *args: object) -> list[str]:
    return [r[0] for r in conn.execute(sql, args)]


def _details(conn: sqlite3.Connection, sql: str, ids: list[str]) -> list[tuple]:
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    return conn.execute(sql.format(marks=marks), tuple(ids)).fetchall()


def _customer_score(t: str, raw: str, row: tuple) -> int:
    """exact > pinyin/initials/phone tail typed whole > prefix > substring."""
    _, name, remark, phone, member_no, _lv, _o, _s, py, ini = row
    name_l, remark_l, member_l = (
        (name or "").lower(),
        (remark or "").lower(),
        (member_no or "").lower(),
    )
    readings = [k for text in (name, remark) if text for r in name_readings(text) for k in r]
    compact = t.replace(" ", "")
    if t in (name_l, remark_l) or (member_l and t == member_l) or (len(t) == 11 and t == phone):
        return EXACT
    if compact in (py, ini, *readings) or (
        t.isdigit() and len(t) >= 4 and (phone or "").endswith(t)
    ):
        return STRONG_PREFIX
    if any(x and x.startswith(t) for x in (name_l, remark_l, py, ini, member_l, *readings)):
        return PREFIX
    return SUBSTRING


def customers(
    conn: sqlite3.Connection, user: UserInfo | None, t: str, raw: str, limit: int
) -> list[Hit]:
    n = limit * 4
    lo, hi = prefix_bounds(t)
    ids: dict[str, None] = {}

    def add(sql: str, *args: object) -> None:
        ids.update(dict.fromkeys(_ids(conn, sql, *args, n)))

    add("SELECT id FROM customers WHERE name = ? LIMIT ?", raw)
    for code in dict.fromkeys((raw, t.upper())):
        add("SELECT id FROM customers WHERE member_no = ? LIMIT ?", code)
    add("SELECT id FROM customers WHERE name >= ? AND name < ? LIMIT ?", raw, raw + "\U0010ffff")
    if t.isdigit() and len(t) >= 4:
        add(
            "SELECT id FROM customers WHERE phone_tail4 = ? AND phone LIKE ? LIMIT ?",
            t[-4:],
            "%" + t,
        )
    if len(t) >= 2 and t[0].isalpha():
        add(
            "SELECT id FROM customers WHERE member_no >= ? AND member_no < ? LIMIT ?",
            t.upper(),
            t.upper() + "\U0010ffff",
        )
    if t.isascii() and t.replace(" ", "").isalpha():
        compact = t.replace(" ", "")
        c_lo, c_hi = prefix_bounds(compact)
        add("SELECT id FROM customers WHERE initials = ? LIMIT ?", compact)
        add("SELECT id FROM customers WHERE pinyin = ? LIMIT ?", compact)
        add("SELECT id FROM customers WHERE initials >= ? AND initials < ? LIMIT ?", c_lo, c_hi)
        add("SELECT id FROM customers WHERE pinyin >= ? AND pinyin < ? LIMIT ?", c_lo, c_hi)
    add(
        "SELECT customer_id FROM customer_search_keys WHERE key >= ? AND key < ? LIMIT ?",
        lo,
        hi,
    )
    rows = _details(
        conn,
        "SELECT id, name, remark_name, phone, member_no, level, owner_id, store_id, pinyin, initials "
        "FROM customers WHERE id IN ({marks})",
        list(ids),
    )
    scored = sorted(
        ((_customer_score(t, raw, r), r) for r in rows),
        key=lambda sr: (-sr[0], sr[1][8] or "", sr[1][1]),
    )
    hits = []
    for score, (
        cid,
        name,
        remark,
        phone,
        member_no,
        level,
        owner_id,
        store_id,
        _py,
        _ini,
    ) in scored[:limit]:
        see = user is not None and perm.can_see_phone(user, owner_id, store_id)
        phone_text = phone if see else mask_phone(phone)
        parts = [label(LEVELS, level), phone_text, f"会员号 {member_no}" if member_no else ""]
        title = f"{name}（{remark}）" if remark else name
        hits.append(Hit("customer", cid, title, " · ".join(p for p in parts if p), score))
    return hits


def orders(
    conn: sqlite3.Connection, user: UserInfo | None, t: str, raw: str, limit: int
) -> list[Hit]:
    n = limit * 4
    s = Scores()
    for code in dict.fromkeys((raw, t.upper())):
        s.add(
            _ids(conn, "SELECT id FROM orders WHERE channel_order_no = ? LIMIT ?", code, n), EXACT
        )
        if len(code) >= 4:
            s.add(
                _ids(
                    conn,
                    "SELECT id FROM orders WHERE channel_order_no >= ? AND channel_order_no < ? LIMIT ?",
                    code,
                    code + "\U0010ffff",
                    n,
                ),
                PREFIX,
            )
    if trigram_ok(t):
        s.add(
            _ids(
                conn,
                "SELECT o.id FROM orders_fts f JOIN orders o ON o.rowid = f.rowid "
                "WHERE orders_fts MATCH ? LIMIT ?",
                fts_phrase(t),
                n,
            ),
            SUBSTRING,
        )
    rows = _details(
        conn,
        "SELECT o.id, o.channel, o.channel_order_no, o.paid_at, o.item_names, "
        "json_extract(o.data, '$.amount_cents'), json_extract(o.data, '$.status'), c.name "
        "FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id IN ({marks})",
        list(s.by_id),
    )
    info = {r[0]: r for r in rows}
    hits = []
    for oid, score in s.top(limit, {r[0]: r[2] for r in rows}):
        if oid not in info:
            continue
        _, channel, no, paid_at, items, amount, status, cname = info[oid]
        parts = [
            cname or "",
            f"¥{(amount or 0) / 100:.2f}",
            label(ORDER_STATUSES, status),
            (paid_at or "")[:10],
            (items or "")[:30],
        ]
        hits.append(
            Hit(
                "order",
                oid,
                f"{label(ORDER_CHANNELS, channel)} {no}",
                " · ".join(p for p in parts if p),
                score,
            )
        )
    return hits


def _snippet(text: str | None, n: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _titled(kind: str, table: str, extra_cols: str, subtitle: Callable[[tuple], str]) -> Searcher:
    """The searcher of a titled kind: ``table`` (``id, title, <extra_cols>``), its FTS5
    trigram table ``<table>_fts`` and its rows in ``content_search_keys``; ``subtitle``
    makes a hit's subtitle from ``(id, title, *extra_cols)``."""
    fts = f"{table}_fts"
    exact_sql = f"SELECT id FROM {table} WHERE title = ? LIMIT ?"
    prefix_sql = f"SELECT id FROM {table} WHERE title >= ? AND title < ? LIMIT ?"
    fts_sql = (
        f"SELECT x.id FROM {fts} f JOIN {table} x ON x.rowid = f.rowid WHERE {fts} MATCH ? LIMIT ?"
    )
    keys_sql = (
        "SELECT row_id FROM content_search_keys WHERE kind = ? AND key >= ? AND key < ? LIMIT ?"
    )
    details_sql = f"SELECT id, title, {extra_cols} FROM {table} WHERE id IN ({{marks}})"

    def search(
        conn: sqlite3.Connection, user: UserInfo | None, t: str, raw: str, limit: int
    ) -> list[Hit]:
        n = limit * 4
        s = Scores()
        s.add(_ids(conn, exact_sql, raw, n), EXACT)
        s.add(_ids(conn, prefix_sql, raw, raw + "\U0010ffff", n), PREFIX)
        if trigram_ok(t):
            s.add(_ids(conn, fts_sql, fts_phrase(t), n), SUBSTRING)
        else:
            s.add(_ids(conn, keys_sql, kind, *prefix_bounds(t), n), SUBSTRING)
        rows = _details(conn, details_sql, list(s.by_id))
        info = {r[0]: r for r in rows}
        for r in rows:  # the title itself containing the text beats a body match
            if t in (r[1] or "").lower():
                s.add([r[0]], TITLE_SUBSTRING)
        hits = []
        for rid, score in s.top(limit, {r[0]: r[1] for r in rows}):
            if rid in info:
                hits.append(Hit(kind, rid, info[rid][1], subtitle(info[rid]), score))
        return hits

    return search


def _library(kind: str) -> Searcher:
    """Scripts or materials through the library's own search (``services.library_search``):
    the same matches, ranking and validity as the 话术素材 page."""

    def search(
        conn: sqlite3.Connection, user: UserInfo | None, t: str, raw: str, limit: int
    ) -> list[Hit]:
        hits = library_search.search(conn, raw, date.today().isoformat(), limit, (kind,))
        return [
            Hit(
                kind,
                h.id,
                h.title,
                " · ".join(
                    p
                    for p in (
                        label(MATERIAL_KINDS, h.material_kind) if h.material_kind else "",
                        h.snippet,
                    )
                    if p
                ),
                _LIBRARY_SCORES.get(h.score, SUBSTRING),
            )
            for h in hits
        ]

    return search


_LIBRARY_SCORES = {
    library_search.EXACT_TITLE: EXACT,
    library_search.TITLE_PREFIX: PREFIX,
    library_search.TITLE_CONTAINS: TITLE_SUBSTRING,
    library_search.TITLE_PINYIN_PREFIX: TITLE_SUBSTRING,
    library_search.TITLE_PINYIN: TITLE_SUBSTRING,
}
scripts = _library("script")
materials = _library("material")
tasks = _titled(
    "task",
    "tasks",
    "json_extract(data, '$.kind'), due_at",
    lambda r: " · ".join(
        p for p in (label(TASK_KINDS, r[2]), f"截止 {r[3][:10]}" if r[3] else "") if p
    ),
)


SEARCHERS: dict[str, Searcher] = {
    "customer": customers,
    "order": orders,
    "script": scripts,
    "material": materials,
    "task": tasks,
}
