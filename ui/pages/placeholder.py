"""A page later issues fill in: says so plainly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.registry import PageHost


class PlaceholderPage(PageWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("placeholder")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(self.label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("即将推出"))


def make_placeholder(_session: Session, _host: PageHost) -> PlaceholderPage:
    """``PageSpec.factory`` of a page not built yet."""
    return PlaceholderPage()
