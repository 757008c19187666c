"""Paging through a large first pull: every row exactly once, in version order, at a steady cost.

Also: the fast row loaders give exactly what the ORM rows serialise to, and the
change-index walk is an index range scan (no sort of "everything after the cursor").
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select, text

from guide_server.db import Database
from guide_server.models import (
    ENTITY_MODELS,
    Customer,
    FollowUp,
    Region,
    Store,
    SyncRow,
    User,
)
from guide_server.reader import GLOBAL, Reader, store_scope
from guide_server.sync.changes import build_changes
from guide_server.sync.pull import _NO_SORT, _SCOPE_ROWS_SQL
from guide_server.sync.serialize import to_data
from guide_server.sync.versions import take_versions, upsert_sync_rows
from tests.server.api import Api

EXTRA_FOLLOW_UPS = 2500


def _add_follow_ups(db: Database, store_id: str, n: int) -> None:
    """``n`` more follow-ups in the store (so a pull needs several pages of 1000)."""
    with db.write() as s:
        customers = list(s.scalars(select(Customer).where(Customer.store_id == store_id)))
        at = datetime(2026, 1, 1, 9, 30, 15, 123456, tzinfo=UTC)
        rows = [
            {
                "id": str(uuid.uuid4()),
                "customer_id": customers[k % len(customers)].id,
                "store_id": store_id,
                "guide_id": customers[k % len(customers)].owner_id or "",
                "channel": "chat",
                "text": f"跟进 {k}",
                "at": at + timedelta(minutes=k),
                "next_follow_up_on": None,
                "created_at": at,
            }
            for k in range(n)
        ]
        s.execute(insert(FollowUp), rows)
        scope = store_scope(store_id)
        last = take_versions(s, scope, n)
        first = last - n + 1
        upsert_sync_rows(
            s, [("follow_up", r["id"], scope, first + k, False) for k, r in enumerate(rows)]
        )


def _index(db: Database, scopes: list[str]) -> dict[tuple[str, str], tuple[str, int]]:
    with db.read() as s:
        return {
            (e, i): (sc, int(v))
            for e, i, sc, v in s.execute(
                select(SyncRow.entity, SyncRow.entity_id, SyncRow.scope, SyncRow.version).where(
                    SyncRow.scope.in_(scopes)
                )
            )
        }


def test_paging_returns_every_row_once_in_version_order(live_server):
    g1 = Api(live_server, "s001-g1")
    db = Database(live_server.database_url)
    try:
        _add_follow_ups(db, g1.user["store_id"], EXTRA_FOLLOW_UPS)
        scopes = [GLOBAL, store_scope(g1.user["store_id"]), f"user:{g1.user['id']}"]
        index = _index(db, scopes)
    finally:
        db.dispose()

    by_limit = {limit: g1.pull_all(limit=limit)[0] for limit in (1000, 333, 5000)}
    reference = by_limit[5000]
    keys = [(c["entity"], c["id"]) for c in reference]
    assert len(keys) == len(set(keys)), "a row came twice"
    # Every row of the store and of the user's own scope; global rows unless hidden.
    sent = set(keys)
    for key, (scope, _version) in index.items():
        if scope != GLOBAL:
            assert key in sent, key
    assert sent <= set(index)
    assert sum(1 for c in reference if c["entity"] == "follow_up") >= EXTRA_FOLLOW_UPS
    # Versions rise within each scope, and each change carries the indexed version.
    last: dict[str, int] = {}
    for c in reference:
        scope, version = index[(c["entity"], c["id"])]
        assert c["version"] == version
        assert version > last.get(scope, 0), (c["entity"], c["id"])
        last[scope] = version
        assert c["deleted"] is False and c["data"]["id"] == c["id"]
    # Page size changes where the pages break, never what arrives or in which order.
    for limit, changes in by_limit.items():
        assert changes == reference, limit


def test_pull_after_the_end_is_empty_and_a_later_change_comes_once(live_server):
    g1 = Api(live_server, "s001-g1")
    _changes, cursor = g1.pull_all(limit=500)
    again, cursor = g1.pull_all(cursor, limit=500)
    assert again == []
    db = Database(live_server.database_url)
    try:
        _add_follow_ups(db, g1.user["store_id"], 3)
    finally:
        db.dispose()
    time.sleep(0.3)  # the server caches scope counters for 0.1 s
    later, _ = g1.pull_all(cursor, limit=2)
    assert [c["entity"] for c in later] == ["follow_up"] * 3
    assert len({c["id"] for c in later}) == 3


@pytest.mark.parametrize("username", ["s001-g1", "s001-g2", "s001-mgr", "hq"])
def test_fast_loaders_match_the_orm_rows(live_server, username):
    """Every synced row as build_changes sends it == to_data() of the ORM row."""
    db = Database(live_server.database_url)
    try:
        with db.read() as s:
            u = s.scalars(select(User).where(User.username == username)).one()
            stores = tuple(s.scalars(select(Store.id)))
            region = s.get(Store, u.store_id).region_id if u.store_id else None
            reader = Reader(
                u.id,
                u.username,
                u.display_name,
                u.role,
                u.store_id,
                region,
                stores if u.role == "hq" else (),
            )
            index = [
                (e, i, sc, int(v), bool(d))
                for e, i, sc, v, d in s.execute(
                    select(
                        SyncRow.entity,
                        SyncRow.entity_id,
                        SyncRow.scope,
                        SyncRow.version,
                        SyncRow.deleted,
                    )
                    .where(SyncRow.scope.in_(reader.scopes()))
                    .order_by(SyncRow.scope, SyncRow.version)
                )
            ]
            changes = build_changes(s, reader, index)
            regions = {st.id: st for st in s.scalars(select(Store))}
            checked = 0
            for change in changes:
                if change["deleted"]:
                    continue
                row = s.get(ENTITY_MODELS[change["entity"]], change["id"])
                extra = None
                if change["entity"] == "store":
                    extra = {"region_name": s.get(Region, regions[row.id].region_id).name}
                expected = to_data(change["entity"], row, reader, extra)
                assert change["data"] == expected, change["entity"]
                assert list(change["data"]) == list(expected), change["entity"]  # key order
                checked += 1
            assert checked > 100
    finally:
        db.dispose()


def test_change_index_walk_is_an_index_range_scan(live_server):
    """No plan that reads every row after the cursor and sorts them (O(rows left) a page)."""
    db = Database(live_server.database_url)
    try:
        with db.read() as s:
            scope = s.execute(select(SyncRow.scope).where(SyncRow.entity == "order")).scalar()
            if s.get_bind().dialect.name == "sqlite":
                raw = s.connection().connection.driver_connection
                plan = " ".join(
                    str(r[-1])
                    for r in raw.execute("EXPLAIN QUERY PLAN " + _SCOPE_ROWS_SQL, (scope, 0, 1000))
                )
                assert "ix_sync_row_scope_version" in plan, plan
                assert "TEMP B-TREE" not in plan, plan
            else:
                s.execute(_NO_SORT)
                stmt = (
                    "EXPLAIN SELECT entity, entity_id, scope, version, deleted FROM sync_row"
                    " WHERE scope = :s AND version > 0 ORDER BY version LIMIT 1000"
                )
                plan = "\n".join(r[0] for r in s.execute(text(stmt), {"s": scope}))
                assert "Index Scan using ix_sync_row_scope_version" in plan, plan
                assert "Sort" not in plan, plan
    finally:
        db.dispose()
