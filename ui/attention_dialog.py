"""The list of edits the server refused, with its reason; retry or discard each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_in_background

if TYPE_CHECKING:
    from guide_app.cache.attention import AttentionItem
    from guide_app.session import Session


class AttentionDialog(QDialog):
    """Reads ``session.attention`` off the GUI thread; writes go through the write worker."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.items: list[AttentionItem] = []
        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setProperty("role", "hint")
        self.retry_button = QPushButton()
        self.discard_button = QPushButton()
        self.close_button = QPushButton()
        self.retry_button.clicked.connect(lambda: self._act("retry"))
        self.discard_button.clicked.connect(lambda: self._act("discard"))
        self.close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for b in (self.retry_button, self.discard_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(720, 360)
        self.retranslate_ui()
        self._update_buttons()
        self.reload()

    def _update_buttons(self) -> None:
        """Retry and discard act on the selected edit: off while none is selected."""
        chosen = 0 <= self.table.currentRow() < len(self.items) and bool(
            self.table.selectionModel().selectedRows()
        )
        self.retry_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("需要处理的修改"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("修改"), self.tr("服务器原因"), self.tr("时间")]
        )
        self.retry_button.setText(self.tr("重试"))
        self.discard_button.setText(self.tr("放弃修改"))
        self.close_button.setText(self.tr("关闭"))

    def reload(self) -> None:
        run_in_background(self.session.attention.list, self._show, self._error)

    def _show(self, items: list[AttentionItem]) -> None:
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            summary = item.summary or f"{item.entity}.{item.op}"
            created = item.created_at
            for col, text in enumerate((summary, item.reason or "", str(created or ""))):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.items and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)  # the usual case is one edit: ready to act on
        self._update_buttons()
        self.message.setText(
            self.tr("没有需要处理的修改")
            if not self.items
            else self.tr("共 {0} 项").format(len(self.items))
        )

    def _error(self, exc: BaseException) -> None:
        self.message.setText(self.tr("读取失败：{0}").format(exc))

    def _act(self, action: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            self.message.setText(self.tr("请先选择一项"))
            return
        item_id = self.items[row].id
        attention = self.session.attention
        fn = {"retry": attention.retry, "discard": attention.discard}[action]
        run_in_background(
            lambda: fn(item_id), lambda _r: self._after_action(), self._error, kind="write"
        )

    def _after_action(self) -> None:
        self.session.sync.sync_now()
        self.reload()
