"""今日 rules with a frozen clock (``now`` is a parameter): kinds, reasons, ranking, the
contact guard, marks and snoozes, and repurchase cycles."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from guide_core import today_rules as tr
from guide_core.today_rules import (
    AssignmentFacts,
    CategoryPurchase,
    CustomerFacts,
    Mark,
    TodaySettings,
    build_queue,
    category_of,
    cycle_days,
    entry_key,
)

CN = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=CN)
TODAY = NOW.date()


def _at(days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time(), CN).replace(
        hour=hour
    )


def _queue(customers=(), **kw):
    return build_queue(customers=customers, now=NOW, **kw)


def test_birthday_in_three_days_with_reason_and_purpose():
    c = CustomerFacts("c1", "王芳", birthday=date(1990, 12, 5))
    [e] = _queue([c])
    assert e.kind == tr.BIRTHDAY
    assert e.reason == "生日 12月5日（3天后）"
    assert e.purpose == "birthday"
    assert e.key == "birthday:c1:2026"
    assert e.customer_id == "c1"


def test_birthday_outside_window_and_leap_day_and_next_year():
    far = CustomerFacts("c1", "甲", birthday=date(1990, 12, 10))  # 8 days
    assert _queue([far]) == []
    now = datetime(2027, 2, 25, 9, tzinfo=CN)
    leap = CustomerFacts("c2", "乙", birthday=date(2000, 2, 29))
    [e] = build_queue(customers=[leap], now=now)
    assert e.reason == "生日 2月28日（3天后）"
    new_year = datetime(2026, 12, 30, 9, tzinfo=CN)
    jan = CustomerFacts("c3", "丙", birthday=date(1985, 1, 2))
    [e] = build_queue(customers=[jan], now=new_year)
    assert e.key == "birthday:c3:2027" and "（3天后）" in e.reason


def test_anniversary_needs_a_whole_year():
    one = CustomerFacts("c1", "甲", member_since=date(2024, 12, 2))
    fresh = CustomerFacts("c2", "乙", member_since=date(2026, 12, 2))
    [e] = _queue([one, fresh])
    assert (e.kind, e.reason) == (tr.ANNIVERSARY, "入会 2 周年 12月2日（今天）")


def test_churn_risk_around_thresholds():
    # default thresholds: active 90, dormant 180
    crossed = CustomerFacts("c1", "甲", last_purchase_at=TODAY - timedelta(days=92), order_count=3)
    soon = CustomerFacts("c2", "乙", last_purchase_at=TODAY - timedelta(days=85), order_count=3)
    quiet = CustomerFacts("c3", "丙", last_purchase_at=TODAY - timedelta(days=60), order_count=3)
    long_lost = CustomerFacts("c4", "丁", last_purchase_at=TODAY - timedelta(days=400))
    lost = CustomerFacts("c5", "戊", last_purchase_at=TODAY - timedelta(days=181))
    got = {e.customer_id: e for e in _queue([crossed, soon, quiet, long_lost, lost])}
    assert set(got) == {"c1", "c2", "c5"}
    assert got["c1"].reason == "已沉睡：92 天未购买"
    assert got["c1"].purpose == "recall"
    assert got["c2"].reason == "即将沉睡：85 天未购买（90 天起算）"
    assert got["c5"].reason == "已流失：181 天未购买"
    assert got["c1"].key == f"churn_risk:c1:dormant:{(TODAY - timedelta(days=92)).isoformat()}"


def test_replenishment_uses_the_store_cycle():
    c = CustomerFacts("c1", "甲", last_purchase_at=TODAY - timedelta(days=41), in_group=True)
    buys = [
        CategoryPurchase("c1", "formula", TODAY - timedelta(days=41)),
        CategoryPurchase("c1", "perfume", TODAY - timedelta(days=41)),  # no cycle known
        CategoryPurchase("c1", "serum", TODAY - timedelta(days=10)),  # not due yet
    ]
    cycles = {"formula": 30, "serum": 60}
    [e] = _queue([c], purchases=buys, cycles=cycles)
    assert e.kind == tr.REPLENISHMENT
    assert e.reason == "上次购买奶粉 41 天前，复购周期约 30 天"
    assert e.purpose == "replenishment"
    # beyond the late window (30 days past due) it is churn's business, not replenishment's
    late = [CategoryPurchase("c1", "formula", TODAY - timedelta(days=61))]
    assert _queue([c], purchases=late, cycles=cycles) == []


def test_cycle_days_is_the_median_with_a_minimum_sample():
    assert cycle_days([28, 30, 31, 35, 29], 5) == 30
    assert cycle_days([28, 30, 31, 35], 5) is None  # too few
    assert cycle_days([0, 0, 28, 30, 32, 40, 50], 5) == 32  # same-day repeats ignored
    assert cycle_days([10, 20, 30, 40], 4) == 25


def test_cycle_from_a_histogram_is_the_same_median():
    import random

    rnd = random.Random(3)
    for _ in range(200):
        gaps = [rnd.randrange(0, 90) for _ in range(rnd.randrange(1, 40))]
        hist: dict[int, int] = {}
        for g in gaps:
            hist[g] = hist.get(g, 0) + 1
        assert tr.cycle_days_from_counts(hist, 5) == cycle_days(gaps, 5), gaps


def test_category_of_item_names():
    assert category_of(["雪颜 玻尿酸保湿精华液 30ml"]) == "serum"
    assert category_of(["贝护 婴儿湿巾 80抽*6包"]) == "wipes"
    assert category_of(["赠品袋", "飞鹤 奶粉 3段"]) == "formula"
    assert category_of(["赠品袋"]) is None
    assert tr.purchase_category("refunded", ["飞鹤 奶粉"]) is None
    assert tr.purchase_category("finished", ["飞鹤 奶粉"]) == "formula"


def test_not_in_group_and_not_greeted_and_handed_over():
    buyer = CustomerFacts("c1", "甲", last_purchase_at=TODAY - timedelta(days=5), order_count=1)
    grouped = CustomerFacts("c2", "乙", last_purchase_at=TODAY - timedelta(days=5), in_group=True)
    new = CustomerFacts("c3", "丙", created_at=_at(2), in_group=True)
    greeted = CustomerFacts("c4", "丁", created_at=_at(2), last_follow_up_at=_at(8))
    handed = CustomerFacts("c5", "戊", handed_over_at=_at(1), in_group=True)
    got = {e.customer_id: e for e in _queue([buyer, grouped, new, greeted, handed])}
    assert set(got) == {"c1", "c3", "c5"}
    assert got["c1"].kind == tr.NOT_IN_GROUP and got["c1"].purpose == "group_invite"
    assert got["c3"].kind == tr.NOT_GREETED and got["c3"].purpose == "welcome"
    assert got["c5"].kind == tr.HANDED_OVER and got["c5"].purpose == "intro"
    assert got["c5"].reason == "新接手的客户（12月1日 交接），还未联系过"


def test_contact_guard_keeps_recent_contacts_off_but_never_tasks_or_due_follow_ups():
    birthday = date(1990, 12, 4)
    recent = CustomerFacts("c1", "甲", birthday=birthday, last_follow_up_at=_at(6))
    older = CustomerFacts("c2", "乙", birthday=birthday, last_follow_up_at=_at(7))
    promised = CustomerFacts(
        "c3", "丙", birthday=birthday, last_follow_up_at=_at(1), next_follow_up_on=TODAY
    )
    task = AssignmentFacts("a1", "双十二预热", NOW.replace(hour=18))
    got = _queue([recent, older, promised], assignments=[task])
    assert [(e.kind, e.customer_id or e.assignment_id) for e in got] == [
        (tr.TASK_DUE, "a1"),
        (tr.FOLLOW_UP_DUE, "c3"),
        (tr.BIRTHDAY, "c2"),
    ]
    # HQ sets 3 days: the one contacted 6 days ago is back
    got = _queue([recent], settings=TodaySettings(contact_guard_days=3))
    assert [e.customer_id for e in got] == ["c1"]


def test_ranking_overdue_then_today_then_urgency():
    tasks = [
        AssignmentFacts("a-today", "今日陈列", NOW.replace(hour=20)),
        AssignmentFacts("a-late", "周报", NOW - timedelta(days=2)),
        AssignmentFacts("a-later", "下周培训", NOW + timedelta(days=3)),  # not yet
        AssignmentFacts("a-none", "无截止", None),
    ]
    customers = [
        CustomerFacts("bd5", "生日5", birthday=date(1990, 12, 7)),
        CustomerFacts("bd1", "生日1", birthday=date(1990, 12, 3)),
        CustomerFacts("fu-late", "逾期跟进", next_follow_up_on=TODAY - timedelta(days=1)),
        CustomerFacts("fu-today", "今天跟进", next_follow_up_on=TODAY),
        CustomerFacts(
            "churn", "沉睡", last_purchase_at=TODAY - timedelta(days=95), order_count=2,
            in_group=True,
        ),
    ]  # fmt: skip
    got = [e.assignment_id or e.customer_id for e in _queue(customers, assignments=tasks)]
    assert got == ["a-late", "fu-late", "a-today", "fu-today", "churn", "bd1", "bd5"]
    by_id = {e.assignment_id: e for e in _queue(assignments=tasks)}
    assert by_id["a-late"].reason == "任务已逾期 2 天（截止 11月30日）"
    assert by_id["a-today"].reason == "任务今天 20:00 截止"
    assert by_id["a-late"].key == "task:a-late" and by_id["a-late"].purpose is None


def test_a_follow_up_promised_over_a_month_ago_is_stale():
    old = CustomerFacts("c1", "甲", next_follow_up_on=TODAY - timedelta(days=31))
    month = CustomerFacts("c2", "乙", next_follow_up_on=TODAY - timedelta(days=30))
    assert [e.customer_id for e in _queue([old, month])] == ["c2"]


def test_marks_done_dismissed_and_snooze_until_a_date():
    c = CustomerFacts("c1", "甲", birthday=date(1990, 12, 5))
    key = entry_key(tr.BIRTHDAY, "c1", "2026")
    assert _queue([c], marks={key: Mark("done")}) == []
    assert _queue([c], marks={key: Mark("dismissed")}) == []
    snoozed = {key: Mark("snoozed", TODAY + timedelta(days=2))}
    assert _queue([c], marks=snoozed) == []
    # the day the snooze ends it is back
    later = NOW + timedelta(days=2)
    assert [e.key for e in build_queue(customers=[c], marks=snoozed, now=later)] == [key]
    # next year's birthday is a new entry, not hidden by this year's mark
    next_year = datetime(2027, 12, 3, 9, tzinfo=CN)
    [e] = build_queue(customers=[c], marks={key: Mark("done")}, now=next_year)
    assert e.key == "birthday:c1:2027"
