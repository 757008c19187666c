"""任务: the guide's assignments in four sections, one open at a time on the right.

今天 / 已逾期 (in red) / 即将开始 / 已完成, computed by the client core
(``TaskService.my_sections``) on a read worker; the open assignment's checklist
is read the same way and refreshed in place after every change (a local tick,
or a pull), so what the guide is typing stays. An image dropped anywhere on the
page becomes the evidence of the item under the cursor (or the item last
worked on). 打印今日清单 writes the day's open work to a PDF (``ui.tasks_print``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.tasks_query import DONE, OVERDUE, SECTIONS, TODAY, UPCOMING
from ui.background import run_in_background
from ui.pages.registry import PageWidget
from ui.tasks_widgets.assignment_panel import AssignmentPanel
from ui.tasks_widgets.evidence import mime_has_evidence
from ui.tasks_widgets.item_row import ItemRow

if TYPE_CHECKING:
    from guide_app.services.tasks_query import AssignmentView
    from guide_app.session import Session

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
_OVERDUE_INK = QColor("#c0392b")


class TasksPage(PageWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.sections: dict[str, list[AssignmentView]] = {s: [] for s in SECTIONS}
        self.loaded = False
        self.current_id: str | None = None
        self.last_row: ItemRow | None = None
        self._reading = False
        self._again = False

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.print_button = QPushButton()
        self.print_button.setObjectName("printDay")
        self.print_button.clicked.connect(self.print_day)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(260)
        self.tree.currentItemChanged.connect(self._selected)
        self.panel = AssignmentPanel(session)
        self.panel.sig_message.connect(self._said)
        self.status = QLabel()
        self.status.setObjectName("tasksStatus")
        self.status.setStyleSheet("color: #6b7785;")

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.print_button)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.panel)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.setAcceptDrops(True)
        self.retranslate_ui()

    def section_titles(self) -> dict[str, str]:
        return {
            TODAY: self.tr("今天"),
            OVERDUE: self.tr("已逾期"),
            UPCOMING: self.tr("即将开始"),
            DONE: self.tr("已完成"),
        }

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("我的任务"))
        self.print_button.setText(self.tr("打印今日清单"))
        self.print_button.setToolTip(self.tr("把今天和已逾期的任务清单保存为 PDF，可打印"))
        self.panel.retranslate_ui()
        if self.loaded:
            self._fill_tree()

    # ------------------------------------------------------------------ reads

    def load(self) -> None:
        """Read the sections on a worker (a read asked meanwhile runs once after it)."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        tasks = self.session.tasks
        run_in_background(lambda: tasks.my_sections(datetime.now(UTC)), self._show, self._failed)

    def on_entities_changed(self, entities: set[str]) -> None:
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self._reading = False
        log.warning("任务读取失败: %s", exc)
        self.status.setText(self.tr("任务读取失败：{0}").format(exc))

    def _show(self, sections: dict[str, list[AssignmentView]]) -> None:
        self._reading = False
        self.sections = sections
        self.loaded = True
        self._fill_tree()
        self._load_current()
        if self._again:
            self._again = False
            self.load()

    def _fill_tree(self) -> None:
        titles = self.section_titles()
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        for key in SECTIONS:
            rows = self.sections.get(key, [])
            top = QTreeWidgetItem([f"{titles[key]} ({len(rows)})"])
            top.setData(0, ID_ROLE, None)
            top.setData(0, Qt.ItemDataRole.UserRole + 1, key)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for v in rows:
                text = f"{v.title}  ·  {v.status_label}  ·  {v.items_done}/{v.items_total}"
                if key == OVERDUE:
                    text = self.tr("【逾期】") + text
                child = QTreeWidgetItem([text])
                child.setData(0, ID_ROLE, v.id)
                child.setToolTip(0, v.description or v.title)
                if key == OVERDUE:
                    child.setForeground(0, QBrush(_OVERDUE_INK))
                top.addChild(child)
                if v.id == self.current_id:
                    chosen = child
            top.setExpanded(key != DONE or len(rows) <= 5)
        if chosen is None:
            first = next((s for s in (TODAY, OVERDUE, UPCOMING) if self.sections.get(s)), None)
            if first is not None and self.current_id is None:
                chosen = self.tree.topLevelItem(SECTIONS.index(first)).child(0)
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
            self.current_id = chosen.data(0, ID_ROLE)
        else:
            self.current_id = None
        self.tree.blockSignals(False)

    def view(self, assignment_id: str) -> AssignmentView | None:
        for rows in self.sections.values():
            for v in rows:
                if v.id == assignment_id:
                    return v
        return None

    def section_of(self, assignment_id: str) -> str | None:
        for key, rows in self.sections.items():
            if any(v.id == assignment_id for v in rows):
                return key
        return None

    def _selected(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        aid = current.data(0, ID_ROLE) if current is not None else None
        if aid is None:
            return
        self.current_id = aid
        self._load_current()

    def open_assignment(self, assignment_id: str) -> None:
        """Select ``assignment_id`` in the tree (its checklist loads on a worker)."""
        self.current_id = assignment_id
        self._fill_tree()
        self._load_current()

    def _load_current(self) -> None:
        aid = self.current_id
        view = self.view(aid) if aid else None
        if view is None:
            self.panel.show_assignment(None, [])
            return
        tasks = self.session.tasks

        def shown(items: list) -> None:
            if self.current_id == aid:
                fresh = self.view(aid)
                if fresh is not None:
                    self.panel.show_assignment(fresh, items)

        run_in_background(lambda: tasks.items(aid), shown, self._failed_items)

    def _failed_items(self, exc: BaseException) -> None:
        log.warning("清单读取失败: %s", exc)
        self.status.setText(self.tr("清单读取失败：{0}").format(exc))

    def _said(self, text: str) -> None:
        self.status.setText(text)
        sender = self.sender()
        if isinstance(sender, ItemRow):
            self.last_row = sender

    # ------------------------------------------------------------------ drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self.panel.view is not None and mime_has_evidence(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        row = self.row_at(event.position().toPoint())
        if row is None:
            self.status.setText(self.tr("请把图片拖到要上传凭证的清单项上"))
            event.ignore()
            return
        row.take_mime(event.mimeData())
        self.last_row = row
        event.acceptProposedAction()

    def row_at(self, pos: Any) -> ItemRow | None:
        """The checklist item under ``pos`` (page coordinates), else the one last worked on."""
        widget = self.childAt(pos)
        while widget is not None and not isinstance(widget, ItemRow):
            widget = widget.parentWidget()
        if widget is not None:
            return widget
        if self.last_row is not None and self.last_row in self.panel.rows.values():
            return self.last_row
        return None

    # ------------------------------------------------------------------ print

    def default_pdf_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        day = datetime.now().strftime("%Y%m%d")
        return Path(folder or Path.home()) / self.tr("今日任务清单_{0}.pdf").format(day)

    def print_day(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存今日任务清单"), str(self.default_pdf_path()), "PDF (*.pdf)"
        )
        if path:
            self.save_day_pdf(Path(path))

    def save_day_pdf(self, path: Path) -> None:
        """Read the day on a worker, then draw the PDF (QTextDocument) on the GUI thread."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        tasks, user = self.session.tasks, self.session.user

        def write(entries: list) -> None:
            from ui.tasks_print import write_day_pdf

            try:
                write_day_pdf(entries, path, user.display_name, datetime.now())
            except OSError as exc:
                self.status.setText(self.tr("保存失败：{0}").format(exc))
                return
            self.status.setText(self.tr("已保存今日清单：{0}").format(path))

        run_in_background(
            lambda: tasks.my_day(datetime.now(UTC)),
            write,
            lambda exc: self.status.setText(self.tr("保存失败：{0}").format(exc)),
        )
