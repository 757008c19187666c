"""F5 while the server is away says why it could not sync and when the engine retries
(the time is the engine's own next attempt, ``SyncStatus.next_attempt_at``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.ui.conftest import WAIT_MS


def test_f5_offline_says_why_and_when_it_retries(window, server, session, qtbot):
    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    server.stop()
    qtbot.waitUntil(lambda: window.status.online is False, timeout=WAIT_MS)
    window.status.clearMessage()
    asked = datetime.now(UTC)
    window.sync_now()
    qtbot.waitUntil(lambda: "重试" in window.status.currentMessage(), timeout=WAIT_MS)
    message = window.status.currentMessage()
    status = session.sync.status
    assert not status.online and status.next_attempt_at is not None
    assert status.next_attempt_at > asked
    # the reason is the engine's, and the time is the engine's next attempt in local time
    assert status.error and status.error in message
    when = status.next_attempt_at.astimezone().strftime("%H:%M:%S")
    assert re.search(rf"将于 {when} 自动重试", message), message
    assert when in window.status.online_label.toolTip()


def test_status_has_no_next_attempt_while_up_to_date(window, session, qtbot):
    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    window.sync_now()
    qtbot.waitUntil(lambda: window.status.currentMessage() == "同步完成", timeout=WAIT_MS)
    assert session.sync.status.next_attempt_at is None
