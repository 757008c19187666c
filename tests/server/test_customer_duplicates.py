"""Duplicate customers on the server: a create or update whose phone or member
no. another customer of the store already has is applied (it may come from a
PC that was offline) and flagged with ``duplicate_of`` for the supervisor, who
may dismiss the flag; nobody else may."""

from __future__ import annotations

import random
import threading
import uuid

import pytest

from tests.server.api import Api, mutation


@pytest.fixture
def server(live_server):
    return live_server


def fresh_phone() -> str:
    return f"199{random.randrange(10**8):08d}"


def create(api: Api, name: str, **fields) -> tuple[str, dict]:
    cid = str(uuid.uuid4())
    return cid, api.push_one("customer", "create", cid, {"name": name, **fields})


def flag_of(api: Api, cid: str) -> str | None:
    held, _ = api.state()
    return held[("customer", cid)]["duplicate_of"]


def test_same_phone_created_on_two_pcs_is_applied_and_the_later_one_flagged(server):
    pc1 = Api(server, "s001-g1", device_id="pc-1")
    pc2 = Api(server, "s001-g2", device_id="pc-2")
    phone = fresh_phone()
    a, ra = create(pc1, "钱多多", phone=phone)
    b, rb = create(pc2, "钱多多", phone=f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}")
    assert (ra["status"], rb["status"]) == ("applied", "applied")
    assert ra["row"]["data"]["duplicate_of"] is None
    assert rb["row"]["data"]["duplicate_of"] == a

    mgr = Api(server, "s001-mgr")
    held, _ = mgr.state()
    assert held[("customer", b)]["duplicate_of"] == a
    assert held[("customer", a)]["duplicate_of"] is None
    seen_by_pc1, _ = pc1.state()  # the other guide sees the flag too, phone masked
    assert seen_by_pc1[("customer", b)]["duplicate_of"] == a
    assert seen_by_pc1[("customer", b)]["phone_masked"] is True


def test_member_no_counts_and_other_stores_do_not(server):
    g1 = Api(server, "s001-g1")
    member = f"DUP{random.randrange(10**8)}"
    a, _ = create(g1, "孙一", member_no=member)
    _b, rb = create(g1, "孙一二", member_no=f"  {member} ")
    assert rb["status"] == "applied" and rb["row"]["data"]["duplicate_of"] == a
    phone = fresh_phone()
    create(g1, "周一", phone=phone)
    _c, rc = create(Api(server, "s002-g1"), "周一", phone=phone)
    assert rc["status"] == "applied" and rc["row"]["data"]["duplicate_of"] is None


def test_an_update_sets_and_clears_the_flag(server):
    g1 = Api(server, "s001-g1")
    phone = fresh_phone()
    a, _ = create(g1, "吴一", phone=phone)
    b, rb = create(g1, "吴二", phone=fresh_phone())
    assert rb["row"]["data"]["duplicate_of"] is None
    r = g1.push_one("customer", "update", b, {"phone": phone})
    assert r["status"] == "applied" and r["row"]["data"]["duplicate_of"] == a
    r = g1.push_one("customer", "update", b, {"notes": "只改备注"})
    assert r["row"]["data"]["duplicate_of"] == a
    r = g1.push_one("customer", "update", b, {"phone": fresh_phone()})
    assert r["status"] == "applied" and r["row"]["data"]["duplicate_of"] is None

    # the earlier customer's number changes: the later one is no longer its duplicate
    c, rc = create(g1, "吴三", phone=phone)
    assert rc["row"]["data"]["duplicate_of"] == a
    g1.push_one("customer", "update", a, {"phone": fresh_phone()})
    assert flag_of(Api(server, "s001-mgr"), c) is None


def test_only_the_stores_supervisor_or_hq_may_dismiss_and_it_sticks(server):
    g1 = Api(server, "s001-g1", device_id="pc-1")
    g2 = Api(server, "s001-g2", device_id="pc-2")
    phone = fresh_phone()
    a, _ = create(g1, "郑一", phone=phone)
    b, _ = create(g2, "郑一", phone=phone)
    dismiss = {"duplicate_of": a}

    for api in (g2, g1):  # the owner guide and a colleague: both refused by the server
        r = api.push_one("customer", "dismiss_duplicate", b, dismiss)
        assert r["status"] == "rejected" and r["code"] == "forbidden", r
    r = Api(server, "s002-mgr").push_one("customer", "dismiss_duplicate", b, dismiss)
    assert r["status"] == "rejected" and r["row"] is None  # another store's: nothing leaks
    assert flag_of(g2, b) == a

    mgr = Api(server, "s001-mgr")
    r = mgr.push_one("customer", "dismiss_duplicate", b, dismiss)
    assert r["status"] == "applied" and r["row"]["data"]["duplicate_of"] is None
    assert flag_of(g2, b) is None
    again = mgr.push_one("customer", "dismiss_duplicate", b, dismiss)  # a second PC, offline
    assert again["status"] == "applied"

    # the same pair is not flagged again when the number goes away and comes back
    g2.push_one("customer", "update", b, {"phone": fresh_phone()})
    r = g2.push_one("customer", "update", b, {"phone": phone})
    assert r["row"]["data"]["duplicate_of"] is None
    # a third card with that number is a new suspicion
    c, rc = create(g1, "郑一", phone=phone)
    assert rc["row"]["data"]["duplicate_of"] == a
    r = Api(server, "hq").push_one("customer", "dismiss_duplicate", c, {"duplicate_of": a})
    assert r["status"] == "applied" and r["row"] is None  # HQ holds no store rows (issue 9)
    assert flag_of(g2, c) is None


def test_a_stale_dismiss_leaves_a_newer_flag(server):
    g1 = Api(server, "s001-g1")
    phone, other = fresh_phone(), fresh_phone()
    a, _ = create(g1, "冯一", phone=phone)
    x, _ = create(g1, "冯二", phone=other)
    b, _ = create(g1, "冯一", phone=phone)
    g1.push_one("customer", "update", b, {"phone": other})  # now a duplicate of x
    mgr = Api(server, "s001-mgr")
    r = mgr.push_one("customer", "dismiss_duplicate", b, {"duplicate_of": a})
    assert r["status"] == "applied" and r["row"]["data"]["duplicate_of"] == x


def test_parallel_creates_of_the_same_phone_flag_exactly_one(server):
    """Two PCs pushing at the same moment: each push must see the other's customer
    (on PostgreSQL two transactions would otherwise both miss each other)."""
    pcs = [Api(server, "s001-g1", device_id="pc-1"), Api(server, "s001-g2", device_id="pc-2")]
    for _round in range(6):
        phone = fresh_phone()
        ids = [str(uuid.uuid4()) for _ in pcs]
        barrier = threading.Barrier(len(pcs))
        results: list[dict] = [{} for _ in pcs]

        def push(i: int, ids=ids, phone=phone, barrier=barrier, results=results) -> None:
            m = mutation("customer", "create", ids[i], {"name": "并发", "phone": phone})
            barrier.wait()
            results[i] = pcs[i].push(m)[0]

        threads = [threading.Thread(target=push, args=(i,)) for i in range(len(pcs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [r["status"] for r in results] == ["applied", "applied"]
        flags = [r["row"]["data"]["duplicate_of"] for r in results]
        assert flags.count(None) == 1 and {f for f in flags if f} <= set(ids), flags
