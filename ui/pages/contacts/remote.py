"""HQ's 客户 page body and card: customers of every store, read from the server (issue 9).

HQ's cache holds no store's customers, so for HQ the 客户 page shows this view instead of
the local list: typing searches the server (debounced, on the ``net`` worker of
``ui.background``), the table pages on as it is scrolled, and without the server it says
so (:data:`guide_app.services.remote_customers.OFFLINE_MESSAGE`) instead of showing an
empty list. Opening a row shows :class:`RemoteCustomerDialog`, read-only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.remote_customers import RemoteError
from guide_core import protocol
from ui.background import run_in_background
from ui.labels import (
    channel_label,
    level_label,
    local_time,
    order_channel_label,
    order_status_label,
)

log = logging.getLogger(__name__)

#: Typing pauses this long before the server is asked (a round trip, not a local query).
DEBOUNCE_MS = 300
#: Customers asked for per page (the table asks for the next as it is scrolled).
PAGE_SIZE = 50
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def _money(cents: int) -> str:
    return f"¥{cents / 100:,.2f}"


class RemoteCustomerModel(QAbstractTableModel):
    """Rows of :class:`~guide_core.protocol.RemoteCustomer`, as the server paged them."""

    COLUMNS = ("name", "store", "phone", "level", "member_no", "last_purchase_at", "owner")

    sig_more_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[protocol.RemoteCustomer] = []
        self.has_more = False
        self.loading = False

    def titles(self) -> list[str]:
        return [
            self.tr("姓名"),
            self.tr("门店"),
            self.tr("手机"),
            self.tr("等级"),
            self.tr("会员号"),
            self.tr("最近购买"),
            self.tr("导购"),
        ]

    def reset(self, rows: list[protocol.RemoteCustomer], has_more: bool) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.has_more = has_more
        self.endResetModel()

    def append(self, rows: list[protocol.RemoteCustomer], has_more: bool) -> None:
        known = {r.customer.id for r in self.rows}
        fresh = [r for r in rows if r.customer.id not in known]  # a row moved between pages
        if fresh:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self.rows += fresh
            self.endInsertRows()
        self.has_more = has_more

    def row_at(self, row: int) -> protocol.RemoteCustomer | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def refresh_rows(self) -> None:
        """Nothing to re-read locally (the rows are the server's)."""

    # -- Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == ID_ROLE:
            return row.customer.id
        if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[index.column()] in (
            "name",
            "store",
        ):  # elided with "…" when longer than the column: the whole text
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        c = row.customer
        key = self.COLUMNS[index.column()]
        if key == "name":
            return f"{c.name}（{c.remark_name}）" if c.remark_name else c.name
        if key == "store":
            return row.store_name
        if key == "phone":
            return c.phone
        if key == "level":
            return level_label(str(c.level))
        if key == "member_no":
            return c.member_no
        if key == "last_purchase_at":
            return local_time(c.last_purchase_at, with_time=False) if c.last_purchase_at else ""
        return row.owner_name

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self.has_more and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self.sig_more_wanted.emit()


class RemoteCustomersView(QWidget):
    """Search box, list and offline message of HQ's 客户 page.

    ``sig_answered(text)`` after each answer (a page of rows, or a message) is shown.
    """

    sig_answered = Signal(str)

    def __init__(self, session: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._asked = 0  # the newest question; older answers are dropped
        self._cards: list[RemoteCustomerDialog] = []
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.ask)
        self.store = QComboBox()
        self.store.setMinimumWidth(160)
        self.store.activated.connect(lambda _i: self.ask())
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.model = RemoteCustomerModel(self)
        self.model.sig_more_wanted.connect(self._ask_more)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.message = QLabel()
        self.message.setObjectName("remoteMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.retry = QPushButton()
        self.retry.clicked.connect(self.ask)
        notice = QWidget()
        box = QVBoxLayout(notice)
        box.addStretch(1)
        box.addWidget(self.message)
        box.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(notice)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.store)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(
            self.tr("在全部门店中搜索客户: 姓名 / 手机号或尾号 / 会员号")
        )
        self.retry.setText(self.tr("重试"))
        if self.store.count():
            self.store.setItemText(0, self.tr("全部门店"))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, len(RemoteCustomerModel.COLUMNS) - 1
        )

    @property
    def offline_message(self) -> str:
        """The message shown instead of the list, or '' while the list shows."""
        return self.message.text() if self.stack.currentIndex() == 1 else ""

    # ------------------------------------------------------------------ asking

    def load(self) -> None:
        """The store filter (stores are in the cache), then the first page."""
        service = self.session.remote_customers
        run_in_background(service.stores, self._stores_loaded, lambda exc: log.warning("%s", exc))
        self.ask()

    def _stores_loaded(self, stores: list) -> None:
        current = self.store.currentData()
        self.store.clear()
        self.store.addItem(self.tr("全部门店"), None)
        for store in stores:
            self.store.addItem(f"{store.code} {store.name}", store.id)
        if current is not None and (at := self.store.findData(current)) >= 0:
            self.store.setCurrentIndex(at)

    def ask(self) -> None:
        """Search the server for what the box holds (the first page)."""
        self._timer.stop()
        self._fetch(self.search.text(), 0)

    def _ask_more(self) -> None:
        self._fetch(self.search.text(), len(self.model.rows))

    def _fetch(self, text: str, offset: int) -> None:
        self._asked += 1
        asked = self._asked
        self.model.loading = True
        self.status.setText(self.tr("正在查询服务器…"))
        service = self.session.remote_customers
        store_id = self.store.currentData()
        run_in_background(
            lambda: service.search(text, store_id=store_id, offset=offset, limit=PAGE_SIZE),
            lambda page: self._answered(asked, text, offset, page),
            lambda exc: self._failed(asked, text, exc),
            kind="net",
        )

    def _answered(self, asked: int, text: str, offset: int, page: object) -> None:
        if asked != self._asked:
            return
        self.model.loading = False
        if offset == 0:
            self.model.reset(page.customers, page.has_more)
        else:
            self.model.append(page.customers, page.has_more)
        self.stack.setCurrentIndex(0)
        count = len(self.model.rows)
        if count == 0:
            self.status.setText(self.tr("没有找到客户"))
        elif self.model.has_more:
            self.status.setText(self.tr("已显示 {0} 位, 向下滚动显示更多").format(count))
        else:
            self.status.setText(self.tr("共 {0} 位客户").format(count))
        self.sig_answered.emit(text)

    def _failed(self, asked: int, text: str, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self.model.loading = False
        message = exc.message if isinstance(exc, RemoteError) else str(exc)
        if not isinstance(exc, RemoteError):
            log.warning("查询客户失败: %s", exc, exc_info=exc)
        self.model.reset([], False)
        self.message.setText(message)
        self.stack.setCurrentIndex(1)
        self.status.setText("")
        self.sig_answered.emit(text)

    # ------------------------------------------------------------------ opening

    def _open_index(self, index: QModelIndex) -> None:
        customer_id = index.data(ID_ROLE)
        if customer_id:
            self.open_card(customer_id)

    def open_card(self, customer_id: str) -> RemoteCustomerDialog:
        return open_remote_card(self.session, customer_id, self)


def open_remote_card(session: object, customer_id: str, parent: QWidget) -> RemoteCustomerDialog:
    """Show HQ's read-only card of a customer of any store (loaded from the server)."""
    card = RemoteCustomerDialog(session, customer_id, parent)
    card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    card.show()
    return card


class RemoteCustomerDialog(QDialog):
    """A customer's card as the server has it: profile, tags, follow-ups, orders (read-only).

    ``sig_loaded()`` once the card (or the message why not) is shown.
    """

    sig_loaded = Signal()

    def __init__(self, session: object, customer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.customer_id = customer_id
        self.card: protocol.RemoteCustomerCard | None = None
        self.setWindowTitle(self.tr("客户 (总部只读)"))
        self.resize(720, 560)
        self.profile = QLabel(self.tr("正在从服务器读取…"))
        self.profile.setWordWrap(True)
        self.profile.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tags = QLabel()
        self.tags.setWordWrap(True)
        self.follow_ups = self._table([self.tr("时间"), self.tr("方式"), self.tr("内容")])
        self.orders = self._table(
            [
                self.tr("渠道"),
                self.tr("订单号"),
                self.tr("付款时间"),
                self.tr("金额"),
                self.tr("状态"),
            ]
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.profile)
        layout.addWidget(self.tags)
        layout.addWidget(QLabel(self.tr("跟进记录 (最近)")))
        layout.addWidget(self.follow_ups, 1)
        layout.addWidget(QLabel(self.tr("订单 (最近)")))
        layout.addWidget(self.orders, 1)
        layout.addWidget(buttons)
        service = session.remote_customers
        run_in_background(lambda: service.card(customer_id), self._loaded, self._failed, kind="net")

    @staticmethod
    def _table(titles: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(titles))
        table.setHorizontalHeaderLabels(titles)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()

    def _loaded(self, card: protocol.RemoteCustomerCard) -> None:
        self.card = card
        row, c = card.customer, card.customer.customer
        title = f"{c.name}（{c.remark_name}）" if c.remark_name else c.name
        self.setWindowTitle(self.tr("{0} · {1} (总部只读)").format(title, row.store_name))
        facts = [
            (self.tr("门店"), f"{row.store_name} {row.store_code}".strip()),
            (self.tr("导购"), row.owner_name),
            (self.tr("手机"), c.phone),
            (self.tr("会员号"), c.member_no),
            (self.tr("等级"), level_label(str(c.level))),
            (self.tr("生日"), c.birthday.isoformat() if c.birthday else ""),
            (self.tr("订单数"), str(c.order_count)),
            (self.tr("累计消费"), _money(c.total_spent_cents)),
            (
                self.tr("最近购买"),
                local_time(c.last_purchase_at, with_time=False) if c.last_purchase_at else "",
            ),
        ]
        lines = [f"<b>{title}</b>"] + [f"{k}: {v}" for k, v in facts if v]
        if c.notes:
            lines.append(self.tr("备注: {0}").format(c.notes))
        self.profile.setText("<br>".join(lines))
        names = [f"{t.group_name}: {t.name}" if t.group_name else t.name for t in card.tags]
        self.tags.setText(self.tr("标签: {0}").format("、".join(names) if names else "—"))
        self._fill(
            self.follow_ups,
            [[local_time(f.at), channel_label(str(f.channel)), f.text] for f in card.follow_ups],
        )
        self._fill(
            self.orders,
            [
                [
                    order_channel_label(str(o.channel)),
                    o.channel_order_no,
                    local_time(o.paid_at) if o.paid_at else "",
                    _money(o.amount_cents),
                    order_status_label(str(o.status)),
                ]
                for o in card.orders
            ],
        )
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, RemoteError) else str(exc)
        self.profile.setText(message)
        self.sig_loaded.emit()
