"""Assignments per occurrence: who a task reaches and the assignments its days make.

Each occurrence of a task is its own assignment per guide, id
``protocol.assignment_id(task, guide, day)``. No daemon: :func:`ensure_occurrences`
makes whatever is missing up to today (chain time) and is idempotent, so publish,
the pull path and the board may all call it. A pre-issue-13 assignment (no
occurrence) counts as the task's first occurrence.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.protocol import assignment_id
from guide_core.rules.tasks import CHAIN_TZ, Occurrence, occurrences
from guide_server.models import Assignment, Task, TaskItem, User
from guide_server.models.base import utcnow
from guide_server.reader import store_scope
from guide_server.services.tasks_segments import resolve_targets
from guide_server.sync.versions import take_versions, upsert_sync_rows


def chain_today(now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(CHAIN_TZ).date()


def task_occurrences(task: Task, through: date) -> list[Occurrence]:
    if task.due_at is None:
        return []
    return occurrences(task.start_at, task.due_at, task.recurrence, task.until, through)


def recipients(session: Session, task: Task, store_ids: list[str] | None = None) -> list[User]:
    """Active users the task reaches: named guides, else every user of its roles
    (default guides) in its stores (an HQ task without stores: every store)."""
    query = select(User).where(User.active.is_(True)).order_by(User.store_id, User.username)
    if task.guide_ids:
        query = query.where(User.id.in_(task.guide_ids))
    else:
        query = query.where(User.role.in_(task.roles or ["guide"]), User.store_id.is_not(None))
        if task.store_ids:
            query = query.where(User.store_id.in_(task.store_ids))
    if store_ids is not None:
        query = query.where(User.store_id.in_(store_ids))
    return list(session.scalars(query))


def make_assignments(
    session: Session,
    task: Task,
    items: list[TaskItem],
    guides: list[User],
    now: datetime,
) -> list[Assignment]:
    """The missing assignments of every occurrence up to today (one-off: its only one)."""
    if task.status != "active":
        return []
    days = task_occurrences(task, chain_today(now))
    if not days or not guides:
        return []
    first = days[0].day
    have = {
        (g, d or first)
        for g, d in session.execute(
            select(Assignment.guide_id, Assignment.occurrence).where(Assignment.task_id == task.id)
        )
    }
    made: list[Assignment] = []
    sole = len(guides) == 1
    for occ in days:
        for guide in guides:
            if (guide.id, occ.day) in have:
                continue
            made.append(
                Assignment(
                    id=assignment_id(task.id, guide.id, occ.day),
                    task_id=task.id,
                    guide_id=guide.id,
                    store_id=guide.store_id,
                    status="todo",
                    occurrence=occ.day,
                    start_at=occ.start_at,
                    due_at=occ.due_at,
                    targets=resolve_targets(
                        session, guide.store_id, guide.id, items, occ.day, sole_guide=sole
                    ),
                    created_at=now,
                )
            )
    if made:
        session.add_all(made)
        session.flush()
        by_scope: dict[str, list[Assignment]] = {}
        for a in made:
            by_scope.setdefault(store_scope(a.store_id), []).append(a)
        for scope, rows in by_scope.items():
            last = take_versions(session, scope, len(rows))
            first_v = last - len(rows) + 1
            upsert_sync_rows(
                session,
                [("assignment", a.id, scope, first_v + n, False) for n, a in enumerate(rows)],
            )
    return made


def task_items(session: Session, task_id: str) -> list[TaskItem]:
    return list(
        session.scalars(select(TaskItem).where(TaskItem.task_id == task_id).order_by(TaskItem.sort))
    )


def ensure_occurrences(session: Session, store_id: str, now: datetime | None = None) -> int:
    """Make the missing assignments of today's (and earlier) occurrences of every active
    recurring task reaching ``store_id``; returns how many were made."""
    now = now or utcnow()
    made = 0
    tasks = session.scalars(
        select(Task).where(Task.status == "active", Task.recurrence.is_not(None))
    )
    for task in tasks:
        if task.store_ids and store_id not in task.store_ids:
            continue
        guides = recipients(session, task, [store_id])
        if guides:
            made += len(make_assignments(session, task, task_items(session, task.id), guides, now))
    return made


#: store id → the chain day its occurrences were last made in this process.
_ENSURED: dict[str, date] = {}


def ensure_today(db, store_id: str, now: datetime | None = None) -> int:
    """:func:`ensure_occurrences` at most once per store and chain day in this process,
    for the pull path (a dictionary look-up on every other pull). Another worker doing
    the same at the same moment loses the race on the unique key and leaves it be."""
    from sqlalchemy.exc import IntegrityError

    today = chain_today(now)
    if _ENSURED.get(store_id) == today:
        return 0
    try:
        with db.write() as session:
            made = ensure_occurrences(session, store_id, now)
    except IntegrityError:
        made = 0
    _ENSURED[store_id] = today
    return made
