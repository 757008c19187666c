"""The service layer's scope table and bulk writer, on the seeded demo chain (SQLite + PostgreSQL).

The scope of every row the demo loader wrote must be the one docs/ARCHITECTURE.md's
scope table names, read off the row's own facts here (not from the loader's code).
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from guide_server.db import Database
from guide_server.models import ENTITY_MODELS, SyncRow
from guide_server.services import bulk
from guide_server.services.scopes import ScopeBook


def _expected(entity: str, row, parents: dict[tuple[str, str], str]) -> str:
    if entity in ("store", "sensitive_word", "material"):
        return "global"
    if entity == "user":
        return f"store:{row.store_id}" if row.store_id else "global"
    if entity in ("tag_group", "script_group", "script"):
        owner, store = getattr(row, "owner_id", None), getattr(row, "store_id", None)
        return {"personal": f"user:{owner}", "store": f"store:{store}"}.get(row.scope, "global")
    if entity == "task":
        return f"store:{row.store_ids[0]}" if row.scope == "store" else "global"
    if entity == "tag":
        return parents[("tag_group", row.group_id)]
    if entity == "task_item":
        return parents[("task", row.task_id)]
    return f"store:{row.store_id}"


@pytest.fixture
def seeded_db(demo_template, tmp_path):
    url, _ = demo_template.fresh_copy(tmp_path)
    db = Database(url)
    yield db
    db.dispose()


def test_every_loaded_row_sits_in_the_documented_scope(seeded_db):
    with seeded_db.read() as session:
        index = {
            (e, i): s
            for e, i, s in session.execute(select(SyncRow.entity, SyncRow.entity_id, SyncRow.scope))
        }
        wrong = []
        kinds = set()
        for entity, model in ENTITY_MODELS.items():
            for row in session.scalars(select(model)):
                want = _expected(entity, row, index)
                kinds.add(want.split(":")[0])
                if index.get((entity, row.id)) != want:
                    wrong.append((entity, row.id, index.get((entity, row.id)), want))
    assert wrong == []
    assert kinds == {"global", "store", "user"}  # the demo chain exercises all three


def test_a_child_written_later_inherits_its_parents_scope(seeded_db):
    """A tag added in a later transaction (an import, an admin publish) finds its group's scope."""
    with seeded_db.read() as session:
        group_id, group_scope = session.execute(
            select(SyncRow.entity_id, SyncRow.scope)
            .where(SyncRow.entity == "tag_group", SyncRow.scope.like("store:%"))
            .limit(1)
        ).one()
    tag_id = str(uuid.uuid4())
    with seeded_db.write() as session:
        before = session.execute(
            select(SyncRow.version)
            .where(SyncRow.scope == group_scope)
            .order_by(SyncRow.version.desc())
            .limit(1)
        ).scalar_one()
        n = bulk.insert_new(
            session, "tag", [{"id": tag_id, "group_id": group_id, "name": "新标签"}], ScopeBook()
        )
    assert n == 1
    with seeded_db.read() as session:
        scope, version = session.execute(
            select(SyncRow.scope, SyncRow.version).where(SyncRow.entity_id == tag_id)
        ).one()
    assert scope == group_scope and version > before


def test_a_child_of_a_missing_parent_is_refused_and_nothing_is_written(seeded_db):
    tag_id = str(uuid.uuid4())
    with pytest.raises(LookupError, match="does not exist"):
        with seeded_db.write() as session:
            bulk.insert_new(
                session, "tag", [{"id": tag_id, "group_id": "nope", "name": "x"}], ScopeBook()
            )
    with seeded_db.read() as session:
        assert session.get(ENTITY_MODELS["tag"], tag_id) is None
