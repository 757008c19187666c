"""今日: the figures a guide starts the day with, counted here (the page only shows them)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide_app.services.customer_query import CustomerQuery
from guide_core.protocol import AssignmentStatus

if TYPE_CHECKING:
    from guide_app.cache.outbox import Outbox
    from guide_app.services.customers import CustomerService
    from guide_app.services.tasks import TaskService

#: 待开始: not started yet, or sent back by the reviewer to be done again.
TO_START = frozenset({AssignmentStatus.TODO, AssignmentStatus.SENT_BACK})


@dataclass(frozen=True)
class TodayCounts:
    my_customers: int  # customers the user owns
    tasks_to_start: int  # own assignments in TO_START
    tasks_in_progress: int
    edits_waiting: int  # local edits the server has not answered yet


def today_counts(customers: CustomerService, tasks: TaskService, outbox: Outbox) -> TodayCounts:
    """Read from the cache (any thread)."""
    statuses = Counter(AssignmentStatus(a.status) for a in tasks.my_assignments())
    return TodayCounts(
        my_customers=customers.count(CustomerQuery(mine_only=True)),
        tasks_to_start=sum(statuses[s] for s in TO_START),
        tasks_in_progress=statuses[AssignmentStatus.IN_PROGRESS],
        edits_waiting=outbox.count(),
    )
