"""合并重复客户 on this PC: the store's duplicate groups, a merge preview, the merge.

The groups are the cache's customers of the user's store sharing a phone number
or a member no. (the keys of ``guide_core.duplicates``; a supervisor holds every
number of the store whole, so a phone match is certain). A merge is checked with
the server's own rules (``customer.merge`` of the operation table and
``guide_core.rules.merge``), applied to the local rows at once by the overlay
(the merged card disappears, its follow-ups, tags and orders show on the kept
one) and queued as one ``customer.merge``: it works offline, the server applies
it in one transaction when the PC syncs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edit
from guide_app.cache.rows import read_row
from guide_app.domain import permissions as perm
from guide_app.domain.errors import not_found, raise_if
from guide_app.domain.validation import checked_fields
from guide_core.duplicates import member_key, phone_key
from guide_core.phone import mask_phone
from guide_core.protocol import UserInfo
from guide_core.rules import Code, Refusal, Target, check
from guide_core.rules.merge import merge_refusal, merged_values, tags_taken

#: Groups listed at most (a store with more fixes them a page at a time).
MAX_GROUPS = 200


@dataclass(frozen=True)
class MergeCard:
    """One customer of a duplicate group, with what a merge would move."""

    id: str
    name: str
    remark_name: str
    phone_display: str
    member_no: str
    owner_id: str | None
    owner_name: str
    created_at: str | None
    follow_ups: int
    tags: int
    orders: int


@dataclass(frozen=True)
class DuplicateGroup:
    """Customers of the store that share a phone or member no. (oldest first)."""

    #: ``phone`` or ``member_no`` (the first key that joined them)
    by: str
    #: what they share, as shown (the phone masked)
    key: str
    cards: list[MergeCard]


@dataclass(frozen=True)
class MergePreview:
    """What the kept card will have after merging ``merged`` into ``kept``."""

    kept: MergeCard
    merged: MergeCard
    #: rows of the merged card that move to the kept one
    follow_ups: int
    tags: int
    orders: int
    #: fields of the kept card that change (``guide_core.rules.merge.merged_values``)
    filled: dict[str, Any] = field(default_factory=dict)
    #: why it may not be merged (None: it may)
    refusal: Refusal | None = None


class CustomerMergeService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    # ------------------------------------------------------------------ reads

    def groups(self) -> list[DuplicateGroup]:
        """The user's store's duplicate groups (none for a user without a store)."""
        store = self._user.store_id
        if not store:
            return []
        with self._cache.read() as conn:
            rows = {
                cid: orjson.loads(raw)
                for cid, raw in conn.exec_driver_sql(
                    "SELECT id, data FROM customers WHERE store_id = ? AND ("
                    " phone IN (SELECT phone FROM customers WHERE store_id = ? AND phone != ''"
                    "  GROUP BY phone HAVING count(*) > 1)"
                    " OR member_no IN (SELECT member_no FROM customers WHERE store_id = ?"
                    "  AND member_no != '' GROUP BY member_no HAVING count(*) > 1))",
                    (store, store, store),
                )
            }
            grouped = _group(rows)[:MAX_GROUPS]
            ids = [cid for _by, _key, members in grouped for cid in members]
            cards = self._cards(conn, {cid: rows[cid] for cid in ids})
        return [
            DuplicateGroup(by, key, [cards[cid] for cid in members]) for by, key, members in grouped
        ]

    def preview(self, kept_id: str, merged_id: str) -> MergePreview:
        """Both cards, what moves, what the kept card takes, and any refusal."""
        with self._cache.read() as conn:
            kept, merged = self._pair(conn, kept_id, merged_id)
            cards = self._cards(conn, {kept_id: kept, merged_id: merged})
            tags = _tags_of(conn, [kept_id, merged_id])
            single = {
                g
                for (g,) in conn.exec_driver_sql(
                    "SELECT id FROM tag_groups WHERE json_extract(data, '$.choice') = 'single'"
                )
            }
        moved = tags_taken(tags.get(kept_id, {}), tags.get(merged_id, {}), single)
        return MergePreview(
            kept=cards[kept_id],
            merged=cards[merged_id],
            follow_ups=cards[merged_id].follow_ups,
            tags=len(moved),
            orders=cards[merged_id].orders,
            filled=merged_values(kept, merged),
            refusal=self._refusal(kept, merged),
        )

    # ------------------------------------------------------------------ the write

    def merge(self, kept_id: str, merged_id: str) -> str:
        """Merge ``merged_id`` into ``kept_id`` (checked here and by the server); returns
        the mutation id. Works offline: the local rows change at once."""
        fields = checked_fields("customer", "merge", {"merged_id": merged_id})
        with self._cache.read() as conn:
            kept, merged = self._pair(conn, kept_id, merged_id)
            version = read_row(conn, "customer", kept_id)[0]  # type: ignore[index]
        raise_if(self._refusal(kept, merged), field="merged_id")
        return record_edit(
            self._cache, self._user.id, "customer", "merge", kept_id, fields, version or None
        )

    # ------------------------------------------------------------------ helpers

    def _refusal(self, kept: dict[str, Any], merged: dict[str, Any]) -> Refusal | None:
        actor = perm.actor_of(self._user)
        for d in (kept, merged):
            target = Target(store_id=d.get("store_id"), owner_id=d.get("owner_id"))
            if refusal := check("customer", "merge", actor, target, {"merged_id": merged["id"]}):
                return refusal
        return merge_refusal(kept, merged)

    @staticmethod
    def _pair(conn: Connection, kept_id: str, merged_id: str) -> tuple[dict, dict]:
        out = []
        for cid, name in ((kept_id, "kept_id"), (merged_id, "merged_id")):
            got = read_row(conn, "customer", cid)
            if got is None:
                raise not_found(Code.UNKNOWN_CUSTOMER, cid, field=name)
            out.append(got[1])
        return out[0], out[1]

    def _cards(self, conn: Connection, rows: dict[str, dict[str, Any]]) -> dict[str, MergeCard]:
        ids = list(rows)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        counts: dict[str, dict[str, int]] = {cid: {} for cid in ids}
        for table, kind in (
            ("follow_ups", "follow_ups"),
            ("customer_tags", "tags"),
            ("orders", "orders"),
        ):
            for cid, n in conn.exec_driver_sql(
                f"SELECT customer_id, count(*) FROM {table} WHERE customer_id IN ({marks}) "
                "GROUP BY customer_id",
                tuple(ids),
            ):
                counts[cid][kind] = int(n)
        owners = {
            d.get("owner_id") for d in rows.values() if d.get("owner_id")
        }  # display names of the owners
        names = dict(
            conn.exec_driver_sql(
                f"SELECT id, display_name FROM users WHERE id IN ({','.join('?' * len(owners))})",
                tuple(owners),
            ).all()
            if owners
            else []
        )
        return {
            cid: MergeCard(
                id=cid,
                name=d.get("name") or "",
                remark_name=d.get("remark_name") or "",
                phone_display=mask_phone(d.get("phone") or ""),
                member_no=d.get("member_no") or "",
                owner_id=d.get("owner_id"),
                owner_name=names.get(d.get("owner_id"), "") or "",
                created_at=d.get("created_at"),
                follow_ups=counts[cid].get("follow_ups", 0),
                tags=counts[cid].get("tags", 0),
                orders=counts[cid].get("orders", 0),
            )
            for cid, d in rows.items()
        }


def _tags_of(conn: Connection, ids: list[str]) -> dict[str, dict[str, str]]:
    """customer id → {tag id: group id}."""
    out: dict[str, dict[str, str]] = {}
    marks = ",".join("?" * len(ids))
    for cid, tid, gid in conn.exec_driver_sql(
        "SELECT ct.customer_id, ct.tag_id, t.group_id FROM customer_tags ct "
        f"JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id IN ({marks})",
        tuple(ids),
    ):
        out.setdefault(cid, {})[tid] = gid
    return out


def _group(rows: dict[str, dict[str, Any]]) -> list[tuple[str, str, list[str]]]:
    """Customers joined by a shared phone or member no. (transitively): ``(by, key shown,
    ids oldest first)`` per group, groups in the order of their oldest customer."""
    parent = {cid: cid for cid in rows}

    def root(cid: str) -> str:
        while parent[cid] != cid:
            parent[cid] = parent[parent[cid]]
            cid = parent[cid]
        return cid

    keys = {"phone": phone_key, "member_no": member_key}
    for by, key_of in keys.items():
        seen: dict[str, str] = {}
        for cid, d in sorted(rows.items()):
            key = key_of(d.get(by))
            if key is None:
                continue
            if key in seen:
                a, b = root(seen[key]), root(cid)
                if a != b:
                    parent[b] = a
            else:
                seen[key] = cid
    members: dict[str, list[str]] = {}
    for cid in rows:
        members.setdefault(root(cid), []).append(cid)

    def age(cid: str) -> tuple[str, str]:
        return (rows[cid].get("created_at") or "", cid)

    groups = []
    for ids in members.values():
        if len(ids) < 2:
            continue
        ids.sort(key=age)
        shown = ("phone", "")
        for by, key_of in keys.items():
            found = [key_of(rows[c].get(by)) for c in ids]
            shared = next((k for k in found if k is not None and found.count(k) > 1), None)
            if shared is not None:
                shown = (by, mask_phone(shared) if by == "phone" else shared)
                break
        groups.append((*shown, ids))
    return sorted(groups, key=lambda g: age(g[2][0]))
