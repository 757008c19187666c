"""Push handlers for task work: item checks and the assignment lifecycle."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guide_core.protocol import AssignmentStatus, Mutation, Role, item_check_id
from guide_server.audit import record
from guide_server.blobs import may_reference
from guide_server.models import Assignment, ItemCheck, TaskItem
from guide_server.models.base import utcnow
from guide_server.reader import Reader, store_scope
from guide_server.services.rejection import FORBIDDEN, Rejected
from guide_server.sync.versions import touch

S = AssignmentStatus


def _assignment(session: Session, reader: Reader, assignment_id: str) -> Assignment:
    a = session.get(Assignment, assignment_id, with_for_update=True)
    if a is None:
        raise Rejected(f"unknown assignment: 任务分配不存在 ({assignment_id})")
    if not reader.can_see_store(a.store_id):
        raise Rejected(FORBIDDEN)
    if reader.role == Role.GUIDE and a.guide_id != reader.user_id:
        raise Rejected(FORBIDDEN + " (不是你的任务)")
    return a


def _bump(session: Session, a: Assignment) -> tuple[str, str]:
    session.flush()
    touch(session, "assignment", a.id, store_scope(a.store_id))
    return "assignment", a.id


def item_check_set(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    expected = item_check_id(fields["assignment_id"], fields["item_id"])
    if m.entity_id != expected:
        raise Rejected(
            f"entity_id mismatch: 应为 item_check_id(assignment_id, item_id) = {expected}"
        )
    a = _assignment(session, reader, fields["assignment_id"])
    if reader.role == Role.GUIDE and a.status == S.APPROVED:
        raise Rejected("approved: 任务已审核通过, 不能再修改")
    item = session.get(TaskItem, fields["item_id"])
    if item is None or item.task_id != a.task_id:
        raise Rejected(f"unknown item: 清单项不属于该任务 ({fields['item_id']})")
    evidence = fields.get("evidence_sha256")
    if evidence and not may_reference(session, reader, evidence, a.store_id):
        # Naming a file would let the whole store read it: only one's own upload,
        # or a file the store can already read (one answer for both: no oracle).
        raise Rejected(f"{FORBIDDEN} (照片未上传或无权使用; unknown file {evidence})")
    check = session.get(ItemCheck, m.entity_id)
    if check is None:
        check = ItemCheck(id=m.entity_id, assignment_id=a.id, item_id=item.id, store_id=a.store_id)
        session.add(check)
    check.done = fields["done"]
    check.done_at = fields.get("done_at")
    check.note = fields.get("note") or ""
    check.evidence_sha256 = fields.get("evidence_sha256")
    check.checked_by = reader.user_id
    session.flush()
    touch(session, "item_check", check.id, store_scope(a.store_id))
    return "item_check", check.id


def assignment_start(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    a = _assignment(session, reader, m.entity_id)
    if a.status == S.IN_PROGRESS:
        return "assignment", a.id
    if a.status not in (S.TODO, S.SENT_BACK):
        raise Rejected(f"当前状态不能开始 (status {a.status})")
    a.status = S.IN_PROGRESS
    return _bump(session, a)


def assignment_submit(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    a = _assignment(session, reader, m.entity_id)
    if a.status == S.SUBMITTED:
        raise Rejected("already submitted: 已提交, 等待审核")
    if a.status == S.APPROVED:
        raise Rejected("approved: 已审核通过")
    a.status = S.SUBMITTED
    a.submitted_at = utcnow()
    return _bump(session, a)


def assignment_review(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    if reader.role == Role.GUIDE:
        raise Rejected(FORBIDDEN + " (只有店长或总部可以审核)")
    a = _assignment(session, reader, m.entity_id)
    if a.status != S.SUBMITTED:
        raise Rejected(f"not submitted: 任务未提交, 不能审核 (status {a.status})")
    reason = fields.get("reason") or ""
    if fields["decision"] == "send_back":
        if not reason:
            raise Rejected("原因(reason): 退回时必须填写原因")
        a.status = S.SENT_BACK
    else:
        a.status = S.APPROVED
    a.reviewed_by = reader.user_id
    a.reviewed_at = utcnow()
    a.review_reason = reason
    record(session, reader, "review", f"assignment={a.id} {fields['decision']} {reason}")
    return _bump(session, a)
