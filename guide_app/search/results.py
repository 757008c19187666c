"""Search results: hits grouped by kind, ranked exact > prefix > substring."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("customer", "order", "script", "material", "task")
KIND_LABELS = {
    "customer": "客户",
    "order": "订单",
    "script": "话术",
    "material": "素材",
    "task": "任务",
}

EXACT = 100
STRONG_PREFIX = 90  # phone last four, initials or pinyin spelled out whole
PREFIX = 70
TITLE_SUBSTRING = 60
SUBSTRING = 50


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    title: str
    subtitle: str
    score: int


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    hits: list[Hit]

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class SearchResults:
    text: str
    groups: list[SearchGroup] = field(default_factory=list)
    #: Something the list should say besides its hits (HQ offline: customers are read
    #: from the server, ``guide_app.services.remote_customers``); empty when none.
    notice: str = ""

    def hits(self) -> list[Hit]:
        """Every hit, group by group."""
        return [h for g in self.groups for h in g.hits]

    def best(self) -> Hit | None:
        """The single best hit (what Enter opens)."""
        return max(self.hits(), key=lambda h: h.score, default=None)

    def __bool__(self) -> bool:
        return any(g.hits for g in self.groups)


class Scores:
    """Best score per id, remembering the order ids were first found in."""

    def __init__(self) -> None:
        self.by_id: dict[str, int] = {}

    def add(self, ids: list[str] | tuple[str, ...], score: int) -> None:
        for i in ids:
            if self.by_id.get(i, -1) < score:
                self.by_id[i] = score

    def __len__(self) -> int:
        return len(self.by_id)

    def top(self, limit: int, name_of: dict[str, str]) -> list[tuple[str, int]]:
        ranked = sorted(self.by_id.items(), key=lambda kv: (-kv[1], name_of.get(kv[0], "")))
        return ranked[:limit]
