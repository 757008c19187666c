"""交接记录: the handovers the server recorded (HQ: every store; a supervisor: their own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.handover import handover_report
from guide_app.services.library_admin import AdminError
from guide_core.handover_api import HandoverReport
from ui.background import run_in_background

if TYPE_CHECKING:
    from guide_app.session import Session


class HandoverReportTable(QWidget):
    """The list (when, store, leaving guide, by whom, customers per receiver), read online."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.status = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("时间"),
                self.tr("门店"),
                self.tr("离职导购"),
                self.tr("办理人"),
                self.tr("接收人"),
            ]
        )

    def refresh(self) -> None:
        self.status.setText(self.tr("读取中…"))
        api = self.session.api
        run_in_background(lambda: handover_report(api), self._show, self._failed, kind="net")

    def _show(self, report: HandoverReport) -> None:
        rows = report.handovers
        self.table.setRowCount(len(rows))
        for n, h in enumerate(rows):
            receivers = "，".join(
                self.tr("{0} {1} 位").format(r.name or r.user_id, r.customers) for r in h.receivers
            )
            cells = (
                h.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                h.store_name or h.store_id,
                h.leaving_name or h.leaving_user_id,
                h.by_name or h.by_user_id,
                receivers,
            )
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))
        self.status.setText(self.tr("共 {0} 次交接").format(len(rows)))

    def _failed(self, exc: BaseException) -> None:
        text = exc.message if isinstance(exc, AdminError) else str(exc)
        self.status.setText(self.tr("读取失败：{0}").format(text))


class HandoverReportDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("交接记录"))
        self.resize(760, 420)
        self.list = HandoverReportTable(session, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.refresh()
