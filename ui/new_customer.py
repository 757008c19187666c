"""Ctrl+N: a new customer with name and phone; the card opens for the rest."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_in_background


class NewCustomerDialog(QDialog):
    sig_created = Signal(str)

    def __init__(self, session: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("新建客户"))
        self.name_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.remark_edit = QLineEdit()
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("手机号"), self.phone_edit)
        form.addRow(self.tr("备注名"), self.remark_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)

    def create(self) -> None:
        fields = {"name": self.name_edit.text()}
        if self.phone_edit.text().strip():
            fields["phone"] = self.phone_edit.text().strip()
        if self.remark_edit.text().strip():
            fields["remark_name"] = self.remark_edit.text().strip()
        session = self.session
        self.buttons.setEnabled(False)
        run_in_background(
            lambda: session.customers.create(**fields), self._created, self._failed, kind="write"
        )

    def _created(self, customer_id: str) -> None:
        self.sig_created.emit(customer_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(getattr(exc, "message", None) or str(exc))
