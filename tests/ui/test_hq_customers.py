"""HQ's 客户 page and search read customers from the server (issue 9 §2).

Real window, real session signed in as HQ, real server (SQLite). HQ's cache holds no
store's customers: the page lists the server's (every store), typing asks the server,
a row opens the read-only card, the search box shows the server's customers, and with
the server stopped both say 离线 instead of showing an empty list.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from guide_app.services.remote_customers import OFFLINE_MESSAGE
from tests.ui.conftest import WAIT_MS, close_session, open_session


@pytest.fixture
def hq_window(app, qtbot, server, tmp_path):
    from ui.main_window import MainWindow

    session = open_session(server.url, "hq", tmp_path / "client-hq")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    w.start()
    remote = w.contacts.remote
    assert remote is not None
    qtbot.waitUntil(lambda: remote.model.rowCount() > 0, timeout=WAIT_MS)
    yield w
    w.close()
    close_session(session)


def test_hq_contacts_page_lists_the_servers_customers(hq_window, qtbot):
    page = hq_window.contacts
    remote = page.remote
    assert page.model.rowCount() == 0  # nothing local: HQ's cache holds no customers
    assert not page.mine_button.isVisible() and remote.isVisible()
    stores = {remote.model.row_at(r).store_name for r in range(remote.model.rowCount())}
    assert len(stores) == 2  # both stores of the demo chain

    # the store filter lists the cached stores; picking one asks the server for its customers
    qtbot.waitUntil(lambda: remote.store.count() == 3, timeout=WAIT_MS)
    assert remote.store.itemText(0) == "全部门店"
    at = next(i for i in range(3) if remote.store.itemText(i).startswith("S002"))
    remote.store.setCurrentIndex(at)
    with qtbot.waitSignal(remote.sig_answered, timeout=WAIT_MS):
        remote.store.activated.emit(at)
    picked = {remote.model.row_at(r).store_code for r in range(remote.model.rowCount())}
    assert picked == {"S002"}
    remote.store.setCurrentIndex(0)

    with qtbot.waitSignal(remote.sig_answered, timeout=WAIT_MS):
        qtbot.keyClicks(remote.search, "1234")  # the phone's last digits: only 张三's
    assert remote.model.rowCount() == 1
    assert remote.model.row_at(0).customer.name == "张三"
    assert "共 1 位客户" in remote.status.text()

    card = remote.open_card(remote.model.row_at(0).customer.id)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    assert "张三" in card.windowTitle() and "总部只读" in card.windowTitle()
    assert card.orders.rowCount() == len(card.card.orders)
    assert card.card.customer.customer.phone in card.profile.text()
    card.close()


def test_hq_search_box_shows_remote_customers_and_opens_the_card(hq_window, qtbot):
    w = hq_window
    w.focus_search()
    with qtbot.waitSignal(w.search_box.sig_results_ready, timeout=WAIT_MS):
        qtbot.keyClicks(w.search_box, "1234")  # QTest types ASCII only
    hits = w.results.hits()
    assert [h.kind for h in hits][:1] == ["customer"]
    assert hits[0].title.startswith("张三")
    from ui.pages.contacts.remote import RemoteCustomerDialog

    w.results.activate_current()
    qtbot.waitUntil(
        lambda: any(isinstance(c, RemoteCustomerDialog) and c.card for c in w.children()),
        timeout=WAIT_MS,
    )


def test_hq_pages_say_offline_when_the_server_is_down(hq_window, qtbot, server):
    w = hq_window
    remote = w.contacts.remote
    server.stop()
    with qtbot.waitSignal(remote.sig_answered, timeout=WAIT_MS):
        qtbot.keyClicks(remote.search, "138")
    assert remote.offline_message == OFFLINE_MESSAGE
    assert remote.message.isVisible() and not remote.table.isVisible()

    w.focus_search()
    with qtbot.waitSignal(w.search_box.sig_results_ready, timeout=WAIT_MS):
        qtbot.keyClicks(w.search_box, "1234")
    shown = [w.results.topLevelItem(i).text(0) for i in range(w.results.topLevelItemCount())]
    assert shown[0] == OFFLINE_MESSAGE
    assert w.results.topLevelItem(0).flags() == Qt.ItemFlag.NoItemFlags
