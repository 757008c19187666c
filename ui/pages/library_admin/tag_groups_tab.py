"""标签组 tab (HQ): the chain's customer tag groups — name, single or multiple choice,
which roles see them, and their tags (one a line)."""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guide_core import library_api as lib
from guide_core import protocol
from ui.pages.library_admin.common import (
    AdminHost,
    AdminTab,
    check_list,
    checked_ids,
    confirm,
    fill,
    fill_checks,
    selected_id,
    table,
)


class TagGroupEditor(QDialog):
    """``sig_save(TagGroupWrite)``; the page calls :meth:`saved` or :meth:`failed`."""

    sig_save = Signal(object)

    def __init__(
        self, row: lib.TagGroupWithTags | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.name = QLineEdit()
        self.choice = QComboBox()
        self.choice.addItem(self.tr("多选"), "multi")
        self.choice.addItem(self.tr("单选"), "single")
        self.roles = check_list()
        self.tags = QPlainTextEdit()
        self.tags.setPlaceholderText(self.tr("每行一个标签"))
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("选择方式"), self.choice)
        form.addRow(self.tr("可见角色 (不勾选: 全部)"), self.roles)
        form.addRow(self.tr("标签"), self.tags)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("编辑标签组") if row else self.tr("新建标签组"))
        roles = [str(r) for r in row.group.visible_roles] if row else []
        fill_checks(
            self.roles,
            [("guide", self.tr("导购")), ("supervisor", self.tr("店长")), ("hq", self.tr("总部"))],
            roles,
        )
        if row is not None:
            self.name.setText(row.group.name)
            self.choice.setCurrentIndex(max(0, self.choice.findData(str(row.group.choice))))
            self.tags.setPlainText("\n".join(t.name for t in sorted(row.tags, key=_tag_key)))

    def write(self) -> lib.TagGroupWrite:
        tags = list(dict.fromkeys(t.strip() for t in self.tags.toPlainText().splitlines()))
        try:
            return lib.TagGroupWrite(
                name=self.name.text(),
                choice=self.choice.currentData(),
                roles=checked_ids(self.roles),
                sort=self.row.group.sort if self.row else 0,
                tags=[t for t in tags if t],
            )
        except ValidationError as exc:
            raise ValueError(protocol.describe_validation_error(exc)) from exc

    def submit(self) -> None:
        try:
            write = self.write()
        except ValueError as exc:
            self.failed(str(exc))
            return
        self.buttons.setEnabled(False)
        self.sig_save.emit(write)

    def saved(self, _row: object = None) -> None:
        self.accept()

    def failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(message)


def _tag_key(t: protocol.TagData) -> tuple[int, str]:
    return (t.sort, t.name)


class TagGroupsTab(AdminTab):
    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.rows: dict[str, lib.TagGroupWithTags] = {}
        self.editor: TagGroupEditor | None = None
        self.list = table(["", "", "", ""])
        self.list.itemSelectionChanged.connect(self.update_controls)
        self.list.doubleClicked.connect(lambda _i: self.open_editor(selected_id(self.list)))
        self.new = QPushButton()
        self.new.clicked.connect(lambda: self.open_editor(None))
        self.edit = QPushButton()
        self.edit.clicked.connect(lambda: self.open_editor(selected_id(self.list)))
        self.delete = QPushButton()
        self.delete.clicked.connect(self._ask_delete)
        bar = QHBoxLayout()
        for b in (self.new, self.edit, self.delete):
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        self.retranslate_ui()
        self.update_controls()

    def retranslate_ui(self) -> None:
        self.new.setText(self.tr("新建标签组"))
        self.edit.setText(self.tr("编辑"))
        self.delete.setText(self.tr("删除"))
        self.list.setHorizontalHeaderLabels(
            [self.tr("名称"), self.tr("选择方式"), self.tr("可见角色"), self.tr("标签")]
        )

    def update_controls(self) -> None:
        ok = self.writable and self.admin.may_manage_global()
        picked = selected_id(self.list) is not None
        self.new.setEnabled(ok)
        self.edit.setEnabled(ok and picked)
        self.delete.setEnabled(ok and picked)

    def reload(self) -> None:
        self.host.run(self.admin.tag_groups, self._loaded)

    def _loaded(self, rows: list[lib.TagGroupWithTags]) -> None:
        self.rows = {r.group.id: r for r in rows}
        role_names = {
            "guide": self.tr("导购"),
            "supervisor": self.tr("店长"),
            "hq": self.tr("总部"),
        }
        fill(
            self.list,
            [
                (
                    r.group.id,
                    [
                        r.group.name,
                        self.tr("单选") if str(r.group.choice) == "single" else self.tr("多选"),
                        "、".join(role_names.get(str(x), str(x)) for x in r.group.visible_roles)
                        or self.tr("全部"),
                        "、".join(t.name for t in sorted(r.tags, key=_tag_key)),
                    ],
                )
                for r in rows
            ],
        )
        self.update_controls()

    def open_editor(self, group_id: str | None) -> TagGroupEditor | None:
        row = self.rows.get(group_id) if group_id else None
        if group_id and row is None:
            return None
        editor = TagGroupEditor(row, self)
        editor.sig_save.connect(lambda write: self._save(editor, group_id, write))
        self.editor = editor
        editor.open()
        return editor

    def _save(self, editor: TagGroupEditor, group_id: str | None, write: lib.TagGroupWrite) -> None:
        def done(row: object) -> None:
            editor.saved(row)
            self.reload()

        if group_id:
            self.host.run(lambda: self.admin.update_tag_group(group_id, write), done, editor.failed)
        else:
            self.host.run(lambda: self.admin.create_tag_group(write), done, editor.failed)

    def _ask_delete(self) -> None:
        row = self.rows.get(selected_id(self.list) or "")
        if row and confirm(
            self,
            self.tr("删除标签组"),
            self.tr("删除标签组「{0}」及其标签?").format(row.group.name),
        ):
            self.host.run(
                lambda: self.admin.delete_tag_group(row.group.id),
                lambda _r: self.reload(),
                self.show_error,
            )
