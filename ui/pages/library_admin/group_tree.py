"""The script group tree: a "全部话术" root with every group under it, reordered and
moved by drag and drop.

A drop does not move anything itself: it asks the server (``sig_move(group_id,
parent_id, place)``) and the tree is read again afterwards, so a move the server
refuses (deeper than 8 levels, under its own child) leaves the tree as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QDropEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from guide_core.protocol import ScriptGroupData

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: The root row's id (every group hangs under it; a drop on it moves to the top level).
ROOT = ""

Drop = QAbstractItemView.DropIndicatorPosition


class GroupTree(QTreeView):
    """``sig_move(group_id, parent_id or None, place)`` when a group is dropped somewhere
    (``place``: its position among the new parent's other groups)."""

    sig_move = Signal(str, object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.groups: dict[str, ScriptGroupData] = {}
        self.root_title = ""

    # ------------------------------------------------------------------ filling

    def set_groups(
        self, groups: list[ScriptGroupData], movable: set[str], label: dict[str, str]
    ) -> None:
        """Show ``groups`` (ids in ``movable`` may be dragged); keep the selection."""
        current = self.current_group_id()
        expanded = {gid for gid, item in self._items().items() if self.isExpanded(item.index())}
        self.model_.clear()
        self.groups = {g.id: g for g in groups}
        root = QStandardItem(self.root_title)
        root.setData(ROOT, ID_ROLE)
        root.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        root.setFlags(root.flags() | Qt.ItemFlag.ItemIsDropEnabled)
        self.model_.appendRow(root)
        items: dict[str, QStandardItem] = {ROOT: root}
        children: dict[str, list[ScriptGroupData]] = {}
        for g in groups:
            parent = g.parent_id if g.parent_id in self.groups else ROOT
            children.setdefault(parent, []).append(g)

        def add(parent_id: str, seen: set[str]) -> None:
            for g in sorted(children.get(parent_id, []), key=lambda x: (x.sort, x.name, x.id)):
                if g.id in seen:  # a cycle stored by mistake: show it once
                    continue
                item = QStandardItem(g.name + label.get(g.id, ""))
                item.setToolTip(g.name)
                item.setData(g.id, ID_ROLE)
                item.setData(g.sort, SORT_ROLE)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                flags |= Qt.ItemFlag.ItemIsDropEnabled
                if g.id in movable:
                    flags |= Qt.ItemFlag.ItemIsDragEnabled
                item.setFlags(flags)
                items[parent_id].appendRow(item)
                items[g.id] = item
                add(g.id, seen | {g.id})

        add(ROOT, set())
        self.expand(root.index())
        for gid in expanded:
            if gid in items:
                self.expand(items[gid].index())
        self.select_group(current if current in items else ROOT)

    def _items(self) -> dict[str, QStandardItem]:
        out: dict[str, QStandardItem] = {}

        def walk(item: QStandardItem) -> None:
            out[item.data(ID_ROLE)] = item
            for r in range(item.rowCount()):
                walk(item.child(r))

        for r in range(self.model_.rowCount()):
            walk(self.model_.item(r))
        return out

    # ------------------------------------------------------------------ selection

    def current_group_id(self) -> str | None:
        """The selected group's id; None for the root (every script) or nothing."""
        index = self.currentIndex()
        gid = index.data(ID_ROLE) if index.isValid() else None
        return gid or None

    def select_group(self, group_id: str | None) -> None:
        item = self._items().get(group_id or ROOT)
        if item is not None:
            self.setCurrentIndex(item.index())
            self.scrollTo(item.index())

    def path_of(self, group_id: str | None) -> str:
        """``a/b/c`` of a group (for lists and the suggestion inbox)."""
        names: list[str] = []
        seen: set[str] = set()
        while group_id and group_id in self.groups and group_id not in seen:
            seen.add(group_id)
            g = self.groups[group_id]
            names.append(g.name)
            group_id = g.parent_id
        return "/".join(reversed(names))

    def depth_of(self, group_id: str | None) -> int:
        return len(self.path_of(group_id).split("/")) if group_id else 0

    # ------------------------------------------------------------------ drag and drop

    def children_of(self, parent_id: str | None, without: str | None = None) -> list[str]:
        """Ids of a parent's groups in the order shown (``without`` left out)."""
        kids = [
            g
            for g in self.groups.values()
            if (g.parent_id if g.parent_id in self.groups else None) == parent_id
            and g.id != without
        ]
        return [g.id for g in sorted(kids, key=lambda x: (x.sort, x.name, x.id))]

    def place(self, dragged: str, target: QModelIndex, where: Drop) -> tuple[str | None, int]:
        """Where a drop of ``dragged`` at ``target`` (``where`` of it) puts it: (parent,
        place among the parent's other groups)."""
        if not target.isValid() or where == Drop.OnViewport:
            return None, len(self.children_of(None, dragged))
        tid = target.data(ID_ROLE)
        if tid == ROOT:
            return None, 0 if where == Drop.AboveItem else len(self.children_of(None, dragged))
        if where == Drop.OnItem:
            return tid, len(self.children_of(tid, dragged))
        g = self.groups.get(tid)
        parent = g.parent_id if g is not None and g.parent_id in self.groups else None
        siblings = self.children_of(parent, dragged)
        at = siblings.index(tid) if tid in siblings else len(siblings)
        return parent, at if where == Drop.AboveItem else at + 1

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        dragged = self.current_group_id()
        target = self.indexAt(event.position().toPoint())
        where = self.dropIndicatorPosition()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.ignore()  # the server moves it; the tree is read again afterwards
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if dragged is None:
            return
        parent, at = self.place(dragged, target, where)
        if parent == dragged:
            return
        self.sig_move.emit(dragged, parent, at)
