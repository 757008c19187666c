"""审核 page: a supervisor reviews the store's submissions (审核) and follows the store
board (门店看板); HQ follows the chain's ranking across stores and regions (总部看板,
online). HQ's PC holds no store's assignments, so HQ gets the ranking only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from guide_app.domain.permissions import actor_of
from guide_app.services.review import ReviewService
from guide_app.services.task_admin import TaskAdmin
from guide_app.services.task_board import TaskBoard
from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.session import Session
    from ui.pages.review.hq_board import HqBoardTab
    from ui.pages.review.review_tab import ReviewTab
    from ui.pages.review.store_board import StoreBoardTab


class ReviewPage(PageWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.is_hq = actor_of(session.user).is_hq
        self.tabs = QTabWidget()
        self.review: ReviewTab | None = None
        self.board: StoreBoardTab | None = None
        self.hq: HqBoardTab | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs)
        if self.is_hq:
            from ui.pages.review.hq_board import HqBoardTab

            self.hq = HqBoardTab(TaskAdmin(session.api, session.cache, session.user))
            self.tabs.addTab(self.hq, "")
            from ui.pages.handover.report_dialog import HandoverReportTable

            #: 离职继承记录 of every store (issue 14), read online
            self.handovers = HandoverReportTable(session)
            self.tabs.addTab(self.handovers, "")
        else:
            from ui.pages.review.review_tab import ReviewTab
            from ui.pages.review.store_board import StoreBoardTab

            service = ReviewService(session.cache, session.user, session.tasks, session.attention)
            self.review = ReviewTab(service, session.blobs)
            self.board = StoreBoardTab(TaskBoard(session.cache), session.user.store_id or "")
            self.tabs.addTab(self.review, "")
            self.tabs.addTab(self.board, "")
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        self._loaded = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.hq is not None:
            self.tabs.setTabText(0, self.tr("总部看板"))
            self.tabs.setTabText(1, self.tr("交接记录"))
            self.handovers.retranslate_ui()
            self.note.setText(self.tr("各门店的审核在门店完成；这里是全连锁的完成率排名 (需联网)"))
            self.hq.retranslate_ui()
        else:
            self.tabs.setTabText(0, self.tr("审核"))
            self.tabs.setTabText(1, self.tr("门店看板"))
            self.note.hide()
            assert self.review is not None and self.board is not None
            self.review.retranslate_ui()
            self.board.retranslate_ui()

    def load(self) -> None:
        """Read once the page is first shown (charts import pyqtgraph then, not at start-up)."""
        if self.isVisible():
            self._load_current()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self._load_current()

    def _load_current(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.review and self.review is not None:
            self.review.refresh()
        elif current is self.board and self.board is not None:
            self.board.refresh()
        elif current is self.hq and self.hq is not None:
            self.hq.refresh()
        elif self.is_hq and current is self.handovers:
            self.handovers.refresh()

    def on_entities_changed(self, entities: set[str]) -> None:
        if self._loaded and not self.is_hq:
            self._load_current()  # the tab shown reads again; the other on its next show
