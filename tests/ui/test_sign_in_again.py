"""The server signs the session out (token revoked): sign in again, or quit.

Real server on loopback; the token is revoked on the server the way another
device (or an admin) would: ``POST /auth/logout`` with that token.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from guide_app.sync.api import ApiClient
from tests.support.server import DEMO_PASSWORD
from tests.ui.conftest import WAIT_MS, close_session, open_session


def open_window(session):
    from ui.main_window import MainWindow

    window = MainWindow(session)
    window.show()
    window.start()
    return window


def revoke_on_server(server_url: str, token: str) -> None:
    with ApiClient(server_url, token=token) as other_device:
        other_device.logout()


def keep(qtbot, server, tmp_path):
    from ui.signin_dialog import SessionKeeper

    session = open_session(server.url, "s001-g1", tmp_path / "client")
    keeper = SessionKeeper(open_window, session)
    window = keeper.window
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() > 0, timeout=WAIT_MS)
    return keeper


def wait_for_sign_in_dialog(qtbot, keeper, server):
    """Revoke the token, let the engine meet the 401, return the dialog it opens."""
    window, session = keeper.window, keeper.session
    revoke_on_server(server.url, session.api.token)
    window.sync_now()
    qtbot.waitUntil(
        lambda: keeper.dialog is not None and keeper.dialog.isVisible(), timeout=WAIT_MS
    )
    assert session.sync.status.signed_out
    assert "登录已失效" in window.status.currentMessage()
    return keeper.dialog


def close_keeper(keeper) -> None:
    if keeper.window is not None:
        keeper.window.close()
    keeper.shutdown()


def test_revoked_session_signs_in_again_and_keeps_local_edits(app, qtbot, server, tmp_path):
    keeper = keep(qtbot, server, tmp_path)
    old_window, old_session = keeper.window, keeper.session
    try:
        customer = old_window.contacts.model.row_at(0)
        dialog = wait_for_sign_in_dialog(qtbot, keeper, server)
        # the prefilled form: same server and account, the reason shown, the password asked
        assert dialog.server_edit.text() == server.url
        assert dialog.user_edit.text() == "s001-g1"
        assert "登录已失效" in dialog.message.text()
        assert dialog.password_edit.text() == ""
        assert dialog.isModal() and dialog.parent() is old_window
        # an edit made while signed out stays local until the new session pushes it
        old_session.customers.update(customer.id, remark_name="重新登录前的备注")
        qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        with qtbot.waitSignal(keeper.sig_window_opened, timeout=WAIT_MS) as opened:
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        window = opened.args[0]
        assert window is keeper.window and window is not old_window
        assert keeper.session is not old_session and keeper.session.api.token
        assert not old_window.isVisible()
        assert keeper.sessions() == [keeper.session]  # the old one is closed, not kept
        qtbot.waitUntil(lambda: window.contacts.model.rowCount() > 0, timeout=WAIT_MS)
        new_status = lambda: keeper.session.sync.status  # noqa: E731
        qtbot.waitUntil(
            lambda: new_status().last_sync_at is not None and new_status().pending == 0,
            timeout=WAIT_MS,
        )
        assert not new_status().signed_out and new_status().online
        qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    finally:
        close_keeper(keeper)
    # the edit reached the server: another account of the store sees it
    check = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        assert check.customers.get(customer.id).remark_name == "重新登录前的备注"
    finally:
        close_session(check)


def test_cancelling_the_new_sign_in_quits(app, qtbot, server, tmp_path):
    keeper = keep(qtbot, server, tmp_path)
    window = keeper.window
    try:
        dialog = wait_for_sign_in_dialog(qtbot, keeper, server)
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        with qtbot.waitSignal(keeper.sig_quit_requested, timeout=WAIT_MS):
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert keeper.window is window and keeper.dialog is None
        window.sync_now()  # the status repeats: no second dialog behind the quitting app
        qtbot.wait(300)
        assert keeper.dialog is None
    finally:
        close_keeper(keeper)
