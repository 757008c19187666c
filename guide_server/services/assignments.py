"""Push handlers for task work: item checks (tick, contact) and the assignment lifecycle.

The rules (who, the state machine, items and evidence) are
``guide_core.rules``; here are the look-ups and the writes.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.protocol import Mutation, item_check_id
from guide_core.rules import Code, ItemState, Target, check
from guide_core.rules.assignments import next_status
from guide_core.rules.tasks import CHAIN_TZ, evidence_refusal
from guide_server.audit import record
from guide_server.blobs import may_reference
from guide_server.models import Assignment, ItemCheck, TaskItem, User
from guide_server.models.base import utcnow
from guide_server.models.content import Blob
from guide_server.reader import Reader, store_scope
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.sync.versions import touch


def _assignment(session: Session, reader: Reader, assignment_id: str) -> Assignment:
    """The assignment, if the reader's store holds it (another store's is unknown to them)."""
    a = session.get(Assignment, assignment_id, with_for_update=True)
    if a is None or not reader.can_see_store(a.store_id):
        raise Rejected(Code.UNKNOWN_ASSIGNMENT, assignment_id, denied=a is not None)
    return a


def _target(a: Assignment, **extra) -> Target:
    return Target(store_id=a.store_id, owner_id=a.guide_id, status=a.status, **extra)


def _items(session: Session, a: Assignment) -> tuple[ItemState, ...]:
    """Every item of the assignment's task with its check as it stands."""
    rows = session.execute(
        select(
            TaskItem.requires_evidence,
            ItemCheck.done,
            ItemCheck.evidence_sha256,
            TaskItem.requires_note,
            ItemCheck.note,
        )
        .select_from(TaskItem)
        .outerjoin(
            ItemCheck, (ItemCheck.item_id == TaskItem.id) & (ItemCheck.assignment_id == a.id)
        )
        .where(TaskItem.task_id == a.task_id)
    ).all()
    return tuple(
        ItemState(bool(req), bool(done), ev, bool(req_note), note or "")
        for req, done, ev, req_note, note in rows
    )


def _bump(session: Session, a: Assignment) -> tuple[str, str]:
    session.flush()
    touch(session, "assignment", a.id, store_scope(a.store_id))
    return "assignment", a.id


def item_check_set(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    expected = item_check_id(fields["assignment_id"], fields["item_id"])
    if m.entity_id != expected:
        raise Rejected(Code.ID_MISMATCH, f"应为 item_check_id(assignment_id, item_id) = {expected}")
    a = _assignment(session, reader, fields["assignment_id"])
    item = session.get(TaskItem, fields["item_id"])
    if item is None or item.task_id != a.task_id:
        raise Rejected(Code.UNKNOWN_ITEM, fields["item_id"])
    evidence = fields.get("evidence_sha256")
    state = ItemState(
        bool(item.requires_evidence),
        fields["done"],
        evidence,
        bool(item.requires_note),
        fields.get("note") or "",
    )
    refuse_if(check("item_check", "set", reader.actor, _target(a, item=state), fields))
    if evidence and not may_reference(session, reader, evidence, a.store_id):
        # Naming a file would let the whole store read it: only one's own upload,
        # or a file the store can already read (one answer for both: no oracle).
        raise Rejected(Code.UNKNOWN_FILE, evidence)
    if evidence:
        blob = session.get(Blob, evidence)
        refuse_if(evidence_refusal(blob.mime, blob.size))
    check_row = session.get(ItemCheck, m.entity_id)
    if check_row is None:
        check_row = ItemCheck(
            id=m.entity_id, assignment_id=a.id, item_id=item.id, store_id=a.store_id
        )
        session.add(check_row)
    check_row.done = fields["done"]
    check_row.done_at = fields.get("done_at")
    check_row.note = fields.get("note") or ""
    check_row.evidence_sha256 = evidence
    check_row.checked_by = reader.user_id
    session.flush()
    touch(session, "item_check", check_row.id, store_scope(a.store_id))
    return "item_check", check_row.id


def item_check_contact(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    """Mark one of an outreach item's customers contacted (idempotent, add-only)."""
    expected = item_check_id(fields["assignment_id"], fields["item_id"])
    if m.entity_id != expected:
        raise Rejected(Code.ID_MISMATCH, f"应为 item_check_id(assignment_id, item_id) = {expected}")
    a = _assignment(session, reader, fields["assignment_id"])
    item = session.get(TaskItem, fields["item_id"])
    if item is None or item.task_id != a.task_id:
        raise Rejected(Code.UNKNOWN_ITEM, fields["item_id"])
    targets = tuple((a.targets or {}).get(item.id) or ())
    refuse_if(check("item_check", "contact", reader.actor, _target(a, customers=targets), fields))
    check_row = session.get(ItemCheck, m.entity_id, with_for_update=True)
    if check_row is None:
        check_row = ItemCheck(
            id=m.entity_id,
            assignment_id=a.id,
            item_id=item.id,
            store_id=a.store_id,
            done=False,
            note="",
            contacted_ids=[],
        )
        session.add(check_row)
    contacted = list(check_row.contacted_ids or [])
    if fields["customer_id"] in contacted:
        return "item_check", check_row.id
    check_row.contacted_ids = [*contacted, fields["customer_id"]]
    check_row.checked_by = reader.user_id
    session.flush()
    touch(session, "item_check", check_row.id, store_scope(a.store_id))
    return "item_check", check_row.id


def assignment_start(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    a = _assignment(session, reader, m.entity_id)
    refuse_if(check("assignment", "start", reader.actor, _target(a), fields))
    after = next_status("start", a.status)
    if after == a.status:  # already in progress: nothing to change
        return "assignment", a.id
    a.status = after
    return _bump(session, a)


def assignment_submit(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    a = _assignment(session, reader, m.entity_id)
    target = _target(a, items=_items(session, a))
    refuse_if(check("assignment", "submit", reader.actor, target, fields))
    a.status = next_status("submit", a.status)
    a.submitted_at = utcnow()
    return _bump(session, a)


def assignment_reopen(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    """A submitted assignment taken back to in progress before anyone reviewed it."""
    a = _assignment(session, reader, m.entity_id)
    refuse_if(check("assignment", "reopen", reader.actor, _target(a), fields))
    a.status = next_status("reopen", a.status)
    a.submitted_at = None
    return _bump(session, a)


def _reviewed_detail(session: Session, a: Assignment) -> str:
    """Who reviewed it and when, for the refusal of a second review."""
    who = session.get(User, a.reviewed_by) if a.reviewed_by else None
    name = (who.display_name or who.username) if who else "其他人"
    when = a.reviewed_at.astimezone(CHAIN_TZ).strftime("%m-%d %H:%M") if a.reviewed_at else ""
    verdict = "通过" if a.status == "approved" else f"退回 ({a.review_reason})"
    return f"{name} 已于 {when} 审核: {verdict}"


def assignment_review(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    a = _assignment(session, reader, m.entity_id)
    refusal = check("assignment", "review", reader.actor, _target(a), fields)
    if refusal is not None and refusal.code == Code.ALREADY_REVIEWED:
        raise Rejected(Code.ALREADY_REVIEWED, _reviewed_detail(session, a))
    refuse_if(refusal)
    reason = fields.get("reason") or ""
    a.status = next_status("review", a.status, fields["decision"])
    a.reviewed_by = reader.user_id
    a.reviewed_at = utcnow()
    a.review_reason = reason
    record(session, reader, "review", f"assignment={a.id} {fields['decision']} {reason}")
    return _bump(session, a)
