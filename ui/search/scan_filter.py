"""Catches barcode-scanner bursts typed while the focus is not in a text field."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.search.wedge import WedgeDetector

_TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


class ScanListener(QObject):
    """An event filter on one window: a fast burst ending in Enter is a scanned code.

    Key presses still reach their widget; only the finished code is announced.
    """

    sig_code_scanned = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.wedge = WedgeDetector()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or QApplication.activeWindow() is not self.window:
            return False
        if isinstance(QApplication.focusWidget(), _TEXT_WIDGETS):
            return False  # the search box has its own detector; editors are left alone
        now = time.monotonic()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self.wedge.finish(now)
            if code:
                self.sig_code_scanned.emit(code)
                return True
            return False
        text = event.text()
        if text and text.isprintable():
            self.wedge.feed(text, now)
        return False
