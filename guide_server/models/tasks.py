"""Tasks (SOPs), their checklist items, assignments to guides, and item checks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class Task(Base):
    __tablename__ = "task"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(IdStr)
    scope: Mapped[str] = mapped_column(String(8), default="hq")
    store_ids: Mapped[list] = mapped_column(JSON, default=list)
    guide_ids: Mapped[list] = mapped_column(JSON, default=list)
    region_ids: Mapped[list | None] = mapped_column(JSON, default=list)
    roles: Mapped[list | None] = mapped_column(JSON, default=list)
    start_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recurrence: Mapped[str | None] = mapped_column(String(16))
    until: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="active", server_default="active")
    edit_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdraw_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)


class TaskItem(Base):
    __tablename__ = "task_item"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("task.id"), index=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    script_id: Mapped[str | None] = mapped_column(IdStr)
    material_id: Mapped[str | None] = mapped_column(IdStr)
    customer_ids: Mapped[list] = mapped_column(JSON, default=list)
    requires_evidence: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(12), default="check", server_default="check")
    segment: Mapped[dict | None] = mapped_column(JSON)
    requires_note: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Assignment(Base):
    __tablename__ = "assignment"
    __table_args__ = (
        Index("ix_assignment_task_guide_day", "task_id", "guide_id", "occurrence", unique=True),
        Index("ix_assignment_store_due", "store_id", "due_at"),
    )
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("task.id"))
    guide_id: Mapped[str] = mapped_column(ForeignKey("app_user.id"), index=True)
    store_id: Mapped[str] = mapped_column(IdStr, index=True)
    status: Mapped[str] = mapped_column(String(16), default="todo")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[str | None] = mapped_column(IdStr)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_reason: Mapped[str] = mapped_column(String(200), default="")
    occurrence: Mapped[date | None] = mapped_column(Date)
    start_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    targets: Mapped[dict | None] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)


class ItemCheck(Base):
    __tablename__ = "item_check"
    id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    assignment_id: Mapped[str] = mapped_column(ForeignKey("assignment.id"), index=True)
    item_id: Mapped[str] = mapped_column(IdStr)
    store_id: Mapped[str] = mapped_column(IdStr)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    evidence_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    checked_by: Mapped[str | None] = mapped_column(IdStr)
    contacted_ids: Mapped[list | None] = mapped_column(JSON, default=list)
