"""Applying pulled pages and starting over after a ``409 resync``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from sqlalchemy import Connection
from sqlalchemy.schema import CreateIndex

from guide_app.cache.overlay import pending_edits, reapply_edits, reapply_pending
from guide_app.cache.rows import RowBatch, delete_rows, prepare_rows, store_batch, validate_row
from guide_app.cache.tables import (
    BULK_FILL_INDEXES,
    ENTITY_TABLES,
    FTS_INDEXES,
    fts_ddl,
    fts_trigger_ddl,
    fts_trigger_names,
)
from guide_core.protocol import Change

if TYPE_CHECKING:
    from guide_app.cache.database import Cache


@dataclass(frozen=True)
class PreparedPage:
    """A pull page validated and turned into row batches, ready for one transaction."""

    upserts: list[RowBatch]
    deletes: dict[str, list[str]]
    touched: set[tuple[str, str]]

    def __len__(self) -> int:
        return sum(len(b.rows) for b in self.upserts) + sum(map(len, self.deletes.values()))


def prepare_pull_page(changes: list[Change]) -> PreparedPage:
    """Validate every change (a bad row refuses the whole page before any write: raises
    :class:`~guide_app.domain.errors.InvalidServerData`) and build its rows; the last
    change of an id in the page wins. Pure Python, no cache access: the sync engine
    runs it for page N+1 while page N is being stored."""
    latest: dict[tuple[str, str], Change] = {}
    for change in changes:
        latest.pop((change.entity, change.id), None)
        latest[(change.entity, change.id)] = change
    upserts: dict[str, list[tuple[int, BaseModel]]] = {}
    wire: dict[str, list[dict[str, Any]]] = {}
    deletes: dict[str, list[str]] = {}
    for (entity, row_id), change in latest.items():
        if change.deleted:
            deletes.setdefault(entity, []).append(row_id)
        else:
            model = validate_row(entity, row_id, change.data)
            upserts.setdefault(entity, []).append((change.version, model))
            wire.setdefault(entity, []).append(change.data)  # type: ignore[arg-type]
    return PreparedPage(
        [prepare_rows(entity, rows, wire[entity]) for entity, rows in upserts.items()],
        deletes,
        set(latest),
    )


def apply_pull_page(
    cache: Cache, changes: list[Change] | PreparedPage, cursor: str, more: bool = False
) -> set[str]:
    """Store one pull page and its cursor in one transaction; returns entity names changed.

    Rows are upserted, tombstones delete (an unknown id is a no-op), FTS
    follows by trigger, then still-pending local edits on the touched rows are
    applied again so the guide keeps seeing them until the server has them.

    ``more`` says the server has further pages. A first pull of many pages
    (no cursor yet) is a *bulk fill*: the FTS triggers and the big tables'
    secondary indexes are dropped, and the last page rebuilds each FTS index
    and creates those indexes in one pass (an FTS5 index built row by row
    costs about 18× a rebuild; random-order index inserts, several × a sort). The fill's state is a meta row
    written in the same transactions, so a fill cut off by a crash or an
    outage goes on in bulk after restart and still ends with the rebuild.
    Until then text search over orders, scripts, materials and tasks finds
    only what the index had before the fill.
    """
    if not isinstance(cursor, str) or not cursor:
        raise ValueError("cursor 不能为空")
    page = changes if isinstance(changes, PreparedPage) else prepare_pull_page(changes)
    # A bulk-fill page can be pulled again: it need not wait for the disk.
    with cache.write(bulk=more and _filling(cache)) as conn:
        bulk = _bulk_fill(conn, start=more)
        for entity, ids in page.deletes.items():
            delete_rows(conn, entity, ids)
        for batch in page.upserts:
            store_batch(conn, batch)
        conn.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES ('cursor', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (cursor,),
        )
        has_outbox = conn.exec_driver_sql("SELECT 1 FROM outbox LIMIT 1").first()
        reapplied = reapply_pending(conn, page.touched) if has_outbox else set()
        if bulk and not more:
            _end_bulk_fill(conn)
    return {b.entity for b in page.upserts} | set(page.deletes) | reapplied


def _filling(cache: Cache) -> bool:
    """A bulk fill is under way or would start with this page (see :func:`_bulk_fill`)."""
    with cache.read() as conn:
        keys = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT key FROM meta WHERE key IN ('bulk_fill', 'cursor')"
            )
        }
    return "bulk_fill" in keys or "cursor" not in keys


def _bulk_fill(conn: Connection, start: bool) -> bool:
    """True while a bulk fill is under way (started here when ``start`` and no cursor yet)."""
    active = conn.exec_driver_sql("SELECT 1 FROM meta WHERE key = 'bulk_fill'").first()
    if active is None:
        if not start or conn.exec_driver_sql("SELECT 1 FROM meta WHERE key = 'cursor'").first():
            return False
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('bulk_fill', '1')")
    for name in fts_trigger_names():  # opening the cache recreates them: drop again
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for index in BULK_FILL_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
    return True


def _end_bulk_fill(conn: Connection) -> None:
    for fts in FTS_INDEXES:
        conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    for ddl in fts_trigger_ddl():
        conn.exec_driver_sql(ddl)
    _create_bulk_fill_indexes(conn)
    conn.exec_driver_sql("DELETE FROM meta WHERE key = 'bulk_fill'")


def _create_bulk_fill_indexes(conn: Connection) -> None:
    for index in BULK_FILL_INDEXES:
        conn.execute(CreateIndex(index, if_not_exists=True))


def reset_for_resync(cache: Cache) -> None:
    """Forget every synced row and the cursor; keep the outbox and the attention list.

    Triggers are dropped for the bulk delete (FTS is emptied with one
    ``delete-all``), then recreated; local creates still pending reappear at once.
    """
    with cache.write() as conn:
        for name in fts_trigger_names():
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for fts in FTS_INDEXES:
            conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
        for table in ENTITY_TABLES.values():
            conn.exec_driver_sql(f"DELETE FROM {table.name}")
        conn.exec_driver_sql("DELETE FROM customer_search_keys")
        conn.exec_driver_sql("DELETE FROM content_search_keys")
        for ddl in fts_ddl():
            conn.exec_driver_sql(ddl)
        _create_bulk_fill_indexes(conn)
        conn.exec_driver_sql("DELETE FROM meta WHERE key IN ('cursor', 'bulk_fill')")
        reapply_edits(conn, pending_edits(conn))
