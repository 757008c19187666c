"""离职继承: applying ``user.handover`` as ONE transaction, the grace push, HQ's report.

``user_handover`` (a push handler; ``sync.push`` runs it inside the mutation's
transaction, so a refusal leaves nothing half done):

- every customer named goes to its receiver: ``owner_id`` changes, ``handed_over_at``
  and ``previous_owner_id`` are set, a ``customer_history`` row keeps the old owner, and
  the row gets a new version in ``store:<id>`` so every PC of the store pulls it. Notes,
  tags, follow-ups (with 下次跟进) and orders hang on the customer: they go with it.
- with ``deactivate`` (the last piece of a handover): the leaving guide's OPEN task
  assignments (待开始/进行中/已退回) are WITHDRAWN (deleted with their item checks, as a
  task withdrawal does; submitted and approved ones stay as the record) — they are not
  reassigned: a task names its guides, and the receivers' own tasks stand; the account
  is deactivated and every token revoked; the revoked tokens get a grace row
  (``handover_grace``): for ``GRACE_DAYS`` they may still push the edits their PC made to
  the handed-over customers (``guide_core.rules.handover.grace_refusal``).
- a ``handover`` row (HQ's report) and an audit row (``handover``).

The grace push (:func:`grace_reader`, :func:`grace_gate`): the token check refuses a
revoked token; the push route alone asks here whether it is a handover's grace token.
Such a push may carry only ``GRACE_OPS`` on customers whose ``previous_owner_id`` is the
pusher; it is applied with a stand-in reader of the store's supervisor role (the
customer is a colleague's now) under the pusher's own id, so a field edit is
last-writer-wins, a follow-up is appended and attributed to the leaving guide.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.handover_api import (
    MAX_HANDOVER_ROWS,
    HandoverReceiver,
    HandoverRecord,
    HandoverReport,
)
from guide_core.protocol import Mutation, Role
from guide_core.rules import Code
from guide_core.rules.handover import (
    HandedCustomer,
    Staff,
    grace_refusal,
    grace_until,
    handover_refusal,
    plan_of,
)
from guide_core.rules.tags import tag_group_visible
from guide_server.audit import record
from guide_server.db import Database
from guide_server.models import (
    Assignment,
    Customer,
    CustomerHistory,
    Handover,
    HandoverGrace,
    Store,
    Tag,
    TagGroup,
    User,
)
from guide_server.models.base import utcnow
from guide_server.reader import Reader, store_scope
from guide_server.security import token_hash
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.services.tasks_manage import withdraw_open_assignments
from guide_server.services.users import _revoke_tokens, user_scope_of
from guide_server.sync.versions import take_versions, touch, upsert_sync_rows

#: The leaving guide's assignments a handover withdraws.
OPEN = ("todo", "in_progress", "sent_back")


def _staff(user: User | None) -> Staff | None:
    if user is None:
        return None
    return Staff(user.id, user.role, user.store_id, user.active, user.display_name)


def user_handover(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    """``user.handover``: see the module doc. Returns the leaving account's row."""
    plan, twice = plan_of(fields["receivers"])
    if twice:
        raise Rejected(Code.INVALID_FIELD, f"客户重复出现在交接名单里: {twice[0]}")
    leaving = session.get(User, m.entity_id, with_for_update=True)
    if leaving is None:
        raise Rejected(Code.UNKNOWN_OWNER, f"离职人员不存在: {m.entity_id}")
    # another store's account is unknown to a supervisor, as it is to their PC's cache
    seen = _staff(leaving) if reader.can_see_store(leaving.store_id) else None
    receivers = {rid: _staff(session.get(User, rid)) for rid in fields["receivers"]}
    held: dict[str, Customer] = {}
    ids = list(plan)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for c in session.scalars(
            select(Customer).where(Customer.id.in_(chunk)).order_by(Customer.id).with_for_update()
        ):
            held[c.id] = c
    facts = {
        cid: HandedCustomer(c.id, c.store_id, c.owner_id, c.name) if c else None
        for cid, c in ((cid, held.get(cid)) for cid in plan)
    }
    refusal = handover_refusal(reader.actor, seen, receivers, plan, facts)
    if refusal is not None and refusal.code == Code.UNKNOWN_CUSTOMER:
        # another store's customer is unknown to the pusher (the audit log is told)
        other = held.get(refusal.detail)
        raise Rejected(refusal, denied=other is not None)
    refuse_if(refusal)
    now = utcnow()
    mid = str(m.mutation_id)
    store_id = leaving.store_id
    assert store_id is not None  # handover_refusal: a store's guide/supervisor
    for cid, rid in plan.items():
        customer = held[cid]
        session.add(
            CustomerHistory(
                customer_id=cid,
                field="owner_id",
                old_value=customer.owner_id,
                new_value=rid,
                changed_by=reader.user_id,
                mutation_id=mid,
            )
        )
        customer.previous_owner_id = customer.owner_id
        customer.owner_id = rid
        customer.handed_over_at = now
    session.flush()
    scope = store_scope(store_id)
    last = take_versions(session, scope, len(plan))
    first = last - len(plan) + 1
    upsert_sync_rows(
        session, [("customer", cid, scope, first + n, False) for n, cid in enumerate(plan)]
    )
    withdrawn, revoked = 0, []
    if fields.get("deactivate", True):
        withdrawn = _withdraw_open_assignments(session, leaving.id)
        revoked = _revoke_tokens(session, leaving.id)
        until = grace_until(now)
        for hashed in revoked:
            session.add(
                HandoverGrace(token_hash=hashed, user_id=leaving.id, handover_id=mid, until=until)
            )
        if leaving.active:
            leaving.active = False
            session.flush()
            touch(session, "user", leaving.id, user_scope_of(store_id))
    counts: dict[str, int] = {}
    for rid in plan.values():
        counts[rid] = counts.get(rid, 0) + 1
    session.add(
        Handover(
            id=mid,
            store_id=store_id,
            leaving_user_id=leaving.id,
            by_user_id=reader.user_id,
            at=now,
            receivers=counts,
            customer_count=len(plan),
            assignments_withdrawn=withdrawn,
            deactivated=bool(fields.get("deactivate", True)),
            tokens_revoked=len(revoked),
        )
    )
    record(
        session,
        reader,
        "handover",
        f"user={leaving.username} store={store_id} customers={len(plan)} "
        + " ".join(f"{rid}:{n}" for rid, n in counts.items())
        + f" assignments_withdrawn={withdrawn} tokens_revoked={len(revoked)}"
        + f" deactivated={bool(fields.get('deactivate', True))}",
    )
    session.flush()
    return "user", leaving.id


def _withdraw_open_assignments(session: Session, user_id: str) -> int:
    return withdraw_open_assignments(session, Assignment.guide_id == user_id)


# --------------------------------------------------------------------------- grace push


def grace_reader(db: Database, token: str) -> Reader | None:
    """The reader behind a token a handover revoked, while its grace lasts (else None)."""
    from guide_server.auth import _reader_for

    with db.read() as session:
        grace = session.get(HandoverGrace, token_hash(token))
        if grace is None or grace.until <= utcnow():
            return None
        user = session.get(User, grace.user_id)
        if user is None or user.store_id is None:
            return None
        return dataclasses.replace(_reader_for(session, user), handover_grace_until=grace.until)


def grace_gate(session: Session, reader: Reader, m: Mutation) -> Reader:
    """Refuse (``Rejected``) what a grace push may not do; else the reader to apply it with."""
    customer_id = m.entity_id if m.entity == "customer" else str(m.fields.get("customer_id", ""))
    customer = session.get(Customer, customer_id) if customer_id else None
    previous = customer.previous_owner_id if customer is not None else None
    if customer is not None and customer.store_id != reader.store_id:
        previous = None
    until = reader.handover_grace_until
    assert until is not None
    refuse_if(grace_refusal(m.entity, m.op, reader.user_id, previous, until, utcnow()))
    if m.entity == "customer_tag":  # only tags the guide's own role could use
        tag = session.get(Tag, str(m.fields.get("tag_id", "")))
        group = session.get(TagGroup, tag.group_id) if tag else None
        if group is not None and not tag_group_visible(Role.GUIDE, group.visible_roles):
            raise Rejected(Code.UNKNOWN_TAG, tag.id if tag else "")
    return dataclasses.replace(reader, role=Role.SUPERVISOR.value)


def adopt_late_customer(session: Session, reader: Reader, m: Mutation) -> None:
    """A customer the leaving guide's PC created before it learnt of the handover (a grace
    ``customer.create``): it goes to the receiver of their latest handover with the fewest
    customers from it who is still an active colleague of the store (marked handed over,
    like the others), so no customer is left with a stopped account."""
    customer = session.get(Customer, m.entity_id, with_for_update=True)
    if customer is None or customer.owner_id not in (None, reader.user_id):
        return
    latest = session.scalars(
        select(Handover)
        .where(Handover.leaving_user_id == reader.user_id)
        .order_by(Handover.at.desc(), Handover.id)
        .limit(1)
    ).first()
    counts = (latest.receivers or {}) if latest is not None else {}
    for rid in sorted(counts, key=lambda r: (counts[r], r)):
        staff = _staff(session.get(User, rid))
        if staff is None or not staff.active or staff.store_id != customer.store_id:
            continue
        session.add(
            CustomerHistory(
                customer_id=customer.id,
                field="owner_id",
                old_value=customer.owner_id,
                new_value=rid,
                changed_by=reader.user_id,
                mutation_id=str(m.mutation_id),
            )
        )
        customer.previous_owner_id = reader.user_id
        customer.owner_id = rid
        customer.handed_over_at = utcnow()
        session.flush()
        touch(session, "customer", customer.id, store_scope(customer.store_id))
        record(session, reader, "handover", f"late customer={customer.id} -> {rid}")
        return


# --------------------------------------------------------------------------- HQ's report


def handover_report(session: Session, store_id: str | None) -> HandoverReport:
    """Handovers, newest first (one store's, or every store's)."""
    query = select(Handover).order_by(Handover.at.desc(), Handover.id).limit(MAX_HANDOVER_ROWS)
    if store_id is not None:
        query = query.where(Handover.store_id == store_id)
    rows = list(session.scalars(query))
    user_ids = {r.leaving_user_id for r in rows} | {r.by_user_id for r in rows}
    user_ids |= {rid for r in rows for rid in (r.receivers or {})}
    names = dict(
        session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
    )
    stores = dict(
        session.execute(
            select(Store.id, Store.name).where(Store.id.in_({r.store_id for r in rows}))
        ).all()
    )
    return HandoverReport(
        handovers=[
            HandoverRecord(
                id=r.id,
                at=r.at,
                store_id=r.store_id,
                store_name=stores.get(r.store_id, ""),
                leaving_user_id=r.leaving_user_id,
                leaving_name=names.get(r.leaving_user_id, ""),
                by_user_id=r.by_user_id,
                by_name=names.get(r.by_user_id, ""),
                customer_count=r.customer_count,
                receivers=[
                    HandoverReceiver(user_id=rid, name=names.get(rid, ""), customers=n)
                    for rid, n in (r.receivers or {}).items()
                ],
                assignments_withdrawn=r.assignments_withdrawn,
                deactivated=r.deactivated,
            )
            for r in rows
        ]
    )
