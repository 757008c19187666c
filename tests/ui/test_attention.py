"""An edit the server refuses shows in the status bar; the dialog lists the reason and discards it."""

from __future__ import annotations

from tests.ui.conftest import WAIT_MS, close_session, open_session


def test_rejected_edit_is_listed_with_the_reason_and_discarded(
    window, qtbot, session, server, tmp_path
):
    from guide_app.services.customers import CustomerQuery
    from ui.attention_dialog import AttentionDialog

    mine = session.customers.page(CustomerQuery(mine_only=True), 0, 1)[0]
    session.sync.stop()  # g1 is "offline" while the supervisor hands the customer over
    mgr = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        colleague = next(
            u for u in mgr.users.store_staff() if str(u.role) == "guide" and u.id != session.user.id
        )
        mgr.customers.reassign([mine.id], colleague.id)
        qtbot.waitUntil(lambda: mgr.sync.status.pending == 0, timeout=WAIT_MS)
    finally:
        close_session(mgr)

    session.customers.update(mine.id, notes="离线时写的备注")
    session.sync.start()
    session.sync.sync_now()
    bar = window.status
    qtbot.waitUntil(lambda: bar.attention_count == 1, timeout=WAIT_MS)
    assert bar.attention_button.isVisibleTo(window)

    dialog = AttentionDialog(session, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT_MS)
    assert dialog.table.item(0, 1).text()  # the server's reason, as sent
    assert dialog.discard_button.isEnabled() and dialog.retry_button.isEnabled()  # first row chosen
    dialog.table.clearSelection()
    assert not dialog.discard_button.isEnabled() and not dialog.retry_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.discard_button.click()
    qtbot.waitUntil(lambda: session.attention.count() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=WAIT_MS)
    assert not dialog.discard_button.isEnabled() and not dialog.retry_button.isEnabled()
    assert dialog.message.text() == "没有需要处理的修改"
    card = session.customers.get(mine.id)
    assert card is None or card.notes != "离线时写的备注"  # the server's state stands
