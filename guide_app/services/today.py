"""今日: the figures a guide starts the day with, counted here (the page only shows them).

A supervisor also gets the store's figures (:class:`StoreCounts`): a supervisor
owns few customers, so 我的客户 alone said nothing about the day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from guide_app.services.customer_query import CustomerQuery
from guide_core.protocol import AssignmentStatus

if TYPE_CHECKING:
    from guide_app.cache.database import Cache
    from guide_app.cache.outbox import Outbox
    from guide_app.services.customers import CustomerService
    from guide_app.services.tasks import TaskService

#: 待开始: not started yet, or sent back by the reviewer to be done again.
TO_START = frozenset({AssignmentStatus.TODO, AssignmentStatus.SENT_BACK})


#: Roles whose 今日 shows their store's figures.
STORE_ROLES = frozenset({"supervisor"})


@dataclass(frozen=True)
class StoreCounts:
    """The supervisor's store today (their cache holds exactly their store's rows)."""

    customers: int  # 门店客户数
    to_review: int  # 本店待审核: assignments submitted, waiting for the supervisor
    follow_ups_today: int  # 本店今日跟进: follow-ups dated today (local day)
    duplicates: int  # 疑似重复 customers to check


@dataclass(frozen=True)
class TodayCounts:
    my_customers: int  # customers the user owns
    tasks_to_start: int  # own assignments in TO_START
    tasks_in_progress: int
    edits_waiting: int  # local edits the server has not answered yet
    store: StoreCounts | None = None  # a supervisor's store; None for other roles


def today_counts(
    customers: CustomerService,
    tasks: TaskService,
    outbox: Outbox,
    cache: Cache | None = None,
    role: str = "guide",
    now: datetime | None = None,
) -> TodayCounts:
    """Read from the cache (any thread); ``cache`` and ``role`` add a supervisor's store."""
    statuses = Counter(AssignmentStatus(a.status) for a in tasks.my_assignments())
    store = None
    if role in STORE_ROLES and cache is not None:
        store = StoreCounts(
            customers=customers.count(CustomerQuery(mine_only=False)),
            to_review=len(tasks.store_assignments(AssignmentStatus.SUBMITTED)),
            follow_ups_today=follow_ups_on_day(cache, now),
            duplicates=customers.count(CustomerQuery(mine_only=False, duplicates_only=True)),
        )
    return TodayCounts(
        my_customers=customers.count(CustomerQuery(mine_only=True)),
        tasks_to_start=sum(statuses[s] for s in TO_START),
        tasks_in_progress=statuses[AssignmentStatus.IN_PROGRESS],
        edits_waiting=outbox.count(),
        store=store,
    )


def follow_ups_on_day(cache: Cache, now: datetime | None = None) -> int:
    """Follow-ups in the cache dated on ``now``'s local day (default: today on this PC).

    ``at`` is wire text with its writer's offset; SQLite's ``datetime()`` turns it
    into UTC, compared with the local day's bounds in UTC.
    """
    local_now = (now or datetime.now(UTC)).astimezone()
    start = datetime.combine(local_now.date(), time(), local_now.tzinfo)
    bounds = [
        (d.astimezone(UTC)).strftime("%Y-%m-%d %H:%M:%S")
        for d in (start, start + timedelta(days=1))
    ]
    with cache.read() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM follow_ups WHERE datetime(at) >= ? AND datetime(at) < ?",
                tuple(bounds),
            ).scalar_one()
        )
