"""我的业绩 panel and tray reminders over a real session on the real server (offscreen).

The desktop's notification call (``QSystemTrayIcon.showMessage``) cannot run
offscreen: the tray controller gets a recording ``show`` in its place; all the
rest (timer, worker, cache reads, wording, click → page) is the real one.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

import ui.tray as tray_module
from guide_app.services.customer_query import CustomerQuery
from guide_app.services.reminders import agenda, tasks_due_soon
from tests.ui.conftest import WAIT_MS, close_session, open_session
from ui import options
from ui.figures_panel import FiguresPanel

#: The side panel the 今日 page gives the figures, on a 1280×800 screen.
PANEL_WIDTH = 320


def _not_cut(panel: QWidget) -> None:
    """Every label shows its whole text: as wide as its words need, as tall as its lines."""
    for label in panel.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        assert label.width() >= label.minimumSizeHint().width(), label.text()
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert panel.width() <= PANEL_WIDTH


def _in_side_panel(qtbot, panel: FiguresPanel) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    QVBoxLayout(host).addWidget(panel)
    host.setFixedSize(PANEL_WIDTH, 800 - 160)  # the window's bars and the page's heading
    host.show()
    return host


def test_a_guide_sees_their_figures_and_place_and_a_follow_up_counts(app, qtbot, session):
    panel = FiguresPanel(session)
    host = _in_side_panel(qtbot, panel)  # noqa: F841 - kept alive for the test
    panel.load()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=WAIT_MS)
    before = panel.report.me
    assert before == session.figures().me
    assert f">{before.reachable}</div>" in panel.tiles["reachable"].text()
    assert "客群资产数" in panel.tiles["reachable"].text()
    assert panel.rank_label.text() == f"本店排名 第 {before.rank} / {panel.report.ranked}"
    assert 1 <= before.rank <= panel.report.ranked
    assert panel.table.isHidden()

    # a follow-up made now is this week's outreach
    customer = session.customers.page(CustomerQuery(mine_only=True), limit=1)[0]
    session.customers.add_follow_up(customer.id, "phone", "电话回访")
    panel.load()
    want = before.outreach_week + 1
    qtbot.waitUntil(lambda: panel.report.me.outreach_week == want, timeout=WAIT_MS)
    assert f">{want}</div>" in panel.tiles["outreach_week"].text()
    _not_cut(panel)


def test_a_supervisor_sees_the_store_and_a_sortable_table_of_guides(app, qtbot, server, tmp_path):
    session = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        panel = FiguresPanel(session)
        host = _in_side_panel(qtbot, panel)  # noqa: F841 - kept alive for the test
        panel.load()
        qtbot.waitUntil(lambda: panel.report is not None, timeout=WAIT_MS)
        report = panel.report
        assert report.store is not None and report.guides
        assert panel.heading.text() == "本店业绩"
        assert f">{report.store.reachable}</div>" in panel.tiles["reachable"].text()
        assert panel.table.rowCount() == len(report.guides)
        names = {panel.table.item(r, 0).text() for r in range(panel.table.rowCount())}
        assert names == {f"{g.rank}. {g.name}" for g in report.guides}
        # the guide column, by place (first first), is the default order
        assert [panel.table.item(r, 0).text() for r in range(len(report.guides))] == [
            f"{g.rank}. {g.name}" for g in report.guides
        ]
        # a click on 资产: largest first, by number; again: smallest first
        header = panel.table.horizontalHeader()
        at = QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2)

        def column(col: int) -> list[int]:
            return [int(panel.table.item(r, col).text()) for r in range(panel.table.rowCount())]

        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert column(1) == sorted((g.reachable for g in report.guides), reverse=True)
        assert panel.table.horizontalHeaderItem(1).text() == "资产▼"
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
        assert column(1) == sorted(g.reachable for g in report.guides)
        # the whole table fits the side panel: no column cut off
        qtbot.waitUntil(lambda: header.length() <= panel.table.viewport().width(), timeout=2000)
        for col in range(1, panel.table.columnCount()):
            assert header.sectionSize(col) >= header.sectionSizeHint(col)
        for r in range(panel.table.rowCount()):
            name = panel.table.item(r, 0)
            width = panel.table.fontMetrics().horizontalAdvance(name.text())
            assert width < header.sectionSize(0), name.text()
        _not_cut(panel)
    finally:
        close_session(session)


def test_the_tray_tells_a_task_due_and_the_summary_without_taking_focus(window, qtbot, caplog):
    session = window.session
    tray = window.reminder_tray
    # offscreen there is no system tray: reminders are off, the window runs as ever
    assert window.tray is None and not tray.available

    # an open assignment of the guide's; the clock is set half an hour before it is due
    open_ones = [
        a
        for a in session.tasks.my_assignments()
        if a.due_at and a.status in ("todo", "in_progress")
    ]
    assert open_ones, "the demo chain gives s001-g1 open assignments"
    target = open_ones[0]
    now = datetime.fromisoformat(target.due_at).astimezone() - timedelta(minutes=30)
    options.put("reminder_times", now.strftime("%H:%M"))
    options.put("reminders_enabled", True)
    tray.reload_settings()
    shown: list[tuple[str, str]] = []
    tray.show_message = lambda title, message: shown.append((title, message))
    tray.clock = lambda: now

    other = QWidget()  # the guide is typing somewhere else
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other, timeout=WAIT_MS)

    tray.start()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=WAIT_MS)
    day = agenda(session.cache, session.user, now)
    soon = tasks_due_soon(session.cache, session.user.id, now)
    assert target.id in {t.assignment_id for t in soon}
    assert shown[0][0] == "今日待办"
    # what 今日 lists at that moment (the page's own queue), in one line
    assert day.tasks or day.customers
    assert shown[0][1].startswith("今日待办：")
    assert (f"{day.tasks} 个任务" in shown[0][1]) == bool(day.tasks)
    assert (f"{day.customers} 位客户待跟进" in shown[0][1]) == bool(day.customers)
    assert shown[1][0] == "任务即将截止"
    assert f"“{target.title}”" in shown[1][1]
    # never told twice, and nothing took the focus
    tray.check_now()
    qtbot.wait(300)
    assert len(shown) == 2
    assert QApplication.activeWindow() is other
    assert not window.isActiveWindow()

    # a click on the message brings the window forward on 任务
    window.show_page("contacts")
    tray.open_last()
    assert window.current_page() == "tasks"
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    tray.stop()


def test_no_tray_is_said_once(app, qtbot, session, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="ui.tray")
    monkeypatch.setattr(tray_module, "_told_no_tray", False)
    for _ in range(2):
        tray_module.ReminderTray(session, None).start()
    assert [r.getMessage() for r in caplog.records].count(
        "no system tray on this desktop: desktop reminders are off"
    ) == 1


def test_settings_reminder_times_bad_ones_are_named_good_ones_reach_the_tray(window):
    from datetime import time

    dialog = window.settings_dialog()
    assert dialog.reminders_check.isChecked()
    assert dialog.reminder_times_edit.text() == "09:30"
    dialog.reminder_times_edit.setText("09:30，25:00")
    dialog.save()
    assert "第 2 个提醒时间“25:00”格式不对" in dialog.error.text()
    assert dialog.result() == 0  # still open, nothing stored
    assert options.get("reminder_times") == "09:30"

    dialog.reminder_times_edit.setText("14:00，9:05")
    dialog.reminders_check.setChecked(False)
    assert not dialog.reminder_times_edit.isEnabled()
    dialog.save()
    assert options.get("reminder_times") == "09:05, 14:00"
    assert options.get("reminders_enabled") is False
    # the running tray follows at once
    assert window.reminder_tray.reminders.times == (time(9, 5), time(14, 0))
    assert window.reminder_tray.reminders.enabled is False


def test_loads_during_a_read_fold_into_one_more(app, qtbot, session, monkeypatch):
    """A sync brings many pages, each a refresh of 今日: the panel never queues reads."""
    calls = []
    real = session.figures

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(session, "figures", counted)
    panel = FiguresPanel(session)
    qtbot.addWidget(panel)
    for _ in range(5):
        panel.load()
    qtbot.waitUntil(lambda: panel.report is not None and not panel._loading, timeout=WAIT_MS)
    qtbot.wait(200)
    assert len(calls) == 2  # the first read, then one for the four calls made during it
