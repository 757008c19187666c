"""话术素材 page: the guide's scripts and materials (issue 11)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.pages.registry import PageSpec


def _make(session, host):
    from ui.pages.scripts.page import make_page

    return make_page(session, host)


PAGE = PageSpec(
    key="scripts",
    title=QT_TRANSLATE_NOOP("Pages", "话术素材"),
    icon="scripts",
    shortcut="Ctrl+3",
    factory=_make,
    order=30,
    entities=frozenset(
        {
            "script",
            "script_group",
            "material",
            "favorite",
            "script_suggestion",
            "sensitive_word",
        }
    ),
)
