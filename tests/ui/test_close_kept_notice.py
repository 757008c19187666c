"""Quitting with edits not yet sent says where they are (kept on this PC, sent later)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from guide_app.services.customer_query import CustomerQuery
from tests.ui.conftest import WAIT_MS


def _visible_message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_closing_offline_with_pending_edits_says_they_are_kept(window, server, session, qtbot):
    cid = session.customers.page(CustomerQuery(), 0, 1)[0].id
    server.stop()
    session.customers.add_follow_up(cid, "visit", "断网时写的跟进")
    session.customers.add_follow_up(cid, "phone", "又一条")
    qtbot.waitUntil(
        lambda: not session.sync.status.online and session.sync.status.pending == 2,
        timeout=WAIT_MS,
    )
    assert window.close()  # not refused: the edits are safe, nothing to ask
    boxes = _visible_message_boxes()
    assert len(boxes) == 1, boxes
    box = boxes[0]
    assert "有 2 条修改尚未上传" in box.text() and "已安全保存在本机" in box.text()
    assert box.windowModality() == box.windowModality().NonModal  # tells, never blocks quitting
    box.close()
    qtbot.waitUntil(lambda: not _visible_message_boxes(), timeout=WAIT_MS)


def test_closing_with_nothing_pending_shows_nothing(window, session, qtbot):
    qtbot.waitUntil(lambda: session.sync.status.pending == 0, timeout=WAIT_MS)
    assert window.close()
    assert _visible_message_boxes() == []
