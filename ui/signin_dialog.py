"""Sign-in dialog: server address, account, password; offline unlock when the server is away."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import options
from ui.background import run_in_background, wait_for_background
from ui.labels import role_label
from ui.paths import icon

if TYPE_CHECKING:
    from guide_app.session import Session

log = logging.getLogger(__name__)

#: The demo chain's sign-ins (seeded by ``guide-server demo``), shown with ``--demo``.
DEMO_ACCOUNTS = (
    ("hq", "demo1234", "hq"),
    ("s001-mgr", "demo1234", "supervisor"),
    ("s001-g1", "demo1234", "guide"),
    ("s001-g2", "demo1234", "guide"),
    ("s002-mgr", "demo1234", "supervisor"),
    ("s002-g1", "demo1234", "guide"),
)


class SignInDialog(QDialog):
    """Collects credentials and signs in on a worker; ``session`` holds the result."""

    sig_signed_in = Signal(object)  # the Session

    def __init__(
        self,
        server_url: str = "",
        *,
        username: str = "",
        data_dir: Path | None = None,
        show_demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = None
        self._data_dir = data_dir
        self.setWindowIcon(icon("app"))
        self.server_edit = QLineEdit(server_url or options.get("server_url"))
        self.user_edit = QLineEdit(username or options.get("last_username"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.server_edit)
        self.form.addRow(QLabel(), self.user_edit)
        self.form.addRow(QLabel(), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.demo_hint = QLabel()
        self.demo_hint.setProperty("role", "hint")
        self.demo_list = QListWidget()
        self.demo_list.setObjectName("demoAccounts")
        for username, password, _role in DEMO_ACCOUNTS:
            item = QListWidgetItem()
            item.setData(256, (username, password))
            self.demo_list.addItem(item)
        # One click signs in as that demo account (the list is the choice, not a hint).
        self.demo_list.itemClicked.connect(self._sign_in_demo)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.demo_list)
        self.demo_hint.setVisible(show_demo)
        self.demo_list.setVisible(show_demo)
        rows = self.demo_list.count()
        self.demo_list.setFixedHeight(
            rows * max(self.demo_list.sizeHintForRow(0), 18) + 2 * self.demo_list.frameWidth() + 4
        )
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()
        self.setMinimumWidth(420)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("登录导购工作台"))
        labels = (self.tr("服务器地址"), self.tr("账号"), self.tr("密码"))
        for row, text in enumerate(labels):
            self.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(text)
        self.server_edit.setPlaceholderText("http://127.0.0.1:8765")
        self.demo_hint.setText(self.tr("演示账号（点击即登录）:"))
        for row, (username, password, role) in enumerate(DEMO_ACCOUNTS):
            text = f"{username} / {password}  ({role_label(role)})"
            self.demo_list.item(row).setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def show_signed_out(self) -> None:
        """Say why the dialog is back: the server signed this device out."""
        self.message.setText(self.tr("登录已失效，请重新登录（本机修改已保留）"))
        self.password_edit.setFocus()

    def _fill_demo(self, item: QListWidgetItem) -> None:
        username, password = item.data(256)
        self.user_edit.setText(username)
        self.password_edit.setText(password)

    def _sign_in_demo(self, item: QListWidgetItem) -> None:
        self._fill_demo(item)
        self.try_sign_in()

    def try_resume(self) -> None:
        """Reuse the last account's keyring token on a worker; the form stays usable."""
        username = self.user_edit.text().strip()
        server = self.server_edit.text().strip().rstrip("/")
        if not username or not server:
            return
        from guide_app.auth import resume

        data_dir = self._data_dir
        self.message.setText(self.tr("正在恢复上次登录…"))
        run_in_background(
            lambda: resume(server, username, data_dir),
            self._resumed,
            self._resume_failed,
            kind="net",
        )

    def _resumed(self, session: Session | None) -> None:
        if session is None:
            self.message.setText("")
        elif self.session is None:
            self._signed_in(session)
        else:  # the person signed in by hand meanwhile
            session.close()

    def _resume_failed(self, exc: BaseException) -> None:
        self.message.setText(self.explain(exc))

    def _check_input(self) -> str | None:
        url = QUrl(self.server_edit.text().strip())
        if url.scheme() not in ("http", "https") or not url.host():
            self.server_edit.setFocus()
            return self.tr("服务器地址格式不对，应类似 http://192.168.1.10:8765")
        if not self.user_edit.text().strip():
            self.user_edit.setFocus()
            return self.tr("请输入账号")
        if not self.password_edit.text():
            self.password_edit.setFocus()
            return self.tr("请输入密码")
        return None

    def try_sign_in(self) -> None:
        """Validate the fields, then sign in on a network worker (never on the GUI thread)."""
        problem = self._check_input()
        if problem:
            self.message.setText(problem)
            return
        from guide_app.auth import sign_in

        server = self.server_edit.text().strip().rstrip("/")
        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        data_dir = self._data_dir
        self._set_busy(True)
        self.message.setText(self.tr("正在登录…"))
        run_in_background(
            lambda: sign_in(server, username, password, data_dir=data_dir),
            self._signed_in,
            self._failed,
            kind="net",
        )

    def _set_busy(self, busy: bool) -> None:
        for w in (self.server_edit, self.user_edit, self.password_edit, self.demo_list):
            w.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    def _signed_in(self, session: Session) -> None:
        self._set_busy(False)
        self.session = session
        options.put("server_url", self.server_edit.text().strip().rstrip("/"))
        options.put("last_username", self.user_edit.text().strip())
        log.info("已登录 %s (离线=%s)", self.user_edit.text().strip(), session.offline)
        self.sig_signed_in.emit(session)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.message.setText(self.explain(exc))
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        log.info("登录失败: %s", exc)

    def explain(self, exc: BaseException) -> str:
        """A sentence the guide can act on, for each way signing in fails."""
        from guide_app import auth

        server = self.server_edit.text().strip()
        if isinstance(exc, auth.WrongPassword):
            return self.tr("账号或密码错误，请重新输入。")
        if isinstance(exc, auth.OfflineUnlockUnavailable):
            return self.tr(
                "无法连接服务器 {0}，且本机没有该账号的离线数据（需先联网登录一次）。"
            ).format(server)
        if isinstance(exc, auth.ServerUnreachable):
            return self.tr("无法连接服务器 {0}，请检查地址和网络。").format(server)
        if isinstance(exc, auth.SessionRevoked):
            return self.tr("该设备的登录已被撤销，请联网重新登录。")
        if isinstance(exc, auth.Throttled):
            return self.tr("尝试次数过多，请稍后再试。")
        if isinstance(exc, auth.NoKeyring):
            return self.tr("系统密钥环不可用，无法安全保存登录状态。请联系管理员。")
        if isinstance(exc, auth.CacheInUse):  # another process (a command-line sync) has it
            return self.tr("此账户已在本机另一个窗口中打开，请切换到那个窗口，或关闭它后再登录。")
        detail = str(exc) or type(exc).__name__
        return self.tr("登录失败：{0}").format(detail)


class SessionKeeper(QObject):
    """Keeps the main window over a live session, and signs in again when the server ends it.

    文件 → 切换账号… / 退出登录 (``sig_switch_account_requested``) close the
    window and the session (the cache is kept; 退出登录 also revokes the token
    and forgets it, so the next start asks for the password) and show the
    sign-in dialog; the same process goes on with whoever signs in (in demo mode
    the dialog lists the demo accounts). When the window reports ``sig_signed_out`` (a 401 during sync: token revoked
    or expired), the sign-in dialog opens over it with the server and username
    prefilled and the reason shown. Signing in builds a new window over the new
    session and retires the old window and session; cancelling emits
    ``sig_quit_requested`` (the app quits). Local edits stay in the cache file and
    the new session's engine pushes them.
    """

    sig_window_opened = Signal(object)  # the new main window
    sig_quit_requested = Signal()

    def __init__(
        self,
        open_window: Callable[[object], QWidget],
        session: Session,
        *,
        data_dir: Path | None = None,
        show_demo: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_window = open_window
        self._data_dir = data_dir
        self._show_demo = show_demo
        self.session = session
        self.window: QWidget | None = None
        self.dialog: SignInDialog | None = None
        self._retired: list[tuple[QWidget, object]] = []
        self._show(session)

    def _show(self, session: Session) -> None:
        self.session = session
        self.window = self._open_window(session)
        self.window.sig_signed_out.connect(self.sign_in_again)
        self.window.sig_switch_account_requested.connect(self.switch_account)
        self.sig_window_opened.emit(self.window)

    def switch_account(self, sign_out: bool = False, remove_cache: bool = False) -> bool:
        """End this session and ask who signs in next; False if the window refused to close.

        The dialog shows before the window closes (closing the last window would
        quit the app). The session stops syncing and closes; its cache stays on
        this PC unless ``remove_cache`` (unsent edits are pushed when the account
        signs in again). ``sign_out`` also revokes the token at the server (on a
        network worker: offline it is only forgotten here).
        """
        if self.dialog is not None or self.window is None:
            return False
        session, window = self.session, self.window
        dialog = SignInDialog(
            session.server_url,
            data_dir=self._data_dir or session.data_dir,
            show_demo=self._show_demo,
        )
        dialog.user_edit.clear()  # whoever comes next types their own account
        dialog.user_edit.setFocus()
        dialog.show()
        if not window.close():  # a card with unsaved edits, and the person kept it
            dialog.deleteLater()
            return False
        self.dialog = dialog
        window.deleteLater()
        self.window = None
        dialog.accepted.connect(lambda: self._signed_in_after_switch(dialog))
        dialog.rejected.connect(lambda: self._cancelled(dialog))
        if sign_out:
            session.sync.stop()
            run_in_background(
                lambda: session.sign_out(remove_cache=remove_cache),
                None,
                lambda exc: log.warning("退出登录未完成: %s", exc),
                kind="net",
            )
            log.info("已退出登录 %s", session.user.username)
        else:
            self._close_session(session)
            log.info("切换账号: 已关闭 %s 的会话", session.user.username)
        return True

    def _signed_in_after_switch(self, dialog: SignInDialog) -> None:
        self.dialog = None
        self._show(dialog.session)
        dialog.deleteLater()

    def sign_in_again(self) -> None:
        """Open the sign-in dialog over the window (once, however often the status repeats)."""
        if self.dialog is not None:
            return
        session = self.session
        dialog = SignInDialog(
            session.server_url,
            username=session.user.username,
            data_dir=self._data_dir or session.data_dir,
            parent=self.window,
        )
        dialog.show_signed_out()
        dialog.accepted.connect(lambda: self._signed_in_again(dialog))
        dialog.rejected.connect(lambda: self._cancelled(dialog))
        self.dialog = dialog
        dialog.open()

    def _signed_in_again(self, dialog: SignInDialog) -> None:
        self.dialog = None
        old_window, old_session = self.window, self.session
        self._show(dialog.session)
        dialog.deleteLater()
        log.info("重新登录后已重建主窗口")
        if old_window.close():  # refused while a card has unsaved edits: retired at shutdown
            old_window.deleteLater()
            self._close_session(old_session)
        else:
            self._retired.append((old_window, old_session))

    def _cancelled(self, dialog: SignInDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        log.info("重新登录已取消，程序退出")
        self.sig_quit_requested.emit()

    @staticmethod
    def _close_session(session: Session) -> None:
        session.sync.stop()
        wait_for_background(5000)  # a page's read may still be using the old cache
        session.close()

    def sessions(self) -> list[object]:
        """Every session still open: the current one and any retired ones."""
        return [s for _w, s in self._retired] + [self.session]

    def shutdown(self) -> None:
        """Close every session this keeper holds (at exit, after the event loop ends)."""
        for session in self.sessions():
            self._close_session(session)
        self._retired.clear()
