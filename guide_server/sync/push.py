"""``POST /sync/push``: apply each mutation exactly once, in its own transaction.

The ``applied_mutation`` row is written in the same transaction as the
mutation's effect, so a retry after a lost answer finds it and gets the stored
result back instead of a second effect. A rejected mutation is recorded too
(a retry must carry a new ``mutation_id``) and never stops the rest of the batch.

No single mutation may stall a device's outbox: whatever goes wrong while applying
one (a value the database refuses, a constraint, a bug in a handler) becomes that
mutation's ``rejected`` result with a truthful reason, logged with its traceback and
recorded like any rejection. Only a database that is busy or unreachable
(:func:`guide_server.db_errors.is_transient`) is not the mutation's fault: the
mutation is tried again in place a few times, then the request answers 503
(:class:`~guide_server.db_errors.DatabaseUnavailable`) and the client sends the batch
again later; what was applied before is recorded and comes back as ``duplicate``.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from guide_core.protocol import (
    MAX_PUSH_BATCH,
    InvalidMutation,
    Mutation,
    PushRequest,
    describe_validation_error,
    validate_fields,
)
from guide_core.rules import Code, Refusal
from guide_server.audit import record
from guide_server.db import Database
from guide_server.db_errors import DatabaseUnavailable, error_name, is_transient
from guide_server.models import AppliedMutation
from guide_server.reader import Reader
from guide_server.services import (
    assignments,
    customer_merge,
    customers,
    handover,
    library_favorites,
    library_usage,
    scripts,
    tasks_publish,
    today_actions,
    users,
)
from guide_server.services.rejection import Rejected
from guide_server.sync.changes import change_for

log = logging.getLogger("guide_server.push")

Handler = Callable[[Session, Reader, Mutation, dict], tuple[str, str]]

HANDLERS: dict[tuple[str, str], Handler] = {
    ("customer", "create"): customers.customer_create,
    ("customer", "update"): customers.customer_update,
    ("customer", "reassign"): customers.customer_reassign,
    ("customer", "dismiss_duplicate"): customers.customer_dismiss_duplicate,
    ("customer", "merge"): customer_merge.customer_merge,
    ("customer_tag", "add"): customers.customer_tag_add,
    ("customer_tag", "remove"): customers.customer_tag_remove,
    ("follow_up", "create"): customers.follow_up_create,
    ("item_check", "set"): assignments.item_check_set,
    ("assignment", "start"): assignments.assignment_start,
    ("assignment", "submit"): assignments.assignment_submit,
    ("assignment", "review"): assignments.assignment_review,
    ("assignment", "reopen"): assignments.assignment_reopen,
    ("item_check", "contact"): assignments.item_check_contact,
    ("task", "create"): tasks_publish.task_create,
    ("script", "create"): scripts.script_create,
    ("script", "update"): scripts.script_update,
    ("script", "delete"): scripts.script_delete,
    ("script", "use"): library_usage.script_use,
    ("material", "use"): library_usage.material_use,
    ("script_suggestion", "create"): scripts.suggestion_create,
    ("favorite", "add"): library_favorites.favorite_add,
    ("favorite", "remove"): library_favorites.favorite_remove,
    ("user", "set_qr"): users.user_set_qr,
    ("user", "handover"): handover.user_handover,
    ("today_action", "set"): today_actions.today_action_set,
    ("today_action", "clear"): today_actions.today_action_clear,
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
    try:  # the rest of PushRequest's rules for it (no control characters)
        PushRequest.model_validate({"device_id": device_id, "mutations": []})
    except ValidationError as exc:
        raise BadPush(describe_validation_error(exc)) from None
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
            problem = f"mutations[{index}]: {describe_validation_error(exc)}"
            entries.append((mid, None, Refusal(Code.INVALID_FIELD, problem)))
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


#: Tries of one mutation after a transient database error, before the request gets 503.
TRANSIENT_RETRIES = 3
#: First pause before such a retry (doubled each time: 0.1, 0.2, 0.4 s).
RETRY_PAUSE_S = 0.05

CONSTRAINT = Refusal(Code.CONSTRAINT, "rejected by a database constraint")


def cannot_store(exc: BaseException) -> Refusal:
    """What a person is told when applying their edit failed on the server's side."""
    return Refusal(Code.SERVER_ERROR, f"server could not store it: {error_name(exc)}")


def apply_one(
    db: Database,
    reader: Reader,
    device_id: str,
    mid: str,
    mutation: Mutation | None,
    problem: Refusal | None,
) -> dict:
    """The mutation's result: applied, the stored one, or rejected (recorded, when possible).

    Raises :class:`DatabaseUnavailable` only when the database stays busy or unreachable.
    """
    transient = 0
    recording = problem is not None  # the next try only records the rejection
    while True:
        try:
            return _apply_once(db, reader, device_id, mid, mutation, problem)
        except Exception as exc:  # noqa: BLE001 - each failure is answered below
            if is_transient(exc):
                transient += 1
                if transient > TRANSIENT_RETRIES:
                    log.error("push %s: database unavailable (%s), giving up", mid, exc)
                    raise DatabaseUnavailable(error_name(exc)) from exc
                log.warning("push %s: transient database error, try %d: %s", mid, transient, exc)
                time.sleep(RETRY_PAUSE_S * 2**transient)
                continue
            if recording:
                # Even the rejection could not be written: a concurrent retry of this
                # mutation_id may have recorded it first; otherwise answer unrecorded.
                log.exception("push %s: could not record the rejection %r", mid, problem)
                return _stored_or_none(db, mid, reader) or _result(mid, "rejected", problem)
            recording = True
            if isinstance(exc, IntegrityError):
                # A concurrent retry recorded this mutation_id first (the next try finds
                # it and answers with it), or a constraint refused the effect.
                log.info("push %s: integrity error: %s", mid, exc)
                problem = CONSTRAINT
            else:
                what = f"{mutation.entity}.{mutation.op} {mutation.entity_id}" if mutation else "-"
                log.exception("push %s (%s) by %s failed", mid, what, reader.user_id)
                problem = cannot_store(exc)


def _stored_or_none(db: Database, mid: str, reader: Reader) -> dict | None:
    try:
        return _stored(db, mid, reader)
    except Exception:  # noqa: BLE001 - already answering a failure; the log has it
        log.exception("push %s: could not read the stored result", mid)
        return None


def _stored(db: Database, mid: str, reader: Reader) -> dict | None:
    with db.read() as session:
        row = session.get(AppliedMutation, mid)
        if row is None:
            return None
        if row.user_id != reader.user_id:
            return _result(mid, "rejected", Refusal(Code.MUTATION_ID_USED, "mutation_id"))
        result = dict(row.result)
        if result["status"] == "applied":
            result["status"] = "duplicate"
        return result


def _result(mid: str, status: str, refusal: Refusal | None = None, row: dict | None = None) -> dict:
    reason, code = (refusal.reason, str(refusal.code)) if refusal else (None, None)
    return {"mutation_id": mid, "status": status, "reason": reason, "code": code, "row": row}


def _apply_once(
    db: Database,
    reader: Reader,
    device_id: str,
    mid: str,
    mutation: Mutation | None,
    problem: Refusal | None,
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
    session: Session, reader: Reader, m: Mutation | None, problem: Refusal | None, mid: str
) -> dict:
    if m is None:
        return _result(mid, "rejected", problem)
    if problem is not None:  # applying it failed before: record the rejection only
        return _result(mid, "rejected", problem, _row_as_it_stands(session, reader, m))
    handler = HANDLERS.get((m.entity, m.op))
    try:
        if handler is None:
            raise Rejected(Code.UNKNOWN_OPERATION, f"{m.entity}.{m.op}")
        try:
            fields = validate_fields(m.entity, m.op, m.fields)
        except InvalidMutation as exc:
            raise Rejected(Code.INVALID_FIELD, str(exc)) from None
        # an edit of a merged customer applies to the kept one (looked up once the ids are
        # known to be valid text: PostgreSQL refuses a NUL even in a look-up)
        if (moved := customer_merge.redirected(session, m)) is not m:
            m, fields = moved, validate_fields(moved.entity, moved.op, moved.fields)
        acting = reader
        if reader.handover_grace_until is not None:  # a handed-over guide's last edits
            acting = handover.grace_gate(session, reader, m)
        with session.begin_nested():
            entity, entity_id = handler(session, acting, m, fields)
            if acting is not reader and (m.entity, m.op) == ("customer", "create"):
                handover.adopt_late_customer(session, reader, m)
    except Rejected as exc:
        if exc.denied:
            record(session, reader, "denied", f"push {m.entity}.{m.op} {m.entity_id}")
        if (m.entity, m.op) == ("customer", "merge") and exc.refusal.code != Code.INVALID_FIELD:
            # the PC showed it: put it back (a malformed one never left a PC: it checks first)
            customer_merge.resend_after_refusal(session, reader, m)
        row = change_for(session, reader, m.entity, m.entity_id)
        return _result(mid, "rejected", exc.refusal, _json_row(row))
    return _result(mid, "applied", None, _json_row(change_for(session, reader, entity, entity_id)))


def _row_as_it_stands(session: Session, reader: Reader, m: Mutation) -> dict | None:
    """The row a rejection carries, or None when even reading it fails (the reason stands)."""
    try:
        with session.begin_nested():
            return _json_row(change_for(session, reader, m.entity, m.entity_id))
    except Exception as exc:  # noqa: BLE001 - the rejection is recorded without the row
        if is_transient(exc):
            raise
        log.exception("push %s: could not read %s %s", m.mutation_id, m.entity, m.entity_id)
        return None


def _json_row(row: dict | None) -> dict | None:
    """The Change with dates as ISO text, so the stored result is plain JSON."""
    if row is None or row["data"] is None:
        return row
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row["data"].items()}
    return {**row, "data": data}
