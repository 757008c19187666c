"""Tag groups and tags as the signed-in user may see them."""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson

from guide_app.cache.database import Cache
from guide_core.protocol import UserInfo
from guide_core.rules.tags import tag_group_visible


@dataclass(frozen=True)
class TagChip:
    id: str
    name: str
    color: str
    group_id: str
    #: Set on this customer by an HQ auto-tag rule (``CustomerTagData.source``), not a person.
    auto: bool = False


@dataclass(frozen=True)
class TagGroup:
    id: str
    name: str
    choice: str  # "single" | "multi"
    scope: str
    tags: list[TagChip] = field(default_factory=list)
    store_id: str | None = None  # a store group's store


def group_visible(data: dict, user: UserInfo) -> bool:
    """The shared rule (``guide_core.rules.tags``): HQ sees every group, as on the server."""
    return tag_group_visible(str(user.role), data.get("visible_roles"))


class TagService:
    def __init__(self, cache: Cache, user: UserInfo) -> None:
        self._cache = cache
        self._user = user

    def groups(self) -> list[TagGroup]:
        """Groups visible to the user's role, in display order, each with its tags."""
        with self._cache.read() as conn:
            groups = conn.exec_driver_sql("SELECT data FROM tag_groups ORDER BY sort, id").all()
            tags = conn.exec_driver_sql("SELECT data FROM tags ORDER BY sort, id").all()
        by_group: dict[str, list[TagChip]] = {}
        for (raw,) in tags:
            t = orjson.loads(raw)
            by_group.setdefault(t["group_id"], []).append(
                TagChip(t["id"], t["name"], t.get("color") or "#888888", t["group_id"])
            )
        out = []
        for (raw,) in groups:
            g = orjson.loads(raw)
            if group_visible(g, self._user):
                out.append(
                    TagGroup(
                        g["id"],
                        g["name"],
                        g["choice"],
                        g["scope"],
                        by_group.get(g["id"], []),
                        g.get("store_id"),
                    )
                )
        return out

    def visible_group_ids(self) -> set[str]:
        return {g.id for g in self.groups()}

    def group_of(self, tag_id: str) -> TagGroup | None:
        """The visible group holding ``tag_id``."""
        for g in self.groups():
            if any(t.id == tag_id for t in g.tags):
                return g
        return None
