"""Writing many new synced rows at once: the demo loader today, content and order imports next.

Rows arrive shaped like ``protocol.ENTITY_DATA[entity]`` (ISO strings for times
are accepted). :func:`insert_new` inserts a batch with one executemany, takes
its versions per scope in one step (``v = v + n``) and writes the change-index
rows with another executemany, inside the caller's transaction, so readers see
the whole batch or none of it. Scopes come from :mod:`guide_server.services.scopes`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any, get_args

import orjson
from sqlalchemy import JSON, Date, Table
from sqlalchemy.orm import Session

from guide_core.protocol import ENTITY_DATA
from guide_server.models import ENTITY_MODELS, SyncRow
from guide_server.models.base import UTCDateTime, utcnow
from guide_server.services.scopes import ScopeBook
from guide_server.sync.versions import staff_positions, take_versions


def _temporal_fields(entity: str) -> dict[str, type]:
    out = {}
    for name, info in ENTITY_DATA[entity].model_fields.items():
        kinds = {info.annotation, *get_args(info.annotation)}
        if datetime in kinds:
            out[name] = datetime
        elif date in kinds:
            out[name] = date
    return out


_TEMPORAL = {e: _temporal_fields(e) for e in ENTITY_DATA}


def _column_defaults(entity: str) -> dict[str, Any]:
    """Every column with the value a missing key gets (core executemany needs them all)."""
    out: dict[str, Any] = {}
    for column in ENTITY_MODELS[entity].__table__.columns:
        default = column.default
        if default is None:
            out[column.key] = None
        elif default.is_callable:
            out[column.key] = default.arg  # called per row below
        else:
            out[column.key] = default.arg
    return out


_DEFAULTS = {e: _column_defaults(e) for e in ENTITY_MODELS}


def _sqlite_converter(column: Any):
    """How SQLAlchemy would store a value in SQLite, without its per-value overhead."""
    if isinstance(column.type, UTCDateTime):

        def conv(v):
            if v is None:
                return None
            if v.tzinfo is not None:
                v = v.astimezone(UTC).replace(tzinfo=None)
            return v.isoformat(" ", "microseconds")

        return conv
    if isinstance(column.type, Date):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(column.type, JSON):
        return lambda v: None if v is None else orjson.dumps(v).decode()
    return None


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """One executemany; on SQLite straight through the driver (several times faster)."""
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        conn.execute(table.insert(), rows)
        return
    columns = list(table.columns)
    converters = [(c.key, _sqlite_converter(c)) for c in columns]
    names = ", ".join(f'"{c.name}"' for c in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    values = [
        tuple(conv(row.get(key)) if conv else row.get(key) for key, conv in converters)
        for row in rows
    ]
    conn.exec_driver_sql(sql, values)


def table_row(entity: str, data: dict) -> dict:
    """A full table row (every column) from wire-shaped data; missing keys get their defaults."""
    row = {}
    for key, default in _DEFAULTS[entity].items():
        if key in data:
            row[key] = data[key]
        else:
            row[key] = default(None) if callable(default) else default
    for name, kind in _TEMPORAL[entity].items():
        value = row.get(name)
        if isinstance(value, str):
            row[name] = (
                datetime.fromisoformat(value) if kind is datetime else date.fromisoformat(value)
            )
    if entity == "order" and row.get("items"):
        row["items"] = [dict(i) for i in row["items"]]
    return row


def insert_new(session: Session, entity: str, batch: list[dict], scopes: ScopeBook) -> int:
    """Insert brand-new rows of one entity with their versions; returns how many."""
    if not batch:
        return 0
    by_scope: dict[str, list[str]] = defaultdict(list)
    for d in batch:  # first, so a row without a home is refused before anything is written
        scope = scopes.scope_of(entity, d, session)
        by_scope[scope].append(d["id"])
        scopes.remember(entity, d["id"], scope)
    insert_rows(session, ENTITY_MODELS[entity].__table__, [table_row(entity, d) for d in batch])
    index = []
    for scope, ids in by_scope.items():
        last = take_versions(session, scope, len(ids))
        first = last - len(ids) + 1
        index.extend(
            {
                "entity": entity,
                "entity_id": i,
                "scope": scope,
                "version": first + n,
                "deleted": False,
            }
            for n, i in enumerate(ids)
        )
    now = utcnow()
    for row in index:
        row["changed_at"] = now
    staff_positions(session, index)  # accounts of stores: also HQ's ``staff`` scope
    insert_rows(session, SyncRow.__table__, index)
    return len(batch)
