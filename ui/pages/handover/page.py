"""The 交接与合并 page: a tab widget (离职继承, 重复客户合并)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from ui.pages.handover.handover_tab import HandoverTab
from ui.pages.handover.merge_tab import MergeTab
from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.session import Session


class HandoverPage(PageWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.tabs = QTabWidget()
        self.handover = HandoverTab(session, self)
        self.tabs.addTab(self.handover, "")
        self.merge = MergeTab(session, self)
        self.tabs.addTab(self.merge, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("离职继承"))
        self.tabs.setTabText(1, self.tr("重复客户合并"))
        self.merge.retranslate_ui()
        self.handover.retranslate_ui()

    def load(self) -> None:
        self.handover.load()
        self.merge.load()

    def on_entities_changed(self, entities: set[str]) -> None:
        self.handover.on_entities_changed(entities)
        self.merge.on_entities_changed(entities)
