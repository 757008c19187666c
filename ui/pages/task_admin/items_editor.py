"""The checklist of a task being written: one row per item — its text, kind (勾选 or
1v1 触达), a linked script and material, a customer segment (one tag, level or
lifecycle stage; resolved per guide by the server), and whether a note or a photo
is required. Items keep their id when a published task is edited (their checks stay).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.task_admin import Choice
from ui.labels import LEVELS, STAGES, level_label, stage_label

ID_ROLE = Qt.ItemDataRole.UserRole
TEXT, KIND, SCRIPT, MATERIAL, SEGMENT, NOTE, PHOTO = range(7)


def _centered(box: QCheckBox) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setAlignment(Qt.AlignmentFlag.AlignCenter)
    row.addWidget(box)
    return holder


class ItemsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("taskItems")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_item())
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.scripts: list[Choice] = []
        self.materials: list[Choice] = []
        self.tags: list[Choice] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("清单项"),
                self.tr("类型"),
                self.tr("话术"),
                self.tr("素材"),
                self.tr("客户分群"),
                self.tr("需备注"),
                self.tr("需照片"),
            ]
        )
        self.add_button.setText(self.tr("添加清单项"))
        self.remove_button.setText(self.tr("删除所选项"))

    def set_choices(
        self, scripts: list[Choice], materials: list[Choice], tags: list[Choice]
    ) -> None:
        self.scripts, self.materials, self.tags = scripts, materials, tags

    def _combo(self, choices: list[tuple[Any, str]], current: Any = None) -> QComboBox:
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(text, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        return combo

    def _segments(self) -> list[tuple[Any, str]]:
        out: list[tuple[Any, str]] = [(None, self.tr("不限"))]
        out += [(("tag", t.id), self.tr("标签: {0}").format(t.name)) for t in self.tags]
        out += [(("level", c), self.tr("等级: {0}").format(level_label(c))) for c in LEVELS]
        out += [(("stage", c), self.tr("生命周期: {0}").format(stage_label(c))) for c in STAGES]
        return out

    def add_item(self, item: dict[str, Any] | None = None) -> int:
        """Append a row (``item``: a ``TaskItemSpec``/``TaskItemData`` dict to show)."""
        item = item or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        text = QTableWidgetItem(item.get("text", ""))
        text.setData(ID_ROLE, item.get("id"))
        self.table.setItem(row, TEXT, text)
        kinds = [("check", self.tr("勾选")), ("outreach", self.tr("1v1触达"))]
        self.table.setCellWidget(row, KIND, self._combo(kinds, item.get("kind", "check")))
        scripts = [(None, self.tr("无"))] + [(c.id, c.name) for c in self.scripts]
        self.table.setCellWidget(row, SCRIPT, self._combo(scripts, item.get("script_id")))
        materials = [(None, self.tr("无"))] + [(c.id, c.name) for c in self.materials]
        self.table.setCellWidget(row, MATERIAL, self._combo(materials, item.get("material_id")))
        segment = item.get("segment") or {}
        current = None
        for key, kind in (("tag_ids", "tag"), ("levels", "level"), ("stages", "stage")):
            if segment.get(key):
                current = (kind, segment[key][0])
                break
        self.table.setCellWidget(row, SEGMENT, self._combo(self._segments(), current))
        for col, key in ((NOTE, "requires_note"), (PHOTO, "requires_evidence")):
            box = QCheckBox()
            box.setChecked(bool(item.get(key)))
            self.table.setCellWidget(row, col, _centered(box))
        return row

    def remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)

    def clear(self) -> None:
        self.table.setRowCount(0)

    def combo(self, row: int, col: int) -> QComboBox:
        return self.table.cellWidget(row, col)  # type: ignore[return-value]

    def check(self, row: int, col: int) -> QCheckBox:
        return self.table.cellWidget(row, col).findChild(QCheckBox)  # type: ignore[union-attr]

    def set_text(self, row: int, text: str) -> None:
        self.table.item(row, TEXT).setText(text)

    def items(self) -> list[dict[str, Any]]:
        """Every row as ``TaskItemSpec`` fields (empty rows are kept: the check names them)."""
        out = []
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, TEXT)
            spec: dict[str, Any] = {
                "text": cell.text().strip() if cell else "",
                "kind": self.combo(row, KIND).currentData(),
                "script_id": self.combo(row, SCRIPT).currentData(),
                "material_id": self.combo(row, MATERIAL).currentData(),
                "requires_note": self.check(row, NOTE).isChecked(),
                "requires_evidence": self.check(row, PHOTO).isChecked(),
            }
            if cell is not None and cell.data(ID_ROLE):
                spec["id"] = cell.data(ID_ROLE)
            segment = self.combo(row, SEGMENT).currentData()
            if segment:
                kind, value = segment
                key = {"tag": "tag_ids", "level": "levels", "stage": "stages"}[kind]
                spec["segment"] = {key: [value]}
            out.append(spec)
        return out
