"""Uses of scripts and materials: the push handlers that record one (``script.use``,
``material.use``) and the usage report HQ and supervisors read.

A use is a ``usage_event`` row (the guide's clock in ``at``, recorded offline; the
customer it was for, when known) and a bump of the item's ``use_count``. The report
counts events over ``[date_from, date_to]`` (whole days, UTC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guide_core.library_api import UsageReport, UsageRow
from guide_core.protocol import ContentScope, Mutation, Role
from guide_core.rules import Actor, Code, Refusal
from guide_core.rules.content import may_see_usage
from guide_core.rules.visibility import material_visible, script_visible
from guide_server.models import Customer, Material, Script, Store, UsageEvent, User
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, Reader
from guide_server.services.library_common import refuse_if
from guide_server.services.rejection import Rejected
from guide_server.services.scopes import content_scope
from guide_server.sync.versions import touch

#: Rows in each of the report's lists.
REPORT_ROWS = 20
#: Longest period one report covers (days).
MAX_REPORT_DAYS = 366


def _record(session: Session, reader: Reader, m: Mutation, entity: str, fields: dict) -> datetime:
    at = fields.get("at") or utcnow()
    customer_id = fields.get("customer_id")
    if customer_id is not None:  # kept only when it is a customer the guide may name
        customer = session.get(Customer, customer_id)
        if customer is None or not reader.can_see_store(customer.store_id):
            customer_id = None
    session.add(
        UsageEvent(
            id=str(m.mutation_id),
            entity=entity,
            item_id=m.entity_id,
            user_id=reader.user_id,
            store_id=reader.store_id,
            customer_id=customer_id,
            at=at,
        )
    )
    return at


def script_use(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    script = session.get(Script, m.entity_id, with_for_update=True)
    if script is None or not script_visible(
        reader.actor, script.scope, script.owner_id, script.store_id
    ):
        raise Rejected(Code.UNKNOWN_SCRIPT, m.entity_id)
    at = _record(session, reader, m, "script", fields)
    script.use_count = (script.use_count or 0) + 1
    if script.last_used_at is None or at > script.last_used_at:
        script.last_used_at = at
    session.flush()
    touch(
        session, "script", script.id, content_scope(script.scope, script.store_id, script.owner_id)
    )
    return "script", script.id


def material_use(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    material = session.get(Material, m.entity_id, with_for_update=True)
    if material is None or not material_visible(reader.actor, material.visibility):
        raise Rejected(Code.UNKNOWN_MATERIAL, m.entity_id)
    _record(session, reader, m, "material", fields)
    material.use_count = (material.use_count or 0) + 1
    session.flush()
    touch(session, "material", material.id, GLOBAL)
    return "material", material.id


# --------------------------------------------------------------------------- the report


def _visible_items(session: Session, store_id: str | None) -> dict[tuple[str, str], str]:
    """(entity, id) → title of every live HQ/store script and material a report covers
    (for one store: what its guide or supervisor sees)."""
    staff: list[Actor] = []
    if store_id is not None:
        region = session.scalar(select(Store.region_id).where(Store.id == store_id))
        staff = [Actor(role, "", store_id, region) for role in (Role.GUIDE, Role.SUPERVISOR)]

    def seen(visibility: dict | None) -> bool:
        return not staff or any(material_visible(a, visibility) for a in staff)

    items: dict[tuple[str, str], str] = {}
    scripts = select(Script.id, Script.title, Script.visibility).where(
        Script.retired_at.is_(None), Script.scope != ContentScope.PERSONAL
    )
    if store_id is not None:
        scripts = scripts.where((Script.scope == ContentScope.HQ) | (Script.store_id == store_id))
    for i, title, vis in session.execute(scripts):
        if seen(vis):
            items[("script", i)] = title
    materials = select(Material.id, Material.title, Material.visibility).where(
        Material.retired_at.is_(None)
    )
    for i, title, vis in session.execute(materials):
        if seen(vis):
            items[("material", i)] = title
    return items


def usage_report(
    session: Session,
    reader: Reader,
    date_from: date,
    date_to: date,
    store_id: str | None = None,
    by: str = "item",
) -> UsageReport:
    """Uses per item (``by=item``), per item and store (``store``) or per item and guide
    (``guide``) over the period: ``most`` the 20 most used, ``least`` the 20 least used
    live items (zero uses included; per item). A supervisor sees their own store only."""
    if not reader.is_hq:
        store_id = store_id or reader.store_id
    refuse_if(may_see_usage(reader.actor, store_id))
    if date_to < date_from:
        raise Rejected(
            Refusal(Code.INVALID_FIELD, "日期: 结束日期早于开始日期 (date_to before date_from)")
        )
    if (date_to - date_from).days >= MAX_REPORT_DAYS:
        raise Rejected(
            Refusal(Code.INVALID_FIELD, f"日期: 一次最多统计{MAX_REPORT_DAYS}天 (period too long)")
        )
    start = datetime.combine(date_from, time.min, tzinfo=UTC)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC)
    keys = [UsageEvent.entity, UsageEvent.item_id]
    if by == "store":
        keys.append(UsageEvent.store_id)
    elif by == "guide":
        keys += [UsageEvent.store_id, UsageEvent.user_id]
    stmt = (
        select(*keys, func.count(), func.max(UsageEvent.at))
        .where(UsageEvent.at >= start, UsageEvent.at < end)
        .group_by(*keys)
    )
    if store_id is not None:
        stmt = stmt.where(UsageEvent.store_id == store_id)
    items = _visible_items(session, store_id)
    rows = session.execute(stmt).all()
    titles = _titles(session, {(r[0], r[1]) for r in rows} - set(items))
    names = _names(session, {r[3] for r in rows} if by == "guide" else set())
    found: list[UsageRow] = []
    per_item: dict[tuple[str, str], int] = {}
    for r in rows:
        entity, item_id = r[0], r[1]
        if (entity, item_id) not in items and (entity, item_id) not in titles:
            continue  # a personal script: the guide's own, not the chain's
        uses, last = int(r[-2]), r[-1]
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        per_item[(entity, item_id)] = per_item.get((entity, item_id), 0) + uses
        found.append(
            UsageRow(
                entity=entity,
                id=item_id,
                title=items.get((entity, item_id)) or titles.get((entity, item_id), ""),
                uses=uses,
                store_id=r[2] if by in ("store", "guide") else store_id,
                guide_id=r[3] if by == "guide" else None,
                guide_name=names.get(r[3], "") if by == "guide" else "",
                last_used_at=last,
            )
        )
    found.sort(key=lambda u: (-u.uses, u.title, u.id, u.store_id or "", u.guide_id or ""))
    least = sorted(
        (
            UsageRow(entity=e, id=i, title=t, uses=per_item.get((e, i), 0), store_id=store_id)
            for (e, i), t in items.items()
        ),
        key=lambda u: (u.uses, u.title, u.id),
    )[:REPORT_ROWS]
    return UsageReport(
        date_from=date_from,
        date_to=date_to,
        store_id=store_id,
        by=by,
        most=found[:REPORT_ROWS],
        least=least,
    )


def _titles(session: Session, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Titles of used items the report does not list as live (retired, hidden), personal
    scripts left out."""
    out: dict[tuple[str, str], str] = {}
    for entity, model in (("script", Script), ("material", Material)):
        ids = sorted(i for e, i in keys if e == entity)
        for n in range(0, len(ids), 1000):
            stmt = select(model.id, model.title).where(model.id.in_(ids[n : n + 1000]))
            if model is Script:
                stmt = stmt.where(Script.scope != ContentScope.PERSONAL)
            for i, t in session.execute(stmt):
                out[(entity, i)] = t
    return out


def _names(session: Session, user_ids: set[str]) -> dict[str, str]:
    ids = sorted(i for i in user_ids if i)
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
