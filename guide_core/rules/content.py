"""The library's rules (话术素材): who manages which content, the group tree, the
texts a script may hold. The server's admin API and push handlers ask here; the
app asks the same functions to grey out what a user may not do."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from guide_core import templates
from guide_core.sensitive import Matcher

from .codes import Code, Refusal, refuse
from .facts import Actor

#: Script groups nest at most this deep (a root group is level 1).
MAX_GROUP_DEPTH = 8


def may_manage_content(actor: Actor, scope: str, store_id: str | None) -> Refusal | None:
    """HQ manages chain-wide (``hq``) and any store's content; a store's supervisor
    that store's (``store``); guides only their personal scripts (push, not admin)."""
    if scope == "personal":
        return refuse(Code.FORBIDDEN, "个人话术由本人在话术页管理")
    if actor.is_hq:
        return (
            None if scope == "hq" or store_id else refuse(Code.STORE_REQUIRED, "门店话术需指定门店")
        )
    if actor.role != "supervisor":
        return refuse(Code.FORBIDDEN, "只有总部或店长可以管理话术素材")
    if scope != "store":
        return refuse(Code.FORBIDDEN, "店长只能管理本店的话术素材")
    if store_id != actor.store_id:
        return refuse(Code.OTHER_STORE, "店长只能管理本店的话术素材")
    return None


def may_manage_global(actor: Actor) -> Refusal | None:
    """Materials, sensitive words, tag groups and suggestions are HQ's."""
    return None if actor.is_hq else refuse(Code.FORBIDDEN, "只有总部可以操作")


def may_see_usage(actor: Actor, store_id: str | None) -> Refusal | None:
    """The usage report: HQ any store (or all), a supervisor their own store."""
    if actor.is_hq:
        return None
    if actor.role != "supervisor":
        return refuse(Code.FORBIDDEN, "只有总部或店长可以查看使用统计")
    if store_id not in (None, actor.store_id):
        return refuse(Code.OTHER_STORE)
    return None


def depth_refusal(
    group_id: str | None,
    parent_of: Callable[[str], str | None],
    moving: str | None = None,
    subtree_height: int = 1,
) -> Refusal | None:
    """May a group (``moving``, or a new one) of ``subtree_height`` levels sit under
    ``group_id``? ``parent_of`` answers a group's parent (None at the root)."""
    depth = 0
    seen: set[str] = set()
    node = group_id
    while node is not None:
        if node == moving:
            return refuse(Code.GROUP_CYCLE)
        if node in seen:  # a cycle already stored: refuse rather than loop
            return refuse(Code.GROUP_CYCLE)
        seen.add(node)
        depth += 1
        node = parent_of(node)
    if depth + subtree_height > MAX_GROUP_DEPTH:
        return refuse(Code.GROUP_TOO_DEEP, f"此处放入后将有{depth + subtree_height}层")
    return None


def text_refusal(matcher: Matcher | None, *texts: str) -> Refusal | None:
    """A script's title or body holding a blocking sensitive word is refused (warn words pass)."""
    if matcher is None:
        return None
    blocked: dict[str, None] = {}
    for text in texts:
        for word in matcher.check(text or "").words("block"):
            blocked.setdefault(word, None)
    if blocked:
        return refuse(Code.SENSITIVE_WORD, "、".join(blocked))
    return None


def template_refusal(body: str) -> Refusal | None:
    try:
        templates.check(body)
    except templates.TemplateError as exc:
        return refuse(Code.INVALID_FIELD, f"正文: {exc}")
    return None


def in_validity(valid_from: date | None, valid_to: date | None, today: date) -> bool:
    """Is content with this validity shown today (both ends inclusive)?"""
    return (valid_from is None or valid_from <= today) and (valid_to is None or today <= valid_to)


def visible_to(actor: Actor, visibility: Mapping | None) -> bool:
    """Alias kept next to the other content rules (see ``visibility.material_visible``)."""
    from .visibility import material_visible

    return material_visible(actor, visibility)
