"""The customer's cached orders in brief, and an order's detail dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.labels import local_time, order_channel_label, order_status_label

if TYPE_CHECKING:
    from guide_core.protocol import OrderData


def money(cents: int | None) -> str:
    return f"¥{(cents or 0) / 100:,.2f}"


when = local_time
AMOUNT_COLUMN = 3
#: Added to each fitted column so neighbouring texts do not touch.
COLUMN_GAP_PX = 16


class OrdersTable(QTableWidget):
    """One line per order; ``sig_order_opened(order_id)`` on double click."""

    sig_order_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.cellDoubleClicked.connect(self._open)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("渠道"), self.tr("订单号"), self.tr("金额"), self.tr("状态")]
        )

    def show_orders(self, orders: list) -> None:
        self.setRowCount(len(orders))
        for row, o in enumerate(orders):
            values = (
                when(o.paid_at),
                order_channel_label(str(o.channel)),
                o.channel_order_no,
                money(o.amount_cents),
                order_status_label(str(o.status)),
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, o.id)
                if col == AMOUNT_COLUMN:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, col, item)
        self.resizeColumnsToContents()
        for col in range(self.columnCount() - 1):  # room between columns; the last stretches
            self.setColumnWidth(col, self.columnWidth(col) + COLUMN_GAP_PX)

    def _open(self, row: int, _col: int) -> None:
        item = self.item(row, 0)
        if item is not None:
            self.sig_order_opened.emit(item.data(Qt.ItemDataRole.UserRole))


class OrderDialog(QDialog):
    """Read-only view of one order (orders are imported by HQ, never edited here)."""

    def __init__(self, order: OrderData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order = order
        self.setWindowTitle(self.tr("订单 {0}").format(order.channel_order_no))
        form = QFormLayout()
        form.addRow(self.tr("渠道"), QLabel(order_channel_label(str(order.channel))))
        form.addRow(self.tr("订单号"), QLabel(order.channel_order_no))
        form.addRow(self.tr("状态"), QLabel(order_status_label(str(order.status))))
        form.addRow(self.tr("金额"), QLabel(money(order.amount_cents)))
        form.addRow(self.tr("付款时间"), QLabel(when(order.paid_at)))
        if order.logistics_no:
            form.addRow(self.tr("物流单号"), QLabel(order.logistics_no))
        items = QTableWidget(len(order.items), 4)
        items.setHorizontalHeaderLabels(
            [self.tr("商品"), self.tr("SKU"), self.tr("数量"), self.tr("单价")]
        )
        items.verticalHeader().hide()
        items.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, it in enumerate(order.items):
            for col, text in enumerate((it.name, it.sku, str(it.qty), money(it.price_cents))):
                items.setItem(row, col, QTableWidgetItem(text))
        items.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(items)
        layout.addWidget(buttons)
        self.resize(560, 380)
