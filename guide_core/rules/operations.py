"""The operation table: for each (entity, op) its fields, who may do it, the
assignment transitions it makes, its conflict policy and the scope it writes.

``check(entity, op, actor, target, fields)`` is the whole rule of a write. The
server calls it before applying a pushed mutation, the client before queuing
one (instant feedback); both build ``Actor``/``Target`` from the rows they hold.
Existence (is the customer there, is the owner an active colleague, is the file
uploaded) is each side's look-up, answered with the codes of ``codes.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from guide_core.protocol import MUTATION_FIELDS

from . import assignments, tasks
from .codes import Code, Refusal, refuse
from .facts import Actor, ItemState, Target

Who = Callable[[Actor, Target], Refusal | None]


# --------------------------------------------------------------------------- who


def _anyone(actor: Actor, target: Target) -> Refusal | None:
    return None


def _store_row(actor: Actor, target: Target) -> Refusal | None:
    """Any row of one's own store (HQ: any store)."""
    if not actor.in_store(target.store_id):
        return refuse(Code.OTHER_STORE)
    return None


def _owned_or_store(actor: Actor, target: Target) -> Refusal | None:
    """Guides: rows they own (customer) or are assigned (assignment); supervisors:
    any of their store; HQ: any."""
    if refusal := _store_row(actor, target):
        return refusal
    if actor.role == "guide" and target.owner_id != actor.user_id:
        return refuse(Code.NOT_OWNER)
    return None


def _supervisor_of_store(actor: Actor, target: Target) -> Refusal | None:
    """The store's supervisor or HQ; never a guide."""
    if actor.role == "guide":
        return refuse(Code.FORBIDDEN, "只有店长或总部可以操作")
    return _store_row(actor, target)


def _customer_create(actor: Actor, target: Target) -> Refusal | None:
    """Guides create in their store for themselves; supervisors for anyone of their
    store; HQ in the store it names (required)."""
    if actor.is_hq:
        return None if target.store_id else refuse(Code.STORE_REQUIRED)
    if target.store_id not in (None, actor.store_id):
        return refuse(Code.OTHER_STORE)
    if actor.role == "guide" and target.owner_id not in (None, actor.user_id):
        return refuse(Code.NOT_OWNER, "导购新建的客户归属自己")
    return None


def _own_personal_script(actor: Actor, target: Target) -> Refusal | None:
    if target.scope != "personal" or target.owner_id != actor.user_id:
        return refuse(Code.FORBIDDEN, "只能修改自己的个人话术")
    return None


def _suggest_own_script(actor: Actor, target: Target) -> Refusal | None:
    """Only one's own personal script goes to HQ (HQ's own scripts are HQ's already)."""
    if actor.is_hq:
        return refuse(Code.FORBIDDEN, "总部的话术无需建议")
    if target.scope != "personal" or target.owner_id != actor.user_id:
        return refuse(Code.NOT_PERSONAL)
    return None


def _self(actor: Actor, target: Target) -> Refusal | None:
    """One's own account only."""
    if target.owner_id != actor.user_id:
        return refuse(Code.FORBIDDEN, "只能修改自己的设置")
    return None


def _own_mark(actor: Actor, target: Target) -> Refusal | None:
    """One's own Today marks only (``target.owner_id``: the mark's user)."""
    if target.owner_id != actor.user_id:
        return refuse(Code.NOT_OWNER, "只能标记自己的今日事项")
    return None


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Operation:
    entity: str
    op: str
    #: who may do it, from plain facts
    who: Who
    #: how concurrent writes of it combine (docs/ARCHITECTURE.md, conflict rules)
    conflict: str
    #: the scope its row syncs in: ``store`` (store:<id>), ``user`` (user:<id>),
    #: ``content`` (the row's own scope: global, store or user)
    scope: str
    #: assignment status before → after (empty: it leaves no status)
    transitions: Mapping[str, str] = field(default_factory=dict)

    @property
    def fields(self) -> type:
        """The protocol model its ``Mutation.fields`` must satisfy."""
        return MUTATION_FIELDS[(self.entity, self.op)]


_T = assignments.TRANSITIONS
OPERATIONS: dict[tuple[str, str], Operation] = {
    (o.entity, o.op): o
    for o in (
        Operation("customer", "create", _customer_create, "create_once", "store"),
        Operation("customer", "update", _owned_or_store, "last_writer_per_field", "store"),
        Operation("customer", "reassign", _supervisor_of_store, "last_writer", "store"),
        Operation("customer", "dismiss_duplicate", _supervisor_of_store, "remembered", "store"),
        Operation("customer", "merge", _supervisor_of_store, "merge_once", "store"),
        Operation("customer_tag", "add", _store_row, "add_remove", "store"),
        Operation("customer_tag", "remove", _store_row, "add_remove", "store"),
        Operation("follow_up", "create", _store_row, "append_only", "store"),
        Operation("item_check", "set", _owned_or_store, "latest_per_item", "store", _T["set"]),
        Operation("item_check", "contact", _owned_or_store, "add_only_set", "store", _T["contact"]),
        Operation("assignment", "start", _owned_or_store, "state_machine", "store", _T["start"]),
        Operation("assignment", "submit", _owned_or_store, "state_machine", "store", _T["submit"]),
        Operation(
            "assignment", "review", _supervisor_of_store, "final_review", "store", _T["review"]
        ),
        Operation("assignment", "reopen", _owned_or_store, "state_machine", "store", _T["reopen"]),
        Operation("task", "create", tasks.may_create_store_task, "create_once", "content"),
        Operation("script", "create", _anyone, "create_once", "user"),
        Operation("script", "update", _own_personal_script, "last_writer", "user"),
        Operation("script", "delete", _own_personal_script, "last_writer", "user"),
        Operation("script", "use", _anyone, "counter", "content"),
        Operation("material", "use", _anyone, "counter", "content"),
        Operation("script_suggestion", "create", _suggest_own_script, "create_once", "user"),
        Operation("favorite", "add", _anyone, "add_remove", "user"),
        Operation("favorite", "remove", _anyone, "add_remove", "user"),
        Operation("user", "set_qr", _self, "last_writer", "store"),
        # 离职继承: one transaction; the rest of its rule is rules.handover.handover_refusal
        Operation("user", "handover", _supervisor_of_store, "one_operation", "store"),
        Operation("today_action", "set", _own_mark, "last_writer", "user"),
        Operation("today_action", "clear", _own_mark, "last_writer", "user"),
    )
}
assert set(OPERATIONS) == set(MUTATION_FIELDS), "every protocol operation needs its rule"


def check(
    entity: str,
    op: str,
    actor: Actor,
    target: Target,
    fields: Mapping[str, Any] | None = None,
) -> Refusal | None:
    """The whole rule of one write, in a fixed order (so both sides give the same code):
    who may → the assignment's status → items and evidence → the review's reason."""
    operation = OPERATIONS.get((entity, op))
    if operation is None:
        return refuse(Code.UNKNOWN_OPERATION, f"{entity}.{op}")
    if refusal := operation.who(actor, target):
        return refusal
    fields = fields or {}
    if entity == "item_check" and op == "contact":
        return assignments.transition_refusal("contact", target.status) or (
            assignments.contact_refusal(fields.get("customer_id", ""), target.customers)
        )
    if entity == "item_check":
        return assignments.transition_refusal("set", target.status) or assignments.item_refusal(
            target.item or ItemState()
        )
    if entity == "task" and op == "create":
        return tasks.schedule_refusal(
            fields.get("start_at"),
            fields.get("due_at"),
            fields.get("recurrence"),
            fields.get("until"),
        )
    if entity == "assignment":
        if refusal := assignments.transition_refusal(op, target.status):
            return refusal
        if op == "submit":
            return assignments.submit_refusal(target.items)
        if op == "review":
            return assignments.review_refusal(fields.get("decision", ""), fields.get("reason", ""))
    return None
