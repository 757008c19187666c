"""Keyboard: page shortcuts, Ctrl+K, Ctrl+F, Esc, and the Help → 快捷键 list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def press(qtbot, window, keys: str) -> None:
    seq = QKeySequence(keys)
    combo = seq[0]
    qtbot.keyClick(window, combo.key(), combo.keyboardModifiers())


def test_shortcuts_drive_the_window(window, qtbot):
    window.activateWindow()
    press(qtbot, window, "Ctrl+1")
    assert window.current_page() == "today"
    press(qtbot, window, "Ctrl+2")
    assert window.current_page() == "contacts"
    press(qtbot, window, "Ctrl+6")  # 审核 is for supervisors only: a guide stays put
    assert window.current_page() == "contacts"
    assert window.nav.item(5).isHidden()
    visible = window.contacts.filters.isVisible()
    press(qtbot, window, "Ctrl+F")
    assert window.contacts.filters.isVisible() is not visible
    press(qtbot, window, "Ctrl+K")
    qtbot.waitUntil(window.search_box.hasFocus, timeout=2000)
    qtbot.keyClicks(window.search_box, "zs")
    qtbot.waitUntil(window.results.isVisible, timeout=10000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert not window.results.isVisible()


def test_help_lists_every_shortcut(app, qtbot):
    from ui.shortcuts import SHORTCUTS, ShortcutsDialog

    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    keys = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert keys == {s.keys for s in SHORTCUTS}
    assert {"Ctrl+K", "F5", "Ctrl+N", "Ctrl+Enter", "Esc"} <= keys
