"""The window is built from the page registry: each role sees its pages and their
shortcuts, and a page registered anywhere appears with no edit of the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import close_session, open_session

EVERY_PAGE = ["today", "contacts", "scripts", "orders", "tasks", "review"]
PAGE_KEYS = {
    "today": "Ctrl+1",
    "contacts": "Ctrl+2",
    "scripts": "Ctrl+3",
    "orders": "Ctrl+4",
    "tasks": "Ctrl+5",
    "review": "Ctrl+6",
    "library_admin": "Ctrl+7",
    "task_admin": "Ctrl+8",
    "handover": "Ctrl+9",
}


def press(qtbot, window, keys: str) -> None:
    combo = QKeySequence(keys)[0]
    qtbot.keyClick(window, combo.key(), combo.keyboardModifiers())


def test_each_role_sees_its_pages_and_shortcuts(app, qtbot, server, tmp_path: Path):
    from ui.main_window import MainWindow

    expected = {
        "s001-g1": [k for k in EVERY_PAGE if k != "review"],
        "s001-mgr": [*EVERY_PAGE, "task_admin", "library_admin", "handover"],
        "hq": [*EVERY_PAGE, "task_admin", "library_admin"],
    }
    for username, pages in expected.items():
        session = open_session(server.url, username, tmp_path / username)
        try:
            window = MainWindow(session)
            qtbot.addWidget(window)
            window.show()
            assert window.page_keys() == pages, username
            titles = [window.nav.item(r).text() for r in range(window.nav.count())]
            assert titles[:2] == ["今日", "客户"], username
            page_actions = {n for n in window.actions_by_name if n.startswith("page_")}
            assert page_actions == {f"page_{k}" for k in pages}, username
            for key in pages:
                action = window.actions_by_name[f"page_{key}"]
                assert action.shortcut().toString() == PAGE_KEYS[key]
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow, timeout=5000)
            press(qtbot, window, "Ctrl+6")
            assert (window.current_page() == "review") is ("review" in pages), username
            window.close()
        finally:
            close_session(session)


@pytest.fixture
def probe_page(app):
    """A page registered the way a page folder registers its own."""
    from ui.pages import registry
    from ui.pages.registry import PageSpec, PageWidget

    class ProbePage(PageWidget):
        def __init__(self) -> None:
            super().__init__()
            self.loaded = 0
            self.changes: list[set[str]] = []

        def load(self) -> None:
            self.loaded += 1

        def on_entities_changed(self, entities: set[str]) -> None:
            self.changes.append(set(entities))

    spec = registry.register(
        PageSpec(
            key="probe",
            title=QT_TRANSLATE_NOOP("Pages", "探针"),
            icon="tasks",
            shortcut="Ctrl+0",
            factory=lambda _session, _host: ProbePage(),
            entities=frozenset({"script"}),
            order=55,
        )
    )
    yield spec
    registry.unregister("probe")


def test_a_registered_page_appears_without_editing_the_window(probe_page, window, qtbot):
    from ui.shortcuts import ShortcutsDialog

    assert window.page_keys() == ["today", "contacts", "scripts", "orders", "tasks", "probe"]
    row = window.page_keys().index("probe")
    assert window.nav.item(row).text() == "探针"
    page = window.pages["probe"]
    assert page.loaded == 1  # loaded with the others when the window started
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    press(qtbot, window, "Ctrl+0")
    assert window.current_page() == "probe"
    assert window.stack.currentWidget() is page
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    listed = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
        for r in range(dialog.table.rowCount())
    }
    assert listed["Ctrl+0"] == "探针"

    # The page hears the changes of its entities only (here local edits, delivered at once).
    session = window.session
    window.session.customers.update(window.contacts.model.row_at(0).id, notes="探针不关心")
    assert page.changes == []
    session.scripts.record_use(session.scripts.list(limit=1)[0].id)
    assert page.changes and all("script" in c for c in page.changes)
