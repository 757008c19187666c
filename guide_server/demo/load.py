"""Bulk-loading a generated chain into the server database, fast.

Rows arrive as ``(entity, batch)`` in dependency order, shaped like
``protocol.ENTITY_DATA[entity]``. Each batch is inserted with one executemany,
its versions are taken per scope in one step (``v = v + n``), and its change
index rows go in with another executemany, all in one transaction per batch.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, get_args

import orjson
from sqlalchemy import JSON, Date, Table, insert
from sqlalchemy.orm import Session

from guide_core.protocol import ENTITY_DATA
from guide_server.blobs import BlobStore, remember_blob
from guide_server.customer_figures import refresh_customer_figures
from guide_server.db import Database
from guide_server.models import ENTITY_MODELS, Region, SyncRow
from guide_server.models.base import UTCDateTime, utcnow
from guide_server.reader import GLOBAL, store_scope, user_scope
from guide_server.security import hash_password
from guide_server.sync.versions import take_versions

log = logging.getLogger("guide_server.demo")

DEMO_PASSWORD = "demo1234"


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
_COLUMNS = {e: set(d) for e, d in _DEFAULTS.items()}


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


class ChainLoader:
    """Keeps what later batches need (scopes of groups and tasks, regions seen)."""

    def __init__(self, db: Database, blobs: BlobStore | None = None) -> None:
        self.db = db
        self.blobs = blobs
        self.password_hash = hash_password(DEMO_PASSWORD)
        self.regions: set[str] = set()
        self.group_scope: dict[str, str] = {}
        self.task_scope: dict[str, str] = {}
        self.counts: dict[str, int] = defaultdict(int)

    def scope_of(self, entity: str, row: dict) -> str:
        if entity in ("store", "sensitive_word", "material"):
            return GLOBAL
        if entity == "user":
            return store_scope(row["store_id"]) if row.get("store_id") else GLOBAL
        if entity in ("tag_group", "script_group", "script"):
            scope = row.get("scope", "hq")
            if scope == "personal":
                return user_scope(row["owner_id"])
            if scope == "store":
                return store_scope(row["store_id"])
            return GLOBAL
        if entity == "tag":
            return self.group_scope.get(row["group_id"], GLOBAL)
        if entity == "task":
            if row.get("scope", "hq") == "store" and row.get("store_ids"):
                return store_scope(row["store_ids"][0])
            return GLOBAL
        if entity == "task_item":
            return self.task_scope.get(row["task_id"], GLOBAL)
        return store_scope(row["store_id"])

    def _row(self, entity: str, data: dict) -> dict:
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
        if entity == "user":
            row["password_hash"] = self.password_hash
        elif entity == "order" and row.get("items"):
            row["items"] = [dict(i) for i in row["items"]]
        return row

    def load_batch(self, session: Session, entity: str, batch: list[dict]) -> None:
        if not batch:
            return
        if entity == "store":
            new_regions = {
                s["region_id"]: s.get("region_name", "")
                for s in batch
                if s["region_id"] not in self.regions
            }
            if new_regions:
                session.execute(
                    insert(Region), [{"id": k, "name": v} for k, v in new_regions.items()]
                )
                self.regions.update(new_regions)
        rows = [self._row(entity, d) for d in batch]
        insert_rows(session, ENTITY_MODELS[entity].__table__, rows)
        by_scope: dict[str, list[str]] = defaultdict(list)
        for d in batch:
            scope = self.scope_of(entity, d)
            by_scope[scope].append(d["id"])
            if entity == "tag_group":
                self.group_scope[d["id"]] = scope
            elif entity == "task":
                self.task_scope[d["id"]] = scope
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
        insert_rows(session, SyncRow.__table__, index)
        self.counts[entity] += len(batch)

    def load(self, batches: Iterable[tuple[str, list[dict]]]) -> dict[str, int]:
        """Load every batch, one transaction each; returns rows per entity."""
        started = time.perf_counter()
        for entity, batch in batches:
            with self.db.write() as session:
                self.load_batch(session, entity, batch)
        if self.counts.get("order"):
            with self.db.write() as session:
                refresh_customer_figures(session)
        log.info("demo chain loaded in %.1fs: %s", time.perf_counter() - started, dict(self.counts))
        return dict(self.counts)

    def load_assets(self, assets: Iterable[tuple[str, bytes, str, str]]) -> None:
        """Put the demo files into the blob store and remember them."""
        with self.db.write() as session:
            for sha, data, mime, _name in assets:
                if self.blobs is not None:
                    self.blobs.write_bytes(sha, data)
                remember_blob(session, sha, len(data), mime, None)


def chain_source(*, materialize: bool = False, **sizes: Any):
    """``(batches, assets)`` from the demo generator, or the small built-in chain.

    The built-in chain stands in only while the generator cannot run (it is
    being written in parallel); ``materialize`` generates everything first, so
    a generator failing halfway falls back cleanly instead of loading half a chain.
    """
    try:
        from guide_server.demo.generate import demo_assets, generate_chain

        batches = generate_chain(**sizes)
        if materialize:
            batches = iter(list(batches))
        first = next(batches)
        assets = demo_assets()
    except Exception as exc:  # noqa: BLE001 - any generator failure: use the built-in chain
        from guide_server.demo.fixture_chain import fixture_assets, fixture_chain

        log.warning(
            "demo generator unavailable (%s: %s); using the built-in chain", type(exc).__name__, exc
        )
        return fixture_chain(**sizes), fixture_assets()

    def _again():
        yield first
        yield from batches

    return _again(), assets


def seed_chain(
    db: Database, blobs: BlobStore | None, *, materialize: bool = False, **sizes: Any
) -> dict[str, int]:
    """Generate and load a chain of the given sizes into ``db``."""
    batches, assets = chain_source(materialize=materialize, **sizes)
    loader = ChainLoader(db, blobs)
    counts = loader.load(batches)
    loader.load_assets(assets)
    return counts
