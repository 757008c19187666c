"""The guide's daily loop (issue 11): from an idle window to a personalised, checked
script on the clipboard in at most six keystrokes plus the search letters.

Ctrl+K, a few letters of the customer, Enter (the card opens), Ctrl+T (the
script picker for that customer, its box focused), a few letters of the
script, Enter: the clipboard holds the script rendered for that customer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import WAIT_MS
from ui.library_widgets.access import library_of

CUSTOMER_LETTERS = "zs"  # 张三
SCRIPT_LETTERS = "首次添加"  # 首次添加问候: {称呼}…{门店}…{导购}


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
        """Search letters (not counted); Chinese arrives as an input method commits it."""
        for ch in text:
            if ch.isascii():
                self.qtbot.keyClick(self.focused(), ch)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                    QApplication.sendEvent(self.focused(), event)


def test_customer_to_clipboard_in_six_keystrokes(window, qtbot, session):
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

    library = library_of(session)
    script = next(h for h in library.search(SCRIPT_LETTERS) if h.kind == "script")
    expected = library.render(script.id, card.customer_id)
    assert not expected.missing and not expected.check.hits
    assert "张" in expected.text and "{" not in expected.text
    assert QApplication.clipboard().text() == expected.text
    assert keys.count <= 6, keys.count
    assert not card.picker.isVisible()  # one item: the picker got out of the way
