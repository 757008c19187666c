"""Task work over a real push (issue 13): a supervisor's store task made offline
(task.create), required notes, outreach contacts, re-open, a second review."""

from __future__ import annotations

import uuid
from datetime import date

from guide_core.protocol import assignment_id, item_check_id
from tests.server.api import Api, of


def _store_task(mgr: Api, g1: Api, customers: list[str]) -> tuple[str, dict]:
    task_id = str(uuid.uuid4())
    items = [
        {"id": str(uuid.uuid4()), "text": "拍门店陈列", "requires_note": True},
        {"id": str(uuid.uuid4()), "text": "联系名单上的会员", "customer_ids": customers},
    ]
    fields = {
        "title": "周末陈列与回访",
        "kind": "display",
        "start_at": "2026-12-01T09:00:00+08:00",
        "due_at": "2026-12-01T21:00:00+08:00",
        "guide_ids": [g1.user["id"]],
        "items": items,
    }
    return task_id, {"fields": fields, "items": items}


def test_store_task_created_offline_reaches_the_guide_and_its_rules_hold(live_server):
    mgr = Api(live_server, "s001-mgr")
    g1 = Api(live_server, "s001-g1")
    g2 = Api(live_server, "s001-g2")
    held, cursor = g1.state()
    mine = [c["id"] for c in of(held, "customer") if c["owner_id"] == g1.user["id"]][:3]
    task_id, spec = _store_task(mgr, g1, mine)

    assert g1.push_one("task", "create", task_id, spec["fields"])["code"] == "forbidden"
    r = mgr.push_one("task", "create", task_id, spec["fields"])
    assert r["status"] == "applied", r
    assert mgr.push_one("task", "create", task_id, spec["fields"])["code"] == "already_exists"

    held, cursor = g1.state(cursor)
    aid = assignment_id(task_id, g1.user["id"], date(2026, 12, 1))
    a = held[("assignment", aid)]
    items = spec["items"]
    assert a["occurrence"] == "2026-12-01" and a["due_at"].startswith("2026-12-01T13:00")
    assert sorted(a["targets"][items[1]["id"]]) == sorted(mine)
    assert held[("task", task_id)]["scope"] == "store"
    assert ("assignment", aid) in g2.state()[0]  # the whole store pulls it (store scope)

    note_item, outreach = items[0]["id"], items[1]["id"]
    tick = {"assignment_id": aid, "item_id": note_item, "done": True, "note": "  "}
    r = g1.push_one("item_check", "set", item_check_id(aid, note_item), tick)
    assert r["code"] == "note_missing", r
    tick["note"] = "已摆好"
    assert g1.push_one("item_check", "set", item_check_id(aid, note_item), tick)["status"] == (
        "applied"
    )

    contact = {
        "assignment_id": aid,
        "item_id": outreach,
        "customer_id": mine[0],
        "at": "2026-12-01T10:00:00+08:00",
    }
    r = g1.push_one("item_check", "contact", item_check_id(aid, outreach), contact)
    assert r["status"] == "applied" and r["row"]["data"]["contacted_ids"] == [mine[0]]
    again = g1.push_one("item_check", "contact", item_check_id(aid, outreach), contact)
    assert again["row"]["data"]["contacted_ids"] == [mine[0]]  # idempotent
    stranger = {**contact, "customer_id": str(uuid.uuid4())}
    r = g1.push_one("item_check", "contact", item_check_id(aid, outreach), stranger)
    assert r["code"] == "not_target"

    tick2 = {"assignment_id": aid, "item_id": outreach, "done": True}
    g1.push_one("item_check", "set", item_check_id(aid, outreach), tick2)
    assert g1.push_one("assignment", "submit", aid)["status"] == "applied"
    r = g1.push_one("assignment", "reopen", aid)
    assert r["row"]["data"]["status"] == "in_progress"
    assert g1.push_one("assignment", "submit", aid)["status"] == "applied"

    # two PCs of the supervisor review the same submission: the second is told who was first
    other_pc = Api(live_server, "s001-mgr", device_id="second-pc")
    first = mgr.push_one("assignment", "review", aid, {"decision": "approve"})
    assert first["row"]["data"]["status"] == "approved"
    second = other_pc.push_one(
        "assignment", "review", aid, {"decision": "send_back", "reason": "x"}
    )
    assert second["code"] == "already_reviewed"
    assert "已于" in second["reason"] and "通过" in second["reason"]
    assert g1.push_one("assignment", "reopen", aid)["code"] == "approved_final"
    r = g1.push_one("item_check", "contact", item_check_id(aid, outreach), contact)
    assert r["code"] == "approved_final"


def test_store_task_with_bad_schedule_or_other_store_guides_is_refused(live_server):
    mgr = Api(live_server, "s001-mgr")
    other_guide = Api(live_server, "s002-g1")
    g1 = Api(live_server, "s001-g1")
    task_id, spec = _store_task(mgr, g1, [])
    spec["fields"]["items"] = [{"text": "检查价签"}]
    fields = {**spec["fields"], "recurrence": "daily", "until": "2026-11-20"}
    r = mgr.push_one("task", "create", task_id, fields)
    assert r["code"] == "invalid_schedule" and "一次也不会发生" in r["reason"]
    fields = {**spec["fields"], "due_at": "2026-12-01T08:00:00+08:00"}
    assert mgr.push_one("task", "create", task_id, fields)["code"] == "invalid_schedule"
    fields = {**spec["fields"], "guide_ids": [other_guide.user["id"]]}
    assert mgr.push_one("task", "create", task_id, fields)["code"] == "unknown_owner"
    held, _ = g1.state()
    assert ("task", task_id) not in held


def test_the_largest_store_task_fits_one_mutation():
    """task.create carries a checklist: every text at its limit in 12-byte characters, every
    list full of 64-character ids (ASCII by the protocol's AsciiId), stays one mutation."""
    import json

    from guide_core.protocol import (
        MAX_ITEM_CUSTOMERS,
        MAX_MUTATION_BYTES,
        MAX_TASK_GUIDES,
        MAX_TASK_ITEMS,
        Mutation,
        validate_fields,
    )
    from tests.server.api import mutation

    wide, ident = "\U0001f600", "a" * 64
    item = {
        "id": ident,
        "text": wide * 200,
        "kind": "outreach",
        "requires_note": True,
        "requires_evidence": True,
        "script_id": ident,
        "material_id": ident,
        "segment": {
            "tag_ids": [ident] * 20,
            "levels": ["normal", "silver", "gold", "black"],
            "stages": ["new", "active", "dormant", "lost"],
        },
        "customer_ids": [ident] * MAX_ITEM_CUSTOMERS,
    }
    fields = {
        "title": wide * 200,
        "kind": "outreach",
        "description": wide * 2000,
        "start_at": "2026-12-01T09:00:00+08:00",
        "due_at": "2026-12-01T21:00:00+08:00",
        "recurrence": "monthly",
        "until": "2099-12-31",
        "guide_ids": [ident] * MAX_TASK_GUIDES,
        "items": [item] * MAX_TASK_ITEMS,
    }
    validate_fields("task", "create", fields)
    m = mutation("task", "create", wide * 64, fields, seq=2**63 - 1, base_version=2**63 - 1)
    Mutation.model_validate(m)
    assert len(json.dumps(m, ensure_ascii=True).encode()) <= MAX_MUTATION_BYTES
