"""``/sync/pull`` and ``/sync/push``."""

from __future__ import annotations

import orjson
from fastapi import APIRouter, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from guide_core.protocol import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    MAX_PULL_WAIT_S,
    MAX_PUSH_BATCH,
    PRINTABLE_PATTERN,
    RESYNC,
    PullResponse,
    PushRequest,
    PushResponse,
)
from guide_server.api.deps import PushReaderDep, ReaderDep, StateDep
from guide_server.api.limits import MAX_CURSOR_CHARS
from guide_server.api.openapi import BEARER, errors
from guide_server.sync.cursor import InvalidCursor
from guide_server.sync.pull import Resync, pull
from guide_server.sync.push import BadPush, parse_push, push

router = APIRouter(prefix="/sync", tags=["sync"])

_JSON = "application/json"


@router.get(
    "/pull",
    response_model=PullResponse,
    responses=errors(
        400,
        401,
        409,
        422,
        e400="游标无效: 不是本服务器签发的 (invalid cursor)",
        e409=f'detail 为 "{RESYNC}": 游标属于旧纪元或早于保留的删除记录, 请重新全量同步',
    ),
    openapi_extra=BEARER,
)
async def pull_changes(
    request: Request,
    reader: ReaderDep,
    state: StateDep,
    # The pattern is documented, not enforced here: any cursor the server did not
    # sign, whatever its characters, is the same "400 invalid cursor".
    cursor: str = Query(
        "", max_length=MAX_CURSOR_CHARS, json_schema_extra={"pattern": r"^[A-Za-z0-9_.-]*$"}
    ),
    limit: int = Query(DEFAULT_PULL_LIMIT, ge=1, le=MAX_PULL_LIMIT),
    wait: float = Query(
        0,
        ge=0,
        le=MAX_PULL_WAIT_S,
        description="秒: 没有新变更时最多等待这么久, 有变更即返回 (long-poll; 服务器另有上限)",
    ),
) -> Response:
    """Changes after ``cursor`` in every scope the token grants.

    With ``wait`` and nothing new, the answer comes when a change in those scopes
    commits, or empty after ``wait`` seconds (``guide_server.sync.live``).
    """

    def fetch(after: str) -> dict:
        try:
            return pull(state.db, reader, after, limit, state.keys, state.counters)
        except InvalidCursor as exc:
            raise HTTPException(400, str(exc)) from None
        except Resync:
            raise HTTPException(409, RESYNC) from None

    hold = min(wait, state.settings.pull_wait_max_seconds)
    if hold <= 0:
        page = await run_in_threadpool(fetch, cursor)
    else:
        page = await state.live.hold(
            reader.scopes(),
            lambda after: run_in_threadpool(fetch, after),
            cursor,
            hold,
            request.receive,
        )
    return Response(orjson.dumps(page), media_type=_JSON)


def push_body_schema() -> dict:
    """The push body as far as the request as a whole is checked (400/422 below that).

    The route reads the raw body so that one malformed mutation becomes that
    mutation's ``rejected`` result and the rest of the batch is applied
    (``sync.push.parse_push``): beyond its ``mutation_id``, a mutation's fields are
    described here, not constrained (``protocol.Mutation`` and ``MUTATION_FIELDS``
    are the rules, applied per mutation).
    """
    per_mutation = "逐条检查: 不符者该条 rejected, 其余照常 (checked per mutation)"
    return {
        "title": "PushRequest",
        "type": "object",
        "additionalProperties": False,
        "required": ["device_id", "mutations"],
        "properties": {
            # parse_push checks it with PushRequest's own rules (no control characters)
            "device_id": {
                **PushRequest.model_json_schema()["properties"]["device_id"],
                "pattern": PRINTABLE_PATTERN,
            },
            "mutations": {
                "type": "array",
                "maxItems": MAX_PUSH_BATCH,
                "items": {
                    "title": "Mutation",
                    "type": "object",
                    "required": ["mutation_id"],
                    "description": f"protocol.Mutation; {per_mutation}",
                    "properties": {
                        "mutation_id": {"type": "string", "format": "uuid"},
                        "seq": {"description": f"整数 ≥ 0, 本设备递增; {per_mutation}"},
                        "entity": {"description": f"实体, 如 customer; {per_mutation}"},
                        "op": {"description": f"操作, 如 create; {per_mutation}"},
                        "entity_id": {"description": f"1-64字; {per_mutation}"},
                        "fields": {"description": f"见 MUTATION_FIELDS; {per_mutation}"},
                        "base_version": {"description": f"整数或 null; {per_mutation}"},
                    },
                },
            },
        },
    }


@router.post(
    "/push",
    response_model=PushResponse,
    responses=errors(
        400,
        401,
        422,
        e400="请求体不是有效的 JSON (malformed JSON)",
        e422="请求整体不符合格式: 非对象, 缺 device_id, mutations 非列表或超过上限, 缺 mutation_id",
    ),
    openapi_extra={
        "requestBody": {"required": True, "content": {_JSON: {"schema": push_body_schema()}}},
        **BEARER,
    },
)
async def push_mutations(request: Request, reader: PushReaderDep, state: StateDep) -> Response:
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
    for (_mid, m, _problem), result in zip(entries, results, strict=True):
        if m is not None and (m.entity, m.op) == ("user", "handover"):
            if result["status"] == "applied":  # its tokens were revoked: not from the cache
                state.auth.forget_user(m.entity_id)
    return Response(orjson.dumps({"results": results}), media_type=_JSON)
