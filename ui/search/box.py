"""The search box: debounced queries on a worker, stale answers dropped, scanner codes."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ui.background import run_in_background
from ui.paths import icon
from ui.search.wedge import WedgeDetector

if TYPE_CHECKING:
    from guide_app.search.results import SearchResults
    from guide_app.session import Session

DEBOUNCE_MS = 120


class SearchBox(QLineEdit):
    """Emits results for the text as typed, and scanned codes as they arrive.

    The first keystroke after a pause searches at once; keystrokes that follow
    within ``DEBOUNCE_MS`` are coalesced into one trailing query. An answer for
    text that is no longer in the box is dropped.
    """

    sig_results_ready = Signal(str, object)  # text, SearchResults
    sig_cleared = Signal()
    sig_code_scanned = Signal(str)
    sig_submitted = Signal()  # Enter by a person: open the highlighted hit
    sig_navigate = Signal(int)  # +1 / -1 from the arrow keys
    sig_escape = Signal()
    sig_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.session = None
        self.wedge = WedgeDetector()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._dispatch)
        self._since_dispatch = QElapsedTimer()
        self._in_flight: str | None = None
        self._scanning = False
        self.textEdited.connect(self._on_edited)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(self.tr("搜索客户、订单、话术… 姓名/拼音/手机尾号/会员号 (Ctrl+K)"))

    def set_session(self, session: Session) -> None:
        self.session = session

    # ------------------------------------------------------------------ typing

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        now = time.monotonic()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self.wedge.finish(now)
            if code and self.text().strip().endswith(code):
                self._timer.stop()
                self._scanning = True
                self.sig_code_scanned.emit(code)
            else:
                self.sig_submitted.emit()
            return
        if key == Qt.Key.Key_Down:
            self.sig_navigate.emit(1)
            return
        if key == Qt.Key.Key_Up:
            self.sig_navigate.emit(-1)
            return
        if key == Qt.Key.Key_Escape:
            self.sig_escape.emit()
            return
        if event.text() and event.text().isprintable():
            self.wedge.feed(event.text(), now)
        super().keyPressEvent(event)

    def _on_edited(self, text: str) -> None:
        self._scanning = False
        if not text.strip():
            self._timer.stop()
            self.wedge.reset()
            self.sig_cleared.emit()
            return
        idle = not self._since_dispatch.isValid() or self._since_dispatch.elapsed() >= DEBOUNCE_MS
        if self._in_flight is None and idle:
            self._dispatch()
        else:
            self._timer.start()

    def _dispatch(self) -> None:
        text = self.text().strip()
        if not text or self.session is None:
            return
        if self._in_flight is not None:
            self._timer.start()  # one query at a time; the newest text goes next
            return
        self._in_flight = text
        self._since_dispatch.restart()
        session = self.session
        run_in_background(
            lambda: session.search(text, limit_per_kind=8),
            lambda res: self._answered(text, res),
            lambda exc: self._answered(text, None, exc),
        )

    def _answered(
        self, text: str, results: SearchResults | None, exc: BaseException | None = None
    ) -> None:
        self._in_flight = None
        current = self.text().strip()
        if text != current:
            if current and not self._timer.isActive():
                self._dispatch()
            return
        if self._scanning:
            return
        if exc is not None:
            self.sig_failed.emit(self.tr("搜索失败：{0}").format(exc))
            return
        self.sig_results_ready.emit(text, results)
