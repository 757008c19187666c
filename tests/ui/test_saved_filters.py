"""Saved filters: the box forgets the name once the panel no longer shows that filter
(清除筛选), and each account (server + username) has its own list."""

from __future__ import annotations

from ui import options


def _pick(page, name: str) -> None:
    """As a person does: choose the entry in the box."""
    index = page.saved_combo.findData(name)
    page.saved_combo.setCurrentIndex(index)
    page.saved_combo.activated.emit(index)


def test_clearing_the_filters_resets_the_saved_filter_box(window, qtbot):
    page = window.contacts
    level = next(iter(page.filters.level_boxes.values()))
    level.setChecked(True)
    page.save_current_filter("金卡")
    page.filters.clear()
    assert page.saved_combo.currentIndex() == 0
    _pick(page, "金卡")
    assert page.saved_combo.currentText() == "金卡" and level.isChecked()
    page.filters.clear_button.click()
    assert page.saved_combo.currentIndex() == 0
    assert page.saved_combo.currentText() == "保存的筛选…"
    # any other change than the saved one also lets go of the name
    _pick(page, "金卡")
    page.filters.birthday_box.setChecked(True)
    assert page.saved_combo.currentIndex() == 0


def test_saved_filters_belong_to_the_account(window, session, qtbot):
    from ui.pages.contacts.page import ContactsPage, load_saved_filters

    page = window.contacts
    page.save_current_filter("我的名单")
    by_account = options.get("saved_filters_by_account")
    assert set(by_account) == {session.account_key}
    assert "我的名单" in by_account[session.account_key]

    other = type(session.user)(**{**session.user.model_dump(), "username": "s001-g2"})

    class OtherAccount:  # another account of the same server on this PC
        user = other
        account_key = session.account_key.replace("s001-g1", "s001-g2")
        reads_customers_online = False

    assert load_saved_filters(OtherAccount.account_key) == {}
    their_page = ContactsPage(OtherAccount())
    qtbot.addWidget(their_page)
    assert their_page.saved_combo.findData("我的名单") == -1


def test_a_computers_old_list_moves_to_the_first_account_that_opens_it(app, qtbot):
    from ui.pages.contacts.page import load_saved_filters

    options.put("saved_filters", {"老名单": {"levels": ["gold"]}})
    assert load_saved_filters("http://s|a") == {"老名单": {"levels": ["gold"]}}
    assert load_saved_filters("http://s|b") == {}  # not copied to every account
    assert options.get("saved_filters") == {}
    assert load_saved_filters("http://s|a") == {"老名单": {"levels": ["gold"]}}
