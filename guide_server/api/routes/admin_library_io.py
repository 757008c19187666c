"""``/admin/library/scripts/import`` and ``…/scripts/export``: the script import and export
of ``guide-server import-scripts`` / ``export-scripts`` over HTTP (the app's 导入/导出).

The import is HQ's (``guide_core.rules.content.may_manage_global``): the body is the
file itself, streamed to a temporary file (413 past :data:`MAX_IMPORT_BYTES`), then
read by the same code as the command line. 200 with the
:class:`~guide_core.library_api.ImportReport`, or 422 with the report when any row
(or the file itself: row 0) has a problem, in which case nothing was written.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from guide_core.library_api import ImportProblem, ImportReport
from guide_core.rules.content import may_manage_content, may_manage_global
from guide_server.api.deps import ReaderDep, StateDep, deny
from guide_server.api.openapi import BEARER, errors
from guide_server.api.uploads import FileName, spooled, unsupported
from guide_server.library_io.scripts import export_scripts, import_scripts
from guide_server.tabular import TableError

router = APIRouter(prefix="/admin/library", tags=["library"])

#: Largest import file the server reads (a 50,000-row XLSX of long scripts fits).
MAX_IMPORT_BYTES = 50 * 1024 * 1024
_MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}

_TOO_LARGE = (
    f"文件过大: 导入文件上限 {MAX_IMPORT_BYTES // (1024 * 1024)} MiB, 请分成几个文件"
    f" (import file larger than {MAX_IMPORT_BYTES} bytes)"
)


def _file_problem(file_name: str, reason: str) -> JSONResponse:
    report = ImportReport(file=file_name, problems=[ImportProblem(row=0, reason=reason)])
    return JSONResponse(report.model_dump(mode="json"), status_code=422)


@router.post(
    "/scripts/import",
    response_model=ImportReport,
    responses={
        422: {
            "description": "文件有问题, 没有写入任何内容: ImportReport 的 problems 列出每个问题的行"
            " (0 = 整个文件)、列和原因; 请求本身不对 (如缺少 file_name) 时为 ErrorBody",
            "content": {
                "application/json": {
                    "schema": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/ImportReport"},
                            {"$ref": "#/components/schemas/ErrorBody"},
                        ]
                    }
                }
            },
        },
        **errors(401, 403, 413, e403="仅总部可用 (HQ only)", e413="导入文件超过 50 MiB"),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "文件本身 (.xlsx 或 .csv; UTF-8、UTF-8 BOM 或 GBK)",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        },
        **BEARER,
    },
)
async def import_scripts_file(
    request: Request,
    reader: ReaderDep,
    state: StateDep,
    file_name: FileName,
    dry_run: Annotated[bool, Query(description="只检查并统计, 不写入")] = False,
):
    """Import HQ scripts from the file in the body: all rows or none, with a report."""
    refusal = may_manage_global(reader.actor)
    if refusal:
        raise deny(request, reader, refusal.reason)
    if problem := unsupported(file_name):
        return _file_problem(file_name, problem)
    async with spooled(request, file_name, MAX_IMPORT_BYTES, _TOO_LARGE, "guide-import-") as path:
        try:
            report = await run_in_threadpool(
                import_scripts, state.db, path, dry_run=dry_run, reader=reader, file_name=file_name
            )
        except TableError as exc:
            return _file_problem(file_name, str(exc))
    if report.problems:
        return JSONResponse(report.model_dump(mode="json"), status_code=422)
    if not dry_run:
        state.counters.invalidate()  # the new versions reach this process's pulls now
    return report


@router.get(
    "/scripts/export",
    response_class=FileResponse,
    responses={
        200: {
            "description": "话术文件 (列同导入: 分组, 标题, 内容, 关键词, 适用范围, 生效日期, 失效日期)",
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in _MEDIA.values()
            },
        },
        **errors(
            401,
            403,
            404,
            422,
            e403="总部, 或店长导出本店话术 (forbidden)",
            e404="没有这个门店 (unknown store)",
            e422="format 只能是 xlsx 或 csv",
        ),
    },
    openapi_extra=BEARER,
)
async def export_scripts_file(
    request: Request,
    reader: ReaderDep,
    state: StateDep,
    format: Annotated[
        Literal["xlsx", "csv"], Query(description="xlsx 或 csv (UTF-8 BOM)")
    ] = "xlsx",
    store_id: Annotated[
        str | None,
        Query(min_length=1, max_length=64, description="门店 id: 导出该店的话术; 不填: 总部话术"),
    ] = None,
) -> FileResponse:
    """The scripts of HQ (or of one store) as a file that imports back unchanged."""
    refusal = may_manage_content(reader.actor, "store" if store_id else "hq", store_id)
    if refusal:
        raise deny(request, reader, refusal.reason)
    fd, name = tempfile.mkstemp(prefix="guide-export-", suffix=f".{format}")
    os.close(fd)
    path = Path(name)
    try:
        await run_in_threadpool(export_scripts, state.db, path, store_id=store_id)
    except LookupError as exc:
        path.unlink(missing_ok=True)
        raise HTTPException(404, str(exc)) from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(
        path,
        media_type=_MEDIA[format],
        filename=f"话术-{date.today():%Y%m%d}.{format}",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )
