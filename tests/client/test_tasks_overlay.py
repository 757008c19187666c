"""Offline, the app shows what it queued: an outreach contact moves the item's count at
once, a later tick keeps the contacted list, and a taken-back submission is in progress."""

from datetime import UTC, datetime, timedelta

from guide_app.services.tasks import TaskService
from tests.client.conftest import G1
from tests.client.test_tasks_day import _task


def test_offline_contacts_count_at_once_and_survive_a_tick_and_a_reopen(seeded):
    cache, s = seeded
    targets = [s["zhangsan"], s["zhangsisi"]]
    _task(
        cache,
        "o",
        due=datetime.now(UTC) + timedelta(days=1),
        items=[{"text": "私聊", "kind": "outreach"}],
        targets={"i-o-0": targets},
    )
    tasks = TaskService(cache, G1)
    tasks.mark_contacted("a-o", "i-o-0", s["zhangsan"], "联系了")
    assert tasks.items("a-o")[0].contacted_count == 1
    tasks.check_item("a-o", "i-o-0", True, note="都联系了")
    item = tasks.items("a-o")[0]
    assert item.done and item.contacted_count == 1  # the tick keeps the list
    tasks.submit("a-o")
    assert tasks.assignment("a-o").status == "submitted"
    tasks.reopen("a-o")
    assert tasks.assignment("a-o").status == "in_progress"
