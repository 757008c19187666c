"""话术 tab: the group tree (create, rename, delete, drag to move) beside the scripts of
the selected group (search, new, edit, retire).

HQ picks which library it looks at (总部, or a store's: the server answers HQ's groups
and that store's); a supervisor always sees HQ's groups and their own store's, and may
change only their store's. Offline the tab shows what this PC holds, read-only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide_core import library_api as lib
from guide_core import protocol
from guide_core.sensitive import Matcher
from ui.pages.library_admin.common import (
    AdminHost,
    AdminTab,
    confirm,
    fill,
    select_id,
    selected_id,
    table,
    validity_text,
)
from ui.pages.library_admin.group_tree import GroupTree
from ui.pages.library_admin.script_editor import ScriptEditor

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300


class ScriptsTab(AdminTab):
    """``sig_loaded()`` after the tree and list show the latest answer."""

    sig_loaded = Signal()

    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.groups: list[protocol.ScriptGroupData] = []
        self.scripts: dict[str, protocol.ScriptData] = {}
        self.total = 0
        self.editor: ScriptEditor | None = None
        self._asked = 0
        self._want_group: str | None = None  # select once the tree shows it

        self.view_store = QComboBox()
        self.view_store.setMinimumWidth(160)
        self.view_store.addItem("", None)
        for s in self.admin.stores() if self.admin.is_hq else []:
            self.view_store.addItem(f"{s.code} {s.name}", s.id)
        self.view_store.setVisible(self.admin.is_hq)
        self.view_store.activated.connect(lambda _i: self.reload())

        self.tree = GroupTree()
        self.tree.sig_move.connect(self.move_group)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._group_changed())
        self.new_group = QPushButton()
        self.new_group.clicked.connect(lambda: self._ask_group_name(None, child=False))
        self.new_child = QPushButton()
        self.new_child.clicked.connect(lambda: self._ask_group_name(None, child=True))
        self.rename = QPushButton()
        self.rename.clicked.connect(lambda: self._ask_group_name(self.tree.current_group_id()))
        self.delete_group_button = QPushButton()
        self.delete_group_button.clicked.connect(self._ask_delete_group)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.load_scripts)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.list = table([""] * 5)
        self.list.itemSelectionChanged.connect(self.update_controls)
        self.list.doubleClicked.connect(lambda _i: self.open_editor(selected_id(self.list)))
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.new_script = QPushButton()
        self.new_script.clicked.connect(lambda: self.open_editor(None))
        self.edit = QPushButton()
        self.edit.clicked.connect(lambda: self.open_editor(selected_id(self.list)))
        self.retire = QPushButton()
        self.retire.clicked.connect(self._ask_retire)

        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.view_store)
        lbox.addWidget(self.tree, 1)
        gbar = QHBoxLayout()
        for b in (self.new_group, self.new_child, self.rename, self.delete_group_button):
            gbar.addWidget(b)
        lbox.addLayout(gbar)
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        sbar = QHBoxLayout()
        sbar.addWidget(self.search, 1)
        for b in (self.new_script, self.edit, self.retire):
            sbar.addWidget(b)
        rbox.addLayout(sbar)
        rbox.addWidget(self.list, 1)
        rbox.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        self.retranslate_ui()
        self.update_controls()

    def retranslate_ui(self) -> None:
        self.view_store.setItemText(0, self.tr("总部话术库"))
        self.tree.root_title = self.tr("全部话术")
        root = self.tree.model_.item(0)
        if root is not None:
            root.setText(self.tree.root_title)
        self.new_group.setText(self.tr("新建分组"))
        self.new_child.setText(self.tr("新建子分组"))
        self.rename.setText(self.tr("重命名"))
        self.delete_group_button.setText(self.tr("删除分组"))
        self.search.setPlaceholderText(self.tr("搜索标题、正文、关键词"))
        self.new_script.setText(self.tr("新建话术"))
        self.edit.setText(self.tr("编辑"))
        self.retire.setText(self.tr("停用"))
        self.list.setHorizontalHeaderLabels(
            [self.tr("标题"), self.tr("归属"), self.tr("分组"), self.tr("有效期"), self.tr("使用")]
        )

    # ------------------------------------------------------------------ who may

    def view_scope(self) -> tuple[str, str | None]:
        """Where a new group or script goes: the library the tab looks at."""
        if not self.admin.is_hq:
            return "store", self.admin.user.store_id
        store = self.view_store.currentData()
        return ("store", store) if store else ("hq", None)

    def _group(self, gid: str | None) -> protocol.ScriptGroupData | None:
        return next((g for g in self.groups if g.id == gid), None)

    def _may_group(self, gid: str | None) -> bool:
        g = self._group(gid)
        return g is not None and self.writable and self.admin.may_manage_row(g)

    def selected_script(self) -> protocol.ScriptData | None:
        sid = selected_id(self.list)
        return self.scripts.get(sid) if sid else None

    def update_controls(self) -> None:
        may_new = self.writable and self.admin.may_manage(*self.view_scope())
        gid = self.tree.current_group_id()
        self.new_group.setEnabled(may_new)
        self.new_child.setEnabled(may_new and gid is not None)
        self.rename.setEnabled(self._may_group(gid))
        self.delete_group_button.setEnabled(self._may_group(gid))
        self.new_script.setEnabled(may_new)
        script = self.selected_script()
        self.edit.setEnabled(script is not None)
        self.retire.setEnabled(
            script is not None and self.writable and self.admin.may_manage_row(script)
        )

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        store = self.view_scope()[1]
        self.host.run(
            lambda: self.admin.groups(store), self._groups_loaded, self._failed_offline_ok
        )

    def _failed_offline_ok(self, message: str) -> None:
        if self.host.offline:  # show what this PC holds
            self._groups_loaded(self.admin.cached_groups())
        else:
            self.show_error(message)
            self.sig_loaded.emit()

    def _label(self, g: protocol.ScriptGroupData) -> str:
        if str(g.scope) == "store":
            names = {s.id: s.code for s in self.admin.stores()}
            return f"  [{names.get(g.store_id or '', self.tr('门店'))}]"
        return "" if self.admin.is_hq else f"  [{self.tr('总部')}]"

    def _groups_loaded(self, groups: list[protocol.ScriptGroupData]) -> None:
        self.groups = list(groups)
        movable = {g.id for g in groups if self.writable and self.admin.may_manage_row(g)}
        self.tree.set_groups(groups, movable, {g.id: self._label(g) for g in groups})
        want, self._want_group = self._want_group, None
        if want in self.tree.groups:
            self.tree.select_group(want)
        self.load_scripts()

    def _group_changed(self) -> None:
        self.update_controls()
        self.load_scripts()

    def load_scripts(self) -> None:
        self._timer.stop()
        self._asked += 1
        asked = self._asked
        gid = self.tree.current_group_id()
        q = self.search.text()
        store = self.view_scope()[1]
        if self.host.offline:
            self._scripts_loaded(asked, self.admin.cached_scripts(gid, q), None)
            return
        self.host.run(
            lambda: self.admin.scripts(gid, q, store_id=store),
            lambda page: self._scripts_loaded(asked, page.scripts, page.total),
            lambda msg: self._scripts_failed(asked, msg, gid, q),
        )

    def _scripts_failed(self, asked: int, message: str, gid: str | None, q: str) -> None:
        if asked != self._asked:
            return
        if self.host.offline:
            self._scripts_loaded(asked, self.admin.cached_scripts(gid, q), None)
            return
        self.show_error(message)
        self.sig_loaded.emit()

    def _scripts_loaded(
        self, asked: int, scripts: list[protocol.ScriptData], total: int | None
    ) -> None:
        if asked != self._asked:
            return
        current = selected_id(self.list)
        self.scripts = {s.id: s for s in scripts}
        self.total = total if total is not None else len(scripts)
        names = {s.id: s.code for s in self.admin.stores()}
        rows = []
        for s in scripts:
            owner = self.tr("总部") if str(s.scope) == "hq" else names.get(s.store_id or "", "")
            rows.append(
                (
                    s.id,
                    [
                        s.title,
                        owner,
                        self.tree.path_of(s.group_id),
                        validity_text(s.valid_from, s.valid_to, self.tr("不限")),
                        str(s.use_count),
                    ],
                )
            )
        fill(self.list, rows)
        if current:
            select_id(self.list, current)
        if self.total > len(scripts):
            self.status.setText(
                self.tr("共 {0} 条, 显示前 {1} 条, 请搜索缩小范围").format(self.total, len(scripts))
            )
        else:
            self.status.setText(self.tr("共 {0} 条").format(self.total))
        self.update_controls()
        self.sig_loaded.emit()

    # ------------------------------------------------------------------ groups

    def _ask_group_name(self, group_id: str | None, child: bool = False) -> None:
        g = self._group(group_id)
        title = self.tr("重命名分组") if g else self.tr("新建分组")
        name, ok = QInputDialog.getText(self, title, self.tr("分组名称"), text=g.name if g else "")
        if not ok:
            return
        if g is not None:
            self.rename_group(g.id, name)
        else:
            self.create_group(name, self.tree.current_group_id() if child else None)

    def create_group(self, name: str, parent_id: str | None = None) -> None:
        scope, store = self.view_scope()
        siblings = [g.sort for g in self.groups if g.parent_id == parent_id]
        try:
            write = lib.ScriptGroupWrite(
                scope=scope,
                store_id=store,
                parent_id=parent_id,
                name=name,
                sort=max(siblings, default=-1) + 1,
            )
        except ValueError as exc:
            self.show_error(protocol.describe_validation_error(exc))
            return
        self.host.run(lambda: self.admin.create_group(write), self._group_saved, self._write_failed)

    def rename_group(self, group_id: str, name: str) -> None:
        g = self._group(group_id)
        if g is None:
            return
        try:
            write = lib.ScriptGroupWrite(
                scope=str(g.scope),
                store_id=g.store_id,
                parent_id=g.parent_id,
                name=name,
                sort=g.sort,
            )
        except ValueError as exc:
            self.show_error(protocol.describe_validation_error(exc))
            return
        self.host.run(
            lambda: self.admin.update_group(group_id, write), self._group_saved, self._write_failed
        )

    def move_group(self, group_id: str, parent_id: str | None, place: int) -> None:
        """Move a group under ``parent_id`` at ``place`` among its other groups; the
        siblings after it are renumbered. The tree is read again either way."""
        siblings = self.tree.children_of(parent_id, group_id)
        place = max(0, min(place, len(siblings)))
        order = siblings[:place] + [group_id] + siblings[place:]
        plan = [(group_id, parent_id, place)]
        for n, gid in enumerate(order):
            g = self._group(gid)
            if gid != group_id and g is not None and g.sort != n:
                plan.append((gid, parent_id, n))

        def work() -> protocol.ScriptGroupData:
            moved = self.admin.move_group(*plan[0])  # refused here: nothing else moves
            for gid, parent, n in plan[1:]:
                self.admin.move_group(gid, parent, n)
            return moved

        self.host.run(work, self._group_saved, self._move_failed)

    def _move_failed(self, message: str) -> None:
        self.show_error(message)
        self.reload()

    def _ask_delete_group(self) -> None:
        g = self._group(self.tree.current_group_id())
        if g is not None and confirm(
            self,
            self.tr("删除分组"),
            self.tr("删除分组「{0}」? 分组里还有话术时不能删除。").format(g.name),
        ):
            self.delete_group(g.id)

    def delete_group(self, group_id: str) -> None:
        self.host.run(
            lambda: self.admin.delete_group(group_id), lambda _r: self._saved(), self._write_failed
        )

    def _group_saved(self, group: protocol.ScriptGroupData) -> None:
        self.show_error("")
        self._want_group = group.id
        self.reload()

    def _write_failed(self, message: str) -> None:
        self.show_error(message)
        self.update_controls()

    def _saved(self) -> None:
        self.show_error("")
        self.reload()

    # ------------------------------------------------------------------ scripts

    def open_editor(self, script_id: str | None) -> ScriptEditor | None:
        script = self.scripts.get(script_id) if script_id else None
        if script_id and script is None:
            return None
        read_only = not self.writable or (
            script is not None and not self.admin.may_manage_row(script)
        )
        if script is None and not self.admin.may_manage(*self.view_scope()):
            return None
        paths = sorted(((g.id, self.tree.path_of(g.id)) for g in self.groups), key=lambda x: x[1])
        words = self.admin.cached_words()
        editor = ScriptEditor(
            self.admin,
            groups=paths,
            matcher=Matcher(words) if words else None,
            materials=self.admin.cached_materials(),
            script=script,
            group_id=self.tree.current_group_id(),
            read_only=read_only,
            parent=self,
        )
        if script is None:
            scope, store = self.view_scope()
            for i in range(editor.scope.count()):
                if tuple(editor.scope.itemData(i)) == (scope, store):
                    editor.scope.setCurrentIndex(i)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.sig_save.connect(lambda write: self._save_script(editor, script_id, write))
        editor.finished.connect(lambda _r: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _save_script(
        self, editor: ScriptEditor, script_id: str | None, write: lib.ScriptWrite
    ) -> None:
        def done(script: protocol.ScriptData) -> None:
            editor.saved(script)
            self.show_error("")
            self.load_scripts_selecting(script.id)

        def failed(message: str) -> None:
            editor.failed(message)

        if script_id:
            self.host.run(lambda: self.admin.update_script(script_id, write), done, failed)
        else:
            self.host.run(lambda: self.admin.create_script(write), done, failed)

    def load_scripts_selecting(self, script_id: str) -> None:
        def select() -> None:
            self.sig_loaded.disconnect(select)
            select_id(self.list, script_id)

        self.sig_loaded.connect(select)
        self.load_scripts()

    def _ask_retire(self) -> None:
        script = self.selected_script()
        if script is not None and confirm(
            self,
            self.tr("停用话术"),
            self.tr("停用「{0}」? 各门店的电脑将在下次同步时移除它。").format(script.title),
        ):
            self.retire_script(script.id)

    def retire_script(self, script_id: str) -> None:
        self.host.run(
            lambda: self.admin.retire_script(script_id),
            lambda _r: self._retired(script_id),
            self._write_failed,
        )

    def _retired(self, script_id: str) -> None:
        self.show_error("")
        self.scripts.pop(script_id, None)
        self.load_scripts()
