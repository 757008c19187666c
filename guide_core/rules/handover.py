"""离职继承 (handover): who gets whom, and whether a handover may be applied.

Both sides run these pure functions: the supervisor's PC for the preview and the
instant refusal, the server before it applies ``user.handover`` (one transaction).

- The plan (:func:`plan_even`, :func:`plan_by_tag`, :func:`plan_by_hand`) maps each
  customer id to the receiving colleague's id; :func:`by_receiver` turns it into the
  mutation's ``receivers`` (receiver → customer ids), :func:`pieces` cuts a large one
  into mutations of at most ``MAX_HANDOVER_CUSTOMERS`` (the last one deactivates).
- :func:`handover_refusal`: the actor may (the store's supervisor for a guide of the
  store, HQ for anyone of a store: ``rules.users.may_manage_user``); every receiver is
  an active guide or supervisor of the same store and not the leaving one; every
  customer belongs to the leaving guide and the store; the selection is not empty.
- :func:`grace_refusal`: after a handover the leaving guide's tokens may still push,
  for :data:`GRACE_DAYS`, the edits their PC made to the customers handed over from
  them (so nothing typed offline is lost); nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from guide_core.protocol import MAX_HANDOVER_CUSTOMERS, Role

from .codes import Code, Refusal, refuse
from .facts import Actor, Target
from .users import may_manage_user

#: How long a handed-over guide's PC may still push its last edits (days).
GRACE_DAYS = 30
#: What such a push may carry: edits of a customer (fields last-writer-wins, follow-ups
#: appended, tags), on customers handed over from that guide only; and customers the PC
#: created meanwhile (the server gives them to a receiver of the handover: none is lost).
GRACE_OPS = frozenset(
    {
        ("customer", "create"),
        ("customer", "update"),
        ("follow_up", "create"),
        ("customer_tag", "add"),
        ("customer_tag", "remove"),
    }
)

MODE_EVEN = "even"  # 平均分配
MODE_TAG = "tag"  # 按标签
MODE_HAND = "hand"  # 手动选择


@dataclass(frozen=True)
class Staff:
    """An account as the rules see it."""

    id: str
    role: str
    store_id: str | None
    active: bool = True
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class HandedCustomer:
    """A customer named in a handover, as the side that checks holds it."""

    id: str
    store_id: str
    owner_id: str | None
    name: str = ""


# --------------------------------------------------------------------------- the plan


def plan_even(
    customer_ids: Sequence[str], receivers: Sequence[str], loads: Mapping[str, int] | None = None
) -> dict[str, str]:
    """Round robin over ``receivers`` balanced by count: each customer (in the order
    given) goes to the receiver with the fewest so far (``loads``: counts they start
    with, e.g. to even out over several handovers); ties go in ``receivers``' order."""
    if not receivers:
        return {}
    count = {r: int((loads or {}).get(r, 0)) for r in receivers}
    order = {r: i for i, r in enumerate(receivers)}
    plan: dict[str, str] = {}
    for cid in customer_ids:
        who = min(receivers, key=lambda r: (count[r], order[r]))
        plan[cid] = who
        count[who] += 1
    return plan


def plan_by_tag(
    customer_ids: Sequence[str],
    tags_of: Mapping[str, Iterable[str]],
    rules: Sequence[tuple[str, str]],
    rest: Sequence[str],
) -> dict[str, str]:
    """Customers with tag X → guide A (``rules``: (tag id, receiver), the first that
    matches wins); the customers no rule matches go evenly to ``rest`` (left out of the
    plan when ``rest`` is empty, which :func:`handover_refusal` then names)."""
    plan: dict[str, str] = {}
    unmatched: list[str] = []
    loads: dict[str, int] = {}
    for cid in customer_ids:
        tags = set(tags_of.get(cid, ()))
        who = next((r for tag, r in rules if tag in tags), None)
        if who is None:
            unmatched.append(cid)
        else:
            plan[cid] = who
            loads[who] = loads.get(who, 0) + 1
    plan.update(plan_even(unmatched, rest, loads))
    return plan


def plan_by_hand(choices: Mapping[str, str | None]) -> dict[str, str]:
    """The supervisor's own choice per customer (customers left without one are not handed)."""
    return {cid: who for cid, who in choices.items() if who}


def by_receiver(plan: Mapping[str, str]) -> dict[str, list[str]]:
    """receiver → customer ids (the mutation's ``receivers``), in the plan's order."""
    out: dict[str, list[str]] = {}
    for cid, who in plan.items():
        out.setdefault(who, []).append(cid)
    return out


def pieces(
    plan: Mapping[str, str], size: int = MAX_HANDOVER_CUSTOMERS
) -> list[dict[str, list[str]]]:
    """The plan cut into mutations' ``receivers`` of at most ``size`` customers each."""
    items = list(plan.items())
    return [by_receiver(dict(items[i : i + size])) for i in range(0, len(items), size)] or [{}]


def counts(plan: Mapping[str, str]) -> dict[str, int]:
    """How many customers each receiver gets."""
    out: dict[str, int] = {}
    for who in plan.values():
        out[who] = out.get(who, 0) + 1
    return out


# --------------------------------------------------------------------------- the rule


def _who(actor: Actor, leaving: Staff | None) -> Refusal | None:
    from .operations import check  # the operation table's row ("user", "handover")

    if actor.role == Role.GUIDE:
        return refuse(Code.FORBIDDEN, "只有店长或总部可以办理离职交接")
    if leaving is None or leaving.role == Role.HQ or leaving.store_id is None:
        return refuse(Code.UNKNOWN_OWNER, "离职人员不是门店的导购/店长")
    if refusal := check("user", "handover", actor, Target(store_id=leaving.store_id)):
        return refusal
    return may_manage_user(actor.role, actor.store_id, leaving.role, leaving.store_id)


def handover_refusal(
    actor: Actor,
    leaving: Staff | None,
    receivers: Mapping[str, Staff | None],
    plan: Mapping[str, str],
    customers: Mapping[str, HandedCustomer | None],
) -> Refusal | None:
    """May ``actor`` hand ``plan`` (customer id → receiver id) over from ``leaving``?

    ``receivers``: every receiver id of the plan with its account (``None``: unknown);
    ``customers``: every customer id of the plan as held (``None``: not held).
    The first problem is answered, naming who or which customer.
    """
    if refusal := _who(actor, leaving):
        return refusal
    assert leaving is not None
    if not plan:
        return refuse(Code.INVALID_FIELD, "没有选择要交接的客户 (no customer selected)")
    for rid in dict.fromkeys(plan.values()):
        staff = receivers.get(rid)
        if rid == leaving.id:
            return refuse(Code.INVALID_FIELD, f"不能把客户交给离职的本人: {leaving.label}")
        if staff is None:
            return refuse(Code.UNKNOWN_OWNER, f"接收人不存在: {rid}")
        if staff.role not in (Role.GUIDE, Role.SUPERVISOR) or staff.store_id != leaving.store_id:
            return refuse(Code.UNKNOWN_OWNER, f"{staff.label} 不是本店导购/店长")
        if not staff.active:
            return refuse(Code.UNKNOWN_OWNER, f"{staff.label} 的账号已停用")
    for cid in plan:
        customer = customers.get(cid)
        if customer is None or customer.store_id != leaving.store_id:
            return refuse(Code.UNKNOWN_CUSTOMER, cid)
        if customer.owner_id != leaving.id:
            who = customer.name or cid
            return refuse(Code.NOT_OWNER, f"客户 {who} 不归 {leaving.label} 负责")
    return None


def grace_refusal(
    entity: str,
    op: str,
    user_id: str,
    previous_owner_id: str | None,
    grace_until: datetime,
    now: datetime,
) -> Refusal | None:
    """May a handed-over guide's revoked token push this edit (see the module doc)?

    ``previous_owner_id``: the customer's, as the server holds it (the guide the last
    handover took it from); ``grace_until``: the token's end of grace.
    """
    if now >= grace_until:
        return refuse(Code.FORBIDDEN, "账号已停用 (交接后的补传期已过)")
    if (entity, op) not in GRACE_OPS:
        return refuse(Code.FORBIDDEN, "账号已停用, 只能补传交接前对客户的修改")
    if (entity, op) == ("customer", "create"):
        return None  # a new card: it goes to a receiver (see GRACE_OPS)
    if previous_owner_id != user_id:
        return refuse(Code.NOT_OWNER, "账号已停用, 只能补传交接给同事的客户的修改")
    return None


def grace_until(revoked_at: datetime) -> datetime:
    return revoked_at + timedelta(days=GRACE_DAYS)


def plan_of(receivers: Mapping[str, Sequence[str]]) -> tuple[dict[str, str], list[str]]:
    """A mutation's ``receivers`` back to the plan, and the customer ids named twice."""
    plan: dict[str, str] = {}
    twice: list[str] = []
    for rid, cids in receivers.items():
        for cid in cids:
            if cid in plan:
                twice.append(cid)
            plan[cid] = rid
    return plan, twice
