"""During a long pull the lists refresh in slow bursts, and at once when it ends."""

from __future__ import annotations

from guide_app.sync.status import SyncStatus
from tests.ui.conftest import WAIT_MS


def test_long_pull_refreshes_slowly_then_at_once_when_it_ends(window, qtbot, monkeypatch):
    from ui import main_window

    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    window.session.sync.stop()  # only the statuses below: no real cycle ends the "pull"
    qtbot.wait(50)  # the stop's own status, if any, arrives first
    seen: list[set[str]] = []
    monkeypatch.setattr(window, "_on_entities_changed", lambda e: seen.append(set(e)))

    window._on_status(SyncStatus(online=True, syncing=True, progress=(5000, 0)))
    window._collect_changes({"customer"})
    window._collect_changes({"customer_tag"})
    qtbot.wait(main_window.REFRESH_DELAY_MS * 3)
    assert seen == [] and not window._refresh_timer.isActive()  # not once per page

    window._on_status(SyncStatus(online=True, syncing=False))  # the pull is over
    assert seen == [{"customer", "customer_tag"}]
    assert not window._refresh_timer.isActive()

    window._collect_changes({"follow_up"})  # an ordinary sync: refreshed after a short delay
    assert window._refresh_timer.isActive()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)


def test_order_pages_do_not_reload_the_contact_list(window, qtbot, monkeypatch):
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() > 0, timeout=WAIT_MS)
    reloads: list[int] = []
    monkeypatch.setattr(window.contacts.model, "refresh_rows", lambda: reloads.append(1))
    window.contacts.on_entities_changed({"order"})
    assert reloads == []
    window.contacts.on_entities_changed({"order", "customer_tag"})
    assert reloads == [1]
