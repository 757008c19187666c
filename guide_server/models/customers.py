"""Customers, their field history, tags on them, and follow-ups."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class Customer(Base):
    __tablename__ = "customer"
    __table_args__ = (
        # HQ's online search (``/admin/customers``) lists by name, then id: walking these
        # stops after a page instead of sorting every match (chain-wide, or one store's).
        Index("ix_customer_name_id", "name", "id"),
        Index("ix_customer_store_name_id", "store_id", "name", "id"),
    )
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    store_id: Mapped[str] = mapped_column(ForeignKey("store.id"), index=True)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    remark_name: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    member_no: Mapped[str] = mapped_column(String(32), default="", index=True)
    level: Mapped[str] = mapped_column(String(16), default="normal")
    birthday: Mapped[date | None] = mapped_column(Date)
    member_since: Mapped[date | None] = mapped_column(Date)
    source_channel: Mapped[str] = mapped_column(String(32), default="")
    in_group: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_wecom: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    first_purchase_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_purchase_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    order_count: Mapped[int] = mapped_column(Integer, default=0)
    total_spent_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)
    #: An earlier customer of the store with the same phone or member no. (on the wire).
    duplicate_of: Mapped[str | None] = mapped_column(IdStr, index=True)
    #: The customer a supervisor said this one is NOT (server only): never flagged again.
    duplicate_dismissed_of: Mapped[str | None] = mapped_column(IdStr)
    #: 离职继承 (on the wire): when a handover gave it to its owner, and from whom.
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    previous_owner_id: Mapped[str | None] = mapped_column(IdStr)


class CustomerHistory(Base):
    """A value that a later write overwrote (last writer wins, but nothing is forgotten)."""

    __tablename__ = "customer_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[object] = mapped_column(JSON, nullable=True)
    new_value: Mapped[object] = mapped_column(JSON, nullable=True)
    changed_by: Mapped[str | None] = mapped_column(IdStr)
    mutation_id: Mapped[str | None] = mapped_column(String(36))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TagGroup(Base):
    __tablename__ = "tag_group"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    choice: Mapped[str] = mapped_column(String(8), default="multi")
    scope: Mapped[str] = mapped_column(String(8), default="hq")
    store_id: Mapped[str | None] = mapped_column(ForeignKey("store.id"))
    visible_roles: Mapped[list] = mapped_column(JSON, default=list)
    sort: Mapped[int] = mapped_column(Integer, default=0)


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    group_id: Mapped[str] = mapped_column(ForeignKey("tag_group.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    color: Mapped[str] = mapped_column(String(16), default="#888888")
    sort: Mapped[int] = mapped_column(Integer, default=0)


class CustomerTag(Base):
    __tablename__ = "customer_tag"
    __table_args__ = (Index("ix_customer_tag_pair", "customer_id", "tag_id", unique=True),)
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"))
    tag_id: Mapped[str] = mapped_column(ForeignKey("tag.id"), index=True)
    store_id: Mapped[str] = mapped_column(IdStr)
    added_by: Mapped[str | None] = mapped_column(IdStr)
    added_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: "" a person; "rule:<tag_rule id>" an auto-tag rule (guide_server.tag_rules)
    source: Mapped[str] = mapped_column(String(80), default="")


class FollowUp(Base):
    __tablename__ = "follow_up"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    store_id: Mapped[str] = mapped_column(IdStr)
    guide_id: Mapped[str] = mapped_column(IdStr)
    channel: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_follow_up_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)
