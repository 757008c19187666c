"""离职继承 rules and plan (guide_core.rules.handover): the functions both sides run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from guide_core.protocol import MAX_HANDOVER_CUSTOMERS, InvalidMutation, validate_fields
from guide_core.rules import Actor, Code
from guide_core.rules import handover as h

S1, S2 = "store-1", "store-2"
LEAVING = h.Staff("g1", "guide", S1, True, "小王")
G2 = h.Staff("g2", "guide", S1, True, "小李")
MGR = h.Staff("m1", "supervisor", S1, True, "店长")
OTHER = h.Staff("x1", "guide", S2, True, "外店")
GONE = h.Staff("g3", "guide", S1, False, "小赵")
STAFF = {s.id: s for s in (LEAVING, G2, MGR, OTHER, GONE)}
SUP = Actor("supervisor", "m1", S1)
HQ = Actor("hq", "hq1")


def customers(n: int, owner: str = "g1", store: str = S1) -> dict[str, h.HandedCustomer]:
    return {f"c{i}": h.HandedCustomer(f"c{i}", store, owner, f"客户{i}") for i in range(n)}


def refusal(plan, actor=SUP, leaving=LEAVING, held=None):
    held = held if held is not None else customers(10)
    receivers = {rid: STAFF.get(rid) for rid in plan.values()}
    return h.handover_refusal(actor, leaving, receivers, plan, held)


def test_even_plan_balances_counts_round_robin():
    plan = h.plan_even([f"c{i}" for i in range(7)], ["g2", "m1"])
    assert h.counts(plan) == {"g2": 4, "m1": 3}
    assert [plan[f"c{i}"] for i in range(4)] == ["g2", "m1", "g2", "m1"]
    # with loads to start from, the lighter receiver catches up first
    plan = h.plan_even(["a", "b", "c"], ["g2", "m1"], {"g2": 2})
    assert plan == {"a": "m1", "b": "m1", "c": "g2"}
    assert h.plan_even(["a"], []) == {}


def test_tag_plan_first_rule_wins_and_the_rest_is_even():
    tags = {"a": {"vip"}, "b": {"baby", "vip"}, "c": {"baby"}, "d": set(), "e": set()}
    plan = h.plan_by_tag(list("abcde"), tags, [("vip", "g2"), ("baby", "m1")], ["g2", "m1"])
    assert plan["a"] == plan["b"] == "g2" and plan["c"] == "m1"
    # evened with the tag counts: g2 has 2, m1 has 1 → d to m1, then a tie: e to g2
    assert (plan["d"], plan["e"]) == ("m1", "g2")
    assert h.counts(plan) == {"g2": 3, "m1": 2}
    assert h.plan_by_tag(list("ad"), tags, [("vip", "g2")], []) == {"a": "g2"}


def test_by_hand_pieces_and_back():
    plan = h.plan_by_hand({"a": "g2", "b": None, "c": "m1"})
    assert plan == {"a": "g2", "c": "m1"}
    assert h.by_receiver(plan) == {"g2": ["a"], "m1": ["c"]}
    big = {f"c{i}": "g2" for i in range(5)}
    parts = h.pieces(big, size=2)
    assert [sum(map(len, p.values())) for p in parts] == [2, 2, 1]
    back, twice = h.plan_of({"g2": ["a", "b"], "m1": ["b"]})
    assert twice == ["b"] and back["a"] == "g2"


def test_a_valid_handover_passes_for_the_supervisor_and_hq():
    plan = h.plan_even(list(customers(10)), ["g2", "m1"])
    assert refusal(plan) is None
    assert refusal(plan, actor=HQ) is None


@pytest.mark.parametrize(
    ("plan", "actor", "leaving", "code", "words"),
    [
        ({}, SUP, LEAVING, Code.INVALID_FIELD, "没有选择"),
        ({"c0": "x1"}, SUP, LEAVING, Code.UNKNOWN_OWNER, "不是本店"),
        ({"c0": "g3"}, SUP, LEAVING, Code.UNKNOWN_OWNER, "已停用"),
        ({"c0": "g1"}, SUP, LEAVING, Code.INVALID_FIELD, "本人"),
        ({"c0": "nobody"}, SUP, LEAVING, Code.UNKNOWN_OWNER, "不存在"),
        ({"c0": "g2"}, Actor("guide", "g2", S1), LEAVING, Code.FORBIDDEN, "店长或总部"),
        ({"c0": "g2"}, Actor("supervisor", "m9", S2), LEAVING, Code.OTHER_STORE, ""),
        ({"c0": "g2"}, SUP, MGR, Code.FORBIDDEN, "本店导购"),  # a supervisor is HQ's to hand
        ({"c0": "g2"}, SUP, None, Code.UNKNOWN_OWNER, "离职人员"),
        ({"zz": "g2"}, SUP, LEAVING, Code.UNKNOWN_CUSTOMER, ""),
    ],
)
def test_bad_handovers_say_what_and_who(plan, actor, leaving, code, words):
    got = refusal(plan, actor=actor, leaving=leaving)
    assert got is not None and got.code == code
    assert words in got.reason


def test_customers_must_be_the_leaving_guides_and_the_stores():
    held = {**customers(2), "c9": h.HandedCustomer("c9", S1, "g2", "别人的客户")}
    got = refusal({"c0": "m1", "c9": "m1"}, held=held)
    assert got.code == Code.NOT_OWNER and "别人的客户" in got.reason
    held = {"c0": h.HandedCustomer("c0", S2, "g1")}
    assert refusal({"c0": "m1"}, held=held).code == Code.UNKNOWN_CUSTOMER


def test_grace_allows_only_customer_edits_of_handed_customers_in_time():
    now = datetime(2026, 12, 2, tzinfo=UTC)
    until = h.grace_until(now)
    assert until - now == timedelta(days=h.GRACE_DAYS)
    assert h.grace_refusal("customer", "update", "g1", "g1", until, now) is None
    assert h.grace_refusal("follow_up", "create", "g1", "g1", until, now) is None
    assert h.grace_refusal("customer_tag", "add", "g1", "g1", until, now) is None
    assert h.grace_refusal("customer", "create", "g1", None, until, now) is None  # a new card
    assert h.grace_refusal("customer", "update", "g1", "g2", until, now).code == Code.NOT_OWNER
    assert h.grace_refusal("script", "create", "g1", "g1", until, now).code == Code.FORBIDDEN
    late = h.grace_refusal("customer", "update", "g1", "g1", until, until)
    assert late.code == Code.FORBIDDEN and "补传期已过" in late.reason


def test_the_wire_checks_the_size_and_emptiness():
    ok = validate_fields("user", "handover", {"receivers": {"g2": ["c1"]}})
    assert ok["receivers"] == {"g2": ["c1"]}
    with pytest.raises(InvalidMutation, match="没有选择"):
        validate_fields("user", "handover", {"receivers": {"g2": []}})
    too_many = {"g2": [f"c{i}" for i in range(MAX_HANDOVER_CUSTOMERS + 1)]}
    with pytest.raises(InvalidMutation, match="最多"):
        validate_fields("user", "handover", {"receivers": too_many})
