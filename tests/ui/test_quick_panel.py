"""快捷话术 beside WeCom (issue 11): on top, box focused, customer in context,
favourites and recent when empty, a pasted message ranks the answers, Enter
copies and the panel hides, Esc hides, several items one after the other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import WAIT_MS
from tests.ui.test_library_page import type_text


def press(qtbot, widget, keys: str) -> None:
    combo = QKeySequence(keys)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def open_panel(window, qtbot):
    window.activateWindow()
    press(qtbot, window, "Ctrl+Shift+K")
    panel = window.quick_panel
    assert panel is not None
    qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(panel.picker.search.hasFocus, timeout=WAIT_MS)
    return panel


def wait_rows(qtbot, picker, text: str) -> list:
    qtbot.waitUntil(
        lambda: picker.results_current() and picker._shown_text == text, timeout=WAIT_MS
    )
    return picker.list.rows()


def zhang_san(session) -> str:
    return next(h.id for h in session.search("张三").hits() if h.kind == "customer")


def test_panel_is_on_top_focused_and_lists_favourites_and_recent(window, qtbot, session):
    library = session.library
    favourite = next(s for s in library.scripts(limit=500) if s.title == "修护面霜推荐")
    used = next(s for s in library.scripts(limit=500) if s.title == "好久不见")
    library.set_favorite("script", favourite.id, True)
    library.record_use("script", used.id, None)

    panel = open_panel(window, qtbot)
    flags = panel.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert panel.customer.customer_id is None
    rows = wait_rows(qtbot, panel.picker, "")
    assert [r.title for r in rows[:2]] == ["修护面霜推荐", "好久不见"]
    assert rows[0].badge == "★"
    qtbot.keyClick(panel.picker.search, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    assert window.actions_by_name["quick_panel"] in window.file_menu.actions()


def test_from_a_card_enter_copies_for_that_customer_and_hides(window, qtbot, session):
    card = window.open_customer(zhang_san(session))
    qtbot.waitUntil(lambda: card.card is not None, timeout=WAIT_MS)
    card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow, timeout=WAIT_MS)
    press(qtbot, card, "Ctrl+Shift+K")  # application-wide: works from the card
    panel = window.quick_panel
    qtbot.waitUntil(lambda: panel is not None and panel.isVisible(), timeout=WAIT_MS)
    assert panel.customer.customer_id == card.customer_id
    assert panel.customer.text() == "张三"
    qtbot.keyClicks(panel.picker.search, "sctj")
    rows = wait_rows(qtbot, panel.picker, "sctj")
    QApplication.clipboard().clear()
    qtbot.keyClick(panel.picker.search, Qt.Key.Key_Return)
    expected = session.library.render(rows[0].id, card.customer_id)
    assert QApplication.clipboard().text() == expected.text and "张" in expected.text
    assert not panel.isVisible()


def test_a_pasted_message_puts_the_answering_script_first(window, qtbot):
    panel = open_panel(window, qtbot)
    QApplication.clipboard().setText("有没有适合敏感肌的面霜")
    press(qtbot, panel.picker.search, "Ctrl+V")
    rows = wait_rows(qtbot, panel.picker, "有没有适合敏感肌的面霜")
    assert rows and rows[0].title == "修护面霜推荐"


def test_typing_a_customer_in_the_panel_fills_the_variables(window, qtbot, session):
    panel = open_panel(window, qtbot)
    panel.customer.setFocus()
    qtbot.keyClicks(panel.customer, "zs")
    qtbot.waitUntil(lambda: bool(panel.customer.choices()), timeout=WAIT_MS)
    panel.customer.choose(0)
    assert panel.picker.customer_id == zhang_san(session)
    panel.picker.search.setFocus()
    qtbot.keyClicks(panel.picker.search, "sctj")
    wait_rows(qtbot, panel.picker, "sctj")
    assert "张" in panel.picker.preview.current_text()
    assert not panel.picker.preview.missing()


def test_a_script_of_several_items_copies_them_one_by_one(window, qtbot, session):
    library = session.library

    def simple(script) -> bool:  # a text body plus link/mini-program materials
        kinds = []
        for item in script.items:
            material = library.material(item.material_id) if item.material_id else None
            kinds.append("text" if item.kind == "text" else str(material.kind) if material else "")
        return bool(kinds) and all(k in ("text", "link", "miniprogram") for k in kinds)

    script = next(s for s in library.scripts(limit=200) if simple(s))
    total = 1 + len(script.items)
    panel = open_panel(window, qtbot)
    panel.customer.set_customer(zhang_san(session), "张三")
    type_text(qtbot, panel.picker.search, script.title)
    rows = wait_rows(qtbot, panel.picker, script.title)
    assert rows[0].id == script.id
    QApplication.clipboard().clear()
    qtbot.keyClick(panel.picker.search, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == library.render(script.id, zhang_san(session)).text
    assert panel.isVisible()  # more to paste: the panel stays
    assert f"第1/{total}项" in panel.picker.status.text()
    for n in range(2, total + 1):
        qtbot.keyClick(panel.picker.search, Qt.Key.Key_Return)
        if n < total:
            assert f"第{n}/{total}项" in panel.picker.status.text()
    last = script.items[-1]
    material = library.material(last.material_id)
    assert QApplication.clipboard().text() == f"{material.title}\n{material.url}"
    assert not panel.isVisible()
