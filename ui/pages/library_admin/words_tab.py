"""敏感词 tab (HQ): the chain's list, add a word (禁止 blocks a copy, 提醒 asks first),
delete one, or add every word of a text file (one a line)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_core import protocol
from ui.pages.library_admin.common import AdminHost, AdminTab, confirm, fill, selected_id, table


class WordsTab(AdminTab):
    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.rows: list[protocol.SensitiveWordData] = []
        self._note = ""
        self.word = QLineEdit()
        self.word.returnPressed.connect(lambda: self.add_word(self.word.text()))
        self.severity = QComboBox()
        self.severity.addItem("", "block")
        self.severity.addItem("", "warn")
        self.add = QPushButton()
        self.add.clicked.connect(lambda: self.add_word(self.word.text()))
        self.delete = QPushButton()
        self.delete.clicked.connect(self._ask_delete)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self._ask_import)
        self.list = table(["", ""])
        self.list.itemSelectionChanged.connect(self.update_controls)
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.word, 1)
        bar.addWidget(self.severity)
        bar.addWidget(self.add)
        bar.addWidget(self.delete)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.update_controls()

    def retranslate_ui(self) -> None:
        self.word.setPlaceholderText(self.tr("敏感词"))
        self.severity.setItemText(0, self.tr("禁止 (不能复制)"))
        self.severity.setItemText(1, self.tr("提醒 (复制前确认)"))
        self.add.setText(self.tr("添加"))
        self.delete.setText(self.tr("删除"))
        self.import_button.setText(self.tr("从文件导入…"))
        self.list.setHorizontalHeaderLabels([self.tr("敏感词"), self.tr("级别")])

    def update_controls(self) -> None:
        ok = self.writable and self.admin.may_manage_global()
        for w in (self.add, self.import_button, self.word, self.severity):
            w.setEnabled(ok)
        self.delete.setEnabled(ok and selected_id(self.list) is not None)

    def _severity_label(self, severity: str) -> str:
        return self.tr("禁止") if severity == "block" else self.tr("提醒")

    def reload(self) -> None:
        self.host.run(self.admin.words, self._loaded)

    def _loaded(self, words: list[protocol.SensitiveWordData]) -> None:
        self.rows = sorted(words, key=lambda w: w.word)
        fill(
            self.list, [(w.id, [w.word, self._severity_label(str(w.severity))]) for w in self.rows]
        )
        count = self.tr("共 {0} 个").format(len(self.rows))
        note, self._note = self._note, ""  # what the import just did, shown once
        self.status.setText(f"{count}\n{note}" if note else count)
        self.update_controls()

    def add_word(self, word: str) -> None:
        if not word.strip():
            self.show_error(self.tr("请输入敏感词"))
            return
        severity = self.severity.currentData()

        def done(_row: object) -> None:
            self.word.clear()
            self.show_error("")
            self.reload()

        self.host.run(lambda: self.admin.add_word(word, severity), done, self.show_error)

    def _ask_delete(self) -> None:
        wid = selected_id(self.list)
        row = next((w for w in self.rows if w.id == wid), None)
        if row and confirm(self, self.tr("删除敏感词"), self.tr("删除「{0}」?").format(row.word)):
            self.delete_word(row.id)

    def delete_word(self, word_id: str) -> None:
        self.host.run(
            lambda: self.admin.delete_word(word_id), lambda _r: self.reload(), self.show_error
        )

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入敏感词"), "", self.tr("文本文件 (*.txt);;所有文件 (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Add every word of ``path`` (one a line) at the chosen severity."""
        severity = self.severity.currentData()

        def done(result: object) -> None:
            text = self.tr("已添加 {0} 个, 跳过已有的 {1} 个").format(result.added, result.skipped)
            if result.problems:
                text += "\n" + "\n".join(result.problems)
            self._note = text
            self.reload()

        def work() -> object:
            return self.admin.import_words(path, severity)

        self.show_error("")
        self.host.run(work, done, self.show_error)
