"""Tasks end to end (issue 13) on the real server, with the real windows and pages.

HQ publishes a task from 任务发布 to one guide of S001 (a photo item and a note
item) → the guide's PC receives it on 任务 → with the server down the guide pastes a
photo on the photo item, writes the note, ticks both and submits → the server comes
back and the PC syncs (photo uploaded first) → the supervisor's 审核 page shows the
submission with the photo and sends it back with a reason → the guide's PC shows the
reason, the guide resubmits → the supervisor approves → the guide's PC shows 已通过
and the server holds the approval.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from guide_core.rules.tasks import CHAIN_TZ
from tests.ui.conftest import WAIT_MS, close_session, open_session
from tests.ui.test_review_page import make_page as review_page
from tests.ui.test_review_page import open_assignment
from tests.ui.test_task_admin import check_only
from tests.ui.test_task_admin import make_page as publish_page
from ui.pages.task_admin.items_editor import NOTE, PHOTO

TITLE = "E2E 新品陈列检查"


def _photo() -> QImage:
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#e76f51"))
    return image


def _publish(qtbot, hq, guide_id: str) -> str:
    page = publish_page(qtbot, hq)
    form = page.form
    form.title.setText(TITLE)
    now = datetime.now(CHAIN_TZ).replace(second=0, microsecond=0, tzinfo=None)
    form.start.setDateTime(QDateTime(now - timedelta(hours=1)))
    form.due.setDateTime(QDateTime(now + timedelta(hours=20)))
    form.items.set_text(0, "拍摄新品陈列照片")
    form.items.check(0, PHOTO).setChecked(True)
    form.items.add_item()
    form.items.set_text(1, "写一句陈列说明")
    form.items.check(1, NOTE).setChecked(True)
    check_only(form.guides, {guide_id})
    page.publish()
    qtbot.waitUntil(lambda: page.busy == 0, timeout=WAIT_MS)
    assert page.report is not None and page.report.published, page.message.text()
    assert page.report.guides == 1
    return page.report.task_id


@pytest.fixture
def hq(app, server, tmp_path):
    s = open_session(server.url, "hq", tmp_path / "client-hq")
    yield s
    close_session(s)


def test_publish_tick_offline_review_send_back_resubmit_approve(
    window, qtbot, server, hq, tmp_path
):
    guide = window.session
    task_id = _publish(qtbot, hq, guide.user.id)

    # the guide's PC receives it
    window.show_page("tasks")
    tasks_page = window.pages["tasks"]
    guide.sync.sync_now()

    def mine():
        return next((v for v in guide.tasks.my_assignments() if v.task_id == task_id), None)

    qtbot.waitUntil(lambda: mine() is not None, timeout=WAIT_MS)
    view = mine()
    qtbot.waitUntil(lambda: tasks_page.view(view.id) is not None, timeout=WAIT_MS)
    items = guide.tasks.items(view.id)
    photo_item = next(i for i in items if i.requires_evidence)
    note_item = next(i for i in items if i.requires_note)
    tasks_page.open_assignment(view.id)
    qtbot.waitUntil(
        lambda: (
            tasks_page.panel.view is not None
            and tasks_page.panel.view.id == view.id
            and len(tasks_page.panel.rows) == 2
        ),
        timeout=WAIT_MS,
    )
    panel = tasks_page.panel

    # offline: paste the photo, write the note, tick both, submit
    server.stop()
    qtbot.waitUntil(lambda: window.status.online is False, timeout=WAIT_MS)
    row = panel.row(photo_item.id)
    QApplication.clipboard().setImage(_photo())
    row.paste()  # what Ctrl+V on the item does (the publish page holds the focus here)
    qtbot.waitUntil(lambda: row.pending_sha is not None, timeout=WAIT_MS)
    row.box.click()
    note_row = panel.row(note_item.id)
    note_row.note.setText("新品放在入口第一排")
    note_row.box.click()
    qtbot.waitUntil(lambda: all(i.done for i in guide.tasks.items(view.id)), timeout=WAIT_MS)
    panel.submit()
    qtbot.waitUntil(lambda: mine().status == "submitted", timeout=WAIT_MS)
    assert guide.sync.status.pending > 0  # waiting for the server

    server.start()
    window.sync_now()
    qtbot.waitUntil(
        lambda: guide.sync.status.pending == 0 and guide.sync.status.online, timeout=WAIT_MS
    )

    # the supervisor sees it, with the photo, and sends it back
    mgr = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    try:
        qtbot.waitUntil(lambda: mgr.tasks.assignment(view.id) is not None, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: mgr.tasks.assignment(view.id).status == "submitted", timeout=WAIT_MS
        )
        review = review_page(qtbot, mgr)
        rpanel = open_assignment(qtbot, review, task_id, view.id)
        widgets = {w.item.item_id: w for w in rpanel.item_widgets}
        assert widgets[note_item.id].item.note == "新品放在入口第一排"
        thumb = widgets[photo_item.id].thumb
        assert thumb is not None
        qtbot.waitUntil(lambda: thumb.ready and thumb.path is not None, timeout=WAIT_MS)
        assert QImage(str(thumb.path)).size() == _photo().size()
        rpanel.reason.setText("照片有反光，请换个角度重拍")
        rpanel.send_back()
        qtbot.waitUntil(lambda: not rpanel.busy, timeout=WAIT_MS)
        mgr.sync.sync_now()
        qtbot.waitUntil(lambda: mgr.sync.status.pending == 0, timeout=WAIT_MS)
        assert mgr.attention.count() == 0

        # the guide's PC shows the reason; the guide resubmits
        guide.sync.sync_now()
        qtbot.waitUntil(lambda: mine().status == "sent_back", timeout=WAIT_MS)
        assert mine().review_reason == "照片有反光，请换个角度重拍"
        tasks_page.open_assignment(view.id)
        qtbot.waitUntil(
            lambda: (
                panel.view is not None
                and panel.view.id == view.id
                and panel.view.status == "sent_back"
            ),
            timeout=WAIT_MS,
        )
        panel.submit()
        qtbot.waitUntil(lambda: mine().status == "submitted", timeout=WAIT_MS)
        window.sync_now()
        qtbot.waitUntil(lambda: guide.sync.status.pending == 0, timeout=WAIT_MS)

        # the supervisor approves the new submission
        mgr.sync.sync_now()
        qtbot.waitUntil(
            lambda: mgr.tasks.assignment(view.id).status == "submitted", timeout=WAIT_MS
        )
        rpanel = open_assignment(qtbot, review, task_id, view.id)
        assert rpanel.approve_button.isEnabled()
        rpanel.approve()
        qtbot.waitUntil(lambda: not rpanel.busy, timeout=WAIT_MS)
        mgr.sync.sync_now()
        qtbot.waitUntil(lambda: mgr.sync.status.pending == 0, timeout=WAIT_MS)
        assert mgr.attention.count() == 0
    finally:
        close_session(mgr)

    guide.sync.sync_now()
    qtbot.waitUntil(lambda: mine().status == "approved", timeout=WAIT_MS)
    assert guide.attention.count() == 0
    # approved is final: the guide's PC refuses a change at once
    assert guide.tasks.tick_refusal(view.id, note_item.id, False) is not None
