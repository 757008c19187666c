"""The task form of 任务发布: what, when, for whom, and the checklist.

HQ chooses targets among regions, stores, roles and named guides (all empty: every
store); a supervisor chooses guides of their store. When a published task is
edited the targets are fixed (withdraw and publish again to change them).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guide_app.domain import labels as domain
from guide_app.services.task_admin import Choice
from guide_core.protocol import Recurrence, TaskKind
from guide_core.rules.tasks import CHAIN_TZ
from ui.labels import translated
from ui.pages.task_admin.items_editor import ItemsEditor

ID_ROLE = Qt.ItemDataRole.UserRole


def checkable_list(object_name: str) -> QListWidget:
    box = QListWidget()
    box.setObjectName(object_name)
    box.setMaximumHeight(130)
    return box


def fill_checkable(
    box: QListWidget, choices: list[Choice], checked: set[str] = frozenset()
) -> None:
    box.clear()
    for c in choices:
        text = f"{c.name}  {c.detail}".strip() if c.detail else c.name
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, c.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if c.id in checked else Qt.CheckState.Unchecked)
        box.addItem(item)


def checked_ids(box: QListWidget) -> list[str]:
    return [
        box.item(i).data(ID_ROLE)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


def set_checked(box: QListWidget, ids: set[str]) -> None:
    for i in range(box.count()):
        item = box.item(i)
        item.setCheckState(
            Qt.CheckState.Checked if item.data(ID_ROLE) in ids else Qt.CheckState.Unchecked
        )


def _aware(value: QDateTime) -> datetime:
    """The edit's local date and time as an aware datetime (the PC's zone)."""
    return value.toPython().replace(tzinfo=None).astimezone()


class TaskForm(QWidget):
    def __init__(self, is_hq: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.is_hq = is_hq
        self.title = QLineEdit()
        self.title.setObjectName("taskTitle")
        self.kind = QComboBox()
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(70)
        self.start = QDateTimeEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due = QDateTimeEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.recurrence = QComboBox()
        self.has_until = QCheckBox()
        self.until = QDateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.until.setEnabled(False)
        self.has_until.toggled.connect(self.until.setEnabled)
        until_row = QHBoxLayout()
        until_row.addWidget(self.has_until)
        until_row.addWidget(self.until, 1)
        # targets
        self.targets = QGroupBox()
        self.regions = checkable_list("targetRegions")
        self.stores = checkable_list("targetStores")
        self.role_guide = QCheckBox()
        self.role_supervisor = QCheckBox()
        self.guides = checkable_list("targetGuides")
        self.targets_form = QFormLayout(self.targets)
        roles = QHBoxLayout()
        roles.addWidget(self.role_guide)
        roles.addWidget(self.role_supervisor)
        roles.addStretch(1)
        self.roles_row = QWidget()
        self.roles_row.setLayout(roles)
        self.target_labels: list[QLabel] = []
        rows = [self.regions, self.stores, self.roles_row] if is_hq else []
        for widget in [*rows, self.guides]:
            self.target_labels.append(QLabel())
            self.targets_form.addRow(self.target_labels[-1], widget)
        self.items = ItemsEditor()
        self.form = QFormLayout()
        self.labels: list[QLabel] = []
        for field in (
            self.title,
            self.kind,
            self.description,
            self.start,
            self.due,
            self.recurrence,
            until_row,
        ):
            self.labels.append(QLabel())
            self.form.addRow(self.labels[-1], field)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.targets)
        layout.addWidget(self.items, 1)
        #: The task being edited (None: a new one).
        self.editing: str | None = None
        self.retranslate_ui()
        self.new_task()

    def retranslate_ui(self) -> None:
        labels = (
            self.tr("标题"),
            self.tr("类型"),
            self.tr("说明"),
            self.tr("开始"),
            self.tr("截止"),
            self.tr("重复"),
            self.tr("重复截止"),
        )
        for label, text in zip(self.labels, labels, strict=True):
            label.setText(text)
        kind = self.kind.currentData()
        self.kind.clear()
        for code in TaskKind:
            text = (
                translated(domain.TASK_KINDS, code)
                if code in domain.TASK_KINDS
                else self.tr("其他")
            )
            self.kind.addItem(text, str(code))
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        recurrence = self.recurrence.currentData()
        self.recurrence.clear()
        self.recurrence.addItem(self.tr("不重复"), None)
        for code, text in (
            (Recurrence.DAILY, self.tr("每天")),
            (Recurrence.WEEKLY, self.tr("每周")),
            (Recurrence.MONTHLY, self.tr("每月")),
        ):
            self.recurrence.addItem(text, str(code))
        self.recurrence.setCurrentIndex(max(self.recurrence.findData(recurrence), 0))
        self.has_until.setText(self.tr("到这天为止"))
        self.targets.setTitle(self.tr("发给谁") if self.is_hq else self.tr("本店导购"))
        names = (
            [self.tr("区域"), self.tr("门店"), self.tr("角色"), self.tr("指定导购")]
            if self.is_hq
            else [self.tr("导购")]
        )
        for label, text in zip(self.target_labels, names, strict=True):
            label.setText(text)
        self.role_guide.setText(self.tr("导购"))
        self.role_supervisor.setText(self.tr("店长"))
        self.items.retranslate_ui()

    # ------------------------------------------------------------------ choices

    def set_choices(
        self,
        *,
        regions: list[Choice],
        stores: list[Choice],
        guides: list[Choice],
        scripts: list[Choice],
        materials: list[Choice],
        tags: list[Choice],
    ) -> None:
        fill_checkable(self.regions, regions)
        fill_checkable(self.stores, stores)
        fill_checkable(self.guides, guides)
        self.items.set_choices(scripts, materials, tags)

    # ------------------------------------------------------------------ fill

    def new_task(self) -> None:
        """An empty form: due tonight 21:00, one empty item."""
        self.editing = None
        self.title.clear()
        self.description.clear()
        self.kind.setCurrentIndex(0)
        today = datetime.now(CHAIN_TZ).date()
        self.start.setDateTime(QDateTime(QDate(today), QTime(0, 0)))
        self.due.setDateTime(QDateTime(QDate(today), QTime(21, 0)))
        self.recurrence.setCurrentIndex(0)
        self.has_until.setChecked(False)
        self.until.setDate(QDate(today + timedelta(days=30)))
        for box in (self.regions, self.stores, self.guides):
            set_checked(box, set())
        self.role_guide.setChecked(False)
        self.role_supervisor.setChecked(False)
        self._targets_editable(True)
        self.items.clear()
        self.items.add_item()

    def show_task(self, task: Any, items: list[Any]) -> None:
        """Fill with a published task (``TaskData``, ``TaskItemData`` list) for editing."""
        self.editing = task.id
        self.title.setText(task.title)
        self.kind.setCurrentIndex(max(self.kind.findData(str(task.kind)), 0))
        self.description.setPlainText(task.description)
        if task.start_at:
            self.start.setDateTime(QDateTime(task.start_at.astimezone().replace(tzinfo=None)))
        if task.due_at:
            self.due.setDateTime(QDateTime(task.due_at.astimezone().replace(tzinfo=None)))
        rec = str(task.recurrence) if task.recurrence else None
        self.recurrence.setCurrentIndex(max(self.recurrence.findData(rec), 0))
        self.has_until.setChecked(task.until is not None)
        if task.until:
            self.until.setDate(QDate(task.until))
        set_checked(self.regions, set(task.region_ids))
        set_checked(self.stores, set(task.store_ids) if task.region_ids == [] else set())
        set_checked(self.guides, set(task.guide_ids))
        self.role_guide.setChecked("guide" in task.roles)
        self.role_supervisor.setChecked("supervisor" in task.roles)
        self._targets_editable(False)
        self.items.clear()
        for item in items:
            self.items.add_item(item.model_dump(mode="json"))

    def _targets_editable(self, on: bool) -> None:
        self.targets.setEnabled(on)
        self.recurrence.setEnabled(on)

    # ------------------------------------------------------------------ read

    def start_at(self) -> datetime:
        return _aware(self.start.dateTime())

    def due_at(self) -> datetime:
        return _aware(self.due.dateTime())

    def until_day(self) -> date | None:
        return self.until.date().toPython() if self.has_until.isChecked() else None

    def roles(self) -> list[str]:
        out = []
        if self.role_guide.isChecked():
            out.append("guide")
        if self.role_supervisor.isChecked():
            out.append("supervisor")
        return out

    def common(self) -> dict[str, Any]:
        """The fields every road takes (publish, store task, edit)."""
        return {
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "description": self.description.toPlainText(),
            "start_at": self.start_at(),
            "due_at": self.due_at(),
            "recurrence": self.recurrence.currentData(),
            "until": self.until_day(),
            "items": self.items.items(),
        }
