"""文件 → 切换账号… / 退出登录: the session ends, the sign-in dialog asks who is next,
and the same process goes on with the new account (real server on loopback)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.support.server import DEMO_PASSWORD
from tests.ui.conftest import WAIT_MS
from tests.ui.test_sign_in_again import close_keeper, keep


def _menu_action(window, text: str):
    found = [a for a in window.file_menu.actions() if a.text() == text]
    assert found, [a.text() for a in window.file_menu.actions()]
    return found[0]


def answer_sign_out(qtbot, window, remove_data: bool, confirm: bool = True) -> None:
    """Answer 退出登录's question once it shows (it is modal)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def answer() -> None:
        box = window.sign_out_question
        if box is None or not box.isVisible():
            QTimer.singleShot(20, answer)
            return
        box.checkBox().setChecked(remove_data)
        button = QMessageBox.StandardButton.Ok if confirm else QMessageBox.StandardButton.Cancel
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_switch_account_signs_in_as_the_supervisor_in_the_same_process(
    app, qtbot, server, tmp_path
):
    keeper = keep(qtbot, server, tmp_path)
    old_window, old_session = keeper.window, keeper.session
    try:
        _menu_action(old_window, "切换账号…").trigger()
        dialog = keeper.dialog
        assert dialog is not None and dialog.isVisible()
        assert not old_window.isVisible()
        assert dialog.server_edit.text() == server.url
        assert dialog.user_edit.text() == ""  # the next person types their own account
        assert old_session._closed  # stopped syncing and closed; the cache file stays
        assert old_session.cache.path.exists()
        qtbot.keyClicks(dialog.user_edit, "s001-mgr")
        qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        with qtbot.waitSignal(keeper.sig_window_opened, timeout=WAIT_MS) as opened:
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        window = opened.args[0]
        assert window is keeper.window and window is not old_window and window.isVisible()
        assert keeper.session.user.username == "s001-mgr"
        assert keeper.sessions() == [keeper.session]
        qtbot.waitUntil(lambda: window.contacts.model.rowCount() > 0, timeout=WAIT_MS)
    finally:
        close_keeper(keeper)


def test_sign_out_revokes_the_token_and_cancel_quits(app, qtbot, server, tmp_path):
    from guide_app.sync.api import ApiClient
    from guide_app.sync.errors import Unauthorized

    keeper = keep(qtbot, server, tmp_path)
    old_window, old_session = keeper.window, keeper.session
    token = old_session.api.token
    try:
        answer_sign_out(qtbot, old_window, remove_data=False)
        _menu_action(old_window, "退出登录").trigger()
        dialog = keeper.dialog
        assert dialog is not None and dialog.isVisible() and not old_window.isVisible()
        qtbot.waitUntil(lambda: old_session._closed, timeout=WAIT_MS)
        with ApiClient(server.url, token=token) as other:
            try:
                other.me()
                revoked = False
            except Unauthorized:
                revoked = True
        assert revoked, "the signed-out token still works at the server"
        with qtbot.waitSignal(keeper.sig_quit_requested, timeout=WAIT_MS):
            dialog.reject()
    finally:
        close_keeper(keeper)


def test_demo_mode_lists_the_demo_accounts_and_a_click_signs_in(app, qtbot, server, tmp_path):
    from ui.signin_dialog import SignInDialog

    dialog = SignInDialog(server.url, data_dir=tmp_path / "client", show_demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    names = [dialog.demo_list.item(i).text() for i in range(dialog.demo_list.count())]
    assert any(n.startswith("hq /") for n in names)
    assert any(n.startswith("s001-mgr /") for n in names)
    assert any(n.startswith("s001-g1 /") for n in names)
    # every row visible without scrolling
    last = dialog.demo_list.visualItemRect(dialog.demo_list.item(len(names) - 1))
    assert last.bottom() <= dialog.demo_list.viewport().height()
    row = names.index(next(n for n in names if n.startswith("s001-mgr /")))
    item = dialog.demo_list.item(row)
    rect = dialog.demo_list.visualItemRect(item)
    with qtbot.waitSignal(dialog.sig_signed_in, timeout=WAIT_MS) as signed:
        qtbot.mouseClick(dialog.demo_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    session = signed.args[0]
    try:
        assert session.user.username == "s001-mgr"
    finally:
        session.close()


def test_sign_out_can_remove_the_accounts_local_data_or_be_cancelled(app, qtbot, server, tmp_path):
    keeper = keep(qtbot, server, tmp_path)
    window, session = keeper.window, keeper.session
    cache_file = session.cache.path
    try:
        qtbot.waitUntil(lambda: session.sync.status.pending == 0, timeout=WAIT_MS)
        answer_sign_out(qtbot, window, remove_data=True, confirm=False)
        _menu_action(window, "退出登录").trigger()
        assert keeper.dialog is None and window.isVisible() and not session._closed

        answer_sign_out(qtbot, window, remove_data=True)
        _menu_action(window, "退出登录").trigger()
        assert keeper.dialog is not None
        qtbot.waitUntil(lambda: not cache_file.exists(), timeout=WAIT_MS)
        keeper.dialog.reject()
    finally:
        close_keeper(keeper)
