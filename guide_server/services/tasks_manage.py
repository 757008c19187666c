"""Editing and withdrawing a published task, and reading tasks for the admin area.

What reaches guides who already started, said plainly:
- Edit: every guide keeps their checks on the items that stay; an item removed is no
  longer shown (its checks stay stored); a new item is added to open assignments (an
  outreach item with each guide's targets). New times apply to open assignments
  (todo, in progress, sent back) and to later occurrences; submitted and approved
  ones keep theirs (approved work is frozen). ``task.edit_note`` says what changed.
- Withdraw: open assignments vanish from the guides' PCs (deleted, tombstones) with
  their checks; submitted and approved ones stay for the record and may be reviewed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from guide_core.protocol import TaskData, TaskItemData
from guide_core.rules import Code
from guide_core.rules.tasks import CHAIN_TZ, TaskFacts, may_manage, schedule_refusal
from guide_core.tasks_api import TaskDetail, TaskEdit, TaskWithdraw
from guide_server.audit import record
from guide_server.models import Assignment, ItemCheck, Task
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, Reader, store_scope
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.services.tasks_publish import _item_rows, item_id_problems
from guide_server.services.tasks_schedule import chain_today, task_items, task_occurrences
from guide_server.services.tasks_segments import resolve_targets
from guide_server.sync.serialize import to_data
from guide_server.sync.versions import touch

OPEN = ("todo", "in_progress", "sent_back")


def task_scope(task: Task) -> str:
    return store_scope(task.store_ids[0]) if task.scope == "store" and task.store_ids else GLOBAL


def facts(task: Task) -> TaskFacts:
    store = task.store_ids[0] if task.scope == "store" and task.store_ids else None
    return TaskFacts(task.scope, store, task.status)


def load_task(session: Session, reader: Reader | None, task_id: str, *, lock=False) -> Task:
    """The task if the reader may see it (a supervisor: their store's and HQ's reaching it)."""
    task = session.get(Task, task_id, with_for_update=lock)
    if task is None:
        raise Rejected(Code.UNKNOWN_TASK, task_id)
    if reader is not None and not reader.is_hq:
        reaches = not task.store_ids or reader.store_id in task.store_ids
        if not reaches:
            raise Rejected(Code.UNKNOWN_TASK, task_id, denied=True)
    return task


def detail(session: Session, reader: Reader | None, task: Task) -> TaskDetail:
    counts = dict(
        session.execute(
            select(Assignment.status, func.count())
            .where(Assignment.task_id == task.id)
            .group_by(Assignment.status)
        ).all()
    )
    as_reader = reader or Reader("", "", "", "hq", None, None)
    return TaskDetail(
        task=TaskData.model_validate(to_data("task", task, as_reader)),
        items=[
            TaskItemData.model_validate(to_data("task_item", i, as_reader))
            for i in task_items(session, task.id)
        ],
        assignments=sum(counts.values()),
        submitted=counts.get("submitted", 0),
        approved=counts.get("approved", 0),
    )


def _when(value: datetime | None) -> str:
    return value.astimezone(CHAIN_TZ).strftime("%m-%d %H:%M") if value else "无"


def edit(
    session: Session, reader: Reader | None, task_id: str, body: TaskEdit, now=None
) -> TaskDetail:
    now = now or utcnow()
    task = load_task(session, reader, task_id, lock=True)
    if reader is not None:
        refuse_if(may_manage(reader.actor, facts(task)))
    elif task.status == "withdrawn":
        raise Rejected(Code.TASK_WITHDRAWN)
    sent = body.model_fields_set
    changes: list[str] = []
    if "title" in sent and body.title and body.title != task.title:
        changes.append(f"标题: {task.title} → {body.title}")
        task.title = body.title
    if (
        "description" in sent
        and body.description is not None
        and body.description != task.description
    ):
        changes.append("说明已更新")
        task.description = body.description
    old_days = task_occurrences(task, chain_today(now))
    times_changed = False
    for name, label in (("start_at", "开始时间"), ("due_at", "截止时间")):
        value = getattr(body, name)
        if name in sent and value is not None and value != getattr(task, name):
            changes.append(f"{label}: {_when(getattr(task, name))} → {_when(value)}")
            setattr(task, name, value)
            times_changed = True
    if "until" in sent and body.until != task.until:
        changes.append(f"重复截止日期: {task.until or '无'} → {body.until or '无'}")
        task.until = body.until
    refusal = schedule_refusal(task.start_at, task.due_at, task.recurrence, task.until)
    if refusal is not None:
        raise Rejected(refusal)
    scope = task_scope(task)
    open_rows = list(
        session.scalars(
            select(Assignment).where(Assignment.task_id == task.id, Assignment.status.in_(OPEN))
        )
    )
    if body.items is not None:
        clash = item_id_problems(session, task.id, body.items)
        if clash:
            raise Rejected(Code.INVALID_FIELD, f"{clash[0].where}: {clash[0].message}")
        changes += _edit_items(session, task, body, open_rows, scope)
    if times_changed:
        new_days = task_occurrences(task, max([chain_today(now), *[o.day for o in old_days]]))
        index = {o.day: n for n, o in enumerate(old_days)}
        for a in open_rows:
            n = index.get(a.occurrence or (old_days[0].day if old_days else None))
            if n is not None and n < len(new_days):
                a.start_at, a.due_at = new_days[n].start_at, new_days[n].due_at
                session.flush()
                touch(session, "assignment", a.id, store_scope(a.store_id))
    if not changes and not body.note:
        return detail(session, reader, task)
    note = "; ".join(([f"说明: {body.note}"] if body.note else []) + changes)
    task.edit_note = note
    task.edited_at = now
    task.revision = (task.revision or 1) + 1
    session.flush()
    touch(session, "task", task.id, scope)
    record(session, reader, "task_edit", f"task={task.id} {note}"[:500])
    return detail(session, reader, task)


def _edit_items(session, task, body, open_rows, scope) -> list[str]:
    changes = []
    current = {i.id: i for i in task_items(session, task.id)}
    wanted = _item_rows(task.id, body.items)
    for spec, row in zip(body.items, wanted, strict=True):
        if spec.id is None:
            row.id = str(uuid.uuid4())
    keep = {r.id for r in wanted}
    for old_id, old in current.items():
        if old_id not in keep:
            changes.append(f"删除清单项「{old.text}」")
            session.delete(old)
            session.flush()
            touch(session, "task_item", old_id, scope, deleted=True)
    added = []
    for row in wanted:
        old = current.get(row.id)
        if old is None:
            changes.append(f"新增清单项「{row.text}」")
            session.add(row)
            added.append(row)
        else:
            if old.text != row.text:
                changes.append(f"清单项「{old.text}」改为「{row.text}」")
            if row.requires_note and not old.requires_note:
                changes.append(f"「{row.text}」需要填写备注")
            if row.requires_evidence and not old.requires_evidence:
                changes.append(f"「{row.text}」需要凭证照片")
            for name in (
                "text",
                "sort",
                "kind",
                "script_id",
                "material_id",
                "customer_ids",
                "segment",
                "requires_note",
                "requires_evidence",
            ):
                setattr(old, name, getattr(row, name))
        session.flush()
        touch(session, "task_item", row.id, scope)
    if added:
        for a in open_rows:
            extra = resolve_targets(
                session, a.store_id, a.guide_id, added, a.occurrence or chain_today()
            )
            if extra:
                a.targets = {**(a.targets or {}), **extra}
                session.flush()
                touch(session, "assignment", a.id, store_scope(a.store_id))
    return changes


def withdraw_open_assignments(session: Session, which) -> int:
    """Delete the open (not submitted, not approved) assignments matching ``which`` (a
    SQL condition) and their checks, with tombstones so every PC drops them; a task
    withdrawn, a guide leaving. Submitted and approved work stays on record."""
    gone = list(session.scalars(select(Assignment).where(which, Assignment.status.in_(OPEN))))
    for a in gone:
        checks = list(session.scalars(select(ItemCheck.id).where(ItemCheck.assignment_id == a.id)))
        session.execute(delete(ItemCheck).where(ItemCheck.assignment_id == a.id))
        for cid in checks:
            touch(session, "item_check", cid, store_scope(a.store_id), deleted=True)
        session.delete(a)
        session.flush()
        touch(session, "assignment", a.id, store_scope(a.store_id), deleted=True)
    return len(gone)


def withdraw(
    session: Session, reader: Reader | None, task_id: str, body: TaskWithdraw, now=None
) -> TaskDetail:
    now = now or utcnow()
    task = load_task(session, reader, task_id, lock=True)
    if reader is not None:
        refuse_if(may_manage(reader.actor, facts(task)))
    elif task.status == "withdrawn":
        raise Rejected(Code.TASK_WITHDRAWN)
    gone = withdraw_open_assignments(session, Assignment.task_id == task.id)
    task.status = "withdrawn"
    task.withdrawn_at = now
    task.withdraw_reason = body.reason
    task.edit_note = (
        "任务已撤回"
        + (f": {body.reason}" if body.reason else "")
        + ("。未提交的任务已取消, 已提交和已通过的记录保留")
    )
    task.edited_at = now
    task.revision = (task.revision or 1) + 1
    session.flush()
    touch(session, "task", task.id, task_scope(task))
    record(session, reader, "task_withdraw", f"task={task.id} removed={gone} {body.reason}")
    return detail(session, reader, task)


def list_tasks(session: Session, reader: Reader | None, limit: int = 500) -> list[TaskData]:
    rows = session.scalars(select(Task).order_by(Task.created_at.desc()).limit(limit * 4))
    as_reader = reader or Reader("", "", "", "hq", None, None)
    out = []
    for t in rows:
        if reader is not None and not reader.is_hq:
            if t.store_ids and reader.store_id not in t.store_ids:
                continue
        out.append(TaskData.model_validate(to_data("task", t, as_reader)))
        if len(out) >= limit:
            break
    return out
