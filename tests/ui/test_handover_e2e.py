"""离职继承 end to end on the real server, with the real page (pytest-qt, offscreen).

The supervisor hands a leaving guide's customers over while offline, takes it back,
does it again and syncs; the receiving guide's PC pulls the customers (新接手 data
with them); an edit the leaving guide's PC made offline before the handover still
reaches the new owner; the leaving guide's sign-in is refused afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from guide_app.cache.rows import read_row
from tests.ui.conftest import WAIT_MS, close_session, open_session


@pytest.fixture
def leaving(app, server, tmp_path):
    s = open_session(server.url, "s001-g1", tmp_path / "client-g1")
    yield s
    close_session(s)


@pytest.fixture
def receiving(app, server, tmp_path):
    s = open_session(server.url, "s001-g2", tmp_path / "client-g2")
    yield s
    close_session(s)


@pytest.fixture
def mgr(app, server, tmp_path):
    s = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    yield s
    close_session(s)


def owner_in(session, cid: str) -> str | None:
    with session.cache.read() as conn:
        got = read_row(conn, "customer", cid)
    return got[1].get("owner_id") if got else None


def row_in(session, entity: str, rid: str) -> dict | None:
    with session.cache.read() as conn:
        got = read_row(conn, entity, rid)
    return got[1] if got else None


def handovers_queued(session) -> list:
    return [m for m in session.cache.outbox.pending() if (m.entity, m.op) == ("user", "handover")]


def make_page(qtbot, session):
    from ui.pages.handover.page import HandoverPage

    page = HandoverPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    page.load()
    return page


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_offline_handover_undo_redo_sync_and_the_leaving_pcs_last_edit(
    qtbot, server, leaving, receiving, mgr, tmp_path
):
    g1, g2, m = leaving.user.id, receiving.user.id, mgr.user.id
    theirs = sorted(mgr.handover.customers_of(g1), key=lambda c: c.id)
    assert len(theirs) >= 2
    # the leaving guide's PC, offline, edits a customer and writes a follow-up
    leaving.sync.stop()
    edited = theirs[0].id
    leaving.customers.update(edited, notes="离职前记的：对香精过敏")
    fu = leaving.customers.add_follow_up(edited, "chat", "交接前最后一次私聊")
    made = leaving.customers.create(name="离职前新加的客户")  # a card only this PC has

    mgr.sync.stop()  # the supervisor is offline from here
    page = make_page(qtbot, mgr)
    tab = page.handover
    assert page.tabs.tabText(0) == "离职继承"
    assert page.tabs.count() == 2 and page.tabs.tabText(1) == "重复客户合并"
    choose(tab.leaving, g1)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=WAIT_MS)
    asked: list[str] = []
    tab.confirm = lambda text: asked.append(text) or True

    # nobody chosen to receive: a clear message, nothing queued
    tab.hand_over()
    qtbot.waitUntil(lambda: "没有选择" in tab.message.text(), timeout=WAIT_MS)
    assert not asked
    assert not handovers_queued(mgr)

    tab.check_receivers({g2, m})
    qtbot.waitUntil(
        lambda: tab.preview is not None and len(tab.preview.plan) == len(theirs), timeout=WAIT_MS
    )
    assert sorted(tab.preview.counts().values()) == sorted(
        [len(theirs) // 2, len(theirs) - len(theirs) // 2]
    )
    assert tab.table.rowCount() == len(theirs)
    plan = dict(tab.preview.plan)
    tab.hand_over()
    qtbot.waitUntil(lambda: tab.message.text().startswith("已交接"), timeout=WAIT_MS)
    assert "账号将停用" in asked[0] and "会话撤销" in asked[0]
    assert f"{len(theirs)} 位客户将转给" in asked[0]
    assert "「新接手问候」" in asked[0]  # the library's introduction script (demo seed)
    assert all(owner_in(mgr, cid) == rid for cid, rid in plan.items())  # at once, offline
    assert len(handovers_queued(mgr)) == 1
    assert tab.undo.isEnabled() and not tab.go.isEnabled()

    # reversible until the next sync
    tab.take_back()
    qtbot.waitUntil(lambda: tab.message.text().startswith("已撤销"), timeout=WAIT_MS)
    assert all(owner_in(mgr, cid) == g1 for cid in plan)
    assert not handovers_queued(mgr)

    # again, with everything to the receiving guide except one customer to the supervisor
    tab.mode.setCurrentIndex(2)  # 手动选择
    qtbot.waitUntil(lambda: tab.table.cellWidget(0, 1) is not None, timeout=WAIT_MS)
    for row in range(tab.table.rowCount()):
        box = tab.table.cellWidget(row, 1)
        box.setCurrentIndex(box.findData(m if row == 0 else g2))
    qtbot.waitUntil(
        lambda: tab.preview is not None and len(tab.preview.plan) == len(theirs), timeout=WAIT_MS
    )
    plan = dict(tab.preview.plan)
    assert sorted(tab.preview.counts().values()) == [1, len(theirs) - 1]
    tab.hand_over()
    qtbot.waitUntil(lambda: tab.message.text().startswith("已交接"), timeout=WAIT_MS)

    before = mgr.sync.status.last_sync_at
    mgr.sync.start()
    mgr.sync.sync_now()
    qtbot.waitUntil(
        lambda: mgr.sync.status.last_sync_at != before and not mgr.sync.status.syncing,
        timeout=WAIT_MS,
    )
    assert mgr.cache.outbox.count() == 0 and mgr.attention.count() == 0
    tab.take_back()  # sent: nothing to take back, and it says so
    qtbot.waitUntil(lambda: "无法撤销" in tab.message.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: (row_in(mgr, "user", g1) or {}).get("active") is False, timeout=WAIT_MS)

    # the receiving guide's PC pulls them, marked as handed over
    receiving.sync.sync_now()
    mine = [cid for cid, rid in plan.items() if rid == g2]
    qtbot.waitUntil(lambda: all(owner_in(receiving, c) == g2 for c in mine), timeout=WAIT_MS)
    got = row_in(receiving, "customer", mine[0])
    assert got["previous_owner_id"] == g1 and got["handed_over_at"]

    # the leaving guide's PC comes back: its edits go out, then it is told it is stopped
    leaving.sync.start()
    leaving.sync.sync_now()
    qtbot.waitUntil(lambda: leaving.sync.status.error == "账号已停用", timeout=WAIT_MS)
    assert leaving.cache.outbox.count() == 0 and leaving.attention.count() == 0
    new_owner = receiving if plan[edited] == g2 else mgr
    new_owner.sync.sync_now()
    qtbot.waitUntil(
        lambda: (
            (row_in(new_owner, "customer", edited) or {}).get("notes") == "离职前记的：对香精过敏"
        ),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: row_in(new_owner, "follow_up", fu) is not None, timeout=WAIT_MS)
    assert owner_in(new_owner, edited) == plan[edited]  # still the new owner's
    # the card made offline went to a receiver (the one given fewer), marked handed over
    mgr.sync.sync_now()
    qtbot.waitUntil(lambda: owner_in(mgr, made) in (g2, m), timeout=WAIT_MS)
    assert row_in(mgr, "customer", made)["previous_owner_id"] == g1

    # HQ reads the record online (审核 → 交接记录)
    from ui.pages.handover.report_dialog import HandoverReportTable

    hq = open_session(server.url, "hq", tmp_path / "client-hq")
    try:
        table = HandoverReportTable(hq)
        qtbot.addWidget(table)
        table.refresh()
        qtbot.waitUntil(lambda: table.status.text().startswith("共"), timeout=WAIT_MS)
        assert table.table.rowCount() == 1
        assert table.table.item(0, 2).text() == leaving.user.display_name
        assert f"{receiving.user.display_name} {len(mine)} 位" in table.table.item(0, 4).text()
    finally:
        close_session(hq)

    from guide_app.auth import sign_in
    from guide_app.auth.errors import WrongPassword

    with pytest.raises(WrongPassword):
        sign_in(server.url, "s001-g1", "demo1234", data_dir=tmp_path / "again", start_sync=False)


def test_a_receiver_already_leaving_is_refused_before_anything_is_written(qtbot, mgr):
    g_ids = [u.id for u in mgr.handover.leaving_candidates()]
    assert len(g_ids) >= 2
    first, second = g_ids[:2]
    mgr.sync.stop()
    page = make_page(qtbot, mgr)
    tab = page.handover
    tab.confirm = lambda text: True
    choose(tab.leaving, first)
    # 按标签: the customers with the first tag go to the supervisor, the rest evenly
    tab.mode.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tab.rule_tag.count() > 0, timeout=WAIT_MS)
    tagged = tab.rule_tag.currentData()
    choose(tab.rule_to, mgr.user.id)
    tab.add_rule.click()
    tab.check_receivers({second})
    qtbot.waitUntil(
        lambda: (
            tab.preview is not None
            and set(tab.preview.plan.values()) >= {second}
            and len(tab.preview.plan) == len(tab.preview.customers)
        ),
        timeout=WAIT_MS,
    )
    for cid, rid in tab.preview.plan.items():
        has_tag = tagged in tab.preview.customers[cid].tag_ids
        assert rid == (mgr.user.id if has_tag else second)  # the rest: the receivers ticked
    assert mgr.user.id in tab.preview.plan.values()
    qtbot.waitUntil(lambda: tab.preview is not None and bool(tab.preview.plan), timeout=WAIT_MS)
    tab.hand_over()
    qtbot.waitUntil(lambda: tab.message.text().startswith("已交接"), timeout=WAIT_MS)
    # the receiver is not offered to a later handover of its own leaver...
    choose(tab.leaving, second)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=WAIT_MS)
    names = {
        tab.receivers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(tab.receivers.count())
    }
    assert first not in names
    # ...and the rule says so if asked directly (the first leaver is leaving too)
    preview = mgr.handover.preview(second, "even", [first])
    refusal = mgr.handover.refusal(preview)
    assert refusal is not None and "已停用" in refusal.reason
    before = mgr.cache.outbox.count()
    with pytest.raises(Exception, match="已停用"):
        mgr.handover.queue(preview)
    assert mgr.cache.outbox.count() == before
