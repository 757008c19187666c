"""``/sync/pull`` and ``/sync/push``."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from guide_app.sync.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    RESYNC,
    PullResponse,
    PushRequest,
    PushResponse,
)
from guide_server.api.deps import ReaderDep, StateDep
from guide_server.api.limits import MAX_CURSOR_CHARS
from guide_server.sync.cursor import InvalidCursor
from guide_server.sync.pull import Resync, pull
from guide_server.sync.push import BadPush, parse_push, push

router = APIRouter(prefix="/sync", tags=["sync"])

_JSON = "application/json"


@router.get("/pull", response_model=PullResponse, responses={400: {}, 409: {}})
def pull_changes(
    reader: ReaderDep,
    state: StateDep,
    # The pattern is documented, not enforced here: any cursor the server did not
    # sign, whatever its characters, is the same "400 invalid cursor".
    cursor: str = Query(
        "", max_length=MAX_CURSOR_CHARS, json_schema_extra={"pattern": r"^[A-Za-z0-9_.-]*$"}
    ),
    limit: int = Query(DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT),
) -> Response:
    """Changes after ``cursor`` in every scope the token grants."""
    try:
        page = pull(state.db, reader, cursor, limit, state.keys, state.counters)
    except InvalidCursor as exc:
        raise HTTPException(400, str(exc)) from None
    except Resync:
        raise HTTPException(409, RESYNC) from None
    return Response(orjson.dumps(page), media_type=_JSON)


@router.post(
    "/push",
    response_model=PushResponse,
    openapi_extra={
        "requestBody": {"content": {_JSON: {"schema": PushRequest.model_json_schema()}}}
    },
)
async def push_mutations(request: Request, reader: ReaderDep, state: StateDep) -> Response:
    """Apply mutations exactly once each; one result per mutation, in request order."""
    raw = await request.body()
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise HTTPException(400, f"请求体不是有效的 JSON (malformed JSON): {exc}") from None
    try:
        device_id, entries = parse_push(body)
    except BadPush as exc:
        raise HTTPException(422, str(exc)) from None
    results = await run_in_threadpool(push, state.db, reader, device_id, entries)
    state.counters.invalidate()
    return Response(orjson.dumps({"results": results}), media_type=_JSON)
