"""Beside WeCom: a small always-on-top panel to find a script and copy it.

Opened from the tray, Ctrl+Shift+K anywhere in the app, or 文件 → 快捷话术面板.
The box is focused; the customer in context shows (an open card's, or one
picked by typing in the second field, or none); an empty box lists
favourites and recently used scripts; a pasted customer's message ranks the
scripts that answer it. Enter copies and the panel hides; Esc hides it. A
script of several items keeps the panel open until the last item is copied
(Enter again, or Ctrl+Shift+C, copies the next).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.library_widgets.customer_field import CustomerField
from ui.library_widgets.picker import ScriptPicker

if TYPE_CHECKING:
    from guide_app.session import Session

#: The in-app key (an application-wide shortcut: it works from a card too).
PANEL_KEYS = "Ctrl+Shift+K"


class QuickPanel(QWidget):
    """``sig_hidden`` when it gets out of the way (copied, or Esc)."""

    sig_hidden = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("QuickPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app alive
        self.session = session
        self.heading = QLabel()
        self.heading.setProperty("role", "hint")
        self.customer = CustomerField(session)
        self.picker = ScriptPicker(session)
        self.customer.sig_customer_changed.connect(lambda cid, _name: self.picker.set_customer(cid))
        self.picker.sig_done.connect(self.hide_panel)
        self.picker.sig_escape.connect(self.hide_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.customer)
        layout.addWidget(self.picker, 1)
        self.resize(380, 520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("快捷话术"))
        self.heading.setText(
            self.tr("输入搜索或粘贴客户消息 · Enter 复制 · Esc 收起 ({0})").format(PANEL_KEYS)
        )
        self.customer.retranslate_ui()
        self.picker.retranslate_ui()

    def open_panel(self, customer_id: str | None = None, customer_name: str = "") -> None:
        """Show, on top, with the search box focused (the guide asked for it)."""
        if customer_id is not None or not self.isVisible():
            self.customer.set_customer(customer_id, customer_name)
        self.picker.begin()
        self.show()
        self.raise_()
        self.activateWindow()
        self.picker.search.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def toggle(self, customer_id: str | None = None, customer_name: str = "") -> None:
        if self.isVisible() and self.isActiveWindow():
            self.hide_panel()
        else:
            self.open_panel(customer_id, customer_name)

    def hide_panel(self) -> None:
        self.hide()
        self.sig_hidden.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.hide_panel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()  # the window's close button only hides it
        self.hide_panel()
