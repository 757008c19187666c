"""What the window may offer the signed-in user: the shared rules
(``guide_core.rules``) asked with the user's facts, so a button is disabled
exactly when the server would refuse. No rule is written here."""

from __future__ import annotations

from guide_core.protocol import UserInfo
from guide_core.rules import Actor, Target, check
from guide_core.rules.visibility import sees_whole_phone


def actor_of(user: UserInfo) -> Actor:
    """The signed-in user as the shared rules see them (the region is not needed
    for a write; material visibility gets it from the cache)."""
    return Actor(str(user.role), user.id, user.store_id)


def can_see_phone(user: UserInfo, owner_id: str | None, store_id: str | None) -> bool:
    """Whole phone for the owner guide, the store's supervisor and HQ."""
    return sees_whole_phone(actor_of(user), owner_id, store_id)


def can_edit_customer(user: UserInfo, owner_id: str | None, store_id: str | None) -> bool:
    target = Target(store_id=store_id, owner_id=owner_id)
    return check("customer", "update", actor_of(user), target) is None


def can_tag_customer(user: UserInfo, store_id: str | None) -> bool:
    """Tags and follow-ups: any customer of one's own store (HQ: any)."""
    return check("customer_tag", "add", actor_of(user), Target(store_id=store_id)) is None


def can_review(user: UserInfo, store_id: str | None) -> bool:
    target = Target(store_id=store_id, status="submitted")
    return check("assignment", "review", actor_of(user), target, {"decision": "approve"}) is None
