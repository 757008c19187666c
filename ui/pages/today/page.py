"""今日: a few counts to start the day (my customers, open tasks, edits waiting)."""

from __future__ import annotations

import logging
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.background import run_in_background
from ui.pages.registry import PageWidget

log = logging.getLogger(__name__)


class _Tile(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(180, 96)
        self.setStyleSheet(
            "background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; padding: 10px;"
        )

    def show_value(self, title: str, value: object) -> None:
        self.setText(f"<div style='font-size:22pt;font-weight:600'>{value}</div><div>{title}</div>")


class TodayPage(PageWidget):
    """Counts read on a worker; refreshed after syncs."""

    def __init__(self, session: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.greeting = QLabel()
        self.greeting.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.tiles = {key: _Tile() for key in ("customers", "todo", "in_progress", "pending")}
        grid = QGridLayout()
        for n, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, n)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.values: dict[str, object] = dict.fromkeys(self.tiles, "…")
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.greeting.setText(self.tr("你好，{0}").format(self.session.user.display_name))
        titles = {
            "customers": self.tr("我的客户"),
            "todo": self.tr("待开始任务"),
            "in_progress": self.tr("进行中任务"),
            "pending": self.tr("待上传修改"),
        }
        for key, tile in self.tiles.items():
            tile.show_value(titles[key], self.values[key])

    def load(self) -> None:
        session = self.session

        def counts() -> dict[str, object]:
            from guide_app.services.customers import CustomerQuery

            statuses = Counter(str(a.status) for a in session.tasks.my_assignments())
            return {
                "customers": session.customers.count(CustomerQuery(mine_only=True)),
                "todo": statuses.get("todo", 0) + statuses.get("sent_back", 0),
                "in_progress": statuses.get("in_progress", 0),
                "pending": session.cache.outbox.count(),
            }

        run_in_background(counts, self._show, lambda exc: log.warning("今日统计失败: %s", exc))

    def on_entities_changed(self, entities: set[str]) -> None:
        self.load()

    def _show(self, values: dict[str, object]) -> None:
        self.values.update(values)
        self.retranslate_ui()
