"""审核 page (issue 13): real widgets over real sessions against the real server.

A guide ticks every item of an assignment (the photo item with a real picture)
and submits; the store's supervisor sees the task with the guide's progress as a
table and bars, the items with notes and the photo (fetched from the server,
full size on click), cannot send back without a reason (the shared rule, asked as
typed), sends back, and the guide's PC gets the reason. A review made on a PC
whose colleague PC reviewed the same submission first shows the server's reason.
The store board draws by guide and exports to Excel.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage

from guide_core.rules import Code, text_of
from tests.ui.conftest import WAIT_MS, close_session, open_session

PHOTO = QSize(640, 480)


def photo_file(folder: Path) -> Path:
    image = QImage(PHOTO, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    path = folder / "陈列.png"
    assert image.save(str(path))
    return path


def settle(qtbot, session) -> None:
    """Push what waits and pull what is new (the engine's own cycle)."""
    session.sync.sync_now()
    qtbot.waitUntil(lambda: session.sync.status.pending == 0, timeout=WAIT_MS)


def submit_one(session, photo: Path) -> tuple[str, str]:
    """Tick every item of one of the guide's open assignments (photo where asked) and
    submit it; (assignment id, task id). Prefers an assignment with a photo item."""
    tasks = session.tasks
    open_ones = [
        v for v in tasks.my_assignments() if v.status in ("todo", "in_progress", "sent_back")
    ]
    assert open_ones, "the demo guide has open assignments"

    def has_photo(v) -> bool:
        return any(i.requires_evidence for i in tasks.items(v.id))

    view = next((v for v in open_ones if has_photo(v)), open_ones[0])
    sha = session.blobs.add_local(photo)
    for item in tasks.items(view.id):
        if not item.done or item.requires_evidence:
            tasks.check_item(
                view.id,
                item.id,
                True,
                note="已完成",
                evidence_sha256=sha if item.requires_evidence else None,
            )
    tasks.submit(view.id)
    return view.id, view.task_id


def make_page(qtbot, session):
    """The page as the window holds it: fed the session's changes on the GUI thread."""
    from ui.pages.review import PAGE
    from ui.pages.review.page import ReviewPage
    from ui.sync_bridge import SyncBridge

    page = ReviewPage(session)
    qtbot.addWidget(page)
    page.bridge = SyncBridge(page)
    page.bridge.attach(session)
    page.bridge.subscribe(PAGE.entities, page.on_entities_changed)
    page.destroyed.connect(page.bridge.detach)
    page.resize(1200, 800)
    page.show()
    page.load()
    return page


def open_assignment(qtbot, page, task_id: str, assignment_id: str):
    tab = page.review
    qtbot.waitUntil(lambda: any(t.task_id == task_id for t in tab.task_rows), timeout=WAIT_MS)
    tab.select_task(task_id)
    qtbot.waitUntil(
        lambda: any(r.assignment_id == assignment_id for r in tab.guide_rows) and tab.busy == 0,
        timeout=WAIT_MS,
    )
    tab.select_assignment(assignment_id)
    qtbot.waitUntil(
        lambda: (
            tab.panel.row is not None
            and tab.panel.row.assignment_id == assignment_id
            and tab.busy == 0
        ),
        timeout=WAIT_MS,
    )
    return tab.panel


@pytest.fixture
def guide(app, server, tmp_path):
    s = open_session(server.url, "s001-g1", tmp_path / "client-g1")
    yield s
    close_session(s)


@pytest.fixture
def mgr(app, server, tmp_path):
    s = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    yield s
    close_session(s)


def test_supervisor_sees_the_work_and_sends_it_back(qtbot, guide, mgr, tmp_path):
    aid, task_id = submit_one(guide, photo_file(tmp_path))
    settle(qtbot, guide)
    qtbot.waitUntil(lambda: mgr.tasks.assignment(aid) is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: mgr.tasks.assignment(aid).status == "submitted", timeout=WAIT_MS)
    page = make_page(qtbot, mgr)
    panel = open_assignment(qtbot, page, task_id, aid)
    tab = page.review

    row = next(r for r in tab.guide_rows if r.assignment_id == aid)
    assert row.status == "submitted" and row.items_done == row.items_total > 0
    assert guide.user.display_name in tab.chart.labels
    line = tab.table.item(tab.guide_rows.index(row), 3).text()
    assert line == f"{row.items_total} / {row.items_total}"
    assert len(panel.item_widgets) == row.items_total
    assert all("已完成" in w.note.text() for w in panel.item_widgets)

    # the photo: fetched from the server (this PC never had it), full size on click
    thumbs = [w for w in panel.item_widgets if w.thumb is not None]
    assert thumbs, "the photo item shows its evidence"
    qtbot.waitUntil(lambda: thumbs[0].thumb.ready, timeout=WAIT_MS)
    assert thumbs[0].thumb.path is not None
    qtbot.mouseClick(thumbs[0].thumb, Qt.MouseButton.LeftButton)
    dialog = thumbs[0].dialog
    assert dialog is not None and dialog.picture_size == PHOTO
    dialog.close()

    # no reason, no send-back: the shared rule answers as the reason is typed
    assert panel.approve_button.isEnabled()
    assert not panel.send_back_button.isEnabled()
    assert panel.send_back_button.toolTip() == text_of(Code.REASON_REQUIRED)
    panel.send_back()
    assert panel.message.text() == text_of(Code.REASON_REQUIRED)
    panel.reason.setText("照片太暗，请补拍")  # typed (keyClicks knows no Chinese)
    assert panel.send_back_button.isEnabled() and panel.send_back_button.toolTip() == ""
    qtbot.mouseClick(panel.send_back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    assert panel.message.text() == "已退回，将同步到服务器"
    qtbot.waitUntil(lambda: panel.row.status == "sent_back" and tab.busy == 0, timeout=WAIT_MS)
    assert "已退回" in tab.table.item(tab.guide_rows.index(panel.row), 2).text()
    assert not panel.approve_button.isEnabled()  # reviewed: final for that submission

    settle(qtbot, mgr)
    qtbot.waitUntil(lambda: guide.tasks.assignment(aid).status == "sent_back", timeout=WAIT_MS)
    assert guide.tasks.assignment(aid).review_reason == "照片太暗，请补拍"


def test_a_review_another_pc_made_first_shows_the_servers_reason(
    qtbot, guide, mgr, server, tmp_path
):
    aid, task_id = submit_one(guide, photo_file(tmp_path))
    settle(qtbot, guide)
    qtbot.waitUntil(lambda: mgr.tasks.assignment(aid) is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: mgr.tasks.assignment(aid).status == "submitted", timeout=WAIT_MS)
    mgr.sync.stop()  # this PC goes offline with the submission on screen
    page = make_page(qtbot, mgr)
    panel = open_assignment(qtbot, page, task_id, aid)

    other = open_session(server.url, "s001-mgr", tmp_path / "client-mgr-2")
    try:
        other.tasks.review(aid, True)
        settle(qtbot, other)
    finally:
        close_session(other)

    panel.reason.setText("清单不完整")
    panel.send_back()
    qtbot.waitUntil(lambda: not panel.busy, timeout=WAIT_MS)
    assert mgr.cache.outbox.pending()  # queued offline
    mgr.sync.start()
    mgr.sync.sync_now()
    qtbot.waitUntil(lambda: panel.refused.isVisibleTo(page), timeout=WAIT_MS)
    assert "服务器未接受这次审核" in panel.refused.text()
    assert text_of(Code.ALREADY_REVIEWED).split(" ")[0] in panel.refused.text()
    qtbot.waitUntil(
        lambda: (
            next(r for r in page.review.guide_rows if r.assignment_id == aid).status == "approved"
        ),
        timeout=WAIT_MS,
    )  # the server's state stands
    qtbot.mouseClick(panel.dismiss, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mgr.attention.count() == 0, timeout=WAIT_MS)
    assert not panel.refused.isVisibleTo(page)


def test_store_board_draws_by_guide_and_exports(qtbot, mgr, tmp_path):
    page = make_page(qtbot, mgr)
    page.tabs.setCurrentWidget(page.board)
    board = page.board
    qtbot.waitUntil(lambda: board.board is not None and board.busy == 0, timeout=WAIT_MS)
    names = {r.name for r in board.board.by_guide}
    assert board.bars.labels == [r.name for r in board.board.by_guide]
    assert board.bars.plot is not None or not names
    board.mode.setCurrentIndex(1)
    assert board.bars.labels == [r.name for r in board.board.by_task]
    board.weeks.setValue(4)
    qtbot.waitUntil(lambda: len(board.board.weeks) == 4 and board.busy == 0, timeout=WAIT_MS)
    assert len(board.lines.x_labels) == 4

    board.export(tmp_path / "看板")
    target = tmp_path / "看板.xlsx"
    qtbot.waitUntil(lambda: board.busy == 0 and target.exists(), timeout=WAIT_MS)
    assert str(target) in board.message.text()
    book = load_workbook(target)
    assert book.sheetnames == ["按导购", "按任务", "按周"]
    rows = list(book["按导购"].iter_rows(values_only=True))
    assert rows[0][0] == "导购" and {r[0] for r in rows[1:]} == names


def test_hq_sees_the_chain_ranked_and_offline_says_so(qtbot, app, server, guide, tmp_path):
    from datetime import datetime, timedelta

    from guide_app.services.task_admin import BOARD_OFFLINE_MESSAGE, TaskAdmin
    from guide_core import tasks_api as api_
    from guide_core.rules.tasks import CHAIN_TZ

    hq = open_session(server.url, "hq", tmp_path / "client-hq")
    try:
        now = datetime.now(CHAIN_TZ)
        report = TaskAdmin(hq.api, hq.cache, hq.user).publish(
            api_.TaskPublish(
                title="全店价签核对",
                kind="display",
                start_at=now - timedelta(hours=1),
                due_at=now + timedelta(minutes=30),
                items=[{"text": "核对价签"}],
            )
        )  # every store: S001 and S002
        assert report.published and report.stores == 2, report
        guide.sync.sync_now()
        qtbot.waitUntil(
            lambda: any(v.task_id == report.task_id for v in guide.tasks.my_assignments()),
            timeout=WAIT_MS,
        )
        view = next(v for v in guide.tasks.my_assignments() if v.task_id == report.task_id)
        for item in guide.tasks.items(view.id):
            guide.tasks.check_item(view.id, item.id, True)
        guide.tasks.submit(view.id)
        settle(qtbot, guide)

        page = make_page(qtbot, hq)
        # HQ holds no store's work: the board, and the handover records (issue 14)
        assert page.review is None and page.tabs.count() == 2
        board = page.hq
        qtbot.waitUntil(lambda: board.busy == 0 and board.ranking is not None, timeout=WAIT_MS)
        rows = board.ranking.rows
        assert board.ranking.by == "store" and [r.rank for r in rows] == [1, 2]
        assert rows[0].counts.rate > rows[1].counts.rate  # S001 did some of it
        assert board.table.rowCount() == 2 and board.table.item(0, 1).text() == rows[0].name
        assert board.chart.labels == [r.name for r in rows]
        assert len(board.lines.x_labels) == len(board.board.weeks) == 12
        assert board.lines.series["完成率"][-1] is not None  # this week's work counts
        board.by.setCurrentIndex(2)  # by guide
        qtbot.waitUntil(lambda: board.busy == 0 and board.ranking.by == "guide", timeout=WAIT_MS)
        top = board.ranking.rows[0]
        assert top.id == guide.user.id and top.counts.done >= 1
        board.by.setCurrentIndex(0)
        board.region.setCurrentIndex(1)  # one region
        region = board.region.currentText()
        qtbot.waitUntil(lambda: board.busy == 0 and board.ranking.by == "store", timeout=WAIT_MS)
        assert board.ranking.rows and {r.region_name for r in board.ranking.rows} == {region}

        hq.sync.stop()
        server.stop()
        board.refresh()
        qtbot.waitUntil(lambda: board.busy == 0, timeout=WAIT_MS)
        assert board.message.text() == BOARD_OFFLINE_MESSAGE
    finally:
        close_session(hq)
