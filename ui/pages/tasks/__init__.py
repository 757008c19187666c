"""任务 page (not built yet: a placeholder says so)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.placeholder import make_placeholder
from ui.pages.registry import PageSpec

PAGE = PageSpec(
    key="tasks",
    title=QT_TRANSLATE_NOOP("Pages", "任务"),
    icon="tasks",
    shortcut="Ctrl+5",
    factory=make_placeholder,
    order=50,
)
