"""``/admin/reports/…``: store figures for HQ and supervisors (issue 12).

``/membership-rate``: 非会员入会率 per store and guide over a period (definitions in
``guide_core.membership_api``). HQ any store (all of them without ``store_id``); a
store's supervisor their own store only; guides are refused.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from guide_core.handover_api import HandoverReport
from guide_core.membership_api import MAX_REPORT_DAYS, MembershipRateReport
from guide_server.api.deps import AdminDep, StateDep, deny
from guide_server.api.openapi import BEARER, errors
from guide_server.services.handover import handover_report
from guide_server.services.membership_rate import membership_rate

router = APIRouter(prefix="/admin/reports", tags=["reports"])

#: Days a report may name (as ``protocol.WireDate``): beyond them the bounds overflow.
_FIRST, _LAST = date(2000, 1, 1), date(2099, 12, 31)


@router.get(
    "/membership-rate",
    response_model=MembershipRateReport,
    responses=errors(
        401,
        403,
        422,
        e403="总部; 店长只能看本店 (forbidden)",
        e422="日期不对: 不在 2000..2099 年, 开始日期晚于结束日期, 或超过 366 天",
    ),
    openapi_extra=BEARER,
)
def get_membership_rate(
    request: Request,
    reader: AdminDep,
    state: StateDep,
    date_from: Annotated[date, Query(description="开始日期 (含, 北京时间)")],
    date_to: Annotated[date, Query(description="结束日期 (含, 北京时间)")],
    store_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="门店 (店长: 默认本店)")
    ] = None,
) -> MembershipRateReport:
    """POS orders with and without a member, by store and by the member's owner guide."""
    if not (_FIRST <= date_from <= _LAST and _FIRST <= date_to <= _LAST):
        raise HTTPException(422, "日期应在 2000-01-01 到 2099-12-31 之间 (date out of range)")
    if date_from > date_to:
        raise HTTPException(422, "开始日期不能晚于结束日期 (date_from after date_to)")
    if (date_to - date_from).days >= MAX_REPORT_DAYS:
        raise HTTPException(422, f"一次最多统计 {MAX_REPORT_DAYS} 天 (period too long)")
    if not reader.is_hq:
        if store_id is not None and store_id != reader.store_id:
            raise deny(request, reader, "店长只能查看本店的入会率 (own store only)")
        store_id = reader.store_id
    with state.db.read() as session:
        return membership_rate(session, date_from, date_to, [store_id] if store_id else None)


@router.get(
    "/handovers",
    response_model=HandoverReport,
    responses=errors(
        401, 403, 422, e403="总部; 店长只能看本店 (forbidden)", e422="store_id 不符合格式"
    ),
    openapi_extra=BEARER,
)
def get_handovers(
    request: Request,
    reader: AdminDep,
    state: StateDep,
    store_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="门店 (店长: 默认本店)")
    ] = None,
) -> HandoverReport:
    """离职继承记录, newest first: when, store, leaving guide, by whom, customers per receiver."""
    if not reader.is_hq:
        if store_id is not None and store_id != reader.store_id:
            raise deny(request, reader, "店长只能查看本店的交接记录 (own store only)")
        store_id = reader.store_id
    with state.db.read() as session:
        return handover_report(session, store_id)
