"""Tasks (SOP) as the guide works through them, and the supervisor's review.

Reads live in :mod:`.tasks_query` (views, checklists, sections of the day);
this module holds the writes. Each write asks ``guide_core.rules.check`` (the
server's own rule) with the facts of the cached rows before it queues
anything, so a refusal is instant and names the same code the server would.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edits
from guide_app.cache.rows import read_row
from guide_app.domain.errors import not_found, raise_if
from guide_app.domain.permissions import actor_of
from guide_app.domain.validation import checked_fields
from guide_app.services import tasks_query as q
from guide_app.services.tasks_query import AssignmentView, ItemView
from guide_core.protocol import UserInfo, item_check_id
from guide_core.rules import Code, ItemState, Refusal, Target, check
from guide_core.rules.assignments import TRANSITIONS, next_status

__all__ = ["AssignmentView", "ItemView", "TaskService"]

Edit = tuple[str, str, str, dict[str, Any], int | None]


class TaskService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    # ------------------------------------------------------------------ reads

    def my_assignments(self) -> list[AssignmentView]:
        """The user's own assignments: open ones first, by due time."""
        return q.read_views(self._cache, "a.guide_id = ?", (self._user.id,))

    def my_sections(self, now: datetime | None = None) -> dict[str, list[AssignmentView]]:
        """The user's assignments by section (今天 / 已逾期 / 即将开始 / 已完成)."""
        return q.sectioned(self.my_assignments(), now or datetime.now(UTC))

    def my_day(self, now: datetime | None = None) -> list[q.DayEntry]:
        """Today's and overdue open work with checklists and outreach names (printing)."""
        return q.day_plan(self._cache, self.my_assignments(), now or datetime.now(UTC))

    def assignment(self, assignment_id: str) -> AssignmentView | None:
        rows = q.read_views(self._cache, "a.id = ?", (assignment_id,))
        return rows[0] if rows else None

    def store_assignments(self, status: str | None = None) -> list[AssignmentView]:
        """Every assignment of the user's store (the supervisor's review page)."""
        if status:
            return q.read_views(
                self._cache, "a.store_id = ? AND a.status = ?", (self._user.store_id or "", status)
            )
        return q.read_views(self._cache, "a.store_id = ?", (self._user.store_id or "",))

    def items(self, assignment_id: str) -> list[ItemView]:
        """Checklist of an assignment with this guide's ticks."""
        return q.read_items(self._cache, assignment_id)

    def customer_names(self, ids: list[str]) -> dict[str, str]:
        return q.customer_names(self._cache, ids)

    # ------------------------------------------------------------------ writes

    def _assignment(self, assignment_id: str) -> tuple[int, dict[str, Any]]:
        with self._cache.read() as conn:
            got = read_row(conn, "assignment", assignment_id)
        if got is None:
            raise not_found(Code.UNKNOWN_ASSIGNMENT, assignment_id, field="assignment_id")
        return got

    def _item(self, assignment_id: str, item_id: str) -> ItemView:
        item = next((i for i in self.items(assignment_id) if i.id == item_id), None)
        if item is None:
            raise not_found(Code.UNKNOWN_ITEM, item_id, field="item_id")
        return item

    def _refusal(
        self,
        op: str,
        a: dict[str, Any],
        fields: dict[str, Any] | None = None,
        entity: str = "assignment",
        **extra: Any,
    ) -> Refusal | None:
        target = Target(store_id=a["store_id"], owner_id=a["guide_id"], status=a["status"], **extra)
        return check(entity, op, actor_of(self._user), target, fields)

    def _check(
        self,
        op: str,
        a: dict[str, Any],
        fields: dict[str, Any] | None = None,
        entity: str = "assignment",
        field: str | None = None,
        **extra: Any,
    ) -> None:
        raise_if(self._refusal(op, a, fields, entity, **extra), field=field)

    def _start_edit(self, version: int, a: dict[str, Any]) -> list[Edit]:
        """The implied start before the first action on a todo / sent-back assignment."""
        if a["status"] in TRANSITIONS["start"] and next_status("start", a["status"]) != a["status"]:
            return [("assignment", "start", a["id"], {}, version or None)]
        return []

    def _item_states(self, assignment_id: str) -> tuple[ItemState, ...]:
        return tuple(
            ItemState(i.requires_evidence, i.done, i.evidence_sha256, i.requires_note, i.note)
            for i in self.items(assignment_id)
        )

    def tick_refusal(
        self,
        assignment_id: str,
        item_id: str,
        done: bool = True,
        note: str = "",
        evidence_sha256: str | None = None,
    ) -> Refusal | None:
        """Would this tick be refused (note or photo missing, approved…)? Nothing is written."""
        _version, a = self._assignment(assignment_id)
        item = self._item(assignment_id, item_id)
        state = ItemState(item.requires_evidence, done, evidence_sha256, item.requires_note, note)
        return self._refusal("set", a, None, entity="item_check", item=state)

    def check_item(
        self,
        assignment_id: str,
        item_id: str,
        done: bool,
        note: str = "",
        evidence_sha256: str | None = None,
    ) -> None:
        """Tick or untick one item; the time is this PC's clock (works offline)."""
        raw = {
            "assignment_id": assignment_id,
            "item_id": item_id,
            "done": done,
            "done_at": datetime.now(UTC).astimezone() if done else None,
            "note": note,
            "evidence_sha256": evidence_sha256,
        }
        fields = checked_fields("item_check", "set", raw)
        version, a = self._assignment(assignment_id)
        item = self._item(assignment_id, item_id)
        state = ItemState(
            item.requires_evidence, done, evidence_sha256, item.requires_note, fields["note"]
        )
        refusal = self._refusal("set", a, fields, entity="item_check", item=state)
        field = "assignment_id"
        if refusal is not None and refusal.code == Code.NOTE_MISSING:
            field = "note"
        elif refusal is not None and refusal.code == Code.EVIDENCE_MISSING:
            field = "evidence_sha256"
        raise_if(refusal, field=field)
        edits = self._start_edit(version, a)
        edits.append(("item_check", "set", item_check_id(assignment_id, item_id), fields, None))
        record_edits(self._cache, self._user.id, edits)

    def mark_contacted(
        self,
        assignment_id: str,
        item_id: str,
        customer_id: str,
        text: str,
        channel: str = "chat",
    ) -> str:
        """An outreach item's customer contacted: a follow-up on the customer and the
        item's count (``item_check.contact``) in one transaction; returns the follow-up id.

        Both writes are checked first (the customer must be on this assignment's list
        for the item; the follow-up's own rule), so nothing is half-written.
        """
        at = datetime.now(UTC).astimezone()
        version, a = self._assignment(assignment_id)
        item = self._item(assignment_id, item_id)
        follow_up = self._follow_up_edit(customer_id, channel, text, at)
        fields = checked_fields(
            "item_check",
            "contact",
            {
                "assignment_id": assignment_id,
                "item_id": item_id,
                "customer_id": customer_id,
                "at": at,
                "follow_up_id": follow_up[2],
            },
        )
        self._check(
            "contact",
            a,
            fields,
            entity="item_check",
            field="customer_id",
            customers=tuple(item.targets),
        )
        edits = self._start_edit(version, a)
        edits.append(follow_up)
        edits.append(("item_check", "contact", item_check_id(assignment_id, item_id), fields, None))
        record_edits(self._cache, self._user.id, edits)
        return follow_up[2]

    def _follow_up_edit(self, customer_id: str, channel: str, text: str, at: datetime) -> Edit:
        fields = checked_fields(
            "follow_up",
            "create",
            {"customer_id": customer_id, "channel": channel, "text": text, "at": at},
        )
        with self._cache.read() as conn:
            got = read_row(conn, "customer", customer_id)
        if got is None:
            raise not_found(Code.UNKNOWN_CUSTOMER, customer_id, field="customer_id")
        d = got[1]
        target = Target(store_id=d.get("store_id"), owner_id=d.get("owner_id"))
        raise_if(check("follow_up", "create", actor_of(self._user), target, fields))
        return ("follow_up", "create", str(uuid.uuid4()), fields, None)

    def start(self, assignment_id: str) -> None:
        """Start (todo / sent back → in progress); already in progress: nothing to do."""
        version, a = self._assignment(assignment_id)
        self._check("start", a)
        if next_status("start", a["status"]) == a["status"]:
            return
        record_edits(
            self._cache,
            self._user.id,
            [("assignment", "start", assignment_id, {}, version or None)],
        )

    def submit(self, assignment_id: str) -> None:
        """Submit for review: every item done, with the note and evidence items require."""
        version, a = self._assignment(assignment_id)
        self._check("submit", a, field="items", items=self._item_states(assignment_id))
        record_edits(
            self._cache,
            self._user.id,
            [("assignment", "submit", assignment_id, {}, version or None)],
        )

    def reopen(self, assignment_id: str) -> None:
        """Take a submitted assignment back to in progress before anyone reviewed it."""
        version, a = self._assignment(assignment_id)
        self._check("reopen", a)
        record_edits(
            self._cache,
            self._user.id,
            [("assignment", "reopen", assignment_id, {}, version or None)],
        )

    def review(self, assignment_id: str, approve: bool, reason: str = "") -> None:
        """Supervisor: approve, or send back with a reason."""
        fields = checked_fields(
            "assignment",
            "review",
            {"decision": "approve" if approve else "send_back", "reason": reason},
        )
        version, a = self._assignment(assignment_id)
        field = "reason" if not approve else "assignment_id"
        self._check("review", a, {"reason": "", **fields}, field=field)
        record_edits(
            self._cache,
            self._user.id,
            [("assignment", "review", assignment_id, fields, version or None)],
        )
