"""``POST /sync/push``: apply each mutation exactly once, in its own transaction.

The ``applied_mutation`` row is written in the same transaction as the
mutation's effect, so a retry after a lost answer finds it and gets the stored
result back instead of a second effect. A rejected mutation is recorded too
(a retry must carry a new ``mutation_id``) and never stops the rest of the batch.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guide_app.sync.protocol import (
    MAX_PUSH_BATCH,
    InvalidMutation,
    Mutation,
    describe_validation_error,
    validate_fields,
)
from guide_server.audit import record
from guide_server.db import Database
from guide_server.models import AppliedMutation
from guide_server.reader import Reader
from guide_server.sync import ops_content, ops_customers, ops_tasks
from guide_server.sync.changes import change_for
from guide_server.sync.rejection import Rejected

log = logging.getLogger("guide_server.push")

Handler = Callable[[Session, Reader, Mutation, dict], tuple[str, str]]

HANDLERS: dict[tuple[str, str], Handler] = {
    ("customer", "create"): ops_customers.customer_create,
    ("customer", "update"): ops_customers.customer_update,
    ("customer", "reassign"): ops_customers.customer_reassign,
    ("customer", "dismiss_duplicate"): ops_customers.customer_dismiss_duplicate,
    ("customer_tag", "add"): ops_customers.customer_tag_add,
    ("customer_tag", "remove"): ops_customers.customer_tag_remove,
    ("follow_up", "create"): ops_customers.follow_up_create,
    ("item_check", "set"): ops_tasks.item_check_set,
    ("assignment", "start"): ops_tasks.assignment_start,
    ("assignment", "submit"): ops_tasks.assignment_submit,
    ("assignment", "review"): ops_tasks.assignment_review,
    ("script", "create"): ops_content.script_create,
    ("script", "update"): ops_content.script_update,
    ("script", "delete"): ops_content.script_delete,
    ("script", "use"): ops_content.script_use,
    ("material", "use"): ops_content.material_use,
}


class BadPush(ValueError):
    """The request as a whole cannot be read (no device id, not a list, no mutation_id)."""


def parse_push(body: Any) -> tuple[str, list[tuple[str, Mutation | None, str | None]]]:
    """Split a push body into ``(mutation_id, mutation or None, problem)`` per entry.

    Entries are checked one by one so that one malformed mutation becomes one
    rejected result instead of failing the whole batch.
    """
    if not isinstance(body, dict):
        raise BadPush("请求体应为 JSON 对象 (body must be an object)")
    extra = set(body) - {"device_id", "mutations"}
    if extra:
        raise BadPush(f"unknown field {sorted(extra)[0]}")
    device_id = body.get("device_id")
    if not isinstance(device_id, str) or not 1 <= len(device_id) <= 64:
        raise BadPush("device_id: 必填, 1-64个字符")
    raw = body.get("mutations")
    if not isinstance(raw, list):
        raise BadPush("mutations: 应为列表")
    if len(raw) > MAX_PUSH_BATCH:
        raise BadPush(f"mutations: 一次最多{MAX_PUSH_BATCH}条, 实际{len(raw)}条")
    entries = []
    for index, item in enumerate(raw):
        mid = item.get("mutation_id") if isinstance(item, dict) else None
        try:
            mid = str(uuid.UUID(str(mid)))
        except ValueError:
            raise BadPush(f"mutations[{index}].mutation_id: 应为 UUID") from None
        try:
            entries.append((mid, Mutation.model_validate(item), None))
        except ValidationError as exc:
            entries.append((mid, None, f"mutations[{index}]: {describe_validation_error(exc)}"))
    return device_id, entries


def push(db: Database, reader: Reader, device_id: str, entries: list) -> list[dict]:
    """Apply the batch in ``seq`` order; one result per entry, in request order."""
    order = sorted(
        range(len(entries)), key=lambda i: (entries[i][1].seq if entries[i][1] else -1, i)
    )
    results: dict[int, dict] = {}
    for i in order:
        mid, mutation, problem = entries[i]
        results[i] = apply_one(db, reader, device_id, mid, mutation, problem)
    return [results[i] for i in range(len(entries))]


def apply_one(
    db: Database,
    reader: Reader,
    device_id: str,
    mid: str,
    mutation: Mutation | None,
    problem: str | None,
) -> dict:
    for _attempt in range(3):
        try:
            return _apply_once(db, reader, device_id, mid, mutation, problem)
        except IntegrityError:
            # Someone else recorded this mutation_id first (a concurrent retry):
            # the stored result is the answer; otherwise a constraint refused it.
            stored = _stored(db, mid, reader)
            if stored is not None:
                return stored
            problem = "rejected by a database constraint: 数据冲突 (例如编号重复)"
    raise RuntimeError("push retry loop exhausted")


def _stored(db: Database, mid: str, reader: Reader) -> dict | None:
    with db.read() as session:
        row = session.get(AppliedMutation, mid)
        if row is None:
            return None
        if row.user_id != reader.user_id:
            return _result(mid, "rejected", "mutation_id already used: 该编号已被使用")
        result = dict(row.result)
        if result["status"] == "applied":
            result["status"] = "duplicate"
        return result


def _result(mid: str, status: str, reason: str | None = None, row: dict | None = None) -> dict:
    return {"mutation_id": mid, "status": status, "reason": reason, "row": row}


def _apply_once(
    db: Database,
    reader: Reader,
    device_id: str,
    mid: str,
    mutation: Mutation | None,
    problem: str | None,
) -> dict:
    stored = _stored(db, mid, reader)
    if stored is not None:
        return stored
    with db.write() as session:
        result = _effect(session, reader, mutation, problem, mid)
        session.add(
            AppliedMutation(
                mutation_id=mid,
                user_id=reader.user_id,
                device_id=device_id,
                status=result["status"],
                result=result,
            )
        )
        session.flush()
    return result


def _effect(
    session: Session, reader: Reader, m: Mutation | None, problem: str | None, mid: str
) -> dict:
    if m is None:
        return _result(mid, "rejected", problem)
    handler = HANDLERS.get((m.entity, m.op))
    try:
        fields = validate_fields(m.entity, m.op, m.fields)
        if handler is None:
            raise InvalidMutation(f"unknown operation: {m.entity}.{m.op}")
        with session.begin_nested():
            entity, entity_id = handler(session, reader, m, fields)
    except (InvalidMutation, Rejected) as exc:
        reason = exc.reason if isinstance(exc, Rejected) else str(exc)
        if reason.startswith("forbidden"):
            record(session, reader, "denied", f"push {m.entity}.{m.op} {m.entity_id}")
        row = change_for(session, reader, m.entity, m.entity_id)
        return _result(mid, "rejected", reason, _json_row(row))
    return _result(mid, "applied", None, _json_row(change_for(session, reader, entity, entity_id)))


def _json_row(row: dict | None) -> dict | None:
    """The Change with dates as ISO text, so the stored result is plain JSON."""
    if row is None or row["data"] is None:
        return row
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row["data"].items()}
    return {**row, "data": data}
