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
from sqlalchemy.exc import DBAPIError
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
#: per entity: (every column with its plain default or None, [(column, callable default)])
_SPLIT = {
    e: (
        {k: (None if callable(v) else v) for k, v in d.items()},
        [(k, v) for k, v in d.items() if callable(v)],
    )
    for e, d in _DEFAULTS.items()
}


def _utc_text(v):
    """A time as SQLite stores it (UTC, naive ISO text), like ``UTCDateTime`` would."""
    if v is None:
        return None
    if v.tzinfo is UTC:  # the usual case: cut the "+00:00" instead of two more objects
        return v.isoformat(" ", "microseconds")[:-6]
    if v.tzinfo is not None:
        v = v.astimezone(UTC).replace(tzinfo=None)
    return v.isoformat(" ", "microseconds")


def _utc_aware(v):
    """A time as ``UTCDateTime`` binds it on PostgreSQL (naive means UTC)."""
    if v is None or v.tzinfo is not None:
        return v
    return v.replace(tzinfo=UTC)


def _json_text(v):
    return None if v is None else orjson.dumps(v).decode()


def _converter(column: Any, dialect: str):
    """How SQLAlchemy would bind a value, without its per-value overhead (None: as is)."""
    if isinstance(column.type, UTCDateTime):
        return _utc_text if dialect == "sqlite" else _utc_aware
    if isinstance(column.type, Date) and dialect == "sqlite":
        return lambda v: None if v is None else v.isoformat()
    if isinstance(column.type, JSON):
        return _json_text
    return None


_ROW_MAKERS: dict[tuple[str, str], Any] = {}


def _row_maker(table: Table, columns: list, dialect: str):
    """One generated function per table and driver: a row dict → its value tuple in
    column order, converted where the driver needs it (one call per row, no loop)."""
    made = _ROW_MAKERS.get((table.name, dialect))
    if made is None:
        env: dict[str, Any] = {}
        cells = []
        for n, column in enumerate(columns):
            cell = f"g({column.key!r})"
            conv = _converter(column, dialect)
            if conv is not None:
                env[f"c{n}"] = conv
                cell = f"c{n}({cell})"
            cells.append(cell)
        code = f"def make(row):\n    g = row.get\n    return ({', '.join(cells)},)\n"
        exec(code, env)  # noqa: S102 - built from our own table's column names
        made = _ROW_MAKERS[(table.name, dialect)] = env["make"]
    return made


def _tuples(table: Table, columns: list, rows: list[dict], dialect: str) -> list[tuple]:
    """The rows as value tuples in column order, converted for the driver."""
    make = _row_maker(table, columns, dialect)
    return [make(row) for row in rows]


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """One bulk insert through the driver: executemany (SQLite), COPY (PostgreSQL/psycopg),
    in the session's transaction. A driver error comes back as SQLAlchemy's (``IntegrityError``
    for a duplicate key), as it would from ``session.execute``."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect.name
    columns = list(table.columns)
    names = ", ".join(f'"{c.name}"' for c in columns)
    if dialect == "sqlite":
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    elif dialect == "postgresql" and conn.dialect.driver == "psycopg":
        sql = f'COPY "{table.name}" ({names}) FROM STDIN'
    else:
        conn.execute(table.insert(), rows)
        return
    values = _tuples(table, columns, rows, dialect)
    dbapi = conn.dialect.loaded_dbapi
    try:
        cursor = conn.connection.driver_connection.cursor()
        try:
            if dialect == "sqlite":
                cursor.executemany(sql, values)
            else:
                with cursor.copy(sql) as copy:
                    for t in values:
                        copy.write_row(t)
        finally:
            cursor.close()
    except dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, dbapi.Error) from exc


def table_row(entity: str, data: dict) -> dict:
    """A full table row (every column) from wire-shaped data; missing keys get their defaults."""
    static, called = _SPLIT[entity]
    row = static | {k: v for k, v in data.items() if k in static}
    for key, default in called:
        row[key] = data[key] if key in data else default(None)
    for name, kind in _TEMPORAL[entity].items():
        value = row.get(name)
        if isinstance(value, str):
            row[name] = (
                datetime.fromisoformat(value) if kind is datetime else date.fromisoformat(value)
            )
    if entity == "order" and row.get("items"):
        row["items"] = [dict(i) for i in row["items"]]
    return row


def insert_new(
    session: Session, entity: str, batch: list[dict], scopes: ScopeBook, *, whole: bool = False
) -> int:
    """Insert brand-new rows of one entity with their versions; returns how many.

    ``whole``: the rows already hold every column of the table as Python values (the
    order import builds them so), so :func:`table_row`'s defaults and parsing are skipped."""
    if not batch:
        return 0
    by_scope: dict[str, list[str]] = defaultdict(list)
    for d in batch:  # first, so a row without a home is refused before anything is written
        scope = scopes.scope_of(entity, d, session)
        by_scope[scope].append(d["id"])
        scopes.remember(entity, d["id"], scope)
    rows = batch if whole else [table_row(entity, d) for d in batch]
    insert_rows(session, ENTITY_MODELS[entity].__table__, rows)
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
