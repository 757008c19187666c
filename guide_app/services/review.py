"""What the supervisor's 审核 page reads: the store's tasks, each guide's assignment of
a task with its progress, and an assignment's checklist with notes, evidence and
outreach counts; all from the cache (works offline).

Reviews themselves go through :meth:`guide_app.services.tasks.TaskService.review`
(checked with the shared rule, queued through the outbox, sent when online). A
review the server refused — typically because another PC reviewed that submission
first — lands in the attention list; :meth:`ReviewService.refused_reviews` finds
those by assignment so the page shows the server's reason next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson

from guide_app.cache.attention import Attention, reason_text
from guide_app.cache.database import Cache
from guide_app.domain.labels import ASSIGNMENT_STATUSES, TASK_KINDS, label
from guide_app.domain.permissions import actor_of
from guide_app.services.tasks import TaskService
from guide_core.protocol import UserInfo
from guide_core.rules import Target, check
from guide_core.rules.assignments import review_refusal

#: An assignment's day, as the store board counts it (see ``task_board``).
_DAY = (
    "coalesce(json_extract(a.data, '$.occurrence'),"
    " substr(json_extract(a.data, '$.due_at'), 1, 10), substr(t.due_at, 1, 10))"
)
#: Outreach progress of an assignment: contacted customers and targets over its items.
_CONTACTED = (
    "(SELECT count(DISTINCT tj.key || ':' || c.value) FROM item_checks k"
    " JOIN json_each(k.data, '$.contacted_ids') c"
    " JOIN json_each(a.data, '$.targets') tj ON tj.key = json_extract(k.data, '$.item_id')"
    " JOIN json_each(tj.value) tv ON tv.value = c.value"
    " WHERE k.assignment_id = a.id)"
)
_TARGETS = (
    "(SELECT coalesce(sum(json_array_length(j.value)), 0)"
    " FROM json_each(json_extract(a.data, '$.targets')) j)"
)


@dataclass(frozen=True)
class TaskSummary:
    """One task of the store on the 审核 page's list."""

    task_id: str
    title: str
    kind_label: str
    assignments: int
    waiting: int  # submitted, to review
    done: int  # submitted or approved
    approved: int
    last_day: str | None
    withdrawn: bool = False

    @property
    def rate(self) -> float:
        return self.done / self.assignments if self.assignments else 0.0


@dataclass(frozen=True)
class GuideRow:
    """One guide's assignment of a task (one row per occurrence of a recurring task)."""

    assignment_id: str
    guide_id: str
    guide_name: str
    day: str | None
    status: str
    status_label: str
    items_total: int
    items_done: int
    contacted: int
    targets: int
    submitted_at: str | None
    review_reason: str

    @property
    def rate(self) -> float:
        return self.items_done / self.items_total if self.items_total else 0.0


@dataclass(frozen=True)
class ItemRow:
    """One checklist item of an assignment, as the guide left it."""

    item_id: str
    text: str
    kind: str
    requires_note: bool
    requires_evidence: bool
    done: bool
    done_at: str | None
    note: str
    evidence_sha256: str | None
    contacted: int
    targets: int


@dataclass(frozen=True)
class RefusedReview:
    """A review the server did not take, with its reason (attention list entry)."""

    attention_id: int
    assignment_id: str
    reason: str
    code: str | None


class ReviewService:
    """Reads for the 审核 page of ``user``'s store; reviews through ``tasks``."""

    def __init__(
        self, cache: Cache, user: UserInfo, tasks: TaskService, attention: Attention
    ) -> None:
        self._cache = cache
        self._user = user
        self._tasks = tasks
        self._attention = attention

    @property
    def closed(self) -> bool:
        """The cache was closed (the window signed out): reads meanwhile failed, no matter."""
        return self._cache.closed

    @property
    def store_id(self) -> str:
        return self._user.store_id or ""

    def tasks(self) -> list[TaskSummary]:
        """The store's tasks with assignments: those waiting for review first, newest next."""
        sql = (
            f"SELECT a.task_id, coalesce(t.title, ''), t.data, count(*),"
            " sum(a.status = 'submitted'), sum(a.status IN ('submitted', 'approved')),"
            f" sum(a.status = 'approved'), max({_DAY}) AS last_day"
            " FROM assignments a LEFT JOIN tasks t ON t.id = a.task_id"
            " WHERE a.store_id = ? GROUP BY a.task_id"
            " ORDER BY sum(a.status = 'submitted') > 0 DESC, last_day DESC, 2"
        )
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(sql, (self.store_id,)).all()
        out = []
        for task_id, title, raw, n, waiting, done, approved, last_day in rows:
            data = orjson.loads(raw) if raw else {}
            out.append(
                TaskSummary(
                    task_id=task_id,
                    title=title,
                    kind_label=label(TASK_KINDS, data.get("kind", "")),
                    assignments=int(n),
                    waiting=int(waiting or 0),
                    done=int(done or 0),
                    approved=int(approved or 0),
                    last_day=last_day,
                    withdrawn=data.get("status") == "withdrawn",
                )
            )
        return out

    def guides(self, task_id: str) -> list[GuideRow]:
        """Every assignment of ``task_id`` in the store: newest day first, then by name."""
        sql = (
            "SELECT a.id, a.guide_id, coalesce(u.display_name, ''), "
            f"{_DAY} AS day, a.status, a.data,"
            " (SELECT count(*) FROM task_items i WHERE i.task_id = a.task_id),"
            " (SELECT count(*) FROM item_checks k WHERE k.assignment_id = a.id"
            "  AND json_extract(k.data, '$.done')),"
            f" {_CONTACTED}, {_TARGETS}"
            " FROM assignments a LEFT JOIN tasks t ON t.id = a.task_id"
            " LEFT JOIN users u ON u.id = a.guide_id"
            " WHERE a.store_id = ? AND a.task_id = ?"
            " ORDER BY day DESC, u.display_pinyin, u.display_name, a.id"
        )
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(sql, (self.store_id, task_id)).all()
        out = []
        for aid, gid, name, day, status, raw, total, done, contacted, targets in rows:
            data = orjson.loads(raw)
            out.append(
                GuideRow(
                    assignment_id=aid,
                    guide_id=gid,
                    guide_name=name,
                    day=day,
                    status=status,
                    status_label=label(ASSIGNMENT_STATUSES, status),
                    items_total=int(total),
                    items_done=int(done),
                    contacted=int(contacted or 0),
                    targets=int(targets or 0),
                    submitted_at=data.get("submitted_at"),
                    review_reason=data.get("review_reason") or "",
                )
            )
        return out

    def guide_row(self, assignment_id: str) -> GuideRow | None:
        with self._cache.read() as conn:
            task_id = conn.exec_driver_sql(
                "SELECT task_id FROM assignments WHERE id = ?", (assignment_id,)
            ).scalar()
        if task_id is None:
            return None
        return next((g for g in self.guides(task_id) if g.assignment_id == assignment_id), None)

    def items(self, assignment_id: str) -> list[ItemRow]:
        """The checklist of one assignment with the guide's notes, evidence and counts."""
        sql = (
            "SELECT i.data, k.data, a.data FROM assignments a"
            " JOIN task_items i ON i.task_id = a.task_id"
            " LEFT JOIN item_checks k ON k.assignment_id = a.id"
            "  AND json_extract(k.data, '$.item_id') = i.id"
            " WHERE a.id = ? ORDER BY i.sort, i.id"
        )
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(sql, (assignment_id,)).all()
        out = []
        for i_raw, k_raw, a_raw in rows:
            i = orjson.loads(i_raw)
            k = orjson.loads(k_raw) if k_raw else {}
            targets = (orjson.loads(a_raw).get("targets") or {}).get(i["id"])
            if targets is None:
                targets = i.get("customer_ids") or []
            out.append(
                ItemRow(
                    item_id=i["id"],
                    text=i.get("text") or "",
                    kind=i.get("kind") or "check",
                    requires_note=bool(i.get("requires_note")),
                    requires_evidence=bool(i.get("requires_evidence")),
                    done=bool(k.get("done")),
                    done_at=k.get("done_at"),
                    note=k.get("note") or "",
                    evidence_sha256=k.get("evidence_sha256"),
                    contacted=len(set(k.get("contacted_ids") or []) & set(targets)),
                    targets=len(targets),
                )
            )
        return out

    # ------------------------------------------------------------------ reviewing

    def may_review(self, row: GuideRow) -> bool:
        """True when the shared rule lets this user review ``row`` now (submitted, own store)."""
        target = Target(store_id=self.store_id, owner_id=row.guide_id, status=row.status)
        fields = {"decision": "approve", "reason": ""}
        return check("assignment", "review", actor_of(self._user), target, fields) is None

    @staticmethod
    def reason_problem(reason: str) -> str | None:
        """Why a send-back with ``reason`` would be refused (the shared rule), or None."""
        refusal = review_refusal("send_back", reason)
        return refusal.reason if refusal else None

    def approve(self, assignment_id: str) -> None:
        """Approve (queued; the server decides when it arrives)."""
        self._tasks.review(assignment_id, True)

    def send_back(self, assignment_id: str, reason: str) -> None:
        """Send back with a reason the guide will read (queued)."""
        self._tasks.review(assignment_id, False, reason)

    def refused_reviews(self) -> dict[str, RefusedReview]:
        """Assignment id → the latest review of it the server refused."""
        out: dict[str, RefusedReview] = {}
        for item in self._attention.list():
            if item.entity == "assignment" and item.op == "review":
                out[item.entity_id] = RefusedReview(
                    item.id, item.entity_id, reason_text(item.reason, item.code), item.code
                )
        return out

    def dismiss_refusal(self, attention_id: int) -> None:
        """The reviewer has read the server's answer: drop the refused review."""
        self._attention.discard(attention_id)
