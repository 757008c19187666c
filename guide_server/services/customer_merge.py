"""合并重复客户 (``customer.merge``): one customer merged into another, in one transaction.

The supervisor (or HQ) keeps one card (``entity_id``) and merges the other
(``fields.merged_id``) into it. Everything that names the merged customer moves to
the kept one: follow-ups, tags (a tag on both kept once; in a single-choice group
the kept card's tag wins), orders (and the import's match suggestions), the
customer's field history, script/material uses, outreach targets and contacts of
task assignments, checklist items that list it, tag removals. Empty fields of the
kept card are filled from the merged one (``guide_core.rules.merge.merged_values``),
its figures are recomputed from the orders, the merged row is deleted (a tombstone
for every PC of the store) and a ``customer_merge`` row remembers where it went.

Edits made meanwhile on a PC that still had the merged customer are not lost:
:func:`redirected` sends a push naming the merged id to the kept customer.

The checks are ``guide_core``'s: who (``customer.merge`` of the operation table,
for both customers) and the pair (``guide_core.rules.merge.merge_refusal``: same
store, duplicates by phone or member no., not the same card).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, delete, select, update
from sqlalchemy.orm import Session

from guide_core.protocol import Mutation, customer_tag_id
from guide_core.rules import Code, check
from guide_core.rules.merge import merge_refusal, merged_values, tags_taken
from guide_server.audit import record
from guide_server.customer_figures import refresh_customer_figures
from guide_server.models import (
    Assignment,
    Customer,
    CustomerHistory,
    CustomerMerge,
    CustomerTag,
    FollowUp,
    ItemCheck,
    Order,
    SyncRow,
    Tag,
    TagGroup,
    TagRemoval,
    TaskItem,
    UsageEvent,
)
from guide_server.models.orders import OrderMatchSuggestion
from guide_server.reader import Reader, store_scope
from guide_server.services.customers import (
    _customer_target,
    _lock_store_duplicates,
    _recheck_flag,
    _recheck_flagged_against,
    load_customer,
)
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.sync.versions import touch

#: Ops whose ``fields.customer_id`` names the customer they act on.
_NAMED_IN_FIELDS = frozenset(
    {
        ("customer_tag", "add"),
        ("customer_tag", "remove"),
        ("follow_up", "create"),
        ("item_check", "contact"),
        ("script", "use"),
        ("material", "use"),
    }
)


# --------------------------------------------------------------------------- redirect


def merged_into(session: Session, customer_id: str) -> str | None:
    """The customer ``customer_id`` was merged into (None: it was not merged)."""
    row = session.get(CustomerMerge, customer_id)
    return row.kept_id if row is not None else None


def redirected(session: Session, m: Mutation) -> Mutation:
    """The mutation as it applies after merges: one naming a merged customer names the
    customer it went into (a tag link's id follows), so an edit made meanwhile on a
    PC that still had the merged card lands on the kept one. A create with a merged
    id is refused (that id is taken for good)."""
    if m.entity == "customer":
        if m.op == "merge":
            return m  # resolved by the handler (both ids)
        kept = merged_into(session, m.entity_id)
        if kept is None:
            return m
        if m.op == "create":
            raise Rejected(Code.ALREADY_EXISTS, f"customer {m.entity_id}（已合并）")
        return m.model_copy(update={"entity_id": kept})
    if (m.entity, m.op) not in _NAMED_IN_FIELDS:
        return m
    cid = m.fields.get("customer_id") if isinstance(m.fields, dict) else None
    if not isinstance(cid, str) or (kept := merged_into(session, cid)) is None:
        return m
    update_: dict[str, Any] = {"fields": {**m.fields, "customer_id": kept}}
    tag = m.fields.get("tag_id")
    if (
        m.entity == "customer_tag"
        and isinstance(tag, str)
        and m.entity_id == customer_tag_id(cid, tag)
    ):
        update_["entity_id"] = customer_tag_id(kept, tag)
    return m.model_copy(update=update_)


# --------------------------------------------------------------------------- the merge


def _as_dict(customer: Customer) -> dict[str, Any]:
    return {c.key: getattr(customer, c.key) for c in Customer.__table__.columns}


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _retouch(session: Session, entity: str, row_id: str, fallback_scope: str) -> None:
    """A new version of a changed row in the scope it already lives in."""
    scope = session.scalar(
        select(SyncRow.scope).where(SyncRow.entity == entity, SyncRow.entity_id == row_id)
    )
    touch(session, entity, row_id, scope or fallback_scope)


def customer_merge(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    kept_id = merged_into(session, m.entity_id) or m.entity_id
    merged_id = merged_into(session, fields["merged_id"]) or fields["merged_id"]
    if merged_id == kept_id and fields["merged_id"] != m.entity_id:
        # merged already (on another PC, or this edit's retry): nothing left to do
        kept = load_customer(session, reader, kept_id, write=False)
        refuse_if(check("customer", "merge", reader.actor, _customer_target(kept), fields))
        return "customer", kept_id
    store_id = session.scalar(select(Customer.store_id).where(Customer.id == kept_id))
    if store_id is not None and reader.can_see_store(store_id):
        _lock_store_duplicates(session, store_id)  # before any row lock
    # row locks in one order (no deadlock); the same id twice is refused by the pair rule
    rows = {
        cid: load_customer(session, reader, cid, write=True) for cid in sorted({kept_id, merged_id})
    }
    kept, merged = rows[kept_id], rows[merged_id]
    for customer in (kept, merged):
        refuse_if(check("customer", "merge", reader.actor, _customer_target(customer), fields))
    refuse_if(merge_refusal(_as_dict(kept), _as_dict(merged)))
    counts = _merge(session, reader, m, kept, merged)
    record(
        session,
        reader,
        "merge_customer",
        f"kept={kept.id} merged={merged.id} store={kept.store_id} follow_ups={counts[0]} "
        f"tags={counts[1]} orders={counts[2]}",
    )
    return "customer", kept.id


def _merge(
    session: Session, reader: Reader, m: Mutation, kept: Customer, merged: Customer
) -> tuple[int, int, int]:
    scope = store_scope(kept.store_id)
    before, theirs = _as_dict(kept), _as_dict(merged)
    values = merged_values(before, theirs)
    for key, value in values.items():
        session.add(
            CustomerHistory(
                customer_id=kept.id,
                field=key,
                old_value=_json(before[key]),
                new_value=_json(value),
                changed_by=reader.user_id,
                mutation_id=str(m.mutation_id),
            )
        )
        setattr(kept, key, value)
    follow_ups = _move_follow_ups(session, kept, merged, scope)
    tags = _move_tags(session, kept, merged, scope)
    orders = _move_orders(session, kept, merged)
    _move_task_refs(session, kept, merged, scope)
    _move_server_rows(session, kept, merged)
    session.add(
        CustomerHistory(
            customer_id=kept.id,
            field="merged_from",
            old_value={k: _json(v) for k, v in theirs.items()},
            new_value=merged.id,
            changed_by=reader.user_id,
            mutation_id=str(m.mutation_id),
        )
    )
    session.execute(  # an earlier merge into the merged one now points at the kept one
        update(CustomerMerge).where(CustomerMerge.kept_id == merged.id).values(kept_id=kept.id)
    )
    session.add(
        CustomerMerge(
            merged_id=merged.id,
            kept_id=kept.id,
            store_id=kept.store_id,
            merged_by=reader.user_id,
            mutation_id=str(m.mutation_id),
            snapshot={k: _json(v) for k, v in theirs.items()},
        )
    )
    flagged_against_merged = session.scalars(
        select(Customer).where(Customer.duplicate_of == merged.id, Customer.id != kept.id)
    ).all()
    session.execute(
        update(Customer)
        .where(Customer.duplicate_dismissed_of == merged.id)
        .values(duplicate_dismissed_of=kept.id)
    )
    if kept.duplicate_dismissed_of == merged.id:
        kept.duplicate_dismissed_of = None
    session.flush()  # every row naming it moved first (foreign keys)
    session.delete(merged)
    session.flush()
    touch(session, "customer", merged.id, scope, deleted=True)
    changed = {c.id: c for c in flagged_against_merged if _recheck_flag(session, reader, m, c)}
    _recheck_flag(session, reader, m, kept)
    if "phone" in values or "member_no" in values:
        changed.update({c.id: c for c in _recheck_flagged_against(session, reader, m, kept)})
    session.flush()
    for other in changed.values():
        touch(session, "customer", other.id, store_scope(other.store_id))
    refresh_customer_figures(session, [kept.id])
    touch(session, "customer", kept.id, scope)  # every PC pulls the kept card whole
    return follow_ups, tags, orders


def _move_follow_ups(session: Session, kept: Customer, merged: Customer, scope: str) -> int:
    ids = list(session.scalars(select(FollowUp.id).where(FollowUp.customer_id == merged.id)))
    if ids:
        session.execute(
            update(FollowUp).where(FollowUp.customer_id == merged.id).values(customer_id=kept.id)
        )
        for fid in ids:
            touch(session, "follow_up", fid, scope)
    return len(ids)


def _move_tags(session: Session, kept: Customer, merged: Customer, scope: str) -> int:
    """The merged card's tags onto the kept card (``tags_taken``); its links go."""
    rows = session.execute(
        select(CustomerTag, Tag.group_id, TagGroup.choice)
        .join(Tag, Tag.id == CustomerTag.tag_id)
        .join(TagGroup, TagGroup.id == Tag.group_id)
        .where(CustomerTag.customer_id.in_([kept.id, merged.id]))
    ).all()
    kept_tags = {link.tag_id: g for link, g, _c in rows if link.customer_id == kept.id}
    merged_links = [link for link, _g, _c in rows if link.customer_id == merged.id]
    merged_tags = {link.tag_id: g for link, g, _c in rows if link.customer_id == merged.id}
    single = {g for _link, g, choice in rows if choice == "single"}
    taken = set(tags_taken(kept_tags, merged_tags, single))
    for link in merged_links:
        session.delete(link)
    session.flush()
    for link in merged_links:
        touch(session, "customer_tag", link.id, scope, deleted=True)
        if link.tag_id not in taken:
            continue
        new_id = customer_tag_id(kept.id, link.tag_id)
        session.add(
            CustomerTag(
                id=new_id,
                customer_id=kept.id,
                tag_id=link.tag_id,
                store_id=kept.store_id,
                added_by=link.added_by,
                added_at=link.added_at,
                source=link.source,
            )
        )
        session.flush()
        touch(session, "customer_tag", new_id, scope)
    return len(taken)


def _move_orders(session: Session, kept: Customer, merged: Customer) -> int:
    orders = session.scalars(select(Order).where(Order.customer_id == merged.id)).all()
    for order in orders:
        order.customer_id = kept.id
    session.flush()
    for order in orders:
        touch(session, "order", order.id, store_scope(order.store_id))
    suggested = set(
        session.scalars(
            select(OrderMatchSuggestion.order_id).where(OrderMatchSuggestion.customer_id == kept.id)
        )
    )
    for s in session.scalars(
        select(OrderMatchSuggestion).where(OrderMatchSuggestion.customer_id == merged.id)
    ).all():
        if s.order_id in suggested:
            session.delete(s)
        else:
            s.customer_id = kept.id
    return len(orders)


def _swap(ids: list | None, old: str, new: str) -> list:
    """``ids`` with ``old`` replaced by ``new`` (once: no duplicate)."""
    out: list = []
    for cid in ids or []:
        cid = new if cid == old else cid
        if cid not in out:
            out.append(cid)
    return out


def _move_task_refs(session: Session, kept: Customer, merged: Customer, scope: str) -> None:
    """Outreach targets and contacts of assignments, and items listing the customer."""
    pattern = f"%{merged.id}%"
    for a in session.scalars(
        select(Assignment).where(
            Assignment.store_id == kept.store_id, cast(Assignment.targets, String).like(pattern)
        )
    ).all():
        targets = {k: _swap(v, merged.id, kept.id) for k, v in (a.targets or {}).items()}
        if targets != a.targets:
            a.targets = targets
            session.flush()
            touch(session, "assignment", a.id, scope)
    for c in session.scalars(
        select(ItemCheck).where(
            ItemCheck.store_id == kept.store_id, cast(ItemCheck.contacted_ids, String).like(pattern)
        )
    ).all():
        contacted = _swap(c.contacted_ids, merged.id, kept.id)
        if contacted != c.contacted_ids:
            c.contacted_ids = contacted
            session.flush()
            touch(session, "item_check", c.id, scope)
    for item in session.scalars(
        select(TaskItem).where(cast(TaskItem.customer_ids, String).like(pattern))
    ).all():
        listed = _swap(item.customer_ids, merged.id, kept.id)
        if listed != item.customer_ids:
            item.customer_ids = listed
            session.flush()
            _retouch(session, "task_item", item.id, scope)


def _move_server_rows(session: Session, kept: Customer, merged: Customer) -> None:
    """Rows no PC syncs: field history, uses of scripts/materials, tag removals."""
    session.execute(
        update(CustomerHistory)
        .where(CustomerHistory.customer_id == merged.id)
        .values(customer_id=kept.id)
    )
    session.execute(
        update(UsageEvent).where(UsageEvent.customer_id == merged.id).values(customer_id=kept.id)
    )
    kept_removed = select(TagRemoval.tag_id).where(TagRemoval.customer_id == kept.id)
    session.execute(
        update(TagRemoval)
        .where(TagRemoval.customer_id == merged.id, TagRemoval.tag_id.not_in(kept_removed))
        .values(customer_id=kept.id)
    )
    session.execute(delete(TagRemoval).where(TagRemoval.customer_id == merged.id))


# --------------------------------------------------------------------------- refused


def resend_after_refusal(session: Session, reader: Reader, m: Mutation) -> None:
    """A refused merge: the pusher's PC already showed it (the merged card gone, its
    follow-ups, tags and orders on the kept card). New versions of those rows, as the
    server has them, and tombstones for the tag links the PC made on the kept card, put
    that PC back as it was on its next pull: nothing stays half done there either."""
    raw = m.fields.get("merged_id") if isinstance(m.fields, dict) else None
    if not isinstance(raw, str):
        return
    kept_id = merged_into(session, m.entity_id) or m.entity_id
    merged = session.get(Customer, merged_into(session, raw) or raw)
    if merged is None or merged.id == kept_id or not reader.can_see_store(merged.store_id):
        return
    scope = store_scope(merged.store_id)
    touch(session, "customer", merged.id, scope)
    for fid in session.scalars(select(FollowUp.id).where(FollowUp.customer_id == merged.id)):
        touch(session, "follow_up", fid, scope)
    kept_tags = set(
        session.scalars(select(CustomerTag.tag_id).where(CustomerTag.customer_id == kept_id))
    )
    for link in session.scalars(select(CustomerTag).where(CustomerTag.customer_id == merged.id)):
        touch(session, "customer_tag", link.id, scope)
        if link.tag_id not in kept_tags:  # made on the PC only
            touch(
                session, "customer_tag", customer_tag_id(kept_id, link.tag_id), scope, deleted=True
            )
    for oid, store_id in session.execute(
        select(Order.id, Order.store_id).where(Order.customer_id == merged.id)
    ):
        touch(session, "order", oid, store_scope(store_id))
