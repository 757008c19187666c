"""Who sees what, as far as a write depends on it: phones, materials, scripts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .facts import Actor


def sees_whole_phone(actor: Actor, owner_id: str | None, store_id: str | None) -> bool:
    """A customer's whole phone: the owner guide, the store's supervisor, HQ.
    Everyone else gets ``guide_core.phone.mask_phone`` of it."""
    if actor.is_hq:
        return True
    if actor.role == "supervisor":
        return store_id is not None and store_id == actor.store_id
    return owner_id is not None and owner_id == actor.user_id


def material_visible(actor: Actor, visibility: Mapping[str, Any] | None) -> bool:
    """A material limited to regions / stores / roles is hidden outside them (HQ sees all)."""
    if actor.is_hq:
        return True
    vis = visibility or {}
    regions, stores, roles = (vis.get(k) or [] for k in ("region_ids", "store_ids", "roles"))
    return (
        (not regions or actor.region_id in regions)
        and (not stores or actor.store_id in stores)
        and (not roles or actor.role in roles)
    )


def script_visible(
    actor: Actor, scope: str | None, owner_id: str | None, store_id: str | None
) -> bool:
    """Personal scripts (and groups) only to their owner; store ones to that store; HQ ones to all."""
    if scope == "personal":
        return owner_id is not None and owner_id == actor.user_id
    if scope == "store":
        return actor.in_store(store_id)
    return True
