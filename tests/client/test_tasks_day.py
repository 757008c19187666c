"""The guide's day from the cache: sections by the guide's clock, ticks that need a note
or photo, and outreach contacts (follow-up + count in one transaction)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
import pytest

from guide_app.domain.errors import ValidationFailed
from guide_app.services.tasks import TaskService
from guide_app.services.tasks_query import DONE, OVERDUE, TODAY, UPCOMING
from guide_core.rules import Code
from tests.client.conftest import G1, G2, STORE, change

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _task(cache, key: str, *, start=None, due=None, status="todo", reason="", items=None,
          targets=None, guide=G1.id, task_extra=None):  # fmt: skip
    rows = [change("task", {"id": f"t-{key}", "title": f"任务{key}", "kind": "outreach",
                            **(task_extra or {})})]  # fmt: skip
    for n, item in enumerate(items or [{"text": "一项"}]):
        rows.append(change("task_item", {"id": f"i-{key}-{n}", "task_id": f"t-{key}", "sort": n,
                                         **item}))  # fmt: skip
    rows.append(
        change(
            "assignment",
            {
                "id": f"a-{key}",
                "task_id": f"t-{key}",
                "guide_id": guide,
                "store_id": STORE,
                "status": status,
                "start_at": _iso(start) if start else None,
                "due_at": _iso(due) if due else None,
                "review_reason": reason,
                "targets": targets or {},
            },
        )
    )
    cache.apply_pull_page(rows, "cursor-tasks")


def _outbox(cache) -> list[tuple[str, str, dict]]:
    with cache.read() as conn:
        rows = conn.exec_driver_sql("SELECT entity, op, fields FROM outbox ORDER BY seq").all()
    return [(e, o, orjson.loads(f)) for e, o, f in rows]


def test_sections_follow_the_clock(seeded):
    cache, _ = seeded
    _task(cache, "today", start=NOW - timedelta(hours=2), due=NOW + timedelta(hours=5))
    _task(cache, "later", start=NOW + timedelta(days=2), due=NOW + timedelta(days=3))
    _task(cache, "late", start=NOW - timedelta(days=3), due=NOW - timedelta(hours=1))
    _task(cache, "back", due=NOW + timedelta(days=1), status="sent_back", reason="照片模糊")
    _task(cache, "sent", due=NOW - timedelta(days=1), status="submitted")
    _task(cache, "other", due=NOW + timedelta(days=1), guide=G2.id)
    _task(cache, "gone", due=NOW + timedelta(days=1), task_extra={"status": "withdrawn"})
    sections = TaskService(cache, G1).my_sections(NOW)
    titles = {k: [v.title for v in rows] for k, rows in sections.items()}
    assert titles[OVERDUE] == ["任务late"]  # overdue even though it is not started
    assert titles[UPCOMING] == ["任务later"]
    assert titles[DONE] == ["任务sent"]  # submitted counts as done, past its due time or not
    assert "任务today" in titles[TODAY] and "任务back" in titles[TODAY]
    assert "任务other" not in sum(titles.values(), [])  # a colleague's
    assert "任务gone" not in sum(titles.values(), [])  # withdrawn and open: not shown
    (back,) = [v for v in sections[TODAY] if v.title == "任务back"]
    assert back.review_reason == "照片模糊" and back.status_label == "已退回"


def test_a_tick_waits_for_the_required_note_and_photo(seeded):
    cache, _ = seeded
    _task(cache, "n", due=NOW + timedelta(days=1),
          items=[{"text": "记录顾客反馈", "requires_note": True},
                 {"text": "拍陈列照", "requires_evidence": True}])  # fmt: skip
    tasks = TaskService(cache, G1)
    refusal = tasks.tick_refusal("a-n", "i-n-0")
    assert refusal is not None and refusal.code == Code.NOTE_MISSING
    with pytest.raises(ValidationFailed) as err:
        tasks.check_item("a-n", "i-n-0", True, note="  ")
    assert err.value.code == Code.NOTE_MISSING and err.value.field == "note"
    with pytest.raises(ValidationFailed) as err:
        tasks.check_item("a-n", "i-n-1", True, note="拍了")
    assert err.value.code == Code.EVIDENCE_MISSING and err.value.field == "evidence_sha256"
    assert _outbox(cache) == []  # nothing half-written
    before = datetime.now(UTC)
    tasks.check_item("a-n", "i-n-0", True, note="顾客喜欢新品")
    item = tasks.items("a-n")[0]
    assert item.done and item.note == "顾客喜欢新品"
    assert datetime.fromisoformat(item.done_at) >= before.replace(microsecond=0)  # this PC's clock
    assert [(e, o) for e, o, _ in _outbox(cache)] == [
        ("assignment", "start"),
        ("item_check", "set"),
    ]
    with pytest.raises(ValidationFailed) as err:
        tasks.submit("a-n")
    assert err.value.code == Code.ITEMS_UNCHECKED and "还有1项未完成" in err.value.message


def test_marking_a_customer_contacted_logs_a_follow_up_and_the_count(seeded):
    cache, s = seeded
    targets = [s["zhangsan"], s["zhangsisi"]]
    _task(cache, "o", due=NOW + timedelta(days=1),
          items=[{"text": "逐个私聊", "kind": "outreach", "script_id": "sc-1"}],
          targets={"i-o-0": targets})  # fmt: skip
    tasks = TaskService(cache, G1)
    (item,) = tasks.items("a-o")
    assert item.is_outreach and item.targets == targets and item.contacted_count == 0
    assert tasks.customer_names(targets) == {s["zhangsan"]: "张三", s["zhangsisi"]: "张思思"}
    assert tasks.customer_names([s["wangxiaoming"]]) == {s["wangxiaoming"]: "小明哥（王小明）"}

    with pytest.raises(ValidationFailed) as err:  # not on this guide's list
        tasks.mark_contacted("a-o", "i-o-0", s["wangxiaoming"], "任务「任务o」：逐个私聊")
    assert err.value.code == Code.NOT_TARGET
    assert _outbox(cache) == []

    fid = tasks.mark_contacted("a-o", "i-o-0", s["zhangsan"], "任务「任务o」：逐个私聊")
    edits = _outbox(cache)
    assert [(e, o) for e, o, _ in edits] == [
        ("assignment", "start"),
        ("follow_up", "create"),
        ("item_check", "contact"),
    ]
    follow_up, contact = edits[1][2], edits[2][2]
    assert follow_up["customer_id"] == s["zhangsan"] and follow_up["text"].startswith("任务「")
    assert contact["customer_id"] == s["zhangsan"] and contact["follow_up_id"] == fid
    with cache.read() as conn:
        got = conn.exec_driver_sql("SELECT data FROM follow_ups WHERE id = ?", (fid,)).scalar()
    assert orjson.loads(got)["customer_id"] == s["zhangsan"]  # on the customer's card at once


def test_the_day_lists_open_work_with_outreach_names(seeded):
    cache, s = seeded
    _task(cache, "d", start=NOW - timedelta(hours=1), due=NOW + timedelta(hours=3),
          items=[{"text": "私聊", "kind": "outreach"}], targets={"i-d-0": [s["zhangsan"]]})  # fmt: skip
    _task(cache, "late", due=NOW - timedelta(hours=1))
    _task(cache, "later", start=NOW + timedelta(days=3), due=NOW + timedelta(days=4))
    day = TaskService(cache, G1).my_day(NOW)
    assert [(e.section, e.view.title) for e in day][:2] == [
        (OVERDUE, "任务late"),
        (TODAY, "任务d"),
    ]
    assert "任务later" not in [e.view.title for e in day]
    (entry,) = [e for e in day if e.view.title == "任务d"]
    assert entry.names == {s["zhangsan"]: "张三"}
