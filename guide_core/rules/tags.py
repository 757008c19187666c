"""Tag rules: who sees a tag group, and the single-choice rule."""

from __future__ import annotations

from collections.abc import Iterable

from .codes import Code, Refusal, refuse


def tag_group_visible(role: str, visible_roles: Iterable[str] | None) -> bool:
    """A group limited to some roles is hidden from the others; HQ, who publishes
    tag groups, sees every group (on the server and in its own app alike)."""
    roles = list(visible_roles or [])
    return role == "hq" or not roles or role in roles


def single_choice_drops(choice: str, tag_id: str, group_tag_ids: Iterable[str]) -> list[str]:
    """Adding ``tag_id`` to a customer: the tags of its group the customer loses.

    ``group_tag_ids`` are the customer's current tags in that group. In a
    single-choice group the new tag replaces the others; a multi-choice group
    keeps them.
    """
    if choice != "single":
        return []
    return sorted(t for t in set(group_tag_ids) if t != tag_id)


def group_selection_refusal(choice: str, tag_ids: Iterable[str]) -> Refusal | None:
    """Setting a group's tags at once: a single-choice group takes at most one."""
    if choice == "single" and len(set(tag_ids)) > 1:
        return refuse(Code.SINGLE_CHOICE)
    return None
