"""Which scope a row syncs in: the one home of the scope table in docs/ARCHITECTURE.md.

A row's scope decides who pulls it (``global``, ``store:<id>``, ``user:<id>``).
The push handlers, the bulk writer (demo loader, later imports) and the user
service all ask here, so the table is written once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.protocol import ContentScope
from guide_server.models import SyncRow
from guide_server.reader import GLOBAL, store_scope, user_scope

#: Entities every reader pulls (per-reader visibility inside ``global`` aside).
ALWAYS_GLOBAL = frozenset({"store", "sensitive_word", "material"})
#: Entities that live where the row they belong to lives.
CHILD_OF = {"tag": ("tag_group", "group_id"), "task_item": ("task", "task_id")}


def content_scope(scope: str | None, store_id: str | None, owner_id: str | None) -> str:
    """HQ content is global, store content its store's, personal content its owner's."""
    if scope == ContentScope.PERSONAL:
        return user_scope(owner_id or "")
    if scope == ContentScope.STORE:
        return store_scope(store_id or "")
    return GLOBAL


def own_scope(entity: str, row: Mapping[str, Any]) -> str:
    """The scope of a row that does not inherit one (see :data:`CHILD_OF`)."""
    if entity in ALWAYS_GLOBAL:
        return GLOBAL
    if entity == "user":
        return store_scope(row["store_id"]) if row.get("store_id") else GLOBAL
    if entity in ("tag_group", "script_group", "script"):
        return content_scope(row.get("scope"), row.get("store_id"), row.get("owner_id"))
    if entity == "script_suggestion":
        return user_scope(row["owner_id"])
    if entity in ("favorite", "today_action"):
        return user_scope(row["user_id"])
    if entity == "task":
        stores = row.get("store_ids") or []
        if row.get("scope", ContentScope.HQ) == ContentScope.STORE and stores:
            return store_scope(stores[0])
        return GLOBAL
    if entity in CHILD_OF:
        raise ValueError(f"{entity} inherits its scope: use ScopeBook.scope_of")
    return store_scope(row["store_id"])


class ScopeBook:
    """Scopes of rows written in one session, so children find their parent's scope.

    A parent written earlier (another batch, another run) is looked up in the
    change index once and remembered.
    """

    def __init__(self, session: Session | None = None) -> None:
        self.session = session
        self._known: dict[tuple[str, str], str] = {}

    def remember(self, entity: str, entity_id: str, scope: str) -> None:
        if entity in ("tag_group", "task"):
            self._known[(entity, entity_id)] = scope

    def scope_of(self, entity: str, row: Mapping[str, Any], session: Session | None = None) -> str:
        if entity not in CHILD_OF:
            return own_scope(entity, row)
        parent, key = CHILD_OF[entity]
        found = self._known.get((parent, row[key]))
        if found is None:
            found = self._lookup(parent, row[key], session or self.session)
            self._known[(parent, row[key])] = found
        return found

    @staticmethod
    def _lookup(parent: str, parent_id: str, session: Session | None) -> str:
        if session is None:
            raise LookupError(f"scope of {parent} {parent_id} unknown")
        scope = session.execute(
            select(SyncRow.scope).where(SyncRow.entity == parent, SyncRow.entity_id == parent_id)
        ).scalar_one_or_none()
        if scope is None:
            raise LookupError(f"{parent} {parent_id} does not exist")
        return scope
