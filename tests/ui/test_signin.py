"""Sign-in dialog: good password, wrong password, server down → offline unlock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import WAIT_MS, close_session


def fill(dialog, url: str, username: str, password: str) -> None:
    dialog.server_edit.setText(url)
    dialog.user_edit.setText(username)
    dialog.password_edit.setText(password)


def make_dialog(qtbot, tmp_path, url: str = ""):
    from ui.signin_dialog import SignInDialog

    dialog = SignInDialog(url, data_dir=tmp_path / "client", show_demo=True)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_good_password_signs_in_online(app, qtbot, server, tmp_path):
    dialog = make_dialog(qtbot, tmp_path)
    fill(dialog, server.url, "s001-g1", "demo1234")
    with qtbot.waitSignal(dialog.sig_signed_in, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    session = blocker.args[0]
    try:
        assert session.user.username == "s001-g1"
        assert session.offline is False
        assert dialog.result() == dialog.DialogCode.Accepted
    finally:
        close_session(session)
    from ui import options

    assert options.get("last_username") == "s001-g1"


def test_wrong_password_says_so_and_stays_open(app, qtbot, server, tmp_path):
    dialog = make_dialog(qtbot, tmp_path)
    fill(dialog, server.url, "s001-g1", "not-the-password")
    dialog.try_sign_in()
    qtbot.waitUntil(lambda: "错误" in dialog.message.text(), timeout=WAIT_MS)
    assert "账号或密码错误" in dialog.message.text()
    assert dialog.session is None and dialog.isVisible()
    assert dialog.password_edit.isEnabled()


def test_bad_address_is_refused_before_any_request(app, qtbot, tmp_path):
    dialog = make_dialog(qtbot, tmp_path)
    fill(dialog, "127.0.0.1:8765", "s001-g1", "demo1234")
    dialog.try_sign_in()
    assert "服务器地址格式不对" in dialog.message.text()


def test_server_down_unlocks_offline_for_a_known_account(app, qtbot, server, tmp_path):
    dialog = make_dialog(qtbot, tmp_path)
    fill(dialog, server.url, "s001-g1", "demo1234")
    with qtbot.waitSignal(dialog.sig_signed_in, timeout=WAIT_MS) as blocker:
        dialog.try_sign_in()
    close_session(blocker.args[0])
    server.stop()

    again = make_dialog(qtbot, tmp_path)
    fill(again, server.url, "s001-g1", "demo1234")
    with qtbot.waitSignal(again.sig_signed_in, timeout=WAIT_MS) as blocker:
        again.try_sign_in()
    session = blocker.args[0]
    try:
        assert session.offline is True
        assert session.user.username == "s001-g1"
    finally:
        close_session(session)

    stranger = make_dialog(qtbot, tmp_path)
    fill(stranger, server.url, "s001-g2", "demo1234")
    stranger.try_sign_in()
    qtbot.waitUntil(lambda: "无法连接" in stranger.message.text(), timeout=WAIT_MS)
    assert "离线数据" in stranger.message.text()


def test_last_sign_in_resumes_from_the_keyring(app, qtbot, server, tmp_path):
    first = make_dialog(qtbot, tmp_path, server.url)
    fill(first, server.url, "s001-g1", "demo1234")
    with qtbot.waitSignal(first.sig_signed_in, timeout=WAIT_MS) as blocker:
        first.try_sign_in()
    close_session(blocker.args[0])

    again = make_dialog(qtbot, tmp_path)  # server and account remembered in QSettings
    assert again.user_edit.text() == "s001-g1"
    with qtbot.waitSignal(again.sig_signed_in, timeout=WAIT_MS) as blocker:
        again.try_resume()
    session = blocker.args[0]
    try:
        assert session.user.username == "s001-g1" and session.offline is False
    finally:
        close_session(session)
