"""我的业绩 from the cache with a fixed clock: reachable customers, outreach this week
(follow-ups + task contacts, each counted once), follow-ups due vs done, the
30-day completion rate, the store ranking and a supervisor's per-guide table."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from guide_app.services.guide_figures import (
    GuideFigures,
    guide_figures,
    rank_places,
    week_bounds,
)
from guide_core.protocol import UserInfo
from tests.client.conftest import G1, G2, STORE, SUP, change, customer_data

CN = timezone(timedelta(hours=8))
#: Wednesday 18 Nov 2026, 15:00 in the store's time; the week began Monday 16 Nov.
NOW = datetime(2026, 11, 18, 15, 0, tzinfo=CN)
G3 = UserInfo(id="u-g3", username="s001-g3", display_name="导购小吴", role="guide", store_id=STORE)
G4 = UserInfo(
    id="u-g4", username="s001-g4", display_name="导购已离职", role="guide", store_id=STORE
)


def _at(day: int, hour: int, minute: int = 0) -> str:
    return datetime(2026, 11, day, hour, minute, tzinfo=CN).isoformat()


def _follow_up(fid: str, guide: str, customer: str, at: str, next_on: str | None = None):
    return change(
        "follow_up",
        {
            "id": fid,
            "customer_id": customer,
            "store_id": STORE,
            "guide_id": guide,
            "channel": "chat",
            "text": "回访",
            "at": at,
            "next_follow_up_on": next_on,
        },
    )


def _assignment(
    aid: str,
    guide: str,
    occurrence: str | None,
    due_at: str | None,
    status: str,
    task: str = "task-1",
):
    return change(
        "assignment",
        {
            "id": aid,
            "task_id": task,
            "guide_id": guide,
            "store_id": STORE,
            "status": status,
            "occurrence": occurrence,
            "due_at": due_at,
        },
    )


def _contacts(aid: str, customers: list[str]):
    return change(
        "item_check",
        {
            "id": f"ic-{aid}",
            "assignment_id": aid,
            "item_id": "item-1",
            "store_id": STORE,
            "done": False,
            "contacted_ids": customers,
        },
    )


@pytest.fixture
def store_cache(cache):
    rows = [
        change(
            "user",
            {
                "id": u.id,
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role,
                "store_id": u.store_id,
                "active": u is not G4,
            },
        )
        for u in (G1, G2, G3, G4, SUP)
    ]
    rows += [
        change("customer", customer_data("全号", id="c1", phone="13800001111")),
        change(
            "customer",
            customer_data("打码", id="c2", phone="138****2222", phone_masked=True),
        ),
        change("customer", customer_data("进群", id="c3", in_group=True)),
        change("customer", customer_data("无联系方式", id="c4")),
        change("customer", customer_data("小周的", owner=G2.id, id="c5", phone="13900005555")),
        change("customer", customer_data("小吴的", owner=G3.id, id="c6")),
        # of no one's, and of a guide who left: the store's, not a guide's
        change("customer", customer_data("无人负责", owner=None, id="c8", phone="13600008888")),
        change("customer", customer_data("离职的", owner=G4.id, id="c9", in_group=True)),
    ]
    rows += [
        # g1: due Wednesday, answered by the follow-up of Tuesday → done
        _follow_up("f1", G1.id, "c1", _at(16, 9), "2026-11-18"),
        _follow_up("f2", G1.id, "c1", _at(17, 10)),
        # last Sunday 23:30: not this week's outreach; its next date (Friday) is due, not done
        _follow_up("f3", G1.id, "c3", _at(15, 23, 30), "2026-11-20"),
        # Monday 00:30 in the store, written in UTC: this week
        _follow_up("f4", G1.id, "c2", "2026-11-15T16:30:00+00:00"),
        # this week, with a next date last week (not due this week)
        _follow_up("f6", G1.id, "c4", _at(17, 11), "2026-11-10"),
        # g2: next date next week (not due this week)
        _follow_up("f5", G2.id, "c5", _at(17, 9), "2026-11-25"),
        # g3: two follow-ups this week
        _follow_up("f7", G3.id, "c6", _at(16, 14)),
        _follow_up("f8", G3.id, "c6", _at(18, 10)),
        # the week's first instant, and a moment (with microseconds) before ``now``: counted
        _follow_up("f10", G2.id, "c5", datetime(2026, 11, 16, tzinfo=CN).isoformat()),
        _follow_up("f11", G3.id, "c6", (NOW - timedelta(milliseconds=300)).isoformat()),
        # after ``now``: not counted yet
        _follow_up("f9", G3.id, "c6", _at(18, 16)),
    ]
    rows += [
        _assignment("a1", G1.id, "2026-11-18", _at(18, 12), "submitted"),
        _assignment("a-old", G1.id, "2026-11-09", _at(9, 20), "todo"),
        _assignment("a-future", G1.id, "2026-11-19", _at(19, 20), "todo"),
        _assignment(
            "a-ancient",
            G1.id,
            "2026-10-01",
            datetime(2026, 10, 1, 20, tzinfo=CN).isoformat(),
            "approved",
        ),
        _assignment("a2", G2.id, "2026-11-17", _at(17, 20), "approved"),
        _assignment("a3", G3.id, "2026-11-16", _at(16, 20), "in_progress"),
        # due by its task's time (no own due time): counted for g3
        change("task", {"id": "task-d", "title": "陈列", "kind": "display", "due_at": _at(17, 18)}),
        _assignment("a3-task-due", G3.id, None, None, "approved", task="task-d"),
        # an open assignment of a withdrawn task is void
        change("task", {"id": "task-w", "title": "撤回", "kind": "other", "status": "withdrawn"}),
        _assignment("a2-void", G2.id, "2026-11-17", _at(17, 20), "todo", task="task-w"),
        # c1 and c2 have g1's follow-ups this week (logged with the contact): counted once;
        # c-new has none: +1
        _contacts("a1", ["c1", "c2", "c-new"]),
        # last week's assignment: its contacts are not this week's
        _contacts("a-old", ["c-z"]),
        # g2: c5 already reached by f5, c7 new
        _contacts("a2", ["c5", "c7"]),
    ]
    cache.apply_pull_page(rows, "cursor-1")
    return cache


def test_week_starts_monday_midnight_in_nows_offset():
    start, end = week_bounds(NOW)
    assert start == datetime(2026, 11, 16, tzinfo=CN)
    assert end - start == timedelta(days=7)
    # Monday 00:00 itself belongs to the new week
    assert week_bounds(start)[0] == start


def test_a_guides_figures_and_place(store_cache):
    report = guide_figures(store_cache, G1, NOW)
    me = report.me
    # c1 (whole phone) and c3 (in the group); c2's phone is masked, c4 has nothing
    assert me.reachable == 2
    # f1, f2, f4, f6 + the task contact of c-new (c1, c2 counted as their follow-ups)
    assert me.outreach_week == 5
    assert (me.follow_ups_done, me.follow_ups_due) == (1, 2)
    # a1 submitted, a-old open; a-future not due yet, a-ancient outside the 30 days
    assert (me.tasks_done, me.tasks_due) == (1, 2)
    assert me.completion_rate == 0.5
    assert (me.rank, report.ranked) == (1, 3)  # g4 is deactivated, the supervisor not ranked
    assert report.store is None and report.guides == ()


def test_ranking_is_outreach_then_completion(store_cache):
    g2 = guide_figures(store_cache, G2, NOW).me
    g3 = guide_figures(store_cache, G3, NOW).me
    # both reached 3 this week; g2 finished its task (100%; the withdrawn one is void),
    # g3 one of two (50%: a3 open, the display task approved)
    assert (g2.outreach_week, g2.completion_rate, g2.rank) == (3, 1.0, 2)
    assert (g3.outreach_week, g3.completion_rate, g3.rank) == (3, 0.5, 3)


def test_equal_composites_share_a_place():
    figures = [
        GuideFigures("a", "a", outreach_week=3),
        GuideFigures("b", "b", outreach_week=5, tasks_due=2, tasks_done=1),
        GuideFigures("c", "c", outreach_week=5, tasks_due=4, tasks_done=2),
        GuideFigures("d", "d", outreach_week=0),
    ]
    assert rank_places(figures) == {"b": 1, "c": 1, "a": 3, "d": 4}


def test_a_supervisor_sees_the_store_and_each_guide(store_cache):
    report = guide_figures(store_cache, SUP, NOW)
    assert report.me.rank == 0
    assert [(g.name, g.rank) for g in report.guides] == [
        ("导购小林", 1),
        ("导购小周", 2),
        ("导购小吴", 3),
    ]
    store = report.store
    assert store is not None
    assert [g.reachable for g in report.guides] == [2, 1, 0]
    assert store.reachable == 2 + 1 + 0 + 2  # c8 (no one's) and c9 (a former guide's)
    assert store.outreach_week == 5 + 3 + 3
    assert (store.follow_ups_done, store.follow_ups_due) == (1, 2)
    assert (store.tasks_done, store.tasks_due) == (3, 5)


def test_next_week_moves_the_window(store_cache):
    later = NOW + timedelta(days=7)
    me = guide_figures(store_cache, G1, later).me
    assert me.outreach_week == 0
    assert me.follow_ups_due == 0
    # a-future (19 Nov, open) is now due too
    assert (me.tasks_done, me.tasks_due) == (1, 3)
