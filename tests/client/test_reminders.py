"""Desktop reminders with a fixed clock: the times typed in 设置, which times fire,
what is due (tasks within the hour; today's agenda), and that each thing is told once."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest

from guide_app.services.reminders import (
    Agenda,
    BadReminderTimes,
    Reminders,
    Summary,
    TaskDue,
    agenda,
    parse_times,
    tasks_due_soon,
    times_firing,
)
from guide_app.services.today_queue import TodayService
from tests.client.conftest import G1, G2, STORE, change, customer_data

CN = timezone(timedelta(hours=8))


def _t(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CN)


#: Wednesday 18 Nov 2026, one minute after the morning reminder.
NOW = _t(18, 9, 31)


def test_times_are_read_in_any_separator_sorted_without_repeats():
    assert parse_times("14:00，09:30 9:05、09:30") == (time(9, 5), time(9, 30), time(14, 0))
    assert parse_times("  ") == ()
    assert parse_times("18：30") == (time(18, 30),)  # a full-width colon from a Chinese IME


@pytest.mark.parametrize(
    ("text", "where"),
    [("09:30, 25:00", "第 2 个提醒时间“25:00”"), ("9点", "第 1 个提醒时间“9点”"), ("9:5", "“9:5”")],
)
def test_a_bad_time_says_which_and_how_it_should_look(text, where):
    with pytest.raises(BadReminderTimes) as caught:
        parse_times(text)
    assert where in str(caught.value)
    assert "09:30" in str(caught.value)


def test_at_most_twelve_times():
    with pytest.raises(BadReminderTimes, match="最多 12 个"):
        parse_times(",".join(f"{h:02d}:00" for h in range(13)))


def test_a_time_fires_from_its_minute_for_a_quarter_hour():
    times = (time(9, 30), time(14, 0))
    assert times_firing(times, _t(18, 9, 29)) == []
    assert times_firing(times, _t(18, 9, 30)) == [time(9, 30)]
    assert times_firing(times, _t(18, 9, 45)) == [time(9, 30)]
    assert times_firing(times, _t(18, 9, 46)) == []


_WITHDRAWN = {"status": "withdrawn"}
_DUE_945 = {"due_at": _t(18, 9, 45).isoformat()}


def _assignment(aid: str, guide: str, status: str, due: datetime | None, task: str = "task-1"):
    return change(
        "assignment",
        {
            "id": aid,
            "task_id": task,
            "guide_id": guide,
            "store_id": STORE,
            "status": status,
            "due_at": due.isoformat() if due else None,
        },
    )


def _follow_up(fid: str, guide: str, customer: str, at: datetime, next_on: str | None = None):
    return change(
        "follow_up",
        {
            "id": fid,
            "customer_id": customer,
            "store_id": STORE,
            "guide_id": guide,
            "channel": "phone",
            "text": "回访",
            "at": at.isoformat(),
            "next_follow_up_on": next_on,
        },
    )


@pytest.fixture
def day_cache(cache):
    cache.apply_pull_page(
        [
            change("task", {"id": "task-1", "title": "双十一回访", "kind": "outreach"}),
            change("task", {"id": "task-w", "title": "已撤回的", "kind": "other"} | _WITHDRAWN),
            # the task's due time stands for an assignment without its own
            change("task", {"id": "task-d", "title": "陈列检查", "kind": "display"} | _DUE_945),
            _assignment("a-withdrawn", G1.id, "todo", _t(18, 10), task="task-w"),
            _assignment("a-task-due", G1.id, "todo", None, task="task-d"),
            *(change("customer", customer_data(f"客户{n}", id=f"c{n}")) for n in range(1, 5)),
            _assignment("a-soon", G1.id, "todo", _t(18, 10)),
            _assignment("a-later", G1.id, "in_progress", _t(18, 18)),
            _assignment("a-overdue", G1.id, "sent_back", _t(17, 18)),
            _assignment("a-done", G1.id, "submitted", _t(18, 10, 15)),
            _assignment("a-colleague", G2.id, "todo", _t(18, 10)),
            _assignment("a-tomorrow", G1.id, "todo", _t(19, 9)),
            # c1: due today, not answered
            _follow_up("f1", G1.id, "c1", _t(11, 15), "2026-11-18"),
            # c2: was due, answered by a colleague's later call
            _follow_up("f2", G1.id, "c2", _t(9, 15), "2026-11-10"),
            _follow_up("f3", G2.id, "c2", _t(12, 15)),
            # c3: due tomorrow
            _follow_up("f4", G1.id, "c3", _t(12, 15), "2026-11-19"),
            # c4: two open next dates, one customer
            _follow_up("f5", G1.id, "c4", _t(10, 15), "2026-11-15"),
            _follow_up("f6", G1.id, "c4", _t(16, 15), "2026-11-17"),
        ],
        "cursor-1",
    )
    return cache


def test_what_is_due_soon_and_todays_agenda(day_cache):
    soon = tasks_due_soon(day_cache, G1.id, NOW)
    assert [(t.assignment_id, t.title, t.due_at) for t in soon] == [
        ("a-task-due", "陈列检查", _t(18, 9, 45)),
        ("a-soon", "双十一回访", _t(18, 10)),
    ]
    # the summary says what 今日 lists: its task entries and the customers it names
    entries = TodayService(day_cache, G1).queue(NOW).entries
    day = agenda(day_cache, G1, NOW)
    assert day.tasks == sum(e.assignment_id is not None for e in entries) > 0
    # c1 (due today) and c4 (overdue); c2 was answered, c3 is due tomorrow
    assert day == Agenda(tasks=day.tasks, customers=2)
    assert {e.customer_id for e in entries if e.customer_id} == {"c1", "c4"}


def test_each_thing_is_told_once(day_cache):
    r = Reminders([time(9, 30), time(14, 0)])
    first = r.check(day_cache, G1, NOW)
    day = agenda(day_cache, G1, NOW)
    assert first == [
        Summary(time(9, 30), NOW.date(), tasks=day.tasks, customers=2),
        TaskDue("a-task-due", "陈列检查", _t(18, 9, 45)),
        TaskDue("a-soon", "双十一回访", _t(18, 10)),
    ]
    assert r.check(day_cache, G1, NOW + timedelta(minutes=1)) == []
    assert r.check(day_cache, G1, _t(18, 9, 55)) == []
    # 14:00: the afternoon summary
    afternoon = r.check(day_cache, G1, _t(18, 14, 2))
    later = agenda(day_cache, G1, _t(18, 14, 2))
    assert afternoon == [Summary(time(14, 0), NOW.date(), later.tasks, later.customers)]
    # the next morning: a-tomorrow within the hour, and the summary again
    morning = r.check(day_cache, G1, _t(19, 8, 30))
    assert morning == [TaskDue("a-tomorrow", "双十一回访", _t(19, 9))]
    assert [type(n) for n in r.check(day_cache, G1, _t(19, 9, 30))] == [Summary]


def test_a_task_told_before_midnight_is_not_told_again_after(day_cache):
    r = Reminders([])
    late = TaskDue("a-x", "夜间盘点", _t(19, 0, 20))
    assert r.plan(_t(18, 23, 30), [late], None) == [late]
    assert r.plan(_t(19, 0, 5), [late], None) == []


def test_nothing_to_say_shows_nothing_and_off_is_off(day_cache):
    r = Reminders([time(9, 30)])
    assert r.plan(NOW, [], Agenda(0, 0)) == []
    # the 09:30 reminder is spent: work appearing at 09:40 waits for the next time
    assert r.plan(_t(18, 9, 40), [], Agenda(1, 0)) == []
    off = Reminders([time(9, 30)], enabled=False)
    assert off.check(day_cache, G1, NOW) == []
