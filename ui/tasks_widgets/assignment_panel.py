"""One assignment: what it is, why it came back, its checklist, and 提交审核.

A sent-back assignment shows the reviewer's reason at the top; the next tick
(or 提交) moves it back to 进行中 (the service queues the implied start). The
submit asks the shared rule through ``TaskService.submit``; a refusal (items
open, a note or photo missing) is shown as the rule says it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_app.services.tasks_query import OPEN
from ui.background import run_in_background
from ui.tasks_widgets.item_row import ItemRow

if TYPE_CHECKING:
    from guide_app.services.tasks_query import AssignmentView, ItemView

log = logging.getLogger(__name__)

_BANNER = "padding: 8px; border-radius: 6px; background: {0}; color: {1};"


def _time(value: str | None) -> str:
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


class AssignmentPanel(QWidget):
    """Signals: ``sig_message(str)`` for the page's status line."""

    sig_message = Signal(str)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: AssignmentView | None = None
        self.rows: dict[str, ItemRow] = {}
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setStyleSheet("color: #6b7785;")
        self.sent_back = QLabel()
        self.sent_back.setObjectName("sentBackReason")
        self.sent_back.setWordWrap(True)
        self.sent_back.setStyleSheet(_BANNER.format("#fdecea", "#a12b1f"))
        self.edited = QLabel()
        self.edited.setObjectName("taskEdited")
        self.edited.setWordWrap(True)
        self.edited.setStyleSheet(_BANNER.format("#e8f1fb", "#1f4e79"))
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.items_box = QWidget()
        self.items_layout = QVBoxLayout(self.items_box)
        self.items_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.items_box)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitAssignment")
        self.submit_button.clicked.connect(self.submit)
        self.reopen_button = QPushButton()
        self.reopen_button.clicked.connect(self.reopen)
        self.message = QLabel()
        self.message.setObjectName("assignmentMessage")
        self.message.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #8a96a3;")

        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.reopen_button)
        bottom.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        for w in (self.title, self.meta, self.sent_back, self.edited, self.description):
            layout.addWidget(w)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(bottom)
        self.retranslate_ui()
        self.show_assignment(None, [])

    def retranslate_ui(self) -> None:
        self.submit_button.setText(self.tr("提交审核"))
        self.reopen_button.setText(self.tr("撤回提交"))
        self.empty.setText(self.tr("在左侧选择一个任务"))
        for row in self.rows.values():
            row.retranslate_ui()
        if self.view is not None:
            self._show_header(self.view)

    # ------------------------------------------------------------------ display

    def show_assignment(self, view: AssignmentView | None, items: list[ItemView]) -> None:
        """Show ``view`` with ``items``; the rows of the same items are kept (focus, typing)."""
        same = self.view is not None and view is not None and self.view.id == view.id
        self.view = view
        has = view is not None
        for w in (self.title, self.meta, self.description, self.scroll):
            w.setVisible(has)
        self.empty.setVisible(not has)
        self.submit_button.setVisible(has)
        if view is None:
            self.sent_back.hide()
            self.edited.hide()
            self.reopen_button.hide()
            self._clear_rows()
            return
        if not same or [i.id for i in items] != list(self.rows):
            self._clear_rows()
            for item in items:
                row = ItemRow(self.session, self.items_box)
                row.sig_message.connect(self.sig_message)
                self.items_layout.insertWidget(self.items_layout.count() - 1, row)
                self.rows[item.id] = row
            if not same:
                self.message.setText("")
        editable = view.status in OPEN
        for item in items:
            self.rows[item.id].show_item(view, item, editable)
        self._show_header(view)

    def _show_header(self, view: AssignmentView) -> None:
        self.title.setText(view.title)
        due = _time(view.due_at)
        parts = [view.kind_label, view.status_label]
        if view.start_at and view.status == "todo":
            parts.append(self.tr("开始 {0}").format(_time(view.start_at)))
        parts.append(self.tr("截止 {0}").format(due) if due else self.tr("无截止时间"))
        parts.append(self.tr("完成 {0}/{1}").format(view.items_done, view.items_total))
        self.meta.setText(" · ".join(parts))
        self.description.setText(view.description)
        self.description.setVisible(bool(view.description))
        back = view.status == "sent_back" and bool(view.review_reason)
        self.sent_back.setText(self.tr("已退回，原因：{0}").format(view.review_reason))
        self.sent_back.setVisible(back)
        self.edited.setText(self.tr("任务已修改：{0}").format(view.edit_note))
        self.edited.setVisible(bool(view.edit_note))
        self.submit_button.setEnabled(view.status in OPEN)
        self.reopen_button.setVisible(view.status == "submitted")

    def _clear_rows(self) -> None:
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows.clear()

    def row(self, item_id: str) -> ItemRow:
        return self.rows[item_id]

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;")
        self.message.setText(text)
        self.sig_message.emit(text)

    # ------------------------------------------------------------------ actions

    def submit(self) -> None:
        if self.view is None:
            return
        tasks, aid = self.session.tasks, self.view.id
        self.submit_button.setEnabled(False)

        def done(_: object) -> None:
            self.say(self.tr("已提交，等待店长审核"))

        def refused(exc: BaseException) -> None:
            self.submit_button.setEnabled(True)
            text = exc.message if isinstance(exc, ValidationFailed) else str(exc)
            self.say(self.tr("不能提交：{0}").format(text), error=True)

        run_in_background(lambda: tasks.submit(aid), done, refused, kind="write")

    def reopen(self) -> None:
        if self.view is None:
            return
        tasks, aid = self.session.tasks, self.view.id

        def refused(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, ValidationFailed) else str(exc)
            self.say(self.tr("不能撤回：{0}").format(text), error=True)

        run_in_background(
            lambda: tasks.reopen(aid),
            lambda _: self.say(self.tr("已撤回提交，可以继续修改")),
            refused,
            kind="write",
        )
