"""审核 page (not built yet: a placeholder says so)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guide_app.navigation import Audience
from ui.pages.placeholder import make_placeholder
from ui.pages.registry import PageSpec

PAGE = PageSpec(
    key="review",
    title=QT_TRANSLATE_NOOP("Pages", "审核"),
    icon="review",
    shortcut="Ctrl+6",
    factory=make_placeholder,
    audience=Audience.REVIEWERS,
    order=60,
)
