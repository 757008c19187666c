"""导入会员 (HQ and a store's supervisor): a CRM/POS member file checked first (dry run),
then imported for real, all or nothing, with the server's report — counts, and every
bad row with its row, column and reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.library_admin import AdminError
from guide_app.services.member_import import MemberImport
from guide_core.member_import_api import MEMBER_COLUMNS, MemberImportReport
from ui.background import run_in_background


class MemberImportDialog(QDialog):
    """``sig_imported(report)`` after a real import wrote the file."""

    sig_imported = Signal(object)

    def __init__(self, session: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = MemberImport(session.api, session.user, getattr(session, "cache", None))
        self.path: Path | None = None
        self.report: MemberImportReport | None = None
        self.checked_ok = False
        self.busy = 0
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self._ask_file)
        self.store_label = QLabel()
        self.store = QComboBox()
        self.store.addItem("", None)
        if self.service.is_hq:
            for s in self.service.stores():
                self.store.addItem(f"{s.code} {s.name}", s.id)
        else:
            self.store.hide()
        self.store.currentIndexChanged.connect(lambda _i: self._forget_check())
        self.columns = QLabel()
        self.columns.setProperty("role", "hint")
        self.columns.setWordWrap(True)
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
        self.check_button = QPushButton()
        self.check_button.clicked.connect(lambda: self.run_import(dry_run=True))
        self.import_button = QPushButton()
        self.import_button.clicked.connect(lambda: self.run_import(dry_run=False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_label)
        store_row.addWidget(self.store, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(store_row)
        layout.addWidget(self.columns)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 520)
        self.retranslate_ui()
        self.update_controls()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("导入会员"))
        self.file.setPlaceholderText(self.tr("选择要导入的会员表 (.xlsx 或 .csv)"))
        self.choose.setText(self.tr("选择文件…"))
        if self.service.is_hq:
            self.store_label.setText(self.tr("门店列为空的行归入:"))
            self.store.setItemText(0, self.tr("(不指定, 按文件的门店列)"))
        else:
            self.store_label.setText(self.tr("导入到本店"))
        self.columns.setText(
            self.tr(
                "文件的列: {0}。手机号和会员号至少填一个; 导购为空时新客户平均分给门店的导购; "
                "标签写成 标签组:标签, 多个用 ; 分隔。同一会员号或本店同一手机号的客户会被更新, "
                "不会重复。先检查, 没有问题再导入; 有任何一行出错时不会导入任何内容。"
            ).format("、".join(MEMBER_COLUMNS))
        )
        self.problems.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("原因")])
        self.check_button.setText(self.tr("检查"))
        self.import_button.setText(self.tr("导入"))

    def update_controls(self) -> None:
        idle = self.busy == 0
        self.choose.setEnabled(idle)
        self.store.setEnabled(idle)
        self.check_button.setEnabled(idle and self.path is not None)
        self.import_button.setEnabled(idle and self.path is not None and self.checked_ok)

    def _ask_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入会员"), "", self.tr("表格 (*.xlsx *.csv)")
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file.setText(str(path))
        self._forget_check()

    def _forget_check(self) -> None:
        self.checked_ok = False
        self.report = None
        self.summary.clear()
        self.problems.setRowCount(0)
        self.update_controls()

    def run_import(self, *, dry_run: bool) -> None:
        path = self.path
        if path is None:
            return
        store_id = self.store.currentData()
        self.summary.setText(self.tr("正在检查…") if dry_run else self.tr("正在导入…"))
        self.busy += 1
        self.update_controls()

        def done(report: MemberImportReport) -> None:
            self.busy -= 1
            self._answered(report, dry_run)

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            self.checked_ok = False
            message = exc.message if isinstance(exc, AdminError) else str(exc)
            self.summary.setText(self.tr("没有完成: {0}").format(message))
            self.update_controls()

        run_in_background(
            lambda: self.service.import_file(path, dry_run=dry_run, store_id=store_id),
            done,
            failed,
            kind="net",
        )

    def _answered(self, report: MemberImportReport, dry_run: bool) -> None:
        self.report = report
        counts = self.tr(
            "{0}: 共 {1} 行; 新建 {2}, 更新 {3}, 未变 {4}; 自动分配导购 {5}, 新加标签 {6}"
        ).format(
            report.file or (self.path.name if self.path else ""),
            report.rows,
            report.created,
            report.updated,
            report.unchanged,
            report.spread,
            report.tags_added,
        )
        if report.encoding:
            counts += self.tr(" (读取方式 {0})").format(report.encoding)
        if report.ignored_columns:
            counts += "\n" + self.tr("未使用的列: {0}").format("、".join(report.ignored_columns))
        if report.problem_count:
            head = self.tr("发现 {0} 处问题, 没有导入任何内容:").format(report.problem_count)
            if report.problem_count > len(report.problems):
                head += self.tr(" (下表列出前 {0} 处)").format(len(report.problems))
            self.checked_ok = False
        elif dry_run:
            head = self.tr("检查通过, 可以导入。")
            self.checked_ok = True
        else:
            head = self.tr("导入完成。")
            self.checked_ok = False
        self.summary.setText(f"{head}\n{counts}")
        self.problems.setRowCount(len(report.problems))
        for r, p in enumerate(report.problems):
            row = str(p.row) if p.row > 0 else self.tr("整个文件")
            for c, text in enumerate((row, p.column, p.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.problems.setItem(r, c, item)
        self.update_controls()
        if not dry_run and not report.problem_count:
            self.sig_imported.emit(report)
