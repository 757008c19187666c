"""Which pages of the window a signed-in user sees.

The window declares each page's audience (``ui.pages.registry.PageSpec``);
whether a user belongs to it is decided here, from the role facts in
:mod:`guide_app.domain.permissions`, so the UI holds no role rule.
"""

from __future__ import annotations

from enum import StrEnum

from guide_app.domain import permissions as perm
from guide_core.protocol import Role, UserInfo


class Audience(StrEnum):
    EVERYONE = "everyone"
    #: Whoever may review task submissions of their own store (店长, 总部).
    REVIEWERS = "reviewers"


def sees(user: UserInfo, audience: Audience) -> bool:
    """True when ``user`` sees a page meant for ``audience``."""
    if audience is Audience.REVIEWERS:
        return perm.can_review(user, user.store_id)
    return True


def roles_seeing(audience: Audience) -> tuple[Role, ...]:
    """The roles whose members see ``audience``'s pages (for the shortcut list)."""
    return tuple(
        role
        for role in Role
        if sees(UserInfo(id="-", username="-", display_name="-", role=role, store_id="-"), audience)
    )
