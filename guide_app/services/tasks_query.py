"""Reads of tasks from the cache: assignments, their checklists, the guide's day.

The rows are the pulled ones with local edits already laid over them
(``guide_app.cache.overlay``), so a tick made offline shows at once.
Sections follow the guide's clock: 今天 (started and not yet due), 即将开始
(starts after today), 已逾期 (open past its due time), 已完成 (submitted or
approved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

import orjson

from guide_app.cache.database import Cache
from guide_app.cache.rows import read_row
from guide_app.domain.labels import ASSIGNMENT_STATUSES, TASK_KINDS, label

TODAY = "today"
UPCOMING = "upcoming"
OVERDUE = "overdue"
DONE = "done"
#: Sections of the 任务 page, in the order shown.
SECTIONS = (TODAY, OVERDUE, UPCOMING, DONE)
#: Statuses that count as finished by the guide (待审核, 已通过).
FINISHED = frozenset({"submitted", "approved"})
#: Statuses in which the guide may still work on the checklist.
OPEN = frozenset({"todo", "in_progress", "sent_back"})


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
    start_at: str | None = None
    occurrence: str | None = None
    #: What the task's last edit changed (shown at the top), and whether it was withdrawn.
    edit_note: str = ""
    withdrawn: bool = False


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
    kind: str = "check"
    requires_note: bool = False
    #: Outreach: this assignment's target customers and those marked contacted.
    targets: list[str] = field(default_factory=list)
    contacted_ids: list[str] = field(default_factory=list)

    @property
    def is_outreach(self) -> bool:
        return self.kind == "outreach"

    @property
    def contacted_count(self) -> int:
        return len(set(self.contacted_ids) & set(self.targets))


_SQL = (
    "SELECT a.data, t.data, u.display_name,"
    " (SELECT count(*) FROM task_items i WHERE i.task_id = a.task_id),"
    " (SELECT count(*) FROM item_checks k WHERE k.assignment_id = a.id"
    "  AND json_extract(k.data, '$.done'))"
    " FROM assignments a LEFT JOIN tasks t ON t.id = a.task_id"
    " LEFT JOIN users u ON u.id = a.guide_id"
)


def read_views(cache: Cache, where: str, args: tuple) -> list[AssignmentView]:
    """Assignments matching ``where`` (SQL over ``a`` = assignments), open ones first."""
    with cache.read() as conn:
        rows = conn.exec_driver_sql(f"{_SQL} WHERE {where}", args).all()
    out = []
    for a_raw, t_raw, guide_name, total, done in rows:
        a = orjson.loads(a_raw)
        t = orjson.loads(t_raw) if t_raw else {"title": "", "kind": "", "description": ""}
        out.append(
            AssignmentView(
                id=a["id"],
                task_id=a["task_id"],
                title=t.get("title") or "",
                kind=t.get("kind") or "",
                kind_label=label(TASK_KINDS, t.get("kind") or ""),
                description=t.get("description") or "",
                status=a["status"],
                status_label=label(ASSIGNMENT_STATUSES, a["status"]),
                due_at=a.get("due_at") or t.get("due_at"),
                guide_id=a["guide_id"],
                guide_name=guide_name or "",
                items_total=int(total),
                items_done=int(done),
                review_reason=a.get("review_reason") or "",
                start_at=a.get("start_at") or t.get("start_at"),
                occurrence=a.get("occurrence"),
                edit_note=t.get("edit_note") or "",
                withdrawn=t.get("status") == "withdrawn",
            )
        )
    out.sort(key=lambda v: (v.status in ("approved",), v.due_at or "9999", v.title))
    return out


def read_items(cache: Cache, assignment_id: str) -> list[ItemView]:
    """Checklist of an assignment with its ticks and outreach progress."""
    with cache.read() as conn:
        got = read_row(conn, "assignment", assignment_id)
        if got is None:
            return []
        a = got[1]
        rows = conn.exec_driver_sql(
            "SELECT i.data, k.data FROM task_items i LEFT JOIN item_checks k"
            " ON k.assignment_id = ? AND json_extract(k.data, '$.item_id') = i.id"
            " WHERE i.task_id = ? ORDER BY i.sort, i.id",
            (assignment_id, a["task_id"]),
        ).all()
    targets: dict[str, list[str]] = a.get("targets") or {}
    out = []
    for i_raw, k_raw in rows:
        i = orjson.loads(i_raw)
        k: dict[str, Any] = orjson.loads(k_raw) if k_raw else {}
        fixed = list(i.get("customer_ids") or [])
        out.append(
            ItemView(
                id=i["id"],
                sort=int(i.get("sort") or 0),
                text=i["text"],
                script_id=i.get("script_id"),
                material_id=i.get("material_id"),
                customer_ids=fixed,
                requires_evidence=bool(i.get("requires_evidence")),
                done=bool(k.get("done")),
                done_at=k.get("done_at"),
                note=k.get("note") or "",
                evidence_sha256=k.get("evidence_sha256"),
                kind=i.get("kind") or "check",
                requires_note=bool(i.get("requires_note")),
                targets=list(targets.get(i["id"], fixed)),
                contacted_ids=list(k.get("contacted_ids") or []),
            )
        )
    return out


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def section_of(view: AssignmentView, now: datetime) -> str | None:
    """The page section of ``view`` at ``now`` (None: not shown, e.g. withdrawn and open)."""
    if view.status in FINISHED:
        return DONE
    if view.withdrawn:
        return None
    local = now.astimezone()
    due = _when(view.due_at)
    if due is not None and due < local:
        return OVERDUE
    start = _when(view.start_at)
    end_of_today = datetime.combine(local.date() + timedelta(days=1), time(), local.tzinfo)
    if start is not None and start >= end_of_today:
        return UPCOMING
    return TODAY


def sectioned(views: list[AssignmentView], now: datetime) -> dict[str, list[AssignmentView]]:
    """``views`` by section; open ones by due time, done ones newest due first."""
    out: dict[str, list[AssignmentView]] = {s: [] for s in SECTIONS}
    for v in views:
        section = section_of(v, now)
        if section is not None:
            out[section].append(v)
    for key, rows in out.items():
        if key == UPCOMING:
            rows.sort(key=lambda v: (v.start_at or "", v.due_at or "9999", v.title))
        elif key == DONE:
            rows.sort(key=lambda v: v.due_at or "", reverse=True)
        else:
            rows.sort(key=lambda v: (v.due_at or "9999", v.title))
    return out


def customer_names(cache: Cache, ids: list[str]) -> dict[str, str]:
    """Names of cached customers as the guide knows them: ``备注名（姓名）`` when the
    guide gave a remark name, else the name; ids not in the cache are left out."""
    out: dict[str, str] = {}
    with cache.read() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for cid, raw in conn.exec_driver_sql(
                f"SELECT id, data FROM customers WHERE id IN ({marks})", tuple(chunk)
            ):
                d = orjson.loads(raw)
                name, remark = d.get("name") or "", d.get("remark_name") or ""
                out[cid] = f"{remark}（{name}）" if remark and remark != name else name
    return out


@dataclass(frozen=True)
class DayEntry:
    """One assignment of the printed day: its section, checklist and outreach names."""

    section: str
    view: AssignmentView
    items: list[ItemView]
    names: dict[str, str]


def day_plan(cache: Cache, views: list[AssignmentView], now: datetime) -> list[DayEntry]:
    """What the guide has to do: 今天 and 已逾期 (open work), with checklists and names."""
    groups = sectioned(views, now)
    out = []
    for section in (OVERDUE, TODAY):
        for view in groups[section]:
            items = read_items(cache, view.id)
            ids = sorted({c for i in items for c in i.targets})
            out.append(DayEntry(section, view, items, customer_names(cache, ids)))
    return out
