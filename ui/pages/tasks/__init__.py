"""任务 page: the guide's assignments by day, their checklists, evidence and outreach."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.registry import PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.registry import PageHost
    from ui.pages.tasks.page import TasksPage


def _make(session: Session, _host: PageHost) -> TasksPage:
    from ui.pages.tasks.page import TasksPage

    return TasksPage(session)


PAGE = PageSpec(
    key="tasks",
    title=QT_TRANSLATE_NOOP("Pages", "任务"),
    icon="tasks",
    shortcut="Ctrl+5",
    factory=_make,
    # checklists name scripts; outreach lists show customers; follow-ups are logged here
    entities=frozenset(
        {"task", "task_item", "assignment", "item_check", "customer", "script", "user"}
    ),
    order=50,
)
