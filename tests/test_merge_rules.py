"""guide_core.rules.merge: which two customers may be merged, and what the kept card becomes."""

from __future__ import annotations

from datetime import date

from guide_core.rules import Actor, Code, Target, check
from guide_core.rules.merge import (
    NOTES_MARK,
    merge_refusal,
    merged_values,
    tags_taken,
)

KEPT = {
    "id": "a",
    "store_id": "S1",
    "name": "张三",
    "phone": "13800138000",
    "member_no": "",
    "level": "silver",
    "birthday": None,
    "member_since": date(2024, 5, 1),
    "notes": "喜欢保湿",
    "owner_id": "g1",
    "in_group": False,
}
MERGED = {
    "id": "b",
    "store_id": "S1",
    "name": "张三丰",
    "phone": "+86 138 0013 8000",
    "member_no": "M001",
    "level": "gold",
    "birthday": date(1990, 3, 8),
    "member_since": date(2023, 1, 2),
    "notes": "孕期",
    "owner_id": "g2",
    "in_group": True,
}


def test_only_the_stores_supervisor_or_hq_may_merge():
    target = Target(store_id="S1", owner_id="g1")
    assert check("customer", "merge", Actor("guide", "g1", "S1"), target).code == Code.FORBIDDEN
    assert check("customer", "merge", Actor("supervisor", "m1", "S1"), target) is None
    assert check("customer", "merge", Actor("hq", "hq"), target) is None
    other = check("customer", "merge", Actor("supervisor", "m2", "S2"), target)
    assert other.code == Code.OTHER_STORE


def test_the_pair_must_be_one_store_two_cards_and_duplicates():
    assert merge_refusal(KEPT, MERGED) is None  # same number, written differently
    same = merge_refusal(KEPT, KEPT)
    assert same.code == Code.SAME_CUSTOMER
    stores = merge_refusal(KEPT, {**MERGED, "store_id": "S2"})
    assert stores.code == Code.MERGE_OTHER_STORE
    assert stores.reason.startswith("两位客户不属于同一门店，不能合并")
    unrelated = {**MERGED, "phone": "13900139000"}
    assert merge_refusal(KEPT, unrelated).code == Code.NOT_DUPLICATES
    by_member = merge_refusal({**KEPT, "member_no": " M001 "}, unrelated)
    assert by_member is None
    masked = {**MERGED, "phone": "138****8000", "member_no": ""}
    assert merge_refusal(KEPT, masked).code == Code.NOT_DUPLICATES  # masked never matches


def test_empty_fields_are_filled_and_nothing_of_the_merged_card_is_silently_dropped():
    values = merged_values(KEPT, MERGED)
    assert values["member_no"] == "M001" and values["birthday"] == date(1990, 3, 8)
    assert values["member_since"] == date(2023, 1, 2)  # the earlier
    assert values["level"] == "gold" and values["in_group"] is True
    assert "phone" not in values and "owner_id" not in values and "name" not in values
    assert values["notes"].startswith("喜欢保湿\n" + NOTES_MARK)
    assert "姓名 张三丰" in values["notes"] and "备注 孕期" in values["notes"]
    assert "138" not in values["notes"]  # never a phone in notes (not masked for colleagues)
    # the other member no. is written down when the kept card has its own
    notes = merged_values({**KEPT, "member_no": "M999"}, MERGED)["notes"]
    assert "会员号 M001" in notes
    # nothing to add: nothing changes
    assert merged_values(MERGED, {**MERGED, "id": "c", "level": "normal"}) == {}


def test_tags_keep_the_kept_cards_single_choice():
    kept = {"t-both": "multi", "t-dry": "skin"}
    merged = {"t-both": "multi", "t-new": "multi", "t-oily": "skin", "t-6m": "baby", "t-1y": "baby"}
    taken = tags_taken(kept, merged, {"skin", "baby"})
    assert "t-both" not in taken and "t-oily" not in taken  # on both / kept's choice wins
    assert "t-new" in taken
    assert len([t for t in taken if merged[t] == "baby"]) == 1  # one of a single-choice group
