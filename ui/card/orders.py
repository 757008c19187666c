"""The customer's cached orders in brief, and an order's detail dialog."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.card.figures import money_or_dash
from ui.labels import local_time, order_channel_label, order_status_label

if TYPE_CHECKING:
    from guide_app.services.orders import OrderBrief, OrderDetail


def money(cents: int | None) -> str:
    return money_or_dash(cents or 0)


when = local_time
ITEMS_COLUMN = 3
AMOUNT_COLUMN = 4
#: Added to each fitted column so neighbouring texts do not touch.
COLUMN_GAP_PX = 16


def _fit_columns(table: QTableWidget, stretch: int) -> None:
    """Columns fit their texts plus a gap; ``stretch`` takes the rest of the width and
    its long texts end in "…" (the whole text is the cell's tooltip)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setWordWrap(False)
    for col in range(table.columnCount()):
        if col == stretch:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            table.resizeColumnToContents(col)
            table.setColumnWidth(col, table.columnWidth(col) + COLUMN_GAP_PX)


class OrdersTable(QTableWidget):
    """One line per order; ``sig_order_opened(order_id)`` on double click."""

    sig_order_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.cellDoubleClicked.connect(self._open)
        self.retranslate_ui()
        _fit_columns(self, ITEMS_COLUMN)

    def retranslate_ui(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("时间"),
                self.tr("渠道"),
                self.tr("订单号"),
                self.tr("商品"),
                self.tr("金额"),
                self.tr("状态"),
            ]
        )

    def show_orders(self, orders: list[OrderBrief]) -> None:
        self.setRowCount(len(orders))
        for row, o in enumerate(orders):
            values = (
                when(o.paid_at),
                order_channel_label(str(o.channel)),
                o.channel_order_no,
                o.item_summary,
                money(o.amount_cents),
                order_status_label(str(o.status)),
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, o.id)
                if col == ITEMS_COLUMN:
                    item.setToolTip(text)
                if col == AMOUNT_COLUMN:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, col, item)
        _fit_columns(self, ITEMS_COLUMN)

    def _open(self, row: int, _col: int) -> None:
        item = self.item(row, 0)
        if item is not None:
            self.sig_order_opened.emit(item.data(Qt.ItemDataRole.UserRole))


class OrderDialog(QDialog):
    """Read-only view of one order (orders are imported by HQ, never edited here).

    Says whose order it is: the customer's name is a link, ``sig_customer_opened(id)``
    when clicked (the window opens that card, or brings it to the front).
    """

    sig_customer_opened = Signal(str)

    def __init__(
        self,
        detail: OrderDetail,
        parent: QWidget | None = None,
        remote: object | None = None,
        cached: bool = True,
    ) -> None:
        """``remote``: the server's ``LookupOrder`` when the order came from a lookup (its
        buyer, logistics company, order time, another store's or not); ``cached`` False
        marks an order this PC does not hold (不在本机)."""
        super().__init__(parent)
        order = detail.order
        self.remote = remote
        self.detail = detail
        self.order = order
        self.setWindowTitle(self.tr("订单 {0}").format(order.channel_order_no))
        self.customer_label = QLabel()
        self.customer_label.setTextFormat(Qt.TextFormat.RichText)
        self.customer_label.setWordWrap(True)
        if detail.customer_id:
            self.customer_label.setText(
                f'<a href="customer:{html.escape(detail.customer_id)}">'
                f"{html.escape(detail.customer_name)}</a>"
            )
            self.customer_label.setToolTip(self.tr("打开客户卡片"))
            self.customer_label.linkActivated.connect(
                lambda _link: self.sig_customer_opened.emit(detail.customer_id)
            )
        else:
            other = bool(getattr(remote, "other_store", False))
            if other:
                text = self.tr("其他门店（{0}）的订单").format(remote.store_name)
            elif remote is not None and remote.customer_name:
                text = self.tr("{0}（不在本机）").format(remote.customer_name)
            elif not order.customer_id:
                text = self.tr("未关联客户")
            else:
                text = self.tr("不在本机（其他门店的客户）")
            self.customer_label.setText(html.escape(text))
            self.customer_label.setProperty("role", "hint")
        form = QFormLayout()
        self.form = form
        if not cached:
            self.where_label = QLabel(self.tr("不在本机：从服务器查到"))
            self.where_label.setProperty("role", "hint")
            form.addRow(self.tr("位置"), self.where_label)
        form.addRow(self.tr("所属客户"), self.customer_label)
        form.addRow(self.tr("渠道"), QLabel(order_channel_label(str(order.channel))))
        form.addRow(self.tr("订单号"), QLabel(order.channel_order_no))
        form.addRow(self.tr("状态"), QLabel(order_status_label(str(order.status))))
        goods = sum(int(i.qty) * int(i.price_cents) for i in order.items)
        if goods > order.amount_cents:
            form.addRow(self.tr("商品金额"), QLabel(money(goods)))
            form.addRow(self.tr("优惠"), QLabel(money(goods - order.amount_cents)))
        form.addRow(self.tr("实付金额"), QLabel(money(order.amount_cents)))
        form.addRow(self.tr("付款时间"), QLabel(when(order.paid_at)))
        if order.shipped_at:
            form.addRow(self.tr("发货时间"), QLabel(when(order.shipped_at)))
        if order.finished_at:
            form.addRow(self.tr("完成时间"), QLabel(when(order.finished_at)))
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
                cell = QTableWidgetItem(text)
                if col == 0:
                    cell.setToolTip(text)
                items.setItem(row, col, cell)
        _fit_columns(items, 0)
        self.items = items
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(items)
        layout.addWidget(buttons)
        self.resize(560, 380)
        self._extras_shown = False
        if remote is not None:
            self.show_server_facts(remote)

    def show_server_facts(self, remote: object) -> None:
        """Add what only the server keeps (the export file's buyer, order time, logistics
        company): at once for a looked-up order, or when the server answers for a cached one."""
        if self._extras_shown:
            return
        self._extras_shown = True
        rows = []
        if remote.buyer_name or remote.buyer_phone:
            buyer = " ".join(p for p in (remote.buyer_name, remote.buyer_phone) if p)
            rows.append((self.tr("买家"), buyer))
        if remote.ordered_at:
            rows.append((self.tr("下单时间"), when(remote.ordered_at)))
        if remote.logistics_company:
            rows.append((self.tr("物流公司"), remote.logistics_company))
        for title, text in rows:
            self.form.addRow(title, QLabel(text))
