"""``/admin/customers``: HQ searches customers of every store and opens one, online.

HQ's counter app no longer pulls store data (issue 9); its 客户 and search pages call
these. HQ only (``HqDep``: a guide or supervisor gets 403 and the denial is audited);
read-only. The work is in :mod:`guide_server.services.customer_lookup`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request

from guide_core.protocol import (
    DEFAULT_CUSTOMER_PAGE,
    MAX_CUSTOMER_OFFSET,
    MAX_CUSTOMER_PAGE,
    MAX_CUSTOMER_QUERY,
    PRINTABLE_PATTERN,
    RemoteCustomerCard,
    RemoteCustomerPage,
)
from guide_server.api.deps import HqDep, StateDep
from guide_server.api.openapi import BEARER, errors
from guide_server.services import customer_lookup

router = APIRouter(prefix="/admin/customers", tags=["admin"])

E403 = "仅总部可用 (HQ only)"


@router.api_route(
    "", methods=["DELETE", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"], include_in_schema=False
)
@router.api_route(
    "/{customer_id}",
    methods=["DELETE", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"],
    include_in_schema=False,
)
def other_methods(request: Request) -> None:
    raise HTTPException(
        405, f"不支持 {request.method}, 只能 GET (method not allowed)", {"Allow": "GET"}
    )


@router.get(
    "",
    response_model=RemoteCustomerPage,
    responses=errors(
        401,
        403,
        404,
        422,
        e403=E403,
        e404="门店不存在 (no such store)",
        e422="参数不符合要求, detail 说明哪个 (q 过长, limit/offset 超出范围)",
    ),
    openapi_extra=BEARER,
)
def search_customers(
    reader: HqDep,
    state: StateDep,
    q: Annotated[
        str,
        Query(
            max_length=MAX_CUSTOMER_QUERY,
            pattern=PRINTABLE_PATTERN,
            description="姓名/备注名包含, 会员号开头, 或手机号(尾号) (name, member no., phone)",
        ),
    ] = "",
    store_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="只查此门店 (one store)")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_CUSTOMER_OFFSET, description="跳过前几条")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_CUSTOMER_PAGE, description="每页条数")
    ] = DEFAULT_CUSTOMER_PAGE,
) -> RemoteCustomerPage:
    """Customers of every store matching ``q``, by name; ``has_more`` says whether to page on."""
    try:
        return customer_lookup.search_customers(state.db, reader, q, store_id, offset, limit)
    except customer_lookup.UnknownStore:
        raise HTTPException(404, f"门店不存在: {store_id} (no such store)") from None


@router.get(
    "/{customer_id}",
    response_model=RemoteCustomerCard,
    responses=errors(401, 403, 404, 422, e403=E403, e404="客户不存在 (no such customer)"),
    openapi_extra=BEARER,
)
def customer_card(
    reader: HqDep,
    state: StateDep,
    customer_id: Annotated[str, Path(min_length=1, max_length=64, description="客户 id")],
) -> RemoteCustomerCard:
    """One customer's card: profile, tags, newest follow-ups and orders."""
    try:
        return customer_lookup.customer_card(state.db, reader, customer_id)
    except customer_lookup.UnknownCustomer:
        raise HTTPException(404, "客户不存在 (no such customer)") from None
