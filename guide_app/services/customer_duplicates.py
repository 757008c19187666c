"""Customers of a store that may be the same person, as far as this cache can tell.

What a user can match depends on what the cache holds (the server masks per
reader, see ``guide_server.sync.serialize``):

- supervisors and HQ hold every number of the store whole: a phone match is
  certain;
- a guide holds whole numbers only for their own customers, and colleagues'
  customers' numbers masked (``139****5678``): for those the cache can only
  say "same first three and last four digits" (``certain=False``, about one
  chance in ten thousand per customer of that prefix to be another person);
- member numbers are never masked: a match is certain for everyone.

What the PC cannot see (a customer created on another PC while offline) the
server catches: it flags the later customer (``duplicate_of``) for the
supervisor instead of refusing the edit (``guide_core.duplicates``).
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection

from guide_app.services.customer_views import DuplicateMatch
from guide_core.duplicates import member_key, phone_key
from guide_core.phone import mask_phone

#: Matches listed at most (the warning names a few; more says "a shared number").
MAX_MATCHES = 10

_SELECT = (
    "SELECT c.id, c.data, u.display_name FROM customers c LEFT JOIN users u ON u.id = c.owner_id "
)


def find_duplicates(
    conn: Connection,
    store_id: str,
    phone: str | None,
    member_no: str | None,
    exclude_id: str | None = None,
) -> list[DuplicateMatch]:
    """Customers of ``store_id`` with the same (normalised) phone or member no.;
    certain matches first. Invalid or empty input matches nothing."""
    whole, member = phone_key(phone), member_key(member_no)
    branches = []
    params: list[Any] = []
    if whole:  # both branches are index ranges (phone tail, member no.)
        branches.append("(c.phone_tail4 = ? AND c.phone IN (?, ?))")
        params += [whole[-4:], whole, mask_phone(whole)]
    if member:
        branches.append("c.member_no = ?")
        params.append(member)
    if not branches:
        return []
    rows = conn.exec_driver_sql(
        _SELECT + f"WHERE c.store_id = ? AND c.id != ? AND ({' OR '.join(branches)}) "
        "ORDER BY c.created_at, c.id LIMIT ?",
        (store_id, exclude_id or "", *params, MAX_MATCHES),
    ).all()
    found = [_match(cid, orjson.loads(raw), owner, whole, member) for cid, raw, owner in rows]
    return sorted(found, key=lambda m: not m.certain)


def flag_refs(
    conn: Connection, data: dict[str, Any]
) -> tuple[DuplicateMatch | None, list[DuplicateMatch]]:
    """The customer this one is flagged against, and those flagged against it."""
    whole, member = _keys(data)
    target = None
    if flagged := data.get("duplicate_of"):
        row = conn.exec_driver_sql(_SELECT + "WHERE c.id = ?", (flagged,)).first()
        if row is None:  # not in this cache (yet): name the flag anyway
            target = DuplicateMatch(flagged, "", "", "", None, "", False, False, False)
        else:
            target = _match(row[0], orjson.loads(row[1]), row[2], whole, member)
    rows = conn.exec_driver_sql(  # '=' implies IS NOT NULL: the partial index serves it
        _SELECT + "WHERE json_extract(c.data, '$.duplicate_of') = ? ORDER BY c.created_at, c.id",
        (data["id"],),
    ).all()
    return target, [
        _match(cid, orjson.loads(raw), owner, whole, member) for cid, raw, owner in rows
    ]


def _keys(data: dict[str, Any]) -> tuple[str | None, str | None]:
    phone = data.get("phone") or ""
    whole = phone_key(phone) or (phone if "*" in phone else None)
    return whole, member_key(data.get("member_no"))


def _match(
    cid: str, d: dict[str, Any], owner_name: str | None, whole: str | None, member: str | None
) -> DuplicateMatch:
    phone = d.get("phone") or ""
    exact = bool(whole) and phone_key(phone) == whole
    masked_only = bool(whole) and not exact and mask_phone(phone) == mask_phone(whole)
    by_member = bool(member) and member_key(d.get("member_no")) == member
    return DuplicateMatch(
        id=cid,
        name=d.get("name") or "",
        remark_name=d.get("remark_name") or "",
        phone_display=mask_phone(phone),
        owner_id=d.get("owner_id"),
        owner_name=owner_name or "",
        by_phone=exact or masked_only,
        by_member_no=by_member,
        certain=exact or by_member,
    )
