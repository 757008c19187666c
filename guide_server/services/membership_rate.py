"""非会员入会率 per store and per guide over a period (definitions in
``guide_core.membership_api``): two grouped SQL statements over ``orders``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from guide_core.membership_api import MembershipRateReport, MembershipRateRow, rates
from guide_server.customer_figures import COUNTED
from guide_server.models import Customer, Order, Store, User

#: Chain days are Beijing days.
CHAIN_TZ = timezone(timedelta(hours=8))


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    start = datetime.combine(date_from, time(0), CHAIN_TZ).astimezone(UTC)
    end = datetime.combine(date_to + timedelta(days=1), time(0), CHAIN_TZ).astimezone(UTC)
    return start, end


def membership_rate(
    session: Session, date_from: date, date_to: date, store_ids: list[str] | None = None
) -> MembershipRateReport:
    """The report for ``store_ids`` (``None``: every store with POS orders in the period)."""
    start, end = _bounds(date_from, date_to)
    at = func.coalesce(Order.paid_at, Order.ordered_at)
    member = case(((Order.customer_id.is_not(None)) | (Order.member_no != ""), 1), else_=0)
    where = [
        Order.channel == "pos",
        Order.status.in_(COUNTED),
        at >= start,
        at < end,
    ]
    if store_ids is not None:
        where.append(Order.store_id.in_(store_ids))
    n, members = func.count().label("n"), func.sum(member).label("members")
    stores = {
        s.id: s
        for s in session.scalars(
            select(Store).where(Store.id.in_(store_ids)) if store_ids is not None else select(Store)
        )
    }
    by_store = session.execute(
        select(Order.store_id, n, members).where(*where).group_by(Order.store_id)
    ).all()
    by_guide = session.execute(
        select(Order.store_id, Customer.owner_id, n, members)
        .outerjoin(Customer, Customer.id == Order.customer_id)
        .where(*where)
        .group_by(Order.store_id, Customer.owner_id)
    ).all()
    owners = {g for _, g, _, _ in by_guide if g}
    names = dict(
        session.execute(select(User.id, User.display_name).where(User.id.in_(owners))).all()
    ) if owners else {}  # fmt: skip

    def row(store_id: str, total: int, member_n: int, **guide) -> MembershipRateRow:
        store = stores.get(store_id)
        non, mem = rates(int(total), int(member_n or 0))
        return MembershipRateRow(
            store_id=store_id,
            store_code=store.code if store else "",
            store_name=store.name if store else "",
            pos_orders=int(total),
            member_orders=int(member_n or 0),
            non_member_orders=int(total) - int(member_n or 0),
            non_member_rate=non,
            member_rate=mem,
            **guide,
        )

    store_rows = [row(s, t, m) for s, t, m in by_store]
    if store_ids is not None:  # a store asked for without orders still gets its row
        seen = {r.store_id for r in store_rows}
        store_rows += [row(s, 0, 0) for s in store_ids if s not in seen]
    guide_rows = [
        row(s, t, m, guide_id=g, guide_name=names.get(g, "") if g else "未归属")
        for s, g, t, m in by_guide
    ]
    store_rows.sort(key=lambda r: (r.store_code, r.store_id))
    guide_rows.sort(
        key=lambda r: (r.store_code, r.guide_id is None, r.guide_name, r.guide_id or "")
    )
    return MembershipRateReport(
        date_from=date_from, date_to=date_to, stores=store_rows, guides=guide_rows
    )
