"""Tasks (SOP) as the guide works through them, and the supervisor's review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from guide_app.cache.database import Cache
from guide_app.cache.outbox import record_edits
from guide_app.cache.rows import read_row
from guide_app.domain.errors import not_found, raise_if
from guide_app.domain.labels import ASSIGNMENT_STATUSES, TASK_KINDS, label
from guide_app.domain.permissions import actor_of
from guide_app.domain.validation import checked_fields
from guide_core.protocol import UserInfo, item_check_id
from guide_core.rules import Code, ItemState, Target, check
from guide_core.rules.assignments import TRANSITIONS, next_status


@dataclass(frozen=True)
class AssignmentView:
    id: str
    task_id: str
    title: str
    kind: str
    kind_label: str
    description: str
    status: str
    status_label: str
    due_at: str | None
    guide_id: str
    guide_name: str
    items_total: int
    items_done: int
    review_reason: str


@dataclass(frozen=True)
class ItemView:
    id: str
    sort: int
    text: str
    script_id: str | None
    material_id: str | None
    customer_ids: list[str] = field(default_factory=list)
    requires_evidence: bool = False
    done: bool = False
    done_at: str | None = None
    note: str = ""
    evidence_sha256: str | None = None


_SQL = (
    "SELECT a.data, t.data, u.display_name,"
    " (SELECT count(*) FROM task_items i WHERE i.task_id = a.task_id),"
    " (SELECT count(*) FROM item_checks k WHERE k.assignment_id = a.id"
    "  AND json_extract(k.data, '$.done'))"
    " FROM assignments a LEFT JOIN tasks t ON t.id = a.task_id"
    " LEFT JOIN users u ON u.id = a.guide_id"
)


class TaskService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    def _views(self, where: str, args: tuple) -> list[AssignmentView]:
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(f"{_SQL} WHERE {where}", args).all()
        out = []
        for a_raw, t_raw, guide_name, total, done in rows:
            a = orjson.loads(a_raw)
            t = orjson.loads(t_raw) if t_raw else {"title": "", "kind": "", "description": ""}
            out.append(
                AssignmentView(
                    id=a["id"],
                    task_id=a["task_id"],
                    title=t["title"],
                    kind=t["kind"],
                    kind_label=label(TASK_KINDS, t["kind"]),
                    description=t.get("description") or "",
                    status=a["status"],
                    status_label=label(ASSIGNMENT_STATUSES, a["status"]),
                    due_at=t.get("due_at"),
                    guide_id=a["guide_id"],
                    guide_name=guide_name or "",
                    items_total=int(total),
                    items_done=int(done),
                    review_reason=a.get("review_reason") or "",
                )
            )
        out.sort(key=lambda v: (v.status in ("approved",), v.due_at or "9999", v.title))
        return out

    def my_assignments(self) -> list[AssignmentView]:
        """The user's own assignments: open ones first, by due time."""
        return self._views("a.guide_id = ?", (self._user.id,))

    def store_assignments(self, status: str | None = None) -> list[AssignmentView]:
        """Every assignment of the user's store (the supervisor's review page)."""
        if status:
            return self._views(
                "a.store_id = ? AND a.status = ?", (self._user.store_id or "", status)
            )
        return self._views("a.store_id = ?", (self._user.store_id or "",))

    def items(self, assignment_id: str) -> list[ItemView]:
        """Checklist of an assignment with this guide's ticks."""
        with self._cache.read() as conn:
            a = read_row(conn, "assignment", assignment_id)
            if a is None:
                return []
            rows = conn.exec_driver_sql(
                "SELECT i.data, k.data FROM task_items i LEFT JOIN item_checks k"
                " ON k.assignment_id = ? AND json_extract(k.data, '$.item_id') = i.id"
                " WHERE i.task_id = ? ORDER BY i.sort, i.id",
                (assignment_id, a[1]["task_id"]),
            ).all()
        out = []
        for i_raw, k_raw in rows:
            i = orjson.loads(i_raw)
            k: dict[str, Any] = orjson.loads(k_raw) if k_raw else {}
            out.append(
                ItemView(
                    id=i["id"],
                    sort=int(i.get("sort") or 0),
                    text=i["text"],
                    script_id=i.get("script_id"),
                    material_id=i.get("material_id"),
                    customer_ids=list(i.get("customer_ids") or []),
                    requires_evidence=bool(i.get("requires_evidence")),
                    done=bool(k.get("done")),
                    done_at=k.get("done_at"),
                    note=k.get("note") or "",
                    evidence_sha256=k.get("evidence_sha256"),
                )
            )
        return out

    # ------------------------------------------------------------------ writes
    # Each write asks guide_core.rules.check (the server's own rule) with the facts
    # of the cached rows before it queues anything.

    def _assignment(self, assignment_id: str) -> tuple[int, dict[str, Any]]:
        with self._cache.read() as conn:
            got = read_row(conn, "assignment", assignment_id)
        if got is None:
            raise not_found(Code.UNKNOWN_ASSIGNMENT, assignment_id, field="assignment_id")
        return got

    def _check(
        self,
        op: str,
        a: dict[str, Any],
        fields: dict[str, Any] | None = None,
        entity: str = "assignment",
        field: str | None = None,
        **extra: Any,
    ) -> None:
        target = Target(store_id=a["store_id"], owner_id=a["guide_id"], status=a["status"], **extra)
        raise_if(check(entity, op, actor_of(self._user), target, fields), field=field)

    def _item_states(self, assignment_id: str) -> tuple[ItemState, ...]:
        return tuple(
            ItemState(i.requires_evidence, i.done, i.evidence_sha256)
            for i in self.items(assignment_id)
        )

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
        item = next((i for i in self.items(assignment_id) if i.id == item_id), None)
        if item is None:
            raise not_found(Code.UNKNOWN_ITEM, item_id, field="item_id")
        state = ItemState(item.requires_evidence, done, evidence_sha256)
        field = "evidence_sha256" if done and item.requires_evidence else "assignment_id"
        self._check("set", a, fields, entity="item_check", field=field, item=state)
        edits = []
        if a["status"] in TRANSITIONS["start"] and next_status("start", a["status"]) != a["status"]:
            edits.append(("assignment", "start", assignment_id, {}, version or None))
        check_id = item_check_id(assignment_id, item_id)
        edits.append(("item_check", "set", check_id, fields, None))
        record_edits(self._cache, self._user.id, edits)

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
        """Submit for review: every item done, with evidence where an item requires it."""
        version, a = self._assignment(assignment_id)
        self._check("submit", a, field="items", items=self._item_states(assignment_id))
        record_edits(
            self._cache,
            self._user.id,
            [("assignment", "submit", assignment_id, {}, version or None)],
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
