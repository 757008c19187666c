"""HQ's operating settings (运营设置): the server's ``/api/v1/admin/settings/…``.

``/lifecycle``: the 新客/活跃/沉睡/流失 thresholds; ``/today``: 今日's contact guard
(wire format in :mod:`guide_core.settings_api`). HQ only, online only: without the
server every call raises :class:`AdminOffline` with :data:`OFFLINE_MESSAGE`; a refusal
(403, or 422 for a value out of range or 沉睡 not after 活跃) raises :class:`AdminRefused`
with the server's Chinese ``detail``. The saved row reaches every PC by sync
(``chain_setting``), read there by :mod:`guide_app.services.chain_settings`.

Calls block on the network: the UI runs them with ``ui.background.run_in_background``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel

from guide_app.domain.permissions import actor_of
from guide_app.services.library_admin import (
    AdminError,
    AdminOffline,
    AdminRefused,
    LibraryAdmin,
    _parsed,
)
from guide_app.sync.api import ApiClient
from guide_core import protocol
from guide_core.settings_api import (
    LifecycleSettings,
    LifecycleSettingsWrite,
    TodaySettings,
    TodaySettingsWrite,
)

#: What the settings tab says when the server cannot be reached.
OFFLINE_MESSAGE = "修改运营设置需要连接服务器"
PREFIX = "/admin/settings"

M = TypeVar("M", bound=BaseModel)

__all__ = [
    "OFFLINE_MESSAGE",
    "AdminError",
    "AdminOffline",
    "AdminRefused",
    "SettingsAdmin",
]


class SettingsAdmin:
    """The chain's settings for one signed-in HQ user."""

    def __init__(self, api: ApiClient, user: protocol.UserInfo) -> None:
        self.api = api
        self.user = user

    @property
    def may_edit(self) -> bool:
        """Only HQ reads and writes them (the server's ``HqDep``)."""
        return actor_of(self.user).is_hq

    def lifecycle(self) -> LifecycleSettings:
        return self._get("/lifecycle", LifecycleSettings)

    def save_lifecycle(self, body: LifecycleSettingsWrite) -> LifecycleSettings:
        return self._put("/lifecycle", body, LifecycleSettings)

    def today(self) -> TodaySettings:
        return self._get("/today", TodaySettings)

    def save_today(self, body: TodaySettingsWrite) -> TodaySettings:
        return self._put("/today", body, TodaySettings)

    def both(self) -> tuple[LifecycleSettings, TodaySettings]:
        """Both settings, as the tab shows them."""
        return self.lifecycle(), self.today()

    def save_raw(
        self, lifecycle: dict[str, Any], today: dict[str, Any]
    ) -> tuple[LifecycleSettings, TodaySettings]:
        """PUT both as typed, unchecked here: the server judges (its 422 is the message).

        The lifecycle thresholds go first; a refusal of them leaves both as they were.
        """
        saved_lifecycle = self._put_json("/lifecycle", lifecycle, LifecycleSettings)
        return saved_lifecycle, self._put_json("/today", today, TodaySettings)

    # ------------------------------------------------------------------ plumbing

    def _get(self, path: str, model: type[M]) -> M:
        where = PREFIX + path
        resp = _call(lambda: self.api._send("GET", where))
        return _parsed(self.api._json(resp, where), model, where)

    def _put(self, path: str, body: BaseModel, model: type[M]) -> M:
        return self._put_json(path, body.model_dump(mode="json"), model)

    def _put_json(self, path: str, body: dict[str, Any], model: type[M]) -> M:
        where = PREFIX + path
        payload = orjson.dumps(body)
        headers = {"Content-Type": "application/json"}
        resp = _call(lambda: self.api._send("PUT", where, content=payload, headers=headers))
        return _parsed(self.api._json(resp, where), model, where)


def _call(fn: Callable[[], Any]) -> Any:
    """The library admin's error mapping, offline saying what needs the server here."""
    try:
        return LibraryAdmin._call(fn)
    except AdminOffline as exc:
        raise AdminOffline(OFFLINE_MESSAGE, exc.status) from exc
