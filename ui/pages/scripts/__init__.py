"""话术素材 page (not built yet: a placeholder says so)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.placeholder import make_placeholder
from ui.pages.registry import PageSpec

PAGE = PageSpec(
    key="scripts",
    title=QT_TRANSLATE_NOOP("Pages", "话术素材"),
    icon="scripts",
    shortcut="Ctrl+3",
    factory=make_placeholder,
    order=30,
)
