"""导入导出 tab (HQ): import scripts from an .xlsx/.csv file — checked first (dry run),
then for real, all or nothing — with the server's report (counts, and every bad row:
row, column, reason); export the library to a file in the same columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_core import library_api as lib
from ui.pages.library_admin.common import AdminHost, AdminTab, fill, table

#: The columns of an import file, as the server reads them.
COLUMNS = "分组, 标题, 内容, 关键词, 适用范围, 生效日期, 失效日期"


class ImportTab(AdminTab):
    """``sig_report(report)`` when a check or an import has answered."""

    sig_report = Signal(object)

    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.path: Path | None = None
        self.report: lib.ImportReport | None = None
        self.checked_ok = False
        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self._ask_file)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(lambda: self.run_import(dry_run=True))
        self.import_button = QPushButton()
        self.import_button.clicked.connect(lambda: self.run_import(dry_run=False))
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._ask_export)
        self.columns = QLabel()
        self.columns.setProperty("role", "hint")
        self.columns.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = table(["", "", ""])
        bar = QHBoxLayout()
        bar.addWidget(self.file, 1)
        bar.addWidget(self.choose)
        bar.addWidget(self.check_button)
        bar.addWidget(self.import_button)
        export = QHBoxLayout()
        export.addStretch(1)
        export.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.columns)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addLayout(export)
        self.retranslate_ui()
        self.update_controls()

    def retranslate_ui(self) -> None:
        self.file.setPlaceholderText(self.tr("选择要导入的 .xlsx 或 .csv 文件"))
        self.choose.setText(self.tr("选择文件…"))
        self.check_button.setText(self.tr("检查"))
        self.import_button.setText(self.tr("导入"))
        self.export_button.setText(self.tr("导出话术…"))
        self.columns.setText(
            self.tr(
                "文件的列: {0}。先检查, 没有问题再导入; 有任何一行出错时不会导入任何内容。"
            ).format(COLUMNS)
        )
        self.problems.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("原因")])

    def update_controls(self) -> None:
        ok = self.writable and self.admin.may_manage_global()
        self.choose.setEnabled(ok)
        self.check_button.setEnabled(ok and self.path is not None)
        self.import_button.setEnabled(ok and self.path is not None and self.checked_ok)
        self.export_button.setEnabled(not self.host.offline)

    def _ask_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入话术"), "", self.tr("表格 (*.xlsx *.csv)")
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        self.path = path
        self.checked_ok = False
        self.report = None
        self.file.setText(str(path))
        self.summary.clear()
        fill(self.problems, [])
        self.update_controls()

    def run_import(self, *, dry_run: bool) -> None:
        path = self.path
        if path is None:
            return
        self.show_error("")
        self.summary.setText(self.tr("正在检查…") if dry_run else self.tr("正在导入…"))
        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)

        def failed(message: str) -> None:
            self.summary.clear()
            self.show_error(message)
            self.update_controls()

        self.host.run(
            lambda: self.admin.import_scripts(path, dry_run=dry_run),
            lambda report: self._answered(report, dry_run),
            failed,
        )

    def _answered(self, report: lib.ImportReport, dry_run: bool) -> None:
        self.report = report
        counts = self.tr("{0}: 共 {1} 行; 新建 {2}, 更新 {3}, 未变 {4}, 新建分组 {5}").format(
            report.file or (self.path.name if self.path else ""),
            report.rows,
            report.created,
            report.updated,
            report.unchanged,
            report.groups_created,
        )
        if report.encoding:
            counts += self.tr(" (编码 {0})").format(report.encoding)
        if report.problems:
            head = self.tr("发现 {0} 处问题, 没有导入任何内容:").format(len(report.problems))
            self.checked_ok = False
        elif dry_run:
            head = self.tr("检查通过, 可以导入。")
            self.checked_ok = True
        else:
            head = self.tr("导入完成。")
            self.checked_ok = False
        self.summary.setText(f"{head}\n{counts}")
        fill(
            self.problems,
            [
                (None, [str(p.row) if p.row > 0 else self.tr("整个文件"), p.column, p.reason])
                for p in report.problems
            ],
        )
        self.update_controls()
        self.sig_report.emit(report)

    def _ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("导出话术"), "话术.xlsx", self.tr("Excel (*.xlsx);;CSV (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")

        def done(dest: Path) -> None:
            self.show_error("")
            self.summary.setText(self.tr("已导出到 {0}").format(dest))

        self.host.run(lambda: self.admin.export_scripts(path, fmt), done, self.show_error)
