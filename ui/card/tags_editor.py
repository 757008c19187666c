"""Tags of one customer, edited group by group (single-choice groups as radio buttons)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

_COLUMNS = 4


class TagsEditor(QWidget):
    """One box per visible tag group; ``selected()`` maps group id → chosen tag ids."""

    sig_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, dict[str, QAbstractButton]] = {}
        self._boxes: list[QGroupBox] = []
        self._groups: list[QButtonGroup] = []
        self._original: dict[str, set[str]] = {}

    def show_tags(
        self,
        groups: list,
        current_tag_ids: set[str],
        editable: bool = True,
        auto_tag_ids: set[str] = frozenset(),
    ) -> None:
        """``auto_tag_ids``: tags an HQ rule set on this customer (marked 自动)."""
        for box in self._boxes:
            box.deleteLater()
        self._boxes.clear()
        self._groups.clear()
        self.buttons.clear()
        for group in groups:
            box = QGroupBox(
                group.name + ("" if str(group.choice) == "multi" else self.tr(" (单选)"))
            )
            grid = QGridLayout(box)
            single = str(group.choice) == "single"
            exclusive = QButtonGroup(box) if single else None
            if exclusive is not None:
                # Exclusive groups cannot be emptied by clicking; "不设置" clears it.
                exclusive.setExclusive(True)
                self._groups.append(exclusive)
            buttons: dict[str, QAbstractButton] = {}
            items = [(tag.id, tag.name) for tag in group.tags]
            if single:
                items.append(("", self.tr("不设置")))
            for n, (tag_id, name) in enumerate(items):
                if tag_id in auto_tag_ids:
                    name = f"{name} {self.tr('(自动)')}"
                button = QRadioButton(name) if single else QCheckBox(name)
                if tag_id in auto_tag_ids:
                    button.setToolTip(self.tr("由总部自动打标规则添加; 手动修改后不再自动变动"))
                button.setChecked(tag_id in current_tag_ids)
                button.setEnabled(editable)
                button.toggled.connect(lambda _on: self.sig_edited.emit())
                if exclusive is not None:
                    exclusive.addButton(button)
                grid.addWidget(button, n // _COLUMNS, n % _COLUMNS)
                buttons[tag_id] = button
            if single and not any(b.isChecked() for b in buttons.values()):
                buttons[""].setChecked(True)
            self.buttons[group.id] = buttons
            self._boxes.append(box)
            self.layout_.addWidget(box)
        self._original = self.selected()

    def selected(self) -> dict[str, set[str]]:
        return {
            gid: {tid for tid, b in buttons.items() if tid and b.isChecked()}
            for gid, buttons in self.buttons.items()
        }

    def changed_groups(self) -> dict[str, set[str]]:
        now = self.selected()
        return {gid: tags for gid, tags in now.items() if tags != self._original.get(gid)}

    def mark_saved(self) -> None:
        self._original = self.selected()

    def set_checked(self, tag_id: str, checked: bool) -> None:
        for buttons in self.buttons.values():
            if tag_id in buttons:
                buttons[tag_id].setChecked(checked)
                return
        raise KeyError(tag_id)
