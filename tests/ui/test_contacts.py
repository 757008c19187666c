"""Contacts page: tag filters OR within a group, AND across groups; saved filters."""

from __future__ import annotations

from tests.ui.conftest import WAIT_MS


def all_rows(session) -> list:
    from guide_app.services.customers import CustomerQuery

    q = CustomerQuery(mine_only=False)
    return session.customers.page(q, 0, session.customers.count(q))


def pick_tags(session):
    """Two tags of one multi-choice group and one tag of another group, all in use."""
    rows = all_rows(session)
    used = {t.id for r in rows for t in r.tags}
    groups = [g for g in session.tags.groups() if sum(t.id in used for t in g.tags) >= 1]
    multi = next(
        g for g in groups if str(g.choice) == "multi" and sum(t.id in used for t in g.tags) >= 2
    )
    a1, a2 = [t.id for t in multi.tags if t.id in used][:2]
    other = next(g for g in groups if g.id != multi.id)
    b1 = next(t.id for t in other.tags if t.id in used)
    return rows, a1, a2, b1


def wait_count(qtbot, page, expected: int) -> None:
    qtbot.waitUntil(lambda: page.model.rowCount() == expected, timeout=WAIT_MS)


def test_tag_filters_or_within_a_group_and_across_groups(window, qtbot, session):
    page = window.contacts
    page.store_button.click()  # 全店客户
    rows, a1, a2, b1 = pick_tags(session)
    wait_count(qtbot, page, len(rows))
    qtbot.waitUntil(lambda: bool(page.filters.tag_boxes), timeout=WAIT_MS)

    def having(*any_of: str) -> set[str]:
        return {r.id for r in rows if {t.id for t in r.tags} & set(any_of)}

    page.filters.set_tag_checked(a1, True)
    wait_count(qtbot, page, len(having(a1)))
    page.filters.set_tag_checked(a2, True)  # same group: OR
    either = having(a1, a2)
    assert len(either) > len(having(a1))
    wait_count(qtbot, page, len(either))
    page.filters.set_tag_checked(b1, True)  # other group: AND
    both = either & having(b1)
    assert len(both) < len(either)
    wait_count(qtbot, page, len(both))
    qtbot.waitUntil(lambda: page.model.row_at(0) is not None or not both, timeout=WAIT_MS)
    shown = {page.model.row_at(i).id for i in range(page.model.rowCount())}
    assert shown == both

    page.save_current_filter("两组标签")
    page.filters.clear()
    wait_count(qtbot, page, len(rows))
    page._apply_saved(page.saved_combo.findData("两组标签"))
    wait_count(qtbot, page, len(both))


def test_mine_versus_whole_store_and_sorting(window, qtbot, session):
    page = window.contacts
    rows = all_rows(session)
    mine = [r for r in rows if r.owner_id == session.user.id]
    assert 0 < len(mine) < len(rows)
    page.mine_button.click()
    wait_count(qtbot, page, len(mine))
    page.store_button.click()
    wait_count(qtbot, page, len(rows))
    level_col = 2
    page.table.sortByColumn(
        level_col, page.table.horizontalHeader().sortIndicatorOrder().DescendingOrder
    )
    qtbot.waitUntil(
        lambda: page.model.query.sort_key == "level" and page.model.query.sort_desc, timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: page.model.row_at(0) is not None, timeout=WAIT_MS)
    rank = {"normal": 0, "silver": 1, "gold": 2, "black": 3}
    top = max(rank[r.level] for r in rows)
    assert rank[page.model.row_at(0).level] == top


def _columns_fit(window) -> list[str]:
    """Columns whose title does not fit, or a list wider than its viewport."""
    table = window.contacts.table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    problems = []
    for col in range(window.contacts.model.columnCount()):
        title = window.model_header(col)
        need = metrics.horizontalAdvance(title) + 12  # section padding; the arrow has room too
        if header.sectionSize(col) < need:
            problems.append(f"{title}: {header.sectionSize(col)} < {need}")
    if header.length() > table.viewport().width():
        problems.append(f"columns {header.length()} > viewport {table.viewport().width()}")
    return problems


def test_default_window_shows_every_column_in_both_languages(window, qtbot):
    from ui.app import apply_language
    from ui.pages.contacts.model import COLUMNS

    assert (window.width(), window.height()) == (1200, 760)  # the default geometry
    table = window.contacts.table
    tags = table.horizontalHeader().sectionSize([k for k, _ in COLUMNS].index("tags"))
    assert _columns_fit(window) == []
    assert tags >= 150  # room left for a few chips
    assert not table.horizontalScrollBar().isVisible()
    try:
        apply_language("en")
        qtbot.waitUntil(
            lambda: window.contacts.mine_button.text() == "My customers", timeout=WAIT_MS
        )
        assert _columns_fit(window) == []
        assert not table.horizontalScrollBar().isVisible()
    finally:
        apply_language("zh")


def test_scope_switch_shows_which_half_is_active(window, qtbot):
    page = window.contacts

    def fill(button) -> tuple[int, int, int]:
        image = button.grab().toImage()
        c = image.pixelColor(6, image.height() // 2)
        return c.red(), c.green(), c.blue()

    page.mine_button.click()
    qtbot.waitUntil(lambda: page.mine_button.isChecked(), timeout=WAIT_MS)
    active, idle = fill(page.mine_button), fill(page.store_button)
    assert sum(abs(a - b) for a, b in zip(active, idle, strict=True)) > 200, (active, idle)
    assert active[2] > active[0] + 100  # the accent blue fills the active half
    page.store_button.click()
    assert fill(page.store_button) == active and fill(page.mine_button) == idle
