"""Ctrl+N: a new customer with name, phone and member no.; the card opens for the rest.

Before saving, the store's customers with the same phone or member no. are
looked up in the local cache; if there are any the dialog names them and
offers 打开已有客户 (opens that card, closes this dialog) or 仍然新建.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

from guide_app.domain.errors import ValidationFailed
from ui.background import run_in_background
from ui.card.duplicates import DuplicateWarning

if TYPE_CHECKING:
    from guide_app.session import Session


class NewCustomerDialog(QDialog):
    """``sig_created(id)`` after the customer was saved locally; ``sig_open_existing(id)``
    when the person chose an existing customer instead (nothing was saved)."""

    sig_created = Signal(str)
    sig_open_existing = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("新建客户"))
        self.name_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.member_edit = QLineEdit()
        self.remark_edit = QLineEdit()
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name_edit)
        form.addRow(self.tr("手机号"), self.phone_edit)
        form.addRow(self.tr("会员号"), self.member_edit)
        form.addRow(self.tr("备注名"), self.remark_edit)
        self.duplicates = DuplicateWarning(self.tr("仍然新建"))
        self.duplicates.sig_open.connect(self._open_existing)
        self.duplicates.sig_proceed.connect(lambda: self.create(check_duplicates=False))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name_edit, self.phone_edit, self.member_edit, self.remark_edit):
            edit.textEdited.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _fields(self) -> dict[str, str]:
        fields = {"name": self.name_edit.text()}
        for key, edit in (
            ("phone", self.phone_edit),
            ("member_no", self.member_edit),
            ("remark_name", self.remark_edit),
        ):
            if edit.text().strip():
                fields[key] = edit.text().strip()
        return fields

    def create(self, check_duplicates: bool = True) -> None:
        """Validate, look for the same phone/member no. in the store, then save."""
        fields = self._fields()
        session = self.session

        def job() -> tuple[str, object]:
            from guide_app.domain.validation import checked_fields

            checked_fields("customer", "create", fields)  # bad input: its message, not a warning
            if check_duplicates and ("phone" in fields or "member_no" in fields):
                found = session.customers.find_duplicates(
                    phone=fields.get("phone"), member_no=fields.get("member_no")
                )
                if found:
                    return "duplicates", found
            return "created", session.customers.create(**fields)

        self.buttons.setEnabled(False)
        self.duplicates.proceed_button.setEnabled(False)
        self.error.setText("")
        run_in_background(job, self._done, self._failed, kind="write")

    def _done(self, result: tuple[str, object]) -> None:
        kind, value = result
        if kind == "duplicates":
            self.duplicates.show_matches(value)  # type: ignore[arg-type]
            self.duplicates.proceed_button.setEnabled(True)
            self.buttons.setEnabled(True)  # Cancel; OK waits for a choice or an edit
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            if self.duplicates.open_buttons:
                self.duplicates.open_buttons[0].setFocus()
            self.adjustSize()  # room for the wrapped lines (longer in English)
            return
        self.sig_created.emit(value)  # type: ignore[arg-type]
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.duplicates.hide()
        self.error.setText(exc.message if isinstance(exc, ValidationFailed) else str(exc))

    def _edited(self, _text: str) -> None:
        """Any edit: the warning no longer describes what would be saved."""
        if self.duplicates.isVisible():
            self.duplicates.hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _open_existing(self, customer_id: str) -> None:
        self.sig_open_existing.emit(customer_id)
        self.reject()  # nothing was saved
