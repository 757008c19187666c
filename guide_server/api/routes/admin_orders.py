"""``/admin/orders/import`` and ``/admin/orders/unmatched``: the order import of
``guide-server import-orders`` over HTTP, and a store's orders without a customer.

Who may import asks ``guide_core.rules.orders.may_import_orders``: HQ any channel and
store; a store's supervisor only a POS file of their own store (any row naming another
store is refused in the report). The body is the file itself, streamed to a temporary
file (413 past :data:`MAX_ORDER_UPLOAD_BYTES`: bigger exports are imported on the server
with the command line, which streams any size), then read by the same engine. 200 with
the :class:`~guide_core.order_import_api.OrderImportReport` (rejected rows listed; the
good rows were imported), or 422 with the report when the file itself could not be
used (``failed``: nothing imported).
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from guide_core.order_import_api import (
    OrderImportProblem,
    OrderImportReport,
    UnmatchedOrdersPage,
)
from guide_core.rules.orders import may_import_orders, may_see_unmatched
from guide_server.api.deps import ReaderDep, StateDep, deny
from guide_server.api.openapi import BEARER, errors
from guide_server.api.uploads import FileName, spooled, unsupported
from guide_server.models import Store
from guide_server.order_import import ImportFailed, import_orders, list_unmatched

router = APIRouter(prefix="/admin/orders", tags=["orders"])

#: Largest upload the server takes (about 1.2 million Tmall order rows).
MAX_ORDER_UPLOAD_BYTES = 200 * 1024 * 1024


def too_large_detail() -> str:
    return (
        f"文件过大: 上传的订单文件上限 {MAX_ORDER_UPLOAD_BYTES // (1024 * 1024)} MiB;"
        " 更大的文件请在服务器上用 guide-server import-orders 导入"
        f" (order file larger than {MAX_ORDER_UPLOAD_BYTES} bytes)"
    )


def _failed(channel: str, file_name: str, reason: str) -> JSONResponse:
    report = OrderImportReport(
        channel=channel,
        failed=True,
        rejected=1,
        problems=[OrderImportProblem(file=file_name, line=0, reason=reason)],
    )
    return JSONResponse(report.model_dump(mode="json"), status_code=422)


def _store_code(state, store_id: str | None) -> str | None:
    if not store_id:
        return None
    with state.db.read() as session:
        return session.scalar(select(Store.code).where(Store.id == store_id))


@router.post(
    "/import",
    response_model=OrderImportReport,
    responses={
        422: {
            "description": "文件无法使用 (渠道不对、缺列、编码无法识别…), 没有导入任何订单:"
            " OrderImportReport 的 failed 为 true, problems 说明原因; 请求本身不对时为 ErrorBody",
            "content": {
                "application/json": {
                    "schema": {
                        "anyOf": [
                            {"$ref": "#/components/schemas/OrderImportReport"},
                            {"$ref": "#/components/schemas/ErrorBody"},
                        ]
                    }
                }
            },
        },
        **errors(
            401,
            403,
            413,
            e403="总部; 店长只能导入本店的门店POS文件 (forbidden)",
            e413="上传的订单文件超过 200 MiB",
        ),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "导出文件本身 (.csv: UTF-8、UTF-8 BOM 或 GBK; 或 .xlsx)",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        },
        **BEARER,
    },
)
async def import_orders_file(
    request: Request,
    reader: ReaderDep,
    state: StateDep,
    channel: Annotated[Literal["tmall", "jd", "youzan", "douyin", "pos"], Query()],
    file_name: FileName,
    store_code: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=32,
            description="门店编码: 未匹配到客户的订单归入该门店 (店长: 默认本店)",
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        Query(max_length=4000, description="门店POS: 列映射 (JSON, 同 --mapping 文件的内容)"),
    ] = None,
):
    """Import one channel's export file from the body; the report says what happened."""
    own_code = None if reader.is_hq else _store_code(state, reader.store_id)
    code = store_code or own_code
    store_id = None
    if code:
        with state.db.read() as session:
            store_id = session.scalar(select(Store.id).where(Store.code == code))
    refusal = may_import_orders(reader.actor, channel, store_id if code else None)
    if refusal:
        raise deny(request, reader, refusal.reason)
    if problem := unsupported(file_name):
        return _failed(channel, file_name, problem)
    async with spooled(
        request, file_name, MAX_ORDER_UPLOAD_BYTES, too_large_detail(), "guide-orders-upload-"
    ) as path:
        mapping_path = None
        if mapping is not None:
            try:
                json.loads(mapping)
            except ValueError:
                return _failed(channel, file_name, "列映射 (mapping) 不是有效的 JSON")
            mapping_path = path.parent / "mapping.json"
            mapping_path.write_text(mapping, encoding="utf-8")
        try:
            report = await run_in_threadpool(
                lambda: import_orders(
                    state.db,
                    channel,
                    [path],
                    store_code=code,
                    mapping=mapping_path,
                    file_names=[file_name],
                    only_store_code=own_code,
                    reader=reader,
                )
            )
        except ImportFailed as exc:
            return _failed(channel, file_name, str(exc))
    state.counters.invalidate()  # the new versions reach this process's pulls now
    if report.failed:
        return JSONResponse(report.model_dump(mode="json"), status_code=422)
    return report


@router.get(
    "/unmatched",
    response_model=UnmatchedOrdersPage,
    responses=errors(401, 403, 422, e403="总部, 或店长查看本店 (forbidden)"),
    openapi_extra=BEARER,
)
def unmatched_orders(
    request: Request,
    reader: ReaderDep,
    state: StateDep,
    store_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="门店 id (店长: 默认本店)")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> UnmatchedOrdersPage:
    """A store's imported orders without a customer, newest first, with pending suggestions."""
    store_id = store_id or (None if reader.is_hq else reader.store_id)
    refusal = may_see_unmatched(reader.actor, store_id)
    if refusal or store_id is None:
        raise deny(request, reader, refusal.reason if refusal else "需要 store_id")
    with state.db.read() as session:
        return list_unmatched(session, store_id, offset, limit)
