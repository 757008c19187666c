"""The search box: pinyin initials, phone suffix, order numbers typed or scanned."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import WAIT_MS


def type_and_wait(qtbot, window, text: str) -> list:
    window.focus_search()
    window.search_box.clear()
    with qtbot.waitSignal(window.search_box.sig_results_ready, timeout=WAIT_MS):
        qtbot.keyClicks(window.search_box, text)
    qtbot.waitUntil(lambda: window.results.shown_text == text, timeout=WAIT_MS)
    return window.results.hits()


def an_order(session):
    """An order of one of the guide's customers, read through the card service."""
    from guide_app.services.customers import CustomerQuery

    q = CustomerQuery(mine_only=False, sort_key="last_purchase_at", sort_desc=True)
    for row in session.customers.page(q, 0, 20):
        card = session.customers.get(row.id)
        if card.recent_orders:
            return card.recent_orders[0]
    raise AssertionError("the demo chain has no cached orders")


def test_pinyin_initials_find_zhang_san(window, qtbot):
    hits = type_and_wait(qtbot, window, "zs")
    assert any(h.kind == "customer" and h.title.startswith("张三") for h in hits)
    assert window.results.isVisible()


def test_phone_suffix_finds_the_customer(window, qtbot):
    hits = type_and_wait(qtbot, window, "1234")
    customers = [h for h in hits if h.kind == "customer"]
    assert customers and customers[0].title.startswith("张三")


def test_enter_opens_the_highlighted_customer(window, qtbot):
    type_and_wait(qtbot, window, "zs")
    with qtbot.waitSignal(window.sig_customer_card_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    card = opened.args[0]
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    assert card.card.name == "张三"
    assert not window.results.isVisible()


def test_order_number_typed_then_enter_opens_the_order(window, qtbot, session):
    order = an_order(session)
    hits = type_and_wait(qtbot, window, order.channel_order_no)
    assert hits and hits[0].kind == "order"
    with qtbot.waitSignal(window.sig_order_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert opened.args[0].order.channel_order_no == order.channel_order_no


def test_scanned_order_number_opens_the_order_at_once(window, qtbot, session):
    order = an_order(session)
    window.focus_search()
    with qtbot.waitSignal(window.sig_order_opened, timeout=WAIT_MS) as opened:
        # keyClicks delivers the characters back to back, as a keyboard wedge does
        qtbot.keyClicks(window.search_box, order.channel_order_no)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert opened.args[0].order.channel_order_no == order.channel_order_no
    assert window.search_box.text() == ""


def test_scan_with_focus_on_the_list_opens_the_member(window, qtbot, session):
    zhang = session.search("张三").groups[0].hits[0]
    card = session.customers.get(zhang.id)
    assert card.member_no
    window.contacts.table.setFocus()
    with qtbot.waitSignal(window.sig_customer_card_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClicks(window.contacts.table, card.member_no)
        qtbot.keyClick(window.contacts.table, Qt.Key.Key_Return)
    assert opened.args[0].customer_id == zhang.id


def test_nothing_found_is_said_plainly(window, qtbot):
    hits = type_and_wait(qtbot, window, "qqxzzq")
    assert hits == []
    assert "没有找到" in window.results.topLevelItem(0).text(0)
