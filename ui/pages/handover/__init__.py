"""交接与合并: a store supervisor's 离职继承 (hand a leaving guide's customers to
colleagues, offline too, undo until the next sync) and 重复客户合并 (issue 14)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guide_app.navigation import Audience
from ui.pages.registry import PageSpec

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.handover.page import HandoverPage
    from ui.pages.registry import PageHost


def _make(session: Session, host: PageHost) -> HandoverPage:
    from ui.pages.handover.page import HandoverPage

    return HandoverPage(session)


PAGE = PageSpec(
    key="handover",
    title=QT_TRANSLATE_NOOP("Pages", "交接与合并"),
    icon="customers",
    shortcut="Ctrl+9",
    factory=_make,
    # the store's customers are on a supervisor's PC only (HQ reads the report)
    audience=Audience.STORE_SUPERVISORS,
    entities=frozenset({"customer", "user", "customer_tag"}),
    order=75,
)
