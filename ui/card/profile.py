"""Profile fields of the card, with an inline error line under each field."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.labels import LEVELS, level_label

if TYPE_CHECKING:
    from guide_app.services.customer_views import CustomerCard

#: Fields a guide edits here (names are the protocol's ``CustomerUpdate`` fields).
EDITABLE = ("name", "remark_name", "phone", "member_no", "level", "birthday", "in_group", "notes")


class _Field(QWidget):
    """An editor with its error line beneath it."""

    def __init__(self, editor: QWidget) -> None:
        super().__init__()
        self.editor = editor
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(editor)
        box.addWidget(self.error)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class ProfileForm(QWidget):
    """Shows a ``CustomerCard``'s fields; ``changes()`` returns only what was edited."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit()
        self.remark_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.member_edit = QLineEdit()
        self.level_combo = QComboBox()
        for code in LEVELS:
            self.level_combo.addItem(level_label(code), code)
        self.birthday_edit = QLineEdit()
        self.birthday_edit.setPlaceholderText("YYYY-MM-DD")
        self.in_group_box = QCheckBox()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMinimumHeight(80)  # grows into the rest of the tab
        self.fields: dict[str, _Field] = {
            "name": _Field(self.name_edit),
            "remark_name": _Field(self.remark_edit),
            "phone": _Field(self.phone_edit),
            "member_no": _Field(self.member_edit),
            "level": _Field(self.level_combo),
            "birthday": _Field(self.birthday_edit),
            "in_group": _Field(self.in_group_box),
            "notes": _Field(self.notes_edit),
        }
        self.form = QFormLayout(self)
        self.labels: dict[str, QLabel] = {}
        for key, field in self.fields.items():
            label = QLabel()
            self.labels[key] = label
            self.form.addRow(label, field)
        self.general_error = QLabel()
        self.general_error.setProperty("role", "error")
        self.general_error.setWordWrap(True)
        self.form.addRow(self.general_error)
        self._original: dict[str, object] = {}
        for edit in (
            self.name_edit,
            self.remark_edit,
            self.phone_edit,
            self.member_edit,
            self.birthday_edit,
        ):
            edit.textEdited.connect(lambda _t: self.sig_edited.emit())
        self.notes_edit.textChanged.connect(self.sig_edited)
        self.level_combo.activated.connect(lambda _i: self.sig_edited.emit())
        self.in_group_box.toggled.connect(lambda _b: self.sig_edited.emit())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        titles = {
            "name": self.tr("姓名"),
            "remark_name": self.tr("备注名"),
            "phone": self.tr("手机号"),
            "member_no": self.tr("会员号"),
            "level": self.tr("等级"),
            "birthday": self.tr("生日"),
            "in_group": self.tr("社群"),
            "notes": self.tr("备注"),
        }
        for key, label in self.labels.items():
            label.setText(titles[key])
        self.in_group_box.setText(self.tr("已进社群"))
        for i, code in enumerate(LEVELS):
            self.level_combo.setItemText(i, level_label(code))

    def show_card(self, card: CustomerCard) -> None:
        """Fill the editors from the card; the phone is editable only when shown whole."""
        self.name_edit.setText(card.name)
        self.remark_edit.setText(card.remark_name or "")
        self.phone_edit.setText(card.phone or "")
        self.phone_edit.setReadOnly(not card.can_see_phone)
        if not card.can_see_phone:
            self.phone_edit.setToolTip(self.tr("仅所属导购和店长可查看完整手机号"))
        self.member_edit.setText(card.member_no or "")
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(str(card.level))))
        self.birthday_edit.setText(str(card.birthday or "")[:10])
        self.in_group_box.setChecked(bool(card.in_group))
        self.notes_edit.setPlainText(card.notes or "")
        for field in self.fields.values():
            field.editor.setEnabled(bool(card.can_edit))
        self._original = self._values()
        self.clear_errors()

    def _values(self) -> dict[str, object]:
        return {
            "name": self.name_edit.text(),
            "remark_name": self.remark_edit.text(),
            "phone": self.phone_edit.text().strip(),
            "member_no": self.member_edit.text(),
            "level": self.level_combo.currentData(),
            "birthday": self.birthday_edit.text().strip(),
            "in_group": self.in_group_box.isChecked(),
            "notes": self.notes_edit.toPlainText(),
        }

    def changes(self) -> dict[str, object]:
        """Edited fields only, birthday parsed; raises ValueError naming a bad date."""
        now = self._values()
        out = {k: v for k, v in now.items() if v != self._original.get(k)}
        if "phone" in out and self.phone_edit.isReadOnly():
            del out["phone"]
        if "birthday" in out:
            text = str(out["birthday"])
            try:
                out["birthday"] = date.fromisoformat(text) if text else None
            except ValueError:
                raise ValueError(self.tr("生日格式应为 YYYY-MM-DD，例如 1990-05-20")) from None
        return out

    def has_changes(self) -> bool:
        return self._values() != self._original

    def mark_saved(self) -> None:
        self._original = self._values()

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.show_error(None)
        self.general_error.setText("")

    def show_error(self, message: str, field: str | None) -> None:
        """Put the message under the field it names (or under the form)."""
        self.clear_errors()
        target = self.fields.get(field or "")
        if target is not None:
            target.show_error(message)
            target.editor.setFocus()
        else:
            self.general_error.setText(message)
