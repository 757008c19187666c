"""Applying pulled pages and starting over after a ``409 resync``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from guide_app.sync.protocol import Change

from .overlay import pending_edits, reapply_edits, reapply_pending
from .rows import delete_rows, validate_row, write_rows
from .schema import ENTITY_TABLES, FTS_INDEXES, fts_ddl

if TYPE_CHECKING:
    from .cache import Cache


def _group(
    changes: list[Change],
) -> tuple[dict[str, list[tuple[int, BaseModel]]], dict[str, list[str]]]:
    """Validate every change first (a bad row refuses the whole page before any write);
    the last change of an id in the page wins."""
    latest: dict[tuple[str, str], Change] = {}
    for change in changes:
        latest.pop((change.entity, change.id), None)
        latest[(change.entity, change.id)] = change
    upserts: dict[str, list[tuple[int, BaseModel]]] = {}
    deletes: dict[str, list[str]] = {}
    for (entity, row_id), change in latest.items():
        if change.deleted:
            deletes.setdefault(entity, []).append(row_id)
        else:
            model = validate_row(entity, row_id, change.data)
            upserts.setdefault(entity, []).append((change.version, model))
    return upserts, deletes


def apply_pull_page(cache: Cache, changes: list[Change], cursor: str) -> set[str]:
    """Store one pull page and its cursor in one transaction; returns entity names changed.

    Rows are upserted, tombstones delete (an unknown id is a no-op), FTS
    follows by trigger, then still-pending local edits on the touched rows are
    applied again so the guide keeps seeing them until the server has them.
    """
    if not isinstance(cursor, str) or not cursor:
        raise ValueError("cursor 不能为空")
    upserts, deletes = _group(changes)
    touched = {(c.entity, c.id) for c in changes}
    with cache.write() as conn:
        for entity, ids in deletes.items():
            delete_rows(conn, entity, ids)
        for entity, rows in upserts.items():
            write_rows(conn, entity, rows)
        conn.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES ('cursor', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (cursor,),
        )
        has_outbox = conn.exec_driver_sql("SELECT 1 FROM outbox LIMIT 1").first()
        reapplied = reapply_pending(conn, touched) if has_outbox else set()
    return set(upserts) | set(deletes) | reapplied


def reset_for_resync(cache: Cache) -> None:
    """Forget every synced row and the cursor; keep the outbox and the attention list.

    Triggers are dropped for the bulk delete (FTS is emptied with one
    ``delete-all``), then recreated; local creates still pending reappear at once.
    """
    with cache.write() as conn:
        for fts in FTS_INDEXES:
            for suffix in ("ai", "ad", "au"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
        for table in ENTITY_TABLES.values():
            conn.exec_driver_sql(f"DELETE FROM {table.name}")
        conn.exec_driver_sql("DELETE FROM customer_search_keys")
        conn.exec_driver_sql("DELETE FROM content_search_keys")
        for ddl in fts_ddl():
            conn.exec_driver_sql(ddl)
        conn.exec_driver_sql("DELETE FROM meta WHERE key = 'cursor'")
        reapply_edits(conn, pending_edits(conn))
