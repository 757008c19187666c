"""HQ's task reaches a guide's pull, its edit note follows, its withdrawal removes the open
assignment and keeps the submitted one (issue 13): the real server, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

from guide_core.protocol import item_check_id
from guide_core.rules.tasks import CHAIN_TZ
from tests.server.api import Api, of


def _due(days: float) -> str:
    return (datetime.now(CHAIN_TZ) + timedelta(days=days)).replace(microsecond=0).isoformat()


def test_publish_edit_withdraw_as_guides_pull_them(live_server):
    hq, g1, g2 = Api(live_server, "hq"), Api(live_server, "s001-g1"), Api(live_server, "s001-g2")
    body = {
        "title": "周末陈列检查",
        "kind": "display",
        "due_at": _due(2),
        "targets": {"guides": ["s001-g1", "s001-g2"]},
        "items": [{"id": "live-item-1", "text": "拍陈列照片", "requires_note": True}],
    }
    r = hq.http.post("/admin/tasks", json=body)
    assert r.status_code == 201, r.text
    task_id = r.json()["task_id"]
    held, cursor = g1.state()
    mine = next(
        a
        for a in of(held, "assignment")
        if a["task_id"] == task_id and a["guide_id"] == g1.user["id"]
    )
    assert held[("task", task_id)]["status"] == "active"
    assert held[("task_item", "live-item-1")]["requires_note"] is True
    theirs = next(
        a
        for a in of(g2.state()[0], "assignment")
        if a["task_id"] == task_id and a["guide_id"] == g2.user["id"]
    )

    # g2 finishes and submits; g1 has only started
    tick = {"assignment_id": theirs["id"], "item_id": "live-item-1", "done": True, "note": "好"}
    assert (
        g2.push_one("item_check", "set", item_check_id(theirs["id"], "live-item-1"), tick)["status"]
        == "applied"
    )
    assert g2.push_one("assignment", "submit", theirs["id"])["status"] == "applied"
    assert g1.push_one("assignment", "start", mine["id"])["status"] == "applied"

    r = hq.http.patch(f"/admin/tasks/{task_id}", json={"note": "改到周日", "due_at": _due(3)})
    assert r.status_code == 200, r.text
    held, cursor = g1.state(cursor)  # incremental: the edit arrives with its note
    task = held[("task", task_id)]
    assert task["revision"] == 2 and task["edit_note"].startswith("说明: 改到周日; 截止时间:")

    r = hq.http.post(f"/admin/tasks/{task_id}/withdraw", json={"reason": "活动取消"})
    assert r.status_code == 200, r.text
    changes, cursor = g1.pull_all(cursor)
    gone = {(c["entity"], c["id"]) for c in changes if c["deleted"]}
    assert ("assignment", mine["id"]) in gone
    withdrawn = next(c for c in changes if c["entity"] == "task" and c["id"] == task_id)
    assert withdrawn["data"]["status"] == "withdrawn"
    kept, _ = g2.state()
    assert kept[("assignment", theirs["id"])]["status"] == "submitted"  # for the record
    mgr = Api(live_server, "s001-mgr")
    r = mgr.push_one("assignment", "review", theirs["id"], {"decision": "approve"})
    assert r["status"] == "applied"  # still reviewable after the withdrawal
