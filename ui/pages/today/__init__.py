"""今日 page: the ranked queue of whom to contact today, and the guide's figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.registry import PageAction, PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.registry import PageHost
    from ui.pages.today.page import TodayPage


def _make(session: Session, host: PageHost) -> TodayPage:
    from ui.pages.today.page import TodayPage

    return TodayPage(session, host)


# The queue reads customers, follow-ups, orders, assignments and tasks, the user's marks
# and HQ's settings; the figures beside it also item checks and accounts.
ENTITIES = frozenset(
    {
        "customer", "follow_up", "order", "assignment", "task", "item_check",
        "today_action", "chain_setting", "user",
    }
)  # fmt: skip
PAGE = PageSpec(
    key="today",
    title=QT_TRANSLATE_NOOP("Pages", "今日"),
    icon="today",
    shortcut="Ctrl+1",
    factory=_make,
    entities=ENTITIES,
    order=10,
    # handled by the queue itself (ui.pages.today.page.QueueList), listed in the help
    actions=(
        PageAction(
            "today_open", "Return", QT_TRANSLATE_NOOP("Shortcuts", "打开今日事项（选好话术）")
        ),
        PageAction("today_done", "D", QT_TRANSLATE_NOOP("Shortcuts", "今日事项：完成")),
        PageAction("today_snooze", "S", QT_TRANSLATE_NOOP("Shortcuts", "今日事项：稍后提醒")),
        PageAction("today_dismiss", "N", QT_TRANSLATE_NOOP("Shortcuts", "今日事项：不适用")),
    ),
)
