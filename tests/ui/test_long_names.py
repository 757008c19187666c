"""Long names end in "…" inside their column, with the whole text as tooltip: the
customer list and the search results (titles ran into the subtitle column)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import WAIT_MS

#: 60 characters (names may have 64)
LONG_NAME = ("欧阳诸葛慕容皇甫长孙令狐上官司马东方夏侯宇文尉迟公孙澹台" * 3)[:60]


def test_a_long_name_is_elided_in_the_list_with_the_whole_name_as_tooltip(window, session, qtbot):
    page = window.contacts
    cid = session.customers.create(name=LONG_NAME, phone="13900007777")
    page.store_button.click()
    qtbot.waitUntil(
        lambda: any(
            page.model.row_at(r) is not None and page.model.row_at(r).id == cid
            for r in range(page.model.rowCount())
        ),
        timeout=WAIT_MS,
    )
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).id == cid)
    index = page.model.index(row, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == LONG_NAME
    # the column is narrower than the name, and the view elides on one line
    width = page.table.columnWidth(0)
    metrics = page.table.fontMetrics()
    assert metrics.horizontalAdvance(LONG_NAME) > width
    assert page.table.textElideMode() == Qt.TextElideMode.ElideRight
    assert not page.table.wordWrap()


def test_search_results_keep_both_columns_inside_and_elide_titles(window, session, qtbot):
    cid = session.customers.create(name=LONG_NAME, phone="13900008888")
    assert cid
    window.resize(640, 700)  # a small screen: the overlay is about 420 px wide
    # typed as a Chinese input method commits it (QTest cannot key-click Chinese)
    box = window.search_box
    box.setText("欧阳诸葛")
    with qtbot.waitSignal(box.sig_results_ready, timeout=WAIT_MS):
        box.textEdited.emit(box.text())
    qtbot.waitUntil(lambda: window.results.shown_text == "欧阳诸葛", timeout=WAIT_MS)
    hits = window.results.hits()
    assert any(h.title.startswith(LONG_NAME) for h in hits)
    results = window.results
    width = results.viewport().width()
    assert results.columnWidth(0) + results.columnWidth(1) <= width
    assert results.columnWidth(1) > 0  # the subtitle stays on screen
    item = next(
        results.topLevelItem(i).child(j)
        for i in range(results.topLevelItemCount())
        for j in range(results.topLevelItem(i).childCount())
        if results.topLevelItem(i).child(j).text(0).startswith(LONG_NAME)
    )
    assert item.toolTip(0) == item.text(0)
    assert results.fontMetrics().horizontalAdvance(item.text(0)) > results.columnWidth(0)
    assert results.textElideMode() == Qt.TextElideMode.ElideRight
