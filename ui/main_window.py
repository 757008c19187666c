"""The main window: navigation, search box, pages, status bar, menus and shortcuts."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from ui import options
from ui.attention_dialog import AttentionDialog
from ui.background import run_in_background
from ui.card.dialog import CARD_ENTITIES, CustomerCardDialog
from ui.card.orders import OrderDialog
from ui.labels import role_label
from ui.log_view import LogDialog
from ui.new_customer import NewCustomerDialog
from ui.pages import registry
from ui.pages.contacts.page import ContactsPage
from ui.pages.registry import PageSpec, PageWidget
from ui.pages.today.page import TodayPage
from ui.paths import icon
from ui.quick_panel import QuickPanel
from ui.search.box import SearchBox
from ui.search.results import SearchResults
from ui.search.scan_filter import ScanListener
from ui.settings_dialog import SettingsDialog
from ui.shortcuts import ShortcutsDialog, page_action_name, shortcuts
from ui.status_bar import SyncStatusBar
from ui.sync_bridge import Listener, SyncBridge
from ui.tray import ReminderTray

if TYPE_CHECKING:
    from guide_app.search.results import Hit
    from guide_app.search.results import SearchResults as FoundResults
    from guide_app.services.orders import OrderDetail
    from guide_app.session import Session
    from guide_app.sync.status import SyncStatus
    from ui.pages.registry import PageAction

log = logging.getLogger(__name__)

# How long the "edits kept on this PC" note stays after the window closed offline.
KEPT_NOTICE_MS = 8000
# How long the status bar says that unsent edits of another address were taken over.
RECOVERED_MESSAGE_MS = 15000
#: The page shown first.
START_PAGE = "contacts"


def user_caption(user: object) -> str:
    """``name · role`` for the top bar; the role once, also when the display name carries
    it already (the demo chain's supervisors are called 店长-李若月)."""
    name = str(user.display_name or user.username)
    role = role_label(str(user.role))
    return name if role and role in name else f"{name} · {role}"


class MainWindow(QMainWindow):
    """Holds the session; every page gets it, no page talks to another (wiring is here)."""

    sig_language_requested = Signal(str)
    sig_customer_card_opened = Signal(object)  # CustomerCardDialog
    sig_order_opened = Signal(object)  # OrderDialog
    sig_signed_out = Signal()  # the server refused the token: sign in again (once per window)
    #: 文件 → 切换账号… (False, False) / 退出登录 (True, remove this account's local data):
    #: the keeper ends this session (ui.signin_dialog.SessionKeeper)
    sig_switch_account_requested = Signal(bool, bool)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        specs: Sequence[PageSpec] | None = None,
    ) -> None:
        """``specs``: the pages to offer (default: the registry's); each shows only
        to the users its audience takes in (``guide_app.navigation``)."""
        super().__init__(parent)
        self.session = session
        self.setObjectName("MainWindow")
        self.setWindowIcon(icon("app"))
        offered = registry.pages() if specs is None else tuple(specs)
        self.page_specs: tuple[PageSpec, ...] = tuple(
            s for s in offered if s.visible_to(session.user)
        )
        self.open_cards: list[CustomerCardDialog] = []
        #: 快捷话术 beside WeCom (made at first use; parentless so it stays when this
        #: window is minimised) and the tray icon that opens it (where there is a tray)
        self.quick_panel: QuickPanel | None = None
        self.tray: QSystemTrayIcon | None = None
        self._signed_out = False
        #: 退出登录's question while it is open
        self.sign_out_question: QMessageBox | None = None
        #: F5's cycle: None, "asked" (before it starts) or "running"
        self._sync_request: str | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.nav.setIconSize(self.nav.iconSize().expandedTo(self.nav.iconSize()))
        self.stack = QStackedWidget()
        self.pages: dict[str, PageWidget] = {}
        for spec in self.page_specs:
            page = spec.factory(session, self)
            self.pages[spec.key] = page
            item = QListWidgetItem(icon(spec.icon), "")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.search_box = SearchBox()
        self.search_box.set_session(session)
        self.user_label = QLabel()
        self.user_label.setProperty("role", "hint")
        top = QHBoxLayout()
        top.setContentsMargins(10, 8, 10, 4)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.user_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(right, 1)
        self.setCentralWidget(central)
        self.results = SearchResults(central)

        self.status = SyncStatusBar()
        self.setStatusBar(self.status)
        self.bridge = SyncBridge(self)

        self._wire()
        self._build_actions()
        self._build_menus()
        self._build_tray()
        #: 提醒: tasks due and reminder times, as tray messages (off where there is no tray)
        self.reminder_tray = ReminderTray(session, self.tray, self)
        self.reminder_tray.sig_open_page.connect(self.open_page_from_notice)
        self.scan_listener = ScanListener(self)
        QApplication.instance().installEventFilter(self.scan_listener)
        self.scan_listener.sig_code_scanned.connect(self.open_code)
        self.resize(1200, 760)
        geometry = options.load_layout("MainWindow.geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_page(START_PAGE)
        self.retranslate_ui()

    @property
    def contacts(self) -> ContactsPage:
        page = self.pages["contacts"]
        assert isinstance(page, ContactsPage)
        return page

    @property
    def today(self) -> TodayPage:
        page = self.pages["today"]
        assert isinstance(page, TodayPage)
        return page

    # ------------------------------------------------------------------ wiring

    def _wire(self) -> None:
        self.search_box.sig_results_ready.connect(self._show_results)
        self.search_box.sig_cleared.connect(self.results.hide)
        self.search_box.sig_escape.connect(self._escape_search)
        self.search_box.sig_navigate.connect(self.results.move_selection)
        self.search_box.sig_submitted.connect(self.results.activate_current)
        self.search_box.sig_code_scanned.connect(self.open_code)
        self.search_box.sig_failed.connect(lambda msg: self.status.showMessage(msg, 5000))
        self.results.sig_hit_activated.connect(self.open_hit)
        self.status.sig_attention_clicked.connect(self.show_attention)
        self.status.sig_sync_clicked.connect(self.sync_now)
        self.bridge.sig_status_changed.connect(self._on_status)
        # Each page hears the changes of the entities it declared (ui.sync_bridge
        # gathers a pull's pages into one refresh; a local edit comes at once).
        for spec in self.page_specs:
            if spec.entities != frozenset():
                self.bridge.subscribe(spec.entities, self.pages[spec.key].on_entities_changed)

    def start(self) -> None:
        """Attach to the sync engine and load the pages (after the window is shown)."""
        gc.freeze()  # the session's long-lived objects join the frozen start-up set
        self.bridge.attach(self.session)
        self.session.sync.interval_s = float(options.get("sync_interval_s"))
        self.status.show_status(self.session.sync.status)
        recovered = self.session.recovered_edits
        if recovered:  # taken over at sign-in from a cache under another address
            self.status.showMessage(
                self.tr("已找回 {0} 条未上传的修改").format(recovered), RECOVERED_MESSAGE_MS
            )
        for page in self.pages.values():
            page.load()
        self.reminder_tray.start()

    def _build_actions(self) -> None:
        handlers: dict[str, Callable[[], object]] = {
            "search": self.focus_search,
            "new_customer": self.new_customer,
            "sync_now": self.sync_now,
            "attention": self.show_attention,
            "settings": self.show_settings,
            "logs": self.show_logs,
            "help_shortcuts": self.show_shortcuts,
            "quit": self.close,
            "quick_panel": self.toggle_quick_panel,
        }
        for spec in self.page_specs:
            handlers[page_action_name(spec.key)] = lambda *_a, key=spec.key: self.show_page(key)
            for page_action in spec.actions:
                if page_action.run is not None:
                    handlers[page_action.name] = lambda *_a, key=spec.key, a=page_action: (
                        self._run_page_action(key, a)
                    )
        self.actions_by_name: dict[str, QAction] = {}
        for sc in shortcuts(self.page_specs):
            handler = handlers.get(sc.action)
            if handler is None:
                continue  # listed for help only (handled by the card, table or Esc)
            action = QAction(self)
            action.setShortcut(QKeySequence(sc.keys))
            # 快捷话术 also from a card or the panel itself: an application-wide key
            action.setShortcutContext(
                Qt.ShortcutContext.ApplicationShortcut
                if sc.action == "quick_panel"
                else Qt.ShortcutContext.WindowShortcut
            )
            action.triggered.connect(handler)
            self.addAction(action)
            self.actions_by_name[sc.action] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for name in ("sync_now", "new_customer", "quick_panel", "settings"):
            self.file_menu.addAction(self.actions_by_name[name])
        self.file_menu.addSeparator()
        # No shortcut: ending a session by a stray key press on a counter PC is worse than a click.
        for name, handler in (
            ("switch_account", lambda *_a: self.sig_switch_account_requested.emit(False, False)),
            ("sign_out", lambda *_a: self.ask_sign_out()),
        ):
            action = QAction(self)
            action.triggered.connect(handler)
            self.actions_by_name[name] = action
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.actions_by_name["quit"])
        self.help_menu = bar.addMenu("")
        for name in ("help_shortcuts", "logs", "attention"):
            self.help_menu.addAction(self.actions_by_name[name])
        self.actions_by_name["sync_now"].setIcon(icon("sync"))
        self.actions_by_name["settings"].setIcon(icon("settings"))
        self.actions_by_name["logs"].setIcon(icon("logs"))
        self.actions_by_name["quick_panel"].setIcon(icon("scripts"))

    def _build_tray(self) -> None:
        """A tray icon whose click opens the quick panel (only where the desktop has a tray).

        No system-wide hotkey: Qt has none, and the libraries that add one hook
        every key press of the desktop (pynput, keyboard); the tray and
        Ctrl+Shift+K inside the app are the ways in.
        """
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(icon("app"), self)
        menu = QMenu(self)
        menu.addAction(self.actions_by_name["quick_panel"])
        self.show_window_action = menu.addAction("", self._show_from_tray)
        menu.addSeparator()
        menu.addAction(self.actions_by_name["quit"])
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(self._tray_activated)
        self.tray.show()

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_quick_panel()

    def _show_from_tray(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def open_page_from_notice(self, key: str) -> None:
        """A reminder message was clicked: the window comes forward on its page."""
        self.show_page(key)
        self._show_from_tray()

    # ------------------------------------------------------------------ text

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("导购工作台"))
        for row, spec in enumerate(self.page_specs):
            self.nav.item(row).setText(spec.translated_title())
        action_titles = {
            "sync_now": self.tr("立即同步"),
            "new_customer": self.tr("新建客户"),
            "settings": self.tr("设置…"),
            "switch_account": self.tr("切换账号…"),
            "sign_out": self.tr("退出登录"),
            "quit": self.tr("退出"),
            "help_shortcuts": self.tr("快捷键"),
            "logs": self.tr("运行日志"),
            "attention": self.tr("需要处理的修改"),
            "search": self.tr("搜索"),
            "filters": self.tr("筛选"),
            "quick_panel": self.tr("快捷话术面板"),
        }
        for name, text in action_titles.items():
            if name in self.actions_by_name:
                self.actions_by_name[name].setText(text)
        self.file_menu.setTitle(self.tr("文件"))
        self.help_menu.setTitle(self.tr("帮助"))
        self.user_label.setText(user_caption(self.session.user))
        if self.tray is not None:
            self.tray.setToolTip(self.tr("导购工作台 · 点击打开快捷话术"))
            self.show_window_action.setText(self.tr("显示主窗口"))
        if self.quick_panel is not None:
            self.quick_panel.retranslate_ui()
        self.search_box.retranslate_ui()
        self.status.retranslate_ui()
        for page in self.pages.values():
            page.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------------ status

    def _on_status(self, status: SyncStatus) -> None:
        self.status.show_status(status)
        self._answer_sync_request(status)
        if status.signed_out:
            self.status.showMessage(self.tr("登录已失效，请重新登录（本机修改已保留）"))
            if not self._signed_out:
                self._signed_out = True
                self.sig_signed_out.emit()

    def sync_now(self) -> None:
        """F5: sync now, and say how it ended (offline: why, and when it tries again)."""
        status = self.session.sync.status
        if status.passive:  # another window syncs this account: no cycle will run here
            self.status.showMessage(status.error or "", 5000)
            return
        self._sync_request = "asked"
        self.session.sync.sync_now()
        self.status.showMessage(self.tr("正在同步…"), 3000)

    def _answer_sync_request(self, status: SyncStatus) -> None:
        """After F5: once the cycle it started has ended, report its outcome."""
        if self._sync_request is None:
            return
        if status.signed_out:  # the sign-in dialog says it
            self._sync_request = None
            return
        if status.syncing:
            self._sync_request = "running"
            return
        if self._sync_request != "running":
            return  # a snapshot from before the cycle began
        if status.error is None:
            self._sync_request = None
            self.status.showMessage(self.tr("同步完成"), 3000)
        elif status.waiting_to_retry:
            self._sync_request = None
            self.status.show_retry(status)
        # else: the engine publishes when it retries next (the following snapshot)

    # ------------------------------------------------------------------ search

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _show_results(self, text: str, results: FoundResults) -> None:
        self.results.show_results(text, results)
        self._place_results()

    def _place_results(self) -> None:
        box = self.search_box
        origin = box.mapTo(self.centralWidget(), QPoint(0, box.height() + 2))
        room = self.centralWidget().height() - origin.y() - 10
        height = min(self.results.content_height(), 460, room)
        self.results.setGeometry(origin.x(), origin.y(), max(box.width(), 420), height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.results.isVisible():
            self._place_results()

    def _escape_search(self) -> None:
        if self.results.isVisible():
            self.results.hide()
        else:
            self.search_box.clear()
            self.stack.currentWidget().setFocus()

    def open_hit(self, hit: Hit) -> None:
        """Open what a search hit names: the customer's card, the order, or its page."""
        self.results.hide()
        kind = str(hit.kind)
        if kind == "customer":
            self.open_customer(hit.id)
        elif kind == "order":
            self.open_order(hit.id)
        elif kind in ("script", "material") and "scripts" in self.pages:
            self.show_page("scripts")
            self.pages["scripts"].open_item(kind, hit.id)
        else:
            page = {"task": "tasks"}.get(kind, "today")
            self.show_page(page)
            self.status.showMessage(self.tr("{0}：即将推出").format(hit.title), 4000)

    def open_code(self, code: str) -> None:
        """A scanned member or order number: open it at once, without a result list."""
        session = self.session
        self.results.hide()
        run_in_background(
            lambda: session.lookup_code(code),
            lambda hit: self._code_found(code, hit),
            lambda exc: self.status.showMessage(self.tr("查找失败：{0}").format(exc), 5000),
        )

    def _code_found(self, code: str, hit: Hit | None) -> None:
        if hit is None:
            self.status.showMessage(self.tr("没有找到编号 {0}").format(code), 5000)
            return
        self.search_box.clear()
        self.open_hit(hit)

    # ------------------------------------------------------------------ pages and dialogs

    def page_keys(self) -> list[str]:
        """The pages this user sees, in navigation order."""
        return [s.key for s in self.page_specs]

    def show_page(self, key: str) -> None:
        """Show page ``key``; nothing happens for a page this user does not see."""
        if key in self.pages:
            self.nav.setCurrentRow(self.page_keys().index(key))

    def _run_page_action(self, key: str, action: PageAction) -> None:
        self.show_page(key)
        if action.run is not None:
            action.run(self.pages[key])

    def model_header(self, column: int) -> str:
        """The customer list's column title (as the header shows it)."""
        return self.contacts.model.headerData(column, Qt.Orientation.Horizontal)

    def current_page(self) -> str:
        return self.page_keys()[self.stack.currentIndex()]

    def open_customer(self, customer_id: str, script_id: str | None = None) -> CustomerCardDialog:
        """The customer's card; ``script_id`` (今日): its script picker opens with that
        script chosen, filled in for the customer."""
        card = self._open_card(customer_id)
        if script_id is not None and isinstance(card, CustomerCardDialog):
            card.open_script_picker(script_id)
        return card

    def open_assignment(self, assignment_id: str) -> None:
        """The 任务 page at ``assignment_id`` (今日's task entries)."""
        if "tasks" in self.pages:
            self.show_page("tasks")
            self.pages["tasks"].open_assignment(assignment_id)

    def _open_card(self, customer_id: str) -> CustomerCardDialog:
        if self.session.reads_customers_online:
            # HQ: customers of every store are read from the server, the card too (read-only)
            from ui.pages.contacts.remote import open_remote_card

            return open_remote_card(self.session, customer_id, self)  # type: ignore[return-value]
        for card in self.open_cards:
            if card.customer_id == customer_id and card.isVisible():
                card.raise_()
                card.activateWindow()
                return card
        card = CustomerCardDialog(self.session, customer_id, self)
        card.sig_order_opened.connect(self.open_order)
        card.sig_customer_opened.connect(self.open_customer)
        # A card reloads itself after its own saves: it hears what came with the sync.
        listener = self.bridge.subscribe(
            CARD_ENTITIES, card.on_entities_changed, include_local=False
        )
        card.finished.connect(lambda _r, c=card, sub=listener: self._card_closed(c, sub))
        self.open_cards.append(card)
        card.show()
        self.sig_customer_card_opened.emit(card)
        return card

    def _card_closed(self, card: CustomerCardDialog, listener: Listener) -> None:
        listener.cancel()
        if card in self.open_cards:
            self.open_cards.remove(card)
        card.deleteLater()

    def open_order(self, order_id: str) -> None:
        session = self.session
        run_in_background(
            lambda: session.orders.detail(order_id),
            self._order_loaded,
            lambda exc: self.status.showMessage(self.tr("读取订单失败：{0}").format(exc), 5000),
        )

    def _order_loaded(self, detail: OrderDetail | None) -> None:
        if detail is None:
            self.status.showMessage(self.tr("本地没有这笔订单"), 5000)
            return
        dialog = OrderDialog(detail, self)
        dialog.sig_customer_opened.connect(self.open_customer)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.sig_order_opened.emit(dialog)

    def quick_panel_widget(self) -> QuickPanel:
        if self.quick_panel is None:
            self.quick_panel = QuickPanel(self.session)
        return self.quick_panel

    def card_in_context(self) -> CustomerCardDialog | None:
        """The card the guide is on (the active one, else the last opened still shown)."""
        shown = [c for c in self.open_cards if c.isVisible() and c.card is not None]
        active = [c for c in shown if c.isActiveWindow()]
        return (active or shown[-1:] or [None])[0]

    def open_quick_panel(self) -> QuickPanel:
        """快捷话术: on top, box focused, for the customer of the card in context."""
        panel = self.quick_panel_widget()
        card = self.card_in_context()
        if card is not None:
            panel.open_panel(card.customer_id, card.card.name)
        else:
            panel.open_panel()
        return panel

    def toggle_quick_panel(self) -> None:
        panel = self.quick_panel
        if panel is not None and panel.isVisible() and panel.isActiveWindow():
            panel.hide_panel()
        else:
            self.open_quick_panel()

    def new_customer(self) -> None:
        dialog = NewCustomerDialog(self.session, self)
        dialog.sig_created.connect(self.open_customer)
        dialog.sig_open_existing.connect(self.open_customer)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def sign_out_box(self) -> QMessageBox:
        """退出登录's question: the password is asked next time; unsent edits stay here
        (so this account's local data may be removed only when none wait)."""
        pending = self.session.sync.status.pending
        text = self.tr("退出后，下次需要输入密码才能登录。")
        if pending:
            text += "\n" + self.tr(
                "还有 {0} 条修改未上传，会保留在本机，该账号下次登录时上传。"
            ).format(pending)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("退出登录"),
            text,
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("退出登录"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("取消"))
        remove = QCheckBox(self.tr("同时删除本机保存的该账号数据"), box)  # box owns it
        remove.setEnabled(pending == 0)
        box.setCheckBox(remove)
        return box

    def ask_sign_out(self) -> None:
        box = self.sign_out_question = self.sign_out_box()
        box.exec()
        confirmed = box.clickedButton() is box.button(QMessageBox.StandardButton.Ok)
        remove = box.checkBox().isChecked()
        self.sign_out_question = None
        box.deleteLater()
        if confirmed:
            self.sig_switch_account_requested.emit(True, remove)

    def show_attention(self) -> None:
        AttentionDialog(self.session, self).exec()

    def show_settings(self) -> None:
        self.settings_dialog().exec()

    def settings_dialog(self) -> SettingsDialog:
        """Settings over the signed-in session's server (where this window syncs)."""
        dialog = SettingsDialog(self, server_url=self.session.server_url)
        dialog.sig_language_changed.connect(self.sig_language_requested)
        dialog.sig_settings_saved.connect(self._settings_saved)
        return dialog

    def _settings_saved(self) -> None:
        self.session.sync.interval_s = float(options.get("sync_interval_s"))
        budget = options.get("cache_budget_mb") * 1024 * 1024
        self.session.blobs.budget_bytes = budget
        self.reminder_tray.reload_settings()

    def show_logs(self) -> None:
        dialog = LogDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    # ------------------------------------------------------------------ closing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        unsaved = [c for c in self.open_cards if c.isVisible() and c.has_unsaved_changes()]
        if unsaved:
            answer = QMessageBox.question(
                self,
                self.tr("未保存的修改"),
                self.tr("还有 {0} 张客户卡片未保存，确定退出吗？").format(len(unsaved)),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        options.save_layout("MainWindow.geometry", self.saveGeometry())
        for page in self.pages.values():
            page.save_layout()
        QApplication.instance().removeEventFilter(self.scan_listener)
        if self.quick_panel is not None:
            self.quick_panel.hide()
            self.quick_panel.deleteLater()
            self.quick_panel = None
        self.reminder_tray.stop()
        if self.tray is not None:
            self.tray.hide()
        self.bridge.detach()
        self._tell_pending_kept()
        super().closeEvent(event)

    def _tell_pending_kept(self) -> None:
        """Quitting offline with edits not yet sent: say they are safe (a note, not a question).

        Parentless and non-modal, so quitting goes on: the app ends when the
        note is closed or after :data:`KEPT_NOTICE_MS`. Not shown when the
        server signed the session out (the window is replaced by a new session
        on the same cache, which sends them).
        """
        status = self.session.sync.status
        if status.online or status.signed_out:
            return
        try:
            pending = self.session.cache.outbox.count()
        except Exception:  # the cache is unreadable: nothing truthful to say
            log.warning("pending edits not counted at quit", exc_info=True)
            return
        if pending <= 0:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("修改已保存在本机"),
            self.tr("有 {0} 条修改尚未上传，已安全保存在本机，下次联网时自动上传").format(pending),
            QMessageBox.StandardButton.Ok,
        )
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        QTimer.singleShot(KEPT_NOTICE_MS, box, box.close)
        box.show()
        self.kept_notice = box  # a parentless widget lives as long as its Python reference
        log.info(
            "quit with %d edits not yet uploaded (kept in %s)", pending, self.session.cache.path
        )
