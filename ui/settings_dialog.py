"""Settings: server address, sync interval, offline cache budget, language."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
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

from guide_app.sync.engine import INTERVAL_RANGE_S
from ui import options
from ui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    """Edits the declared options; ``sig_language_changed(code)`` applies a language live."""

    sig_language_changed = Signal(str)
    sig_settings_saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.server_edit = QLineEdit(options.get("server_url"))
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
        self.form.addRow(QLabel(), self.interval_spin)
        self.form.addRow(QLabel(), self.budget_spin)
        self.form.addRow(QLabel(), self.language_combo)
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

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        texts = (
            self.tr("服务器地址"),
            self.tr("同步间隔"),
            self.tr("离线素材缓存上限"),
            self.tr("界面语言"),
        )
        for row, text in enumerate(texts):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.interval_spin.setSuffix(self.tr(" 秒"))
        self.budget_spin.setSuffix(" MB")
        self.server_edit.setToolTip(self.tr("修改服务器地址后需重新登录才会生效"))

    def save(self) -> None:
        url = QUrl(self.server_edit.text().strip())
        if url.scheme() not in ("http", "https") or not url.host():
            self.error.setText(self.tr("服务器地址格式不对，应类似 http://192.168.1.10:8765"))
            return
        options.put("server_url", self.server_edit.text().strip().rstrip("/"))
        options.put("sync_interval_s", self.interval_spin.value())
        options.put("cache_budget_mb", self.budget_spin.value())
        language = self.language_combo.currentData()
        changed = language != options.get("language")
        options.put("language", language)
        self.sig_settings_saved.emit()
        if changed:
            self.sig_language_changed.emit(language)
        self.accept()
