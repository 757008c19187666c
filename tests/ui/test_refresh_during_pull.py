"""Changes reach the pages through the window's bridge: during a long pull in slow
bursts, at once when it ends; a local edit at once; each page only for its entities."""

from __future__ import annotations

from guide_app.sync.status import SyncStatus
from tests.ui.conftest import WAIT_MS


def test_long_pull_refreshes_slowly_then_at_once_when_it_ends(window, qtbot):
    from ui.sync_bridge import REFRESH_DELAY_MS

    qtbot.waitUntil(lambda: window.status.online is True, timeout=WAIT_MS)
    window.session.sync.stop()  # only the statuses below: no real cycle ends the "pull"
    qtbot.wait(50)  # the stop's own status, if any, arrives first
    bridge, changes = window.bridge, window.session.changes
    seen: list[set[str]] = []
    bridge.subscribe(None, lambda e: seen.append(set(e)))

    bridge.sig_status_changed.emit(SyncStatus(online=True, syncing=True, progress=(5000, 0)))
    changes.publish({"customer"}, local=False)  # pulled pages
    changes.publish({"customer_tag"}, local=False)
    qtbot.wait(REFRESH_DELAY_MS * 3)
    assert seen == [] and not bridge.refresh_pending  # not once per page

    bridge.sig_status_changed.emit(SyncStatus(online=True, syncing=False))  # the pull is over
    assert seen == [{"customer", "customer_tag"}]
    assert not bridge.refresh_pending

    changes.publish({"follow_up"}, local=False)  # an ordinary sync: after a short delay
    assert bridge.refresh_pending and len(seen) == 1
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)

    changes.publish({"customer"}, local=True)  # an edit made here: at once
    assert seen[2:] == [{"customer"}]


def test_order_pages_do_not_reload_the_contact_list(window, qtbot, monkeypatch):
    qtbot.waitUntil(lambda: window.contacts.model.rowCount() > 0, timeout=WAIT_MS)
    reloads: list[int] = []
    monkeypatch.setattr(window.contacts.model, "refresh_rows", lambda: reloads.append(1))
    window.bridge.deliver({"order"})
    assert reloads == []
    window.bridge.deliver({"order", "customer_tag"})
    assert reloads == [1]
