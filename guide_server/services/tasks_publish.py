"""Publishing tasks: HQ's (admin API, CLI) and a supervisor's store task (admin API or
``task.create`` pushed from an offline PC). All or nothing, in the caller's transaction.

Targets are resolved to stores and guides here; the rules (who, schedule) are
``guide_core.rules.tasks``. A problem (unknown store, a segment matching nobody for
every guide, a recurrence that never fires, …) refuses the whole task with a
:class:`PublishRefused` whose report lists every problem found.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.protocol import Mutation, TaskCreate, TaskItemSpec, field_label
from guide_core.rules import Code, Target, check
from guide_core.rules.tasks import first_start, may_publish, schedule_refusal
from guide_core.tasks_api import GuideTargets, PublishProblem, PublishReport, TaskPublish
from guide_server.audit import record
from guide_server.models import (
    Assignment,
    Material,
    Region,
    Script,
    Store,
    Tag,
    Task,
    TaskItem,
    User,
)
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, Reader, store_scope
from guide_server.services.rejection import Rejected
from guide_server.services.tasks_schedule import make_assignments, recipients
from guide_server.sync.versions import touch

_ITEM = "第{n}项"


class PublishRefused(Exception):
    """Nothing was published: the report says every reason."""

    def __init__(self, report: PublishReport) -> None:
        super().__init__("; ".join(f"{p.where}: {p.message}" for p in report.problems))
        self.report = report


def _problem(where: str, message: str) -> PublishProblem:
    return PublishProblem(where=where, message=message)


def _stores(session: Session, body: TaskPublish, problems: list) -> tuple[list[Store], list[str]]:
    """The stores chosen by code, id and region (problems for unknown ones) and region ids."""
    t = body.targets
    chosen: dict[str, Store] = {}
    for code in t.store_codes:
        s = session.scalar(select(Store).where(Store.code == code))
        if s is None:
            problems.append(_problem(f"门店 {code}", "门店编码不存在"))
        else:
            chosen[s.id] = s
    for sid in t.store_ids:
        s = session.get(Store, sid)
        if s is None:
            problems.append(_problem(f"门店 {sid}", "门店不存在"))
        else:
            chosen[s.id] = s
    region_ids = []
    for name in t.regions:
        r = session.get(Region, name) or session.scalar(select(Region).where(Region.name == name))
        if r is None:
            problems.append(_problem(f"区域 {name}", "区域不存在"))
            continue
        region_ids.append(r.id)
        for s in session.scalars(select(Store).where(Store.region_id == r.id)):
            chosen[s.id] = s
    return list(chosen.values()), region_ids


def _guides(session: Session, body: TaskPublish, problems: list) -> list[User]:
    t = body.targets
    found: dict[str, User] = {}
    for username in t.guides:
        u = session.scalar(select(User).where(User.username == username))
        if u is None or not u.active or u.store_id is None:
            problems.append(_problem(f"导购 {username}", "账号不存在、已停用或不属于门店"))
        else:
            found[u.id] = u
    for gid in t.guide_ids:
        u = session.get(User, gid)
        if u is None or not u.active or u.store_id is None:
            problems.append(_problem(f"导购 {gid}", "账号不存在、已停用或不属于门店"))
        else:
            found[u.id] = u
    return list(found.values())


def item_id_problems(
    session: Session, task_id: str | None, items: list[TaskItemSpec]
) -> list[PublishProblem]:
    """Item ids given twice, or already used by another task's item."""
    problems, seen = [], set()
    for n, spec in enumerate(items, 1):
        if spec.id is None:
            continue
        other = session.get(TaskItem, spec.id)
        if spec.id in seen or (other is not None and other.task_id != task_id):
            problems.append(
                _problem(f"{_ITEM.format(n=n)} 编号", "清单项编号重复或已被其他任务使用")
            )
        seen.add(spec.id)
    return problems


def _check_items(session: Session, items: list[TaskItemSpec], problems: list) -> None:
    for n, spec in enumerate(items, 1):
        where = _ITEM.format(n=n)
        if spec.script_id and session.get(Script, spec.script_id) is None:
            problems.append(_problem(f"{where} {field_label('script_id')}", "话术不存在"))
        if spec.material_id and session.get(Material, spec.material_id) is None:
            problems.append(_problem(f"{where} {field_label('material_id')}", "素材不存在"))
        for tid in spec.segment.tag_ids if spec.segment else []:
            if session.get(Tag, tid) is None:
                problems.append(_problem(f"{where} 客户分群", f"标签 {tid} 不存在"))
        if spec.kind == "outreach" and not (spec.segment or spec.customer_ids):
            problems.append(_problem(where, "1v1触达项需要客户分群或客户名单"))


def _item_rows(task_id: str, items: list[TaskItemSpec]) -> list[TaskItem]:
    rows = []
    for n, spec in enumerate(items):
        kind = spec.kind
        if spec.segment or spec.customer_ids:
            kind = "outreach"
        rows.append(
            TaskItem(
                id=spec.id or str(uuid.uuid4()),
                task_id=task_id,
                sort=n,
                text=spec.text,
                kind=kind,
                script_id=spec.script_id,
                material_id=spec.material_id,
                customer_ids=list(spec.customer_ids),
                segment=spec.segment.model_dump(mode="json") if spec.segment else None,
                requires_note=spec.requires_note,
                requires_evidence=spec.requires_evidence,
            )
        )
    return rows


#: How far back a recurring task may start (its past occurrences are all made at once).
MAX_PAST_START = timedelta(days=31)


def _time_problems(body: TaskPublish, now: datetime, *, offline: bool) -> list[PublishProblem]:
    """A due time already past (published online), a recurrence starting long ago."""
    problems = []
    if not offline and not body.recurrence and body.due_at <= now:
        problems.append(_problem(field_label("due_at"), "截止时间已过"))
    start = first_start(body.start_at, body.due_at)
    if body.recurrence and start < now - MAX_PAST_START:
        problems.append(_problem(field_label("start_at"), "重复任务的开始时间不能早于31天前"))
    return problems


def publish(
    session: Session,
    reader: Reader | None,
    body: TaskPublish,
    now: datetime | None = None,
    *,
    via_push: bool = False,
) -> PublishReport:
    """Publish (or, with ``dry_run``, only check) one task; raises :class:`PublishRefused`.

    ``reader`` None is the operator's CLI (HQ's rights). The caller commits.
    """
    now = now or utcnow()
    problems: list[PublishProblem] = []
    warnings: list[PublishProblem] = []
    if body.due_at is None:
        problems.append(_problem(field_label("due_at"), "必填"))
    else:
        refusal = schedule_refusal(body.start_at, body.due_at, body.recurrence, body.until)
        if refusal is not None:
            problems.append(_problem("时间", refusal.detail or refusal.text))
    stores, region_ids = _stores(session, body, problems)
    named = _guides(session, body, problems)
    _check_items(session, body.items, problems)
    problems += item_id_problems(session, body.id, body.items)
    if body.due_at is not None and not problems:
        problems += _time_problems(body, now, offline=reader is not None and via_push)
    supervisor = reader is not None and not reader.is_hq
    scope = "store" if supervisor else "hq"
    store_ids = sorted({s.id for s in stores} | {g.store_id for g in named})
    if supervisor and not store_ids:
        store_ids = [reader.store_id]
    if reader is not None:
        refusal = may_publish(reader.actor, scope, store_ids)
        if refusal is not None:
            problems.append(_problem("发布范围", refusal.reason))
    task_id = body.id or str(uuid.uuid4())
    existing = session.get(Task, body.id) if body.id else None
    if existing is not None:
        creator = reader.user_id if reader else None
        if existing.created_by == creator and existing.title == body.title:
            return _published_before(session, existing)  # a retry after a lost answer
        problems.append(_problem("任务", "该任务编号已发布过"))
    report = PublishReport(task_id=task_id, dry_run=body.dry_run)
    if problems:
        report.problems = problems
        raise PublishRefused(report)
    task = Task(
        id=task_id,
        title=body.title,
        kind=body.kind,
        description=body.description,
        created_by=reader.user_id if reader else None,
        scope=scope,
        store_ids=store_ids,
        region_ids=region_ids,
        roles=list(body.targets.roles),
        guide_ids=[g.id for g in named],
        start_at=body.start_at,
        due_at=body.due_at,
        recurrence=body.recurrence,
        until=body.until,
        status="active",
        created_at=now,
    )
    items = _item_rows(task_id, body.items)
    with session.begin_nested() as attempt:
        session.add(task)
        session.add_all(items)
        session.flush()
        guides = recipients(session, task)
        made = make_assignments(session, task, items, guides, now)
        _fill_report(session, report, made, items, warnings, problems)
        if not guides:
            problems.append(_problem("发布范围", "没有找到任何在职导购"))
        if problems or body.dry_run:
            attempt.rollback()
    if problems:
        report.problems = problems
        report.assigned = []
        raise PublishRefused(report)
    report.warnings = warnings
    if body.dry_run:
        return report
    scope_name = store_scope(store_ids[0]) if scope == "store" else GLOBAL
    touch(session, "task", task.id, scope_name)
    for item in items:
        touch(session, "task_item", item.id, scope_name)
    record(session, reader, "task_publish", f"task={task.id} assignments={report.assignments}")
    report.published = True
    return report


def _published_before(session: Session, task: Task) -> PublishReport:
    rows = session.execute(
        select(Assignment.guide_id, Assignment.store_id).where(Assignment.task_id == task.id)
    ).all()
    return PublishReport(
        task_id=task.id,
        published=True,
        assignments=len(rows),
        guides=len({g for g, _ in rows}),
        stores=len({s for _, s in rows}),
    )


def _fill_report(session, report, made, items, warnings, problems) -> None:
    stores = {s.id: s for s in session.scalars(select(Store))} if made else {}
    users = {
        u.id: u
        for u in session.scalars(select(User).where(User.id.in_({a.guide_id for a in made})))
    }
    for a in made:
        report.assigned.append(
            GuideTargets(
                guide_id=a.guide_id,
                guide_name=users[a.guide_id].display_name or users[a.guide_id].username,
                store_id=a.store_id,
                store_code=stores[a.store_id].code,
                occurrence=a.occurrence,
                targets={k: len(v) for k, v in (a.targets or {}).items()},
            )
        )
    report.assignments = len(made)
    report.guides = len({a.guide_id for a in made})
    report.stores = len({a.store_id for a in made})
    for n, item in enumerate(items, 1):
        if item.kind != "outreach" or not made:
            continue
        counts = [len((a.targets or {}).get(item.id) or []) for a in made]
        where = f"{_ITEM.format(n=n)} 客户分群" if item.segment else f"{_ITEM.format(n=n)} 客户名单"
        if not any(counts):
            problems.append(_problem(where, "没有匹配到任何客户"))
        elif not all(counts):
            empty = sorted(
                {users[a.guide_id].username for a, c in zip(made, counts, strict=True) if not c}
            )
            warnings.append(
                _problem(where, f"{len(empty)}位导购名下没有匹配的客户: {', '.join(empty[:20])}")
            )


# --------------------------------------------------------------------------- task.create (push)


def task_create(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    """A supervisor's store task made offline (``TaskCreate``), for chosen guides of the store."""
    body = TaskCreate.model_validate(fields)
    if session.get(Task, m.entity_id) is not None:
        raise Rejected(Code.ALREADY_EXISTS, m.entity_id)
    guides = list(session.scalars(select(User).where(User.id.in_(body.guide_ids))))
    stores = {g.store_id for g in guides}
    store_id = (
        stores.pop() if len(stores) == 1 and len(guides) == len(set(body.guide_ids)) else None
    )
    hidden = store_id is not None and not reader.actor.in_store(store_id)
    if hidden:  # another store's guides are unknown to a supervisor (as to their app)
        store_id = None
    refusal = check("task", "create", reader.actor, Target(store_id=store_id), fields)
    if refusal is not None:
        raise Rejected(refusal, denied=hidden)
    if any(not g.active for g in guides):
        raise Rejected(Code.UNKNOWN_OWNER, "所选导购已停用")
    publish_body = TaskPublish(
        id=m.entity_id,
        title=body.title,
        kind=body.kind,
        description=body.description,
        start_at=body.start_at,
        due_at=body.due_at,
        recurrence=body.recurrence,
        until=body.until,
        targets={"guide_ids": body.guide_ids, "store_ids": [store_id]},
        items=body.items,
    )
    try:
        publish(session, reader, publish_body, via_push=True)
    except PublishRefused as exc:
        raise Rejected(Code.INVALID_FIELD, str(exc)) from None
    return "task", m.entity_id
