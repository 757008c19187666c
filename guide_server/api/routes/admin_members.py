"""``POST /admin/members/import``: the member import of ``guide-server import-members``
over HTTP (the app's 导入会员 dialog).

HQ imports into any store (the file's 门店 column, or ``store_id`` for rows without
one); a store's supervisor into their own store only (``guide_core.rules.members``:
asked for the request and again for every row). The body is the file itself,
streamed to a temporary file (413 past :data:`MAX_IMPORT_BYTES`), then read by the
same code as the command line. 200 with the
:class:`~guide_core.member_import_api.MemberImportReport`, or 422 with the report when
any row (or the file itself: row 0) has a problem, in which case nothing was written.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from guide_core.member_import_api import MemberImportReport
from guide_core.rules.members import may_import_members
from guide_server.api.deps import ReaderDep, StateDep, deny
from guide_server.api.openapi import BEARER, errors
from guide_server.api.uploads import FileName, spooled, unsupported
from guide_server.member_import import import_members
from guide_server.tabular import TableError

router = APIRouter(prefix="/admin/members", tags=["members"])

#: Largest member file the server reads (100,000 members with tags are ~12 MiB as CSV).
MAX_IMPORT_BYTES = 100 * 1024 * 1024

_TOO_LARGE = (
    f"文件过大: 会员文件上限 {MAX_IMPORT_BYTES // (1024 * 1024)} MiB, 请分成几个文件"
    f" (import file larger than {MAX_IMPORT_BYTES} bytes)"
)


def _file_problem(file_name: str, reason: str, dry_run: bool) -> JSONResponse:
    report = MemberImportReport(file=file_name, dry_run=dry_run)
    report.add_problem(0, "", reason)
    return JSONResponse(report.model_dump(mode="json"), status_code=422)


@router.post(
    "/import",
    response_model=MemberImportReport,
    responses={
        422: {
            "description": "文件有问题, 没有写入任何内容: MemberImportReport 的 problems 列出每个"
            "问题的行 (0 = 整个文件)、列和原因; 请求本身不对 (如缺少 file_name) 时为 ErrorBody",
            "content": {
                "application/json": {
                    "schema": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/MemberImportReport"},
                            {"$ref": "#/components/schemas/ErrorBody"},
                        ]
                    }
                }
            },
        },
        **errors(
            401,
            403,
            404,
            413,
            e403="总部, 或店长导入本店会员 (forbidden)",
            e404="没有这个门店 (unknown store)",
            e413="导入文件超过 100 MiB",
        ),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "会员表本身 (.xlsx 或 .csv; UTF-8、UTF-8 BOM 或 GBK); 列见"
            " guide-server import-members --help",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        },
        **BEARER,
    },
)
async def import_members_file(
    request: Request,
    reader: ReaderDep,
    state: StateDep,
    file_name: FileName,
    dry_run: Annotated[bool, Query(description="只检查并统计, 不写入")] = False,
    store_id: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=64,
            description="门店 id: 门店列为空的行归入该店 (店长: 只能是本店, 默认本店)",
        ),
    ] = None,
):
    """Import members from the file in the body: all rows or none, with a report."""
    target = store_id if store_id or reader.is_hq else reader.store_id
    refusal = may_import_members(reader.actor, target)
    if refusal:
        raise deny(request, reader, refusal.reason)
    if problem := unsupported(file_name):
        return _file_problem(file_name, problem, dry_run)
    async with spooled(request, file_name, MAX_IMPORT_BYTES, _TOO_LARGE, "guide-members-") as path:
        try:
            report = await run_in_threadpool(
                import_members,
                state.db,
                path,
                store_id=target,
                dry_run=dry_run,
                reader=reader,
                file_name=file_name,
            )
        except TableError as exc:
            return _file_problem(file_name, str(exc), dry_run)
        except LookupError as exc:
            raise HTTPException(404, str(exc)) from None
    if report.problem_count:
        return JSONResponse(report.model_dump(mode="json"), status_code=422)
    if not dry_run:
        state.counters.invalidate()  # the new versions reach this process's pulls now
    return report
