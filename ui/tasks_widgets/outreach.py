"""An outreach item's target customers, each with the linked script ready to paste.

The list is the assignment's ``targets`` for the item (resolved by the server when
the assignment was made). The script is rendered for the selected customer and
copied through the library's copy path (``CopyFlow``: missing variables, blocking
words, a question for warning words, the clipboard, the use recorded). 标记已联系
logs a follow-up on the customer and advances the item's count, in one local
transaction (``TaskService.mark_contacted``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from ui.background import run_in_background
from ui.library_widgets.copy_flow import CopyFlow

if TYPE_CHECKING:
    from guide_app.services.tasks_query import AssignmentView, ItemView

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole


class OutreachList(QWidget):
    """Signals: ``sig_message(str)`` (what happened, for the status line)."""

    sig_message = Signal(str)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.assignment: AssignmentView | None = None
        self.item: ItemView | None = None
        self.editable = True
        self.names: dict[str, str] = {}
        self.flow = CopyFlow(session, self)
        self.flow.sig_changed.connect(self._flow_changed)
        self.count = QLabel()
        self.count.setObjectName("outreachCount")
        self.count.setStyleSheet("font-weight: 600;")
        self.list = QListWidget()
        self.list.setMaximumHeight(180)
        self.list.currentItemChanged.connect(lambda *_: self._current_changed())
        self.list.itemActivated.connect(lambda *_: self.copy_current())
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMaximumHeight(110)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_current)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.copy_next)
        self.next_button.hide()
        self.contacted_button = QPushButton()
        self.contacted_button.clicked.connect(self.mark_current)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #6b7785;")
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.list)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.copy_current)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.contacted_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.preview)
        right.addLayout(buttons)
        right.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count)
        layout.addLayout(body)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.copy_button.setText(self.tr("复制话术 (Enter)"))
        self.next_button.setText(self.tr("复制下一项"))
        self.contacted_button.setText(self.tr("标记已联系"))
        if self.item is not None:
            self._show_rows()

    # ------------------------------------------------------------------ display

    def show_item(self, assignment: AssignmentView, item: ItemView, editable: bool) -> None:
        self.assignment, self.item, self.editable = assignment, item, editable
        missing = [c for c in item.targets if c not in self.names]
        if missing:
            tasks = self.session.tasks

            def named(names: dict[str, str]) -> None:
                self.names.update(names)
                self._show_rows()

            run_in_background(lambda: tasks.customer_names(missing), named)
        self._show_rows()

    def _show_rows(self) -> None:
        item = self.item
        assert item is not None
        self.count.setText(
            self.tr("已联系 {0} / {1}").format(item.contacted_count, len(item.targets))
        )
        current = self.current_customer()
        contacted = set(item.contacted_ids)
        self.list.blockSignals(True)
        self.list.clear()
        for cid in item.targets:
            name = self.names.get(cid) or self.tr("(客户未同步)")
            mark = self.tr("✓ 已联系") if cid in contacted else ""
            row = QListWidgetItem(f"{name}  {mark}".strip())
            row.setData(ID_ROLE, cid)
            self.list.addItem(row)
            if cid == current:
                self.list.setCurrentItem(row)
        if self.list.currentItem() is None and self.list.count():
            first_open = next((n for n, c in enumerate(item.targets) if c not in contacted), 0)
            self.list.setCurrentRow(first_open)
        self.list.blockSignals(False)
        has_script = bool(item.script_id)
        self.copy_button.setEnabled(has_script and self.list.count() > 0)
        self._enable_contacted()
        if not item.targets:
            self.preview.setPlainText(self.tr("这一项没有目标客户"))
        elif not has_script:
            self.preview.setPlainText(self.tr("这一项没有关联话术"))
        if current != self.current_customer() or not self.preview.toPlainText():
            self._render()

    def _enable_contacted(self) -> None:
        """标记已联系 for a customer not yet marked (a second click would log twice)."""
        cid = self.current_customer()
        done = self.item is not None and cid in set(self.item.contacted_ids)
        self.contacted_button.setEnabled(self.editable and cid is not None and not done)

    def current_customer(self) -> str | None:
        row = self.list.currentItem()
        return row.data(ID_ROLE) if row is not None else None

    def _current_changed(self) -> None:
        self._enable_contacted()
        self._render()

    def _render(self) -> None:
        item, cid = self.item, self.current_customer()
        if item is None or not item.script_id or cid is None:
            return
        library, script_id = self.session.library, item.script_id

        def shown(rendered: Any) -> None:
            if self.current_customer() == cid:
                self.preview.setPlainText(rendered.text)

        run_in_background(
            lambda: library.render(script_id, cid),
            shown,
            lambda exc: self.preview.setPlainText(self.tr("话术无法显示：{0}").format(exc)),
        )

    # ------------------------------------------------------------------ actions

    def copy_current(self) -> None:
        """The linked script for the selected customer, checked, onto the clipboard."""
        item, cid = self.item, self.current_customer()
        if item is None or not item.script_id or cid is None:
            return
        self.flow.copy_script(item.script_id, cid)  # says how it went (sig_changed)

    def copy_next(self) -> None:
        """The script's next item (a picture, a poster…) after the guide pasted the first."""
        self.flow.copy_next()

    def _flow_changed(self) -> None:
        self.next_button.setVisible(self.flow.has_next())
        self.status.setText(self.flow.message)
        if self.flow.message:
            self.sig_message.emit(self.flow.message)

    def mark_current(self) -> None:
        """标记已联系: follow-up on the customer + the item's count, then the next customer."""
        item, a, cid = self.item, self.assignment, self.current_customer()
        if item is None or a is None or cid is None or not self.editable:
            return
        name = self.names.get(cid, "")
        text = self.tr("任务「{0}」：{1}").format(a.title, item.text)
        tasks = self.session.tasks
        self.contacted_button.setEnabled(False)

        def done(_: object) -> None:
            message = self.tr("已记录联系 {0}，并写入跟进记录").format(name)
            self.status.setText(message)
            self.sig_message.emit(message)
            row = self.list.currentRow()
            if row + 1 < self.list.count():
                self.list.setCurrentRow(row + 1)

        def refused(exc: BaseException) -> None:
            self._enable_contacted()
            text = exc.message if isinstance(exc, ValidationFailed) else str(exc)
            message = self.tr("未记录：{0}").format(text)
            self.status.setText(message)
            self.sig_message.emit(message)

        run_in_background(
            lambda: tasks.mark_contacted(a.id, item.id, cid, text), done, refused, kind="write"
        )
