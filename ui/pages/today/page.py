"""今日: a few counts to start the day (my customers, open tasks, edits waiting).

The figures are the client core's (``session.today()``, :mod:`guide_app.services.today`);
this page only lays them out.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.background import run_in_background
from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.services.today import TodayCounts
    from guide_app.session import Session

log = logging.getLogger(__name__)

#: Tiles in order, by ``TodayCounts`` field.
TILES = ("my_customers", "tasks_to_start", "tasks_in_progress", "edits_waiting")


class _Tile(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(180, 96)
        self.setStyleSheet(
            "background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; padding: 10px;"
        )

    def show_value(self, title: str, value: int | str) -> None:
        self.setText(f"<div style='font-size:22pt;font-weight:600'>{value}</div><div>{title}</div>")


class TodayPage(PageWidget):
    """Counts read on a worker; refreshed after every change (edits waiting included)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.greeting = QLabel()
        self.greeting.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.tiles = {key: _Tile() for key in TILES}
        grid = QGridLayout()
        for n, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, n)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.values: dict[str, int | str] = dict.fromkeys(self.tiles, "…")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.greeting.setText(self.tr("你好，{0}").format(self.session.user.display_name))
        titles = {
            "my_customers": self.tr("我的客户"),
            "tasks_to_start": self.tr("待开始任务"),
            "tasks_in_progress": self.tr("进行中任务"),
            "edits_waiting": self.tr("待上传修改"),
        }
        for key, tile in self.tiles.items():
            tile.show_value(titles[key], self.values[key])

    def load(self) -> None:
        run_in_background(
            self.session.today, self._show, lambda exc: log.warning("今日统计失败: %s", exc)
        )

    def on_entities_changed(self, entities: set[str]) -> None:
        self.load()

    def _show(self, counts: TodayCounts) -> None:
        self.values.update(asdict(counts))
        self.retranslate_ui()
