"""今日: one ranked list of whom to contact today and why, and the guide's figures beside it.

The queue is the client core's (``session.today_queue``, rules in
:mod:`guide_core.today_rules`); this page lays it out and takes keys:

- Up/Down move, Enter opens the entry: a customer's card with a fitting script already
  chosen (``TodayService.script_for`` by the entry's purpose), a task on the 任务 page;
- D done (完成), S snooze (稍后, until a date: default in 3 days), N not applicable (不适用).

Marks are offline edits (synced); the entry leaves the list at once. The right side is
the personal figures panel (``ui.figures_panel.FiguresPanel``).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.today_queue import SNOOZE_DAYS
from guide_core import today_rules as tr
from ui.background import run_in_background
from ui.figures_panel import FiguresPanel
from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.services.today_queue import TodayQueue
    from guide_app.session import Session
    from guide_core.today_rules import TodayEntry
    from ui.pages.registry import PageHost

log = logging.getLogger(__name__)

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
COL_KIND, COL_WHO, COL_REASON = range(3)

#: Chip colours by kind (background, text).
KIND_COLOURS = {
    tr.TASK_OVERDUE: ("#fde2e1", "#b42318"),
    tr.TASK_DUE: ("#fff1d6", "#b54708"),
    tr.FOLLOW_UP_DUE: ("#e0ecff", "#1849a9"),
    tr.BIRTHDAY: ("#fce7f6", "#c11574"),
    tr.ANNIVERSARY: ("#f4ebff", "#6941c6"),
    tr.CHURN_RISK: ("#fee4e2", "#912018"),
    tr.REPLENISHMENT: ("#dcfae6", "#067647"),
    tr.NOT_IN_GROUP: ("#e6f4f1", "#0e7c66"),
    tr.NOT_GREETED: ("#fef7c3", "#854a0e"),
    tr.HANDED_OVER: ("#e0f2fe", "#026aa2"),
}


class QueueList(QTreeWidget):
    """The ranked entries; Enter / D / S / N become signals (arrows move as usual)."""

    sig_open = Signal()
    sig_done = Signal()
    sig_snooze = Signal()
    sig_dismiss = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_open.emit()
        elif plain and key == Qt.Key.Key_D:
            self.sig_done.emit()
        elif plain and key == Qt.Key.Key_S:
            self.sig_snooze.emit()
        elif plain and key == Qt.Key.Key_N:
            self.sig_dismiss.emit()
        else:
            super().keyPressEvent(event)


class SnoozeDialog(QDialog):
    """稍后处理: until which day (tomorrow at the earliest; default in 3 days)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        tomorrow = today + timedelta(days=1)
        self.date_edit.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        default = today + timedelta(days=SNOOZE_DAYS)
        self.date_edit.setDate(QDate(default.year, default.month, default.day))
        self.label = QLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.date_edit)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("稍后处理"))
        self.label.setText(self.tr("到这一天再提醒："))

    def chosen(self) -> date:
        return self.date_edit.date().toPython()


class TodayPage(PageWidget):
    """The ranked queue (read on a worker, refreshed after every change) and the figures."""

    def __init__(self, session: Session, host: PageHost | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.host = host
        self.queue: TodayQueue | None = None
        self.snooze_dialog: SnoozeDialog | None = None
        self._reading = False
        self._again = False
        self.greeting = QLabel()
        self.greeting.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.list = QueueList()
        self.list.setObjectName("todayQueue")
        self.list.setColumnCount(3)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.list.header()
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.list.itemDoubleClicked.connect(lambda *_: self.open_current())
        self.list.sig_open.connect(self.open_current)
        self.list.sig_done.connect(lambda: self.mark_current("done"))
        self.list.sig_dismiss.connect(lambda: self.mark_current("dismissed"))
        self.list.sig_snooze.connect(self.snooze_current)
        self.hint = QLabel()
        self.hint.setObjectName("todayHint")
        self.hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("todayStatus")
        self.buttons = {
            "open": QPushButton(),
            "done": QPushButton(),
            "snooze": QPushButton(),
            "dismiss": QPushButton(),
        }
        self.buttons["open"].clicked.connect(lambda: self.open_current())
        self.buttons["done"].clicked.connect(lambda: self.mark_current("done"))
        self.buttons["snooze"].clicked.connect(lambda: self.snooze_current())
        self.buttons["dismiss"].clicked.connect(lambda: self.mark_current("dismissed"))
        row = QHBoxLayout()
        for b in self.buttons.values():
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the list
            row.addWidget(b)
        row.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.greeting)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.status)
        self.figures = FiguresPanel(session)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.figures)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.retranslate_ui()

    # ------------------------------------------------------------------ texts

    def kind_labels(self) -> dict[str, str]:
        return {
            tr.TASK_OVERDUE: self.tr("任务逾期"),
            tr.TASK_DUE: self.tr("今日任务"),
            tr.FOLLOW_UP_DUE: self.tr("待跟进"),
            tr.BIRTHDAY: self.tr("生日"),
            tr.ANNIVERSARY: self.tr("会员周年"),
            tr.CHURN_RISK: self.tr("流失预警"),
            tr.REPLENISHMENT: self.tr("复购提醒"),
            tr.NOT_IN_GROUP: self.tr("未进社群"),
            tr.NOT_GREETED: self.tr("新客问候"),
            tr.HANDED_OVER: self.tr("新接手"),
        }

    def retranslate_ui(self) -> None:
        self.greeting.setText(self.tr("你好，{0}").format(self.session.user.display_name))
        self.list.setHeaderLabels([self.tr("类型"), self.tr("客户/任务"), self.tr("原因")])
        self.buttons["open"].setText(self.tr("打开 (Enter)"))
        self.buttons["done"].setText(self.tr("完成 (D)"))
        self.buttons["snooze"].setText(self.tr("稍后 (S)"))
        self.buttons["dismiss"].setText(self.tr("不适用 (N)"))
        self.hint.setText(
            self.tr("↑↓ 选择，Enter 打开客户并选好话术，D 完成，S 稍后提醒，N 不适用")
        )
        self._fill()
        self.figures.retranslate_ui()

    # ------------------------------------------------------------------ reads

    def load(self) -> None:
        if self._reading:
            self._again = True
            return
        self._reading = True
        service = self.session.today_queue
        run_in_background(service.queue, self._show, self._failed)
        self.figures.load()

    def on_entities_changed(self, entities: set[str]) -> None:
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self._reading = False
        log.warning("今日读取失败: %s", exc)
        self.status.setText(self.tr("今日读取失败：{0}").format(exc))

    def _show(self, queue: TodayQueue) -> None:
        self._reading = False
        self.queue = queue
        self._fill()
        if self._again:
            self._again = False
            self.load()

    def entries(self) -> list[TodayEntry]:
        return list(self.queue.entries) if self.queue is not None else []

    def _fill(self) -> None:
        current = self.current_entry()
        keep = current.key if current is not None else None
        entries = self.entries()
        labels = self.kind_labels()
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        chosen = None
        for n, e in enumerate(entries):
            item = QTreeWidgetItem([labels.get(e.kind, e.kind), e.title, e.reason])
            item.setData(COL_KIND, ENTRY_ROLE, e)
            back, fore = KIND_COLOURS.get(e.kind, ("#eef2f6", "#344054"))
            item.setBackground(COL_KIND, QBrush(QColor(back)))
            item.setForeground(COL_KIND, QBrush(QColor(fore)))
            item.setTextAlignment(COL_KIND, Qt.AlignmentFlag.AlignCenter)
            self.list.addTopLevelItem(item)
            if e.key == keep or (chosen is None and n == 0):
                chosen = item
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        self.list.setUpdatesEnabled(True)
        if self.queue is None:
            self.summary.setText(self.tr("正在整理今日待办…"))
        elif not entries:
            self.summary.setText(self.tr("今天没有要联系的客户，做得好！"))
        else:
            self.summary.setText(self.tr("今日待办 {0} 项，按紧急程度排列").format(len(entries)))

    def current_entry(self) -> TodayEntry | None:
        item = self.list.currentItem()
        return item.data(COL_KIND, ENTRY_ROLE) if item is not None else None

    # ------------------------------------------------------------------ actions

    def open_current(self) -> None:
        """Enter: the customer with a fitting script chosen, or the task on its page."""
        e = self.current_entry()
        if e is None or self.host is None:
            return
        if e.assignment_id is not None:
            self.host.open_assignment(e.assignment_id)
            return
        service = self.session.today_queue
        cid = e.customer_id
        run_in_background(
            lambda: service.script_for(e.purpose),
            lambda sid: self.host.open_customer(cid, sid) if self.host else None,
            lambda exc: (log.warning("话术选择失败: %s", exc), self.host.open_customer(cid)),
        )

    def mark_current(self, action: str, until: date | None = None) -> None:
        """D / N / a chosen snooze day: the entry leaves at once (an offline edit, synced)."""
        e = self.current_entry()
        if e is None:
            return
        self._drop(e)
        service = self.session.today_queue
        run_in_background(
            lambda: service.mark(e.key, action, until),
            None,
            self._mark_failed,
            kind="write",
        )

    def _drop(self, e: TodayEntry) -> None:
        if self.queue is None:
            return
        entries = self.entries()
        at = next((n for n, x in enumerate(entries) if x.key == e.key), None)
        if at is None:
            return
        del entries[at]
        self.queue = type(self.queue)(entries, self.queue.day, self.queue.cycles)
        self.list.clear()
        self._fill()
        if entries:
            self.list.setCurrentItem(self.list.topLevelItem(min(at, len(entries) - 1)))
        self.list.setFocus()

    def _mark_failed(self, exc: BaseException) -> None:
        log.warning("标记失败: %s", exc)
        self.status.setText(self.tr("标记失败：{0}").format(exc))
        self.load()

    def snooze_current(self) -> None:
        """S: choose the day it comes back (default in 3 days)."""
        e = self.current_entry()
        if e is None:
            return
        day = self.queue.day if self.queue is not None else date.today()
        dialog = SnoozeDialog(day, self)
        self.snooze_dialog = dialog
        dialog.accepted.connect(lambda: self.mark_current("snoozed", dialog.chosen()))
        dialog.finished.connect(lambda _r: self.list.setFocus())
        dialog.open()
