"""The 话术素材管理 page: one tab per kind of content, every call on the network worker.

Writes go to the server's admin API and nowhere else, so the page needs the network.
When a call finds no server the page says so in a banner
(:data:`~guide_app.services.library_admin.OFFLINE_MESSAGE`), the scripts tab shows what
this PC holds and every write control is disabled until a call gets through again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from guide_app.services.library_admin import AdminError, AdminOffline, LibraryAdmin
from ui.background import run_in_background
from ui.pages.library_admin.common import AdminTab
from ui.pages.registry import PageWidget

if TYPE_CHECKING:
    from guide_app.session import Session

log = logging.getLogger(__name__)


class LibraryAdminPage(PageWidget):
    """``sig_offline_changed(offline)`` when the server is found gone or back."""

    sig_offline_changed = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.admin = LibraryAdmin(session.api, session.user, session.cache, session.blobs)
        self.offline = False
        #: calls on their way (tests wait for 0)
        self.busy = 0
        self._loaded: set[int] = set()

        self.banner = QLabel()
        self.banner.setProperty("role", "banner")
        self.banner.setWordWrap(True)
        self.retry = QPushButton()
        self.retry.clicked.connect(self.reload_current)
        banner_row = QWidget()
        row = QHBoxLayout(banner_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.retry)
        self.banner_row = banner_row
        banner_row.hide()

        self.tabs = QTabWidget()
        self.tab_list: list[tuple[AdminTab, Callable[[], str]]] = []
        self._build_tabs()
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(banner_row)
        layout.addWidget(self.tabs, 1)
        self.retranslate_ui()

    def _build_tabs(self) -> None:
        from ui.pages.library_admin.scripts_tab import ScriptsTab

        self.scripts = ScriptsTab(self)
        self._add(self.scripts, lambda: self.tr("话术"))
        self.materials = self.words = self.tag_groups = None
        self.suggestions = self.imports = self.usage = None
        if self.admin.may_manage_global():
            from ui.pages.library_admin.import_tab import ImportTab
            from ui.pages.library_admin.materials_tab import MaterialsTab
            from ui.pages.library_admin.suggestions_tab import SuggestionsTab
            from ui.pages.library_admin.tag_groups_tab import TagGroupsTab
            from ui.pages.library_admin.words_tab import WordsTab

            self.materials = MaterialsTab(self)
            self._add(self.materials, lambda: self.tr("素材"))
            self.words = WordsTab(self)
            self._add(self.words, lambda: self.tr("敏感词"))
            self.tag_groups = TagGroupsTab(self)
            self._add(self.tag_groups, lambda: self.tr("标签组"))
            self.suggestions = SuggestionsTab(self)
            self._add(self.suggestions, lambda: self.tr("话术建议"))
            self.imports = ImportTab(self)
            self._add(self.imports, lambda: self.tr("导入导出"))
        if self.admin.may_see_usage(self.session.user.store_id):
            from ui.pages.library_admin.usage_tab import UsageTab

            self.usage = UsageTab(self)
            self._add(self.usage, lambda: self.tr("使用统计"))
        self.settings = None
        if self.admin.is_hq:  # the chain's settings are HQ's (the server's HqDep)
            from ui.pages.library_admin.settings_tab import SettingsTab

            self.settings = SettingsTab(self)
            self._add(self.settings, lambda: self.tr("运营设置"))

    def _add(self, tab: AdminTab, title: Callable[[], str]) -> None:
        self.tab_list.append((tab, title))
        self.tabs.addTab(tab, "")

    def retranslate_ui(self) -> None:
        for i, (tab, title) in enumerate(self.tab_list):
            self.tabs.setTabText(i, title())
            tab.retranslate_ui()
        self.banner.setText(self.tr("管理话术素材需要连接服务器。现在只能查看本机已同步的内容。"))
        self.retry.setText(self.tr("重新连接"))

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        if index < 0 or index in self._loaded:
            return
        self._loaded.add(index)
        self.tab_list[index][0].reload()

    def reload_current(self) -> None:
        self.tab_list[self.tabs.currentIndex()][0].reload()

    # ------------------------------------------------------------------ calls

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """``fn`` on the network worker; ``on_done(result)`` or ``on_error(message)`` here.

        The message is Chinese, for people; a call that finds no server turns the page
        offline (banner, writes disabled) and one that gets through turns it back.
        """
        self.busy += 1
        tab = self.tab_list[self.tabs.currentIndex()][0]

        def done(result: Any) -> None:
            self.busy -= 1
            self.set_offline(False)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            if isinstance(exc, AdminOffline):
                self.set_offline(True)
            if isinstance(exc, AdminError):
                message = exc.message
            else:
                log.warning("话术素材管理: %s", exc, exc_info=exc)
                message = self.tr("操作失败: {0}").format(exc)
            (on_error or tab.show_error)(message)

        run_in_background(fn, done, failed, kind="net")

    def set_offline(self, offline: bool) -> None:
        if offline == self.offline:
            return
        self.offline = offline
        self.banner_row.setVisible(offline)
        for tab, _title in self.tab_list:
            tab.update_controls()
        self.sig_offline_changed.emit(offline)
        if not offline:  # back online: what the tab shows may be the cache's
            self.reload_current()
