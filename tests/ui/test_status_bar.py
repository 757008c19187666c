"""The status bar's rendering of engine snapshots (progress of a long first sync, attention)."""

from datetime import UTC, datetime

from guide_app.sync.status import SyncStatus


def test_progress_and_counts_follow_the_snapshot(app, qtbot):
    from ui.status_bar import SyncStatusBar

    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_status(SyncStatus(online=True, syncing=True, progress=(12000, 0), pending=3))
    assert bar.progress.isVisible()
    assert "12000" in bar.progress.format()
    assert bar.pending_label.text() == "待上传 3"
    assert not bar.attention_button.isVisible()

    done = SyncStatus(online=True, last_sync_at=datetime(2026, 1, 1, tzinfo=UTC), attention=2)
    bar.show_status(done)
    assert not bar.progress.isVisible()
    assert bar.attention_button.isVisible() and bar.attention_button.text() == "需处理 2"
    assert bar.last_sync_label.text().startswith("上次同步")

    bar.show_status(SyncStatus(online=False, error="无法连接服务器"))
    assert bar.online_label.text() == "离线"
    assert bar.online_label.toolTip() == "无法连接服务器"


def test_damaged_cache_warning_stays_visible_with_the_reason(app, qtbot):
    from guide_app.session import CACHE_DAMAGED_MESSAGE
    from ui.status_bar import SyncStatusBar

    bar = SyncStatusBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_status(SyncStatus(online=True))
    assert not bar.cache_label.isVisible()
    bar.show_status(SyncStatus(online=False, error="x", cache_problem=CACHE_DAMAGED_MESSAGE))
    assert bar.cache_label.isVisible() and "缓存" in bar.cache_label.text()
    assert bar.cache_label.toolTip() == CACHE_DAMAGED_MESSAGE
    assert bar.online_label.text() == "离线"  # shown beside, not instead of, the other parts
