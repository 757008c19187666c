"""What a member row names, looked up once per import: stores, their staff, tag groups
and tags (small tables even for a chain: kept whole in memory)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.protocol import Role
from guide_core.rules.tags import tag_group_visible
from guide_server.models import Store, Tag, TagGroup, User


@dataclass(frozen=True)
class Staff:
    id: str
    username: str
    display_name: str
    role: str
    store_id: str | None
    active: bool


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    choice: str
    store_id: str | None  # None: HQ's group, every store uses it


class Directory:
    def __init__(self, session: Session, role: str) -> None:
        self.store_by_key: dict[str, str] = {}
        self.code_of: dict[str, str] = {}
        for store in session.scalars(select(Store)):
            self.code_of[store.id] = store.code
            self.store_by_key.setdefault(store.name.strip(), store.id)
        for store_id, code in self.code_of.items():  # a code wins over another store's name
            self.store_by_key[code.strip().upper()] = store_id
        self.by_username: dict[str, Staff] = {}
        self.by_display: dict[str, list[Staff]] = defaultdict(list)
        self.guides_of: dict[str, list[Staff]] = defaultdict(list)
        for u in session.scalars(select(User).order_by(User.username)):
            staff = Staff(u.id, u.username, u.display_name, u.role, u.store_id, u.active)
            self.by_username[u.username.lower()] = staff
            self.by_display[u.display_name.strip()].append(staff)
            if u.active and u.role == Role.GUIDE and u.store_id:
                self.guides_of[u.store_id].append(staff)
        self.groups_named: dict[str, list[Group]] = defaultdict(list)
        self.group_of_tag: dict[str, str] = {}
        self.choice_of_group: dict[str, str] = {}
        for g in session.scalars(select(TagGroup).order_by(TagGroup.sort, TagGroup.id)):
            if not tag_group_visible(role, g.visible_roles):
                continue  # hidden from the importer's role: unknown to them, as on the card
            group = Group(g.id, g.name, g.choice, g.store_id if g.scope == "store" else None)
            self.groups_named[g.name.strip()].append(group)
            self.choice_of_group[g.id] = g.choice
        self.tag_id: dict[tuple[str, str], str] = {}
        for t in session.scalars(select(Tag)):
            if t.group_id in self.choice_of_group:
                self.tag_id.setdefault((t.group_id, t.name.strip()), t.id)
                self.group_of_tag[t.id] = t.group_id

    def store_id(self, text: str) -> str | None:
        text = text.strip()
        return self.store_by_key.get(text.upper()) or self.store_by_key.get(text)

    def group(self, name: str, store_id: str) -> Group | None:
        """The group of that name the store uses: its own store group first, then HQ's."""
        found = [g for g in self.groups_named.get(name, ()) if g.store_id in (store_id, None)]
        found.sort(key=lambda g: g.store_id is None)
        return found[0] if found else None
