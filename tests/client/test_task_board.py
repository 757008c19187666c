"""The store board and the 审核 reads over a cache filled through the pull path.

Two guides, three tasks over three weeks (one recurring weekly): the board counts
an assignment in the week of its due day (chain time), done = submitted or
approved; the review reads give per-guide progress, outreach counts (contacted
customers on the guide's list only) and the refused review of the attention list.
"""

from __future__ import annotations

import uuid
from datetime import date

from openpyxl import load_workbook

from guide_app.cache.attention import Attention
from guide_app.services.review import ReviewService
from guide_app.services.task_board import TaskBoard, window, write_board_xlsx
from guide_app.services.tasks import TaskService
from guide_core.protocol import MutationResult, assignment_id, item_check_id

from .conftest import G1, G2, STORE, SUP, change

TODAY = date(2026, 12, 2)  # a Wednesday


def a_row(task: str, guide: str, day: str, status: str, **extra) -> dict:
    return {
        "id": assignment_id(task, guide, date.fromisoformat(day)),
        "task_id": task,
        "guide_id": guide,
        "store_id": STORE,
        "status": status,
        "occurrence": day,
        "due_at": f"{day}T20:00:00+08:00",
        **extra,
    }


def board_rows() -> list:
    rows = [
        change(
            "task",
            {
                "id": "t-week",
                "title": "每周陈列",
                "kind": "display",
                "scope": "store",
                "store_ids": [STORE],
                "recurrence": "weekly",
            },
        ),
        change("task", {"id": "t-call", "title": "会员回访", "kind": "outreach"}),
        change(
            "task_item",
            {
                "id": "i-photo",
                "task_id": "t-week",
                "sort": 1,
                "text": "拍陈列照",
                "requires_evidence": True,
            },
        ),
        change(
            "task_item",
            {
                "id": "i-call",
                "task_id": "t-call",
                "sort": 1,
                "text": "联系名单",
                "kind": "outreach",
            },
        ),
        change(
            "task_item",
            {
                "id": "i-note",
                "task_id": "t-call",
                "sort": 2,
                "text": "写总结",
                "requires_note": True,
            },
        ),
    ]
    # t-week: three weekly occurrences for both guides
    statuses = {
        G1.id: ["approved", "approved", "submitted"],
        G2.id: ["approved", "todo", "in_progress"],
    }
    for guide, states in statuses.items():
        for day, status in zip(["2026-11-16", "2026-11-23", "2026-11-30"], states, strict=True):
            rows.append(change("assignment", a_row("t-week", guide, day, status)))
    # t-call: this week, G1 submitted with 2 of 3 targets contacted (+1 not on the list)
    call_g1 = a_row(
        "t-call", G1.id, "2026-12-01", "submitted", targets={"i-call": ["c1", "c2", "c3"]}
    )
    rows.append(change("assignment", call_g1))
    rows.append(
        change(
            "assignment",
            a_row(
                "t-call",
                G2.id,
                "2026-12-01",
                "sent_back",
                targets={"i-call": ["c4"]},
                review_reason="照片模糊",
            ),
        )
    )
    rows.append(
        change(
            "item_check",
            {
                "id": item_check_id(call_g1["id"], "i-call"),
                "assignment_id": call_g1["id"],
                "item_id": "i-call",
                "store_id": STORE,
                "done": True,
                "done_at": "2026-12-01T15:00:00+08:00",
                "contacted_ids": ["c1", "c3", "c9"],
            },
        )
    )
    rows.append(
        change(
            "item_check",
            {
                "id": item_check_id(call_g1["id"], "i-note"),
                "assignment_id": call_g1["id"],
                "item_id": "i-note",
                "store_id": STORE,
                "done": True,
                "note": "都回复了",
                "evidence_sha256": "b" * 64,
            },
        )
    )
    # next week's occurrence (not yet due) and another store's: never counted
    rows.append(change("assignment", a_row("t-week", G1.id, "2026-12-07", "todo")))
    other = a_row("t-week", "u-x", "2026-11-30", "todo")
    rows.append(change("assignment", {**other, "store_id": "store-2"}))
    return rows


def test_window_is_whole_weeks_ending_with_today():
    first, mondays = window(3, TODAY)
    assert first == date(2026, 11, 16)
    assert mondays == [date(2026, 11, 16), date(2026, 11, 23), date(2026, 11, 30)]


def test_store_board_by_guide_task_and_week(seeded, tmp_path):
    cache, _ = seeded
    cache.apply_pull_page(board_rows(), "cursor-2")
    board = TaskBoard(cache).store_board(STORE, weeks=3, today=TODAY)
    g = {r.name: (r.due, r.done, r.approved) for r in board.by_guide}
    # seed's as-1 has no due day: not on the board
    assert g == {"导购小林": (4, 4, 2), "导购小周": (4, 1, 1)}
    assert [r.name for r in board.by_guide] == ["导购小林", "导购小周"]  # best first
    t = {r.name: (r.due, r.done, r.approved) for r in board.by_task}
    assert t == {"每周陈列": (6, 4, 3), "会员回访": (2, 1, 0)}
    assert [(r.due, r.done) for r in board.by_week] == [(2, 2), (2, 1), (4, 2)]
    g1_weeks = board.guide_weeks[G1.id]
    assert [(c.due, c.done) for c in g1_weeks] == [(1, 1), (1, 1), (2, 2)]
    assert board.total.due == 8 and board.total.rate == 5 / 8

    path = write_board_xlsx(board, tmp_path / "board.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["按导购", "按任务", "按周"]
    assert list(book["按导购"].iter_rows(values_only=True))[1] == ("导购小林", 4, 4, 2, 1.0, 0.5)
    weeks = list(book["按周"].iter_rows(values_only=True))
    assert weeks[0] == ("导购", "2026-11-16", "2026-11-23", "2026-11-30")
    assert weeks[1] == ("全店", 1.0, 0.5, 0.5)
    assert not (tmp_path / "board.xlsx.part").exists()


def test_review_reads_progress_counts_and_refused_review(seeded):
    cache, _ = seeded
    cache.apply_pull_page(board_rows(), "cursor-2")
    tasks = TaskService(cache, SUP)
    review = ReviewService(cache, SUP, tasks, Attention(cache))
    listed = review.tasks()
    assert listed[0].waiting >= 1  # tasks waiting for review come first
    by_title = {t.title: t for t in listed}
    assert (by_title["会员回访"].assignments, by_title["会员回访"].waiting) == (2, 1)
    rows = review.guides("t-call")
    g1 = next(r for r in rows if r.guide_id == G1.id)
    assert (g1.items_done, g1.items_total, g1.contacted, g1.targets) == (2, 2, 2, 3)
    assert review.may_review(g1)
    g2 = next(r for r in rows if r.guide_id == G2.id)
    assert not review.may_review(g2) and g2.review_reason == "照片模糊"
    items = review.items(g1.assignment_id)
    assert [(i.text, i.contacted, i.targets) for i in items][0] == ("联系名单", 2, 3)
    assert items[1].note == "都回复了" and items[1].evidence_sha256 == "b" * 64
    assert review.reason_problem("  ") and review.reason_problem("补拍") is None

    review.send_back(g1.assignment_id, "补一张门头照")
    (m,) = [m for m in cache.outbox.pending() if m.op == "review"]
    assert m.fields == {"decision": "send_back", "reason": "补一张门头照"}
    assert review.guide_row(g1.assignment_id).status == "sent_back"
    # the server refuses it: another PC reviewed first
    cache.apply_push_results(
        [
            MutationResult(
                mutation_id=m.mutation_id,
                status="rejected",
                reason="这次提交已经审核过了 (可能在另一台电脑上) (结果: 已通过)",
                code="already_reviewed",
            )
        ]
    )
    refused = review.refused_reviews()
    assert refused[g1.assignment_id].code == "already_reviewed"
    assert "已通过" in refused[g1.assignment_id].reason
    review.dismiss_refusal(refused[g1.assignment_id].attention_id)
    assert review.refused_reviews() == {}
    assert uuid.UUID(str(m.mutation_id))
