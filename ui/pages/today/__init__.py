"""今日 page: a few counts to start the day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.registry import EVERY_ENTITY, PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.registry import PageHost
    from ui.pages.today.page import TodayPage


def _make(session: Session, _host: PageHost) -> TodayPage:
    from ui.pages.today.page import TodayPage

    return TodayPage(session)


# Counts the edits waiting to be sent too, whatever they touch: every change.
PAGE = PageSpec(
    key="today",
    title=QT_TRANSLATE_NOOP("Pages", "今日"),
    icon="today",
    shortcut="Ctrl+1",
    factory=_make,
    entities=EVERY_ENTITY,
    order=10,
)
