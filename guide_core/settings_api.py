"""Wire format of HQ's chain settings (``/api/v1/admin/settings/…``).

The saved row reaches every PC through sync as :class:`guide_core.protocol.ChainSettingData`;
this is the admin request and answer body.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, model_validator

from guide_core.lifecycle import StageThresholds, threshold_problem
from guide_core.protocol import NOT_BOOL, _Write

Days = Annotated[int, Field(ge=1, le=3650), NOT_BOOL]


class LifecycleSettingsWrite(_Write):
    """新客/活跃/沉睡/流失 thresholds (``guide_core.lifecycle.stage_of``).

    新客: joined within ``new_days`` with at most ``new_max_orders`` orders; otherwise the
    days since the last purchase (or joining): ≤ ``active_days`` 活跃, ≤ ``dormant_days``
    沉睡, else 流失. ``active_days`` must be less than ``dormant_days``.
    """

    new_days: Days = 30
    new_max_orders: Annotated[int, Field(ge=0, le=1000), NOT_BOOL] = 1
    active_days: Days = 90
    dormant_days: Days = 180

    @model_validator(mode="after")
    def _consistent(self) -> LifecycleSettingsWrite:
        problem = threshold_problem(self.thresholds)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def thresholds(self) -> StageThresholds:
        return StageThresholds(
            new_days=self.new_days,
            new_max_orders=self.new_max_orders,
            active_days=self.active_days,
            dormant_days=self.dormant_days,
        )


class LifecycleSettings(LifecycleSettingsWrite):
    """The thresholds as saved (the answer of GET and PUT)."""

    #: When HQ last saved them (``None``: the defaults, never saved).
    updated_at: datetime | None = None


#: Today's contact guard (``guide_core.today_rules``): 1..90 days.
GuardDays = Annotated[int, Field(ge=1, le=90), NOT_BOOL]


class TodaySettingsWrite(_Write):
    """今日 settings: a customer followed up within ``contact_guard_days`` days is left
    off Today (tasks never are), so no customer is pestered."""

    contact_guard_days: GuardDays = 7


class TodaySettings(TodaySettingsWrite):
    """Today's settings as saved (the answer of GET and PUT)."""

    updated_at: datetime | None = None
