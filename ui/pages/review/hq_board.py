"""总部看板: completion across stores and regions, ranked (online, from the server's
``/admin/tasks/ranking`` and ``/board``): the real-time ranking chains drive guides by.

The ranking (by store, region or guide; the whole chain or one region) shows as a
table and bars; the weekly completion of the same stores as a line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.task_admin import AdminError, TaskAdmin
from guide_core.tasks_api import DEFAULT_BOARD_WEEKS, MAX_BOARD_WEEKS, Board, Ranking
from ui.background import run_in_background
from ui.charts import RateBars, RateLines

#: The ranking's groupings, in the combo's order.
BY = ("store", "region", "guide")


class HqBoardTab(QWidget):
    def __init__(self, admin: TaskAdmin, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.admin = admin
        self.by = QComboBox()
        self.by.currentIndexChanged.connect(lambda _i: self.refresh())
        self.region = QComboBox()
        self.region.setObjectName("hqRegion")
        self.region.currentIndexChanged.connect(lambda _i: self.refresh())
        self.weeks = QSpinBox()
        self.weeks.setRange(1, MAX_BOARD_WEEKS)
        self.weeks.setValue(DEFAULT_BOARD_WEEKS)
        self.weeks_label = QLabel()
        self.reload = QPushButton()
        self.reload.clicked.connect(self.refresh)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("hqRanking")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chart = RateBars()
        self.lines = RateLines()
        top = QHBoxLayout()
        top.addWidget(self.region)
        top.addWidget(self.by)
        top.addWidget(self.weeks_label)
        top.addWidget(self.weeks)
        top.addStretch(1)
        top.addWidget(self.reload)
        split = QSplitter()
        split.addWidget(self.table)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.chart)
        charts.addWidget(self.lines)
        split.addWidget(charts)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.ranking: Ranking | None = None
        self.board: Board | None = None
        self.busy = 0
        self._asked = 0
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        index = max(self.by.currentIndex(), 0)
        self.by.blockSignals(True)
        self.by.clear()
        self.by.addItems([self.tr("按门店"), self.tr("按区域"), self.tr("按导购")])
        self.by.setCurrentIndex(index)
        self.by.blockSignals(False)
        region = self.region.currentData()
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(self.tr("全部区域"), None)
        for choice in self.admin.regions():
            self.region.addItem(choice.name, choice.id)
        self.region.setCurrentIndex(max(self.region.findData(region), 0))
        self.region.blockSignals(False)
        self.weeks_label.setText(self.tr("最近周数"))
        self.reload.setText(self.tr("刷新"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("排名"),
                self.tr("名称"),
                self.tr("门店 / 区域"),
                self.tr("应完成"),
                self.tr("完成率"),
                self.tr("通过率"),
            ]
        )

    def refresh(self) -> None:
        by, weeks = BY[max(self.by.currentIndex(), 0)], self.weeks.value()
        region = self.region.currentData()
        self.busy += 1
        self._asked += 1
        asked = self._asked
        self.message.setText(self.tr("正在读取…"))

        def read() -> tuple[Ranking, Board]:
            ranking = self.admin.ranking(by, region_id=region, weeks=weeks)
            return ranking, self.admin.board(region_id=region, weeks=weeks)

        run_in_background(read, lambda result: self._show(asked, result), self._failed, kind="net")

    def _failed(self, exc: BaseException) -> None:
        self.busy -= 1
        if not isinstance(exc, AdminError):
            raise exc
        self.message.setText(exc.message)

    def _show(self, asked: int, result: tuple[Ranking, Board]) -> None:
        self.busy -= 1
        if asked != self._asked:  # a later question is on its way
            return
        ranking, board = result
        self.ranking, self.board = ranking, board
        self.message.setText(
            self.tr("{0} 至 {1}，按完成率排名").format(
                ranking.since.isoformat(), ranking.until.isoformat()
            )
        )
        self.table.setRowCount(len(ranking.rows))
        for n, r in enumerate(ranking.rows):
            where = " ".join(x for x in (r.region_name, r.store_name) if x)
            cells = [
                str(r.rank),
                r.name,
                where,
                str(r.counts.assigned),
                f"{r.counts.rate:.0%}",
                f"{r.counts.approved_rate:.0%}",
            ]
            for c, text in enumerate(cells):
                self.table.setItem(n, c, QTableWidgetItem(text))
        top = ranking.rows[:30]
        self.chart.set_bars(
            [r.name for r in top],
            [r.counts.rate for r in top],
            [r.counts.approved_rate for r in top],
            empty_text=self.tr("这段时间没有到期的任务"),
        )
        assigned = [0] * len(board.weeks)
        done = [0] * len(board.weeks)
        for row in board.by_store:
            for i, week in enumerate(row.weeks[: len(board.weeks)]):
                assigned[i] += week.counts.assigned
                done[i] += week.counts.done
        self.lines.set_lines(
            [w.strftime("%m-%d") for w in board.weeks],
            {
                self.tr("完成率"): [
                    d / a if a else None for d, a in zip(done, assigned, strict=True)
                ]
            },
            empty_text=self.tr("这段时间没有到期的任务"),
        )
