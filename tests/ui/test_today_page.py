"""今日 over a real session on the real server (offscreen), driven by the keyboard:
Enter opens the customer's card with a birthday script already chosen, D marks an
entry done (it leaves, and stays gone after a re-read), S snoozes it to a chosen day.
The personal figures panel sits beside the queue."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt

from guide_core.today_rules import BIRTHDAY
from tests.ui.conftest import WAIT_MS


def _quiet_customers(session, n: int) -> list[str]:
    """Own customers with no follow-up in the last 10 days (the contact guard is 7)."""
    since = (datetime.now() - timedelta(days=10)).strftime("%Y-%m-%d")
    with session.cache.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT c.id FROM customers c WHERE c.owner_id = ? AND NOT EXISTS ("
            " SELECT 1 FROM follow_ups f WHERE f.customer_id = c.id AND f.at >= ?)"
            " ORDER BY c.id LIMIT ?",
            (session.user.id, since, n),
        ).all()
    return [r[0] for r in rows]


def _select(page, key: str) -> None:
    for i in range(page.list.topLevelItemCount()):
        item = page.list.topLevelItem(i)
        if item.data(0, page_module().ENTRY_ROLE).key == key:
            page.list.setCurrentItem(item)
            return
    raise AssertionError(f"{key} not listed")


def page_module():
    import ui.pages.today.page as m

    return m


def _keys(page) -> list[str]:
    return [e.key for e in page.entries()]


def test_keyboard_opens_with_the_birthday_script_marks_done_and_snoozes(window, qtbot):
    session = window.session
    page = window.today
    assert page.figures is not None  # the personal figures beside the queue
    window.show_page("today")
    cids = _quiet_customers(session, 2)
    assert len(cids) == 2
    soon = date.today() + timedelta(days=2)
    for cid in cids:
        session.customers.update(cid, birthday=soon.replace(year=1991))
    keys = [f"birthday:{cid}:{soon.year}" for cid in cids]
    page.load()
    qtbot.waitUntil(lambda: set(keys) <= set(_keys(page)), timeout=WAIT_MS)
    entry = next(e for e in page.entries() if e.key == keys[0])
    assert entry.kind == BIRTHDAY and entry.reason.startswith(f"生日 {soon.month}月{soon.day}日")
    chip = next(
        page.list.topLevelItem(i)
        for i in range(page.list.topLevelItemCount())
        if page.list.topLevelItem(i).data(0, page_module().ENTRY_ROLE).key == keys[0]
    )
    assert chip.text(0) == "生日"

    # Enter: the card, its script picker open with a birthday script chosen
    want = session.today_queue.script_for("birthday")
    assert want is not None and "生日" in session.library.script(want).title
    _select(page, keys[0])
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(c.customer_id == cids[0] and c.picker for c in window.open_cards),
        timeout=WAIT_MS,
    )
    card = next(c for c in window.open_cards if c.customer_id == cids[0])
    picker = card.picker.picker
    qtbot.waitUntil(
        lambda: picker.list.current_row() is not None and picker.list.current_row().id == want,
        timeout=WAIT_MS,
    )
    assert card.picker.isVisible()
    card.picker.reject()
    card.reject()

    # D: done; the entry leaves at once and stays gone (the mark is in the cache)
    _select(page, keys[0])
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_D)
    assert keys[0] not in _keys(page)
    qtbot.waitUntil(
        lambda: keys[0] not in [e.key for e in session.today_queue.queue().entries],
        timeout=WAIT_MS,
    )
    page.load()
    qtbot.waitUntil(lambda: keys[1] in _keys(page) and keys[0] not in _keys(page), timeout=WAIT_MS)

    # S: the date picker, 3 days ahead by default; a day chosen: gone until then
    _select(page, keys[1])
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_S)
    dialog = page.snooze_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.chosen() == date.today() + timedelta(days=3)
    back = date.today() + timedelta(days=1)
    dialog.date_edit.setDate(QDate(back.year, back.month, back.day))
    dialog.accept()
    assert keys[1] not in _keys(page)
    qtbot.waitUntil(
        lambda: keys[1] not in [e.key for e in session.today_queue.queue().entries],
        timeout=WAIT_MS,
    )
    tomorrow = datetime.now().astimezone() + timedelta(days=1)
    assert keys[1] in [e.key for e in session.today_queue.queue(tomorrow).entries]
    assert keys[0] not in [e.key for e in session.today_queue.queue(tomorrow).entries]


def test_n_marks_not_applicable_and_a_task_entry_opens_the_tasks_page(window, qtbot):
    session = window.session
    page = window.today
    window.show_page("today")
    page.load()
    qtbot.waitUntil(lambda: page.queue is not None, timeout=WAIT_MS)
    tasks = [e for e in page.entries() if e.assignment_id is not None]
    if tasks:  # the demo's assignments due today or overdue
        _select(page, tasks[0].key)
        page.list.setFocus()
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
        assert window.current_page() == "tasks"
        assert window.pages["tasks"].current_id == tasks[0].assignment_id
        window.show_page("today")
    others = [e for e in page.entries() if e.customer_id is not None]
    assert others, "the demo guide has customers to contact"
    _select(page, others[0].key)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_N)
    assert others[0].key not in _keys(page)
    qtbot.waitUntil(
        lambda: others[0].key not in [e.key for e in session.today_queue.queue().entries],
        timeout=WAIT_MS,
    )
