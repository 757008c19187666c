"""我的话术: write or edit a personal script; the body is checked before it is saved.

Unbalanced braces are named with their place (guide_core.templates), a
blocking sensitive word is named and refused; a service refusal is shown too.
Nothing is written until every check passes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain.errors import ValidationFailed
from guide_core import templates
from ui.background import run_in_background


def keywords_of(text: str) -> list[str]:
    return [w for w in text.replace("，", " ").replace(",", " ").split() if w]


class PersonalScriptDialog(QDialog):
    """New (``script=None``) or edit; ``saved_id`` after a successful save."""

    def __init__(self, library: Any, script: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PersonalScriptDialog")
        self.library = library
        self.script = script
        self.saved_id: str | None = None
        self.title = QLineEdit()
        self.title.setObjectName("personalTitle")
        self.body = QPlainTextEdit()
        self.body.setObjectName("personalBody")
        self.keywords = QLineEdit()
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("personalError")
        self.error.setProperty("role", "error")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.labels = [QLabel(), QLabel(), QLabel()]
        self.form = QFormLayout()
        for label, field in zip(self.labels, (self.title, self.body, self.keywords), strict=True):
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if script is not None:
            self.title.setText(script.title)
            self.body.setPlainText(script.body)
            self.keywords.setText(" ".join(script.keywords))
        self.resize(520, 420)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            self.tr("新建我的话术") if self.script is None else self.tr("编辑我的话术")
        )
        for label, text in zip(
            self.labels, (self.tr("标题"), self.tr("内容"), self.tr("关键词")), strict=True
        ):
            label.setText(text)
        self.keywords.setPlaceholderText(self.tr("用空格分隔，如：面霜 敏感肌"))
        self.hint.setText(
            self.tr(
                "可用变量：{0}。写 {{称呼|亲}} 在没有称呼时用“亲”；大括号本身写 {{{{ 和 }}}}"
            ).format(" ".join("{" + v + "}" for v in templates.VARIABLES))
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def problem(self) -> str:
        """What stops the save ('' when none): empty fields, braces, blocking words."""
        title, body = self.title.text().strip(), self.body.toPlainText()
        if not title:
            return self.tr("标题不能为空")
        if not body.strip():
            return self.tr("内容不能为空")
        try:
            templates.check(body)
        except templates.TemplateError as exc:
            return self.tr("内容：{0}").format(exc)
        check = self.library.check_text(title + "\n" + body)
        if check.blocked:
            return self.tr("包含禁用词：{0}，请修改后再保存").format(
                "、".join(check.words("block"))
            )
        return ""

    def save(self) -> None:
        """Check here, then write on the write worker; a refusal shows in the dialog."""
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        title, body = self.title.text().strip(), self.body.toPlainText()
        keywords = keywords_of(self.keywords.text())
        library, script = self.library, self.script

        def write() -> str:
            if script is None:
                return library.create_personal(title, body, keywords)
            library.update_personal(script.id, title=title, body=body, keywords=keywords)
            return script.id

        self.error.setText("")
        self.buttons.setEnabled(False)
        run_in_background(write, self._saved, self._refused, kind="write")

    def _saved(self, script_id: str) -> None:
        self.saved_id = script_id
        self.buttons.setEnabled(True)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        message = exc.message if isinstance(exc, ValidationFailed) else str(exc)
        self.error.setText(self.tr("未保存：{0}").format(message))
