"""``/admin/library``: scripts, groups, materials, sensitive words, tag groups,
suggestions and the usage report (话术素材, issue 11).

Thin: each route hands the signed-in reader to a ``guide_server.services.library_*``
function, which checks :mod:`guide_core.rules.content`, writes, audits and bumps the
rows' sync versions in one transaction; a refusal comes back as its status (403, 404,
409, 422) and ``{"detail": "中文 (English)"}``. Scripts, groups and the usage report are
for HQ and a store's supervisor (their own store); the rest is HQ's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from guide_core.library_api import (
    GroupList,
    GroupMove,
    MaterialList,
    MaterialWrite,
    Retired,
    ScriptGroupWrite,
    ScriptList,
    ScriptWrite,
    SensitiveWordWrite,
    SuggestionDecision,
    SuggestionList,
    TagGroupList,
    TagGroupWithTags,
    TagGroupWrite,
    UsageReport,
    WordList,
)
from guide_core.protocol import (
    PRINTABLE_PATTERN,
    MaterialData,
    MaterialKind,
    ScriptData,
    ScriptGroupData,
    ScriptSuggestionData,
    SensitiveWordData,
    SuggestionStatus,
    error_message,
    field_label,
)
from guide_server.api.deps import AdminDep, HqDep, StateDep
from guide_server.api.errors import describe_request_errors
from guide_server.api.openapi import BEARER, errors
from guide_server.api.state import ServerState
from guide_server.audit import record
from guide_server.reader import Reader
from guide_server.services import (
    library_materials,
    library_scripts,
    library_suggestions,
    library_tags,
    library_usage,
    library_words,
)
from guide_server.services.library_common import http_status, run
from guide_server.services.rejection import Rejected


class _LabelledRoute(APIRoute):
    """A 422 for the request's content also names each field in Chinese: a script's
    ``body`` is its 正文, not the request body (``body:body (正文): …``)."""

    def get_route_handler(self) -> Callable:
        handler = super().get_route_handler()

        async def labelled(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                raise HTTPException(422, _describe(exc)) from None

        return labelled


def _describe(exc: RequestValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        if err.get("type") == "json_invalid" or not loc:
            return describe_request_errors(exc)
        where = f"{loc[0]}:{'.'.join(loc[1:])}" if len(loc) > 1 else loc[0]
        label = field_label(loc[-1]) if len(loc) > 1 else ""
        if label and not label.startswith("字段 "):
            where = f"{where} ({label})"
        lines.append(f"{where}: {error_message(err)}")
    return "; ".join(lines)


router = APIRouter(prefix="/admin/library", tags=["library"], route_class=_LabelledRoute)

#: Paths of this area (and of the import/export routes under ``/scripts/``) with what
#: they answer; any other method is a 405 naming the allowed ones.
_PATHS = {
    "/groups": {"GET", "POST"},
    "/groups/{group_id}": {"PUT", "DELETE"},
    "/groups/{group_id}/move": {"POST"},
    "/scripts": {"GET", "POST"},
    "/scripts/{script_id}": {"PUT", "DELETE"},
    "/materials": {"GET", "POST"},
    "/materials/{material_id}": {"PUT", "DELETE"},
    "/sensitive-words": {"GET", "POST"},
    "/sensitive-words/{word_id}": {"DELETE"},
    "/tag-groups": {"GET", "POST"},
    "/tag-groups/{group_id}": {"PUT", "DELETE"},
    "/suggestions": {"GET"},
    "/suggestions/{suggestion_id}/decide": {"POST"},
    "/usage": {"GET"},
}
_METHODS = {"DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"}


def _allowed(request: Request) -> list[str]:
    """What the app answers at this path: routes of a fixed path first (``/scripts/import``
    is not a script id), else those of a template; HEAD goes with GET."""
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

T = TypeVar("T")

E403 = "无权管理: 总部, 或店长管理本店的话术和分组 (forbidden)"
E403_HQ = "仅总部可用 (HQ only)"
E422 = "内容不符合要求, detail 说明哪一项 (正文格式, 敏感词, 分组层数, …)"
#: Longest ``q`` of a list.
MAX_QUERY = 64
MAX_OFFSET = 10_000
MAX_PAGE = 200

Id = Annotated[str, Path(min_length=1, max_length=64, description="id")]
StoreQuery = Annotated[
    str | None, Query(min_length=1, max_length=64, description="门店 id (store)")
]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="跳过前几条")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="每页条数")]
Text = Annotated[
    str, Query(max_length=MAX_QUERY, pattern=PRINTABLE_PATTERN, description="标题/正文包含")
]


def _write(state: ServerState, reader: Reader, what: str, work: Callable[[Session], T]) -> T:
    """One transaction (a denial audited in its own); new versions reach this process's pulls."""
    try:
        result = run(state.db, reader, what, work)
    except Rejected as exc:
        raise HTTPException(http_status(exc), exc.reason) from None
    state.counters.invalidate()
    return result


def _read(state: ServerState, reader: Reader, what: str, work: Callable[[Session], T]) -> T:
    try:
        with state.db.read() as session:
            return work(session)
    except Rejected as exc:
        if exc.denied:
            with state.db.write() as session:
                record(session, reader, "denied", f"{what}: {exc.code} {exc.reason}")
        raise HTTPException(http_status(exc), exc.reason) from None


# --------------------------------------------------------------------------- groups


@router.get(
    "/groups",
    response_model=GroupList,
    responses=errors(401, 403, 422, e403=E403),
    openapi_extra=BEARER,
)
def list_groups(reader: AdminDep, state: StateDep, store_id: StoreQuery = None) -> GroupList:
    """HQ's groups and one store's (a supervisor: their own), by sort."""
    groups = _read(
        state, reader, "list groups", lambda s: library_scripts.list_groups(s, reader, store_id)
    )
    return GroupList(groups=groups)


@router.post(
    "/groups",
    response_model=ScriptGroupData,
    status_code=201,
    responses=errors(401, 403, 422, e403=E403, e422=E422),
    openapi_extra=BEARER,
)
def create_group(body: ScriptGroupWrite, reader: AdminDep, state: StateDep) -> ScriptGroupData:
    """A new group (at most 8 levels deep)."""
    return _write(
        state, reader, "create group", lambda s: library_scripts.create_group(s, reader, body)
    )


@router.put(
    "/groups/{group_id}",
    response_model=ScriptGroupData,
    responses=errors(401, 403, 404, 422, e403=E403, e404="分组不存在 (no such group)", e422=E422),
    openapi_extra=BEARER,
)
def update_group(
    group_id: Id, body: ScriptGroupWrite, reader: AdminDep, state: StateDep
) -> ScriptGroupData:
    """Rename, re-sort or re-parent a group (its scope and store stay)."""
    return _write(
        state,
        reader,
        f"update group {group_id}",
        lambda s: library_scripts.update_group(s, reader, group_id, body),
    )


@router.post(
    "/groups/{group_id}/move",
    response_model=ScriptGroupData,
    responses=errors(401, 403, 404, 422, e403=E403, e404="分组不存在 (no such group)", e422=E422),
    openapi_extra=BEARER,
)
def move_group(group_id: Id, body: GroupMove, reader: AdminDep, state: StateDep) -> ScriptGroupData:
    """Put a group under another (or at the root): never under itself, at most 8 levels."""
    return _write(
        state,
        reader,
        f"move group {group_id}",
        lambda s: library_scripts.move_group(s, reader, group_id, body),
    )


@router.delete(
    "/groups/{group_id}",
    response_model=Retired,
    responses=errors(
        401,
        403,
        404,
        409,
        422,
        e403=E403,
        e404="分组不存在 (no such group)",
        e409="分组里还有话术或下级分组 (group not empty)",
    ),
    openapi_extra=BEARER,
)
def delete_group(group_id: Id, reader: AdminDep, state: StateDep) -> Retired:
    """Remove an empty group; counter apps get the removal."""
    return _write(
        state,
        reader,
        f"delete group {group_id}",
        lambda s: library_scripts.delete_group(s, reader, group_id),
    )


# --------------------------------------------------------------------------- scripts


@router.get(
    "/scripts",
    response_model=ScriptList,
    responses=errors(401, 403, 422, e403=E403),
    openapi_extra=BEARER,
)
def list_scripts(
    reader: AdminDep,
    state: StateDep,
    group_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    q: Text = "",
    store_id: StoreQuery = None,
    retired: bool = False,
    offset: Offset = 0,
    limit: Limit = 50,
) -> ScriptList:
    """HQ's scripts and a store's (a supervisor: their own), by title; one page and the total."""
    found, total = _read(
        state,
        reader,
        "list scripts",
        lambda s: library_scripts.list_scripts(
            s,
            reader,
            group_id=group_id,
            q=q,
            store_id=store_id,
            retired=retired,
            offset=offset,
            limit=limit,
        ),
    )
    return ScriptList(scripts=found, total=total)


@router.post(
    "/scripts",
    response_model=ScriptData,
    status_code=201,
    responses=errors(401, 403, 422, e403=E403, e422=E422),
    openapi_extra=BEARER,
)
def create_script(body: ScriptWrite, reader: AdminDep, state: StateDep) -> ScriptData:
    """A new HQ or store script; counter apps it is visible to pull it."""

    def work(s: Session) -> ScriptData:
        script, _ = library_scripts.save_script(s, reader, body)
        return library_scripts.script_data(script, reader)

    return _write(state, reader, "create script", work)


@router.put(
    "/scripts/{script_id}",
    response_model=ScriptData,
    responses=errors(401, 403, 404, 422, e403=E403, e404="话术不存在 (no such script)", e422=E422),
    openapi_extra=BEARER,
)
def update_script(
    script_id: Id, body: ScriptWrite, reader: AdminDep, state: StateDep
) -> ScriptData:
    """Replace a script (scope and store stay); a store that no longer sees it gets the removal."""

    def work(s: Session) -> ScriptData:
        script, _ = library_scripts.save_script(s, reader, body, script_id)
        return library_scripts.script_data(script, reader)

    return _write(state, reader, f"update script {script_id}", work)


@router.delete(
    "/scripts/{script_id}",
    response_model=Retired,
    responses=errors(401, 403, 404, 422, e403=E403, e404="话术不存在 (no such script)"),
    openapi_extra=BEARER,
)
def retire_script(script_id: Id, reader: AdminDep, state: StateDep) -> Retired:
    """Retire a script: counter apps get the removal; reports keep it."""
    return _write(
        state,
        reader,
        f"retire script {script_id}",
        lambda s: library_scripts.retire_script(s, reader, script_id),
    )


# --------------------------------------------------------------------------- materials


@router.get(
    "/materials",
    response_model=MaterialList,
    responses=errors(401, 403, 422, e403=E403_HQ),
    openapi_extra=BEARER,
)
def list_materials(
    reader: HqDep,
    state: StateDep,
    kind: MaterialKind | None = None,
    q: Text = "",
    retired: bool = False,
    offset: Offset = 0,
    limit: Limit = 50,
) -> MaterialList:
    """Materials by title (``q``: title or description); one page and the total."""
    found, total = _read(
        state,
        reader,
        "list materials",
        lambda s: library_materials.list_materials(
            s, reader, kind=kind, q=q, retired=retired, offset=offset, limit=limit
        ),
    )
    return MaterialList(materials=found, total=total)


@router.post(
    "/materials",
    response_model=MaterialData,
    status_code=201,
    responses=errors(401, 403, 422, e403=E403_HQ, e422=E422),
    openapi_extra=BEARER,
)
def create_material(body: MaterialWrite, reader: HqDep, state: StateDep) -> MaterialData:
    """A new material naming uploaded blobs (``PUT /blobs/{sha256}`` first)."""

    def work(s: Session) -> MaterialData:
        row, _ = library_materials.save_material(s, reader, body)
        return library_materials.material_data(row, reader)

    return _write(state, reader, "create material", work)


@router.put(
    "/materials/{material_id}",
    response_model=MaterialData,
    responses=errors(
        401, 403, 404, 422, e403=E403_HQ, e404="素材不存在 (no such material)", e422=E422
    ),
    openapi_extra=BEARER,
)
def update_material(
    material_id: Id, body: MaterialWrite, reader: HqDep, state: StateDep
) -> MaterialData:
    """Replace a material; readers that no longer see it get the removal."""

    def work(s: Session) -> MaterialData:
        row, _ = library_materials.save_material(s, reader, body, material_id)
        return library_materials.material_data(row, reader)

    return _write(state, reader, f"update material {material_id}", work)


@router.delete(
    "/materials/{material_id}",
    response_model=Retired,
    responses=errors(401, 403, 404, 422, e403=E403_HQ, e404="素材不存在 (no such material)"),
    openapi_extra=BEARER,
)
def retire_material(material_id: Id, reader: HqDep, state: StateDep) -> Retired:
    """Retire a material: counter apps get the removal; reports keep it."""
    return _write(
        state,
        reader,
        f"retire material {material_id}",
        lambda s: library_materials.retire_material(s, reader, material_id),
    )


# --------------------------------------------------------------------------- sensitive words


@router.get(
    "/sensitive-words",
    response_model=WordList,
    responses=errors(401, 403, e403=E403_HQ),
    openapi_extra=BEARER,
)
def list_words(reader: HqDep, state: StateDep) -> WordList:
    """Every sensitive word, by word."""
    return WordList(
        words=_read(state, reader, "list words", lambda s: library_words.list_words(s, reader))
    )


@router.post(
    "/sensitive-words",
    response_model=SensitiveWordData,
    status_code=201,
    responses=errors(401, 403, 409, 422, e403=E403_HQ, e409="敏感词已存在 (word exists)"),
    openapi_extra=BEARER,
)
def add_word(body: SensitiveWordWrite, reader: HqDep, state: StateDep) -> SensitiveWordData:
    """Add a word (``block``: scripts holding it are refused; ``warn``: shown, allowed)."""
    return _write(state, reader, "add word", lambda s: library_words.add_word(s, reader, body))


@router.delete(
    "/sensitive-words/{word_id}",
    response_model=Retired,
    responses=errors(401, 403, 404, 422, e403=E403_HQ, e404="敏感词不存在 (no such word)"),
    openapi_extra=BEARER,
)
def remove_word(word_id: Id, reader: HqDep, state: StateDep) -> Retired:
    """Remove a word; counter apps get the removal."""
    return _write(
        state,
        reader,
        f"remove word {word_id}",
        lambda s: library_words.remove_word(s, reader, word_id),
    )


# --------------------------------------------------------------------------- tag groups


@router.get(
    "/tag-groups",
    response_model=TagGroupList,
    responses=errors(401, 403, e403=E403_HQ),
    openapi_extra=BEARER,
)
def list_tag_groups(reader: HqDep, state: StateDep) -> TagGroupList:
    """HQ's customer tag groups with their tags, by sort."""
    return TagGroupList(
        tag_groups=_read(
            state, reader, "list tag groups", lambda s: library_tags.list_tag_groups(s, reader)
        )
    )


@router.post(
    "/tag-groups",
    response_model=TagGroupWithTags,
    status_code=201,
    responses=errors(401, 403, 422, e403=E403_HQ),
    openapi_extra=BEARER,
)
def create_tag_group(body: TagGroupWrite, reader: HqDep, state: StateDep) -> TagGroupWithTags:
    """A new tag group with its tags (in the order given)."""
    return _write(
        state, reader, "create tag group", lambda s: library_tags.save_tag_group(s, reader, body)
    )


_TAG_409 = "标签已用于客户, 不能删除 (tag in use)"


@router.put(
    "/tag-groups/{group_id}",
    response_model=TagGroupWithTags,
    responses=errors(
        401, 403, 404, 409, 422, e403=E403_HQ, e404="标签组不存在 (no such group)", e409=_TAG_409
    ),
    openapi_extra=BEARER,
)
def update_tag_group(
    group_id: Id, body: TagGroupWrite, reader: HqDep, state: StateDep
) -> TagGroupWithTags:
    """Replace a group and its tag list (a tag left out is removed unless customers carry it)."""
    return _write(
        state,
        reader,
        f"update tag group {group_id}",
        lambda s: library_tags.save_tag_group(s, reader, body, group_id),
    )


@router.delete(
    "/tag-groups/{group_id}",
    response_model=Retired,
    responses=errors(
        401, 403, 404, 409, 422, e403=E403_HQ, e404="标签组不存在 (no such group)", e409=_TAG_409
    ),
    openapi_extra=BEARER,
)
def delete_tag_group(group_id: Id, reader: HqDep, state: StateDep) -> Retired:
    """Remove a group and its tags (refused while customers carry one)."""
    return _write(
        state,
        reader,
        f"delete tag group {group_id}",
        lambda s: library_tags.delete_tag_group(s, reader, group_id),
    )


# --------------------------------------------------------------------------- suggestions


@router.get(
    "/suggestions",
    response_model=SuggestionList,
    responses=errors(401, 403, 422, e403=E403_HQ),
    openapi_extra=BEARER,
)
def list_suggestions(
    reader: HqDep, state: StateDep, status: SuggestionStatus | None = None
) -> SuggestionList:
    """Guides' suggestions, newest first (``status=pending``: those waiting)."""
    return SuggestionList(
        suggestions=_read(
            state,
            reader,
            "list suggestions",
            lambda s: library_suggestions.list_suggestions(s, reader, status),
        )
    )


@router.post(
    "/suggestions/{suggestion_id}/decide",
    response_model=ScriptSuggestionData,
    responses=errors(
        401,
        403,
        404,
        409,
        422,
        e403=E403_HQ,
        e404="建议不存在 (no such suggestion)",
        e409="该建议已经处理过 (already decided)",
        e422="未采纳须写原因; 采纳的分组须存在 (reason required / unknown group)",
    ),
    openapi_extra=BEARER,
)
def decide_suggestion(
    suggestion_id: Id, body: SuggestionDecision, reader: HqDep, state: StateDep
) -> ScriptSuggestionData:
    """Accept (a new HQ script in the chosen group) or decline (with a reason)."""
    return _write(
        state,
        reader,
        f"decide suggestion {suggestion_id}",
        lambda s: library_suggestions.decide(s, reader, suggestion_id, body),
    )


# --------------------------------------------------------------------------- usage report


@router.get(
    "/usage",
    response_model=UsageReport,
    responses=errors(401, 403, 422, e403="店长只能查看本店 (own store only)"),
    openapi_extra=BEARER,
)
def usage(
    reader: AdminDep,
    state: StateDep,
    date_from: Annotated[date, Query(description="开始日期 (含)")],
    date_to: Annotated[date, Query(description="结束日期 (含)")],
    store_id: StoreQuery = None,
    by: Literal["item", "store", "guide"] = "item",
) -> UsageReport:
    """Uses of scripts and materials over the period: the 20 most and the 20 least used."""
    return _read(
        state,
        reader,
        "usage report",
        lambda s: library_usage.usage_report(s, reader, date_from, date_to, store_id, by),
    )
