"""Loading changed rows in bulk and turning them into ``Change`` dicts for a reader."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_server.models import ENTITY_MODELS, Region, SyncRow, Tag, TagGroup, Task, TaskItem
from guide_server.reader import GLOBAL, Reader
from guide_server.sync.serialize import material_visible, tag_group_visible, task_visible, to_data

_CHUNK = 500


def _load(session: Session, model: Any, ids: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i in range(0, len(ids), _CHUNK):
        for row in session.scalars(select(model).where(model.id.in_(ids[i : i + _CHUNK]))):
            out[row.id] = row
    return out


class _Context:
    """Rows other rows depend on for visibility or extra fields, loaded lazily in bulk."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._regions: dict[str, str] | None = None

    def region_names(self) -> dict[str, str]:
        if self._regions is None:
            self._regions = {r.id: r.name for r in self.session.scalars(select(Region))}
        return self._regions

    def groups(self, ids: Iterable[str]) -> dict[str, Any]:
        return _load(self.session, TagGroup, sorted(set(ids)))

    def tasks(self, ids: Iterable[str]) -> dict[str, Any]:
        return _load(self.session, Task, sorted(set(ids)))


def build_changes(
    session: Session,
    reader: Reader,
    index_rows: list[tuple[str, str, str, int, bool]],
    quiet_scopes: frozenset[str] = frozenset(),
) -> list[dict]:
    """``(entity, id, scope, version, deleted)`` → Change dicts, in the given order.

    A row of ``global`` the reader may not see becomes a tombstone, or nothing
    at all when its scope is in ``quiet_scopes`` (a first pull: the client never had it).
    """
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, entity_id, _scope, _version, deleted in index_rows:
        if not deleted:
            by_entity[entity].append(entity_id)
    rows = {e: _load(session, ENTITY_MODELS[e], ids) for e, ids in by_entity.items()}
    ctx = _Context(session)
    hidden = _hidden_ids(ctx, rows, reader)

    changes: list[dict] = []
    for entity, entity_id, scope, version, deleted in index_rows:
        row = None if deleted else rows[entity].get(entity_id)
        if row is not None and scope == GLOBAL and entity_id in hidden.get(entity, ()):
            row = None
            if scope in quiet_scopes:
                continue
        if row is None:
            changes.append(
                {
                    "entity": entity,
                    "id": entity_id,
                    "version": version,
                    "deleted": True,
                    "data": None,
                }
            )
            continue
        extra = None
        if entity == "store":
            extra = {"region_name": ctx.region_names().get(row.region_id, "")}
        changes.append(
            {
                "entity": entity,
                "id": entity_id,
                "version": version,
                "deleted": False,
                "data": to_data(entity, row, reader, extra),
            }
        )
    return changes


def _hidden_ids(ctx: _Context, rows: dict[str, dict[str, Any]], reader: Reader) -> dict[str, set]:
    """Ids of loaded global rows this reader may not see (per-reader visibility)."""
    if reader.is_hq:
        return {}
    hidden: dict[str, set] = defaultdict(set)
    for m in rows.get("material", {}).values():
        if not material_visible(m, reader):
            hidden["material"].add(m.id)
    for g in rows.get("tag_group", {}).values():
        if not tag_group_visible(g, reader):
            hidden["tag_group"].add(g.id)
    tags: dict[str, Tag] = rows.get("tag", {})
    if tags:
        groups = ctx.groups(t.group_id for t in tags.values())
        for t in tags.values():
            g = groups.get(t.group_id)
            if g is not None and not tag_group_visible(g, reader):
                hidden["tag"].add(t.id)
    for t in rows.get("task", {}).values():
        if not task_visible(t, reader):
            hidden["task"].add(t.id)
    items: dict[str, TaskItem] = rows.get("task_item", {})
    if items:
        tasks = ctx.tasks(i.task_id for i in items.values())
        for i in items.values():
            t = tasks.get(i.task_id)
            if t is not None and not task_visible(t, reader):
                hidden["task_item"].add(i.id)
    return hidden


def change_for(session: Session, reader: Reader, entity: str, entity_id: str) -> dict | None:
    """The one row as this reader now sees it (a push result's ``row``)."""
    found = session.execute(
        select(SyncRow.scope, SyncRow.version, SyncRow.deleted).where(
            SyncRow.entity == entity, SyncRow.entity_id == entity_id
        )
    ).first()
    if found is None:
        return None
    scope, version, deleted = found
    if scope not in reader.scopes() and not reader.is_hq:
        return None
    return build_changes(
        session, reader, [(entity, entity_id, scope, int(version), bool(deleted))]
    )[0]


__all__ = ["build_changes", "change_for"]
