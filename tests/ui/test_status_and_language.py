"""Status bar follows the server going away and coming back; language switches live."""

from __future__ import annotations

from tests.ui.conftest import WAIT_MS


def test_status_bar_turns_offline_and_back(window, qtbot, server):
    bar = window.status
    qtbot.waitUntil(lambda: bar.online is True, timeout=WAIT_MS)
    assert bar.online_label.text() == "在线"
    server.stop()
    window.sync_now()
    qtbot.waitUntil(lambda: bar.online is False, timeout=WAIT_MS)
    assert bar.online_label.text() == "离线"
    # the window still answers while offline: search runs on the local cache
    window.search_box.setText("zs")
    window.search_box.textEdited.emit("zs")
    qtbot.waitUntil(lambda: window.results.shown_text == "zs", timeout=WAIT_MS)
    server.start()
    window.sync_now()
    qtbot.waitUntil(lambda: bar.online is True, timeout=WAIT_MS)
    assert "上次同步" in bar.last_sync_label.text()


def test_language_switch_relabels_the_window_and_keeps_work(window, qtbot, session):
    from ui.app import apply_language

    card = window.open_customer(window.contacts.model.row_at(0).id)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    card.profile.remark_edit.setText("未保存的备注")
    assert window.nav.item(1).text() == "客户"
    apply_language("en")
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "Customers", timeout=WAIT_MS)
    assert window.windowTitle() == "Guide Workstation"
    assert window.contacts.mine_button.text() == "My customers"
    assert window.model_header(0) == "Name (remark)"
    level = window.contacts.model.index(0, 2).data()
    assert level in ("Regular", "Silver", "Gold", "Black"), level
    qtbot.waitUntil(lambda: card.save_button.text() == "Save", timeout=WAIT_MS)
    assert card.profile.remark_edit.text() == "未保存的备注"  # nothing typed is lost
    apply_language("zh")
    qtbot.waitUntil(lambda: window.nav.item(1).text() == "客户", timeout=WAIT_MS)
    assert card.save_button.text() == "保存"
    card.profile.mark_saved()
