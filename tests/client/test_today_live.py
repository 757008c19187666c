"""今日 against the real server: the queue from a signed-in guide's cache, marks made
offline that reach the guide's other PC through the server, the contact guard HQ sets
(``/admin/settings/today``), and a mark of another user refused by the server."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest

from guide_app.services.customer_query import CustomerQuery
from guide_core.protocol import today_action_id
from guide_core.today_rules import BIRTHDAY
from tests.server.settings_server import serve


@pytest.fixture
def settings_server(demo_template, tmp_path):
    yield from serve(demo_template, tmp_path)


def _synced(session) -> None:
    assert session.sync.sync_once(), session.sync.status.error
    assert session.cache.outbox.count() == 0 and session.attention.count() == 0


def _sign_in(server, username, folder):
    from guide_app.auth import sign_in

    return sign_in(server.url, username, "demo1234", data_dir=folder, start_sync=False)


def test_marks_travel_and_guard_follows_hq(settings_server, tmp_path, test_keyring):
    pc1 = _sign_in(settings_server, "s001-g1", tmp_path / "pc1")
    pc2 = _sign_in(settings_server, "s001-g1", tmp_path / "pc2")
    try:
        for pc in (pc1, pc2):
            _synced(pc)
        now = datetime.now().astimezone()
        # a customer of the guide with a birthday in two days, never contacted lately
        cid = pc1.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
        bday = (now.date() + timedelta(days=2)).replace(year=1990)
        pc1.customers.update(cid, birthday=bday)
        _synced(pc1)
        _synced(pc2)
        q1 = pc1.today_queue.queue(now)
        entry = next(e for e in q1.entries if e.customer_id == cid and e.kind == BIRTHDAY)
        assert entry.reason.startswith(f"生日 {bday.month}月{bday.day}日")
        assert entry.key in {e.key for e in pc2.today_queue.queue(now).entries}

        # done on PC 1, before any push: gone at once on PC 1, still on PC 2
        pc1.today_queue.mark(entry.key, "done")
        assert entry.key not in {e.key for e in pc1.today_queue.queue(now).entries}
        assert entry.key in {e.key for e in pc2.today_queue.queue(now).entries}
        _synced(pc1)
        _synced(pc2)
        assert entry.key not in {e.key for e in pc2.today_queue.queue(now).entries}

        # taken back on PC 2, then snoozed on PC 1 until tomorrow → back tomorrow on both
        pc2.today_queue.unmark(entry.key)
        _synced(pc2)
        _synced(pc1)
        assert entry.key in {e.key for e in pc1.today_queue.queue(now).entries}
        until = now.date() + timedelta(days=1)
        pc1.today_queue.mark(entry.key, "snoozed", until)
        _synced(pc1)
        _synced(pc2)
        for pc in (pc1, pc2):
            assert entry.key not in {e.key for e in pc.today_queue.queue(now).entries}
            later = pc.today_queue.queue(now + timedelta(days=1))
            assert entry.key in {e.key for e in later.entries}

        # a follow-up keeps the customer off for HQ's guard days (default 7, then 1)
        pc1.today_queue.unmark(entry.key)
        pc1.customers.add_follow_up(cid, "chat", "问候过了")
        tomorrow = now + timedelta(days=1)
        assert cid not in {e.customer_id for e in pc1.today_queue.queue(now).entries}
        assert cid not in {e.customer_id for e in pc1.today_queue.queue(tomorrow).entries}
        _synced(pc1)
        hq = settings_server.client("hq")
        r = hq.put("/admin/settings/today", json={"contact_guard_days": 1})
        assert r.status_code == 200 and r.json()["contact_guard_days"] == 1, r.text
        assert hq.get("/admin/settings/today").json()["contact_guard_days"] == 1
        _synced(pc1)
        # a follow-up today still counts today; tomorrow it is a day old, past 1 day
        assert cid not in {e.customer_id for e in pc1.today_queue.queue(now).entries}
        assert cid in {e.customer_id for e in pc1.today_queue.queue(tomorrow).entries}
        bad = hq.put("/admin/settings/today", json={"contact_guard_days": 91})
        assert bad.status_code == 422
        guide = settings_server.client("s001-g1")
        assert guide.put("/admin/settings/today", json={"contact_guard_days": 3}).status_code == 403
    finally:
        pc1.close()
        pc2.close()


def test_server_refuses_a_mark_under_another_users_id(settings_server):
    guide = settings_server.client("s001-g1")
    other = today_action_id("someone-else", "birthday:c1:2026")
    r = guide.post(
        "/sync/push",
        json={
            "device_id": "dev-1",
            "mutations": [
                {
                    "mutation_id": str(uuid.uuid4()),
                    "seq": 1,
                    "entity": "today_action",
                    "op": "set",
                    "entity_id": other,
                    "fields": {"entry_key": "birthday:c1:2026", "action": "done"},
                },
                {
                    "mutation_id": str(uuid.uuid4()),
                    "seq": 2,
                    "entity": "today_action",
                    "op": "set",
                    "entity_id": "x",
                    "fields": {"entry_key": "birthday:c1:2026", "action": "snoozed"},
                },
            ],
        },
    )
    assert r.status_code == 200, r.text
    first, second = r.json()["results"]
    assert first["status"] == "rejected" and first["code"] == "id_mismatch"
    assert second["status"] == "rejected" and "until" in second["reason"]
