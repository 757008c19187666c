"""任务发布: HQ publishes tasks to stores, regions, roles or named guides (online); a
store's supervisor makes tasks for guides of the store (offline too) (issue 13)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guide_app.navigation import Audience
from ui.pages.registry import PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.registry import PageHost
    from ui.pages.task_admin.page import TaskAdminPage


def _make(session: Session, host: PageHost) -> TaskAdminPage:
    from ui.pages.task_admin.page import TaskAdminPage

    return TaskAdminPage(session)


PAGE = PageSpec(
    key="task_admin",
    title=QT_TRANSLATE_NOOP("Pages", "任务发布"),
    icon="tasks",
    shortcut="Ctrl+8",
    factory=_make,
    # HQ and store supervisors: the people who review (guides publish nothing)
    audience=Audience.REVIEWERS,
    order=65,
)
