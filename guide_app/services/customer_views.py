"""What the contacts list and the customer card show (plain dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from guide_app.services.orders import OrderBrief
from guide_app.services.tags import TagChip


@dataclass(frozen=True)
class CustomerRow:
    id: str
    name: str
    remark_name: str
    #: masked (138****5678) unless the user may see the whole number
    phone_display: str
    level: str
    stage: str
    tags: list[TagChip]
    last_purchase_at: str | None
    owner_id: str | None
    owner_name: str
    member_no: str
    in_group: bool


@dataclass(frozen=True)
class DuplicateMatch:
    """Another customer of the store that may be the same person (the warning
    before a save, the server's flag on a card)."""

    id: str
    name: str
    remark_name: str
    #: always masked: the warning may be read out at the counter
    phone_display: str
    owner_id: str | None
    owner_name: str
    #: same phone (certain only when this user holds both numbers whole)
    by_phone: bool
    #: same member no. (always certain)
    by_member_no: bool
    #: False when only the masked number matched (same first 3 and last 4 digits):
    #: a guide holds colleagues' customers' numbers masked
    certain: bool


@dataclass(frozen=True)
class FollowUpView:
    id: str
    channel: str
    channel_label: str
    text: str
    at: str
    next_follow_up_on: str | None
    guide_id: str
    guide_name: str
    #: not yet confirmed by the server
    pending: bool


@dataclass(frozen=True)
class CustomerFigures:
    """The card's figures strip: what the customer bought and where they came from.

    ``None`` (or ``""``) is "not known": the UI shows it as "—". Money is integer cents.
    """

    total_spent_cents: int | None
    order_count: int
    #: total / count, rounded to the cent; None without orders
    average_order_cents: int | None
    #: the day of the last purchase (the cache's UTC time, in the PC's local time)
    last_purchase_on: date | None
    #: whole days from ``last_purchase_on`` to today (0 = today); None without a purchase
    days_since_last_purchase: int | None
    source_channel: str
    owner_name: str


def figures_of(
    total_spent_cents: int | None,
    order_count: int | None,
    last_purchase_at: str | datetime | None,
    source_channel: str | None,
    owner_name: str | None,
    today: date,
) -> CustomerFigures:
    """The figures strip of one customer, from its synced figures (the server computes
    count, total and last purchase from the orders: ``customer_figures``)."""
    count = int(order_count or 0)
    total = None if total_spent_cents is None else int(total_spent_cents)
    average = None
    if count > 0 and total is not None:
        average = (total + count // 2) // count
    last_on = _local_day(last_purchase_at)
    days = None if last_on is None else max(0, (today - last_on).days)
    return CustomerFigures(
        total_spent_cents=total,
        order_count=count,
        average_order_cents=average,
        last_purchase_on=last_on,
        days_since_last_purchase=days,
        source_channel=(source_channel or "").strip(),
        owner_name=(owner_name or "").strip(),
    )


def _local_day(value: str | datetime | None) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone().date()


@dataclass
class CustomerCard:
    id: str
    store_id: str
    owner_id: str | None
    name: str
    remark_name: str
    #: whole number only when ``can_see_phone``; masked otherwise
    phone: str
    phone_masked: bool
    member_no: str
    level: str
    birthday: str | None
    member_since: str | None
    source_channel: str
    in_group: bool
    consent_sms: bool
    consent_wecom: bool
    notes: str
    first_purchase_at: str | None
    last_purchase_at: str | None
    order_count: int
    total_spent_cents: int
    created_at: str | None
    version: int
    stage: str
    owner_name: str
    can_see_phone: bool
    can_edit: bool
    #: may add tags and follow-ups (any customer of one's store, also a colleague's)
    can_tag: bool
    #: this customer has edits not yet confirmed by the server
    pending: bool
    tags: list[TagChip] = field(default_factory=list)
    follow_ups: list[FollowUpView] = field(default_factory=list)
    recent_orders: list[OrderBrief] = field(default_factory=list)
    #: the server flagged this customer as a suspected duplicate of that one
    duplicate_of: DuplicateMatch | None = None
    #: customers the server flagged as suspected duplicates of this one
    duplicated_by: list[DuplicateMatch] = field(default_factory=list)
    #: this user may dismiss the flag (the store's supervisor, HQ)
    can_dismiss_duplicate: bool = False
    #: the figures strip (lifetime spend, orders, average, last purchase, source, owner)
    figures: CustomerFigures | None = None
