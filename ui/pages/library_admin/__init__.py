"""话术素材管理: HQ's and a store supervisor's management of the library (issue 11),
written through the server's admin API (online only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guide_app.navigation import Audience
from ui.pages.registry import PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.library_admin.page import LibraryAdminPage
    from ui.pages.registry import PageHost


def _make(session: Session, host: PageHost) -> LibraryAdminPage:
    from ui.pages.library_admin.page import LibraryAdminPage

    return LibraryAdminPage(session)


PAGE = PageSpec(
    key="library_admin",
    title=QT_TRANSLATE_NOOP("Pages", "内容管理"),
    icon="scripts",
    shortcut="Ctrl+7",
    factory=_make,
    audience=Audience.LIBRARY_ADMINS,
    order=70,
)
