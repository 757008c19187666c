"""今日 shows the client core's figures (session.today()) and follows local edits."""

from __future__ import annotations

from dataclasses import asdict

from tests.ui.conftest import WAIT_MS


def test_today_shows_the_cores_counts_and_follows_a_local_edit(window, qtbot):
    page = window.today
    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    window.session.sync.stop()  # the edit below stays waiting for the server
    counts = window.session.today()
    page.load()
    qtbot.waitUntil(lambda: page.values == asdict(counts), timeout=WAIT_MS)
    assert counts.my_customers > 0
    assert f">{counts.my_customers}</div>" in page.tiles["my_customers"].text()

    cid = window.contacts.model.row_at(0).id
    window.session.customers.update(cid, notes="今日页跟着变")
    want = counts.edits_waiting + 1
    qtbot.waitUntil(lambda: page.values["edits_waiting"] == want, timeout=WAIT_MS)
    assert f">{want}</div>" in page.tiles["edits_waiting"].text()
