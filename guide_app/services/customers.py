"""Customers: list queries, the card, and every customer write.

Writes validate first (protocol + domain rules + the permission mirror), then
change the local rows and queue the outbox entry in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson
from sqlalchemy import text

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edit, record_edits
from guide_app.cache.rows import read_row
from guide_app.domain import permissions as perm
from guide_app.domain.errors import not_found, raise_if
from guide_app.domain.labels import FOLLOW_UP_CHANNELS, label
from guide_app.domain.validation import checked_fields
from guide_app.services.chain_settings import stage_thresholds
from guide_app.services.customer_duplicates import find_duplicates, flag_refs
from guide_app.services.customer_query import STAGE_EXPR, CustomerQuery, order_clause, where_clause
from guide_app.services.customer_views import (
    CustomerCard,
    CustomerFigures,
    CustomerRow,
    DuplicateMatch,
    FollowUpView,
    figures_of,
)
from guide_app.services.orders import OrderService
from guide_app.services.tags import TagChip, TagService
from guide_core.lifecycle import StageThresholds, stage_of, stage_params
from guide_core.phone import mask_phone
from guide_core.protocol import UserInfo, customer_tag_id
from guide_core.rules import Code, Refusal, Target, check
from guide_core.rules.tags import group_selection_refusal, tag_group_visible
from guide_core.tag_rules_api import is_rule_source

__all__ = [
    "CustomerQuery",
    "CustomerRow",
    "CustomerCard",
    "CustomerFigures",
    "CustomerService",
    "DuplicateMatch",
    "FollowUpDraft",
    "FollowUpView",
]

MAX_PAGE = 1000

#: One validated local edit: ``(entity, op, entity_id, fields, base_version)``.
Edit = tuple[str, str, str, dict[str, Any], int | None]


@dataclass(frozen=True)
class FollowUpDraft:
    """A follow-up the card saves with the rest (``CustomerService.save_card``)."""

    channel: str
    text: str
    next_follow_up_on: date | None = None


class CustomerService:
    def __init__(
        self, cache: Cache, user: UserInfo, thresholds: StageThresholds | None = None
    ) -> None:
        self._cache = cache
        self._user = user
        self._fixed_t = thresholds
        self._tags = TagService(cache, user)

    @property
    def _t(self) -> StageThresholds:
        """HQ's lifecycle thresholds as last pulled (one keyed read), unless given."""
        if self._fixed_t is not None:
            return self._fixed_t
        return stage_thresholds(self._cache)

    # ------------------------------------------------------------------ reads

    def count(self, q: CustomerQuery) -> int:
        where, params = where_clause(q, self._user, date.today(), self._t)
        with self._cache.read() as conn:
            return int(
                conn.execute(
                    text(f"SELECT count(*) FROM customers c WHERE {where}"), params
                ).scalar_one()
            )

    def ids_page(self, q: CustomerQuery, offset: int = 0, limit: int = 100) -> list[str]:
        """Just the ids, for models that fetch rows lazily."""
        where, params = where_clause(q, self._user, date.today(), self._t)
        order = order_clause(q, params, date.today(), self._t)
        params.update(lim=_limit(limit), off=max(0, int(offset)))
        sql = f"SELECT c.id FROM customers c WHERE {where} ORDER BY {order} LIMIT :lim OFFSET :off"
        with self._cache.read() as conn:
            return list(conn.execute(text(sql), params).scalars())

    def page(self, q: CustomerQuery, offset: int = 0, limit: int = 100) -> list[CustomerRow]:
        """One page of the list, filtered and sorted in SQL."""
        today = date.today()
        where, params = where_clause(q, self._user, today, self._t)
        order = order_clause(q, params, today, self._t)
        params.update(stage_params(today, self._t), lim=_limit(limit), off=max(0, int(offset)))
        sql = (
            f"SELECT c.id, c.data, ({STAGE_EXPR}) AS stage, u.display_name "
            f"FROM customers c LEFT JOIN users u ON u.id = c.owner_id "
            f"WHERE {where} ORDER BY {order} LIMIT :lim OFFSET :off"
        )
        with self._cache.read() as conn:
            rows = conn.execute(text(sql), params).all()
            tags = self._tags_of(conn, [r[0] for r in rows])
        out = []
        for cid, raw, stage, owner_name in rows:
            d = orjson.loads(raw)
            out.append(
                CustomerRow(
                    id=cid,
                    name=d["name"],
                    remark_name=d.get("remark_name") or "",
                    phone_display=self._phone_for(d),
                    level=d.get("level") or "normal",
                    stage=stage,
                    tags=tags.get(cid, []),
                    last_purchase_at=d.get("last_purchase_at"),
                    owner_id=d.get("owner_id"),
                    owner_name=owner_name or "",
                    member_no=d.get("member_no") or "",
                    in_group=bool(d.get("in_group")),
                )
            )
        return out

    def get(self, customer_id: str) -> CustomerCard | None:
        """The customer card: profile, tags, follow-ups (newest first), recent orders."""
        with self._cache.read() as conn:
            got = read_row(conn, "customer", customer_id)
            if got is None:
                return None
            version, d = got
            tags = self._tags_of(conn, [customer_id]).get(customer_id, [])
            follow_rows = conn.exec_driver_sql(
                "SELECT f.id, f.version, f.data, u.display_name FROM follow_ups f "
                "LEFT JOIN users u ON u.id = json_extract(f.data, '$.guide_id') "
                "WHERE f.customer_id = ? ORDER BY f.at DESC, f.rowid DESC",
                (customer_id,),
            ).all()
            owner_name = conn.exec_driver_sql(
                "SELECT display_name FROM users WHERE id = ?", (d.get("owner_id"),)
            ).scalar()
            pending = conn.exec_driver_sql(
                "SELECT 1 FROM outbox WHERE entity_id = ? OR json_extract(fields, '$.customer_id') = ? LIMIT 1",
                (customer_id, customer_id),
            ).first()
            duplicate_of, duplicated_by = flag_refs(conn, d)
        see = perm.can_see_phone(self._user, d.get("owner_id"), d.get("store_id"))
        follow_ups = []
        for fid, fver, raw, guide_name in follow_rows:
            f = orjson.loads(raw)
            follow_ups.append(
                FollowUpView(
                    id=fid,
                    channel=f["channel"],
                    channel_label=label(FOLLOW_UP_CHANNELS, f["channel"]),
                    text=f["text"],
                    at=f["at"],
                    next_follow_up_on=f.get("next_follow_up_on"),
                    guide_id=f["guide_id"],
                    guide_name=guide_name
                    or (self._user.display_name if f["guide_id"] == self._user.id else ""),
                    pending=fver == 0,
                )
            )
        return CustomerCard(
            id=d["id"],
            store_id=d["store_id"],
            owner_id=d.get("owner_id"),
            name=d["name"],
            remark_name=d.get("remark_name") or "",
            phone=self._phone_for(d),
            phone_masked=not see or bool(d.get("phone_masked")),
            member_no=d.get("member_no") or "",
            level=d.get("level") or "normal",
            birthday=d.get("birthday"),
            member_since=d.get("member_since"),
            source_channel=d.get("source_channel") or "",
            in_group=bool(d.get("in_group")),
            consent_sms=bool(d.get("consent_sms")),
            consent_wecom=bool(d.get("consent_wecom")),
            notes=d.get("notes") or "",
            first_purchase_at=d.get("first_purchase_at"),
            last_purchase_at=d.get("last_purchase_at"),
            order_count=int(d.get("order_count") or 0),
            total_spent_cents=int(d.get("total_spent_cents") or 0),
            created_at=d.get("created_at"),
            version=version,
            stage=stage_of(
                d.get("last_purchase_at"),
                d.get("member_since"),
                int(d.get("order_count") or 0),
                t=self._t,
            ),
            owner_name=owner_name or "",
            can_see_phone=see,
            can_edit=perm.can_edit_customer(self._user, d.get("owner_id"), d.get("store_id")),
            can_tag=perm.can_tag_customer(self._user, d.get("store_id")),
            pending=pending is not None,
            tags=tags,
            follow_ups=follow_ups,
            recent_orders=OrderService(self._cache, self._user).for_customer(customer_id, 10),
            duplicate_of=duplicate_of,
            duplicated_by=duplicated_by,
            can_dismiss_duplicate=duplicate_of is not None
            and self._refusal("dismiss_duplicate", d) is None,
            figures=figures_of(
                d.get("total_spent_cents"),
                d.get("order_count"),
                d.get("last_purchase_at"),
                d.get("source_channel"),
                owner_name,
                date.today(),
            ),
        )

    def find_duplicates(
        self,
        phone: str | None = None,
        member_no: str | None = None,
        exclude_id: str | None = None,
        store_id: str | None = None,
    ) -> list[DuplicateMatch]:
        """Customers of the store who may be the person about to be saved (the warning
        before a save): same normalised phone or member no., certain matches first.

        The store is ``store_id``, else that of ``exclude_id`` (the customer being
        edited), else the user's. A guide's match on a colleague's customer's phone
        is only on the masked number (``certain=False``): see ``customer_duplicates``.
        """
        with self._cache.read() as conn:
            store = store_id
            if store is None and exclude_id:
                got = read_row(conn, "customer", exclude_id)
                store = got[1].get("store_id") if got else None
            store = store or self._user.store_id
            if not store:
                return []
            return find_duplicates(conn, store, phone, member_no, exclude_id)

    def _phone_for(self, d: dict[str, Any]) -> str:
        phone = d.get("phone") or ""
        if d.get("phone_masked") or not perm.can_see_phone(
            self._user, d.get("owner_id"), d.get("store_id")
        ):
            return mask_phone(phone)
        return phone

    def _tags_of(self, conn: Any, customer_ids: list[str]) -> dict[str, list[TagChip]]:
        if not customer_ids:
            return {}
        visible = self._visible_groups(conn)
        marks = ", ".join("?" for _ in customer_ids)
        rows = conn.exec_driver_sql(
            "SELECT ct.customer_id, t.id, t.data, t.group_id,"
            " json_extract(ct.data, '$.source') FROM customer_tags ct "
            "JOIN tags t ON t.id = ct.tag_id LEFT JOIN tag_groups g ON g.id = t.group_id "
            f"WHERE ct.customer_id IN ({marks}) ORDER BY g.sort, t.sort, t.id",
            tuple(customer_ids),
        ).all()
        out: dict[str, list[TagChip]] = {}
        for cid, tid, raw, gid, source in rows:
            if gid not in visible:
                continue
            t = orjson.loads(raw)
            out.setdefault(cid, []).append(
                TagChip(tid, t["name"], t.get("color") or "#888888", gid, is_rule_source(source))
            )
        return out

    def _visible_groups(self, conn: Any) -> set[str]:
        out = set()
        for gid, raw in conn.exec_driver_sql("SELECT id, data FROM tag_groups"):
            if tag_group_visible(str(self._user.role), orjson.loads(raw).get("visible_roles")):
                out.add(gid)
        return out

    # ------------------------------------------------------------------ writes

    def _customer(self, customer_id: str) -> tuple[int, dict[str, Any]]:
        with self._cache.read() as conn:
            got = read_row(conn, "customer", customer_id)
        if got is None:
            raise not_found(Code.UNKNOWN_CUSTOMER, customer_id, field="customer_id")
        return got

    @staticmethod
    def _target(d: dict[str, Any]) -> Target:
        return Target(store_id=d.get("store_id"), owner_id=d.get("owner_id"))

    def _refusal(
        self, op: str, d: dict[str, Any], fields: dict[str, Any] | None = None
    ) -> Refusal | None:
        """The shared rule of ``op`` on the cached customer ``d`` (the server's own check)."""
        entity = {"add_tag": "customer_tag", "follow_up": "follow_up"}.get(op, "customer")
        op = {"add_tag": "add", "follow_up": "create"}.get(op, op)
        return check(entity, op, perm.actor_of(self._user), self._target(d), fields)

    def _staff_refusal(self, owner_id: str, store_id: str | None) -> Refusal | None:
        """An owner must be an active guide or supervisor of the customer's store."""
        with self._cache.read() as conn:
            row = conn.exec_driver_sql(
                "SELECT store_id, active, role FROM users WHERE id = ?", (owner_id,)
            ).first()
        if row is None or row[0] != store_id or not row[1] or row[2] not in ("guide", "supervisor"):
            return Refusal(Code.UNKNOWN_OWNER, owner_id)
        return None

    def create(self, **fields: Any) -> str:
        """New customer; returns its id. Guides own what they create."""
        u = self._user
        fields = checked_fields("customer", "create", fields)
        asked = Target(store_id=fields.get("store_id"), owner_id=fields.get("owner_id"))
        refusal = check("customer", "create", perm.actor_of(u), asked, fields)
        raise_if(
            refusal, field="owner_id" if refusal and refusal.code == "not_owner" else "store_id"
        )
        store = fields.get("store_id") if u.role == "hq" else u.store_id
        if u.role == "hq":  # a store HQ names must exist (one's own store does)
            with self._cache.read() as conn:
                known = conn.exec_driver_sql("SELECT 1 FROM stores WHERE id = ?", (store,)).first()
            if known is None:
                raise not_found(Code.UNKNOWN_STORE, str(store), field="store_id")
        owner = fields.get("owner_id") or (None if u.role == "hq" else u.id)
        if owner and (u.role == "hq" or owner != u.id):
            raise_if(self._staff_refusal(owner, store), field="owner_id")
        fields.update(owner_id=owner, store_id=store)
        cid = str(uuid.uuid4())
        record_edit(self._cache, u.id, "customer", "create", cid, fields, None)
        return cid

    def update(self, customer_id: str, **fields: Any) -> None:
        """Change the given fields only (the server keeps last writer per field)."""
        if fields:
            record_edits(self._cache, self._user.id, [self._update_edit(customer_id, fields)])

    def _update_edit(self, customer_id: str, fields: dict[str, Any]) -> Edit:
        """The validated ``customer.update`` edit (nothing written)."""
        fields = checked_fields("customer", "update", fields)
        version, d = self._customer(customer_id)
        raise_if(self._refusal("update", d, fields))
        return ("customer", "update", customer_id, fields, version or None)

    def dismiss_duplicate(self, customer_id: str) -> None:
        """The supervisor checked the server's flag: not the same person (server-checked too)."""
        version, d = self._customer(customer_id)
        raise_if(self._refusal("dismiss_duplicate", d))
        if not d.get("duplicate_of"):
            raise_if(Refusal(Code.NOT_FLAGGED), field="duplicate_of")
        fields = checked_fields(
            "customer", "dismiss_duplicate", {"duplicate_of": d["duplicate_of"]}
        )
        record_edit(
            self._cache,
            self._user.id,
            "customer",
            "dismiss_duplicate",
            customer_id,
            fields,
            version or None,
        )

    def reassign(self, customer_ids: Iterable[str], owner_id: str) -> None:
        """离职继承: hand customers to another guide of the store, all in one transaction."""
        fields = checked_fields("customer", "reassign", {"owner_id": owner_id})
        edits = []
        for cid in dict.fromkeys(customer_ids):
            with self._cache.read() as conn:
                got = read_row(conn, "customer", cid)
            if got is None:
                raise not_found(Code.UNKNOWN_CUSTOMER, cid, field="customer_ids")
            raise_if(self._refusal("reassign", got[1], fields), field="customer_ids")
            raise_if(self._staff_refusal(owner_id, got[1].get("store_id")), field="owner_id")
            edits.append(("customer", "reassign", cid, fields, got[0] or None))
        record_edits(self._cache, self._user.id, edits)

    def _tag_edit(self, customer_id: str, tag_id: str, op: str) -> tuple:
        fields = checked_fields("customer_tag", op, {"customer_id": customer_id, "tag_id": tag_id})
        _v, d = self._customer(customer_id)
        raise_if(check("customer_tag", op, perm.actor_of(self._user), self._target(d), fields))
        group = self._tags.group_of(tag_id) if op == "add" else None
        if op == "add" and (
            group is None or (group.scope == "store" and group.store_id != d.get("store_id"))
        ):
            raise not_found(Code.UNKNOWN_TAG, tag_id, field="tag_id")
        link = customer_tag_id(customer_id, tag_id)
        with self._cache.read() as conn:
            got = read_row(conn, "customer_tag", link)
        return ("customer_tag", op, link, fields, got[0] if got and got[0] else None)

    def add_tag(self, customer_id: str, tag_id: str) -> None:
        """Add a tag; in a single-choice group the group's other tag goes (here and on the server)."""
        record_edits(self._cache, self._user.id, [self._tag_edit(customer_id, tag_id, "add")])

    def remove_tag(self, customer_id: str, tag_id: str) -> None:
        record_edits(self._cache, self._user.id, [self._tag_edit(customer_id, tag_id, "remove")])

    def set_group_tags(self, customer_id: str, group_id: str, tag_ids: Iterable[str]) -> None:
        """Make the customer's tags in one group exactly ``tag_ids`` (removes, then adds)."""
        edits = self._group_tag_edits(customer_id, group_id, tag_ids)
        if edits:
            record_edits(self._cache, self._user.id, edits)

    def _group_tag_edits(
        self, customer_id: str, group_id: str, tag_ids: Iterable[str]
    ) -> list[Edit]:
        """The validated tag removes and adds that make one group ``tag_ids`` (nothing written)."""
        wanted = set(tag_ids)
        group = next((g for g in self._tags.groups() if g.id == group_id), None)
        if group is None:
            raise not_found(Code.UNKNOWN_TAG, f"标签组 {group_id}", field="group_id")
        raise_if(group_selection_refusal(group.choice, wanted), field="tag_ids")
        known = {t.id for t in group.tags}
        if unknown := wanted - known:
            raise not_found(
                Code.UNKNOWN_TAG, f"不属于「{group.name}」: {sorted(unknown)}", "tag_ids"
            )
        with self._cache.read() as conn:
            current = {
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT tag_id FROM customer_tags WHERE customer_id = ?", (customer_id,)
                )
                if r[0] in known
            }
        edits = [self._tag_edit(customer_id, t, "remove") for t in sorted(current - wanted)]
        edits += [self._tag_edit(customer_id, t, "add") for t in sorted(wanted - current)]
        return edits

    def add_follow_up(
        self, customer_id: str, channel: str, text: str, next_follow_up_on: date | None = None
    ) -> str:
        """Append a follow-up (time = this PC's clock, as the guide saw it); returns its id."""
        edit = self._follow_up_edit(customer_id, FollowUpDraft(channel, text, next_follow_up_on))
        record_edits(self._cache, self._user.id, [edit])
        return edit[2]

    def _follow_up_edit(self, customer_id: str, draft: FollowUpDraft) -> Edit:
        """The validated ``follow_up.create`` edit with a new id (nothing written)."""
        raw = {
            "customer_id": customer_id,
            "channel": draft.channel,
            "text": draft.text,
            "at": datetime.now(UTC).astimezone(),
            "next_follow_up_on": draft.next_follow_up_on,
        }
        fields = checked_fields("follow_up", "create", raw)
        _v, d = self._customer(customer_id)
        raise_if(self._refusal("follow_up", d, fields))
        return ("follow_up", "create", str(uuid.uuid4()), fields, None)

    def save_card(
        self,
        customer_id: str,
        profile: dict[str, Any] | None = None,
        group_tags: Mapping[str, Iterable[str]] | None = None,
        follow_up: FollowUpDraft | None = None,
    ) -> list[str]:
        """The customer card's 保存: profile fields, tag groups (group id → the tags it
        should hold) and a follow-up, as ONE local transaction.

        Everything is validated first; the first problem raises (``ValidationFailed``
        / ``Forbidden`` / ``NotFound`` naming its field) and nothing is written. Then
        the rows change and the outbox entries are queued in one ``cache.write()``,
        so the server receives them together. Returns the mutation ids (none when
        there was nothing to save).
        """
        edits: list[Edit] = []
        if profile:
            edits.append(self._update_edit(customer_id, profile))
        for group_id, tag_ids in (group_tags or {}).items():
            edits += self._group_tag_edits(customer_id, group_id, tag_ids)
        if follow_up is not None:
            edits.append(self._follow_up_edit(customer_id, follow_up))
        if not edits:
            return []
        return record_edits(self._cache, self._user.id, edits)


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_PAGE))
