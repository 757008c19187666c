"""The window says when unsent edits of another address of the same server were taken over."""

from __future__ import annotations

from guide_app.auth import sign_in
from guide_app.services.customer_query import CustomerQuery
from tests.support.server import DEMO_PASSWORD
from tests.ui.conftest import WAIT_MS, close_session, open_session


def test_the_status_bar_says_how_many_edits_were_found(app, qtbot, server, tmp_path):
    from ui.main_window import MainWindow

    data_dir = tmp_path / "client"
    old = sign_in(server.url, "s001-g1", DEMO_PASSWORD, data_dir=data_dir, start_sync=False)
    try:
        assert old.sync.sync_once(), old.sync.status.error
        cid = old.customers.page(CustomerQuery(), 0, 1)[0].id
        server.stop()
        old.customers.add_follow_up(cid, "visit", "旧地址的离线跟进")
    finally:
        old.close()
    server.start()

    session = open_session(server.url.replace("127.0.0.1", "localhost"), "s001-g1", data_dir)
    try:
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        window.start()
        assert window.status.currentMessage() == "已找回 1 条未上传的修改"
        qtbot.waitUntil(lambda: session.sync.status.pending == 0, timeout=WAIT_MS)
        window.close()
    finally:
        close_session(session)
