"""Writing and reading entity rows: one place turns an ``ENTITY_DATA`` row into
table columns (typed copies, pinyin, phone tail) so pulls, push results and
local edits all store rows the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection

from guide_app.domain.errors import InvalidServerData
from guide_app.sync.protocol import ENTITY_DATA, describe_validation_error

from .pinyin_index import pinyin_of
from .schema import ENTITY_TABLES

_CHUNK = 500


def validate_row(entity: str, row_id: str, data: dict[str, Any] | None) -> BaseModel:
    """The row as its ``ENTITY_DATA`` model, or :class:`InvalidServerData` naming entity and id."""
    model = ENTITY_DATA.get(entity)
    if model is None:
        raise InvalidServerData(f"未知的数据类型 {entity!r} (id {row_id})")
    if not isinstance(data, dict):
        raise InvalidServerData(f"{entity} {row_id}: 缺少数据 (data)")
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        raise InvalidServerData(f"{entity} {row_id}: {describe_validation_error(exc)}") from None
    if parsed.id != row_id:  # type: ignore[attr-defined]
        raise InvalidServerData(f"{entity} {row_id}: data.id 为 {parsed.id!r}")  # type: ignore[attr-defined]
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
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
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


def _computed(entity: str, m: Any) -> dict[str, Any]:
    if entity == "customer":
        full, ini = pinyin_of(m.name)
        return {"phone_tail4": _phone_tail4(m.phone), "pinyin": full, "initials": ini}
    if entity == "user":
        return {"display_pinyin": pinyin_of(m.display_name)[0]}
    if entity == "order":
        return {"item_names": " ".join(i.name for i in m.items)}
    return {}


@cache
def _columns(entity: str) -> tuple[str, ...]:
    return tuple(c.name for c in ENTITY_TABLES[entity].columns)


@cache
def _upsert_sql(entity: str) -> str:
    table = ENTITY_TABLES[entity].name
    cols = _columns(entity)
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    marks = ", ".join("?" for _ in cols)
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks}) "
        f"ON CONFLICT(id) DO UPDATE SET {sets}"
    )


_PLAIN = (str, int, type(None))


def row_tuple(entity: str, version: int, model: BaseModel) -> tuple:
    """Column values of one row, in table order (the hot path of a pull)."""
    computed = _computed(entity, model)
    out: list[Any] = []
    for col in _columns(entity):
        if col == "id":
            out.append(model.id)  # type: ignore[attr-defined]
        elif col == "version":
            out.append(version)
        elif col == "data":
            out.append(model.model_dump_json())
        elif col in computed:
            out.append(computed[col])
        else:
            value = getattr(model, col, None)
            out.append(value if type(value) in _PLAIN else sql_value(value))
    return tuple(out)


def search_keys(name: str, remark_name: str) -> set[str]:
    """Rows of ``customer_search_keys`` for one customer (see schema)."""
    out: set[str] = set()
    for text in (name, remark_name):
        text = text.strip().lower()[:16]
        out.update(text[i:] for i in range(len(text)))
    if remark_name.strip():
        full, ini = pinyin_of(remark_name)
        out.update(k for k in (full, ini) if k)
    return out


def write_rows(conn: Connection, entity: str, rows: Sequence[tuple[int, BaseModel]]) -> None:
    """Upsert ``(version, model)`` rows in bulk; FTS follows through triggers."""
    if not rows:
        return
    conn.exec_driver_sql(_upsert_sql(entity), [row_tuple(entity, v, m) for v, m in rows])
    if entity == "customer":
        ids = [(m.id,) for _, m in rows]  # type: ignore[attr-defined]
        conn.exec_driver_sql("DELETE FROM customer_search_keys WHERE customer_id = ?", ids)
        pairs = [
            (k, m.id)  # type: ignore[attr-defined]
            for _, m in rows
            for k in search_keys(m.name, m.remark_name)  # type: ignore[attr-defined]
        ]
        if pairs:
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO customer_search_keys (key, customer_id) VALUES (?, ?)", pairs
            )


def delete_rows(conn: Connection, entity: str, ids: Iterable[str]) -> None:
    """Delete rows by id; unknown ids are a no-op."""
    params = [(i,) for i in ids]
    if not params:
        return
    table = ENTITY_TABLES[entity].name
    conn.exec_driver_sql(f"DELETE FROM {table} WHERE id = ?", params)
    if entity == "customer":
        conn.exec_driver_sql("DELETE FROM customer_search_keys WHERE customer_id = ?", params)


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
