"""使用统计 tab: the most and least used scripts and materials over a period — by item,
store or guide; HQ for any store or all, a supervisor for their own — and its export
to Excel."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide_core import library_api as lib
from ui.labels import local_time
from ui.pages.library_admin.common import AdminHost, AdminTab, fill, table
from ui.pages.library_admin.usage_export import write_usage_xlsx

#: The period shown first: the last 30 days.
DEFAULT_DAYS = 30


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _day(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class UsageTab(AdminTab):
    """``sig_report(report)`` when the server has answered."""

    sig_report = Signal(object)

    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.report: lib.UsageReport | None = None
        today = date.today()
        self.date_from = QDateEdit(_qdate(today - timedelta(days=DEFAULT_DAYS - 1)))
        self.date_to = QDateEdit(_qdate(today))
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.store = QComboBox()
        self.store.setMinimumWidth(160)
        stores = self.admin.stores()
        if self.admin.is_hq:
            self.store.addItem("", None)
            for s in stores:
                self.store.addItem(f"{s.code} {s.name}", s.id)
        else:
            own = self.admin.user.store_id
            names = {s.id: f"{s.code} {s.name}" for s in stores}
            self.store.addItem(names.get(own, own or ""), own)
            self.store.setEnabled(False)
        self.by = QComboBox()
        for key in ("item", "store", "guide"):
            self.by.addItem("", key)
        self.query = QPushButton()
        self.query.clicked.connect(self.reload)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._ask_export)
        self.to_label = QLabel()
        self.most_label = QLabel()
        self.least_label = QLabel()
        self.most = table([""] * 5)
        self.least = table([""] * 5)
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        bar = QHBoxLayout()
        bar.addWidget(self.date_from)
        bar.addWidget(self.to_label)
        bar.addWidget(self.date_to)
        bar.addWidget(self.store)
        bar.addWidget(self.by)
        bar.addWidget(self.query)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        most = QWidget()
        mbox = QVBoxLayout(most)
        mbox.setContentsMargins(0, 0, 0, 0)
        mbox.addWidget(self.most_label)
        mbox.addWidget(self.most, 1)
        least = QWidget()
        lbox = QVBoxLayout(least)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.least_label)
        lbox.addWidget(self.least, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(most)
        split.addWidget(least)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.update_controls()

    def headers(self) -> list[str]:
        return [
            self.tr("标题"),
            self.tr("类型"),
            self.tr("门店"),
            self.tr("导购"),
            self.tr("使用次数"),
            self.tr("最近使用"),
        ]

    def retranslate_ui(self) -> None:
        self.to_label.setText(self.tr("至"))
        if self.admin.is_hq:
            self.store.setItemText(0, self.tr("全部门店"))
        for i, text in enumerate((self.tr("按话术/素材"), self.tr("按门店"), self.tr("按导购"))):
            self.by.setItemText(i, text)
        self.query.setText(self.tr("查询"))
        self.export_button.setText(self.tr("导出 Excel…"))
        self.most_label.setText(self.tr("最常用"))
        self.least_label.setText(self.tr("最少用"))
        for t in (self.most, self.least):
            t.setColumnCount(len(self.headers()))
            t.setHorizontalHeaderLabels(self.headers())

    def update_controls(self) -> None:
        self.query.setEnabled(not self.host.offline)
        self.export_button.setEnabled(self.report is not None)

    def reload(self) -> None:
        d_from, d_to = _day(self.date_from.date()), _day(self.date_to.date())
        store, by = self.store.currentData(), self.by.currentData()
        self.status.setText(self.tr("正在统计…"))

        def failed(message: str) -> None:
            self.status.clear()
            self.show_error(message)

        self.host.run(
            lambda: self.admin.usage(d_from, d_to, store_id=store, by=by), self._loaded, failed
        )

    def cells(self, row: lib.UsageRow) -> list[object]:
        names = {s.id: f"{s.code} {s.name}" for s in self.admin.stores()}
        return [
            row.title,
            self.tr("话术") if row.entity == "script" else self.tr("素材"),
            names.get(row.store_id or "", "") if row.store_id else "",
            row.guide_name,
            row.uses,
            local_time(row.last_used_at) if row.last_used_at else "",
        ]

    def _loaded(self, report: lib.UsageReport) -> None:
        self.report = report
        self.show_error("")
        for t, rows in ((self.most, report.most), (self.least, report.least)):
            fill(t, [(r.id, [str(c) for c in self.cells(r)]) for r in rows])
        period = self.tr("{0} 至 {1}").format(
            report.date_from.isoformat(), report.date_to.isoformat()
        )
        if not report.most:
            period += self.tr(": 这段时间没有使用记录")
        self.status.setText(period)
        self.update_controls()
        self.sig_report.emit(report)

    def _ask_export(self) -> None:
        if self.report is None:
            return
        name = f"使用统计_{self.report.date_from}_{self.report.date_to}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出使用统计"), name, self.tr("Excel (*.xlsx)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Path | None:
        """Write the shown report to ``path`` (.xlsx)."""
        if self.report is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            write_usage_xlsx(
                self.report,
                path,
                headers=self.headers(),
                sheet_names=(self.tr("最常用"), self.tr("最少用")),
                cells=self.cells,
            )
        except OSError as exc:
            self.show_error(self.tr("无法写入文件 {0}: {1}").format(path.name, exc.strerror or exc))
            return None
        self.status.setText(self.tr("已导出到 {0}").format(path))
        return path
