"""``/admin/tasks``: publish, edit, withdraw tasks; the board and the ranking.

HQ publishes to any stores, regions, roles or guides and manages every task; a
store's supervisor publishes, edits and withdraws their store's tasks for guides of
the store and reads their store's board (``guide_core.rules.tasks``). Bodies are
``guide_core.tasks_api``. A publish is all or nothing: 422 with the
:class:`~guide_core.tasks_api.PublishReport` listing every problem, nothing written.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from guide_core.rules import Code
from guide_core.rules.tasks import may_read_board
from guide_core.tasks_api import (
    DEFAULT_BOARD_WEEKS,
    MAX_BOARD_WEEKS,
    Board,
    PublishReport,
    Ranking,
    TaskDetail,
    TaskEdit,
    TaskList,
    TaskPublish,
    TaskWithdraw,
)
from guide_server.api.deps import AdminDep, StateDep, audit_denial
from guide_server.api.openapi import BEARER, errors
from guide_server.reader import Reader
from guide_server.services import tasks_board, tasks_manage
from guide_server.services.rejection import Rejected
from guide_server.services.tasks_publish import PublishRefused, publish
from guide_server.services.tasks_schedule import ensure_occurrences

router = APIRouter(prefix="/admin/tasks", tags=["tasks"])

#: Paths of this area with what they answer (fixed paths before the ``{task_id}``
#: template); any other method is a 405 naming the allowed ones.
_PATHS = {
    "": {"GET", "POST"},
    "/board": {"GET"},
    "/ranking": {"GET"},
    "/{task_id}": {"GET", "PATCH"},
    "/{task_id}/withdraw": {"POST"},
}
_METHODS = {"DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"}


def _allowed(request: Request) -> list[str]:
    """What the app answers at this path: routes of a fixed path first (``/board`` is no
    task id), else those of the template."""
    exact: set[str] = set()
    templated: set[str] = set()
    for route in request.app.routes:
        if isinstance(route, APIRoute) and route.include_in_schema:
            if route.path_regex.match(request.url.path):
                (templated if route.param_convertors else exact).update(route.methods or ())
    return sorted((exact or templated) - {"HEAD"})


def _other_methods(request: Request) -> None:
    allow = ", ".join(_allowed(request))
    raise HTTPException(
        405, f"不支持 {request.method}, 只能 {allow} (method not allowed)", {"Allow": allow}
    )


for _path, _known in _PATHS.items():
    router.add_api_route(
        _path, _other_methods, methods=sorted(_METHODS - _known), include_in_schema=False
    )

TaskId = Annotated[str, Path(min_length=1, max_length=64, description="任务 id")]
OptId = Annotated[str | None, Query(min_length=1, max_length=64)]
Weeks = Annotated[int, Query(ge=1, le=MAX_BOARD_WEEKS, description="最近几周")]

_STATUS = {
    Code.FORBIDDEN: 403,
    Code.OTHER_STORE: 403,
    Code.UNKNOWN_TASK: 404,
    Code.TASK_WITHDRAWN: 409,
}


def _refused(request: Request, state, reader: Reader, exc: Rejected) -> HTTPException:
    status = _STATUS.get(exc.code, 422)
    if status == 403 or exc.denied:
        audit_denial(request, reader, exc.reason)
    return HTTPException(status, exc.reason)


@router.get("", response_model=TaskList, responses=errors(401, 403), openapi_extra=BEARER)
def list_tasks(reader: AdminDep, state: StateDep) -> TaskList:
    """Tasks the caller manages or receives: HQ all, a supervisor their store's and HQ's
    reaching it; newest first."""
    with state.db.read() as session:
        return TaskList(tasks=tasks_manage.list_tasks(session, reader))


@router.post(
    "",
    response_model=PublishReport,
    status_code=201,
    responses={
        200: {"model": PublishReport, "description": "dry run: what would be published"},
        422: {
            "description": "refused: the report's problems (nothing written), or a body "
            "that is not a task at all ({detail})",
            "content": {
                "application/json": {
                    "schema": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/PublishReport"},
                            {"$ref": "#/components/schemas/ErrorBody"},
                        ]
                    }
                }
            },
        },
        **errors(401, 403),
    },
    openapi_extra=BEARER,
)
def publish_task(body: TaskPublish, reader: AdminDep, state: StateDep):
    """Publish one task (HQ: any targets; a supervisor: their store), all or nothing."""
    try:
        with state.db.write() as session:
            report = publish(session, reader, body)
    except PublishRefused as exc:
        return JSONResponse(exc.report.model_dump(mode="json"), status_code=422)
    if report.dry_run:
        return JSONResponse(report.model_dump(mode="json"), status_code=200)
    return report


def _board_scope(request, state, reader: Reader, store_id: str | None) -> str | None:
    if not reader.is_hq and store_id is None:
        store_id = reader.store_id
    refusal = may_read_board(reader.actor, store_id)
    if refusal is not None:
        raise _refused(request, state, reader, Rejected(refusal))
    return store_id


@router.get("/board", response_model=Board, responses=errors(401, 403, 422), openapi_extra=BEARER)
def get_board(
    request: Request,
    reader: AdminDep,
    state: StateDep,
    store_id: OptId = None,
    region_id: OptId = None,
    weeks: Weeks = DEFAULT_BOARD_WEEKS,
) -> Board:
    """Completion by guide and task (one store) or by store (HQ across stores/regions)."""
    store_id = _board_scope(request, state, reader, store_id)
    if store_id is not None:
        with state.db.write() as session:
            ensure_occurrences(session, store_id)
    with state.db.read() as session:
        return tasks_board.board(session, store_id=store_id, region_id=region_id, weeks=weeks)


@router.get(
    "/ranking", response_model=Ranking, responses=errors(401, 403, 422), openapi_extra=BEARER
)
def get_ranking(
    request: Request,
    reader: AdminDep,
    state: StateDep,
    by: Literal["guide", "store", "region"] = "guide",
    store_id: OptId = None,
    region_id: OptId = None,
    weeks: Weeks = DEFAULT_BOARD_WEEKS,
) -> Ranking:
    """Best completion first: HQ across the chain (or a region/store), a supervisor their store."""
    store_id = _board_scope(request, state, reader, store_id)
    with state.db.read() as session:
        return tasks_board.ranking(session, by, store_id=store_id, region_id=region_id, weeks=weeks)


@router.get(
    "/{task_id}",
    response_model=TaskDetail,
    responses=errors(401, 403, 404, 422),
    openapi_extra=BEARER,
)
def get_task(request: Request, task_id: TaskId, reader: AdminDep, state: StateDep) -> TaskDetail:
    try:
        with state.db.read() as session:
            return tasks_manage.detail(
                session, reader, tasks_manage.load_task(session, reader, task_id)
            )
    except Rejected as exc:
        raise _refused(request, state, reader, exc) from None


@router.patch(
    "/{task_id}",
    response_model=TaskDetail,
    responses=errors(401, 403, 404, 409, 422),
    openapi_extra=BEARER,
)
def edit_task(
    request: Request, task_id: TaskId, body: TaskEdit, reader: AdminDep, state: StateDep
) -> TaskDetail:
    """Edit: guides keep their checks; ``task.edit_note`` tells them what changed."""
    try:
        with state.db.write() as session:
            return tasks_manage.edit(session, reader, task_id, body)
    except Rejected as exc:
        raise _refused(request, state, reader, exc) from None


@router.post(
    "/{task_id}/withdraw",
    response_model=TaskDetail,
    responses=errors(401, 403, 404, 409, 422),
    openapi_extra=BEARER,
)
def withdraw_task(
    request: Request, task_id: TaskId, body: TaskWithdraw, reader: AdminDep, state: StateDep
) -> TaskDetail:
    """Open assignments vanish from guides' PCs; submitted and approved ones stay."""
    try:
        with state.db.write() as session:
            return tasks_manage.withdraw(session, reader, task_id, body)
    except Rejected as exc:
        raise _refused(request, state, reader, exc) from None
