"""任务发布 page (issue 13): real widgets over real sessions against the real server.

HQ checks a task (dry run), is told what is wrong with a bad one (nothing
published), publishes, edits it (the guides' PCs get the new title and the note)
and withdraws it; with the server stopped HQ's publish says it needs the server. A
supervisor makes a store task for one guide while offline: refused at once for a
due time before the start, queued when right, and the guide's PC gets its
assignment after the supervisor's PC syncs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt

from guide_app.services.task_admin import OFFLINE_MESSAGE
from guide_core.rules.tasks import CHAIN_TZ
from tests.ui.conftest import WAIT_MS, close_session, open_session
from ui.pages.task_admin.form import ID_ROLE
from ui.pages.task_admin.items_editor import PHOTO


def make_page(qtbot, session):
    from ui.pages.task_admin.page import TaskAdminPage

    page = TaskAdminPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.load()
    qtbot.waitUntil(lambda: page.busy == 0, timeout=WAIT_MS)
    return page


def idle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.busy == 0, timeout=WAIT_MS)


def check_only(box, ids: set[str]) -> None:
    for i in range(box.count()):
        item = box.item(i)
        on = item.data(ID_ROLE) in ids
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def fill(page, title: str, *, due_in_hours: int = 30, item: str = "拍摄门头照片") -> None:
    form = page.form
    form.title.setText(title)
    now = datetime.now(CHAIN_TZ).replace(second=0, microsecond=0)
    form.start.setDateTime(QDateTime(now.replace(tzinfo=None) - timedelta(hours=1)))
    form.due.setDateTime(QDateTime(now.replace(tzinfo=None) + timedelta(hours=due_in_hours)))
    form.items.set_text(0, item)
    form.items.check(0, PHOTO).setChecked(True)


def assignments_of(session, task_id: str) -> list:
    return [v for v in session.tasks.my_assignments() if v.task_id == task_id]


@pytest.fixture
def hq(app, server, tmp_path):
    s = open_session(server.url, "hq", tmp_path / "client-hq")
    yield s
    close_session(s)


@pytest.fixture
def guide(app, server, tmp_path):
    s = open_session(server.url, "s001-g1", tmp_path / "client-g1")
    yield s
    close_session(s)


def test_hq_checks_publishes_edits_and_withdraws(qtbot, hq, guide):
    page = make_page(qtbot, hq)
    s001 = next(c for c in page.admin.stores() if c.detail == "S001")
    check_only(page.form.stores, {s001.id})
    fill(page, "周末门头检查")

    page.publish(dry_run=True)
    idle(qtbot, page)
    assert page.report is not None and page.report.dry_run and not page.report.problems
    assert page.message.text().startswith("检查通过")
    assert page.report.stores == 1 and page.report.guides >= 1

    page.form.items.set_text(0, "")  # an empty item: the form says where, nothing is sent
    page.publish()
    assert page.message.text().startswith("未发布")
    assert "附带内容" in page.message.text() or "清单" in page.message.text()

    page.form.items.set_text(0, "拍摄门头照片")
    page.form.has_until.setChecked(True)  # a weekly task whose last day is before its start
    page.form.recurrence.setCurrentIndex(page.form.recurrence.findData("weekly"))
    page.form.until.setDate(page.form.start.date().addDays(-3))
    page.publish()
    idle(qtbot, page)
    assert page.report is not None and not page.report.published and page.report.problems
    assert "一次也不会发生" in page.message.text()

    page.form.recurrence.setCurrentIndex(0)
    page.form.has_until.setChecked(False)
    page.publish()
    idle(qtbot, page)
    assert page.report.published, page.message.text()
    task_id = page.report.task_id
    assert page.message.text().startswith("已发布")
    qtbot.waitUntil(lambda: any(t.id == task_id for t in page.published), timeout=WAIT_MS)

    guide.sync.sync_now()
    qtbot.waitUntil(lambda: bool(assignments_of(guide, task_id)), timeout=WAIT_MS)

    page.open_task(task_id)
    idle(qtbot, page)
    assert page.form.editing == task_id and page.publish_button.text() == "保存修改"
    assert not page.form.targets.isEnabled()  # targets stay as published
    page.form.title.setText("周末门头检查 (含灯箱)")
    page.edit_note.setText("灯箱也要拍")
    page.publish()
    idle(qtbot, page)
    assert "已保存修改" in page.message.text() and "灯箱也要拍" in page.message.text()
    guide.sync.sync_now()
    qtbot.waitUntil(
        lambda: assignments_of(guide, task_id)[0].title == "周末门头检查 (含灯箱)",
        timeout=WAIT_MS,
    )

    page.withdraw("门店装修, 改期")
    idle(qtbot, page)
    assert page.message.text().startswith("已撤回")
    guide.sync.sync_now()
    qtbot.waitUntil(lambda: not assignments_of(guide, task_id), timeout=WAIT_MS)


def test_hq_publishing_offline_says_it_needs_the_server(qtbot, hq, server):
    page = make_page(qtbot, hq)
    hq.sync.stop()
    server.stop()
    fill(page, "离线发布")
    page.publish()
    idle(qtbot, page)
    assert page.message.text() == OFFLINE_MESSAGE


def test_supervisor_makes_a_store_task_offline(qtbot, app, server, guide, tmp_path):
    mgr = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        mgr.sync.stop()  # offline from here
        page = make_page(qtbot, mgr)
        names = {page.form.guides.item(i).data(ID_ROLE) for i in range(page.form.guides.count())}
        assert guide.user.id in names  # the store's guides, from this PC's cache
        fill(page, "本周新品试用反馈")
        page.publish()  # nobody chosen
        idle(qtbot, page)
        assert page.message.text().startswith("未保存") and "导购" in page.message.text()

        check_only(page.form.guides, {guide.user.id})
        page.form.due.setDateTime(page.form.start.dateTime().addSecs(-3600))
        page.publish()
        idle(qtbot, page)
        assert "截止时间须晚于开始时间" in page.message.text()
        assert not [m for m in mgr.cache.outbox.pending() if m.entity == "task"]

        fill(page, "本周新品试用反馈")
        check_only(page.form.guides, {guide.user.id})
        page.publish()
        idle(qtbot, page)
        assert page.message.text().startswith("已保存「本周新品试用反馈」")
        (queued,) = [m for m in mgr.cache.outbox.pending() if m.entity == "task"]
        assert queued.op == "create" and queued.fields["guide_ids"] == [guide.user.id]
        assert page.admin.queued_store_tasks() == ["本周新品试用反馈"]
        offline = [v for v in mgr.tasks.store_assignments() if v.task_id == queued.entity_id]
        assert [v.guide_id for v in offline] == [guide.user.id]  # shown before any sync

        mgr.sync.start()
        mgr.sync.sync_now()
        qtbot.waitUntil(lambda: mgr.sync.status.pending == 0, timeout=WAIT_MS)
        assert mgr.attention.count() == 0
        guide.sync.sync_now()
        qtbot.waitUntil(lambda: bool(assignments_of(guide, queued.entity_id)), timeout=WAIT_MS)
        (mine,) = assignments_of(guide, queued.entity_id)
        assert mine.id == offline[0].id  # the server made the id the PC showed
        assert mine.title == "本周新品试用反馈"
        items = guide.tasks.items(mine.id)
        assert [i.text for i in items] == ["拍摄门头照片"] and items[0].requires_evidence
    finally:
        close_session(mgr)
