"""The script group tree (总部 / 本店 / 我的 groups, nested), with 全部 on top."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


class GroupTree(QTreeWidget):
    """``sig_group_chosen(group_id | None)``: None is 全部."""

    sig_group_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupTree")
        self.setHeaderHidden(True)
        self.all_item = QTreeWidgetItem([""])
        self.currentItemChanged.connect(self._changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.all_item.setText(0, self.tr("全部分组"))

    def show_groups(self, groups: list[Any]) -> None:
        current = self.current_group()
        self.blockSignals(True)
        self.takeTopLevelItem(self.indexOfTopLevelItem(self.all_item))
        self.clear()
        self.all_item = QTreeWidgetItem([""])
        self.retranslate_ui()
        self.addTopLevelItem(self.all_item)
        items: dict[str, QTreeWidgetItem] = {}
        for g in groups:
            item = QTreeWidgetItem([g.name])
            item.setData(0, GROUP_ROLE, g.id)
            items[g.id] = item
        for g in groups:
            parent = items.get(g.parent_id) if g.parent_id else None
            (parent.addChild if parent is not None else self.addTopLevelItem)(items[g.id])
        self.expandToDepth(0)
        chosen = items.get(current) if current else None
        self.setCurrentItem(chosen or self.all_item)
        self.blockSignals(False)

    def current_group(self) -> str | None:
        item = self.currentItem()
        return item.data(0, GROUP_ROLE) if item is not None else None

    def choose_all(self) -> None:
        self.setCurrentItem(self.all_item)

    def _changed(self, item: QTreeWidgetItem | None, _old: object = None) -> None:
        self.sig_group_chosen.emit(item.data(0, GROUP_ROLE) if item is not None else None)
