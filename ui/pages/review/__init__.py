"""审核 page: a supervisor reviews the guides' submitted tasks and follows the store
board; HQ follows the ranking across stores and regions (issue 13)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guide_app.navigation import Audience
from ui.pages.registry import PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.registry import PageHost
    from ui.pages.review.page import ReviewPage


def _make(session: Session, host: PageHost) -> ReviewPage:
    from ui.pages.review.page import ReviewPage

    return ReviewPage(session)


PAGE = PageSpec(
    key="review",
    title=QT_TRANSLATE_NOOP("Pages", "审核"),
    icon="review",
    shortcut="Ctrl+6",
    factory=_make,
    audience=Audience.REVIEWERS,
    entities=frozenset({"task", "task_item", "assignment", "item_check", "user"}),
    order=60,
)
