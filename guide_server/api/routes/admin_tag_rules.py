"""``/admin/tag-rules``: HQ's auto-tag rules (自动打标, issue 12; ``guide_core.tag_rules_api``).

HQ only. Saving a rule runs it over every customer; deleting one takes its tags off.
Rules also run after every order import and with ``guide-server apply-tag-rules``.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from guide_core.protocol import Id
from guide_core.tag_rules_api import TagRuleOut, TagRuleRun, TagRuleWrite
from guide_server.api.deps import HqDep, StateDep
from guide_server.api.openapi import BEARER, errors
from guide_server.services import tag_rules_admin
from guide_server.services.tag_rules_admin import RuleProblem

router = APIRouter(prefix="/admin/tag-rules", tags=["tag-rules"])


#: Path → what it answers; any other method is a 405 naming them (``Allow``), registered
#: first so that it, and not whichever route Starlette finds first, answers.
_PATHS = {"/{rule_id}": ("PUT", "DELETE"), "": ("GET", "POST")}
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
E404 = "规则不存在 (no such rule)"


@router.get(
    "", response_model=list[TagRuleOut], responses=errors(401, 403, e403=E403), openapi_extra=BEARER
)
def list_rules(reader: HqDep, state: StateDep) -> list[TagRuleOut]:
    """Every rule with how many customers hold its tag by it now."""
    with state.db.read() as session:
        return tag_rules_admin.list_rules(session)


async def _save(state, reader, body: TagRuleWrite, rule_id: str | None) -> TagRuleOut:
    try:
        saved = await run_in_threadpool(tag_rules_admin.save_rule, state.db, reader, body, rule_id)
    except RuleProblem as exc:
        raise HTTPException(exc.status, exc.reason) from None
    state.counters.invalidate()
    return saved


@router.post(
    "",
    response_model=TagRuleOut,
    status_code=201,
    responses=errors(401, 403, 422, e403=E403, e422="条件或标签不对"),
    openapi_extra=BEARER,
)
async def create_rule(body: TagRuleWrite, reader: HqDep, state: StateDep) -> TagRuleOut:
    """A new rule, run over every customer at once."""
    return await _save(state, reader, body, None)


@router.put(
    "/{rule_id}",
    response_model=TagRuleOut,
    responses=errors(401, 403, 404, 422, e403=E403, e404=E404, e422="条件或标签不对"),
    openapi_extra=BEARER,
)
async def update_rule(
    rule_id: Id, body: TagRuleWrite, reader: HqDep, state: StateDep
) -> TagRuleOut:
    """Change a rule's name, condition or whether it is active (its tag stays)."""
    return await _save(state, reader, body, rule_id)


@router.delete(
    "/{rule_id}",
    response_model=TagRuleRun,
    responses=errors(401, 403, 404, 422, e403=E403, e404=E404),
    openapi_extra=BEARER,
)
async def delete_rule(rule_id: Id, reader: HqDep, state: StateDep) -> TagRuleRun:
    """Take off the tags the rule set (``removed``) and delete it."""
    try:
        run = await run_in_threadpool(tag_rules_admin.delete_rule, state.db, reader, rule_id)
    except RuleProblem as exc:
        raise HTTPException(exc.status, exc.reason) from None
    state.counters.invalidate()
    return run
