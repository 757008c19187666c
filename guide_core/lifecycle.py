"""Lifecycle stage (新客/活跃/沉睡/流失), derived from purchase and join dates.

The same rule exists twice: :func:`stage_of` for one customer in Python and
:func:`stage_sql` for filtering and sorting 100,000 rows inside SQLite. A test
keeps them in agreement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

NEW, ACTIVE, DORMANT, LOST = "new", "active", "dormant", "lost"
STAGE_ORDER = {NEW: 0, ACTIVE: 1, DORMANT: 2, LOST: 3}


@dataclass(frozen=True)
class StageThresholds:
    """Day thresholds; HQ tunes them per chain (``chain_setting``, :func:`thresholds_from`)."""

    new_days: int = 30
    new_max_orders: int = 1
    active_days: int = 90
    dormant_days: int = 180


DEFAULT_THRESHOLDS = StageThresholds()

#: Id of the chain's one ``chain_setting`` row (HQ edits it; every reader pulls it in ``global``).
CHAIN_SETTING_ID = "chain"
#: ``chain_setting`` fields holding the thresholds → :class:`StageThresholds` fields.
SETTING_FIELDS = {
    "lifecycle_new_days": "new_days",
    "lifecycle_new_max_orders": "new_max_orders",
    "lifecycle_active_days": "active_days",
    "lifecycle_dormant_days": "dormant_days",
}


def thresholds_from(setting: Mapping[str, Any] | None) -> StageThresholds:
    """The thresholds of a ``chain_setting`` row (its wire data); defaults without one.

    A field missing or empty keeps its default, so a row from an older server (or none
    at all: a chain whose HQ never changed them) gives :data:`DEFAULT_THRESHOLDS`.
    """
    if not setting:
        return DEFAULT_THRESHOLDS
    values = {
        attr: int(setting[key])
        for key, attr in SETTING_FIELDS.items()
        if setting.get(key) is not None
    }
    return replace(DEFAULT_THRESHOLDS, **values)


def threshold_problem(t: StageThresholds) -> str | None:
    """Why these thresholds cannot be used (Chinese), or ``None``.

    Stages need 活跃 ≤ 沉睡 (``active_days < dormant_days``); the bounds keep the SQL and
    date arithmetic sane (at most 10 years).
    """
    if not 1 <= t.new_days <= 3650:
        return "新客天数应在 1 到 3650 之间"
    if not 0 <= t.new_max_orders <= 1000:
        return "新客订单数上限应在 0 到 1000 之间"
    if not 1 <= t.active_days <= 3650:
        return "活跃天数应在 1 到 3650 之间"
    if not 1 <= t.dormant_days <= 3650:
        return "沉睡天数应在 1 到 3650 之间"
    if t.active_days >= t.dormant_days:
        return "沉睡天数应大于活跃天数"
    return None


def _as_date(value: date | datetime | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def stage_of(
    last_purchase_at: date | datetime | str | None,
    member_since: date | datetime | str | None,
    order_count: int = 0,
    today: date | None = None,
    t: StageThresholds = DEFAULT_THRESHOLDS,
) -> str:
    """Stage code of one customer.

    新客: joined within ``new_days`` with at most ``new_max_orders`` orders (or
    no dates known at all). Otherwise the days since the last purchase (or
    since joining, if never bought) decide: ≤ active_days 活跃, ≤ dormant_days
    沉睡, else 流失.
    """
    today = today or date.today()
    joined = _as_date(member_since)
    last = _as_date(last_purchase_at)
    if (
        joined is not None
        and (today - joined).days <= t.new_days
        and order_count <= t.new_max_orders
    ):
        return NEW
    ref = last or joined
    if ref is None:
        return NEW
    days = (today - ref).days
    if days <= t.active_days:
        return ACTIVE
    if days <= t.dormant_days:
        return DORMANT
    return LOST


def stage_sql(last_col: str, joined_col: str, count_col: str) -> str:
    """SQL CASE computing the stage; binds ``:st_today`` and the ``:st_*`` thresholds.

    Columns hold ISO dates/times; ``substr(…, 1, 10)`` makes julianday ignore the
    time of day exactly like :func:`stage_of` does.
    """
    joined = f"julianday(:st_today) - julianday(substr({joined_col}, 1, 10))"
    ref = f"julianday(:st_today) - julianday(substr(coalesce({last_col}, {joined_col}), 1, 10))"
    return (
        "CASE"
        f" WHEN {joined_col} IS NOT NULL AND {joined} <= :st_new_days"
        f" AND {count_col} <= :st_new_max_orders THEN 'new'"
        f" WHEN coalesce({last_col}, {joined_col}) IS NULL THEN 'new'"
        f" WHEN {ref} <= :st_active_days THEN 'active'"
        f" WHEN {ref} <= :st_dormant_days THEN 'dormant'"
        " ELSE 'lost' END"
    )


def stage_params(today: date | None = None, t: StageThresholds = DEFAULT_THRESHOLDS) -> dict:
    """Bound parameters for :func:`stage_sql`."""
    return {
        "st_today": (today or date.today()).isoformat(),
        "st_new_days": t.new_days,
        "st_new_max_orders": t.new_max_orders,
        "st_active_days": t.active_days,
        "st_dormant_days": t.dormant_days,
    }
