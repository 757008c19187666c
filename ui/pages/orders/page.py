"""订单 page: find an order at the counter (typed or scanned), filter, open its detail.

The list is the cache's orders over SQL paging (``guide_app.services.order_search``);
a search that finds nothing here, or 查服务器, asks the server
(``guide_app.services.order_remote``), whose rows are marked 不在本机 (and another
store's). Supervisors and HQ also get 待确认匹配 and 未匹配订单 (``matches.py``).
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.labels import ORDER_CHANNELS, ORDER_STATUSES
from guide_app.services.order_remote import OrderRemoteService
from guide_app.services.order_search import OrderQuery, OrderSearch
from guide_app.services.orders import OrderDetail
from guide_app.services.remote_customers import RemoteError, RemoteOffline
from guide_core.rules.order_lookup import CACHE_MONTHS
from ui.background import run_in_background
from ui.card.orders import OrderDialog
from ui.labels import order_channel_label, order_status_label
from ui.pages.orders.model import (
    ID_ROLE,
    ROW_ROLE,
    OrderTableModel,
    remote_rows,
)
from ui.pages.registry import PageWidget
from ui.search.wedge import WedgeDetector

log = logging.getLogger(__name__)

#: Earliest date a filter may name; the date edits show it as 不限.
NO_DATE = QDate(2000, 1, 1)
SEARCH_DELAY_MS = 250
REMOTE_PAGE = 100


class OrdersPage(PageWidget):
    sig_customer_opened = Signal(str)

    def __init__(self, session: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.search = OrderSearch(session.cache)
        self.remote = OrderRemoteService(session.api)
        self.online_only = bool(session.reads_customers_online)  # HQ holds no orders
        self.query = OrderQuery()
        self.dialog: OrderDialog | None = None
        self._open_single = False
        self._remote_note = ""
        self.wedge = WedgeDetector()

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.channel = QComboBox()
        self.status = QComboBox()
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.server_button = QPushButton()
        self.server_button.clicked.connect(self.ask_server)
        # HQ (any channel) and a supervisor (their store's POS file) import export files
        from ui.orders_import_dialog import OrdersImportDialog, may_import_orders_here

        self.import_button = QPushButton()
        self.import_button.setVisible(may_import_orders_here(session))
        self.import_button.clicked.connect(lambda: OrdersImportDialog.open_for(self.session, self))
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)

        self.model = OrderTableModel(self.search, self.query, self)
        self.model.sig_count_changed.connect(self._counted)
        self.model.sig_failed.connect(lambda msg: self.note.setText(msg))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((140, 70, 170, 130, 220, 90, 70)):
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(self._open_index)

        bar = QHBoxLayout()
        bar.addWidget(self.search_box, 3)
        self.channel_label, self.status_label, self.from_label, self.to_label = (
            QLabel(),
            QLabel(),
            QLabel(),
            QLabel(),
        )
        for label, widget in (
            (self.channel_label, self.channel),
            (self.status_label, self.status),
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
        ):
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.server_button)
        bar.addWidget(self.import_button)
        orders = QWidget()
        box = QVBoxLayout(orders)
        box.addLayout(bar)
        box.addWidget(self.note)
        box.addWidget(self.table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(orders, "")
        self.matches = self.unmatched = None
        if str(session.user.role) in ("supervisor", "hq"):
            from ui.pages.orders.matches import MatchesView, UnmatchedView

            self.matches = MatchesView(session, self.remote)
            self.unmatched = UnmatchedView(session, self.remote)
            self.matches.sig_decided.connect(self._after_decision)
            self.unmatched.sig_decided.connect(self._after_decision)
            self.tabs.addTab(self.matches, "")
            self.tabs.addTab(self.unmatched, "")
            self.tabs.currentChanged.connect(self._tab_shown)
        self.tabs.tabBar().setVisible(self.tabs.count() > 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_query)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self._enter)
        self.channel.currentIndexChanged.connect(lambda _i: self.run_query())
        self.status.currentIndexChanged.connect(lambda _i: self.run_query())
        self.date_from.dateChanged.connect(lambda _d: self.run_query())
        self.date_to.dateChanged.connect(lambda _d: self.run_query())
        self.retranslate_ui()

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setDate(NO_DATE)
        return edit

    # ------------------------------------------------------------------ texts

    def retranslate_ui(self) -> None:
        self.search_box.setPlaceholderText(
            self.tr("订单号（可扫码）、手机号或后4位、会员号、客户姓名")
        )
        self.channel_label.setText(self.tr("渠道"))
        self.status_label.setText(self.tr("状态"))
        self.from_label.setText(self.tr("从"))
        self.to_label.setText(self.tr("到"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("不限"))
        self.server_button.setText(self.tr("查服务器"))
        self.import_button.setText(self.tr("导入订单…"))
        self.server_button.setToolTip(
            self.tr("本机只保存本店近{0}个月的订单；更早的或其他门店的订单到服务器查").format(
                CACHE_MONTHS
            )
        )
        self._fill_combo(self.channel, ORDER_CHANNELS, order_channel_label, self.tr("全部渠道"))
        self._fill_combo(self.status, ORDER_STATUSES, order_status_label, self.tr("全部状态"))
        self.tabs.setTabText(0, self.tr("订单"))
        if self.matches is not None:
            self.tabs.setTabText(1, self.tr("待确认匹配"))
            self.tabs.setTabText(2, self.tr("未匹配订单"))
            self.matches.retranslate_ui()
            self.unmatched.retranslate_ui()
        self._show_note()

    @staticmethod
    def _fill_combo(combo: QComboBox, codes: dict, label, everything: str) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for code in codes:
            combo.addItem(label(code), code)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def _online(self) -> bool:
        status = self.session.sync.status
        return bool(status.online) and not self.session.offline

    def _show_note(self, count: int | None = None) -> None:
        parts = []
        if count is not None:
            parts.append(self.tr("共 {0} 个订单").format(count))
        if self._remote_note:
            parts.append(self._remote_note)
        elif self.model.is_remote:
            parts.append(self.tr("服务器查询结果：标「不在本机」的订单不在本机缓存中"))
        elif self.online_only:
            parts.append(self.tr("总部在服务器上查询订单"))
        elif self._online():
            parts.append(
                self.tr("本机保存本店近{0}个月的订单；没找到时自动到服务器查").format(CACHE_MONTHS)
            )
        else:
            parts.append(self.tr("离线：只显示本机缓存的订单（近{0}个月）").format(CACHE_MONTHS))
        self.note.setText(" · ".join(parts))

    # ------------------------------------------------------------------ queries

    def load(self) -> None:
        if self.online_only:
            self.ask_server()
            return
        search = self.search
        run_in_background(search.prune_window, lambda _n: self.run_query(), kind="write")

    def on_entities_changed(self, entities: set[str]) -> None:
        if "order" in entities and not self.online_only:
            search = self.search
            run_in_background(
                search.prune_window,
                lambda _n: None if self.model.is_remote else self.model.reload(),
                kind="write",
            )

    def current_query(self) -> OrderQuery:
        def day(edit: QDateEdit):
            d = edit.date()
            return None if d == NO_DATE else d.toPython()

        return OrderQuery(
            text=" ".join(self.search_box.text().split()),
            channel=self.channel.currentData(),
            status=self.status.currentData(),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
        )

    def run_query(self) -> None:
        self._timer.stop()
        self.query = self.current_query()
        self._remote_note = ""
        if self.online_only:
            self.ask_server()
            return
        self.model.set_query(self.query)

    def _counted(self, count: int) -> None:
        self._show_note(count)
        if self.model.is_remote:
            if self._open_single and count == 1:
                self._open_row(0)
            self._open_single = False
            return
        if count == 0 and self.query.text and self._online():
            self.ask_server()
            return
        if self._open_single and count == 1:
            self._open_row(0)
        self._open_single = False

    def ask_server(self) -> None:
        query = self.current_query()
        self.query = query
        remote, search = self.remote, self.search

        def fetch():
            page = remote.lookup(query, 0, REMOTE_PAGE)
            return page, search.cached_ids([i.order.id for i in page.items])

        def done(result) -> None:
            if self.current_query() != query:
                return
            page, cached = result
            self._remote_note = ""
            if page.total > len(page.items):
                self._remote_note = self.tr("服务器找到 {0} 个，显示最新的 {1} 个").format(
                    page.total, len(page.items)
                )
            self.model.show_remote(remote_rows(page.items, cached))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, RemoteOffline):
                self._remote_note = self.tr("离线：只显示本机缓存的订单（近{0}个月）").format(
                    CACHE_MONTHS
                )
            elif isinstance(exc, RemoteError):
                self._remote_note = self.tr("服务器查询失败：{0}").format(exc.message)
            else:
                self._remote_note = self.tr("服务器查询失败：{0}").format(exc)
            self._show_note(self.model.rowCount())

        run_in_background(fetch, done, failed)

    # ------------------------------------------------------------------ scanner, open

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.search_box and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.text():
                self.wedge.feed(event.text(), time.monotonic())
        return super().eventFilter(obj, event)

    def _enter(self) -> None:
        """Enter in the search box: search now; a scanned order no. opens its order."""
        self._open_single = bool(self.wedge.finish(time.monotonic()))
        self.wedge.reset()
        self.run_query()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        item = self.model.data(self.model.index(row, 0), ROW_ROLE)
        if item is None:
            return
        self.table.selectRow(row)
        if item.remote is None:
            detail = self.session.orders.detail(item.id)
            if detail is not None:
                dialog = OrderDialog(detail, self)
                self._show_dialog(dialog)
                self._fetch_server_facts(dialog, detail.order)
            return
        remote = item.remote
        local_name = self.search.customer_name(remote.order.customer_id)
        detail = OrderDetail(
            order=remote.order,
            customer_id=remote.order.customer_id if local_name is not None else None,
            customer_name=local_name or "",
        )
        self._show_dialog(OrderDialog(detail, self, remote=remote, cached=item.cached))

    def _fetch_server_facts(self, dialog: OrderDialog, order) -> None:
        """The cache has no logistics company, buyer or order time (the synced order
        carries none): when online, ask the server for them and add them to the dialog."""
        if not self._online():
            return
        remote, query = self.remote, OrderQuery(text=order.channel_order_no)

        def done(page) -> None:
            found = [i for i in page.items if i.order.id == order.id]
            if found and self.dialog is dialog:
                dialog.show_server_facts(found[0])

        run_in_background(lambda: remote.lookup(query, 0, 5), done, lambda _exc: None)

    def _show_dialog(self, dialog: OrderDialog) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.sig_customer_opened.connect(self._customer_opened)
        dialog.show()

    def _customer_opened(self, customer_id: str) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.sig_customer_opened.emit(customer_id)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ID_ROLE) if rows else None

    # ------------------------------------------------------------------ matches

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget in (self.matches, self.unmatched):
            widget.reload()

    def _after_decision(self) -> None:
        for view in (self.matches, self.unmatched):
            if view is not None and view.isVisible():
                view.reload()
