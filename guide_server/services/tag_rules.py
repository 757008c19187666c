"""Auto-tag rules (自动打标, issue 12): which customers meet a rule, and the tags that follow.

Rules and their conditions are described in ``guide_core.tag_rules_api``. Evaluation is
set-based: each condition is one SQL statement over ``customer`` / ``orders`` (restricted
to the customers an import touched, in chunks of :data:`CHUNK` ids, or over everyone),
giving the ids that meet it; a rule's tag links are then read once, and the difference is
written in batches: one executemany of new links (``services.bulk.insert_rows``) or one
delete, versions per store scope in one step, the change index upserted. No per-customer
ORM loop.

A person's tagging wins: only links whose ``source`` is this rule are removed; a
(customer, tag) in ``tag_removal`` (a person took it off) is never added again; a
single-choice group where the customer has another tag is left alone.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import String, and_, cast, delete, func, or_, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from guide_core.lifecycle import StageThresholds
from guide_core.protocol import TagChoice, customer_tag_id
from guide_core.tag_rules_api import (
    BoughtCondition,
    ChannelCondition,
    Condition,
    SpentCondition,
    StageCondition,
    TagRuleRun,
    TagRuleWrite,
    rule_source,
)
from guide_server.customer_figures import COUNTED
from guide_server.db import Database
from guide_server.db_errors import is_transient
from guide_server.models import Customer, CustomerTag, Order, Tag, TagGroup, TagRemoval, TagRule
from guide_server.models.base import utcnow
from guide_server.reader import store_scope
from guide_server.services.bulk import insert_rows, table_row
from guide_server.services.chain_settings import stage_thresholds
from guide_server.sync.versions import take_versions, upsert_sync_rows

log = logging.getLogger(__name__)

#: Ids per ``IN (…)`` list and links per write.
CHUNK = 500
BATCH = 1000
#: Chain days are Beijing days.
CHAIN_TZ = timezone(timedelta(hours=8))


def chain_today() -> date:
    return datetime.now(CHAIN_TZ).date()


def _chunks(ids: Iterable[str], n: int = CHUNK) -> Iterator[list[str]]:
    items = sorted(set(ids))
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _since(today: date, days: int) -> datetime:
    """Start (UTC) of the Beijing day ``days - 1`` days before ``today``: the last ``days`` days."""
    return datetime.combine(today - timedelta(days=days - 1), time(0), CHAIN_TZ).astimezone(UTC)


# ------------------------------------------------------------------ conditions → SQL


def _stage_clause(stage: str, today: date, t: StageThresholds):
    """``guide_core.lifecycle.stage_of`` as portable SQL (date cut-offs instead of arithmetic).

    ``stage_of`` counts whole days between dates (a purchase time by its UTC date, as the
    server stores it), so "≤ n days ago" is "on or after ``today - n``".
    """
    last, joined, n = Customer.last_purchase_at, Customer.member_since, Customer.order_count

    def ref_within(days: int):
        cut = today - timedelta(days=days)
        return or_(
            and_(last.is_not(None), last >= datetime.combine(cut, time(0), UTC)),
            and_(last.is_(None), joined.is_not(None), joined >= cut),
        )

    is_new = or_(
        and_(
            joined.is_not(None),
            joined >= today - timedelta(days=t.new_days),
            func.coalesce(n, 0) <= t.new_max_orders,
        ),
        and_(last.is_(None), joined.is_(None)),
    )
    if stage == "new":
        return is_new
    active = ref_within(t.active_days)
    if stage == "active":
        return and_(~is_new, active)
    dormant = ref_within(t.dormant_days)
    if stage == "dormant":
        return and_(~is_new, ~active, dormant)
    return and_(~is_new, ~dormant)


def _counted(since: datetime | None = None) -> list:
    where = [Order.customer_id.is_not(None), Order.status.in_(COUNTED)]
    if since is not None:
        where.append(Order.paid_at >= since)
    return where


def _matching_in(
    session: Session, cond: Condition, ids: list[str] | None, today: date, t: StageThresholds
) -> set[str]:
    """Ids among ``ids`` (``None``: every customer) meeting ``cond``."""
    if isinstance(cond, StageCondition):
        q = select(Customer.id).where(_stage_clause(cond.stage, today, t))
        if ids is not None:
            q = q.where(Customer.id.in_(ids))
        return set(session.scalars(q))
    if isinstance(cond, SpentCondition):
        q = select(Order.customer_id).where(*_counted(_since(today, cond.days)))
        if ids is not None:
            q = q.where(Order.customer_id.in_(ids))
        q = q.group_by(Order.customer_id).having(func.sum(Order.amount_cents) >= cond.min_cents)
        return set(session.scalars(q))
    if isinstance(cond, ChannelCondition):
        a = select(Customer.id).where(Customer.source_channel == cond.channel)
        b = select(Order.customer_id).where(*_counted(), Order.channel == cond.channel)
        if ids is not None:
            a, b = a.where(Customer.id.in_(ids)), b.where(Order.customer_id.in_(ids))
        return set(session.scalars(a)) | set(session.scalars(b.distinct()))
    if isinstance(cond, BoughtCondition):
        # JSON text may hold the name as typed or \u-escaped: either narrows the rows, and
        # each candidate's items are then checked exactly
        raw = cond.text
        escaped = json.dumps(raw)[1:-1]
        as_text = cast(Order.items, String)
        q = select(Order.customer_id, Order.items).where(
            *_counted(_since(today, cond.days)),
            or_(as_text.contains(raw, autoescape=True), as_text.contains(escaped, autoescape=True)),
        )
        if ids is not None:
            q = q.where(Order.customer_id.in_(ids))
        found = set()
        for cid, items in session.execute(q):
            if cid not in found and any(raw in str((i or {}).get("name", "")) for i in items or []):
                found.add(cid)
        return found
    raise ValueError(f"unknown condition {cond!r}")


def matching(
    session: Session,
    cond: Condition,
    customer_ids: Iterable[str] | None,
    today: date,
    t: StageThresholds,
) -> set[str]:
    """Customers meeting ``cond`` (among ``customer_ids``; ``None``: all of them)."""
    if customer_ids is None:
        return _matching_in(session, cond, None, today, t)
    out: set[str] = set()
    for chunk in _chunks(customer_ids):
        out |= _matching_in(session, cond, chunk, today, t)
    return out


# ------------------------------------------------------------------ applying one rule


@dataclass(frozen=True)
class _Rule:
    id: str
    tag_id: str
    condition: Condition
    active: bool


def _rule_of(row: TagRule) -> _Rule:
    cond = TagRuleWrite.model_validate(
        {"name": row.name, "tag_id": row.tag_id, "condition": row.condition}
    ).condition
    return _Rule(row.id, row.tag_id, cond, bool(row.active))


def _links(session: Session, tag_id: str, ids: list[str] | None) -> dict[str, tuple[str, str]]:
    """customer id → (link source, store id) of ``tag_id``."""
    q = select(CustomerTag.customer_id, CustomerTag.source, CustomerTag.store_id).where(
        CustomerTag.tag_id == tag_id
    )
    if ids is None:
        return {c: (s or "", st) for c, s, st in session.execute(q)}
    out = {}
    for chunk in _chunks(ids):
        out |= {
            c: (s or "", st)
            for c, s, st in session.execute(q.where(CustomerTag.customer_id.in_(chunk)))
        }
    return out


def _excluded(session: Session, tag: Tag, group: TagGroup | None, ids: set[str]) -> set[str]:
    """Of ``ids``: a person took this tag off, or another tag of its single-choice group is on."""
    out: set[str] = set()
    for chunk in _chunks(ids):
        out |= set(
            session.scalars(
                select(TagRemoval.customer_id).where(
                    TagRemoval.tag_id == tag.id, TagRemoval.customer_id.in_(chunk)
                )
            )
        )
        if group is not None and group.choice == TagChoice.SINGLE:
            out |= set(
                session.scalars(
                    select(CustomerTag.customer_id)
                    .join(Tag, Tag.id == CustomerTag.tag_id)
                    .where(
                        Tag.group_id == group.id,
                        CustomerTag.tag_id != tag.id,
                        CustomerTag.customer_id.in_(chunk),
                    )
                )
            )
    return out


def _add(session: Session, rule: _Rule, ids: set[str]) -> int:
    """New links of the rule's tag; a link taken off before has a tombstone, so the change
    index is upserted (``services.bulk.insert_new`` only inserts)."""
    added, now = 0, utcnow()
    for chunk in _chunks(ids, BATCH):
        rows = session.execute(select(Customer.id, Customer.store_id).where(Customer.id.in_(chunk)))
        by_store: dict[str, list[dict]] = defaultdict(list)
        for cid, store_id in rows:
            by_store[store_id].append(
                {
                    "id": customer_tag_id(cid, rule.tag_id),
                    "customer_id": cid,
                    "tag_id": rule.tag_id,
                    "store_id": store_id,
                    "added_by": None,
                    "added_at": now,
                    "source": rule_source(rule.id),
                }
            )
        batch = [d for part in by_store.values() for d in part]
        if not batch:
            continue
        insert_rows(session, CustomerTag.__table__, [table_row("customer_tag", d) for d in batch])
        index = []
        for store_id, part in by_store.items():
            scope = store_scope(store_id)
            last = take_versions(session, scope, len(part))
            index += [
                ("customer_tag", d["id"], scope, last - len(part) + 1 + n, False)
                for n, d in enumerate(part)
            ]
        upsert_sync_rows(session, index)
        added += len(batch)
    return added


def _remove(session: Session, tag_id: str, links: list[tuple[str, str]]) -> int:
    """Delete links ``(customer id, store id)`` of ``tag_id`` with their tombstones."""
    for i in range(0, len(links), BATCH):
        part = links[i : i + BATCH]
        link_ids = [customer_tag_id(c, tag_id) for c, _ in part]
        session.execute(
            delete(CustomerTag)
            .where(CustomerTag.id.in_(link_ids))
            .execution_options(synchronize_session=False)
        )
        by_store: dict[str, list[str]] = defaultdict(list)
        for (_, store_id), link_id in zip(part, link_ids, strict=True):
            by_store[store_id].append(link_id)
        index = []
        for store_id, ids in by_store.items():
            scope = store_scope(store_id)
            last = take_versions(session, scope, len(ids))
            index += [
                ("customer_tag", link_id, scope, last - len(ids) + 1 + n, True)
                for n, link_id in enumerate(ids)
            ]
        upsert_sync_rows(session, index)
    return len(links)


def apply_rule(
    session: Session,
    rule: _Rule,
    customer_ids: Iterable[str] | None,
    today: date,
    t: StageThresholds,
) -> tuple[int, int]:
    """Bring ``rule``'s tag in line with its condition; ``(added, removed)``."""
    ids = None if customer_ids is None else sorted(set(customer_ids))
    tag = session.get(Tag, rule.tag_id)
    met = matching(session, rule.condition, ids, today, t) if rule.active and tag else set()
    links = _links(session, rule.tag_id, ids)
    mine = rule_source(rule.id)
    gone = [(c, store) for c, (src, store) in links.items() if src == mine and c not in met]
    new = met - links.keys()
    if new and tag is not None:
        new -= _excluded(session, tag, session.get(TagGroup, tag.group_id), new)
    added = _add(session, rule, new) if new else 0
    removed = _remove(session, rule.tag_id, gone) if gone else 0
    return added, removed


def apply_tag_rules(
    db: Database,
    customer_ids: Iterable[str] | None = None,
    rule_ids: Iterable[str] | None = None,
    today: date | None = None,
) -> TagRuleRun:
    """Run the rules (all, or ``rule_ids``) over ``customer_ids`` (``None``: every customer).

    One transaction per rule; an inactive rule takes its tags off. Called at the end of
    every order import with the customers it touched, by ``guide-server apply-tag-rules``
    over everyone (conditions over "the last N days" change with the date), and when HQ
    saves or deletes a rule.
    """
    today = today or chain_today()
    ids = None if customer_ids is None else sorted(set(customer_ids))
    if ids is not None and not ids:
        return TagRuleRun()
    with db.read() as session:
        q = select(TagRule).order_by(TagRule.created_at, TagRule.id)
        if rule_ids is not None:
            q = q.where(TagRule.id.in_(list(rule_ids)))
        rules = [_rule_of(r) for r in session.scalars(q)]
    added = removed = 0
    for rule in rules:
        a, r = _apply_with_retry(db, rule, ids, today)
        added, removed = added + a, removed + r
    return TagRuleRun(rules=len(rules), added=added, removed=removed)


def _apply_with_retry(
    db: Database, rule: _Rule, ids: list[str] | None, today: date
) -> tuple[int, int]:
    """One rule in one transaction; again from a fresh read when a person tagged one of the
    same customers meanwhile (unique key) or the database was busy (3 tries)."""
    for attempt in range(3):
        try:
            with db.write() as session:
                return apply_rule(session, rule, ids, today, stage_thresholds(session))
        except (IntegrityError, DBAPIError) as exc:
            if attempt == 2 or not (isinstance(exc, IntegrityError) or is_transient(exc)):
                raise
            log.warning("tag rule %s: retrying after %s", rule.id, type(exc).__name__)
    raise AssertionError("unreachable")


def remember_removal(session: Session, customer_id: str, tag_id: str, user_id: str | None) -> None:
    """A person took ``tag_id`` off ``customer_id``: no rule adds it back (``tag_removal``)."""
    row = session.get(TagRemoval, (customer_id, tag_id))
    if row is None:
        session.add(TagRemoval(customer_id=customer_id, tag_id=tag_id, removed_by=user_id))
    else:
        row.removed_by, row.removed_at = user_id, utcnow()
