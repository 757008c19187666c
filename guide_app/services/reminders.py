"""Desktop reminders: what is due, which reminder times fire, what was already told.

Plain Python with ``now`` as a parameter; the tray (``ui.tray``) only runs a
timer, calls :meth:`Reminders.check` on a worker and shows the notices it
returns (their words are the UI's, so they follow the interface language).

Two kinds of notice:

任务即将截止 (:class:`TaskDue`)
    One of the user's own open assignments (待开始, 进行中, 已退回; not of a
    withdrawn task) is due within the next hour (:data:`SOON`): its own due
    time, else its task's, as the 任务 page shows it. Told once per
    assignment per day.
定时提醒 (:class:`Summary`)
    At each configured time of day (e.g. ``09:30, 14:00``): the tasks and
    the customers on the user's 今日 list (the Today page's own queue,
    ``TodayService``, so the numbers match the page). Fires once per time
    per day, on the first check within :data:`GRACE` after the time (a PC
    switched on at 15:00 does not get the 09:30 summary); nothing to say,
    nothing shown.

What was told is kept in memory for the running app (a restart within the
hour before a due time may tell that task again: better than never).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from guide_app.cache.rows import sql_value
from guide_app.services.guide_figures import DUE_SQL
from guide_app.services.today_queue import TodayService
from guide_core.protocol import UserInfo
from guide_core.today_rules import TASK_DUE, TASK_OVERDUE

if TYPE_CHECKING:
    from guide_app.cache.database import Cache

#: A task is told when its due time is this close.
SOON = timedelta(hours=1)
#: A reminder time fires on the first check this long after it (the tray checks every minute).
GRACE = timedelta(minutes=15)
#: The default reminder times (settings, 提醒时间).
DEFAULT_TIMES = "09:30"
#: At most this many reminder times a day.
MAX_TIMES = 12
#: 今日's entries that are tasks (the rest name a customer).
TASK_KINDS = frozenset({TASK_DUE, TASK_OVERDUE})
#: Statuses of an assignment the guide still has to work on.
OPEN_STATUSES = ("todo", "in_progress", "sent_back")

_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})$")
_SEPARATORS = re.compile(r"[,，、;；\s]+")


class BadReminderTimes(ValueError):
    """The reminder times as typed cannot be read (the message says which one and why)."""


def parse_times(text: str) -> tuple[time, ...]:
    """``"09:30, 14:00"`` → the times, sorted, without repeats; raises :class:`BadReminderTimes`.

    Commas (either width), 、, semicolons or spaces separate them; an empty text is no time.
    """
    out: set[time] = set()
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    for n, part in enumerate(parts, 1):
        m = _TIME.match(part)
        hour, minute = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise BadReminderTimes(
                f"第 {n} 个提醒时间“{part}”格式不对，应为 时:分，例如 09:30（多个用逗号分隔）"
            )
        out.add(time(hour, minute))
    if len(out) > MAX_TIMES:
        raise BadReminderTimes(f"提醒时间最多 {MAX_TIMES} 个，现在有 {len(out)} 个")
    return tuple(sorted(out))


def format_times(times: Iterable[time]) -> str:
    return ", ".join(t.strftime("%H:%M") for t in times)


@dataclass(frozen=True)
class TaskDue:
    """An own open assignment due within the hour; opens the 任务 page."""

    assignment_id: str
    title: str
    due_at: datetime  # in ``now``'s offset
    page: str = "tasks"

    @property
    def key(self) -> str:
        return f"task:{self.assignment_id}:{self.due_at.date().isoformat()}"


@dataclass(frozen=True)
class Summary:
    """A reminder time came: today's open tasks and customers waiting; opens 今日."""

    at: time
    day: date
    tasks: int
    customers: int
    page: str = "today"

    @property
    def key(self) -> str:
        return f"time:{self.at.strftime('%H:%M')}:{self.day.isoformat()}"


Notice = TaskDue | Summary


@dataclass(frozen=True)
class Agenda:
    """The user's day: open tasks due today or overdue, customers waiting for a follow-up."""

    tasks: int
    customers: int


# ---------------------------------------------------------------- reads


#: Not of a withdrawn task (its open assignments are void; the 任务 page marks them 已撤回).
_LIVE = "coalesce(json_extract(t.data, '$.status'), '') <> 'withdrawn'"


def _utc_text(d: datetime) -> str:
    return str(sql_value(d))


def _from_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def tasks_due_soon(cache: Cache, user_id: str, now: datetime) -> list[TaskDue]:
    """The user's open assignments due in ``(now, now + SOON]``, soonest first."""
    marks = ",".join("?" * len(OPEN_STATUSES))
    with cache.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT a.id, coalesce(t.title, ''), {DUE_SQL} AS due"
            " FROM assignments a LEFT JOIN tasks t ON t.id = a.task_id"
            f" WHERE a.guide_id = ? AND a.status IN ({marks}) AND {_LIVE}"
            f" AND {DUE_SQL} > ? AND {DUE_SQL} <= ? ORDER BY due, a.id",
            (user_id, *OPEN_STATUSES, _utc_text(now), _utc_text(now + SOON)),
        ).all()
    return [
        TaskDue(str(aid), str(title), _from_utc_text(due).astimezone(now.tzinfo))
        for aid, title, due in rows
    ]


def agenda(cache: Cache, user: UserInfo, now: datetime) -> Agenda:
    """What 今日 lists for ``user`` at ``now`` (:class:`TodayService`'s queue, so the
    summary says what the page shows: marks and the contact guard applied): its task
    entries (due today or overdue) and the customers it names."""
    entries = TodayService(cache, user).queue(now).entries
    return Agenda(
        tasks=sum(e.kind in TASK_KINDS for e in entries),
        customers=len({e.customer_id for e in entries if e.customer_id}),
    )


# ---------------------------------------------------------------- the schedule


def times_firing(times: Sequence[time], now: datetime) -> list[time]:
    """The reminder times whose moment today is in ``[t, t + GRACE]`` at ``now``."""
    out = []
    for t in times:
        at = datetime.combine(now.date(), t, now.tzinfo)
        if at <= now <= at + GRACE:
            out.append(t)
    return out


def _day_of(n: Notice) -> date:
    return n.day if isinstance(n, Summary) else n.due_at.date()


class Reminders:
    """What to tell now, each thing once (per assignment per day; per time per day).

    Thread-safe: the tray calls :meth:`check` on a worker thread.
    """

    def __init__(self, times: Sequence[time] = (), *, enabled: bool = True) -> None:
        self.times = tuple(times)
        self.enabled = enabled
        #: told notices' keys, with the day each one is for
        self._told: dict[str, date] = {}
        self._day: date | None = None
        self._lock = threading.Lock()

    def configure(self, times: Sequence[time], enabled: bool) -> None:
        with self._lock:
            self.times = tuple(times)
            self.enabled = enabled

    def plan(self, now: datetime, due_soon: Sequence[TaskDue], day: Agenda | None) -> list[Notice]:
        """The notices not told yet, marked told; ``day`` is read only when a time fires."""
        with self._lock:
            if not self.enabled:
                return []
            if self._day != now.date():  # keys name their day: forget those that cannot recur
                self._told = {k: d for k, d in self._told.items() if d >= now.date() - timedelta(1)}
                self._day = now.date()
            counts = day or Agenda(0, 0)
            out: list[Notice] = [
                Summary(t, now.date(), counts.tasks, counts.customers)
                for t in times_firing(self.times, now)
            ]
            out.extend(due_soon)
            fresh = [n for n in out if n.key not in self._told]
            # a time with nothing to say is spent all the same (not told later in its window)
            self._told.update((n.key, _day_of(n)) for n in fresh)
            return [n for n in fresh if not isinstance(n, Summary) or n.tasks or n.customers]

    def check(self, cache: Cache, user: UserInfo, now: datetime) -> list[Notice]:
        """Read what is due from the cache and :meth:`plan` it (the tray's worker call)."""
        if not self.enabled:
            return []
        day = agenda(cache, user, now) if times_firing(self.times, now) else None
        return self.plan(now, tasks_due_soon(cache, user.id, now), day)
