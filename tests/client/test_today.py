"""今日's figures come from the client core: own customers, own assignments by
status (sent back counts as to start), edits waiting for the server."""

from __future__ import annotations

from guide_app.services.customers import CustomerService
from guide_app.services.tasks import TaskService
from guide_app.services.today import TodayCounts, today_counts
from tests.client.conftest import G1, G2, STORE, change


def test_today_counts_own_customers_tasks_by_status_and_waiting_edits(seeded):
    cache, s = seeded
    more = [
        ("as-back", G1.id, "sent_back"),
        ("as-doing", G1.id, "in_progress"),
        ("as-done", G1.id, "approved"),
        ("as-other", G2.id, "todo"),  # a colleague's: not counted
    ]
    cache.apply_pull_page(
        [
            change(
                "assignment",
                {"id": aid, "task_id": "task-1", "guide_id": gid, "store_id": STORE, "status": st},
            )
            for aid, gid, st in more
        ],
        "cursor-2",
    )
    customers, tasks = CustomerService(cache, G1), TaskService(cache, G1)

    before = today_counts(customers, tasks, cache.outbox)
    # 张三, 张思思, 王小明 and Amy are g1's (李四 is g2's); as-1 (todo) + as-back
    assert before == TodayCounts(
        my_customers=4, tasks_to_start=2, tasks_in_progress=1, edits_waiting=0
    )

    customers.update(s["zhangsan"], notes="今天来过")
    assert today_counts(customers, tasks, cache.outbox).edits_waiting == 1
