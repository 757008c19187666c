"""今日 shows the client core's figures (session.today()) and follows local edits."""

from __future__ import annotations

from dataclasses import asdict

from tests.ui.conftest import WAIT_MS


def test_today_shows_the_cores_counts_and_follows_a_local_edit(window, qtbot):
    page = window.today
    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    window.session.sync.stop()  # the edit below stays waiting for the server
    counts = window.session.today()
    page.load()
    qtbot.waitUntil(lambda: page.values == asdict(counts), timeout=WAIT_MS)
    assert counts.my_customers > 0
    assert f">{counts.my_customers}</div>" in page.tiles["my_customers"].text()

    cid = window.contacts.model.row_at(0).id
    window.session.customers.update(cid, notes="今日页跟着变")
    want = counts.edits_waiting + 1
    qtbot.waitUntil(lambda: page.values["edits_waiting"] == want, timeout=WAIT_MS)
    assert f">{want}</div>" in page.tiles["edits_waiting"].text()


def test_a_supervisors_today_shows_the_store_and_the_label_names_the_role_once(
    app, qtbot, server, tmp_path
):
    from tests.ui.conftest import close_session, open_session
    from ui.main_window import MainWindow

    session = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    window = MainWindow(session)
    qtbot.addWidget(window)
    try:
        window.show()
        window.start()
        page = window.today
        counts = session.today()
        assert counts.store is not None and counts.store.customers > 0
        qtbot.waitUntil(lambda: page.values == asdict(counts), timeout=WAIT_MS)
        assert not page.store_tiles["customers"].isHidden()
        assert f">{counts.store.customers}</div>" in page.store_tiles["customers"].text()
        assert "门店客户数" in page.store_tiles["customers"].text()
        assert f">{counts.store.to_review}</div>" in page.store_tiles["to_review"].text()
        # the demo supervisor is called 店长1: the top bar says 店长 once
        label = window.user_label.text()
        assert label.count("店长") == 1, label
        assert session.user.display_name in label
    finally:
        window.close()
        close_session(session)


def test_a_guides_today_has_no_store_row(window):
    assert window.today.store_tiles["customers"].isHidden()
    assert window.user_label.text().endswith(" · 导购")
