"""The server's write rules (docs/ARCHITECTURE.md), mirrored so the window can
disable what would be refused. The server still decides."""

from __future__ import annotations

from guide_core.protocol import UserInfo


def can_see_phone(user: UserInfo, owner_id: str | None, store_id: str | None) -> bool:
    """Whole phone for the owner guide, the store's supervisor and HQ."""
    if user.role == "hq":
        return True
    if user.role == "supervisor":
        return store_id == user.store_id
    return owner_id == user.id


def can_edit_customer(user: UserInfo, owner_id: str | None, store_id: str | None) -> bool:
    """Guides edit customers they own; supervisors their store's; HQ any."""
    return can_see_phone(user, owner_id, store_id)


def can_tag_customer(user: UserInfo, store_id: str | None) -> bool:
    """Tags and follow-ups: any customer of one's own store (HQ: any)."""
    return user.role == "hq" or store_id == user.store_id


def can_reassign(user: UserInfo) -> bool:
    """离职继承 is for supervisors and HQ."""
    return user.role in ("supervisor", "hq")


def can_review(user: UserInfo, store_id: str | None) -> bool:
    return user.role == "hq" or (user.role == "supervisor" and store_id == user.store_id)
