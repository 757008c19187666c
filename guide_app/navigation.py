"""Which pages of the window a signed-in user sees.

The window declares each page's audience (``ui.pages.registry.PageSpec``);
whether a user belongs to it is decided here, from the role facts in
:mod:`guide_app.domain.permissions`, so the UI holds no role rule.
"""

from __future__ import annotations

from enum import StrEnum

from guide_app.domain import permissions as perm
from guide_core.protocol import Role, UserInfo
from guide_core.rules.content import may_manage_content


class Audience(StrEnum):
    EVERYONE = "everyone"
    #: Whoever may review task submissions of their own store (店长, 总部).
    REVIEWERS = "reviewers"
    #: Whoever manages library content (总部: the chain's; 店长: their store's).
    LIBRARY_ADMINS = "library_admins"
    #: A store's supervisor (店长) only: the store's customers are on their PC (离职继承).
    STORE_SUPERVISORS = "store_supervisors"


def sees(user: UserInfo, audience: Audience) -> bool:
    """True when ``user`` sees a page meant for ``audience``."""
    if audience is Audience.REVIEWERS:
        return perm.can_review(user, user.store_id)
    if audience is Audience.STORE_SUPERVISORS:
        return user.role == Role.SUPERVISOR and user.store_id is not None
    if audience is Audience.LIBRARY_ADMINS:
        actor = perm.actor_of(user)
        return (
            may_manage_content(actor, "hq", None) is None
            or may_manage_content(actor, "store", user.store_id) is None
        )
    return True


def roles_seeing(audience: Audience) -> tuple[Role, ...]:
    """The roles whose members see ``audience``'s pages (for the shortcut list)."""
    return tuple(
        role
        for role in Role
        if sees(UserInfo(id="-", username="-", display_name="-", role=role, store_id="-"), audience)
    )
