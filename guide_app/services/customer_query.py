"""Filtering, sorting and paging customers in SQL (100,000 rows stay in SQLite)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from guide_app.cache.fts import normalize_query, prefix_bounds
from guide_app.domain.errors import ValidationFailed
from guide_core.lifecycle import StageThresholds, stage_params, stage_sql
from guide_core.protocol import UserInfo


@dataclass
class CustomerQuery:
    mine_only: bool = True
    text: str = ""
    #: group id → tag ids: OR within a group, AND across groups (as WeCom does)
    tag_ids_by_group: dict[str, set[str]] = field(default_factory=dict)
    levels: set[str] = field(default_factory=set)
    stages: set[str] = field(default_factory=set)
    owner_id: str | None = None
    in_group: bool | None = None
    birthday_this_month: bool = False
    #: only customers the server flagged as suspected duplicates (疑似重复)
    duplicates_only: bool = False
    sort_key: str = "name"
    sort_desc: bool = False


STAGE_EXPR = stage_sql("c.last_purchase_at", "c.member_since", "c.order_count")
_LEVEL_RANK = "CASE c.level WHEN 'normal' THEN 0 WHEN 'silver' THEN 1 WHEN 'gold' THEN 2 ELSE 3 END"
_STAGE_RANK = (
    f"CASE ({STAGE_EXPR}) WHEN 'new' THEN 0 WHEN 'active' THEN 1 WHEN 'dormant' THEN 2 ELSE 3 END"
)
SORT_KEYS: dict[str, str] = {
    "name": "c.pinyin",
    "remark_name": "c.remark_name",
    "phone": "c.phone",
    "level": _LEVEL_RANK,
    "stage": _STAGE_RANK,
    "last_purchase_at": "c.last_purchase_at",
    "owner_name": "(SELECT u.display_pinyin FROM users u WHERE u.id = c.owner_id)",
    "member_no": "c.member_no",
    "created_at": "c.created_at",
    "member_since": "c.member_since",
    "total_spent_cents": "c.total_spent_cents",
    "order_count": "c.order_count",
    "in_group": "c.in_group",
}


def text_clause(text: str, params: dict[str, Any]) -> str | None:
    """Customers whose name or remark (any substring), pinyin, initials, member no.
    (prefix) or phone (last digits) match ``text``; every branch is an index range."""
    t = normalize_query(text)
    if not t:
        return None
    raw = " ".join(text.split())
    lo, hi = prefix_bounds(t)
    params.update(tq_lo=lo, tq_hi=hi, tq=t, tq_mlo=raw.upper(), tq_mhi=raw.upper() + "\U0010ffff")
    parts = [
        "c.id IN (SELECT customer_id FROM customer_search_keys"
        " WHERE key >= :tq_lo AND key < :tq_hi)",
        "(c.pinyin >= :tq_lo AND c.pinyin < :tq_hi)",
        "(c.initials >= :tq_lo AND c.initials < :tq_hi)",
        "(c.member_no >= :tq_mlo AND c.member_no < :tq_mhi)",
    ]
    if t.isdigit() and len(t) >= 4:
        params.update(tq_tail=t[-4:], tq_like="%" + t)
        parts.append("(c.phone_tail4 = :tq_tail AND c.phone LIKE :tq_like)")
    return "(" + " OR ".join(parts) + ")"


def where_clause(
    q: CustomerQuery, user: UserInfo, today: date, t: StageThresholds
) -> tuple[str, dict[str, Any]]:
    """SQL WHERE (never empty) and its bound parameters."""
    params: dict[str, Any] = {}
    clauses = ["1 = 1"]
    if q.mine_only:
        clauses.append("c.owner_id = :me")
        params["me"] = user.id
    if q.owner_id:
        clauses.append("c.owner_id = :owner")
        params["owner"] = q.owner_id
    if q.text and (tc := text_clause(q.text, params)):
        clauses.append(tc)
    if q.levels:
        clauses.append(_in("c.level", q.levels, "lv", params))
    if q.stages:
        params.update(stage_params(today, t))
        clauses.append(_in(f"({STAGE_EXPR})", q.stages, "sg", params))
    if q.in_group is not None:
        clauses.append("c.in_group = :ig")
        params["ig"] = int(q.in_group)
    if q.duplicates_only:  # the partial index's own expression (schema.DUPLICATE_OF_SQL)
        clauses.append("json_extract(c.data, '$.duplicate_of') IS NOT NULL")
    if q.birthday_this_month:
        clauses.append("substr(c.birthday, 6, 2) = :bm")
        params["bm"] = f"{today.month:02d}"
    for gi, (_group, tag_ids) in enumerate(sorted(q.tag_ids_by_group.items())):
        if not tag_ids:
            continue
        inner = _in("ct.tag_id", tag_ids, f"tg{gi}_", params)
        clauses.append(
            f"EXISTS (SELECT 1 FROM customer_tags ct WHERE ct.customer_id = c.id AND {inner})"
        )
    return " AND ".join(clauses), params


def order_clause(q: CustomerQuery, params: dict[str, Any], today: date, t: StageThresholds) -> str:
    expr = SORT_KEYS.get(q.sort_key)
    if expr is None:
        raise ValidationFailed(f"不能按 {q.sort_key!r} 排序", field="sort_key")
    if q.sort_key == "stage":
        params.update(stage_params(today, t))
    direction = "DESC" if q.sort_desc else "ASC"
    # Empty values last whichever the direction, then a stable tie-break.
    return f"({expr}) IS NULL, ({expr}) {direction}, c.name {direction}, c.id"


def _in(column: str, values: set[str], prefix: str, params: dict[str, Any]) -> str:
    names = []
    for i, v in enumerate(sorted(values)):
        key = f"{prefix}{i}"
        params[key] = v
        names.append(f":{key}")
    return f"{column} IN ({', '.join(names)})"
