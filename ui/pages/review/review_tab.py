"""审核: the store's tasks; per task, each guide's progress as a table and a bar chart;
the selected assignment's checklist and the decision (``AssignmentPanel``).

Everything is read from the cache on a worker (``ReviewService``); the tab reads
again when tasks, items, assignments or checks change (here or pulled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.background import run_in_background
from ui.charts import RateBars
from ui.pages.review.assignment_panel import AssignmentPanel

if TYPE_CHECKING:
    from guide_app.services.review import GuideRow, ReviewService, TaskSummary

ID_ROLE = Qt.ItemDataRole.UserRole


def per_guide(rows: list[GuideRow]) -> list[tuple[str, float, float]]:
    """(guide name, items done share, approved share) per guide over a task's rows."""
    agg: dict[str, list[float]] = {}
    order: list[str] = []
    for r in rows:
        if r.guide_id not in agg:
            agg[r.guide_id] = [0, 0, 0, 0]
            order.append(r.guide_id)
        a = agg[r.guide_id]
        a[0] += r.items_done
        a[1] += r.items_total
        a[2] += 1 if r.status == "approved" else 0
        a[3] += 1
    names = {r.guide_id: r.guide_name for r in rows}
    out = [
        (names[g], agg[g][0] / agg[g][1] if agg[g][1] else 0.0, agg[g][2] / agg[g][3])
        for g in order
    ]
    return sorted(out, key=lambda x: (-x[1], x[0]))


class ReviewTab(QWidget):
    def __init__(self, service: ReviewService, blobs: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tasks = QListWidget()
        self.tasks.setObjectName("reviewTasks")
        self.tasks.currentItemChanged.connect(lambda *_: self._load_guides())
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("reviewGuides")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._load_assignment)
        self.chart = RateBars()
        self.chart.setMinimumHeight(140)
        self.panel = AssignmentPanel(service, blobs)
        self.panel.sig_reviewed.connect(lambda _aid: self.refresh())
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.table)
        middle.addWidget(self.chart)
        middle.addWidget(self.panel)
        middle.setStretchFactor(2, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tasks, 1)
        left_layout.addWidget(self.hint)
        split.addWidget(left)
        split.addWidget(middle)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        #: What the tab shows now (tests read these).
        self.task_rows: list[TaskSummary] = []
        self.guide_rows: list[GuideRow] = []
        #: Reads in flight; 0 when what shows is current.
        self.busy = 0
        self._want_assignment: str | None = None
        self._refused: dict = {}
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("导购"), self.tr("日期"), self.tr("状态"), self.tr("清单"), self.tr("触达")]
        )
        self.hint.setText(self.tr("待审核的任务排在前面"))
        self.panel.retranslate_ui()

    # ------------------------------------------------------------------ reads

    def refresh(self) -> None:
        self.busy += 1
        run_in_background(self.service.tasks, self._show_tasks, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.busy -= 1
        if not self.service.closed:
            raise exc

    def current_task(self) -> str | None:
        item = self.tasks.currentItem()
        return item.data(ID_ROLE) if item else None

    def _show_tasks(self, rows: list[TaskSummary]) -> None:
        self.busy -= 1
        keep = self.current_task()
        self.task_rows = rows
        self.tasks.blockSignals(True)
        self.tasks.clear()
        for r in rows:
            text = f"{r.title}\n{r.kind_label} · " + self.tr("完成 {0}/{1}").format(
                r.done, r.assignments
            )
            if r.waiting:
                text += " · " + self.tr("待审核 {0}").format(r.waiting)
            if r.withdrawn:
                text += " · " + self.tr("已撤回")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, r.task_id)
            self.tasks.addItem(item)
            if r.task_id == keep:
                self.tasks.setCurrentItem(item)
        if self.tasks.currentItem() is None and rows:
            self.tasks.setCurrentRow(0)
        self.tasks.blockSignals(False)
        self._load_guides()

    def select_task(self, task_id: str) -> None:
        """Show ``task_id`` (read again if it is shown already)."""
        for i in range(self.tasks.count()):
            if self.tasks.item(i).data(ID_ROLE) == task_id:
                if self.tasks.currentRow() == i:
                    self._load_guides()
                else:
                    self.tasks.setCurrentRow(i)
                return

    def _load_guides(self) -> None:
        task_id = self.current_task()
        if task_id is None:
            self._show_guides(([], {}))
            return
        self.busy += 1
        run_in_background(
            lambda: (self.service.guides(task_id), self.service.refused_reviews()),
            lambda result: self._guides_read(task_id, result),
            self._failed,
        )

    def _guides_read(self, task_id: str, result: tuple[list[GuideRow], dict]) -> None:
        self.busy -= 1
        if task_id == self.current_task():  # an answer for a task no longer shown: dropped
            self._show_guides(result)

    def _show_guides(self, result: tuple[list[GuideRow], dict]) -> None:
        rows, refused = result
        self._refused = refused
        keep = self._want_assignment or (self.panel.row.assignment_id if self.panel.row else None)
        self._want_assignment = None
        self.guide_rows = rows
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            outreach = f"{r.contacted} / {r.targets}" if r.targets else ""
            status = r.status_label + (" ⚠" if r.assignment_id in refused else "")
            cells = [
                r.guide_name,
                r.day or "",
                status,
                f"{r.items_done} / {r.items_total}",
                outreach,
            ]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(ID_ROLE, r.assignment_id)
                self.table.setItem(n, c, cell)
        self.table.clearSelection()
        self.table.blockSignals(False)
        bars = per_guide(rows)
        self.chart.set_bars(
            [b[0] for b in bars],
            [b[1] for b in bars],
            [b[2] for b in bars],
            empty_text=self.tr("还没有导购领到这个任务"),
        )
        index = next((i for i, r in enumerate(rows) if r.assignment_id == keep), None)
        if index is None:
            index = next((i for i, r in enumerate(rows) if r.status == "submitted"), None)
        if index is not None:
            self.table.selectRow(index)
        else:
            self.panel.show_assignment(None, [], None)

    def select_assignment(self, assignment_id: str) -> None:
        for i, r in enumerate(self.guide_rows):
            if r.assignment_id == assignment_id:
                self.table.selectRow(i)
                return

    def _load_assignment(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = self.guide_rows[rows[0].row()]
        self.busy += 1
        run_in_background(
            lambda: self.service.items(row.assignment_id),
            lambda items: self._show_assignment(row, items),
            self._failed,
        )

    def _show_assignment(self, row: GuideRow, items: list) -> None:
        self.busy -= 1
        if row not in self.guide_rows:  # the list was read again meanwhile
            return
        self.panel.show_assignment(row, items, self._refused.get(row.assignment_id))
