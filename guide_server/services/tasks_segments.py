"""Outreach targets: which of a guide's own customers an item's list or segment means.

Resolved once, when the guide's assignment of an occurrence is made (the list is the
assignment's ``targets``); the matching rule is ``guide_core.rules.tasks.segment_matches``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.rules.tasks import CustomerFacts, segment_matches
from guide_server.models import Customer, CustomerTag, TaskItem
from guide_server.services.chain_settings import stage_thresholds


def _facts(session: Session, store_id: str, guide_id: str) -> dict[str, CustomerFacts]:
    rows = session.execute(
        select(
            Customer.id,
            Customer.level,
            Customer.last_purchase_at,
            Customer.member_since,
            Customer.order_count,
        ).where(Customer.store_id == store_id, Customer.owner_id == guide_id)
    ).all()
    tags: dict[str, set[str]] = defaultdict(set)
    ids = [r[0] for r in rows]
    for start in range(0, len(ids), 500):
        for cid, tid in session.execute(
            select(CustomerTag.customer_id, CustomerTag.tag_id).where(
                CustomerTag.customer_id.in_(ids[start : start + 500])
            )
        ):
            tags[cid].add(tid)
    return {
        cid: CustomerFacts(level or "normal", frozenset(tags[cid]), last, since, count or 0)
        for cid, level, last, since, count in rows
    }


def resolve_targets(
    session: Session,
    store_id: str,
    guide_id: str,
    items: list[TaskItem],
    today: date,
    *,
    sole_guide: bool = False,
) -> dict[str, list[str]]:
    """item id → target customer ids for one guide, for every outreach item.

    A segment: the guide's own customers that match it. A fixed list: the listed
    customers the guide owns (all listed customers of the store when the task has
    this one guide only).
    """
    outreach = [i for i in items if i.kind == "outreach" or i.segment or i.customer_ids]
    if not outreach:
        return {}
    facts = _facts(session, store_id, guide_id)
    thresholds = stage_thresholds(session)
    targets: dict[str, list[str]] = {}
    for item in outreach:
        if item.segment:
            found = [
                cid
                for cid, f in facts.items()
                if segment_matches(f, item.segment, today, thresholds)
            ]
        elif item.customer_ids:
            listed = list(dict.fromkeys(item.customer_ids))
            if sole_guide:
                found = list(
                    session.scalars(
                        select(Customer.id).where(
                            Customer.store_id == store_id, Customer.id.in_(listed)
                        )
                    )
                )
                found = [c for c in listed if c in set(found)]
            else:
                found = [c for c in listed if c in facts]
        else:
            found = []
        targets[item.id] = sorted(found)
    return targets
