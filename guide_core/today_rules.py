"""今日 (Today): whom a guide contacts today and why, as one ranked list.

Pure rules: plain facts in (customers, purchases per category, the store's repurchase
cycles, the guide's assignments, the guide's marks, HQ's settings) and ``now`` as a
parameter; no database, no clock. The app reads the facts from its cache
(``guide_app.services.today_queue``, which only pre-filters in SQL with wider windows
than these rules), the rules decide.

Kinds of entry (``kind``) and when a customer or assignment gets one:

- ``task_overdue`` / ``task_due``: an open assignment (待办/进行中/已退回) due before
  today / today.
- ``follow_up_due``: the latest follow-up's 下次跟进 date is today or past (at most
  ``follow_up_late_days`` ago: older promises are stale, not today's work).
- ``birthday``: a birthday in the next :attr:`TodaySettings.birthday_days` days (29 Feb
  falls on 28 Feb in other years).
- ``anniversary``: a whole year of membership (会员周年) in the next
  :attr:`TodaySettings.anniversary_days` days.
- ``churn_risk``: the days since the last purchase near a stage threshold
  (``guide_core.lifecycle``): from ``churn_warn_days`` before 活跃→沉睡 or 沉睡→流失 to
  ``churn_window_days`` after it.
- ``replenishment``: a purchase of a category whose store cycle is known is due: from
  ``replenish_early_days`` before last + cycle to ``replenish_late_days`` after it.
- ``not_in_group``: bought in the last ``not_in_group_days`` days, not in a group (未进社群).
- ``not_greeted``: created in the last ``greet_days`` days and never followed up.
- ``handed_over`` (新接手): handed to this guide in the last ``handover_days`` days and
  not followed up since.

Left off: an entry whose key (:func:`entry_key`: kind, customer or assignment, occasion)
the guide marked done or not applicable, or snoozed until a day after today (it comes
back on that day). The contact guard: a customer followed up in the last
``contact_guard_days`` days (HQ's setting) gets no entry, except tasks and follow-ups
due (the guide set those dates on purpose) — so no customer is pestered.

Order (``rank``): first everything overdue (tasks, then follow-ups; the longest overdue
first), then what is due today (tasks, then follow-ups), then the others by urgency —
the fewest days until it matters first (a birthday in 1 day before one in 5; a
replenishment or churn threshold already passed counts negative days), ties broken by
kind in this order: handed_over, birthday, replenishment, churn_risk, follow-up,
not_greeted, anniversary, not_in_group; then by name.

Replenishment cycles (:func:`cycle_days`): per category, the median of the intervals
(whole days, ≥ 1) between consecutive purchases of that category by the same customer
across the store; a category with fewer than ``min_cycle_samples`` intervals has none.
Categories come from item names (:func:`category_of`, :data:`CATEGORIES`).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from guide_core.lifecycle import DEFAULT_THRESHOLDS, StageThresholds

# --------------------------------------------------------------------------- kinds, purposes

TASK_OVERDUE = "task_overdue"
TASK_DUE = "task_due"
FOLLOW_UP_DUE = "follow_up_due"
BIRTHDAY = "birthday"
ANNIVERSARY = "anniversary"
CHURN_RISK = "churn_risk"
REPLENISHMENT = "replenishment"
NOT_IN_GROUP = "not_in_group"
NOT_GREETED = "not_greeted"
HANDED_OVER = "handed_over"

KINDS = (
    TASK_OVERDUE, TASK_DUE, FOLLOW_UP_DUE, BIRTHDAY, ANNIVERSARY, CHURN_RISK,
    REPLENISHMENT, NOT_IN_GROUP, NOT_GREETED, HANDED_OVER,
)  # fmt: skip

#: Chinese label of each kind (the chip on the page).
KIND_LABELS = {
    TASK_OVERDUE: "任务逾期",
    TASK_DUE: "今日任务",
    FOLLOW_UP_DUE: "待跟进",
    BIRTHDAY: "生日",
    ANNIVERSARY: "会员周年",
    CHURN_RISK: "流失预警",
    REPLENISHMENT: "复购提醒",
    NOT_IN_GROUP: "未进社群",
    NOT_GREETED: "新客问候",
    HANDED_OVER: "新接手",
}

#: Script purposes (which script the card opens with).
P_BIRTHDAY = "birthday"
P_ANNIVERSARY = "anniversary"
P_RECALL = "recall"  # 沉睡召回
P_REPLENISHMENT = "replenishment"  # 复购提醒
P_WELCOME = "welcome"  # 新客问候
P_INTRO = "intro"  # 新接手介绍
P_GROUP_INVITE = "group_invite"  # 进群邀请
P_FOLLOW_UP = "follow_up"

PURPOSE_OF_KIND = {
    FOLLOW_UP_DUE: P_FOLLOW_UP,
    BIRTHDAY: P_BIRTHDAY,
    ANNIVERSARY: P_ANNIVERSARY,
    CHURN_RISK: P_RECALL,
    REPLENISHMENT: P_REPLENISHMENT,
    NOT_IN_GROUP: P_GROUP_INVITE,
    NOT_GREETED: P_WELCOME,
    HANDED_OVER: P_INTRO,
}

#: The one place that says which script fits a purpose: words looked for, in this
#: order of preference, in a script's title, then its keywords, then its group's name.
SCRIPT_WORDS: dict[str, tuple[str, ...]] = {
    P_BIRTHDAY: ("生日",),
    P_ANNIVERSARY: ("周年", "纪念", "生日"),
    P_RECALL: ("沉睡", "召回", "唤醒", "流失"),
    P_REPLENISHMENT: ("复购", "补货", "回购", "用完"),
    P_WELCOME: ("新客", "欢迎", "问候", "初次"),
    P_INTRO: ("交接", "接手", "新接手", "介绍"),
    P_GROUP_INVITE: ("进群", "社群", "入群", "群"),
    P_FOLLOW_UP: ("跟进", "回访"),
}

#: Purchase categories for repurchase cycles: (code, label, words in an item name).
#: The first category whose word an item's name holds is the item's; an order's
#: category is its first item's that has one (``category_of``).
CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("formula", "奶粉", ("奶粉",)),
    ("diaper", "纸尿裤", ("纸尿裤", "尿不湿", "拉拉裤")),
    ("wipes", "湿巾", ("湿巾",)),
    ("mask", "面膜", ("面膜",)),
    ("sunscreen", "防晒", ("防晒",)),
    ("cleanser", "洁面", ("洁面", "卸妆")),
    ("toner", "爽肤水", ("爽肤水", "精华水", "化妆水")),
    ("serum", "精华", ("精华",)),
    ("cream", "面霜", ("面霜", "晚霜", "眼霜", "乳液")),
    ("lipstick", "口红", ("口红", "唇釉", "唇膏")),
    ("base", "底妆", ("粉底", "气垫", "BB霜", "散粉", "遮瑕")),
    ("perfume", "香水", ("香水",)),
    ("shampoo", "洗护发", ("洗发", "护发")),
    ("bodywash", "沐浴", ("沐浴", "身体乳", "磨砂膏")),
    ("oral", "口腔", ("牙膏", "漱口水")),
    ("babycare", "婴童护理", ("婴儿", "宝宝", "儿童", "护臀")),
)
CATEGORY_LABELS = {code: label for code, label, _ in CATEGORIES}


def category_of(item_names: Iterable[str]) -> str | None:
    """The category code of an order from its items' names (the first that has one)."""
    for name in item_names:
        for code, _label, words in CATEGORIES:
            if any(w in name for w in words):
                return code
    return None


#: Order statuses that are no purchase (no category, no cycle).
NOT_PURCHASES = frozenset({"refunded", "cancelled"})


def purchase_category(status: str, item_names: Iterable[str]) -> str | None:
    """An order's category as a purchase: ``None`` for a refunded or cancelled order."""
    return None if str(status) in NOT_PURCHASES else category_of(item_names)


def cycle_days_from_counts(counts: Mapping[int, int], min_samples: int) -> int | None:
    """:func:`cycle_days` of a histogram ``gap days → how many`` (what the app's SQL gives)."""
    gaps = sorted((g, n) for g, n in counts.items() if g >= 1 and n > 0)
    total = sum(n for _g, n in gaps)
    if total < max(min_samples, 1):
        return None

    def nth(k: int) -> int:  # the k-th smallest gap (0-based)
        for g, n in gaps:
            if k < n:
                return g
            k -= n
        raise AssertionError("unreachable")

    median = (nth((total - 1) // 2) + nth(total // 2)) / 2
    return max(1, round(median))


def cycle_days(intervals: Sequence[float], min_samples: int) -> int | None:
    """A category's repurchase cycle: the median interval in whole days (≥ 1), or
    ``None`` with fewer than ``min_samples`` intervals."""
    gaps = [g for g in intervals if g >= 1]
    if len(gaps) < max(min_samples, 1):
        return None
    return max(1, round(statistics.median(gaps)))


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class TodaySettings:
    """Windows of the rules; ``contact_guard_days`` is HQ's (``chain_setting``)."""

    contact_guard_days: int = 7
    thresholds: StageThresholds = DEFAULT_THRESHOLDS
    birthday_days: int = 7
    anniversary_days: int = 7
    churn_warn_days: int = 7
    churn_window_days: int = 14
    replenish_early_days: int = 3
    replenish_late_days: int = 14
    follow_up_late_days: int = 30
    min_cycle_samples: int = 5
    not_in_group_days: int = 14
    greet_days: int = 14
    handover_days: int = 14


@dataclass(frozen=True)
class CustomerFacts:
    id: str
    name: str
    birthday: date | None = None
    member_since: date | None = None
    last_purchase_at: date | None = None
    order_count: int = 0
    in_group: bool = False
    created_at: datetime | None = None
    last_follow_up_at: datetime | None = None
    next_follow_up_on: date | None = None
    handed_over_at: datetime | None = None


@dataclass(frozen=True)
class CategoryPurchase:
    """A customer's last purchase of one category (``category``: a code of :data:`CATEGORIES`)."""

    customer_id: str
    category: str
    last_at: date


@dataclass(frozen=True)
class AssignmentFacts:
    """An open assignment of the guide (its task's title and due time)."""

    id: str
    title: str
    due_at: datetime | None


@dataclass(frozen=True)
class Mark:
    """The guide's mark on an entry: ``done``, ``dismissed`` or ``snoozed`` until a day."""

    action: str
    until: date | None = None


@dataclass(frozen=True)
class TodayEntry:
    key: str
    kind: str
    reason: str
    #: the script purpose for customer entries (``None`` for tasks)
    purpose: str | None
    #: customer name or task title
    title: str
    customer_id: str | None = None
    assignment_id: str | None = None
    #: sort key (lower first), see the module docstring
    rank: tuple = field(default=(), compare=False)


def entry_key(kind: str, target_id: str, occasion: str | None = None) -> str:
    """The key a mark names: ``kind:id[:occasion]`` (tasks: ``task:<assignment id>``)."""
    if kind in (TASK_DUE, TASK_OVERDUE):
        kind = "task"
    return f"{kind}:{target_id}" + (f":{occasion}" if occasion else "")


def is_hidden(mark: Mark | None, today: date) -> bool:
    """Done and not applicable hide for good; a snooze until its day."""
    if mark is None:
        return False
    if mark.action == "snoozed":
        return mark.until is not None and mark.until > today
    return mark.action in ("done", "dismissed")


# --------------------------------------------------------------------------- reasons


def _md(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _when(days: int) -> str:
    return {0: "今天", 1: "明天", 2: "后天"}.get(days, f"{days}天后")


def _next_occurrence(month_day: date, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            d = month_day.replace(year=year)
        except ValueError:  # 29 Feb in a common year
            d = date(year, 2, 28)
        if d >= today:
            return d
    raise AssertionError("unreachable")


def _local_date(value: datetime, now: datetime) -> date:
    if value.tzinfo is not None and now.tzinfo is not None:
        value = value.astimezone(now.tzinfo)
    return value.date()


# --------------------------------------------------------------------------- the queue

_BUCKET_OVERDUE, _BUCKET_TODAY, _BUCKET_OTHER = 0, 1, 2
_KIND_ORDER = {
    TASK_OVERDUE: 0, TASK_DUE: 0, HANDED_OVER: 1, BIRTHDAY: 2, REPLENISHMENT: 3,
    CHURN_RISK: 4, FOLLOW_UP_DUE: 5, NOT_GREETED: 6, ANNIVERSARY: 7, NOT_IN_GROUP: 8,
}  # fmt: skip


def build_queue(
    *,
    customers: Iterable[CustomerFacts],
    purchases: Iterable[CategoryPurchase] = (),
    cycles: Mapping[str, int] | None = None,
    assignments: Iterable[AssignmentFacts] = (),
    marks: Mapping[str, Mark] | None = None,
    now: datetime,
    settings: TodaySettings = TodaySettings(),
) -> list[TodayEntry]:
    """The ranked Today list (see the module docstring for every rule)."""
    today = now.date()
    marks = marks or {}
    cycles = cycles or {}
    out: list[TodayEntry] = []

    def add(kind, target, occasion, reason, title, bucket, urgency, *, customer=None, task=None):
        key = entry_key(kind, target, occasion)
        if is_hidden(marks.get(key), today):
            return
        rank = (bucket, urgency, _KIND_ORDER[kind], title, key)
        purpose = PURPOSE_OF_KIND.get(kind)
        out.append(TodayEntry(key, kind, reason, purpose, title, customer, task, rank))

    for a in assignments:
        if a.due_at is None:
            continue
        due = _local_date(a.due_at, now)
        late = (today - due).days
        if late > 0:
            reason = f"任务已逾期 {late} 天（截止 {_md(due)}）"
            add(TASK_OVERDUE, a.id, None, reason, a.title, _BUCKET_OVERDUE, -late, task=a.id)
        elif late == 0:
            local = a.due_at.astimezone(now.tzinfo) if now.tzinfo and a.due_at.tzinfo else a.due_at
            reason = f"任务今天 {local:%H:%M} 截止"
            add(TASK_DUE, a.id, None, reason, a.title, _BUCKET_TODAY, 0, task=a.id)

    by_customer: dict[str, list[CategoryPurchase]] = {}
    for p in purchases:
        by_customer.setdefault(p.customer_id, []).append(p)

    t = settings.thresholds
    for c in customers:
        name = c.name
        cid = c.id

        def add_c(kind, occasion, reason, bucket, urgency, _cid=cid, _name=name):
            add(kind, _cid, occasion, reason, _name, bucket, urgency, customer=_cid)

        # follow-ups the guide set: never held back by the guard (a month late: stale)
        late = (today - c.next_follow_up_on).days if c.next_follow_up_on else -1
        if 0 <= late <= settings.follow_up_late_days:
            occ = c.next_follow_up_on.isoformat()
            if late > 0:
                reason = f"约定跟进已逾期 {late} 天（{_md(c.next_follow_up_on)}）"
                add_c(FOLLOW_UP_DUE, occ, reason, _BUCKET_OVERDUE, -late)
            else:
                add_c(FOLLOW_UP_DUE, occ, "约定今天跟进", _BUCKET_TODAY, 0)

        if c.last_follow_up_at is not None:
            since = (today - _local_date(c.last_follow_up_at, now)).days
            if since < settings.contact_guard_days:
                continue  # contacted recently: left alone

        if c.handed_over_at is not None:
            handed = _local_date(c.handed_over_at, now)
            followed = c.last_follow_up_at is not None and c.last_follow_up_at >= c.handed_over_at
            age = (today - handed).days
            if 0 <= age <= settings.handover_days and not followed:
                reason = f"新接手的客户（{_md(handed)} 交接），还未联系过"
                add_c(HANDED_OVER, handed.isoformat(), reason, _BUCKET_OTHER, 0)

        if c.birthday is not None:
            nxt = _next_occurrence(c.birthday, today)
            days = (nxt - today).days
            if days <= settings.birthday_days:
                reason = f"生日 {_md(nxt)}（{_when(days)}）"
                add_c(BIRTHDAY, str(nxt.year), reason, _BUCKET_OTHER, days)

        if c.member_since is not None:
            nxt = _next_occurrence(c.member_since, today)
            years = nxt.year - c.member_since.year
            days = (nxt - today).days
            if years >= 1 and days <= settings.anniversary_days:
                reason = f"入会 {years} 周年 {_md(nxt)}（{_when(days)}）"
                add_c(ANNIVERSARY, str(nxt.year), reason, _BUCKET_OTHER, days)

        if c.last_purchase_at is not None:
            idle = (today - c.last_purchase_at).days
            occ_day = c.last_purchase_at.isoformat()
            for limit, before, after, stage in (
                (t.active_days, "即将沉睡", "已沉睡", "dormant"),
                (t.dormant_days, "即将流失", "已流失", "lost"),
            ):
                to_go = limit - idle  # > 0: not crossed yet
                if -settings.churn_window_days < to_go <= settings.churn_warn_days:
                    if to_go > 0:
                        reason = f"{before}：{idle} 天未购买（{limit} 天起算）"
                    else:
                        reason = f"{after}：{idle} 天未购买"
                    add_c(CHURN_RISK, f"{stage}:{occ_day}", reason, _BUCKET_OTHER, to_go)
            if idle <= settings.not_in_group_days and not c.in_group:
                reason = f"近期购买（{idle} 天前）但还没进社群"
                add_c(NOT_IN_GROUP, None, reason, _BUCKET_OTHER, settings.not_in_group_days)

        for p in by_customer.get(cid, ()):
            cycle = cycles.get(p.category)
            if not cycle:
                continue
            ago = (today - p.last_at).days
            to_go = cycle - ago
            if -settings.replenish_late_days <= to_go <= settings.replenish_early_days:
                label = CATEGORY_LABELS.get(p.category, p.category)
                reason = f"上次购买{label} {ago} 天前，复购周期约 {cycle} 天"
                occ = f"{p.category}:{p.last_at.isoformat()}"
                add_c(REPLENISHMENT, occ, reason, _BUCKET_OTHER, to_go)

        if c.last_follow_up_at is None and c.handed_over_at is None:
            created = c.created_at and _local_date(c.created_at, now)
            if created is not None and 0 <= (today - created).days <= settings.greet_days:
                age = (today - created).days
                reason = f"新客户（{_md(created)} 建档），还没问候过"
                add_c(NOT_GREETED, None, reason, _BUCKET_OTHER, 3 - age)

    out.sort(key=lambda e: e.rank)
    return out


def guard_since(now: datetime, settings: TodaySettings) -> date:
    """The first day whose follow-up keeps a customer off (for SQL pre-filters)."""
    return now.date() - timedelta(days=settings.contact_guard_days - 1)
