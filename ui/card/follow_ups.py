"""Follow-up timeline and the new follow-up's form (saved with the card's 保存)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.labels import FOLLOW_UP_CHANNELS, channel_label, local_time

if TYPE_CHECKING:
    from guide_app.services.customer_views import FollowUpView

_when = local_time


class FollowUpPanel(QWidget):
    """Timeline newest first, and a form for a new follow-up. The form is a draft the
    card's 保存 writes together with the profile and tags (``draft()``); ``sig_edited``
    when it changes."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")  # style.qss separates the entries
        self.timeline.setWordWrap(True)
        self.channel_combo = QComboBox()
        for code in FOLLOW_UP_CHANNELS:
            self.channel_combo.addItem(channel_label(code), code)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setMaximumHeight(70)
        self.next_box = QCheckBox()
        self.next_date = QDateEdit(QDate.currentDate().addDays(7))
        self.next_date.setCalendarPopup(True)
        self.next_date.setDisplayFormat("yyyy-MM-dd")
        self.next_date.setEnabled(False)
        self.next_box.toggled.connect(self.next_date.setEnabled)
        self.save_hint = QLabel()
        self.save_hint.setProperty("role", "hint")
        self.text_edit.textChanged.connect(self.sig_edited)
        self.next_box.toggled.connect(lambda _on: self.sig_edited.emit())
        self.channel_combo.activated.connect(lambda _i: self.sig_edited.emit())
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.channel_combo)
        row.addWidget(self.next_box)
        row.addWidget(self.next_date)
        row.addStretch(1)
        row.addWidget(self.save_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.text_edit)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.text_edit.setPlaceholderText(self.tr("记录这次跟进的内容…"))
        self.next_box.setText(self.tr("下次跟进"))
        self.save_hint.setText(self.tr("点「保存」记录这条跟进"))
        for i, code in enumerate(FOLLOW_UP_CHANNELS):
            self.channel_combo.setItemText(i, channel_label(code))

    def show_follow_ups(
        self, follow_ups: list[FollowUpView], staff_names: dict[str, str] | None = None
    ) -> None:
        self.timeline.clear()
        names = staff_names or {}
        for f in follow_ups:
            who = f.guide_name or names.get(f.guide_id, "")
            if f.pending:
                who += " " + self.tr("(待上传)")
            line = f"{_when(f.at)}  [{channel_label(str(f.channel))}] {who}\n{f.text}"
            if f.next_follow_up_on:
                line += "\n" + self.tr("下次跟进：{0}").format(f.next_follow_up_on)
            self.timeline.addItem(line)
        if not follow_ups:
            self.timeline.addItem(self.tr("还没有跟进记录"))

    def has_draft(self) -> bool:
        return bool(self.text_edit.toPlainText().strip()) or self.next_box.isChecked()

    def draft(self) -> tuple[str, str, date | None] | None:
        """``(channel, text, next_follow_up_on)`` of the new follow-up, None when blank."""
        if not self.has_draft():
            return None
        next_on: date | None = (
            self.next_date.date().toPython() if self.next_box.isChecked() else None
        )
        return self.channel_combo.currentData(), self.text_edit.toPlainText(), next_on

    def set_editable(self, editable: bool) -> None:
        for widget in (self.channel_combo, self.text_edit, self.next_box):
            widget.setEnabled(editable)
        self.next_date.setEnabled(editable and self.next_box.isChecked())
        self.save_hint.setVisible(editable)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")

    def added(self) -> None:
        self.text_edit.clear()
        self.next_box.setChecked(False)
        self.show_error(None)
