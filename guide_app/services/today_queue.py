"""今日's ranked queue for the signed-in user, read from the cache (any thread).

The facts come from a few SQL queries that pre-filter with windows a day wider than
the rules' (so the rules see every customer they could list, and few others); the
rules themselves are :mod:`guide_core.today_rules`. The queue is the user's own
customers and own open assignments (a guide's cache holds the whole store).

Queries (each bound to the user and the local day):

- ``cycles``: the store's repurchase cycle per category, learned with a window function
  over every order (the gaps between a customer's consecutive purchases of a category,
  as a histogram; the median is :func:`guide_core.today_rules.cycle_days_from_counts`);
  kept in ``today_cycles`` and learned again once :data:`CYCLES_MAX_AGE_DAYS` old (the
  first queue of such a day pays for it, see ``bench/today.py``).
- ``due``: own customers whose latest follow-up's 下次跟进 is in [today − 30 days, today]
  (``follow_ups.next_follow_up_on``, indexed).
- ``replenish``: per own customer and category, the last purchase where it falls in the
  category's due window (index ``orders (category, paid_at, customer_id)``; ``category``
  is none for refunds).
- ``customers``: own customers with a birthday or anniversary in the window, a last
  purchase near a threshold or recent, created or handed over recently, or named by
  the two queries above; each with its last follow-up (the guard).
- ``marks``: the user's ``today_action`` rows (local edits included: the overlay
  writes them at once).

Marks are ``today_action.set`` / ``.clear`` edits: queued in the outbox, applied to the
local rows at once, pushed by the sync engine (offline-first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from guide_app.cache.outbox import record_edit
from guide_app.domain.errors import raise_if
from guide_app.domain.permissions import actor_of
from guide_app.domain.validation import checked_fields
from guide_app.services.chain_settings import stage_thresholds
from guide_core.lifecycle import CHAIN_SETTING_ID
from guide_core.protocol import AssignmentStatus, UserInfo, today_action_id
from guide_core.rules import Target, check
from guide_core.today_rules import (
    SCRIPT_WORDS,
    AssignmentFacts,
    CategoryPurchase,
    CustomerFacts,
    Mark,
    TodayEntry,
    TodaySettings,
    build_queue,
    cycle_days_from_counts,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from guide_app.cache.database import Cache

#: Assignment statuses still to be done.
OPEN = (AssignmentStatus.TODO, AssignmentStatus.IN_PROGRESS, AssignmentStatus.SENT_BACK)
#: Default snooze (the page's date picker starts here).
SNOOZE_DAYS = 3
#: Repurchase cycles move slowly: learned again once they are this many days old.
CYCLES_MAX_AGE_DAYS = 7

#: Gaps between a customer's consecutive purchases of a category, as a histogram per
#: category (a sort of every purchase: learned once a week, see CYCLES_MAX_AGE_DAYS).
CYCLES_SQL = """
WITH seq AS (
  SELECT category,
         CAST(julianday(substr(paid_at, 1, 10)) - julianday(substr(lag(paid_at) OVER (
           PARTITION BY customer_id, category ORDER BY paid_at), 1, 10)) AS INTEGER) AS gap
  FROM orders
  WHERE customer_id IS NOT NULL AND category IS NOT NULL AND paid_at IS NOT NULL
)
SELECT category, gap, count(*) FROM seq WHERE gap >= 1 GROUP BY category, gap
"""

#: Own customers whose latest follow-up promised a next one in [stale, today] (CROSS JOIN:
#: from the few follow-ups in that window, by their index, then their customers).
FOLLOW_UPS_DUE_SQL = """
SELECT f.customer_id, max(f.next_follow_up_on)
FROM follow_ups f INDEXED BY ix_follow_ups_next_follow_up_on
CROSS JOIN customers c INDEXED BY ix_customers_id_owner_id
  ON c.id = f.customer_id
WHERE f.next_follow_up_on >= :stale AND f.next_follow_up_on <= :today AND c.owner_id = :me
  AND NOT EXISTS (SELECT 1 FROM follow_ups g WHERE g.customer_id = f.customer_id AND g.at > f.at)
GROUP BY f.customer_id
"""

#: Per own customer and category with a cycle, the last purchase where it is due: the
#: orders of each category's due window (index ``orders (category, paid_at, customer_id)``),
#: of own customers, with no later purchase of that category.
REPLENISH_SQL = """
SELECT o.customer_id, o.category, max(o.paid_at)
FROM today_cycles y
CROSS JOIN orders o ON o.category = y.category
  AND o.paid_at >= date(:today, printf('%+d days', -(y.days + :late + 1)))
  AND o.paid_at < date(:today, printf('%+d days', -(y.days - :early - 1)))
CROSS JOIN customers c INDEXED BY ix_customers_id_owner_id
  ON c.id = o.customer_id AND c.owner_id = :me
WHERE y.days > 0 AND NOT EXISTS (
  SELECT 1 FROM orders o2 INDEXED BY ix_orders_customer_id_paid_at
  WHERE o2.customer_id = c.id AND o2.paid_at > o.paid_at AND o2.category = o.category)
GROUP BY o.customer_id, o.category
"""

#: Own customers some rule may list (windows a day wider than the rules'), with their
#: last follow-up (the contact guard).
CUSTOMERS_SQL = """
SELECT id, name, remark_name, birthday, member_since, last_purchase_at, order_count,
       in_group, created_at, handed_over_at,
       (SELECT max(f.at) FROM follow_ups f WHERE f.customer_id = customers.id)
FROM customers INDEXED BY ix_customers_today
WHERE owner_id = :me AND (
     (last_purchase_at >= :churn1_from AND last_purchase_at < :churn1_to)
  OR (last_purchase_at >= :churn2_from AND last_purchase_at < :churn2_to)
  OR (last_purchase_at >= :recent_from AND in_group = 0)
  OR created_at >= :greet_from
  OR substr(birthday, 6, 5) IN (SELECT value FROM json_each(:month_days))
  OR substr(member_since, 6, 5) IN (SELECT value FROM json_each(:month_days))
  OR id IN (SELECT value FROM json_each(:ids))
  OR handed_over_at >= :handover_from
)
"""

MARKS_SQL = "SELECT data FROM today_actions WHERE user_id = :me"


@dataclass(frozen=True)
class TodayQueue:
    entries: list[TodayEntry]
    #: the day it was made for (local)
    day: date
    #: categories with a learned cycle (code → days)
    cycles: dict[str, int]


def _utc_text_to_local(value: str | None, tz) -> datetime | None:
    """A cache time (UTC text ``YYYY-MM-DD HH:MM:SS``, or wire ISO) as an aware local time."""
    if not value:
        return None
    try:  # the cache's own text is naive UTC: parsing it with the offset is the fast way
        return datetime.fromisoformat(value + "+00:00").astimezone(tz)
    except ValueError:
        pass
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(tz)


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _utc_bound(day: date, tz) -> str:
    """The cache's UTC text of the local midnight starting ``day`` (for range filters)."""
    start = datetime.combine(day, datetime.min.time(), tz).astimezone(UTC)
    return start.replace(tzinfo=None).isoformat(sep=" ")


def month_days(today: date, days: int) -> list[str]:
    """``MM-DD`` of the next ``days`` + 1 days (and 02-29 when 02-28 is among them)."""
    out = [(today + timedelta(days=i)).strftime("%m-%d") for i in range(days + 1)]
    if "02-28" in out:
        out.append("02-29")
    return out


def today_settings(conn: Connection, cache: Cache) -> TodaySettings:
    data = conn.exec_driver_sql(
        "SELECT data FROM chain_settings WHERE id = ?", (CHAIN_SETTING_ID,)
    ).scalar()
    guard = (json.loads(data) if data else {}).get("contact_guard_days") or 7
    return TodaySettings(contact_guard_days=int(guard), thresholds=stage_thresholds(cache))


def cycles_fresh(conn: Connection, today: date) -> bool:
    """Were the cycles learned in the last :data:`CYCLES_MAX_AGE_DAYS` days?"""
    since = (today - timedelta(days=CYCLES_MAX_AGE_DAYS - 1)).isoformat()
    found = conn.exec_driver_sql(
        "SELECT 1 FROM today_cycles WHERE computed_on BETWEEN ? AND ? LIMIT 1",
        (since, today.isoformat()),
    ).first()
    return found is not None


def learned_cycles(conn: Connection, today: date, min_samples: int) -> dict[str, int]:
    """The store's cycles, learned again unless :func:`cycles_fresh` (write)."""
    if cycles_fresh(conn, today):
        rows = conn.exec_driver_sql("SELECT category, days FROM today_cycles").all()
        return {r[0]: r[1] for r in rows if r[1] > 0}
    fresh = compute_cycles(conn, min_samples)
    conn.exec_driver_sql("DELETE FROM today_cycles")
    # a row even without a cycle (days 0) says "computed today"
    stored = fresh or {"": (0, 0)}
    conn.exec_driver_sql(
        "INSERT INTO today_cycles (category, days, samples, computed_on) "
        "SELECT value ->> 0, value ->> 1, value ->> 2, ? FROM json_each(?)",
        (today.isoformat(), json.dumps([[k, d, n] for k, (d, n) in stored.items()])),
    )
    return {k: d for k, (d, _n) in fresh.items() if d > 0}


def compute_cycles(conn: Connection, min_samples: int) -> dict[str, tuple[int, int]]:
    """category → (cycle days, samples); categories below ``min_samples`` get 0 days."""
    counts: dict[str, dict[int, int]] = {}
    for category, gap, n in conn.exec_driver_sql(CYCLES_SQL):
        counts.setdefault(category, {})[int(gap)] = n
    return {
        category: (cycle_days_from_counts(hist, min_samples) or 0, sum(hist.values()))
        for category, hist in counts.items()
    }


def query_params(me: str, now: datetime, settings: TodaySettings) -> dict[str, dict]:
    """The bound parameters of the queue's queries for the user ``me`` at ``now``."""
    tz, today = now.tzinfo, now.date()
    t = settings.thresholds

    def back(days: int) -> str:  # local midnight ``days`` ago, as the cache's UTC text
        return _utc_bound(today - timedelta(days=days), tz)

    return {
        "due": {
            "me": me,
            "stale": (today - timedelta(days=settings.follow_up_late_days)).isoformat(),
            "today": today.isoformat(),
        },
        "replenish": {
            "me": me,
            "today": today.isoformat(),
            "early": settings.replenish_early_days,
            "late": settings.replenish_late_days,
        },
        "customers": {
            "me": me,
            "month_days": json.dumps(
                month_days(today, max(settings.birthday_days, settings.anniversary_days))
            ),
            "recent_from": back(settings.not_in_group_days + 1),
            "churn1_from": back(t.active_days + settings.churn_window_days + 1),
            "churn1_to": back(t.active_days - settings.churn_warn_days - 1),
            "churn2_from": back(t.dormant_days + settings.churn_window_days + 1),
            "churn2_to": back(t.dormant_days - settings.churn_warn_days - 1),
            "greet_from": back(settings.greet_days + 1),
            "handover_from": back(settings.handover_days + 1),
        },
    }


class TodayService:
    """The user's 今日 queue and their marks on it."""

    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    def queue(self, now: datetime | None = None) -> TodayQueue:
        """The ranked entries for ``now`` (aware; its offset is the local day)."""
        now = now or datetime.now().astimezone()
        tz, today, me = now.tzinfo, now.date(), self._user.id
        with self._cache.read() as conn:
            settings = today_settings(conn, self._cache)
            fresh = cycles_fresh(conn, today)
        if not fresh:  # the first queue of the week learns the store's cycles
            with self._cache.write() as conn:
                learned_cycles(conn, today, settings.min_cycle_samples)
        p = query_params(me, now, settings)
        with self._cache.read() as conn:
            cycles = dict(
                conn.exec_driver_sql("SELECT category, days FROM today_cycles WHERE days > 0").all()
            )
            due = dict(conn.exec_driver_sql(FOLLOW_UPS_DUE_SQL, p["due"]).all())
            replenish = conn.exec_driver_sql(REPLENISH_SQL, p["replenish"]).all()
            ids = sorted({r[0] for r in replenish} | set(due))
            rows = conn.exec_driver_sql(
                CUSTOMERS_SQL, {**p["customers"], "ids": json.dumps(ids)}
            ).all()
            marks = {}
            for (data,) in conn.exec_driver_sql(MARKS_SQL, {"me": me}):
                d = json.loads(data)
                marks[d["entry_key"]] = Mark(d["action"], _day(d.get("until")))
        customers = []
        for cid, name, remark, bday, since, last_buy, n, grouped, created, handed, fu in rows:
            last_local = _utc_text_to_local(last_buy, tz)
            customers.append(
                CustomerFacts(
                    id=cid,
                    name=remark or name,
                    birthday=_day(bday),
                    member_since=_day(since),
                    last_purchase_at=last_local.date() if last_local else None,
                    order_count=n or 0,
                    in_group=bool(grouped),
                    created_at=_utc_text_to_local(created, tz),
                    last_follow_up_at=_utc_text_to_local(fu, tz),
                    next_follow_up_on=_day(due.get(cid)),
                    handed_over_at=_utc_text_to_local(handed, tz),
                )
            )
        purchases = [
            CategoryPurchase(cid, cat, _utc_text_to_local(last, tz).date())
            for cid, cat, last in replenish
        ]
        entries = build_queue(
            customers=customers,
            purchases=purchases,
            cycles=cycles,
            assignments=self._assignments(),
            marks=marks,
            now=now,
            settings=settings,
        )
        return TodayQueue(entries, today, cycles)

    def _assignments(self) -> list[AssignmentFacts]:
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT a.id, t.title, json_extract(a.data, '$.due_at') FROM assignments a "
                "JOIN tasks t ON t.id = a.task_id WHERE a.guide_id = ? AND a.status IN (?, ?, ?)",
                (self._user.id, *(s.value for s in OPEN)),
            ).all()
        out = []
        for aid, title, due in rows:
            due_at = datetime.fromisoformat(due) if due else None
            if due_at is not None and due_at.tzinfo is None:
                due_at = due_at.replace(tzinfo=UTC)
            out.append(AssignmentFacts(aid, title or "", due_at))
        return out

    # ------------------------------------------------------------------ marks

    def mark(self, key: str, action: str, until: date | None = None) -> None:
        """Mark an entry done / dismissed (不适用) / snoozed until ``until`` (offline, synced)."""
        fields = {"entry_key": key, "action": action, "at": datetime.now(UTC)}
        if action == "snoozed":
            fields["until"] = until or date.today() + timedelta(days=SNOOZE_DAYS)
        fields = checked_fields("today_action", "set", fields)
        raise_if(check("today_action", "set", actor_of(self._user), Target(owner_id=self._user.id)))
        aid = today_action_id(self._user.id, key)
        record_edit(self._cache, self._user.id, "today_action", "set", aid, fields, None)

    def unmark(self, key: str) -> None:
        """Take a mark back: the entry shows again."""
        fields = checked_fields("today_action", "clear", {"entry_key": key})
        raise_if(
            check("today_action", "clear", actor_of(self._user), Target(owner_id=self._user.id))
        )
        aid = today_action_id(self._user.id, key)
        record_edit(self._cache, self._user.id, "today_action", "clear", aid, fields, None)

    # ------------------------------------------------------------------ scripts

    def script_for(self, purpose: str | None) -> str | None:
        """The id of a script fitting ``purpose`` (:data:`SCRIPT_WORDS`): a word in its
        title first, then its keywords, then its group's name; most used first."""
        words = SCRIPT_WORDS.get(purpose or "")
        if not words:
            return None
        today = date.today().isoformat()
        valid = (
            "(s.valid_from IS NULL OR s.valid_from <= :today) AND "
            "(s.valid_to IS NULL OR s.valid_to >= :today) AND "
            "(s.scope != 'personal' OR s.owner_id = :me)"
        )
        with self._cache.read() as conn:
            for where in (
                "instr(s.title, :w) > 0",
                "instr(coalesce(s.keywords, ''), :w) > 0",
                "instr(coalesce(json_extract(g.data, '$.name'), ''), :w) > 0",
            ):
                for w in words:
                    found = conn.exec_driver_sql(
                        "SELECT s.id FROM scripts s LEFT JOIN script_groups g ON g.id = s.group_id "
                        f"WHERE {where} AND {valid} "
                        "ORDER BY coalesce(s.use_count, 0) DESC, s.title LIMIT 1",
                        {"w": w, "today": today, "me": self._user.id},
                    ).scalar()
                    if found:
                        return found
        return None
