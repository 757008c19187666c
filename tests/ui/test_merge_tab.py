"""重复客户合并 tab (pytest-qt, offscreen) over a real Session and the real server: the
supervisor finds the pair, sees both cards and what moves, confirms, merges offline, and
after the server is back the kept card holds everything on the server too."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime

import pytest

from tests.server.api import Api
from tests.ui.conftest import WAIT_MS, close_session, open_session


@pytest.fixture
def mgr(server, tmp_path):
    s = open_session(server.url, "s001-mgr", tmp_path / "client-mgr")
    yield s
    close_session(s)


def _pair_on_the_server(server) -> tuple[str, str]:
    """Two cards of one person (same phone) made by a guide, with follow-ups."""
    g1 = Api(server, "s001-g1")
    phone = f"199{random.randrange(10**8):08d}"
    ids = []
    for name, follow_ups in (("陈静", 1), ("陈静（新）", 2)):
        cid = str(uuid.uuid4())
        assert (
            g1.push_one("customer", "create", cid, {"name": name, "phone": phone})["status"]
            == "applied"
        )
        for n in range(follow_ups):
            fields = {
                "customer_id": cid,
                "channel": "chat",
                "text": f"{name}的跟进{n}",
                "at": datetime.now(UTC).isoformat(),
            }
            assert (
                g1.push_one("follow_up", "create", str(uuid.uuid4()), fields)["status"] == "applied"
            )
        ids.append(cid)
    return ids[0], ids[1]


def test_the_supervisor_merges_offline_and_it_reaches_the_server(app, qtbot, server, mgr):
    from ui.pages.handover.merge_tab import MergeTab

    kept, merged = _pair_on_the_server(server)
    mgr.sync.sync_now()
    qtbot.waitUntil(lambda: mgr.customers.get(merged) is not None, timeout=WAIT_MS)

    tab = MergeTab(mgr)
    qtbot.addWidget(tab)
    tab.show()
    tab.load()

    def listed() -> bool:
        return any({c.id for c in g.cards} == {kept, merged} for g in tab.groups)

    qtbot.waitUntil(listed, timeout=WAIT_MS)
    row = next(i for i, g in enumerate(tab.groups) if {c.id for c in g.cards} == {kept, merged})
    tab.group_list.setCurrentRow(row)
    assert "手机" in tab.group_list.item(row).text()
    tab.choose(merged, kept)  # the supervisor first looks at it the other way round
    assert tab.pair() == (merged, kept)
    tab.right.keep.setChecked(True)  # … and keeps the older card
    assert tab.pair() == (kept, merged)
    shown = tab.groups
    tab.load()  # a reload (another PC synced something) keeps what is being looked at
    qtbot.waitUntil(lambda: tab.groups is not shown, timeout=WAIT_MS)
    assert tab.pair() == (kept, merged)
    # the preview is read on a worker (never on the GUI thread)
    qtbot.waitUntil(
        lambda: tab.merge_button.isEnabled() and "另一位的 2 条跟进" in tab.summary.text(),
        timeout=WAIT_MS,
    )
    assert "另一位的 2 条跟进、0 个标签、0 个订单将并入" in tab.summary.text()
    assert "跟进 2 条" in tab.left.details.text() + tab.right.details.text()
    assert tab.merge_button.isEnabled()

    asked: list[str] = []
    server.stop()
    tab.confirm = lambda text: asked.append(text) or True
    tab.merge_button.click()
    qtbot.waitUntil(lambda: "已合并" in tab.status.text(), timeout=WAIT_MS)
    assert asked and asked[0].startswith("合并后保留「陈静」，另一位（陈静（新））的 2 条跟进")
    assert mgr.cache.outbox.count() == 1  # queued: the server is down
    assert mgr.customers.get(merged) is None  # at once, offline
    assert len(mgr.customers.get(kept).follow_ups) == 3
    qtbot.waitUntil(lambda: not listed(), timeout=WAIT_MS)

    server.start()
    mgr.sync.sync_now()
    qtbot.waitUntil(lambda: mgr.sync.status.pending == 0, timeout=WAIT_MS)
    assert mgr.attention.count() == 0
    held, _ = Api(server, "s001-g2").state()  # another PC of the store
    assert ("customer", merged) not in held
    moved = [d for (e, _), d in held.items() if e == "follow_up" and d["customer_id"] == kept]
    assert len(moved) == 3


def test_a_guide_sees_why_there_is_nothing_to_merge(app, qtbot, session):
    from ui.pages.handover.merge_tab import MergeTab

    tab = MergeTab(session)
    qtbot.addWidget(tab)
    tab.load()
    assert tab.intro.text() == "只有店长或总部可以合并重复客户"
    assert tab.group_list.count() == 0 and not tab.merge_button.isEnabled()
