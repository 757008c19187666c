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


def test_a_supervisor_gets_the_stores_figures(seeded):
    from datetime import UTC, datetime, timedelta

    from tests.client.conftest import SUP

    cache, s = seeded
    now = datetime.now(UTC)
    local_noon = now.astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    yesterday = local_noon - timedelta(days=1)
    cache.apply_pull_page(
        [
            change(
                "assignment",
                {"id": "as-sub", "task_id": "task-1", "guide_id": G2.id, "store_id": STORE}
                | {"status": "submitted"},
            ),
            *(
                change(
                    "follow_up",
                    {
                        "id": fid,
                        "customer_id": s["zhangsan"],
                        "store_id": STORE,
                        "guide_id": G1.id,
                        "channel": "chat",
                        "text": "回访",
                        "at": at.isoformat(),
                    },
                )
                for fid, at in (
                    ("fu-today", local_noon),
                    # the same instant written with another offset still counts once
                    ("fu-today-utc", local_noon.astimezone(UTC)),
                    ("fu-yesterday", yesterday),
                )
            ),
        ],
        "cursor-3",
    )
    customers, tasks = CustomerService(cache, SUP), TaskService(cache, SUP)
    counts = today_counts(customers, tasks, cache.outbox, cache, "supervisor", now=local_noon)
    assert counts.store is not None
    # every customer of the store (g1's four and g2's 李四), whoever owns them
    assert counts.store.customers == 5
    assert counts.my_customers == 0
    assert counts.store.to_review == 1
    assert counts.store.follow_ups_today == 2
    # a guide's figures carry no store row
    g1 = today_counts(
        CustomerService(cache, G1), TaskService(cache, G1), cache.outbox, cache, "guide"
    )
    assert g1.store is None
