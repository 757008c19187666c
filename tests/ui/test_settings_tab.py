"""运营设置 tab of 内容管理 (HQ): real widgets over a real HQ session against the real server.

HQ reads the chain's lifecycle thresholds and 今日's contact guard, changes and saves
them (the server's GET answers the new values and a guide's PC pulls the row); a
threshold the server refuses shows its message and changes nothing; with the server
stopped the tab says saving needs it; at 1280×800 nothing of the tab is cut off.
"""

from __future__ import annotations

import json

import pytest

from guide_app.services.chain_settings import stage_thresholds
from guide_app.services.settings_admin import OFFLINE_MESSAGE, AdminRefused, SettingsAdmin
from guide_app.sync.api import ApiClient
from guide_core.lifecycle import CHAIN_SETTING_ID
from tests.support.server import DEMO_PASSWORD
from tests.ui.conftest import WAIT_MS, close_session, open_session
from tests.ui.test_library_admin import idle, make_page


def server_values(url: str) -> tuple[dict, int]:
    """What the server's GETs answer now: (thresholds, contact guard days)."""
    with ApiClient(url) as api:
        reply = api.login("hq", DEMO_PASSWORD, "settings-check")
        lifecycle, today = SettingsAdmin(api, reply.user).both()
    return lifecycle.model_dump(exclude={"updated_at"}), today.contact_guard_days


def box_values(tab) -> tuple[dict, int]:
    lifecycle, today = tab.values()
    return lifecycle, today["contact_guard_days"]


@pytest.fixture
def hq_session(app, server, tmp_path):
    session = open_session(server.url, "hq", tmp_path / "client-hq")
    yield session
    close_session(session)


@pytest.fixture
def hq_page(qtbot, hq_session):
    return make_page(qtbot, hq_session)


@pytest.fixture
def tab(hq_page, qtbot):
    page = hq_page
    page.tabs.setCurrentWidget(page.settings)
    tab = page.settings
    qtbot.waitUntil(lambda: tab.shown is not None, timeout=WAIT_MS)
    idle(qtbot, page)
    return tab


def guard_of(session) -> int | None:
    with session.cache.read() as conn:
        data = conn.exec_driver_sql(
            "SELECT data FROM chain_settings WHERE id = ?", (CHAIN_SETTING_ID,)
        ).scalar()
    return json.loads(data)["contact_guard_days"] if data else None


def test_hq_reads_changes_and_saves_and_a_guides_pc_pulls_them(
    tab, hq_page, server, qtbot, tmp_path
):
    # load shows the server's values (the demo chain's defaults)
    assert box_values(tab) == server_values(server.url)
    assert box_values(tab) == (
        {"new_days": 30, "new_max_orders": 1, "active_days": 90, "dormant_days": 180},
        7,
    )
    assert "已读取" in tab.status.text() and tab.error.isHidden()
    assert tab.save.isEnabled() and all(b.isEnabled() for b in tab.spins)
    assert tab.active_hint.text() == "活跃：90 天内有购买"

    guide = open_session(server.url, "s001-g1", tmp_path / "guide-pc")
    try:
        assert guard_of(guide) in (None, 7)
        tab.guard_days.setValue(10)
        tab.active_days.setValue(60)
        assert tab.active_hint.text() == "活跃：60 天内有购买"  # follows the box
        assert tab.guard_hint.text().startswith("10 天内联系过的客户不进入今日列表")
        tab.save.click()
        assert not tab.save.isEnabled() and not tab.guard_days.isEnabled()  # while saving
        qtbot.waitUntil(lambda: "已保存" in tab.status.text(), timeout=WAIT_MS)
        idle(qtbot, hq_page)
        assert tab.save.isEnabled() and tab.guard_days.isEnabled()
        assert "上次保存于" in tab.status.text()

        lifecycle, guard = server_values(server.url)
        assert guard == 10 and lifecycle["active_days"] == 60
        assert lifecycle["dormant_days"] == 180 and lifecycle["new_days"] == 30

        # the guide's PC pulls the chain_setting row by itself (long-poll)
        qtbot.waitUntil(lambda: guard_of(guide) == 10, timeout=WAIT_MS)
        assert stage_thresholds(guide.cache).active_days == 60

        # 读取 again shows what the server holds
        tab.guard_days.setValue(20)
        tab.read.click()
        qtbot.waitUntil(lambda: tab.guard_days.value() == 10, timeout=WAIT_MS)
        idle(qtbot, hq_page)
        assert box_values(tab) == server_values(server.url)
    finally:
        close_session(guide)


def test_a_threshold_the_server_refuses_shows_its_message_and_changes_nothing(
    tab, hq_page, server, qtbot
):
    before = server_values(server.url)
    tab.active_days.setValue(200)  # 沉睡 (180) not after 活跃
    tab.guard_days.setValue(12)
    tab.save.click()
    qtbot.waitUntil(lambda: tab.error.isVisible(), timeout=WAIT_MS)
    idle(qtbot, hq_page)
    assert "沉睡天数应大于活跃天数" in tab.error.text(), tab.error.text()
    assert "已保存" not in tab.status.text()
    assert server_values(server.url) == before  # neither setting changed
    assert tab.save.isEnabled()  # the boxes keep what was typed, to fix it
    assert tab.active_days.value() == 200

    tab.dormant_days.setValue(365)  # fixed: saved, the error line goes
    tab.save.click()
    qtbot.waitUntil(lambda: "已保存" in tab.status.text(), timeout=WAIT_MS)
    idle(qtbot, hq_page)
    assert tab.error.isHidden()
    lifecycle, guard = server_values(server.url)
    assert (lifecycle["active_days"], lifecycle["dormant_days"], guard) == (200, 365, 12)


def test_without_the_server_the_tab_says_saving_needs_it(tab, hq_page, hq_session, server, qtbot):
    server.stop()
    hq_session.sync.stop()
    tab.read.click()
    qtbot.waitUntil(lambda: tab.error.isVisible(), timeout=WAIT_MS)
    idle(qtbot, hq_page)
    assert tab.error.text() == OFFLINE_MESSAGE == "修改运营设置需要连接服务器"
    assert hq_page.offline and hq_page.banner_row.isVisible()
    assert not tab.save.isEnabled() and not any(b.isEnabled() for b in tab.spins)
    assert tab.read.isEnabled()  # to try again

    tab.save_settings()  # past the disabled button: the same message, nothing else
    qtbot.waitUntil(lambda: not tab.loading, timeout=WAIT_MS)
    idle(qtbot, hq_page)
    assert tab.error.text() == OFFLINE_MESSAGE and "已保存" not in tab.status.text()


def test_only_hq_has_the_tab_and_it_fits_1280x800(app, qtbot, server, tmp_path):
    from ui.main_window import MainWindow

    session = open_session(server.url, "hq", tmp_path / "hq")
    try:
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        window.start()
        window.show_page("library_admin")
        page = window.pages["library_admin"]
        page.tabs.setCurrentWidget(page.settings)
        tab = page.settings
        qtbot.waitUntil(lambda: tab.shown is not None, timeout=WAIT_MS)
        idle(qtbot, page)
        qtbot.waitUntil(lambda: window.width() <= 1280 and window.height() <= 800)
        for w in [*tab.spins, *tab.labels, tab.read, tab.save, tab.dormant_hint, tab.guard_hint]:
            seen = w.visibleRegion().boundingRect()
            assert seen.size() == w.size(), w
        window.close()
    finally:
        close_session(session)

    session = open_session(server.url, "s001-mgr", tmp_path / "mgr")
    try:
        from ui.pages.library_admin.page import LibraryAdminPage

        page = LibraryAdminPage(session)
        qtbot.addWidget(page)
        assert page.settings is None
        titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
        assert "运营设置" not in titles
        # and past the page, the server refuses a supervisor with its own message
        with pytest.raises(AdminRefused) as refused:
            SettingsAdmin(session.api, session.user).lifecycle()
        assert refused.value.status == 403 and "仅总部可用" in refused.value.message
    finally:
        close_session(session)
