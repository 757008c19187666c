"""From the card, one key (Ctrl+T): a script filled in for this customer, Enter copies it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from ui.library_widgets.picker import ScriptPicker

if TYPE_CHECKING:
    from guide_app.session import Session

#: The card's key for the picker (listed in Help → 快捷键 as ``card.scripts``).
PICKER_KEYS = "Ctrl+T"


class ScriptPickerDialog(QDialog):
    """The picker over one customer; closes once everything is on the clipboard."""

    def __init__(
        self, session: Session, customer_id: str, customer_name: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScriptPickerDialog")
        self.customer_name = customer_name
        self.picker = ScriptPicker(session, self)
        self.picker.set_customer(customer_id)
        self.picker.sig_done.connect(self.accept)
        self.picker.sig_escape.connect(self.reject)
        QVBoxLayout(self).addWidget(self.picker)
        self.resize(560, 520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("选择话术 - {0}").format(self.customer_name))
        self.picker.retranslate_ui()

    def open_for_search(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.picker.begin()
