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
    assert "review" not in window.page_keys() and window.nav.count() == 5
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
    from ui.shortcuts import ShortcutsDialog, shortcuts

    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert set(rows) == {s.keys for s in shortcuts()}
    assert {"Ctrl+K", "F5", "Ctrl+N", "Ctrl+Enter", "Esc", "Ctrl+F", "Return"} <= set(rows)
    # Page titles are the pages' own; a page for some roles names them.
    assert rows["Ctrl+2"] == "客户"
    assert rows["Ctrl+6"] == "审核 (店长/总部)"
