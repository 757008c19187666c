"""The outbox: local edits waiting for the server, and what to do with its answers."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection

from guide_app.cache.overlay import LocalEdit, apply_edit, now_iso, reapply_pending
from guide_app.cache.rows import delete_rows, read_row, validate_row, write_rows
from guide_core.protocol import Change, Mutation, MutationResult

if TYPE_CHECKING:
    from guide_app.cache.database import Cache


def json_safe(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as they travel (dates and times as ISO text, enums as codes)."""
    return orjson.loads(orjson.dumps(fields))


def enqueue(
    cache: Cache,
    conn: Connection,
    edit: LocalEdit,
    base_version: int | None,
    mutation_id: str | None = None,
) -> str:
    """Add ``edit`` to the outbox inside the caller's transaction; returns its mutation id.

    ``mutation_id``: the id of an edit the server never answered, sent again
    (see ``Attention.retry``); a new id otherwise.
    """
    mutation_id = mutation_id or str(uuid.uuid4())
    conn.exec_driver_sql(
        "INSERT INTO outbox (seq, mutation_id, entity, op, entity_id, fields, base_version,"
        " user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            cache.next_seq(conn),
            mutation_id,
            edit.entity,
            edit.op,
            edit.entity_id,
            orjson.dumps(edit.fields).decode(),
            base_version,
            edit.user_id,
            edit.created_at,
        ),
    )
    return mutation_id


def record_edit(
    cache: Cache,
    user_id: str | None,
    entity: str,
    op: str,
    entity_id: str,
    fields: dict[str, Any],
    base_version: int | None,
) -> str:
    """Apply an already validated edit locally and queue it, in ONE transaction."""
    edit = LocalEdit(entity, op, entity_id, json_safe(fields), user_id, now_iso())
    with cache.write() as conn:
        changed = apply_edit(conn, edit) | {entity}
        mutation_id = enqueue(cache, conn, edit, base_version)
    cache.notify_local_edit(changed)
    return mutation_id


def record_edits(
    cache: Cache,
    user_id: str | None,
    edits: list[tuple[str, str, str, dict[str, Any], int | None]],
) -> list[str]:
    """Several validated edits ``(entity, op, entity_id, fields, base_version)``, one transaction."""
    at = now_iso()
    ids = []
    changed: set[str] = set()
    with cache.write() as conn:
        for entity, op, entity_id, fields, base_version in edits:
            edit = LocalEdit(entity, op, entity_id, json_safe(fields), user_id, at)
            changed |= apply_edit(conn, edit) | {entity}
            ids.append(enqueue(cache, conn, edit, base_version))
    cache.notify_local_edit(changed)
    return ids


class Outbox:
    """Read side of the outbox for the sync engine (``cache.outbox``)."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache

    def pending(self, limit: int = 200) -> list[Mutation]:
        """The oldest ``limit`` edits not yet answered by the server, in ``seq`` order."""
        with self._cache.read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT mutation_id, seq, entity, op, entity_id, fields, base_version "
                "FROM outbox ORDER BY seq LIMIT ?",
                (limit,),
            ).all()
        return [
            Mutation(
                mutation_id=uuid.UUID(mid),
                seq=seq,
                entity=entity,
                op=op,
                entity_id=eid,
                fields=orjson.loads(fields),
                base_version=base,
            )
            for mid, seq, entity, op, eid, fields, base in rows
        ]

    def count(self) -> int:
        with self._cache.read() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM outbox").scalar_one())

    def move_to_attention(self, mutation_id: str, reason: str) -> tuple[list[str], set[str]]:
        """See :func:`move_to_attention`."""
        return move_to_attention(self._cache, mutation_id, reason)


def _store_server_row(conn: Connection, row: Change) -> None:
    if row.deleted:
        delete_rows(conn, row.entity, [row.id])
    else:
        write_rows(conn, row.entity, [(row.version, validate_row(row.entity, row.id, row.data))])


def apply_push_results(cache: Cache, results: list[MutationResult]) -> set[str]:
    """Store the server's answers in one transaction; returns entity names changed.

    applied/duplicate: the edit leaves the outbox and the server's row replaces
    ours. rejected: the edit moves to the attention list with the reason, the
    local row reverts to the server's (or, for a refused create, disappears),
    and other pending edits on that row are applied again. An answer for an
    edit no longer in the outbox (answered before) is ignored. The returned
    set holds ``"attention"`` too when the attention list grew.
    """
    for result in results:  # refuse a malformed answer before writing anything
        if result.row is not None and not result.row.deleted:
            validate_row(result.row.entity, result.row.id, result.row.data)
    changed: set[str] = set()
    touched: set[tuple[str, str]] = set()
    with cache.write() as conn:
        for result in results:
            got = conn.exec_driver_sql(
                "SELECT entity, op, entity_id, fields, base_version, user_id, created_at "
                "FROM outbox WHERE mutation_id = ?",
                (str(result.mutation_id),),
            ).first()
            if got is None:
                continue
            entity, op, entity_id, fields, base_version, user_id, created_at = got
            conn.exec_driver_sql(
                "DELETE FROM outbox WHERE mutation_id = ?", (str(result.mutation_id),)
            )
            if result.row is not None:
                _store_server_row(conn, result.row)
                touched.add((result.row.entity, result.row.id))
                changed.add(result.row.entity)
            if result.status != "rejected":
                continue
            conn.exec_driver_sql(
                "INSERT INTO attention (mutation_id, entity, op, entity_id, fields, base_version,"
                " user_id, reason, server_row, created_at, code)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(result.mutation_id),
                    entity,
                    op,
                    entity_id,
                    fields,
                    base_version,
                    user_id,
                    result.reason or "rejected",
                    result.row.model_dump_json() if result.row is not None else None,
                    now_iso(),
                    result.code,
                ),
            )
            changed.add("attention")
            if result.row is None and op in ("create", "add"):
                delete_rows(conn, entity, [entity_id])
                touched.add((entity, entity_id))
                changed.add(entity)
                if entity == "task":  # a refused store task: the rows the PC made with it
                    changed |= _drop_task_rows(conn, entity_id)
        changed |= reapply_pending(conn, touched)
    return changed


def _drop_task_rows(conn, task_id: str) -> set[str]:
    """The items and assignments a local ``task.create`` put on this PC (overlay)."""
    dropped: set[str] = set()
    for entity, table in (("task_item", "task_items"), ("assignment", "assignments")):
        ids = [
            r[0]
            for r in conn.exec_driver_sql(f"SELECT id FROM {table} WHERE task_id = ?", (task_id,))
        ]
        if ids:
            delete_rows(conn, entity, ids)
            dropped.add(entity)
    return dropped


#: Ops that bring a row into existence: later edits naming that row depend on them.
CREATE_OPS = ("create", "add")


class Holds:
    """Edits held back behind an edit the server keeps failing on, in ``seq`` order.

    Holding an edit holds every later edit of the same row (each row's edits
    reach the server in the order they were made: fields are last writer wins
    by arrival), and, when the held edit creates a row, every later edit that
    names that row (a new customer's update, follow-ups and tags); held edits
    hold theirs in turn. Feed edits in ``seq`` order.
    """

    def __init__(self) -> None:
        self._rows: set[tuple[str, str]] = set()
        self._created: set[tuple[str, str]] = set()
        self.ids: set[str] = set()

    def waits(self, m: Mutation) -> bool:
        """Whether ``m`` must wait behind an edit held before it."""
        if str(m.mutation_id) in self.ids or (m.entity, m.entity_id) in self._rows:
            return True
        return bool(_refs(m.entity, m.op, m.entity_id, m.fields) & self._created)

    def hold(self, m: Mutation) -> None:
        self.ids.add(str(m.mutation_id))
        self._rows.add((m.entity, m.entity_id))
        if m.op in CREATE_OPS:
            self._created.add((m.entity, m.entity_id))


def _refs(entity: str, op: str, entity_id: str, fields: dict[str, Any]) -> set[tuple[str, str]]:
    return LocalEdit(entity, op, entity_id, fields, None, "").keys()


def move_to_attention(cache: Cache, mutation_id: str, reason: str) -> tuple[list[str], set[str]]:
    """Move an edit the server never answered to the attention list, in one transaction.

    When it creates a row, the later pending edits that depend on it (see
    :class:`Holds`) move with it: sent alone they would be refused as
    "unknown customer", or land on a row that is not there. A created row the
    server never sent us (local version 0) is removed, as for a refused create
    (the retry puts it back); the server's rows are left alone: we do not know
    what the server has of an edit it failed on, and the next pull of that
    row replaces ours. Returns the ids moved (first the edit itself) and the
    entity names changed (with ``"attention"``).
    """
    from guide_app.cache.attention import DEPENDS_FAILED, UNANSWERED_CODE, edit_label

    with cache.write() as conn:
        rows = conn.exec_driver_sql(
            "SELECT mutation_id, entity, op, entity_id, fields, base_version, user_id "
            "FROM outbox ORDER BY seq"
        ).all()
        at = next((i for i, r in enumerate(rows) if r[0] == mutation_id), None)
        if at is None:
            return [], set()
        head = rows[at]
        moving = [(head, reason)]
        if head[2] in CREATE_OPS:
            holds = Holds()
            holds.hold(_as_mutation(head))
            because = (
                f"{DEPENDS_FAILED}（{edit_label(head[1], head[2], orjson.loads(head[4]))}），"
                "已一起移到待处理列表，请先重试那一项"
            )
            for row in rows[at + 1 :]:
                m = _as_mutation(row)
                if holds.waits(m):
                    holds.hold(m)
                    moving.append((row, because))
        touched: set[tuple[str, str]] = set()
        changed = {"attention"}
        now = now_iso()
        for (mid, entity, op, entity_id, fields, base_version, user_id), why in moving:
            conn.exec_driver_sql("DELETE FROM outbox WHERE mutation_id = ?", (mid,))
            conn.exec_driver_sql(
                "INSERT INTO attention (mutation_id, entity, op, entity_id, fields, base_version,"
                " user_id, reason, server_row, created_at, code)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    mid,
                    entity,
                    op,
                    entity_id,
                    fields,
                    base_version,
                    user_id,
                    why,
                    None,
                    now,
                    UNANSWERED_CODE,
                ),
            )
            if op in CREATE_OPS:
                got = read_row(conn, entity, entity_id)
                if got is not None and got[0] == 0:
                    delete_rows(conn, entity, [entity_id])
                    touched.add((entity, entity_id))
                    changed.add(entity)
        changed |= reapply_pending(conn, touched)
    return [row[0] for row, _ in moving], changed


def _as_mutation(row: Any) -> Mutation:
    mid, entity, op, entity_id, fields, base_version, _user = row
    return Mutation(
        mutation_id=uuid.UUID(mid),
        seq=0,
        entity=entity,
        op=op,
        entity_id=entity_id,
        fields=orjson.loads(fields),
        base_version=base_version,
    )
