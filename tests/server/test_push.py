"""Pushing: permissions, exactly-once, conflict rules, tombstones reaching clients."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import func, select

from guide_core.protocol import customer_tag_id, item_check_id
from guide_server.db import Database
from guide_server.models import AppliedMutation, AuditLog, CustomerHistory, FollowUp
from tests.server.api import Api, mutation, of


def _denied_rows(server) -> int:
    db = Database(server.database_url)
    try:
        with db.read() as s:
            return s.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action == "denied")
            )
    finally:
        db.dispose()


def _own_customer(api: Api, held: dict) -> dict:
    return next(c for c in of(held, "customer") if c["owner_id"] == api.user["id"])


def test_guide_of_one_store_cannot_push_into_another(live_server):
    g1 = Api(live_server, "s001-g1")
    g2_other = Api(live_server, "s002-g1")
    theirs, cursor = g2_other.state()
    victim = _own_customer(g2_other, theirs)
    tag = of(theirs, "tag")[0]
    assignment = next(a for a in of(theirs, "assignment") if a["guide_id"] == g2_other.user["id"])
    item = next(i for i in of(theirs, "task_item") if i["task_id"] == assignment["task_id"])
    denied_before = _denied_rows(live_server)
    results = g1.push(
        mutation("customer", "update", victim["id"], {"notes": "hacked"}),
        mutation(
            "follow_up",
            "create",
            str(uuid.uuid4()),
            {
                "customer_id": victim["id"],
                "channel": "chat",
                "text": "x",
                "at": "2026-11-01T10:00:00+08:00",
            },
        ),
        mutation(
            "customer_tag",
            "add",
            customer_tag_id(victim["id"], tag["id"]),
            {"customer_id": victim["id"], "tag_id": tag["id"]},
        ),
        mutation(
            "customer",
            "create",
            str(uuid.uuid4()),
            {"name": "外店客户", "store_id": victim["store_id"]},
        ),
        mutation(
            "item_check",
            "set",
            item_check_id(assignment["id"], item["id"]),
            {"assignment_id": assignment["id"], "item_id": item["id"], "done": True},
        ),
        mutation("assignment", "submit", assignment["id"]),
    )
    assert [r["status"] for r in results] == ["rejected"] * 6
    # another store's rows are unknown to the guide, as they are to the guide's app
    # (creating a customer there names the other store: other_store)
    assert all(r["code"].startswith("unknown_") or r["code"] == "other_store" for r in results)
    assert all(r["row"] is None for r in results)  # nothing of store B leaks back
    # the guide is not told those rows exist; the audit log records each attempt
    assert _denied_rows(live_server) - denied_before == 6
    changes, _ = g2_other.pull_all(cursor)
    assert changes == []


def test_same_push_twice_has_one_effect(live_server):
    g1 = Api(live_server, "s001-g1")
    held, cursor = g1.state()
    customer = _own_customer(g1, held)
    m = mutation(
        "follow_up",
        "create",
        str(uuid.uuid4()),
        {
            "customer_id": customer["id"],
            "channel": "phone",
            "text": "电话回访",
            "at": "2026-11-20T10:00:00+08:00",
        },
    )
    first = g1.push(m)[0]
    second = g1.push(m)[0]
    assert first["status"] == "applied"
    assert second["status"] == "duplicate"
    assert second["row"] == first["row"]
    db = Database(live_server.database_url)
    with db.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(FollowUp).where(FollowUp.id == m["entity_id"])
            )
            == 1
        )
        assert s.get(AppliedMutation, m["mutation_id"]).status == "applied"
    db.dispose()
    changes, _ = g1.pull_all(cursor)
    assert [c["id"] for c in changes] == [m["entity_id"]]
    assert changes[0]["data"]["guide_id"] == g1.user["id"]


def test_create_update_and_history(live_server):
    g1 = Api(live_server, "s001-g1")
    g2 = Api(live_server, "s001-g2")
    cid = str(uuid.uuid4())
    created = g1.push_one("customer", "create", cid, {"name": "王小明", "phone": "138 0013 8000"})
    assert created["status"] == "applied", created
    data = created["row"]["data"]
    assert data["owner_id"] == g1.user["id"] and data["phone"] == "13800138000"
    assert data["store_id"] == g1.user["store_id"]
    v1 = created["row"]["version"]
    upd = g1.push_one(
        "customer", "update", cid, {"notes": "敏感肌", "level": "gold"}, base_version=v1
    )
    assert upd["status"] == "applied" and upd["row"]["version"] > v1
    assert upd["row"]["data"]["notes"] == "敏感肌" and upd["row"]["data"]["level"] == "gold"
    upd2 = g1.push_one("customer", "update", cid, {"notes": "混合肌"}, base_version=v1)
    assert upd2["row"]["data"]["notes"] == "混合肌"  # last writer wins in arrival order
    db = Database(live_server.database_url)
    with db.read() as s:
        history = s.scalars(
            select(CustomerHistory).where(
                CustomerHistory.customer_id == cid, CustomerHistory.field == "notes"
            )
        ).all()
    db.dispose()
    assert [(h.old_value, h.new_value) for h in history] == [("", "敏感肌"), ("敏感肌", "混合肌")]
    # a colleague may not edit someone else's customer, and sees the phone masked
    denied = g2.push_one("customer", "update", cid, {"notes": "x"})
    assert denied["status"] == "rejected" and denied["code"] == "not_owner"
    assert denied["row"]["data"]["phone"] == "138****8000"


def test_rejections_are_readable_and_do_not_block_the_batch(live_server):
    g1 = Api(live_server, "s001-g1")
    held, _ = g1.state()
    customer = _own_customer(g1, held)
    good_id = str(uuid.uuid4())
    results = g1.push(
        mutation("customer", "update", customer["id"], {"phone": "12345"}, seq=1),
        mutation("customer", "update", customer["id"], {"shoe_size": 42}, seq=2),
        mutation("customer", "update", str(uuid.uuid4()), {"notes": "x"}, seq=3),
        mutation("customer", "fly", customer["id"], {}, seq=4),
        mutation("customer", "update", customer["id"], {"notes": "长" * 5000}, seq=5),
        mutation(
            "follow_up",
            "create",
            good_id,
            {
                "customer_id": customer["id"],
                "channel": "visit",
                "text": "到店",
                "at": "2026-11-20T10:00:00Z",
            },
            seq=6,
        ),
    )
    statuses = [r["status"] for r in results]
    assert statuses == ["rejected"] * 5 + ["applied"]
    reasons = [r["reason"] for r in results[:5]]
    codes = [r["code"] for r in results[:5]]
    assert codes == ["invalid_field", "invalid_field", "unknown_customer", "unknown_operation"] + [
        "invalid_field"
    ]
    assert "手机号" in reasons[0]
    assert "unknown field" in reasons[1] and "shoe_size" in reasons[1]
    assert "客户不存在" in reasons[2]
    assert "不支持的操作" in reasons[3]
    assert "最多2000字" in reasons[4]
    # the stored rejection comes back unchanged for a retry with the same id
    again = g1.push(
        mutation(
            "customer",
            "update",
            customer["id"],
            {"phone": "12345"},
            mutation_id=results[0]["mutation_id"],
        )
    )
    assert again[0]["status"] == "rejected" and again[0]["reason"] == reasons[0]


def test_single_choice_group_and_tag_removal_reach_client_as_tombstones(live_server):
    g1 = Api(live_server, "s001-g1")
    g2 = Api(live_server, "s001-g2")
    held, _ = g1.state()
    _, watcher_cursor = g2.state()
    customer = _own_customer(g1, held)
    single = next(g for g in of(held, "tag_group") if g["choice"] == "single")
    first, second = [t for t in of(held, "tag") if t["group_id"] == single["id"]][:2]
    link1 = customer_tag_id(customer["id"], first["id"])
    link2 = customer_tag_id(customer["id"], second["id"])
    ops = {"customer_id": customer["id"]}
    assert (
        g1.push_one("customer_tag", "add", link1, {**ops, "tag_id": first["id"]})["status"]
        == "applied"
    )
    assert (
        g1.push_one("customer_tag", "add", link2, {**ops, "tag_id": second["id"]})["status"]
        == "applied"
    )
    changes, cursor = g2.pull_all(watcher_cursor)
    last = {c["id"]: c for c in changes}
    assert last[link1]["deleted"] is True and last[link1]["data"] is None
    assert last[link2]["deleted"] is False
    removed = g1.push_one("customer_tag", "remove", link2, {**ops, "tag_id": second["id"]})
    assert removed["status"] == "applied" and removed["row"]["deleted"] is True
    changes, _ = g2.pull_all(cursor)
    assert [(c["id"], c["deleted"]) for c in changes] == [(link2, True)]
    bad = g1.push_one("customer_tag", "add", str(uuid.uuid4()), {**ops, "tag_id": first["id"]})
    assert bad["status"] == "rejected" and bad["code"] == "id_mismatch"


def test_personal_script_lifecycle_and_privacy(live_server):
    g1 = Api(live_server, "s001-g1")
    g2 = Api(live_server, "s001-g2")
    _, cursor = g1.state()
    _, other_cursor = g2.state()
    sid = str(uuid.uuid4())
    made = g1.push_one(
        "script", "create", sid, {"title": "我的开场白", "body": "{称呼}您好", "keywords": ["开场"]}
    )
    assert made["status"] == "applied" and made["row"]["data"]["scope"] == "personal"
    assert g2.push_one("script", "update", sid, {"title": "x"})["status"] == "rejected"
    assert (
        g1.push_one("script", "update", sid, {"title": "新标题"})["row"]["data"]["title"]
        == "新标题"
    )
    assert g1.push_one("script", "use", sid)["row"]["data"]["use_count"] == 1
    gone = g1.push_one("script", "delete", sid)
    assert gone["status"] == "applied" and gone["row"]["deleted"]
    changes, _ = g1.pull_all(cursor)
    assert [(c["id"], c["deleted"]) for c in changes] == [(sid, True)]
    assert g2.pull_all(other_cursor)[0] == []


def test_assignment_flow_and_review_rules(live_server):
    g1 = Api(live_server, "s001-g1")
    mgr = Api(live_server, "s001-mgr")
    other_mgr = Api(live_server, "s002-mgr")
    held, _ = g1.state()
    assignment = next(
        a
        for a in of(held, "assignment")
        if a["guide_id"] == g1.user["id"] and a["status"] in ("todo", "in_progress", "sent_back")
    )
    items = [i for i in of(held, "task_item") if i["task_id"] == assignment["task_id"]]
    item = items[0]
    aid = assignment["id"]
    photo = b"evidence photo " + uuid.uuid4().bytes
    sha = hashlib.sha256(photo).hexdigest()
    assert g1.http.put(f"/blobs/{sha}", content=photo).status_code == 200
    check = {
        "assignment_id": aid,
        "item_id": item["id"],
        "done": True,
        "done_at": "2026-11-22T09:30:00+08:00",
        "note": "已完成",
        "evidence_sha256": sha,
    }
    assert g1.push_one("assignment", "start", aid)["status"] == "applied"
    r = g1.push_one("item_check", "set", item_check_id(aid, item["id"]), check)
    assert r["status"] == "applied" and r["row"]["data"]["checked_by"] == g1.user["id"]
    if len(items) > 1:  # the server refuses a submit with unticked items (it used to accept it)
        early = g1.push_one("assignment", "submit", aid)
        assert early["status"] == "rejected" and early["code"] == "items_unchecked"
    for other in items[1:]:
        tick = {**check, "item_id": other["id"]}
        assert (
            g1.push_one("item_check", "set", item_check_id(aid, other["id"]), tick)["status"]
            == "applied"
        )
    assert g1.push_one("assignment", "review", aid, {"decision": "approve"})["code"] == "forbidden"
    not_yet = mgr.push_one("assignment", "review", aid, {"decision": "approve"})
    assert not_yet["code"] == "invalid_transition"
    submitted = g1.push_one("assignment", "submit", aid)
    assert submitted["row"]["data"]["status"] == "submitted"
    other = other_mgr.push_one("assignment", "review", aid, {"decision": "approve"})
    assert other["code"] == "unknown_assignment"  # another store's: unknown to them
    no_reason = mgr.push_one("assignment", "review", aid, {"decision": "send_back"})
    assert no_reason["code"] == "reason_required"
    sent_back = mgr.push_one(
        "assignment", "review", aid, {"decision": "send_back", "reason": "照片不清楚"}
    )
    assert sent_back["row"]["data"]["status"] == "sent_back"
    assert sent_back["row"]["data"]["review_reason"] == "照片不清楚"
    g1.push_one("assignment", "submit", aid)
    approved = mgr.push_one("assignment", "review", aid, {"decision": "approve"})
    assert approved["row"]["data"]["status"] == "approved"
    late = g1.push_one(
        "item_check", "set", item_check_id(aid, item["id"]), {**check, "done": False}
    )
    assert late["status"] == "rejected" and late["code"] == "approved_final"
    # approved is final for the supervisor too (the server used to let them change it)
    late = mgr.push_one(
        "item_check", "set", item_check_id(aid, item["id"]), {**check, "done": False}
    )
    assert late["status"] == "rejected" and late["code"] == "approved_final"


def test_reassign_is_for_supervisors_within_their_store(live_server):
    g1 = Api(live_server, "s001-g1")
    mgr = Api(live_server, "s001-mgr")
    held, _ = mgr.state()
    customer = _own_customer(g1, held)
    g2_id = next(u["id"] for u in of(held, "user") if u["username"] == "s001-g2")
    outsider = next(
        u["id"] for u in of(Api(live_server, "hq").state()[0], "user") if u["username"] == "s002-g1"
    )
    refused = g1.push_one("customer", "reassign", customer["id"], {"owner_id": g2_id})
    assert refused["code"] == "forbidden"
    outside = mgr.push_one("customer", "reassign", customer["id"], {"owner_id": outsider})
    assert outside["code"] == "unknown_owner"
    done = mgr.push_one("customer", "reassign", customer["id"], {"owner_id": g2_id})
    assert done["status"] == "applied" and done["row"]["data"]["owner_id"] == g2_id


def test_hq_may_write_any_store(live_server):
    hq = Api(live_server, "hq")
    held, _ = hq.state()
    store = of(held, "store")[1]
    no_store = hq.push_one("customer", "create", str(uuid.uuid4()), {"name": "总部客户"})
    assert no_store["status"] == "rejected" and no_store["code"] == "store_required"
    cid = str(uuid.uuid4())
    ok = hq.push_one("customer", "create", cid, {"name": "总部客户", "store_id": store["id"]})
    # HQ's pull holds no store's customers (it reads them online), so no row comes back
    assert ok["status"] == "applied" and ok["row"] is None
    store_view, _ = Api(live_server, f"{store['code'].lower()}-mgr").state()
    assert store_view[("customer", cid)]["store_id"] == store["id"]
    material = of(held, "material")[0]
    used = hq.push_one("material", "use", material["id"])
    assert used["row"]["data"]["use_count"] == material["use_count"] + 1
