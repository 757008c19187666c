"""The script editor: title, body with variables (checked as typed: braces and sensitive
words), keywords, extra items, visibility, validity and where the script belongs.

The dialog does not write: 保存 emits ``sig_save(ScriptWrite)``; the page sends it and
calls :meth:`ScriptEditor.saved` (closes) or :meth:`ScriptEditor.failed` (the server's
message under the buttons, the dialog stays open with what was typed).
"""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.library_admin import LibraryAdmin
from guide_core import library_api as lib
from guide_core import protocol, templates
from guide_core.sensitive import Matcher, SensitiveCheck
from ui.pages.library_admin.common import DateOrAny, VisibilityEditor, split_words

ITEM_ROLE = Qt.ItemDataRole.UserRole + 3
_BLOCK = QColor("#f8c9c4")
_WARN = QColor("#fde9b0")


class ScriptEditor(QDialog):
    sig_save = Signal(object)  # lib.ScriptWrite

    def __init__(
        self,
        admin: LibraryAdmin,
        *,
        groups: list[tuple[str, str]],
        matcher: Matcher | None,
        materials: list[protocol.MaterialData],
        script: protocol.ScriptData | None = None,
        group_id: str | None = None,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.admin = admin
        self.script = script
        self.matcher = matcher
        self.materials = {m.id: m for m in materials}
        self.read_only = read_only
        self.check_result = SensitiveCheck()
        self.template_error = ""
        self.setMinimumSize(640, 640)

        self.title = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setMinimumHeight(140)
        self.insert_var = QPushButton()
        menu = QMenu(self.insert_var)
        for name in templates.VARIABLES:
            action = menu.addAction(f"{{{name}}}")
            action.triggered.connect(lambda _c=False, n=name: self.insert_variable(n))
        self.insert_var.setMenu(menu)
        self.body_message = QLabel()
        self.body_message.setProperty("role", "error")
        self.body_message.setWordWrap(True)
        self.keywords = QLineEdit()
        self.items = QListWidget()
        self.items.setMaximumHeight(90)
        self.add_text = QPushButton()
        self.add_text.clicked.connect(self._ask_text_item)
        self.add_material = QPushButton()
        self.add_material.clicked.connect(self._ask_material_item)
        self.remove_item = QPushButton()
        self.remove_item.clicked.connect(lambda: self.items.takeItem(self.items.currentRow()))
        self.group = QComboBox()
        self.group.addItem("", None)
        for gid, path in groups:
            self.group.addItem(path, gid)
        self.scope = QComboBox()
        self._fill_scopes()
        self.visibility = VisibilityEditor(admin)
        self.valid_from = DateOrAny()
        self.valid_to = DateOrAny()
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        body_bar = QHBoxLayout()
        body_bar.addStretch(1)
        body_bar.addWidget(self.insert_var)
        body_box = QVBoxLayout()
        body_box.addLayout(body_bar)
        body_box.addWidget(self.body)
        body_box.addWidget(self.body_message)
        item_bar = QHBoxLayout()
        for b in (self.add_text, self.add_material, self.remove_item):
            item_bar.addWidget(b)
        item_bar.addStretch(1)
        items_box = QVBoxLayout()
        items_box.addWidget(self.items)
        items_box.addLayout(item_bar)
        dates = QHBoxLayout()
        self.to_label = QLabel()
        dates.addWidget(self.valid_from)
        dates.addWidget(self.to_label)
        dates.addWidget(self.valid_to)
        dates.addStretch(1)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(8)]
        rows = (self.title, body_box, self.keywords, items_box, self.group, self.scope)
        for label, row in zip(self.labels, rows, strict=False):
            self.form.addRow(label, row)
        self.form.addRow(self.labels[6], self.visibility)
        self.form.addRow(self.labels[7], dates)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.body.textChanged.connect(self.recheck)
        self.title.textChanged.connect(self.recheck)
        self._load(script, group_id)
        self.retranslate_ui()
        if read_only:
            for w in (self.title, self.keywords):
                w.setReadOnly(True)
            self.body.setReadOnly(True)
            for w in (
                self.insert_var,
                self.add_text,
                self.add_material,
                self.remove_item,
                self.group,
                self.scope,
                self.visibility,
                self.valid_from,
                self.valid_to,
            ):
                w.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        self.recheck()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("编辑话术") if self.script else self.tr("新建话术"))
        texts = (
            self.tr("标题"),
            self.tr("正文"),
            self.tr("关键词"),
            self.tr("附加内容"),
            self.tr("分组"),
            self.tr("归属"),
            self.tr("可见范围"),
            self.tr("有效期"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.insert_var.setText(self.tr("插入变量"))
        self.keywords.setPlaceholderText(self.tr("用逗号或空格分隔, 如: 敏感肌 面霜"))
        self.add_text.setText(self.tr("加文字"))
        self.add_material.setText(self.tr("加素材"))
        self.remove_item.setText(self.tr("移除"))
        self.group.setItemText(0, self.tr("(不分组)"))
        self.to_label.setText(self.tr("至"))
        for d in (self.valid_from, self.valid_to):
            d.retranslate(self.tr("不限"))
        if self.read_only:
            self.message.setProperty("role", "hint")
            self.message.setText(self.tr("这条话术不归你管理, 只能查看"))
        self._relabel_scopes()

    # ------------------------------------------------------------------ fields

    def _fill_scopes(self) -> None:
        self.scope.clear()
        if self.admin.is_hq:
            self.scope.addItem("", ("hq", None))
            for s in self.admin.stores():
                self.scope.addItem(f"{s.code} {s.name}", ("store", s.id))
        else:
            store = self.admin.user.store_id
            names = {s.id: f"{s.code} {s.name}" for s in self.admin.stores()}
            self.scope.addItem(names.get(store, ""), ("store", store))
            self.scope.setEnabled(False)

    def _relabel_scopes(self) -> None:
        for i in range(self.scope.count()):
            scope, store = self.scope.itemData(i)
            if scope == "hq":
                self.scope.setItemText(i, self.tr("总部 (全部门店)"))
            elif not self.scope.itemText(i):
                self.scope.setItemText(i, self.tr("本店"))

    def _load(self, script: protocol.ScriptData | None, group_id: str | None) -> None:
        if script is None:
            self._select(self.group, group_id)
            return
        self.title.setText(script.title)
        self.body.setPlainText(script.body)
        self.keywords.setText(" ".join(script.keywords))
        for item in script.items:
            self._add_item(item)
        self._select(self.group, script.group_id)
        want = ("hq", None) if str(script.scope) == "hq" else ("store", script.store_id)
        for i in range(self.scope.count()):
            if tuple(self.scope.itemData(i)) == want:
                self.scope.setCurrentIndex(i)
        self.visibility.set_value(script.visibility)
        self.valid_from.set_value(script.valid_from)
        self.valid_to.set_value(script.valid_to)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        at = combo.findData(value)
        combo.setCurrentIndex(max(at, 0))

    def insert_variable(self, name: str) -> None:
        self.body.insertPlainText(f"{{{name}}}")
        self.body.setFocus()

    def _add_item(self, item: protocol.ScriptItem) -> None:
        if item.kind == "material":
            m = self.materials.get(item.material_id or "")
            text = self.tr("素材: {0}").format(m.title if m else item.material_id)
        else:
            text = self.tr("文字: {0}").format(item.text)
        row = QListWidgetItem(text)
        row.setData(ITEM_ROLE, item)
        self.items.addItem(row)

    def add_text_item(self, text: str) -> None:
        if text.strip():
            self._add_item(protocol.ScriptItem(kind="text", text=text))

    def add_material_item(self, material_id: str) -> None:
        self._add_item(protocol.ScriptItem(kind="material", material_id=material_id))

    def _ask_text_item(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("加文字"), self.tr("文字"))
        if ok:
            self.add_text_item(text)

    def _ask_material_item(self) -> None:
        if not self.materials:
            self.message.setText(self.tr("本机还没有素材可选"))
            return
        ids = list(self.materials)
        names = [f"{self.materials[i].title} ({self.materials[i].kind})" for i in ids]
        name, ok = QInputDialog.getItem(self, self.tr("加素材"), self.tr("素材"), names, 0, False)
        if ok and name in names:
            self.add_material_item(ids[names.index(name)])

    # ------------------------------------------------------------------ checking

    def recheck(self) -> None:
        """Braces and sensitive words of the body (and title), as typed."""
        body = self.body.toPlainText()
        try:
            templates.check(body)
            self.template_error = ""
        except templates.TemplateError as exc:
            self.template_error = str(exc)
        self.check_result = self.matcher.check(body) if self.matcher else SensitiveCheck()
        title_check = self.matcher.check(self.title.text()) if self.matcher else SensitiveCheck()
        self._highlight(self.check_result)
        parts = [p for p in (self.template_error, self.check_result.message()) if p]
        if title_check.hits:
            parts.append(self.tr("标题: {0}").format(title_check.message()))
        self.body_message.setText("\n".join(parts))
        self.body_message.setVisible(bool(parts))

    def _highlight(self, check: SensitiveCheck) -> None:
        marks = []
        for hit in check.hits:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(_BLOCK if hit.severity == "block" else _WARN)
            sel.format = fmt
            cursor = QTextCursor(self.body.document())
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            marks.append(sel)
        self.body.setExtraSelections(marks)

    def highlighted(self) -> list[str]:
        """The texts highlighted in the body (what the user sees marked)."""
        return [s.cursor.selectedText() for s in self.body.extraSelections()]

    # ------------------------------------------------------------------ saving

    def write(self) -> lib.ScriptWrite:
        """What the form says, or ValueError with a Chinese message naming the field."""
        if self.template_error:
            raise ValueError(self.tr("正文: {0}").format(self.template_error))
        if self.check_result.blocked:
            raise ValueError(self.check_result.message())
        scope, store_id = self.scope.currentData()
        items = [self.items.item(i).data(ITEM_ROLE) for i in range(self.items.count())]
        try:
            return lib.ScriptWrite(
                scope=scope,
                store_id=store_id,
                group_id=self.group.currentData(),
                title=self.title.text(),
                body=self.body.toPlainText(),
                keywords=split_words(self.keywords.text()),
                items=items,
                visibility=self.visibility.value(),
                valid_from=self.valid_from.value(),
                valid_to=self.valid_to.value(),
            )
        except ValidationError as exc:
            raise ValueError(protocol.describe_validation_error(exc)) from exc

    def submit(self) -> None:
        try:
            write = self.write()
        except ValueError as exc:
            self.failed(str(exc))
            return
        self.message.setText(self.tr("正在保存…"))
        self.buttons.setEnabled(False)
        self.sig_save.emit(write)

    def saved(self, _script: object = None) -> None:
        self.accept()

    def failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setProperty("role", "error")
        self.message.setText(message)
