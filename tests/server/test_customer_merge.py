"""合并重复客户 on the real server (SQLite and PostgreSQL): a merge keeps every follow-up,
tag and order; a refused merge changes nothing; a later edit of the merged customer
lands on the kept one."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from guide_core.protocol import customer_tag_id, item_check_id
from guide_core.rules.merge import NOTES_MARK
from tests.server.api import Api, of


@pytest.fixture
def server(live_server):
    return live_server


def fresh_phone() -> str:
    return f"199{random.randrange(10**8):08d}"


def create(api: Api, name: str, **fields) -> str:
    cid = str(uuid.uuid4())
    r = api.push_one("customer", "create", cid, {"name": name, **fields})
    assert r["status"] == "applied", r
    return cid


def follow_up(api: Api, cid: str, text: str) -> dict:
    fields = {
        "customer_id": cid,
        "channel": "chat",
        "text": text,
        "at": datetime.now(UTC).isoformat(),
    }
    return api.push_one("follow_up", "create", str(uuid.uuid4()), fields)


def tag(api: Api, cid: str, tag_id: str, op: str = "add") -> dict:
    fields = {"customer_id": cid, "tag_id": tag_id}
    return api.push_one("customer_tag", op, customer_tag_id(cid, tag_id), fields)


def merge(api: Api, kept: str, merged: str) -> dict:
    return api.push_one("customer", "merge", kept, {"merged_id": merged})


def tags_by_group(held: dict) -> tuple[dict[str, list[str]], set[str]]:
    """group id → its tag ids, and the single-choice group ids."""
    groups: dict[str, list[str]] = {}
    for t in sorted(of(held, "tag"), key=lambda t: t["id"]):
        groups.setdefault(t["group_id"], []).append(t["id"])
    single = {g["id"] for g in of(held, "tag_group") if g["choice"] == "single"}
    return groups, single


def test_merge_keeps_every_follow_up_tag_and_order(server):
    mgr = Api(server, "s001-mgr")
    held, _ = mgr.state()
    store = mgr.user["store_id"]
    orders_of = Counter(o["customer_id"] for o in of(held, "order") if o["customer_id"])
    with_orders = sorted(
        (c for c in of(held, "customer") if c["store_id"] == store and orders_of[c["id"]]),
        key=lambda c: c["id"],
    )
    kept, merged = with_orders[0]["id"], with_orders[1]["id"]
    phone = fresh_phone()
    assert (
        mgr.push_one("customer", "update", kept, {"phone": phone, "member_no": ""})["status"]
        == "applied"
    )
    member = f"M{random.randrange(10**8)}"
    r = mgr.push_one(
        "customer", "update", merged, {"phone": phone, "member_no": member, "notes": "孕期"}
    )
    assert r["row"]["data"]["duplicate_of"] in (kept, None)  # flagged (or the other way)

    g1 = Api(server, "s001-g1")
    for text in ("一", "二"):
        assert follow_up(g1, kept, f"保留卡跟进{text}")["status"] == "applied"
    for text in ("一", "二", "三"):
        assert follow_up(g1, merged, f"合并卡跟进{text}")["status"] == "applied"
    groups, single = tags_by_group(held)
    multi_group = next(g for g, ts in groups.items() if g not in single and len(ts) >= 2)
    single_group = next(g for g, ts in groups.items() if g in single and len(ts) >= 2)
    both, only_merged = groups[multi_group][:2]
    mine, theirs = groups[single_group][:2]
    for cid, tag_id in ((kept, both), (merged, both), (merged, only_merged), (kept, mine)):
        assert tag(mgr, cid, tag_id)["status"] == "applied"
    assert tag(mgr, merged, theirs)["status"] == "applied"

    before, cursor = mgr.state()
    fu_before = [f for f in of(before, "follow_up") if f["customer_id"] in (kept, merged)]
    tags_before = {
        c: {t["tag_id"] for t in of(before, "customer_tag") if t["customer_id"] == c}
        for c in (kept, merged)
    }
    group_of = {t["id"]: t["group_id"] for t in of(before, "tag")}
    orders_before = {o["id"] for o in of(before, "order") if o["customer_id"] in (kept, merged)}
    spent = sum(before[("customer", c)]["total_spent_cents"] for c in (kept, merged))
    count = sum(before[("customer", c)]["order_count"] for c in (kept, merged))
    assert len(fu_before) >= 5 and len(orders_before) >= 2

    r = merge(mgr, kept, merged)
    assert r["status"] == "applied", r
    card = r["row"]["data"]
    assert card["id"] == kept and card["member_no"] == member
    assert card["order_count"] == count and card["total_spent_cents"] == spent
    assert card["notes"].endswith("备注 孕期") and NOTES_MARK in card["notes"]
    assert card["duplicate_of"] is None

    for reader in (mgr, g1, Api(server, "s001-g2")):  # every PC of the store pulls it
        after, _ = reader.state()
        assert ("customer", merged) not in after
        fus = [f for f in of(after, "follow_up") if f["id"] in {x["id"] for x in fu_before}]
        assert len(fus) == len(fu_before) and {f["customer_id"] for f in fus} == {kept}
        orders = [o for o in of(after, "order") if o["id"] in orders_before]
        assert len(orders) == len(orders_before) and {o["customer_id"] for o in orders} == {kept}
        links = [t for t in of(after, "customer_tag") if t["customer_id"] in (kept, merged)]
        assert {t["customer_id"] for t in links} == {kept}
        now = sorted(t["tag_id"] for t in links)
        assert now == sorted(set(now))  # a tag on both: once
        assert {both, only_merged, mine} <= set(now) and theirs not in now
        kept_groups = {group_of[t] for t in tags_before[kept]}
        for t in tags_before[merged] | tags_before[kept]:  # every tag stays, but a single-choice
            assert t in now or (group_of[t] in single and group_of[t] in kept_groups)  # loser
    changes, _ = mgr.pull_all(cursor)  # the tombstones a PC that had them receives
    gone = {(c["entity"], c["id"]) for c in changes if c["deleted"]}
    assert ("customer", merged) in gone
    assert ("customer_tag", customer_tag_id(merged, theirs)) in gone


def test_refused_merges_change_nothing(server):
    mgr, g1 = Api(server, "s001-mgr"), Api(server, "s001-g1")
    phone = fresh_phone()
    a = create(g1, "林一", phone=phone)
    b = create(g1, "林一", phone=phone)
    unrelated = create(g1, "林二", phone=fresh_phone())
    other_store = create(Api(server, "s002-g1"), "林一", phone=phone)
    follow_up(g1, b, "合并卡的跟进")
    groups, single = tags_by_group(mgr.state()[0])
    tag(g1, b, next(ts[0] for g, ts in groups.items() if g not in single))
    before, cursor = mgr.state()
    hq = Api(server, "hq")

    r = merge(g1, a, b)  # a guide, even the owner
    assert (r["status"], r["code"]) == ("rejected", "forbidden")
    assert "只有店长或总部" in r["reason"]
    r = merge(hq, a, other_store)  # two stores
    assert (r["status"], r["code"]) == ("rejected", "merge_other_store")
    assert r["reason"].startswith("两位客户不属于同一门店，不能合并")
    r = merge(mgr, a, other_store)  # another store's customer is unknown to the supervisor
    assert (r["status"], r["code"]) == ("rejected", "unknown_customer")
    r = merge(mgr, a, unrelated)
    assert (r["status"], r["code"]) == ("rejected", "not_duplicates")
    r = merge(mgr, a, a)
    assert (r["status"], r["code"]) == ("rejected", "same_customer")

    # nothing half done: not one row changed. A PC that showed a refused merge gets the
    # rows it changed again, as they are, and tombstones for tag links it made up
    changes, _ = mgr.pull_all(cursor)
    assert changes, "the rows of the refused merge are sent again"
    for c in changes:
        key = (c["entity"], c["id"])
        if c["deleted"]:
            assert key not in before, c
        else:
            assert c["data"] == before[key], c
    assert any(c["deleted"] and c["entity"] == "customer_tag" for c in changes)
    held, _ = mgr.state()
    assert held == before


def test_a_later_edit_of_the_merged_customer_lands_on_the_kept_one(server):
    mgr = Api(server, "s001-mgr", device_id="mgr-pc")
    offline = Api(server, "s001-g2", device_id="g2-pc")  # had the merged card, offline
    phone = fresh_phone()
    kept = create(offline, "赵一", phone=phone)
    merged = create(offline, "赵一", phone=phone)
    held, _ = mgr.state()
    groups, single = tags_by_group(held)
    multi_tag = next(ts[0] for g, ts in groups.items() if g not in single)

    assert merge(mgr, kept, merged)["status"] == "applied"
    assert merge(mgr, kept, merged)["status"] == "applied"  # the same merge from a second PC

    fu_id = str(uuid.uuid4())
    fu = offline.push_one(
        "follow_up",
        "create",
        fu_id,
        {
            "customer_id": merged,
            "channel": "phone",
            "text": "离线时的跟进",
            "at": "2026-12-01T08:00:00Z",
        },
    )
    assert fu["status"] == "applied" and fu["row"]["data"]["customer_id"] == kept
    upd = offline.push_one("customer", "update", merged, {"notes": "离线改的备注"})
    assert upd["status"] == "applied" and upd["row"]["id"] == kept
    assert upd["row"]["data"]["notes"] == "离线改的备注"
    t = tag(offline, merged, multi_tag)
    assert t["status"] == "applied" and t["row"]["id"] == customer_tag_id(kept, multi_tag)
    again = offline.push_one("customer", "create", merged, {"name": "赵一"})
    assert (again["status"], again["code"]) == ("rejected", "already_exists")

    after, _ = mgr.state()
    assert ("customer", merged) not in after
    assert after[("follow_up", fu_id)]["customer_id"] == kept
    assert after[("customer", kept)]["notes"] == "离线改的备注"
    assert after[("customer_tag", customer_tag_id(kept, multi_tag))]["customer_id"] == kept

    # a chain: the kept one merged again later; edits of the first id follow it
    third = create(offline, "赵一", phone=phone)
    assert merge(mgr, third, kept)["status"] == "applied"
    fu2 = follow_up(offline, merged, "又一条")
    assert fu2["status"] == "applied" and fu2["row"]["data"]["customer_id"] == third


def test_outreach_lists_targets_and_contacts_follow_the_merge(server):
    g1, mgr = Api(server, "s001-g1"), Api(server, "s001-mgr")
    phone = fresh_phone()
    kept = create(g1, "钱一", phone=phone)
    merged = create(g1, "钱一", phone=phone)
    task_id, item_id = str(uuid.uuid4()), str(uuid.uuid4())
    due = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0).isoformat()
    fields = {
        "title": "回访老客",
        "kind": "outreach",
        "due_at": due,
        "guide_ids": [g1.user["id"]],
        "items": [
            {"id": item_id, "text": "电话回访", "kind": "outreach", "customer_ids": [merged]}
        ],
    }
    r = mgr.push_one("task", "create", task_id, fields)
    assert r["status"] == "applied", r
    held, _ = g1.state()
    [a] = [x for x in of(held, "assignment") if x["task_id"] == task_id]
    assert a["targets"] == {item_id: [merged]}
    contact = {"assignment_id": a["id"], "item_id": item_id, "customer_id": merged, "at": due}
    r = g1.push_one("item_check", "contact", item_check_id(a["id"], item_id), contact)
    assert r["status"] == "applied", r

    assert merge(mgr, kept, merged)["status"] == "applied"
    held, _ = g1.state()
    assert held[("assignment", a["id"])]["targets"] == {item_id: [kept]}
    assert held[("item_check", item_check_id(a["id"], item_id))]["contacted_ids"] == [kept]
    assert held[("task_item", item_id)]["customer_ids"] == [kept]
