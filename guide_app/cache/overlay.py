"""Applying one edit (an outbox mutation) to the local rows.

The same function serves the first write (the domain services) and the
re-application of still-pending edits after a pull or a push result replaced
the rows underneath, so local edits stay visible until the server has them.
Every function here is idempotent: applying an edit twice leaves the rows as
applying it once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Connection

from guide_app.cache.rows import delete_rows, read_row, write_rows
from guide_core.protocol import ENTITY_DATA
from guide_core.rules.assignments import next_status, transition_refusal
from guide_core.rules.tags import single_choice_drops

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LocalEdit:
    """An outbox row as the overlay needs it (``fields`` is JSON-safe)."""

    entity: str
    op: str
    entity_id: str
    fields: dict[str, Any]
    user_id: str | None
    created_at: str  # ISO time the edit was made, the guide's clock

    def keys(self) -> set[tuple[str, str]]:
        """Rows whose replacement means this edit must be applied again."""
        out = {(self.entity, self.entity_id)}
        if cid := self.fields.get("customer_id"):
            out.add(("customer", cid))
        if aid := self.fields.get("assignment_id"):
            out.add(("assignment", aid))
        if self.entity == "assignment":
            out.add(("assignment", self.entity_id))
        if mid := self.fields.get("merged_id"):  # 合并: the card merged away
            out.add(("customer", mid))
        if self.entity == "user" and self.op == "handover":  # 离职继承: every customer it moves
            out |= {("customer", c) for cids in self.fields["receivers"].values() for c in cids}
        return out


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _store(conn: Connection, entity: str, version: int, data: dict[str, Any]) -> None:
    model = ENTITY_DATA[entity].model_validate(data)
    write_rows(conn, entity, [(version, model)])


def _merge(conn: Connection, entity: str, row_id: str, changes: dict[str, Any]) -> bool:
    got = read_row(conn, entity, row_id)
    if got is None:
        return False
    version, data = got
    data.update(changes)
    _store(conn, entity, version, data)
    return True


def apply_edit(conn: Connection, e: LocalEdit, reapply: bool = False) -> set[str]:
    """Apply ``e`` to the local rows; returns the entity names changed.

    ``reapply`` skips counters (use counts) that the pulled row may already
    include: counting a use twice would be wrong, missing it for a moment is not.
    """
    handler = _HANDLERS.get((e.entity, e.op))
    if handler is None:
        return set()
    if reapply and e.op == "use":
        return set()
    return handler(conn, e)


def _customer_create(conn: Connection, e: LocalEdit) -> set[str]:
    fields = dict(e.fields)
    if _merge(conn, "customer", e.entity_id, fields):
        return {"customer"}
    data = {"id": e.entity_id, "created_at": e.created_at, **fields}
    if not data.get("store_id"):
        return set()
    _store(conn, "customer", 0, data)
    return {"customer"}


def _customer_update(conn: Connection, e: LocalEdit) -> set[str]:
    changes = dict(e.fields)
    if "phone" in changes:
        changes["phone"] = changes["phone"] or ""
        changes["phone_masked"] = False
    for key in ("remark_name", "member_no", "source_channel", "notes"):
        if key in changes and changes[key] is None:
            changes[key] = ""
    return {"customer"} if _merge(conn, "customer", e.entity_id, changes) else set()


def _customer_reassign(conn: Connection, e: LocalEdit) -> set[str]:
    changes = {"owner_id": e.fields["owner_id"]}
    return {"customer"} if _merge(conn, "customer", e.entity_id, changes) else set()


def _customer_dismiss_duplicate(conn: Connection, e: LocalEdit) -> set[str]:
    got = read_row(conn, "customer", e.entity_id)
    if got is None or got[1].get("duplicate_of") != e.fields["duplicate_of"]:
        return set()  # a newer flag (or none): the server leaves that one too
    _merge(conn, "customer", e.entity_id, {"duplicate_of": None})
    return {"customer"}


def _customer_merge(conn: Connection, e: LocalEdit) -> set[str]:
    from guide_app.cache.merge_overlay import apply_merge  # it builds on this module

    return apply_merge(conn, e)


def _user_handover(conn: Connection, e: LocalEdit) -> set[str]:
    """离职继承: the customers' owners change at once (only ``owner_id``: the undo puts
    back the leaving guide, ``guide_app.services.handover``); the server sets the rest."""
    changed = False
    for receiver, cids in e.fields["receivers"].items():
        for cid in cids:
            changed |= _merge(conn, "customer", cid, {"owner_id": receiver})
    return {"customer"} if changed else set()


def _tag_add(conn: Connection, e: LocalEdit) -> set[str]:
    cid, tid = e.fields["customer_id"], e.fields["tag_id"]
    customer = read_row(conn, "customer", cid)
    if customer is None:
        return set()
    group = conn.exec_driver_sql(
        "SELECT t.group_id, json_extract(g.data, '$.choice') FROM tags t "
        "JOIN tag_groups g ON g.id = t.group_id WHERE t.id = ?",
        (tid,),
    ).first()
    if group is not None:
        links = dict(
            conn.exec_driver_sql(
                "SELECT ct.tag_id, ct.id FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id "
                "WHERE ct.customer_id = ? AND t.group_id = ?",
                (cid, group[0]),
            ).all()
        )
        dropped = single_choice_drops(group[1] or "multi", tid, links)
        delete_rows(conn, "customer_tag", [links[t] for t in dropped])
    existing = read_row(conn, "customer_tag", e.entity_id)
    data = {
        "id": e.entity_id,
        "customer_id": cid,
        "tag_id": tid,
        "store_id": customer[1]["store_id"],
        "added_by": e.user_id,
        "added_at": e.created_at,
    }
    _store(conn, "customer_tag", existing[0] if existing else 0, data)
    return {"customer_tag"}


def _tag_remove(conn: Connection, e: LocalEdit) -> set[str]:
    delete_rows(conn, "customer_tag", [e.entity_id])
    return {"customer_tag"}


def _follow_up(conn: Connection, e: LocalEdit) -> set[str]:
    customer = read_row(conn, "customer", e.fields["customer_id"])
    if customer is None or read_row(conn, "follow_up", e.entity_id) is not None:
        return set()
    data = {
        "id": e.entity_id,
        "store_id": customer[1]["store_id"],
        "guide_id": e.user_id or "",
        **e.fields,
    }
    _store(conn, "follow_up", 0, data)
    return {"follow_up"}


def _item_check(conn: Connection, e: LocalEdit) -> set[str]:
    assignment = read_row(conn, "assignment", e.fields["assignment_id"])
    if assignment is None:
        return set()
    existing = read_row(conn, "item_check", e.entity_id)
    data = {
        "id": e.entity_id,
        "store_id": assignment[1]["store_id"],
        "checked_by": e.user_id,
        "contacted_ids": list((existing[1] if existing else {}).get("contacted_ids") or []),
        **e.fields,
    }
    _store(conn, "item_check", existing[0] if existing else 0, data)
    return {"item_check"}


def _item_contact(conn: Connection, e: LocalEdit) -> set[str]:
    """Add the customer to the item's contacted list (never removes; the tick is untouched)."""
    assignment = read_row(conn, "assignment", e.fields["assignment_id"])
    if assignment is None:
        return set()
    existing = read_row(conn, "item_check", e.entity_id)
    data = (
        dict(existing[1])
        if existing
        else {
            "id": e.entity_id,
            "assignment_id": e.fields["assignment_id"],
            "item_id": e.fields["item_id"],
            "store_id": assignment[1]["store_id"],
            "done": False,
        }
    )
    contacted = list(data.get("contacted_ids") or [])
    if e.fields["customer_id"] in contacted:
        return set()
    data["contacted_ids"] = [*contacted, e.fields["customer_id"]]
    _store(conn, "item_check", existing[0] if existing else 0, data)
    return {"item_check"}


def _assignment(conn: Connection, e: LocalEdit) -> set[str]:
    """The state machine's next status (``guide_core.rules.assignments``); an edit the
    row's status no longer allows leaves it (the server refuses that edit too)."""
    got = read_row(conn, "assignment", e.entity_id)
    if got is None or transition_refusal(e.op, got[1].get("status")) is not None:
        return set()
    changes: dict[str, Any] = {
        "status": next_status(e.op, got[1]["status"], e.fields.get("decision"))
    }
    if e.op == "submit":
        changes["submitted_at"] = e.created_at
    elif e.op == "review":
        changes.update(
            reviewed_by=e.user_id,
            reviewed_at=e.created_at,
            review_reason=e.fields.get("reason", ""),
        )
    return {"assignment"} if _merge(conn, "assignment", e.entity_id, changes) else set()


def _task_create(conn: Connection, e: LocalEdit) -> set[str]:
    """A supervisor's store task made on this PC (``task.create``): the task, its items
    and the assignments the server will make with the same ids
    (``protocol.assignment_id``), so the store's PC shows them before it syncs."""
    from datetime import date

    from guide_core.protocol import assignment_id
    from guide_core.rules.tasks import CHAIN_TZ, occurrences

    f = e.fields
    if read_row(conn, "task", e.entity_id) is not None:
        return set()
    guides = list(f["guide_ids"])
    store = conn.exec_driver_sql("SELECT store_id FROM users WHERE id = ?", (guides[0],)).scalar()
    if store is None:
        return set()
    task = {
        "id": e.entity_id,
        "title": f["title"],
        "kind": f["kind"],
        "description": f.get("description") or "",
        "created_by": e.user_id,
        "scope": "store",
        "store_ids": [store],
        "guide_ids": guides,
        "start_at": f.get("start_at"),
        "due_at": f["due_at"],
        "recurrence": f.get("recurrence"),
        "until": f.get("until"),
        "created_at": e.created_at,
    }
    _store(conn, "task", 0, task)
    targets: dict[str, list[str]] = {}
    for n, item in enumerate(f["items"]):
        data = {k: v for k, v in item.items() if v is not None}
        _store(conn, "task_item", 0, {**data, "task_id": e.entity_id, "sort": n})
        if item.get("customer_ids"):
            targets[item["id"]] = list(item["customer_ids"])
    start = datetime.fromisoformat(f["start_at"]) if f.get("start_at") else None
    until = date.fromisoformat(f["until"]) if f.get("until") else None
    today = datetime.now(CHAIN_TZ).date()
    due = datetime.fromisoformat(f["due_at"])
    for occ in occurrences(start, due, f.get("recurrence"), until, today):
        for guide in guides:
            _store(
                conn,
                "assignment",
                0,
                {
                    "id": assignment_id(e.entity_id, guide, occ.day),
                    "task_id": e.entity_id,
                    "guide_id": guide,
                    "store_id": store,
                    "occurrence": occ.day.isoformat(),
                    "start_at": occ.start_at.isoformat(),
                    "due_at": occ.due_at.isoformat(),
                    "targets": targets,
                    "created_at": e.created_at,
                },
            )
    return {"task", "task_item", "assignment"}


def _script_create(conn: Connection, e: LocalEdit) -> set[str]:
    if _merge(conn, "script", e.entity_id, dict(e.fields)):
        return {"script"}
    data = {"id": e.entity_id, "scope": "personal", "owner_id": e.user_id, **e.fields}
    _store(conn, "script", 0, data)
    return {"script"}


def _script_update(conn: Connection, e: LocalEdit) -> set[str]:
    changes = {k: v for k, v in e.fields.items() if v is not None or k == "group_id"}
    return {"script"} if _merge(conn, "script", e.entity_id, changes) else set()


def _script_delete(conn: Connection, e: LocalEdit) -> set[str]:
    delete_rows(conn, "script", [e.entity_id])
    return {"script"}


def _use(conn: Connection, e: LocalEdit) -> set[str]:
    got = read_row(conn, e.entity, e.entity_id)
    if got is None:
        return set()
    changes: dict[str, Any] = {"use_count": int(got[1].get("use_count") or 0) + 1}
    if e.entity == "script":
        changes["last_used_at"] = e.created_at
    _merge(conn, e.entity, e.entity_id, changes)
    return {e.entity}


def _today_set(conn: Connection, e: LocalEdit) -> set[str]:
    """A 今日 mark made here: the row as the server will store it (the later ``at`` wins)."""
    at = e.fields.get("at") or e.created_at
    got = read_row(conn, "today_action", e.entity_id)
    if got is not None and (got[1].get("at") or "") > at:
        return set()
    until = e.fields.get("until") if e.fields["action"] == "snoozed" else None
    data = {
        "id": e.entity_id,
        "user_id": e.user_id,
        "entry_key": e.fields["entry_key"],
        "action": e.fields["action"],
        "until": until,
        "at": at,
    }
    _store(conn, "today_action", got[0] if got else 0, data)
    return {"today_action"}


def _today_clear(conn: Connection, e: LocalEdit) -> set[str]:
    delete_rows(conn, "today_action", [e.entity_id])
    return {"today_action"}


_HANDLERS = {
    ("customer", "create"): _customer_create,
    ("customer", "update"): _customer_update,
    ("customer", "reassign"): _customer_reassign,
    ("customer", "dismiss_duplicate"): _customer_dismiss_duplicate,
    ("customer", "merge"): _customer_merge,
    ("user", "handover"): _user_handover,
    ("customer_tag", "add"): _tag_add,
    ("customer_tag", "remove"): _tag_remove,
    ("follow_up", "create"): _follow_up,
    ("item_check", "set"): _item_check,
    ("item_check", "contact"): _item_contact,
    ("assignment", "reopen"): _assignment,
    ("assignment", "start"): _assignment,
    ("assignment", "submit"): _assignment,
    ("assignment", "review"): _assignment,
    ("task", "create"): _task_create,
    ("script", "create"): _script_create,
    ("script", "update"): _script_update,
    ("script", "delete"): _script_delete,
    ("script", "use"): _use,
    ("material", "use"): _use,
    ("today_action", "set"): _today_set,
    ("today_action", "clear"): _today_clear,
}


def pending_edits(conn: Connection) -> list[LocalEdit]:
    """Every outbox row, oldest first."""
    return [
        LocalEdit(entity, op, entity_id, orjson.loads(fields), user_id, created_at)
        for entity, op, entity_id, fields, user_id, created_at in conn.exec_driver_sql(
            "SELECT entity, op, entity_id, fields, user_id, created_at FROM outbox ORDER BY seq"
        )
    ]


def reapply_pending(conn: Connection, touched: Iterable[tuple[str, str]]) -> set[str]:
    """Re-apply pending edits over rows just replaced by server data."""
    touched = set(touched)
    if not touched:
        return set()
    return reapply_edits(conn, [e for e in pending_edits(conn) if e.keys() & touched])


def reapply_edits(conn: Connection, edits: Iterable[LocalEdit]) -> set[str]:
    """Apply edits again, each in a savepoint: one that no longer fits (its row is gone,
    its fields were salvaged from a damaged file) is skipped, never half-applied."""
    changed: set[str] = set()
    for edit in edits:
        try:
            with conn.begin_nested():
                changed |= apply_edit(conn, edit, reapply=True)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning(
                "pending edit %s.%s %s not re-applied: %s",
                edit.entity,
                edit.op,
                edit.entity_id,
                exc,
            )
    return changed
