"""Push handlers for customers, tags on customers, and follow-ups."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_app.sync.protocol import ContentScope, Mutation, Role, customer_tag_id
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
from guide_server.sync.rejection import FORBIDDEN, Rejected
from guide_server.sync.serialize import tag_group_visible
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
        raise Rejected(f"unknown owner: {user_id} 不是该门店在职导购/店长")
    return user


def load_customer(session: Session, reader: Reader, customer_id: str, *, write: bool) -> Customer:
    """The customer, if the reader's store holds it; a guide may write only their own."""
    customer = session.get(Customer, customer_id, with_for_update=write)
    if customer is None:
        raise Rejected(f"unknown customer: 客户不存在 ({customer_id})")
    if not reader.can_see_store(customer.store_id):
        raise Rejected(FORBIDDEN)
    return customer


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
        raise Rejected("姓名(name): 不能为空")
    return out


def customer_create(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    if session.get(Customer, m.entity_id) is not None:
        raise Rejected(f"客户已存在 (customer exists: {m.entity_id})")
    if reader.is_hq:
        store_id = fields.get("store_id")
        if not store_id:
            raise Rejected("store_id required: 总部新建客户必须指定门店")
        owner_id = fields.get("owner_id")
        if owner_id:
            _store_staff(session, owner_id, store_id)
    else:
        store_id = reader.store_id
        if fields.get("store_id") not in (None, store_id):
            raise Rejected(FORBIDDEN)
        owner_id = fields.get("owner_id") or reader.user_id
        if owner_id != reader.user_id:
            if not reader.is_supervisor:
                raise Rejected(FORBIDDEN)
            _store_staff(session, owner_id, store_id)
    if store_id is None or session.get(Store, store_id) is None:
        raise Rejected(f"unknown store: {store_id}")
    values = _cleaned(fields)
    customer = Customer(
        id=m.entity_id,
        store_id=store_id,
        owner_id=owner_id,
        member_since=date.today(),
        created_at=utcnow(),
        **values,
    )
    session.add(customer)
    session.flush()
    touch(session, "customer", customer.id, store_scope(store_id))
    return "customer", customer.id


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def customer_update(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    customer = load_customer(session, reader, m.entity_id, write=True)
    if reader.role == Role.GUIDE and customer.owner_id != reader.user_id:
        raise Rejected(FORBIDDEN + " (只能修改自己负责的客户)")
    changed = False
    for key, value in _cleaned(fields).items():
        old = getattr(customer, key)
        if old == value:
            continue
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
    if changed:
        session.flush()
        touch(session, "customer", customer.id, store_scope(customer.store_id))
    return "customer", customer.id


def customer_reassign(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    if reader.role == Role.GUIDE:
        raise Rejected(FORBIDDEN + " (导购不能转交客户)")
    customer = load_customer(session, reader, m.entity_id, write=True)
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
    if tag is None or group is None:
        raise Rejected(f"unknown tag: 标签不存在 ({tag_id})")
    if group.scope == ContentScope.STORE and group.store_id != customer.store_id:
        raise Rejected(FORBIDDEN + " (其他门店的标签)")
    if not tag_group_visible(group, reader):
        raise Rejected(FORBIDDEN)
    return tag, group


def _check_link_id(m: Mutation, fields: dict) -> None:
    expected = customer_tag_id(fields["customer_id"], fields["tag_id"])
    if m.entity_id != expected:
        raise Rejected(
            f"entity_id mismatch: 应为 customer_tag_id(customer_id, tag_id) = {expected}"
        )


def _drop_link(session: Session, link: CustomerTag) -> None:
    session.delete(link)
    session.flush()
    touch(session, "customer_tag", link.id, store_scope(link.store_id), deleted=True)


def customer_tag_add(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    _check_link_id(m, fields)
    customer = load_customer(session, reader, fields["customer_id"], write=True)
    tag, group = _tag_for(session, reader, customer, fields["tag_id"])
    if group.choice == "single":
        siblings = session.scalars(
            select(CustomerTag)
            .join(Tag, Tag.id == CustomerTag.tag_id)
            .where(
                CustomerTag.customer_id == customer.id,
                Tag.group_id == group.id,
                CustomerTag.tag_id != tag.id,
            )
        ).all()
        for link in siblings:
            _drop_link(session, link)
    if session.get(CustomerTag, m.entity_id) is None:
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
    load_customer(session, reader, fields["customer_id"], write=True)
    link = session.get(CustomerTag, m.entity_id)
    if link is not None:
        _drop_link(session, link)
    return "customer_tag", m.entity_id


def follow_up_create(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    if session.get(FollowUp, m.entity_id) is not None:
        raise Rejected(f"跟进记录已存在 (follow_up exists: {m.entity_id})")
    customer = load_customer(session, reader, fields["customer_id"], write=False)
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
