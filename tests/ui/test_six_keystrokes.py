"""The guide's daily loop (issue 11): from an idle window to a personalised, checked
script on the clipboard in at most six keystrokes plus the search letters.

Ctrl+K, a few letters of the customer, Enter (the card opens), Ctrl+T (the
script picker for that customer, its box focused), a few letters of the
script, Enter: the clipboard holds the script rendered for that customer.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import WAIT_MS

CUSTOMER_LETTERS = "zs"  # 张三
SCRIPT_LETTERS = "sctj"  # 首次添加问候 by its initials: {称呼}…{门店}…{导购}


class Keys:
    """Presses keys on the focused widget and counts those that are not search letters."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focused(self):
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def press(self, keys: str) -> None:
        combo = QKeySequence(keys)[0]
        self.qtbot.keyClick(self.focused(), combo.key(), combo.keyboardModifiers())
        self.count += 1

    def enter(self) -> None:
        self.qtbot.keyClick(self.focused(), Qt.Key.Key_Return)
        self.count += 1

    def letters(self, text: str) -> None:
        """Search letters (not counted)."""
        self.qtbot.keyClicks(self.focused(), text)


@pytest.mark.parametrize("network", ["online", "offline"])
def test_customer_to_clipboard_in_six_keystrokes(network, window, server, qtbot, session):
    if network == "offline":  # the server goes away: the loop runs from the cache
        qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
        server.stop()
        qtbot.waitUntil(lambda: window.status.online is False, timeout=WAIT_MS)
    pending = session.cache.outbox.count()
    QApplication.clipboard().clear()
    window.activateWindow()
    window.contacts.table.setFocus()
    keys = Keys(qtbot)

    keys.press("Ctrl+K")
    qtbot.waitUntil(window.search_box.hasFocus, timeout=WAIT_MS)
    keys.letters(CUSTOMER_LETTERS)
    qtbot.waitUntil(lambda: window.results.shown_text == CUSTOMER_LETTERS, timeout=WAIT_MS)
    with qtbot.waitSignal(window.sig_customer_card_opened, timeout=WAIT_MS) as opened:
        keys.enter()
    card = opened.args[0]
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    assert card.card.name == "张三"
    card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow, timeout=WAIT_MS)

    keys.press("Ctrl+T")
    qtbot.waitUntil(lambda: card.picker is not None and card.picker.isVisible(), timeout=WAIT_MS)
    picker = card.picker.picker
    qtbot.waitUntil(picker.search.hasFocus, timeout=WAIT_MS)
    keys.letters(SCRIPT_LETTERS)
    keys.enter()  # before or after the results arrive: the first row is copied
    qtbot.waitUntil(lambda: bool(QApplication.clipboard().text()), timeout=WAIT_MS)

    library = session.library
    script = next(h for h in library.search(SCRIPT_LETTERS) if h.kind == "script")
    expected = library.render(script.id, card.customer_id)
    assert not expected.missing and not expected.check.hits
    assert "张" in expected.text and "{" not in expected.text
    assert QApplication.clipboard().text() == expected.text
    assert keys.count <= 6, keys.count
    assert not card.picker.isVisible()  # one item: the picker got out of the way
    # the use is recorded: first in 最近使用, and (offline) waiting in the outbox
    qtbot.waitUntil(lambda: session.library.recent(1) == [("script", script.id)], timeout=WAIT_MS)
    if network == "offline":  # (the recent list and the outbox are two writes)
        qtbot.waitUntil(lambda: session.cache.outbox.count() == pending + 1, timeout=WAIT_MS)


def _picker_with_script(window, qtbot, session):
    """张三's card, its picker, 首次添加问候 found and previewed."""
    zhang = next(h for h in session.search("张三").hits() if h.kind == "customer")
    card = window.open_customer(zhang.id)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    dialog = card.open_script_picker()
    picker = dialog.picker
    qtbot.waitUntil(picker.search.hasFocus, timeout=WAIT_MS)
    Keys(qtbot).letters(SCRIPT_LETTERS)
    qtbot.waitUntil(lambda: picker.results_current() and bool(picker.list.rows()), timeout=WAIT_MS)
    return dialog, picker


def test_a_blocking_word_stops_the_copy_and_is_marked(window, qtbot, session):
    dialog, picker = _picker_with_script(window, qtbot, session)
    QApplication.clipboard().setText("剪贴板原有内容")
    picker.preview.text.setPlainText(picker.preview.current_text() + "支持刷单返利")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == "剪贴板原有内容"
    assert picker.preview.marked_words("block") == ["刷单"]
    said = picker.preview.message.text()
    assert "刷单" in said and "不能复制" in said
    assert dialog.isVisible()


def test_a_warning_word_asks_and_copies_once_confirmed(window, qtbot, session):
    dialog, picker = _picker_with_script(window, qtbot, session)
    QApplication.clipboard().setText("剪贴板原有内容")
    edited = picker.preview.current_text() + "到店还有返现哦"
    picker.preview.text.setPlainText(edited)
    asked: list[str] = []

    def answer(yes: bool) -> None:
        box = picker.flow.last_box
        if box is None:  # not open yet
            QTimer.singleShot(20, lambda: answer(yes))
            return
        asked.append(box.text())
        button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(False))
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert asked and "返现" in asked[0]
    assert QApplication.clipboard().text() == "剪贴板原有内容"  # 取消: nothing copied

    QTimer.singleShot(0, lambda: answer(True))
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert len(asked) == 2
    assert QApplication.clipboard().text() == edited
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_a_missing_variable_stops_the_copy_until_typed_in(window, qtbot, session):
    library = session.library
    sid = library.create_personal("会员等级提醒", "{称呼}，您的{会员卡名}快到期了")
    zhang = next(h for h in session.search("张三").hits() if h.kind == "customer")
    card = window.open_customer(zhang.id)
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    dialog = card.open_script_picker()
    picker = dialog.picker
    flow_outcome = picker.flow.copy_script(sid, zhang.id)
    assert flow_outcome.status == "missing" and flow_outcome.missing == ["会员卡名"]
    QApplication.clipboard().setText("剪贴板原有内容")
    assert QApplication.clipboard().text() == "剪贴板原有内容"
    typed = flow_outcome.rendered.text.replace("{会员卡名}", "金卡")
    assert picker.flow.copy_script(sid, zhang.id, edited_text=typed).copied
    assert QApplication.clipboard().text() == typed
