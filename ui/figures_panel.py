"""我的业绩: a guide's figures and place in the store; a supervisor's store and each guide.

Sized for a ~320 px side panel of the 今日 page: compact tiles two to a row, every
text word-wrapped. The figures are the client core's (``session.figures()``,
:mod:`guide_app.services.guide_figures`); this widget only lays them out.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guide_app.services.guide_figures import STORE_ROLES
from ui.background import run_in_background

if TYPE_CHECKING:
    from guide_app.services.guide_figures import FiguresReport, GuideFigures
    from guide_app.session import Session

log = logging.getLogger(__name__)

#: Tiles in order (keys of :func:`_tile_values`).
TILES = ("reachable", "outreach_week", "follow_ups", "completion")
#: The supervisor's table: place and guide, then the tiles' figures.
COLUMNS = ("guide", *TILES)


def rate_text(g: GuideFigures) -> str:
    rate = g.completion_rate
    return "—" if rate is None else f"{round(rate * 100)}%"


def _tile_values(g: GuideFigures) -> dict[str, str]:
    return {
        "reachable": str(g.reachable),
        "outreach_week": str(g.outreach_week),
        "follow_ups": f"{g.follow_ups_done}/{g.follow_ups_due}",
        "completion": rate_text(g),
    }


class _Tile(QLabel):
    """A figure over its title; wraps rather than being cut in a narrow panel."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumWidth(100)
        self.setStyleSheet(
            "background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; padding: 6px;"
        )

    def show_value(self, title: str, value: str) -> None:
        self.setText(f"<div style='font-size:16pt;font-weight:600'>{value}</div><div>{title}</div>")


class _NumberItem(QTableWidgetItem):
    """Sorts by its number (``UserRole``), not by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(Qt.ItemDataRole.UserRole), other.data(Qt.ItemDataRole.UserRole)
        if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
            return mine < theirs
        return super().__lt__(other)


class FiguresPanel(QWidget):
    """The user's figures (and a supervisor's store table); ``load()`` reads on a worker."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresPanel")
        self.session = session
        self.shows_store = str(session.user.role) in STORE_ROLES
        self.report: FiguresReport | None = None
        self._loading = False
        self._again = False
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.heading.setWordWrap(True)
        self.tiles = {key: _Tile() for key in TILES}
        self.rank_label = QLabel()
        self.rank_label.setWordWrap(True)
        self.rank_label.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #66707a;")
        self.table = QTableWidget(0, len(COLUMNS))
        #: Sorted by a click on a column's header (largest first, again: smallest first).
        #: Qt's own sorting would widen every column by a sort arrow: too wide for 320 px.
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.DescendingOrder
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.sort_by)
        grid = QGridLayout()
        grid.setSpacing(6)
        for n, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.rank_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        if not self.shows_store:  # no table to fill the height: the figures stay together
            layout.addStretch(1)
        self.table.setVisible(self.shows_store)
        self.rank_label.setVisible(not self.shows_store)
        self.retranslate_ui()

    # ------------------------------------------------------------------ texts

    def titles(self) -> dict[str, str]:
        return {
            "reachable": self.tr("客群资产数"),
            "outreach_week": self.tr("本周触达"),
            "follow_ups": self.tr("本周跟进 完成/到期"),
            "completion": self.tr("任务完成率（近30天）"),
        }

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("本店业绩") if self.shows_store else self.tr("我的业绩"))
        titles = self.titles()
        report = self.report
        shown = None if report is None else (report.store if self.shows_store else report.me)
        values = _tile_values(shown) if shown is not None else dict.fromkeys(TILES, "…")
        for key, tile in self.tiles.items():
            tile.show_value(titles[key], values[key])
        if report is None or not report.me.rank:
            self.rank_label.setText(self.tr("本店排名 —"))
        else:
            self.rank_label.setText(
                self.tr("本店排名 第 {0} / {1}").format(report.me.rank, report.ranked)
            )
        self.note.setText(
            self.tr("客群资产数：有完整手机号或已进社群的客户。排名先比本周触达，再比任务完成率。")
        )
        # short, so five columns fit 320 px in either language; the tooltips say it whole
        labels = [
            self.tr("导购"),
            self.tr("资产"),
            self.tr("周触达"),
            self.tr("跟进"),
            self.tr("完成"),
        ]
        arrow = "▼" if self.sort_order == Qt.SortOrder.DescendingOrder else "▲"
        labels[self.sort_column] += arrow
        self.table.setHorizontalHeaderLabels(labels)
        for col, tip in enumerate(
            (
                self.tr("名次 导购（按本店排名排序）"),
                titles["reachable"],
                titles["outreach_week"],
                titles["follow_ups"],
                titles["completion"],
            )
        ):
            item = self.table.horizontalHeaderItem(col)
            if item is not None:
                item.setToolTip(tip)

    # ------------------------------------------------------------------ data

    def load(self) -> None:
        """Read the figures on a worker. Calls while a read runs (a sync brings many
        pages) are gathered into one more read after it, never a queue of them."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        run_in_background(self.session.figures, self._show, self._failed)

    def _read_done(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.load()

    def _failed(self, exc: BaseException) -> None:
        log.warning("我的业绩读取失败: %s", exc)
        self.note.setText(self.tr("业绩读取失败：{0}").format(exc))
        self._read_done()

    def _show(self, report: FiguresReport) -> None:
        self._read_done()
        self.report = report
        if self.shows_store:
            self._fill_table(report.guides)
        self.retranslate_ui()

    def sort_by(self, column: int) -> None:
        """A header was clicked: that column, largest first; clicked again, smallest first."""
        if column == self.sort_column:
            descending = self.sort_order == Qt.SortOrder.DescendingOrder
            self.sort_order = (
                Qt.SortOrder.AscendingOrder if descending else Qt.SortOrder.DescendingOrder
            )
        else:
            self.sort_column, self.sort_order = column, Qt.SortOrder.DescendingOrder
        self.table.sortItems(self.sort_column, self.sort_order)
        self.retranslate_ui()

    def _fill_table(self, guides: tuple[GuideFigures, ...]) -> None:
        self.table.setRowCount(len(guides))
        for row, g in enumerate(guides):
            rate = g.completion_rate
            cells: list[tuple[str, object]] = [
                (f"{g.rank}. {g.name}", -g.rank),  # sorted by place: descending = 1st first
                (str(g.reachable), g.reachable),
                (str(g.outreach_week), g.outreach_week),
                (f"{g.follow_ups_done}/{g.follow_ups_due}", g.follow_ups_done),
                (rate_text(g), -1.0 if rate is None else rate),
            ]
            for col, (text, number) in enumerate(cells):
                item = _NumberItem(text) if number is not None else QTableWidgetItem(text)
                if number is not None:
                    item.setData(Qt.ItemDataRole.UserRole, number)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setData(Qt.ItemDataRole.UserRole + 1, g.guide_id)
                item.setToolTip(text if col else g.name)
                self.table.setItem(row, col, item)
        self.table.sortItems(self.sort_column, self.sort_order)
