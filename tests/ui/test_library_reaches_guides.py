"""HQ's edits in the 话术素材管理 page reach a guide's PC (issue 11), through the real
server and the real sync: a script HQ saves in the page appears in the guide's library
search; limited to another store it is removed from the guide's PC; retired, it is gone.
The guide's PC is a second signed-in session with its own cache, syncing live."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import WAIT_MS, close_session, open_session
from tests.ui.test_library_admin import answer_yes, hq_page, hq_session, idle, list_titles  # noqa: F401
from ui.pages.library_admin.common import ID_ROLE


def _titles(session, text: str) -> list[str]:
    return [h.title for h in session.library.search(text) if h.kind == "script"]


def test_a_script_hq_saves_in_the_page_reaches_a_guide_and_its_removal_too(
    hq_page, server, qtbot, tmp_path
):
    guide = open_session(server.url, "s001-g1", tmp_path / "guide-pc")
    try:
        tab = hq_page.scripts
        tab.new_script.click()
        editor = tab.editor
        editor.title.setText("圣诞节问候")
        editor.body.setPlainText("{称呼|亲}, 圣诞快乐! 本周到店有惊喜")
        editor.keywords.setText("圣诞")
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: tab.editor is None, timeout=WAIT_MS)
        idle(qtbot, hq_page)

        # the guide's PC gets it by itself (long-poll), searchable by pinyin initials too
        qtbot.waitUntil(lambda: _titles(guide, "圣诞") == ["圣诞节问候"], timeout=WAIT_MS)
        assert _titles(guide, "sdj") == ["圣诞节问候"]
        script_id = next(s.id for s in tab.scripts.values() if s.title == "圣诞节问候")
        rendered = guide.library.render(script_id)
        assert rendered.text.startswith("亲, 圣诞快乐") and rendered.complete

        # HQ limits it to another store: the guide's PC removes it
        tab.search.setText("圣诞")
        qtbot.waitUntil(lambda: list_titles(tab) == ["圣诞节问候"], timeout=WAIT_MS)
        tab.list.selectRow(0)
        tab.edit.click()
        editor = tab.editor
        stores = editor.visibility.stores
        own = guide.user.store_id
        other = next(r for r in range(stores.count()) if stores.item(r).data(ID_ROLE) != own)
        stores.item(other).setCheckState(stores.item(other).checkState().Checked)
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: tab.editor is None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: guide.library.script(script_id) is None, timeout=WAIT_MS)
        assert _titles(guide, "圣诞") == []

        # back to everyone, then retired: it comes back, then is gone for good
        tab.list.selectRow(0)
        tab.edit.click()
        editor = tab.editor
        stores = editor.visibility.stores
        stores.item(other).setCheckState(stores.item(other).checkState().Unchecked)
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: _titles(guide, "圣诞") == ["圣诞节问候"], timeout=WAIT_MS)
        tab.list.selectRow(0)
        answer_yes()
        tab.retire.click()
        qtbot.waitUntil(lambda: guide.library.script(script_id) is None, timeout=WAIT_MS)
        assert _titles(guide, "圣诞") == []
    finally:
        close_session(guide)
