"""guide_core.rules: the shared rules as plain functions (the parity test runs them end to end)."""

from __future__ import annotations

import pytest

from guide_core.protocol import MUTATION_FIELDS, AssignmentStatus
from guide_core.rules import OPERATIONS, TEXT, Actor, Code, ItemState, Refusal, Target, check
from guide_core.rules import assignments as machine
from guide_core.rules.tags import group_selection_refusal, single_choice_drops, tag_group_visible
from guide_core.rules.visibility import sees_whole_phone

GUIDE = Actor("guide", "g1", "S1")
COLLEAGUE_ID = "g2"
SUPERVISOR = Actor("supervisor", "m1", "S1")
HQ = Actor("hq", "hq", None)


def test_every_protocol_operation_has_one_rule_with_its_fields_model():
    assert set(OPERATIONS) == set(MUTATION_FIELDS)
    for key, operation in OPERATIONS.items():
        assert operation.fields is MUTATION_FIELDS[key]
        assert operation.scope in ("store", "user", "content") and operation.conflict


def test_every_code_has_chinese_and_a_refusal_reads_text_then_detail():
    assert set(TEXT) == set(Code)
    assert Refusal(Code.NOT_OWNER, "c-1").reason == "只能操作自己负责的客户或任务 (c-1)"
    assert (
        Refusal(Code.INVALID_FIELD, "手机号(phone): 应为11位").reason == "手机号(phone): 应为11位"
    )


@pytest.mark.parametrize("status", list(AssignmentStatus))
def test_approved_is_final_for_everyone_and_only_there(status):
    target = Target(store_id="S1", owner_id="g1", status=status, item=ItemState())
    for actor in (GUIDE, SUPERVISOR, HQ):
        refusal = check("item_check", "set", actor, target)
        assert (refusal is not None and refusal.code == Code.APPROVED_FINAL) == (
            status == AssignmentStatus.APPROVED
        )


def test_state_machine():
    s = AssignmentStatus
    assert machine.next_status("start", s.TODO) == s.IN_PROGRESS
    assert machine.next_status("start", s.SENT_BACK) == s.IN_PROGRESS
    assert machine.next_status("start", s.IN_PROGRESS) == s.IN_PROGRESS  # a repeated start
    assert machine.next_status("review", s.SUBMITTED, "send_back") == s.SENT_BACK
    assert machine.transition_refusal("start", s.SUBMITTED).code == Code.INVALID_TRANSITION
    assert machine.transition_refusal("submit", s.SUBMITTED).code == Code.INVALID_TRANSITION
    assert machine.transition_refusal("review", s.IN_PROGRESS).code == Code.INVALID_TRANSITION
    # a second review (another PC was first) says so, whatever the first decided
    assert machine.transition_refusal("review", s.APPROVED).code == Code.ALREADY_REVIEWED
    assert machine.transition_refusal("review", s.SENT_BACK).code == Code.ALREADY_REVIEWED
    assert machine.transition_refusal("start", s.APPROVED).code == Code.APPROVED_FINAL


def test_submit_needs_every_item_ticked_and_evidence_where_required():
    target = Target(store_id="S1", owner_id="g1", status="in_progress")

    def submit(*items: ItemState) -> Code | None:
        refusal = check(
            "assignment", "submit", GUIDE, Target(**{**target.__dict__, "items": items})
        )
        return refusal.code if refusal else None

    assert (
        submit(ItemState(done=True), ItemState(requires_evidence=True, done=True, evidence="x"))
        is None
    )
    assert submit(ItemState(done=True), ItemState(done=False)) == Code.ITEMS_UNCHECKED
    assert submit(ItemState(requires_evidence=True, done=True)) == Code.EVIDENCE_MISSING


def test_who_may_act_on_whose_row():
    own = Target(store_id="S1", owner_id="g1", status="in_progress")
    colleague = Target(store_id="S1", owner_id=COLLEAGUE_ID, status="in_progress")
    other_store = Target(store_id="S2", owner_id="x", status="in_progress")
    assert check("customer", "update", GUIDE, own) is None
    assert check("customer", "update", GUIDE, colleague).code == Code.NOT_OWNER
    assert check("customer", "update", SUPERVISOR, colleague) is None
    assert check("customer", "update", SUPERVISOR, other_store).code == Code.OTHER_STORE
    assert check("customer", "update", HQ, other_store) is None
    assert check("follow_up", "create", GUIDE, colleague) is None  # any customer of the store
    assert check("customer", "reassign", GUIDE, own).code == Code.FORBIDDEN
    assert check("assignment", "review", GUIDE, own).code == Code.FORBIDDEN
    review = Target(store_id="S1", owner_id="g1", status="submitted")
    no_reason = {"decision": "send_back", "reason": " "}
    assert check("assignment", "review", SUPERVISOR, review, no_reason).code == Code.REASON_REQUIRED
    assert check("customer", "create", HQ, Target()).code == Code.STORE_REQUIRED
    assert check("customer", "create", GUIDE, Target(owner_id=COLLEAGUE_ID)).code == Code.NOT_OWNER


def test_single_choice_and_group_visibility():
    assert single_choice_drops("single", "t1", ["t1", "t2", "t3"]) == ["t2", "t3"]
    assert single_choice_drops("multi", "t1", ["t2"]) == []
    assert group_selection_refusal("single", ["a", "b"]).code == Code.SINGLE_CHOICE
    assert group_selection_refusal("single", ["a"]) is None
    assert not tag_group_visible("guide", ["supervisor"])
    assert tag_group_visible("hq", ["supervisor"])  # HQ publishes groups: sees every one


def test_whole_phone():
    assert sees_whole_phone(GUIDE, "g1", "S1") and not sees_whole_phone(GUIDE, COLLEAGUE_ID, "S1")
    assert sees_whole_phone(SUPERVISOR, COLLEAGUE_ID, "S1")
    assert not sees_whole_phone(SUPERVISOR, "x", "S2")
    assert sees_whole_phone(HQ, "x", "S2")


def test_every_operation_has_its_chinese_words_for_the_attention_list():
    from guide_app.domain.labels import ENTITIES, OPS

    assert {e for e, _ in OPERATIONS} <= set(ENTITIES)
    assert {op for _, op in OPERATIONS} <= set(OPS)
