"""Who may manage which account (the admin area): plain functions of facts.

The server's admin routes and service layer ask here. Each function answers
``None`` (allowed) or a :class:`~guide_core.rules.codes.Refusal` (code and Chinese).
"""

from __future__ import annotations

from guide_core.protocol import Role

from .codes import Code, Refusal

_GUIDES_MANAGE_NO_ONE = Refusal(Code.FORBIDDEN, "导购不能管理账号")


def may_manage_user(
    actor_role: str,
    actor_store: str | None,
    target_role: str,
    target_store: str | None,
) -> Refusal | None:
    """May this actor list, create, deactivate or reset the password of this account?

    HQ may manage everyone. A store's supervisor manages the guides of their own store
    (not supervisors, not HQ, not another store's people): a supervisor account can
    see the whole store, so only HQ hands one out. Guides manage no one.
    """
    if actor_role == Role.HQ:
        return None
    if actor_role != Role.SUPERVISOR:
        return _GUIDES_MANAGE_NO_ONE
    if target_role != Role.GUIDE:
        return Refusal(Code.FORBIDDEN, "店长只能管理本店导购")
    if actor_store is None or target_store != actor_store:
        return Refusal(Code.OTHER_STORE, "店长只能管理本店导购")
    return None


def may_list_users(actor_role: str, actor_store: str | None, store: str | None) -> Refusal | None:
    """May this actor list the accounts of ``store`` (``None``: every store)?"""
    if actor_role == Role.HQ:
        return None
    if actor_role != Role.SUPERVISOR:
        return _GUIDES_MANAGE_NO_ONE
    if store is not None and store != actor_store:
        return Refusal(Code.OTHER_STORE, "店长只能查看本店账号")
    return None


def may_use_admin(actor_role: str) -> bool:
    """The admin area is for HQ and supervisors at all (each route narrows further)."""
    return actor_role in (Role.HQ, Role.SUPERVISOR)
