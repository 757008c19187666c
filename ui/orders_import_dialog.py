"""导入订单 (HQ and a store's supervisor): a platform's export file (and its item file)
or a store's POS file with its column-mapping file, uploaded with progress; the
server's report per file — rows read, imported, updated, unchanged, unmatched,
suggested — and every rejected row with its file, line and reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.library_admin import AdminError, human_size
from guide_app.services.order_import import OrderImport
from guide_core.order_import_api import OrderImportReport
from ui.background import run_in_background


def may_import_orders_here(session: object) -> bool:
    """Does the signed-in user get 导入订单 (HQ; a store's supervisor, POS only)?"""
    return OrderImport(session.api, session.user).may_import()


class OrdersImportDialog(QDialog):
    """``sig_imported(reports)`` after an upload that imported or updated orders."""

    sig_imported = Signal(object)
    #: (bytes sent, bytes in all the files), emitted from the upload's thread
    sig_progress = Signal(int, int)

    def __init__(self, session: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = OrderImport(session.api, session.user, getattr(session, "cache", None))
        self.reports: list[OrderImportReport] | None = None
        self.busy = 0
        self.channel = QComboBox()
        for code in self.service.channels():
            self.channel.addItem(code, code)
        self.channel.currentIndexChanged.connect(lambda _i: self._channel_changed())
        self.order_file = QLineEdit()
        self.order_file.setReadOnly(True)
        self.choose_order = QPushButton()
        self.choose_order.clicked.connect(lambda: self._ask(self.order_file, tables=True))
        self.item_file = QLineEdit()
        self.item_file.setReadOnly(True)
        self.choose_item = QPushButton()
        self.choose_item.clicked.connect(lambda: self._ask(self.item_file, tables=True))
        self.clear_item = QPushButton()
        self.clear_item.clicked.connect(lambda: self.set_item_file(None))
        self.mapping_file = QLineEdit()
        self.mapping_file.setReadOnly(True)
        self.choose_mapping = QPushButton()
        self.choose_mapping.clicked.connect(lambda: self._ask(self.mapping_file, tables=False))
        self.store = QComboBox()
        self.store.addItem("", None)
        if self.service.is_hq:
            for s in self.service.stores():
                self.store.addItem(f"{s.code} {s.name}", s.code)
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.hide()
        self.progress_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.verticalHeader().hide()
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.run_import)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sig_progress.connect(self._progressed)

        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.channel)
        self.form.addRow(QLabel(), _row(self.order_file, self.choose_order))
        self.form.addRow(QLabel(), _row(self.item_file, self.choose_item, self.clear_item))
        self.form.addRow(QLabel(), _row(self.mapping_file, self.choose_mapping))
        self.form.addRow(QLabel(), self.store)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 600)
        self.retranslate_ui()
        self._channel_changed()

    @classmethod
    def open_for(cls, session: object, parent: QWidget | None = None) -> OrdersImportDialog:
        """Open the dialog (window-modal, deleted when closed), as the 订单 page does."""
        dialog = cls(session, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("导入订单"))
        names = {
            "tmall": self.tr("天猫/淘宝"),
            "jd": self.tr("京东POP"),
            "youzan": self.tr("有赞"),
            "douyin": self.tr("抖店"),
            "pos": self.tr("门店POS"),
        }
        for i in range(self.channel.count()):
            self.channel.setItemText(i, names.get(self.channel.itemData(i), ""))
        labels = (
            self.tr("渠道:"),
            self.tr("订单文件:"),
            self.tr("商品明细文件 (可选):"),
            self.tr("列映射文件:"),
            self.tr("未匹配订单归入:"),
        )
        for n, text in enumerate(labels):
            label = self.form.itemAt(n, QFormLayout.ItemRole.LabelRole).widget()
            label.setText(text)
        self.order_file.setPlaceholderText(self.tr("平台导出的订单表 (.csv 或 .xlsx)"))
        self.item_file.setPlaceholderText(
            self.tr("天猫宝贝报表或有赞商品维度导出, 在订单文件之后上传")
        )
        self.mapping_file.setPlaceholderText(self.tr("POS 文件的列映射 (.json 或 .yaml)"))
        self.choose_order.setText(self.tr("选择…"))
        self.choose_item.setText(self.tr("选择…"))
        self.clear_item.setText(self.tr("清除"))
        self.choose_mapping.setText(self.tr("选择…"))
        self.store.setItemText(0, self.tr("(不指定)"))
        if self.service.is_hq:
            self.hint.setText(
                self.tr(
                    "按渠道+订单号导入, 重复导入只会更新状态、金额和物流, 不会重复。"
                    "会员号或完整手机号相同的订单归到该客户; 打码手机号只作为建议匹配, "
                    "由店长确认。没有匹配到客户的订单归入所选门店。"
                )
            )
        else:
            self.hint.setText(
                self.tr(
                    "店长可以导入本店的门店POS文件 (需要列映射文件); 其他门店的行会被拒绝。"
                    "平台订单由总部导入。"
                )
            )
        self.problems.setHorizontalHeaderLabels([self.tr("文件"), self.tr("行"), self.tr("原因")])
        self.import_button.setText(self.tr("导入"))

    # -- choices ------------------------------------------------------------------------

    def _channel_changed(self) -> None:
        pos = self.channel.currentData() == "pos"
        self._show_row(2, not pos)  # POS files hold their items
        self._show_row(3, pos)
        self._show_row(4, self.service.is_hq)
        if pos:
            self.set_item_file(None)
        self.update_controls()

    def _show_row(self, n: int, shown: bool) -> None:
        self.form.setRowVisible(n, shown)

    def _ask(self, target: QLineEdit, *, tables: bool) -> None:
        if tables:
            pattern = self.tr("表格 (*.xlsx *.csv)")
        else:
            pattern = self.tr("列映射 (*.json *.yaml *.yml)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入订单"), "", pattern)
        if path:
            target.setText(path)
            self.update_controls()

    def set_channel(self, channel: str) -> None:
        self.channel.setCurrentIndex(self.channel.findData(channel))

    def set_order_file(self, path: Path | None) -> None:
        self.order_file.setText(str(path) if path else "")
        self.update_controls()

    def set_item_file(self, path: Path | None) -> None:
        self.item_file.setText(str(path) if path else "")
        self.update_controls()

    def set_mapping_file(self, path: Path | None) -> None:
        self.mapping_file.setText(str(path) if path else "")
        self.update_controls()

    def set_store(self, code: str | None) -> None:
        self.store.setCurrentIndex(max(0, self.store.findData(code)))

    def update_controls(self) -> None:
        idle = self.busy == 0
        for w in (self.channel, self.choose_order, self.choose_item, self.clear_item):
            w.setEnabled(idle)
        for w in (self.choose_mapping, self.store):
            w.setEnabled(idle)
        ready = bool(self.order_file.text())
        if self.channel.currentData() == "pos":
            ready = ready and bool(self.mapping_file.text())
        self.import_button.setEnabled(idle and ready and self.channel.count() > 0)

    # -- the upload ---------------------------------------------------------------------

    def run_import(self) -> None:
        channel = self.channel.currentData()
        if not channel or not self.order_file.text():
            return
        paths = [Path(self.order_file.text())]
        if self.item_file.text() and channel != "pos":
            paths.append(Path(self.item_file.text()))
        mapping = Path(self.mapping_file.text()) if channel == "pos" else None
        store_code = self.store.currentData() if self.service.is_hq else None
        self.reports = None
        self.problems.setRowCount(0)
        self.summary.setText(self.tr("正在上传并导入…"))
        self.progress.setValue(0)
        self.progress.show()
        self.progress_label.clear()
        self.busy += 1
        self.update_controls()
        emit = self.sig_progress.emit

        def done(reports: list[OrderImportReport]) -> None:
            self.busy -= 1
            self._answered(reports)

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            self.progress.hide()
            message = exc.message if isinstance(exc, AdminError) else str(exc)
            self.summary.setText(self.tr("没有完成: {0}").format(message))
            self.reports = []
            self.update_controls()

        run_in_background(
            lambda: self.service.import_files(
                channel, paths, store_code=store_code, mapping=mapping, progress=emit
            ),
            done,
            failed,
            kind="net",
        )

    def _progressed(self, sent: int, total: int) -> None:
        self.progress.setValue(int(1000 * sent / total) if total else 1000)
        text = self.tr("已上传 {0} / {1}").format(human_size(sent), human_size(total))
        if sent >= total:
            text += self.tr(", 服务器正在导入…")
        self.progress_label.setText(text)

    def _answered(self, reports: list[OrderImportReport]) -> None:
        self.reports = reports
        self.progress.hide()
        self.progress_label.clear()
        parts = []
        problems = []
        for r in reports:
            name = ", ".join(f.file for f in r.files) or (r.problems[0].file if r.problems else "")
            if r.failed:
                head = self.tr("{0}: 文件无法导入, 没有导入任何订单").format(name)
            else:
                head = self.tr(
                    "{0}: 读取 {1} 行; 新导入 {2}, 更新 {3}, 未变 {4}; 未匹配客户 {5}, "
                    "建议匹配 {6}; 未付款跳过 {7}; 拒绝 {8} 行"
                ).format(
                    name,
                    r.rows_read,
                    r.orders_imported,
                    r.orders_updated,
                    r.orders_unchanged,
                    r.orders_unmatched,
                    r.orders_suggested,
                    r.orders_skipped,
                    r.rejected,
                )
                if r.rejected > len(r.problems):
                    head += self.tr(" (下表列出前 {0} 行)").format(len(r.problems))
            parts.append(head)
            problems.extend(r.problems)
        if any(r.failed for r in reports) and len(reports) < self._file_count():
            parts.append(self.tr("后面的文件没有上传。"))
        self.summary.setText("\n".join(parts))
        self.problems.setRowCount(len(problems))
        for n, p in enumerate(problems):
            line = str(p.line) if p.line > 0 else self.tr("整个文件")
            for c, text in enumerate((p.file, line, p.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.problems.setItem(n, c, item)
        self.update_controls()
        if any(r.orders_imported or r.orders_updated for r in reports):
            self.sig_imported.emit(reports)

    def _file_count(self) -> int:
        channel = self.channel.currentData()
        return 1 + int(bool(self.item_file.text()) and channel != "pos")


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widgets[0], 1)
    for w in widgets[1:]:
        row.addWidget(w)
    return box
