"""``/admin/settings/…``: the chain's settings HQ edits (issue 12).

``/lifecycle``: the 新客/活跃/沉睡/流失 day thresholds; ``/today``: 今日's contact guard
(days, 1..90). HQ only, read and write; the saved row reaches every counter PC by sync
(``chain_setting`` in ``global``).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from guide_core.settings_api import (
    LifecycleSettings,
    LifecycleSettingsWrite,
    TodaySettings,
    TodaySettingsWrite,
)
from guide_server.api.deps import HqDep, StateDep
from guide_server.api.openapi import BEARER, errors
from guide_server.services import chain_settings

router = APIRouter(prefix="/admin/settings", tags=["settings"])


#: Path → what it answers; any other method is a 405 naming them (``Allow``), registered
#: first so that it, and not whichever route Starlette finds first, answers.
_PATHS = {"/lifecycle": ("GET", "PUT"), "/today": ("GET", "PUT")}
_METHODS = {"DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"}


def _other_methods(request: Request) -> None:
    allow = next(m for p, m in _PATHS.items() if request.scope["route"].path.endswith(p))
    raise HTTPException(
        405,
        f"不支持 {request.method}, 只能 {', '.join(allow)} (method not allowed)",
        {"Allow": ", ".join(allow)},
    )


for _path, _known in _PATHS.items():
    router.add_api_route(
        _path, _other_methods, methods=sorted(_METHODS - set(_known)), include_in_schema=False
    )

E403 = "仅总部可用 (HQ only)"


@router.get(
    "/lifecycle",
    response_model=LifecycleSettings,
    responses=errors(401, 403, e403=E403),
    openapi_extra=BEARER,
)
def get_lifecycle(reader: HqDep, state: StateDep) -> LifecycleSettings:
    """The chain's lifecycle thresholds (the defaults until HQ saves them)."""
    with state.db.read() as session:
        return chain_settings.lifecycle_settings(session)


@router.put(
    "/lifecycle",
    response_model=LifecycleSettings,
    responses=errors(401, 403, 422, e403=E403, e422="阈值不合理 (如沉睡天数不大于活跃天数)"),
    openapi_extra=BEARER,
)
def put_lifecycle(
    body: LifecycleSettingsWrite, reader: HqDep, state: StateDep
) -> LifecycleSettings:
    """Save the thresholds; every PC pulls them and its customers' stages follow."""
    with state.db.write() as session:
        saved = chain_settings.save_lifecycle(session, reader, body)
    state.counters.invalidate()
    return saved


@router.get(
    "/today",
    response_model=TodaySettings,
    responses=errors(401, 403, e403=E403),
    openapi_extra=BEARER,
)
def get_today(reader: HqDep, state: StateDep) -> TodaySettings:
    """今日's contact guard: days after a follow-up a customer stays off Today."""
    with state.db.read() as session:
        return chain_settings.today_settings(session)


@router.put(
    "/today",
    response_model=TodaySettings,
    responses=errors(401, 403, 422, e403=E403, e422="天数应在 1 到 90 之间"),
    openapi_extra=BEARER,
)
def put_today(body: TodaySettingsWrite, reader: HqDep, state: StateDep) -> TodaySettings:
    """Save the contact guard; every PC pulls it and its Today follows."""
    with state.db.write() as session:
        saved = chain_settings.save_today(session, reader, body)
    state.counters.invalidate()  # this process's next pull sees the new version
    return saved
