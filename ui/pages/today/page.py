"""今日: a few counts to start the day (my customers, open tasks, edits waiting; for a
supervisor first the store's: customers, to review, follow-ups today, duplicates).

The figures are the client core's (``session.today()``, :mod:`guide_app.services.today`);
this page only lays them out.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from guide_app.services.today import STORE_ROLES
from ui.background import run_in_background
from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.services.today import TodayCounts
    from guide_app.session import Session

log = logging.getLogger(__name__)

#: Tiles in order, by ``TodayCounts`` field.
TILES = ("my_customers", "tasks_to_start", "tasks_in_progress", "edits_waiting")
#: The store row (a supervisor's), by ``StoreCounts`` field.
STORE_TILES = ("customers", "to_review", "follow_ups_today", "duplicates")


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
        self.store_tiles = {key: _Tile() for key in STORE_TILES}
        self.store_heading = QLabel()
        self.store_heading.setStyleSheet("font-weight: 600;")
        self.mine_heading = QLabel()
        self.mine_heading.setStyleSheet("font-weight: 600;")
        #: a supervisor's 今日 leads with the store (session.today().store)
        self.shows_store = str(session.user.role) in STORE_ROLES
        store_grid = QGridLayout()
        for n, tile in enumerate(self.store_tiles.values()):
            store_grid.addWidget(tile, 0, n)
        grid = QGridLayout()
        for n, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, n)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(self.store_heading)
        layout.addLayout(store_grid)
        layout.addWidget(self.mine_heading)
        layout.addLayout(grid)
        layout.addStretch(1)
        for w in (self.store_heading, self.mine_heading, *self.store_tiles.values()):
            w.setVisible(self.shows_store)
        self.values: dict[str, object] = dict.fromkeys(self.tiles, "…")
        self.values["store"] = None
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
        store_titles = {
            "customers": self.tr("门店客户数"),
            "to_review": self.tr("本店待审核"),
            "follow_ups_today": self.tr("本店今日跟进"),
            "duplicates": self.tr("疑似重复客户"),
        }
        store = self.values.get("store")
        for key, tile in self.store_tiles.items():
            tile.show_value(store_titles[key], store[key] if isinstance(store, dict) else "…")
        self.store_heading.setText(self.tr("本店"))
        self.mine_heading.setText(self.tr("我的"))
        # A supervisor who owns no customers is not shown a 0 that reads like a fault.
        self.tiles["my_customers"].setVisible(
            not self.shows_store or self.values["my_customers"] not in (0, "…")
        )

    def load(self) -> None:
        run_in_background(
            self.session.today, self._show, lambda exc: log.warning("今日统计失败: %s", exc)
        )

    def on_entities_changed(self, entities: set[str]) -> None:
        self.load()

    def _show(self, counts: TodayCounts) -> None:
        self.values.update(asdict(counts))
        self.retranslate_ui()
