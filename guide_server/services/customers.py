"""Push handlers for customers, tags on customers, and follow-ups."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from guide_core.duplicates import member_key, phone_key
from guide_core.protocol import ContentScope, Mutation, Role, customer_tag_id
from guide_core.rules import Code, Target, check
from guide_core.rules.tags import single_choice_drops, tag_group_visible
from guide_server.audit import record
from guide_server.models import (
    Customer,
    CustomerHistory,
    CustomerTag,
    FollowUp,
    Store,
    Tag,
    TagGroup,
    User,
)
from guide_server.models.base import utcnow
from guide_server.reader import Reader, store_scope
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.services.tag_rules import remember_removal
from guide_server.sync.versions import touch

_STRING_DEFAULTS = {
    "remark_name": "",
    "phone": "",
    "member_no": "",
    "source_channel": "",
    "notes": "",
    "level": "normal",
}
_BOOL_FIELDS = ("in_group", "consent_sms", "consent_wecom")


def _store_staff(session: Session, user_id: str, store_id: str) -> User:
    user = session.get(User, user_id)
    if (
        user is None
        or not user.active
        or user.store_id != store_id
        or user.role not in (Role.GUIDE, Role.SUPERVISOR)
    ):
        raise Rejected(Code.UNKNOWN_OWNER, user_id)
    return user


def load_customer(session: Session, reader: Reader, customer_id: str, *, write: bool) -> Customer:
    """The customer, if the reader's store holds it (another store's is unknown to them,
    as it is to their app: no answer tells that it exists)."""
    customer = session.get(Customer, customer_id, with_for_update=write)
    if customer is None or not reader.can_see_store(customer.store_id):
        raise Rejected(Code.UNKNOWN_CUSTOMER, customer_id, denied=customer is not None)
    return customer


def _customer_target(customer: Customer) -> Target:
    return Target(store_id=customer.store_id, owner_id=customer.owner_id)


def _cleaned(fields: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in fields.items():
        if key in ("owner_id", "store_id"):
            continue
        if value is None and key in _STRING_DEFAULTS:
            value = _STRING_DEFAULTS[key]
        elif value is None and key in _BOOL_FIELDS:
            value = False
        out[key] = value
    if "name" in out and out["name"] is None:
        raise Rejected(Code.INVALID_FIELD, "姓名(name): 不能为空")
    return out


# --------------------------------------------------------------------------- duplicates
# A create or update whose phone or member no. another customer of the store
# already has is applied (it may come from a PC that was offline) and the
# customer is flagged with ``duplicate_of`` for the supervisor. The check runs
# under a per-store lock (PostgreSQL: a transaction advisory lock, taken before
# any row lock; SQLite writers are serialised anyway), so two PCs pushing the
# same new customer at the same moment cannot both miss each other.

#: Candidates looked at per check (a number shared by many cards, e.g. a store's
#: placeholder phone, flags each new card against the earliest anyway).
_DUPLICATE_SCAN = 50


def _lock_store_duplicates(session: Session, store_id: str) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.blake2b(f"duplicates:{store_id}".encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def _same_keys(a: Customer, b: Customer) -> bool:
    pa, ma = phone_key(a.phone), member_key(a.member_no)
    return bool((pa and pa == phone_key(b.phone)) or (ma and ma == member_key(b.member_no)))


def _earliest_match(session: Session, customer: Customer) -> str | None:
    """The earliest other customer of the store with the same phone or member no.,
    leaving out pairs already known (flagged the other way round, or dismissed)."""
    keys = []
    if phone := phone_key(customer.phone):
        keys.append(Customer.phone == phone)
    if member := member_key(customer.member_no):
        keys.append(Customer.member_no == member)
    if not keys:
        return None
    rows = session.execute(
        select(Customer.id, Customer.duplicate_of, Customer.duplicate_dismissed_of)
        .where(Customer.store_id == customer.store_id, Customer.id != customer.id, or_(*keys))
        .order_by(Customer.created_at, Customer.id)
        .limit(_DUPLICATE_SCAN)
    ).all()
    for other_id, their_flag, their_dismissed in rows:
        if other_id == customer.duplicate_dismissed_of or customer.id in (
            their_flag,
            their_dismissed,
        ):
            continue
        return other_id
    return None


def _set_flag(
    session: Session, reader: Reader, m: Mutation, customer: Customer, value: str | None
) -> bool:
    if customer.duplicate_of == value:
        return False
    session.add(
        CustomerHistory(
            customer_id=customer.id,
            field="duplicate_of",
            old_value=customer.duplicate_of,
            new_value=value,
            changed_by=reader.user_id,
            mutation_id=str(m.mutation_id),
        )
    )
    customer.duplicate_of = value
    return True


def _recheck_flag(session: Session, reader: Reader, m: Mutation, customer: Customer) -> bool:
    """Keep a flag whose pair still matches; otherwise flag against the earliest match (or none)."""
    current = session.get(Customer, customer.duplicate_of) if customer.duplicate_of else None
    if current is not None and _same_keys(customer, current):
        return False
    return _set_flag(session, reader, m, customer, _earliest_match(session, customer))


def _recheck_flagged_against(
    session: Session, reader: Reader, m: Mutation, customer: Customer
) -> list[Customer]:
    """Customers flagged as duplicates of ``customer``, re-checked after its phone or
    member no. changed; returns those whose flag changed."""
    flagged = session.scalars(
        select(Customer).where(Customer.duplicate_of == customer.id).with_for_update()
    ).all()
    return [other for other in flagged if _recheck_flag(session, reader, m, other)]


def customer_create(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    if session.get(Customer, m.entity_id) is not None:
        raise Rejected(Code.ALREADY_EXISTS, f"customer {m.entity_id}")
    asked = Target(store_id=fields.get("store_id"), owner_id=fields.get("owner_id"))
    refuse_if(check("customer", "create", reader.actor, asked, fields))
    store_id = fields.get("store_id") if reader.is_hq else reader.store_id
    if store_id is None or session.get(Store, store_id) is None:
        raise Rejected(Code.UNKNOWN_STORE, str(store_id))
    owner_id = fields.get("owner_id") or (None if reader.is_hq else reader.user_id)
    if owner_id and (reader.is_hq or owner_id != reader.user_id):
        _store_staff(session, owner_id, store_id)
    values = _cleaned(fields)
    _lock_store_duplicates(session, store_id)
    customer = Customer(
        id=m.entity_id,
        store_id=store_id,
        owner_id=owner_id,
        member_since=date.today(),
        created_at=utcnow(),
        **values,
    )
    customer.duplicate_of = _earliest_match(session, customer)
    session.add(customer)
    session.flush()
    touch(session, "customer", customer.id, store_scope(store_id))
    return "customer", customer.id


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def customer_update(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    if "phone" in fields or "member_no" in fields:
        # before any row lock (see _lock_store_duplicates); a customer never changes store
        store_id = session.scalar(select(Customer.store_id).where(Customer.id == m.entity_id))
        if store_id is not None and reader.can_see_store(store_id):
            _lock_store_duplicates(session, store_id)
    customer = load_customer(session, reader, m.entity_id, write=True)
    refuse_if(check("customer", "update", reader.actor, _customer_target(customer), fields))
    changed = False
    keys_changed = False
    for key, value in _cleaned(fields).items():
        old = getattr(customer, key)
        if old == value:
            continue
        keys_changed |= key in ("phone", "member_no")
        session.add(
            CustomerHistory(
                customer_id=customer.id,
                field=key,
                old_value=_json_value(old),
                new_value=_json_value(value),
                changed_by=reader.user_id,
                mutation_id=str(m.mutation_id),
            )
        )
        setattr(customer, key, value)
        changed = True
    others: list[Customer] = []
    if keys_changed:
        session.flush()
        _recheck_flag(session, reader, m, customer)
        others = _recheck_flagged_against(session, reader, m, customer)
    if changed:
        session.flush()
        touch(session, "customer", customer.id, store_scope(customer.store_id))
        for other in others:
            touch(session, "customer", other.id, store_scope(other.store_id))
    return "customer", customer.id


def customer_dismiss_duplicate(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    """The supervisor checked: not the same person. A dismiss of a flag that has since
    changed (or was dismissed on another PC) leaves the row as it is."""
    customer = load_customer(session, reader, m.entity_id, write=True)
    target = _customer_target(customer)
    refuse_if(check("customer", "dismiss_duplicate", reader.actor, target, fields))
    if customer.duplicate_of is not None and customer.duplicate_of == fields["duplicate_of"]:
        customer.duplicate_dismissed_of = customer.duplicate_of
        _set_flag(session, reader, m, customer, None)
        record(
            session,
            reader,
            "dismiss_duplicate",
            f"customer={customer.id} of={fields['duplicate_of']}",
        )
        session.flush()
        touch(session, "customer", customer.id, store_scope(customer.store_id))
    return "customer", customer.id


def customer_reassign(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    customer = load_customer(session, reader, m.entity_id, write=True)
    refuse_if(check("customer", "reassign", reader.actor, _customer_target(customer), fields))
    new_owner = _store_staff(session, fields["owner_id"], customer.store_id)
    if customer.owner_id != new_owner.id:
        session.add(
            CustomerHistory(
                customer_id=customer.id,
                field="owner_id",
                old_value=customer.owner_id,
                new_value=new_owner.id,
                changed_by=reader.user_id,
                mutation_id=str(m.mutation_id),
            )
        )
        record(
            session,
            reader,
            "handover",
            f"customer={customer.id} {customer.owner_id}->{new_owner.id}",
        )
        customer.owner_id = new_owner.id
        session.flush()
        touch(session, "customer", customer.id, store_scope(customer.store_id))
    return "customer", customer.id


def _tag_for(
    session: Session, reader: Reader, customer: Customer, tag_id: str
) -> tuple[Tag, TagGroup]:
    tag = session.get(Tag, tag_id)
    group = session.get(TagGroup, tag.group_id) if tag else None
    if (
        tag is None
        or group is None
        or (group.scope == ContentScope.STORE and group.store_id != customer.store_id)
        or not tag_group_visible(reader.role, group.visible_roles)
    ):  # another store's group, or one hidden from the role: unknown to them
        raise Rejected(Code.UNKNOWN_TAG, tag_id)
    return tag, group


def _check_link_id(m: Mutation, fields: dict) -> None:
    expected = customer_tag_id(fields["customer_id"], fields["tag_id"])
    if m.entity_id != expected:
        raise Rejected(Code.ID_MISMATCH, f"应为 customer_tag_id(customer_id, tag_id) = {expected}")


def _drop_link(session: Session, link: CustomerTag) -> None:
    session.delete(link)
    session.flush()
    touch(session, "customer_tag", link.id, store_scope(link.store_id), deleted=True)


def customer_tag_add(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    _check_link_id(m, fields)
    customer = load_customer(session, reader, fields["customer_id"], write=True)
    target = _customer_target(customer)
    refuse_if(check("customer_tag", "add", reader.actor, target, fields))
    tag, group = _tag_for(session, reader, customer, fields["tag_id"])
    in_group = {
        link.tag_id: link
        for link in session.scalars(
            select(CustomerTag)
            .join(Tag, Tag.id == CustomerTag.tag_id)
            .where(CustomerTag.customer_id == customer.id, Tag.group_id == group.id)
        )
    }
    for dropped in single_choice_drops(group.choice, tag.id, in_group):
        _drop_link(session, in_group[dropped])
        remember_removal(session, customer.id, dropped, reader.user_id)  # no rule re-adds it
    existing = session.get(CustomerTag, m.entity_id)
    if existing is not None and existing.source:  # set by a rule: now the person's own
        existing.source = ""
        session.flush()
        touch(session, "customer_tag", m.entity_id, store_scope(customer.store_id))
    if existing is None:
        session.add(
            CustomerTag(
                id=m.entity_id,
                customer_id=customer.id,
                tag_id=tag.id,
                store_id=customer.store_id,
                added_by=reader.user_id,
                added_at=utcnow(),
            )
        )
        session.flush()
        touch(session, "customer_tag", m.entity_id, store_scope(customer.store_id))
    return "customer_tag", m.entity_id


def customer_tag_remove(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    _check_link_id(m, fields)
    customer = load_customer(session, reader, fields["customer_id"], write=True)
    target = _customer_target(customer)
    refuse_if(check("customer_tag", "remove", reader.actor, target, fields))
    link = session.get(CustomerTag, m.entity_id)
    if link is not None:
        _drop_link(session, link)
    remember_removal(session, customer.id, fields["tag_id"], reader.user_id)  # no rule re-adds it
    return "customer_tag", m.entity_id


def follow_up_create(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    if session.get(FollowUp, m.entity_id) is not None:
        raise Rejected(Code.ALREADY_EXISTS, f"follow_up {m.entity_id}")
    customer = load_customer(session, reader, fields["customer_id"], write=False)
    target = _customer_target(customer)
    refuse_if(check("follow_up", "create", reader.actor, target, fields))
    session.add(
        FollowUp(
            id=m.entity_id,
            customer_id=customer.id,
            store_id=customer.store_id,
            guide_id=reader.user_id,
            channel=fields["channel"],
            text=fields["text"],
            at=fields["at"],
            next_follow_up_on=fields.get("next_follow_up_on"),
            created_at=utcnow(),
        )
    )
    session.flush()
    touch(session, "follow_up", m.entity_id, store_scope(customer.store_id))
    return "follow_up", m.entity_id
