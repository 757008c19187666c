"""话术素材 page (issue 11): tree | list | preview, views, search with highlights,
the customer in context, favourites, 我的话术 and suggestions, and the unified
search's Enter on a script opening it here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import WAIT_MS


def library_page(window, qtbot):
    window.show_page("scripts")
    page = window.pages["scripts"]
    qtbot.waitUntil(lambda: page.groups.topLevelItemCount() > 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(page.list.rows()), timeout=WAIT_MS)
    return page


def type_text(qtbot, widget, text: str) -> None:
    """Latin letters as key presses; Chinese as an input method commits it."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(qtbot, page, text: str) -> list:
    page.search.setFocus()
    page.search.clear()
    type_text(qtbot, page.search, text)
    qtbot.waitUntil(lambda: page.shown_text == text, timeout=WAIT_MS)
    return page.list.rows()


def test_tree_list_and_preview_side_by_side(window, qtbot, session):
    page = library_page(window, qtbot)
    sizes = page.splitter.sizes()
    assert len(sizes) == 3 and all(s > 0 for s in sizes)
    names = [page.groups.topLevelItem(i).text(0) for i in range(page.groups.topLevelItemCount())]
    assert "开场白" in names and "售后安抚" in names
    # a group narrows the list to its scripts
    item = next(
        page.groups.topLevelItem(i)
        for i in range(page.groups.topLevelItemCount())
        if page.groups.topLevelItem(i).text(0) == "售后安抚"
    )
    page.groups.setCurrentItem(item)
    group_id = page.groups.current_group()
    wanted = [s.id for s in session.library.scripts(group_id=group_id)]
    assert wanted
    qtbot.waitUntil(lambda: [r.id for r in page.list.rows()] == wanted, timeout=WAIT_MS)
    assert "物流延迟致歉" in [r.title for r in page.list.rows()]
    # the materials view lists materials
    page.set_view("materials")
    qtbot.waitUntil(
        lambda: page.list.rows() and all(r.kind == "material" for r in page.list.rows()),
        timeout=WAIT_MS,
    )


def test_search_as_you_type_highlights_the_hit(window, qtbot):
    page = library_page(window, qtbot)
    rows = search(qtbot, page, "面霜")
    first = rows[0]
    assert "面霜" in first.title
    start, end = first.title_spans[0]
    assert first.title[start:end] == "面霜"
    rows = search(qtbot, page, "xhms")  # 修护面霜推荐 by its initials
    assert any(r.title == "修护面霜推荐" for r in rows)


def test_the_customer_in_context_fills_the_variables(window, qtbot, session):
    page = library_page(window, qtbot)
    search(qtbot, page, "首次添加问候")
    assert page.current().title == "首次添加问候"
    assert "称呼" in page.preview.message.text()  # no customer: {称呼} is missing
    assert [k for k, _s, _e in page.preview.marks if k == "missing"]
    page.copy_button.click()
    assert "缺少变量" in page.preview.message.text()

    page.customer.setFocus()
    qtbot.keyClicks(page.customer, "zs")
    qtbot.waitUntil(lambda: bool(page.customer.choices()), timeout=WAIT_MS)
    page.customer.choose(0)
    assert page.customer.customer_id is not None
    expected = session.library.render(page.current().id, page.customer.customer_id)
    assert page.preview.current_text() == expected.text and not expected.missing
    assert not [k for k, _s, _e in page.preview.marks if k == "missing"]
    QApplication.clipboard().clear()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == expected.text


def test_favourite_toggle_and_the_favourites_view(window, qtbot, session):
    page = library_page(window, qtbot)
    search(qtbot, page, "修护面霜推荐")
    row = page.current()
    assert not page.favorite_button.isChecked()
    page.favorite_button.click()
    qtbot.waitUntil(lambda: session.library.is_favorite("script", row.id), timeout=WAIT_MS)
    page.search.clear()
    page.set_view("favorites")
    qtbot.waitUntil(lambda: [r.id for r in page.list.rows()] == [row.id], timeout=WAIT_MS)
    assert page.favorite_button.isChecked()
    page.favorite_button.click()
    qtbot.waitUntil(lambda: not session.library.is_favorite("script", row.id), timeout=WAIT_MS)


def test_personal_script_checked_saved_edited_suggested_deleted(window, qtbot, session):
    page = library_page(window, qtbot)
    dialog = page.new_personal()
    dialog.title.setText("我的到店提醒")
    dialog.body.setPlainText("{称呼，明天见")
    dialog.save()
    assert "没有对应" in dialog.error.text() and "第1行第1个字符" in dialog.error.text()
    dialog.body.setPlainText("{称呼}，我们这里全网最低价")
    dialog.save()
    assert "全网最低" in dialog.error.text() and dialog.isVisible()
    dialog.body.setPlainText("{称呼}，明天{门店}见～")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved_id is not None, timeout=WAIT_MS)
    sid = dialog.saved_id  # the dialog closed itself (and is deleted)
    qtbot.waitUntil(lambda: page.view() == "mine", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: page.current() is not None and page.current().id == sid, timeout=WAIT_MS
    )
    assert page.edit_button.isEnabled() and page.suggest_button.isEnabled()

    edit = page.edit_personal()
    edit.title.setText("我的到店提醒（改）")
    edit.save()
    qtbot.waitUntil(
        lambda: session.library.script(sid).title == "我的到店提醒（改）", timeout=WAIT_MS
    )

    page.suggest()
    qtbot.waitUntil(lambda: "待处理" in page.suggestion.text(), timeout=WAIT_MS)
    assert [s.script_id for s in session.library.suggestions()] == [sid]
    qtbot.waitUntil(
        lambda: any(r.id == sid and r.badge == "待处理" for r in page.list.rows()),
        timeout=WAIT_MS,
    )

    page.delete_personal(confirm=False)
    qtbot.waitUntil(lambda: session.library.script(sid) is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: all(r.id != sid for r in page.list.rows()), timeout=WAIT_MS)


def test_a_declined_suggestion_shows_its_reason(window, qtbot, session):
    from guide_core.protocol import ScriptSuggestionData
    from ui.pages.scripts.page import suggestion_text

    declined = ScriptSuggestionData(
        id="s1",
        script_id="x",
        owner_id="u",
        title="t",
        body="b",
        status="declined",
        reason="与总部话术重复",
    )
    assert suggestion_text(declined) == "未采纳：与总部话术重复"
    accepted = declined.model_copy(update={"status": "accepted", "reason": ""})
    assert suggestion_text(accepted) == "已采纳"


def test_enter_on_a_script_in_the_unified_search_opens_it_here(window, qtbot, session):
    window.focus_search()
    with qtbot.waitSignal(window.search_box.sig_results_ready, timeout=WAIT_MS):
        type_text(qtbot, window.search_box, "修护面霜推荐")
    qtbot.waitUntil(lambda: window.results.shown_text == "修护面霜推荐", timeout=WAIT_MS)
    hits = window.results.hits()
    target = next(h for h in hits if h.kind == "script" and h.title == "修护面霜推荐")
    window.results.move_selection(hits.index(target))
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.current_page() == "scripts"
    page = window.pages["scripts"]
    qtbot.waitUntil(
        lambda: page.current() is not None and page.current().id == target.id, timeout=WAIT_MS
    )
    assert "积雪草修护面霜" in page.preview.current_text()


def test_a_refresh_keeps_the_row_and_what_the_guide_typed(window, qtbot):
    page = library_page(window, qtbot)
    search(qtbot, page, "修护面霜推荐")
    row = page.current()
    typed = page.preview.current_text() + "（已为您预留）"
    page.preview.text.setPlainText(typed)
    page.on_entities_changed({"script"})  # e.g. a pull brought a script row
    asked = page._request
    qtbot.waitUntil(lambda: page.shown_request == asked, timeout=WAIT_MS)
    assert page.current().id == row.id
    assert page.preview.current_text() == typed


def test_a_material_shows_its_thumbnail_and_whether_it_is_here(window, qtbot, session):
    page = library_page(window, qtbot)
    page.set_view("materials")
    qtbot.waitUntil(
        lambda: page.list.rows() and all(r.kind == "material" for r in page.list.rows()),
        timeout=WAIT_MS,
    )
    image = next(
        m for m in session.library.materials(limit=200) if str(m.kind) == "image" and m.blob_sha256
    )
    session.blobs.fetch(image.blob_sha256)
    page.open_item("material", image.id)
    qtbot.waitUntil(
        lambda: page.current() is not None and page.current().id == image.id, timeout=WAIT_MS
    )
    assert page.material_view.isVisible()
    qtbot.waitUntil(
        lambda: (
            page.material_view.picture.pixmap() is not None
            and not page.material_view.picture.pixmap().isNull()
        ),
        timeout=WAIT_MS,
    )
    assert page.material_view.where.text() == "已在本机，离线可用"
    assert page.material_view.open_button.isEnabled()

    session.blobs.path_for(image.blob_sha256).unlink()
    page.material_view.show_material(image)
    assert page.material_view.where.text() == "未下载到本机，需联网后使用"
    assert not page.material_view.open_button.isEnabled()


def test_hq_has_no_customer_field(app, qtbot, server, tmp_path):
    """HQ reads customers online only: nothing in its cache to fill a script from."""
    from tests.ui.conftest import close_session, open_session
    from ui.main_window import MainWindow
    from ui.pages import registry

    hq = open_session(server.url, "hq", tmp_path / "client-hq")
    try:
        specs = [s for s in registry.pages() if s.key in ("contacts", "scripts")]
        window = MainWindow(hq, specs=specs)
        qtbot.addWidget(window)
        window.show()
        window.start()
        page = library_page(window, qtbot)
        assert not page.customer.isVisible()
        window.close()
    finally:
        close_session(hq)
