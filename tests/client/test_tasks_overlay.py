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


def test_a_store_task_the_server_refuses_leaves_no_items_or_assignments(seeded):
    """task.create shows the task, its items and assignments at once (overlay); when
    the server refuses it, all of them go, not only the task row."""
    from guide_app.services.task_admin import TaskAdmin
    from tests.client.conftest import SUP, rejected

    cache, _ = seeded
    admin = TaskAdmin(None, cache, SUP)  # type: ignore[arg-type]  # offline: no API calls
    task_id = admin.create_store_task(
        title="门头拍照",
        kind="display",
        due_at=datetime.now(UTC) + timedelta(days=1),
        guide_ids=[G1.id],
        items=[{"text": "拍摄门头照片", "requires_evidence": True}],
    )

    def rows(table: str) -> int:
        with cache.read() as conn:
            return conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE task_id = ?", (task_id,)
            ).scalar()

    assert rows("task_items") == 1 and rows("assignments") == 1
    (queued,) = [m for m in cache.outbox.pending() if m.entity == "task"]
    changed = cache.apply_push_results([rejected(queued.mutation_id, "门店不存在")])
    assert {"task", "task_item", "assignment"} <= changed
    assert rows("task_items") == 0 and rows("assignments") == 0
    with cache.read() as conn:
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM tasks WHERE id = ?", (task_id,)).scalar()
            == 0
        )
    assert cache.attention.count() == 1
