"""The filters panel: tag groups (OR within a group, AND across), level, stage, owner…"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.labels import LEVELS, STAGES, level_label, stage_label


def _dot(color: str) -> QIcon:
    """A small round swatch of the tag's colour (cheaper than a style sheet per box)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color) if QColor(color).isValid() else QColor("#888888"))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class FilterPanel(QScrollArea):
    """Builds the tag/level/stage/owner filters; ``sig_filters_changed`` on any change.

    ``selection()`` returns plain data (dict) so it can be saved in QSettings and
    turned into a ``CustomerQuery`` by the page.
    """

    sig_filters_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(230)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.tag_boxes: dict[str, dict[str, QCheckBox]] = {}
        self.tag_group_boxes: list[QGroupBox] = []
        self.level_boxes = {code: QCheckBox() for code in LEVELS}
        self.stage_boxes = {code: QCheckBox() for code in STAGES}
        self.owner_combo = QComboBox()
        self.in_group_combo = QComboBox()
        self.birthday_box = QCheckBox()
        #: 疑似重复 (the server's duplicate flag): for supervisors and HQ only
        self.duplicates_box = QCheckBox()
        self.duplicates_box.hide()
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear)

        self.basic_box = QGroupBox()
        form = QFormLayout(self.basic_box)
        self.level_label = QLabel()
        self.stage_label = QLabel()
        self.owner_label = QLabel()
        self.group_label = QLabel()
        form.addRow(self.level_label, self._row(self.level_boxes.values()))
        form.addRow(self.stage_label, self._row(self.stage_boxes.values()))
        form.addRow(self.owner_label, self.owner_combo)
        form.addRow(self.group_label, self.in_group_combo)
        form.addRow(self.birthday_box)
        form.addRow(self.duplicates_box)
        self.tags_holder = QVBoxLayout()
        self.layout_.addWidget(self.basic_box)
        self.layout_.addLayout(self.tags_holder)
        self.layout_.addWidget(self.clear_button)
        self.layout_.addStretch(1)
        for box in [
            *self.level_boxes.values(),
            *self.stage_boxes.values(),
            self.birthday_box,
            self.duplicates_box,
        ]:
            box.toggled.connect(self.sig_filters_changed)
        self.owner_combo.currentIndexChanged.connect(lambda _i: self.sig_filters_changed.emit())
        self.in_group_combo.currentIndexChanged.connect(lambda _i: self.sig_filters_changed.emit())
        self.retranslate_ui()

    @staticmethod
    def _row(boxes) -> QWidget:
        """Two check boxes per line, so the panel stays narrow."""
        w = QWidget()
        grid = QGridLayout(w)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        for n, b in enumerate(boxes):
            grid.addWidget(b, n // 2, n % 2)
        return w

    def retranslate_ui(self) -> None:
        self.basic_box.setTitle(self.tr("基本"))
        self.level_label.setText(self.tr("等级"))
        self.stage_label.setText(self.tr("阶段"))
        self.owner_label.setText(self.tr("导购"))
        self.group_label.setText(self.tr("社群"))
        for code, box in self.level_boxes.items():
            box.setText(level_label(code))
        for code, box in self.stage_boxes.items():
            box.setText(stage_label(code))
        self.birthday_box.setText(self.tr("本月生日"))
        self.duplicates_box.setText(self.tr("疑似重复"))
        self.duplicates_box.setToolTip(
            self.tr("服务器发现手机号或会员号与本店其他客户相同的客户，请核对")
        )
        self.clear_button.setText(self.tr("清除筛选"))
        blocked = self.in_group_combo.blockSignals(True)
        index = max(0, self.in_group_combo.currentIndex())
        self.in_group_combo.clear()
        self.in_group_combo.addItem(self.tr("全部"), None)
        self.in_group_combo.addItem(self.tr("已进社群"), True)
        self.in_group_combo.addItem(self.tr("未进社群"), False)
        self.in_group_combo.setCurrentIndex(index)
        self.in_group_combo.blockSignals(blocked)
        if self.owner_combo.count():
            self.owner_combo.setItemText(0, self.tr("全部导购"))
        else:
            self.owner_combo.addItem(self.tr("全部导购"), None)

    def set_tag_groups(self, groups: list) -> None:
        """One box per tag group, a check box per tag."""
        for box in self.tag_group_boxes:
            box.deleteLater()
        self.tag_group_boxes.clear()
        self.tag_boxes.clear()
        for group in groups:
            box = QGroupBox(group.name)
            flow = QVBoxLayout(box)
            flow.setSpacing(2)
            checks: dict[str, QCheckBox] = {}
            for tag in group.tags:
                check = QCheckBox(tag.name)
                check.setIcon(_dot(tag.color))
                check.toggled.connect(self.sig_filters_changed)
                flow.addWidget(check)
                checks[tag.id] = check
            self.tag_boxes[group.id] = checks
            self.tag_group_boxes.append(box)
            self.tags_holder.addWidget(box)

    def set_duplicates_available(self, available: bool) -> None:
        """Show the 疑似重复 filter (supervisors and HQ check the server's flags)."""
        self.duplicates_box.setVisible(available)
        if not available:
            self.duplicates_box.setChecked(False)

    def set_staff(self, staff: list) -> None:
        blocked = self.owner_combo.blockSignals(True)
        current = self.owner_combo.currentData()
        self.owner_combo.clear()
        self.owner_combo.addItem(self.tr("全部导购"), None)
        for user in staff:
            self.owner_combo.addItem(user.display_name, user.id)
        index = self.owner_combo.findData(current)
        self.owner_combo.setCurrentIndex(max(0, index))
        self.owner_combo.blockSignals(blocked)

    def selection(self) -> dict:
        """The chosen filters as plain data (saved as-is for 保存的筛选)."""
        return {
            "tags": {
                gid: sorted(tid for tid, box in boxes.items() if box.isChecked())
                for gid, boxes in self.tag_boxes.items()
                if any(box.isChecked() for box in boxes.values())
            },
            "levels": sorted(c for c, b in self.level_boxes.items() if b.isChecked()),
            "stages": sorted(c for c, b in self.stage_boxes.items() if b.isChecked()),
            "owner_id": self.owner_combo.currentData(),
            "in_group": self.in_group_combo.currentData(),
            "birthday_this_month": self.birthday_box.isChecked(),
            "duplicates_only": self.duplicates_box.isChecked(),
        }

    def apply(self, selection: dict) -> None:
        """Set the widgets from a saved selection, announcing the change once."""
        self.blockSignals(True)
        try:
            for gid, boxes in self.tag_boxes.items():
                chosen = set(selection.get("tags", {}).get(gid, []))
                for tid, box in boxes.items():
                    box.setChecked(tid in chosen)
            for code, box in self.level_boxes.items():
                box.setChecked(code in selection.get("levels", []))
            for code, box in self.stage_boxes.items():
                box.setChecked(code in selection.get("stages", []))
            self.owner_combo.setCurrentIndex(
                max(0, self.owner_combo.findData(selection.get("owner_id")))
            )
            in_group = selection.get("in_group")
            self.in_group_combo.setCurrentIndex({None: 0, True: 1, False: 2}.get(in_group, 0))
            self.birthday_box.setChecked(bool(selection.get("birthday_this_month")))
            self.duplicates_box.setChecked(
                bool(selection.get("duplicates_only")) and not self.duplicates_box.isHidden()
            )
        finally:
            self.blockSignals(False)
        self.sig_filters_changed.emit()

    def clear(self) -> None:
        self.apply({})

    def set_tag_checked(self, tag_id: str, checked: bool) -> None:
        for boxes in self.tag_boxes.values():
            if tag_id in boxes:
                boxes[tag_id].setChecked(checked)
                return
        raise KeyError(tag_id)
