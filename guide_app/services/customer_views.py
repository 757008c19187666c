"""What the contacts list and the customer card show (plain dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
