"""Supervisors' and HQ's order matching: 待确认匹配 (suggested customers to confirm,
reject, or replace by another customer) and 未匹配订单 (a store's orders without a
customer). Both are online: the server holds suggestions and unmatched orders.

A supervisor picks among their store's cached customers; HQ (no customers cached)
picks among the store's customers read online.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.customer_query import CustomerQuery
from guide_app.services.remote_customers import RemoteError
from ui.background import run_in_background
from ui.card.figures import money_or_dash
from ui.labels import local_time, order_channel_label

PAGE_SIZE = 100


def customer_finder(session: object, store_id: str | None):
    """``find(text) -> [(id, label)]`` over the store's customers: the cache for a
    supervisor, the server for HQ."""
    if session.reads_customers_online:

        def find_online(text: str) -> list[tuple[str, str]]:
            page = session.remote_customers.search(text, store_id=store_id, limit=50)
            return [(r.customer.id, _label(r.customer.name, r.customer.remark_name,
                                           r.customer.phone)) for r in page.customers]  # fmt: skip

        return find_online

    def find_cached(text: str) -> list[tuple[str, str]]:
        rows = session.customers.page(CustomerQuery(mine_only=False, text=text), 0, 50)
        return [(r.id, _label(r.name, r.remark_name, r.phone_display)) for r in rows]

    return find_cached


def _label(name: str, remark: str, phone: str) -> str:
    shown = f"{name}（{remark}）" if remark else name
    return f"{shown}  {phone}" if phone else shown


class CustomerPicker(QDialog):
    """Type a name, phone tail or member no.; pick one customer of the store."""

    def __init__(self, find, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.find = find
        self.chosen_id: str | None = None
        self.setWindowTitle(self.tr("选择客户"))
        self.box = QLineEdit()
        self.box.setPlaceholderText(self.tr("姓名、拼音、手机后4位或会员号"))
        self.list = QListWidget()
        self.message = QLabel()
        self.message.setProperty("role", "hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self._accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.box.textChanged.connect(lambda _t: self._timer.start())
        self.resize(420, 420)
        self.refresh()

    def refresh(self) -> None:
        text = self.box.text()
        find = self.find

        def done(rows) -> None:
            if self.box.text() != text:
                return
            self.list.clear()
            for cid, label in rows:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, cid)
                self.list.addItem(item)
            if rows:
                self.list.setCurrentRow(0)
            self.message.setText("" if rows else self.tr("没有找到客户"))

        def failed(exc: BaseException) -> None:
            self.message.setText(getattr(exc, "message", str(exc)))

        run_in_background(lambda: find(text), done, failed)

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.message.setText(self.tr("请先选择一位客户"))
            return
        self.chosen_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept()


class _OnlineList(QWidget):
    """A table filled from the server, a store choice for HQ, buttons, a message line."""

    sig_decided = Signal()

    def __init__(self, session: object, remote: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.remote = remote
        self.rows: list = []
        self.picker: CustomerPicker | None = None
        #: What the last decision did, kept on the message line by the reload it causes.
        self._decided = ""
        self.store = QComboBox()
        self.store.setVisible(bool(session.reads_customers_online))
        if session.reads_customers_online:
            for s in session.remote_customers.stores():
                self.store.addItem(f"{s.code} {s.name}", s.id)
            self.store.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = QTableWidget(0, len(self.headers()))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setProperty("role", "hint")
        self.message.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.store)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def store_id(self) -> str | None:
        return self.store.currentData() if self.session.reads_customers_online else None

    def headers(self) -> list[str]:
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(self.headers())
        self.refresh_button.setText(QCoreApplication.translate("OrderMatches", "刷新"))

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def fill(self, rows: list, cells) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.selectRow(0)

    def show_count(self, text: str) -> None:
        """The list's count on the message line, after what a decision just did (once)."""
        self.message.setText("；".join(t for t in (self._decided, text) if t))
        self._decided = ""

    def failed(self, exc: BaseException) -> None:
        self.message.setText(
            exc.message
            if isinstance(exc, RemoteError)
            else QCoreApplication.translate("OrderMatches", "出错：{0}").format(exc)
        )

    def choose_for(self, order_id: str, order_store: str) -> None:
        """Pick a customer of the order's store, then link the order to them."""
        picker = CustomerPicker(customer_finder(self.session, order_store), self)
        self.picker = picker

        def chosen(result: int) -> None:
            if result != QDialog.DialogCode.Accepted or not picker.chosen_id:
                return
            cid = picker.chosen_id
            self.decide(lambda: self.remote.choose_customer(order_id, cid))

        picker.finished.connect(chosen)
        picker.open()

    def decide(self, call) -> None:
        def done(result) -> None:
            self._decided = (
                QCoreApplication.translate("OrderMatches", "已处理：订单 {0}").format(
                    result.order.channel_order_no
                )
                if result.outcome == "rejected"
                else QCoreApplication.translate(
                    "OrderMatches", "已关联：订单 {0} 归入所选客户"
                ).format(result.order.channel_order_no)
            )
            self.message.setText(self._decided)
            self.sig_decided.emit()
            self.reload()

        run_in_background(call, done, self.failed)


class MatchesView(_OnlineList):
    """待确认匹配: each suggestion with its order, the suggested customer and why."""

    def __init__(self, session: object, remote: object, parent: QWidget | None = None) -> None:
        super().__init__(session, remote, parent)
        self.confirm_button = QPushButton()
        self.reject_button = QPushButton()
        self.other_button = QPushButton()
        self.confirm_button.clicked.connect(self.confirm)
        self.reject_button.clicked.connect(self.reject)
        self.other_button.clicked.connect(self.choose_other)
        for b in (self.confirm_button, self.reject_button, self.other_button):
            self.bar.addWidget(b)
        self.bar.addStretch(1)
        self.bar.addWidget(self.refresh_button)
        self.retranslate_ui()

    def headers(self) -> list[str]:
        return [
            self.tr("付款时间"),
            self.tr("渠道"),
            self.tr("订单号"),
            self.tr("金额"),
            self.tr("买家"),
            self.tr("买家手机"),
            self.tr("建议客户"),
            self.tr("客户手机"),
            self.tr("原因"),
        ]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.confirm_button.setText(self.tr("确认"))
        self.reject_button.setText(self.tr("拒绝"))
        self.other_button.setText(self.tr("选择其他客户…"))

    def reload(self) -> None:
        remote, store = self.remote, self.store_id()

        def done(page) -> None:
            self.fill(
                page.items,
                lambda s: (
                    local_time(s.order.paid_at),
                    order_channel_label(s.order.channel),
                    s.order.channel_order_no,
                    money_or_dash(s.order.amount_cents),
                    s.buyer_name,
                    s.buyer_phone,
                    s.customer_name,
                    s.customer_phone,
                    s.reason,
                ),
            )
            self.show_count(
                self.tr("共 {0} 条待确认").format(page.total)
                if page.total
                else self.tr("没有待确认的匹配")
            )

        run_in_background(lambda: remote.suggestions(store, 0, PAGE_SIZE), done, self.failed)

    def confirm(self) -> None:
        s = self.selected()
        if s is not None:
            self.decide(lambda: self.remote.confirm(s.id))

    def reject(self) -> None:
        s = self.selected()
        if s is not None:
            self.decide(lambda: self.remote.reject(s.id))

    def choose_other(self) -> None:
        s = self.selected()
        if s is not None:
            self.choose_for(s.order.id, s.order.store_id)


class UnmatchedView(_OnlineList):
    """未匹配订单: a store's orders without a customer; 选择客户… links one."""

    def __init__(self, session: object, remote: object, parent: QWidget | None = None) -> None:
        super().__init__(session, remote, parent)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose)
        self.bar.addWidget(self.choose_button)
        self.bar.addStretch(1)
        self.bar.addWidget(self.refresh_button)
        self.retranslate_ui()

    def headers(self) -> list[str]:
        return [
            self.tr("付款时间"),
            self.tr("渠道"),
            self.tr("订单号"),
            self.tr("金额"),
            self.tr("买家"),
            self.tr("买家手机"),
            self.tr("建议"),
        ]

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.choose_button.setText(self.tr("选择客户…"))

    def reload(self) -> None:
        remote, store = self.remote, self.store_id()

        def done(page) -> None:
            self.fill(
                page.items,
                lambda o: (
                    local_time(o.paid_at),
                    order_channel_label(o.channel),
                    o.channel_order_no,
                    money_or_dash(o.amount_cents),
                    o.buyer_name,
                    o.buyer_phone,
                    self.tr("{0} 个待确认").format(o.suggestions) if o.suggestions else "",
                ),
            )
            self.show_count(
                self.tr("共 {0} 个未匹配订单").format(page.total)
                if page.total
                else self.tr("没有未匹配的订单")
            )

        run_in_background(lambda: remote.unmatched(store, 0, PAGE_SIZE), done, self.failed)

    def choose(self) -> None:
        o = self.selected()
        if o is not None:
            self.choose_for(o.id, o.store_id)
