"""门店看板: the store's completion rate by guide and by task over the last weeks, as
bars (best first) and a weekly line, from the cache (``TaskBoard``); 导出 Excel writes
the same figures (按导购, 按任务, 按周)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.task_board import (
    DEFAULT_WEEKS,
    MAX_WEEKS,
    BoardSheets,
    StoreBoard,
    TaskBoard,
    write_board_xlsx,
)
from ui.background import run_in_background
from ui.charts import RateBars, RateLines


class StoreBoardTab(QWidget):
    """``sig_shown(ms)``: a board was read and drawn, ``ms`` after it was asked for."""

    sig_shown = Signal(float)

    def __init__(self, board: TaskBoard, store_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = board
        self.store_id = store_id
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.valueChanged.connect(lambda _v: self.refresh())
        self.weeks_label = QLabel()
        self.mode = QComboBox()
        self.mode.currentIndexChanged.connect(lambda _i: self._draw())
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export)
        self.summary = QLabel()
        self.summary.setObjectName("boardSummary")
        self.bars = RateBars()
        self.lines = RateLines()
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.weeks_label)
        top.addWidget(self.weeks)
        top.addWidget(self.mode)
        top.addStretch(1)
        top.addWidget(self.export_button)
        charts = QSplitter()
        charts.addWidget(self.bars)
        charts.addWidget(self.lines)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(charts, 1)
        layout.addWidget(self.message)
        #: The board shown (None until the first read).
        self.board: StoreBoard | None = None
        self.busy = 0
        self._asked_at = 0.0
        self.today: date | None = None  # None: the chain's today (tests and the bench set it)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.weeks_label.setText(self.tr("最近周数"))
        index = max(self.mode.currentIndex(), 0)
        self.mode.blockSignals(True)
        self.mode.clear()
        self.mode.addItems([self.tr("按导购"), self.tr("按任务")])
        self.mode.setCurrentIndex(index)
        self.mode.blockSignals(False)
        self.export_button.setText(self.tr("导出 Excel…"))
        self._draw()

    def refresh(self) -> None:
        """Read the board on a worker and draw it (``sig_shown`` when drawn)."""
        self.busy += 1
        self._asked_at = time.perf_counter()
        weeks, today = self.weeks.value(), self.today
        run_in_background(
            lambda: self.reader.store_board(self.store_id, weeks, today),
            self.show_board,
            self._failed,
        )

    def _failed(self, exc: BaseException) -> None:
        self.busy -= 1
        if not self.reader.closed:
            raise exc

    def show_board(self, board: StoreBoard) -> None:
        self.busy = max(self.busy - 1, 0)
        self.board = board
        self._draw()
        self.sig_shown.emit((time.perf_counter() - self._asked_at) * 1000)

    def _draw(self) -> None:
        board = self.board
        if board is None:
            return
        total = board.total
        self.summary.setText(
            self.tr("{0} 至 {1}: 应完成 {2}，已完成 {3} ({4:.0%})，已通过 {5}").format(
                board.weeks[0].isoformat(),
                board.last_day.isoformat(),
                total.due,
                total.done,
                total.rate,
                total.approved,
            )
        )
        rows = board.by_guide if self.mode.currentIndex() == 0 else board.by_task
        self.bars.set_bars(
            [r.name for r in rows],
            [r.rate for r in rows],
            [r.approved_rate for r in rows],
            empty_text=self.tr("这段时间没有到期的任务"),
        )
        self.lines.set_lines(
            [m.strftime("%m-%d") for m in board.weeks],
            {self.tr("全店完成率"): [r.rate if r.due else None for r in board.by_week]},
            empty_text=self.tr("这段时间没有到期的任务"),
        )

    def sheet_words(self) -> BoardSheets:
        return BoardSheets(
            by_guide=self.tr("按导购"),
            by_task=self.tr("按任务"),
            by_week=self.tr("按周"),
            guide=self.tr("导购"),
            task=self.tr("任务"),
            week=self.tr("周 (周一)"),
            due=self.tr("应完成"),
            done=self.tr("已完成"),
            approved=self.tr("已通过"),
            rate=self.tr("完成率"),
            approved_rate=self.tr("通过率"),
            store_total=self.tr("全店"),
        )

    def ask_export(self) -> None:
        if self.board is None:
            return
        name = self.tr("门店看板_{0}.xlsx").format(self.board.last_day.isoformat())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 Excel"), name, self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        """Write the board shown to ``path`` on a worker; the tab says where or why not."""
        board, words = self.board, self.sheet_words()
        if board is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.busy += 1

        def done(written: Path) -> None:
            self.busy -= 1
            self.message.setText(self.tr("已导出到 {0}").format(str(written)))

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            self.message.setText(self.tr("导出失败: {0}").format(str(exc)))

        run_in_background(lambda: write_board_xlsx(board, path, words), done, failed, kind="write")
