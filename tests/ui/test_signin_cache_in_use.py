"""Signing in while another process holds the account's cache says so plainly.

The other process is a real command-line sync (``python -m guide_app.sync.oneshot``)
paused inside its cycle on the account's cache file; after it ends, the same
dialog signs in.
"""

from __future__ import annotations

import os
import signal

from guide_app import paths
from guide_app.cache import owner_lock
from guide_app.sync.oneshot import start_child, wait_for_line
from tests.ui.conftest import WAIT_MS, close_session


def test_dialog_names_the_other_window_and_signs_in_once_it_is_gone(
    app, qtbot, server, tmp_path, monkeypatch
):
    from guide_app.auth import sign_in
    from ui.signin_dialog import SignInDialog

    monkeypatch.setattr(owner_lock, "OWNER_WAIT_S", 0.5)
    data_dir = tmp_path / "client"
    first = sign_in(server.url, "s001-g1", "demo1234", data_dir=data_dir, start_sync=False)
    token = first.api.token
    first.close()
    cache_file = paths.cache_path(server.url, "s001-g1", data_dir)
    child = start_child(server.url, cache_file, token, pause="after_pull_reply:60")
    try:
        assert wait_for_line(child, "GUIDE_SYNC_PAUSE") == "GUIDE_SYNC_PAUSE after_pull_reply"

        dialog = SignInDialog(server.url, username="s001-g1", data_dir=data_dir)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.password_edit.setText("demo1234")
        dialog.try_sign_in()
        qtbot.waitUntil(lambda: "另一个窗口" in dialog.message.text(), timeout=WAIT_MS)
        assert dialog.message.text().startswith("此账户已在本机另一个窗口中打开")
        assert dialog.session is None and dialog.isVisible()
        assert dialog.password_edit.isEnabled()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()

    with qtbot.waitSignal(dialog.sig_signed_in, timeout=WAIT_MS) as blocker:
        dialog.try_sign_in()
    close_session(blocker.args[0])
