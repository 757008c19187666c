"""The plain facts a rule is a function of: who acts, and what they act on.

Both sides build these from what they hold (the server from its tables, the
client from its cache) and ask the same functions; no rule reads a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    role: str  # guide | supervisor | hq
    user_id: str
    store_id: str | None = None
    region_id: str | None = None

    @property
    def is_hq(self) -> bool:
        return self.role == "hq"

    def in_store(self, store_id: str | None) -> bool:
        """Is ``store_id`` one this actor works for (HQ: every store)?"""
        return self.is_hq or (store_id is not None and store_id == self.store_id)


@dataclass(frozen=True)
class ItemState:
    """One checklist item of an assignment, as the check on it stands."""

    requires_evidence: bool = False
    done: bool = False
    evidence: str | None = None
    requires_note: bool = False
    note: str = ""


@dataclass(frozen=True)
class Target:
    """The row a write acts on (only the facts its rule needs are filled in).

    ``store_id``: the row's store (for ``customer.create`` the store asked for,
    ``None`` meaning "my own"); ``owner_id``: the customer's owner, the
    assignment's guide, the script's owner (``customer.create``: the owner asked
    for); ``status``: the assignment's; ``scope``: a script's content scope;
    ``item``: for ``item_check.set`` the item as it would be after the write;
    ``items``: for ``assignment.submit`` every item of the assignment;
    ``customers``: for ``item_check.contact`` the item's target customers of this
    assignment.
    """

    store_id: str | None = None
    owner_id: str | None = None
    status: str | None = None
    scope: str | None = None
    item: ItemState | None = None
    items: tuple[ItemState, ...] = field(default_factory=tuple)
    customers: tuple[str, ...] = field(default_factory=tuple)
