"""``/orders``: the counter's order lookup and the supervisor's match review (issue 12).

- ``GET /orders/lookup``: any signed-in reader; the rules are
  ``guide_core.rules.order_lookup`` (own store any query, another store's order only by
  exact order no. or whole phone with the buyer's phone masked, HQ everything).
- ``GET /orders/suggestions?store_id=``: a store's pending suggested matches (HQ any
  store, a supervisor their own).
- ``POST /orders/suggestions/{id}/confirm`` | ``/reject``, ``POST /orders/{id}/customer``
  (body ``ChooseCustomer``): decide one. The work is in
  :mod:`guide_server.services.order_lookup`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BeforeValidator

from guide_core.order_lookup_api import (
    ChooseCustomer,
    MatchDecided,
    MatchSuggestionsPage,
    OrderLookupPage,
)
from guide_core.protocol import MAX_TIME, MIN_TIME
from guide_core.rules.order_lookup import (
    MAX_LOOKUP_OFFSET,
    MAX_LOOKUP_PAGE,
    MAX_LOOKUP_QUERY,
    may_decide_match,
)
from guide_server.api.deps import ReaderDep, StateDep, audit_denial, deny
from guide_server.api.openapi import BEARER, errors
from guide_server.reader import Reader
from guide_server.services import order_lookup

router = APIRouter(prefix="/orders", tags=["orders"])

_FIRST_DAY, _END_DAY = MIN_TIME.date(), MAX_TIME.date()


def _iso_day(value: object) -> object:
    """A day as YYYY-MM-DD only (pydantic would read ``0`` as 1970-01-01)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("应为日期, 如 2024-01-31")
    return value


IsoDay = Annotated[date, BeforeValidator(_iso_day)]

E403 = "总部, 或店长处理本店的订单 (forbidden)"
Channel = Literal["tmall", "jd", "youzan", "douyin", "pos"]
Status = Literal["paid", "shipped", "finished", "refunded", "cancelled"]
ItemId = Annotated[str, Path(min_length=1, max_length=64)]


@router.get(
    "/lookup",
    response_model=OrderLookupPage,
    responses=errors(401, 422, e422="参数不符合要求, detail 说明哪个"),
    openapi_extra=BEARER,
)
def lookup_orders(
    reader: ReaderDep,
    state: StateDep,
    q: Annotated[
        str,
        Query(
            max_length=MAX_LOOKUP_QUERY,
            pattern=r"^[^\x00-\x1f\x7f]*$",
            description="订单号、手机号 (完整或后4位)、会员号或姓名",
        ),
    ] = "",
    channel: Annotated[Channel | None, Query()] = None,
    status: Annotated[Status | None, Query()] = None,
    date_from: Annotated[IsoDay | None, Query(description="付款日期起 (含)")] = None,
    date_to: Annotated[IsoDay | None, Query(description="付款日期止 (含)")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_LOOKUP_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LOOKUP_PAGE)] = 50,
) -> OrderLookupPage:
    """Orders the reader may find, newest first (another store's marked, phone masked)."""
    # a day outside the years the app writes (a number reads as days since 1970) bounds
    # nothing: every stored order is inside them
    date_from = date_from if date_from and date_from >= _FIRST_DAY else None
    date_to = date_to if date_to and date_to < _END_DAY else None
    with state.db.read() as session:
        return order_lookup.lookup(
            session,
            reader.actor,
            q,
            channel=channel,
            status=status,
            date_from=date_from,
            date_to=date_to,
            offset=offset,
            limit=limit,
        )


@router.get(
    "/suggestions",
    response_model=MatchSuggestionsPage,
    responses=errors(401, 403, 422, e403=E403),
    openapi_extra=BEARER,
)
def match_suggestions(
    request: Request,
    reader: ReaderDep,
    state: StateDep,
    store_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="门店 id (店长: 默认本店)")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_LOOKUP_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LOOKUP_PAGE)] = 50,
) -> MatchSuggestionsPage:
    """A store's pending suggested matches (orders still without a customer)."""
    store_id = store_id or (None if reader.is_hq else reader.store_id)
    refusal = may_decide_match(reader.actor, store_id)
    if refusal or store_id is None:
        raise deny(request, reader, refusal.reason if refusal else "需要 store_id")
    with state.db.read() as session:
        return order_lookup.suggestions(session, store_id, offset, limit)


def _decide(request: Request, reader: Reader, state, store_of, act) -> MatchDecided:
    with state.db.read() as session:
        store_id = store_of(session)
    if store_id is None:
        raise HTTPException(404, "不存在 (not found)")
    if not reader.can_see_store(store_id):
        # another store's row is answered as unknown (no existence oracle), still audited
        audit_denial(request, reader, "other store")
        raise HTTPException(404, "不存在 (not found)")
    refusal = may_decide_match(reader.actor, store_id)
    if refusal:
        raise deny(request, reader, refusal.reason)
    try:
        with state.db.write() as session:
            result = act(session)
    except order_lookup.LookupRefused as exc:
        raise HTTPException(exc.status, exc.detail) from exc
    state.counters.invalidate()  # the order's new version reaches this process's pulls now
    return result


DECIDE_ERRORS = errors(
    401,
    403,
    404,
    409,
    422,
    e403=E403,
    e404="没有这条建议/订单 (not found)",
    e409="已经处理过 (already decided)",
)


@router.post(
    "/suggestions/{suggestion_id}/confirm",
    response_model=MatchDecided,
    responses=DECIDE_ERRORS,
    openapi_extra=BEARER,
)
def confirm_suggestion(
    request: Request, reader: ReaderDep, state: StateDep, suggestion_id: ItemId
) -> MatchDecided:
    """The suggested customer is the buyer: the order is linked to them."""
    return _decide(
        request,
        reader,
        state,
        lambda s: order_lookup.suggestion_store(s, suggestion_id),
        lambda s: order_lookup.confirm(s, reader.actor, suggestion_id),
    )


@router.post(
    "/suggestions/{suggestion_id}/reject",
    response_model=MatchDecided,
    responses=DECIDE_ERRORS,
    openapi_extra=BEARER,
)
def reject_suggestion(
    request: Request, reader: ReaderDep, state: StateDep, suggestion_id: ItemId
) -> MatchDecided:
    """Not this customer: the order stays unmatched."""
    return _decide(
        request,
        reader,
        state,
        lambda s: order_lookup.suggestion_store(s, suggestion_id),
        lambda s: order_lookup.reject(s, reader.actor, suggestion_id),
    )


@router.post(
    "/{order_id}/customer",
    response_model=MatchDecided,
    responses={**DECIDE_ERRORS, **errors(422, e422="客户不属于订单的门店, 或请求体不对")},
    openapi_extra=BEARER,
)
def choose_customer(
    request: Request, reader: ReaderDep, state: StateDep, order_id: ItemId, body: ChooseCustomer
) -> MatchDecided:
    """Link the order to a customer of its store the supervisor chose."""
    return _decide(
        request,
        reader,
        state,
        lambda s: order_lookup.order_store(s, order_id),
        lambda s: order_lookup.choose_customer(s, reader.actor, order_id, body.customer_id),
    )


_METHODS = frozenset({"DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"})
#: path → the method it takes; any other answers 405 with ``Allow`` (as the admin routes do)
_PATHS = {
    "/lookup": "GET",
    "/suggestions": "GET",
    "/suggestions/{suggestion_id}/confirm": "POST",
    "/suggestions/{suggestion_id}/reject": "POST",
    "/{order_id}/customer": "POST",
}


def _other_methods(request: Request) -> None:
    allow = next((m for p, m in _PATHS.items() if request.scope["route"].path.endswith(p)), "GET")
    raise HTTPException(
        405, f"不支持 {request.method}, 只能 {allow} (method not allowed)", {"Allow": allow}
    )


for _path, _method in _PATHS.items():
    router.add_api_route(
        _path, _other_methods, methods=sorted(_METHODS - {_method}), include_in_schema=False
    )
