"""Settings: server address, sync interval, offline cache budget, language, my WeCom QR code,
reminders (提醒: tray notices on or off, their times of day).

The server field shows the signed-in session's server (not the stored default);
a new address is used at the next sign-in, which the dialog says. Widths come
from the font (a whole URL fits), so no field is cut in any language.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.reminders import BadReminderTimes, format_times, parse_times
from guide_app.sync.engine import INTERVAL_RANGE_S
from ui import options
from ui.i18n import LANGUAGES
from ui.materials.qr_setting import QrRow

#: The server field fits an address this long (or the current one, if longer).
TYPICAL_URL = "https://guide.example-chain.com:18765"


class SettingsDialog(QDialog):
    """Edits the declared options; ``sig_language_changed(code)`` applies a language live."""

    sig_language_changed = Signal(str)
    sig_settings_saved = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, server_url: str | None = None, session=None
    ) -> None:
        """``server_url``: the signed-in session's server (default: the stored address);
        ``session``: the signed-in session, for the account's own settings (the QR code)."""
        super().__init__(parent)
        self.server_edit = QLineEdit(server_url or options.get("server_url"))
        self.server_note = QLabel()
        self.server_note.setProperty("role", "hint")
        self.server_note.setWordWrap(True)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(*INTERVAL_RANGE_S)
        self.interval_spin.setValue(options.get("sync_interval_s"))
        self.budget_spin = QSpinBox()
        self.budget_spin.setRange(50, 50_000)
        self.budget_spin.setSingleStep(50)
        self.budget_spin.setValue(options.get("cache_budget_mb"))
        self.language_combo = QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(options.get("language")))
        )
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.server_edit)
        self.form.addRow("", self.server_note)
        self.form.addRow(QLabel(), self.interval_spin)
        self.form.addRow(QLabel(), self.budget_spin)
        self.form.addRow(QLabel(), self.language_combo)
        self.qr_row = QrRow(session) if session is not None else None
        if self.qr_row is not None:
            self.form.addRow(QLabel(), self.qr_row)
        self._add_reminder_rows()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._fit_to_content()

    def _add_reminder_rows(self) -> None:
        """提醒: tray notices on or off, and the times of day of the reminder (ui.tray)."""
        self.reminders_heading = QLabel()
        self.reminders_heading.setStyleSheet("font-weight: 600;")
        self.reminders_check = QCheckBox()
        self.reminders_check.setChecked(options.get("reminders_enabled"))
        try:
            times = format_times(parse_times(options.get("reminder_times")))
        except BadReminderTimes:  # a hand-edited ini: shown as it is, checked on save
            times = options.get("reminder_times")
        self.reminder_times_edit = QLineEdit(times)
        self.reminder_times_note = QLabel()
        self.reminder_times_note.setProperty("role", "hint")
        self.reminder_times_note.setWordWrap(True)
        self.form.addRow(self.reminders_heading)
        self.form.addRow("", self.reminders_check)
        self.form.addRow(QLabel(), self.reminder_times_edit)
        self.form.addRow("", self.reminder_times_note)
        self.reminders_check.toggled.connect(self.reminder_times_edit.setEnabled)
        self.reminder_times_edit.setEnabled(self.reminders_check.isChecked())

    def _fit_to_content(self) -> None:
        """The server field wide enough for its whole URL; the dialog for every field."""
        metrics = self.server_edit.fontMetrics()
        url = max(self.server_edit.text(), TYPICAL_URL, key=metrics.horizontalAdvance)
        # the text plus the line edit's frame and text margins (a few px each side)
        self.server_edit.setMinimumWidth(
            metrics.horizontalAdvance(url) + 4 * metrics.averageCharWidth()
        )
        self.server_note.setMinimumWidth(self.server_edit.minimumWidth())
        self.adjustSize()
        self.setMinimumSize(self.sizeHint())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        texts = (
            self.tr("服务器地址"),
            self.tr("同步间隔"),
            self.tr("离线素材缓存上限"),
            self.tr("界面语言"),
        )
        rows = (0, 2, 3, 4)  # row 1 is the note under the server field
        for row, text in zip(rows, texts, strict=True):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        if self.qr_row is not None:
            self.form.labelForField(self.qr_row).setText(self.tr("我的企微二维码"))
            self.qr_row.retranslate_ui()
        self.server_note.setText(self.tr("修改服务器地址后，下次登录时生效"))
        self.interval_spin.setSuffix(self.tr(" 秒"))
        self.budget_spin.setSuffix(" MB")
        self.server_edit.setToolTip(self.tr("修改服务器地址后需重新登录才会生效"))
        self.reminders_heading.setText(self.tr("桌面提醒"))
        self.reminders_check.setText(self.tr("启用（任务即将截止、每天定时提醒）"))
        self.form.labelForField(self.reminder_times_edit).setText(self.tr("提醒时间"))
        self.reminder_times_note.setText(
            self.tr("每天这些时间提醒今日待办，多个用逗号分隔，例如 09:30, 14:00")
        )

    def save(self) -> None:
        url = QUrl(self.server_edit.text().strip())
        if url.scheme() not in ("http", "https") or not url.host():
            self.error.setText(self.tr("服务器地址格式不对，应类似 http://192.168.1.10:8765"))
            return
        try:
            reminder_times = format_times(parse_times(self.reminder_times_edit.text()))
        except BadReminderTimes as exc:
            self.error.setText(str(exc))
            self.reminder_times_edit.setFocus()
            return
        if self.qr_row is not None and not self.qr_row.save():
            self.error.setText(self.qr_row.error_text())
            return
        options.put("server_url", self.server_edit.text().strip().rstrip("/"))
        options.put("sync_interval_s", self.interval_spin.value())
        options.put("cache_budget_mb", self.budget_spin.value())
        options.put("reminders_enabled", self.reminders_check.isChecked())
        options.put("reminder_times", reminder_times)
        language = self.language_combo.currentData()
        changed = language != options.get("language")
        options.put("language", language)
        self.sig_settings_saved.emit()
        if changed:
            self.sig_language_changed.emit(language)
        self.accept()
