"""Writing and reading entity rows: one place turns an ``ENTITY_DATA`` row into
table columns (typed copies, pinyin, phone tail) so pulls, push results and
local edits all store rows the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection

from guide_app.cache.pinyin_index import name_readings, pinyin_of
from guide_app.cache.tables import ENTITY_TABLES
from guide_app.domain.errors import InvalidServerData
from guide_core.protocol import ENTITY_DATA, describe_validation_error
from guide_core.today_rules import purchase_category

_CHUNK = 500


def validate_row(entity: str, row_id: str, data: dict[str, Any] | None) -> BaseModel:
    """The row as its ``ENTITY_DATA`` model, or :class:`InvalidServerData` naming entity and id."""
    model = ENTITY_DATA.get(entity)
    if model is None:
        raise InvalidServerData(f"未知的数据类型 {entity!r} (id {row_id})")
    if not isinstance(data, dict):
        raise InvalidServerData(f"{entity} {row_id}: 缺少数据 (data)")
    try:  # the validator itself: model_validate's wrapper costs ~10% of a pull page
        parsed = model.__pydantic_validator__.validate_python(data)
    except ValidationError as exc:
        raise InvalidServerData(f"{entity} {row_id}: {describe_validation_error(exc)}") from None
    if parsed.id != row_id:
        raise InvalidServerData(f"{entity} {row_id}: data.id 为 {parsed.id!r}")
    return parsed


def sql_value(value: Any) -> Any:
    """A Python value as stored in a typed column (UTC text for times, so text order is time order)."""
    if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _phone_tail4(phone: str) -> str | None:
    tail = phone[-4:]
    return tail if len(tail) == 4 and tail.isdigit() else None


#: Columns computed at write time (not fields of the row), per entity, in order.
_COMPUTED_COLS: dict[str, tuple[str, ...]] = {
    "customer": ("phone_tail4", "pinyin", "initials"),
    "user": ("display_pinyin",),
    "order": ("item_names", "category"),
}


def _computed(entity: str, m: Any) -> tuple:
    if entity == "customer":
        full, ini = pinyin_of(m.name)
        return (_phone_tail4(m.phone), full, ini)
    if entity == "user":
        return (pinyin_of(m.display_name)[0],)
    if entity == "order":
        names = [i.name for i in m.items]
        return (" ".join(names), purchase_category(m.status, names))
    return ()


@cache
def _field_columns(entity: str) -> tuple[str, ...]:
    """Typed columns copied from the row's fields."""
    skip = {"id", "version", "data", *_COMPUTED_COLS.get(entity, ())}
    return tuple(c.name for c in ENTITY_TABLES[entity].columns if c.name not in skip)


@cache
def _upsert_sql(entity: str) -> str:
    """Upsert of a whole batch passed as one JSON array of row arrays.

    SQLite walks the array (``json_each``) in a single call without the GIL,
    so the next page is validated in parallel; ``executemany`` would give the
    GIL back and wait for it again around every row, and while the other
    thread is busy each wait lasts a thread switch interval (the full first
    sync of a 100k/500k store: 62 s with ``executemany``, 56 s this way).
    """
    table = ENTITY_TABLES[entity].name
    cols = ("id", "version", "data", *_field_columns(entity), *_COMPUTED_COLS.get(entity, ()))
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    picks = ", ".join(f"value ->> {i}" for i in range(len(cols)))
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) SELECT {picks} FROM json_each(?) WHERE true "
        f"ON CONFLICT(id) DO UPDATE SET {sets}"
    )


_PLAIN = (str, int, float, type(None))


@cache
def _field_count(entity: str) -> int:
    return len(ENTITY_DATA[entity].model_fields)


def row_tuple(
    entity: str, version: int, model: BaseModel, wire: dict[str, Any] | None = None
) -> tuple:
    """Column values of one row in :func:`_upsert_sql` order (the hot path of a pull).

    ``wire`` is the dict ``model`` was validated from: when it names every
    field it is stored as the ``data`` JSON as it is (same content, a third
    of the cost of serialising the model again).
    """
    fields = model.__dict__
    if wire is not None and len(wire) == _field_count(entity):
        data = orjson.dumps(wire).decode()
    else:
        data = model.model_dump_json()
    return (
        fields["id"],
        version,
        data,
        *[
            v if type(v) in _PLAIN else sql_value(v)
            for v in map(fields.get, _field_columns(entity))
        ],
        *_computed(entity, model),
    )


def search_keys(name: str, remark_name: str) -> set[str]:
    """Rows of ``customer_search_keys`` for one customer (see schema)."""
    out: set[str] = set()
    for text in (name, remark_name):
        text = text.strip().lower()[:16]
        out.update(text[i:] for i in range(len(text)))
    for text in (name, remark_name):
        if text.strip():  # every reading of either (曾 as zeng and ceng), full and initials
            out.update(k for reading in name_readings(text) for k in reading if k)
    return out


_CONTENT_WORDS = {"script": "keywords", "material": "tags", "task": None}


def content_keys(title: str, words: list[str] | None) -> set[str]:
    """Rows of ``content_search_keys`` for one script, material or task."""
    out: set[str] = set()
    for text in (title, *(words or ())):
        text = text.strip().lower()[:24]
        out.update(text[i:] for i in range(len(text)))
    return out


@dataclass(frozen=True)
class RowBatch:
    """Rows of one entity ready to store: the pure-Python half of a write.

    Built off the write lock (a pull builds the next page's batches while
    SQLite stores the current one); :func:`store_batch` only runs SQL.
    """

    entity: str
    ids: list[str]
    #: Column values in :func:`_upsert_sql` order.
    rows: list[tuple]
    #: ``customer_search_keys`` (key, id) or ``content_search_keys`` (kind, key, id) rows.
    keys: list[tuple]


def prepare_rows(
    entity: str,
    rows: Sequence[tuple[int, BaseModel]],
    wire: Sequence[dict[str, Any]] | None = None,
) -> RowBatch:
    """``(version, model)`` rows as a :class:`RowBatch` (``wire``: see :func:`row_tuple`)."""
    keys: list[tuple] = []
    if entity == "customer":
        keys = [
            (k, m.id)  # type: ignore[attr-defined]
            for _, m in rows
            for k in search_keys(m.name, m.remark_name)  # type: ignore[attr-defined]
        ]
    elif entity in _CONTENT_WORDS:
        words_field = _CONTENT_WORDS[entity]
        keys = [
            (entity, k, m.id)  # type: ignore[attr-defined]
            for _, m in rows
            for k in content_keys(m.title, getattr(m, words_field) if words_field else None)  # type: ignore[attr-defined]
        ]
    return RowBatch(
        entity,
        [m.id for _, m in rows],  # type: ignore[attr-defined]
        [row_tuple(entity, v, m) for v, m in rows]
        if wire is None
        else [row_tuple(entity, v, m, w) for (v, m), w in zip(rows, wire, strict=True)],
        keys,
    )


def store_batch(conn: Connection, batch: RowBatch) -> None:
    """Upsert a prepared batch (see :func:`_upsert_sql`); FTS follows through triggers,
    search keys are replaced."""
    if not batch.rows:
        return
    conn.exec_driver_sql(_upsert_sql(batch.entity), (orjson.dumps(batch.rows).decode(),))
    if batch.entity == "customer":
        conn.exec_driver_sql(
            "DELETE FROM customer_search_keys WHERE customer_id = ?", [(i,) for i in batch.ids]
        )
        if batch.keys:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO customer_search_keys (key, customer_id) VALUES (?, ?)",
                batch.keys,
            )
    elif batch.entity in _CONTENT_WORDS:
        conn.exec_driver_sql(
            "DELETE FROM content_search_keys WHERE kind = ? AND row_id = ?",
            [(batch.entity, i) for i in batch.ids],
        )
        if batch.keys:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO content_search_keys (kind, key, row_id) VALUES (?, ?, ?)",
                batch.keys,
            )


def write_rows(conn: Connection, entity: str, rows: Sequence[tuple[int, BaseModel]]) -> None:
    """Upsert ``(version, model)`` rows in bulk (see :func:`store_batch`)."""
    store_batch(conn, prepare_rows(entity, rows))


def delete_rows(conn: Connection, entity: str, ids: Iterable[str]) -> None:
    """Delete rows by id; unknown ids are a no-op."""
    params = [(i,) for i in ids]
    if not params:
        return
    table = ENTITY_TABLES[entity].name
    conn.exec_driver_sql(f"DELETE FROM {table} WHERE id = ?", params)
    if entity == "customer":
        conn.exec_driver_sql("DELETE FROM customer_search_keys WHERE customer_id = ?", params)
    elif entity in _CONTENT_WORDS:
        conn.exec_driver_sql(
            "DELETE FROM content_search_keys WHERE kind = ? AND row_id = ?",
            [(entity, i) for (i,) in params],
        )


def read_row(conn: Connection, entity: str, row_id: str) -> tuple[int, dict[str, Any]] | None:
    """``(version, data)`` of one row, or None."""
    table = ENTITY_TABLES[entity].name
    got = conn.exec_driver_sql(f"SELECT version, data FROM {table} WHERE id = ?", (row_id,)).first()
    if got is None:
        return None
    return int(got[0]), orjson.loads(got[1])


def read_rows(conn: Connection, entity: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``id → data`` for the ids present."""
    table = ENTITY_TABLES[entity].name
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ", ".join("?" for _ in chunk)
        for rid, data in conn.exec_driver_sql(
            f"SELECT id, data FROM {table} WHERE id IN ({marks})", tuple(chunk)
        ):
            out[rid] = orjson.loads(data)
    return out
