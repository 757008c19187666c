"""HQ's customer tag groups and their tags (标签组), managed in the library's admin area.

A group is written with its whole tag list: a listed name that exists keeps its tag
(and id), a new name is a new tag, an existing tag left out is removed, unless
customers carry it (refused: 409, naming the tag and how many carry it). HQ groups live
in ``global``; each tag in its group's scope.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guide_core.library_api import Retired, TagGroupWithTags, TagGroupWrite
from guide_core.protocol import ContentScope, TagData, TagGroupData
from guide_core.rules import Code, Refusal
from guide_core.rules.content import may_manage_global
from guide_server.models import CustomerTag, Tag, TagGroup
from guide_server.reader import GLOBAL, Reader
from guide_server.services.library_common import audit, not_found, refuse_if
from guide_server.services.rejection import Rejected
from guide_server.sync.versions import touch


class InUse(Rejected):
    """A tag customers carry cannot be removed: 409."""

    status = 409


def _group_data(g: TagGroup) -> TagGroupData:
    return TagGroupData(
        id=g.id,
        name=g.name,
        choice=g.choice,
        scope=g.scope,
        store_id=g.store_id,
        visible_roles=list(g.visible_roles or []),
        sort=g.sort,
    )


def _with_tags(session: Session, g: TagGroup) -> TagGroupWithTags:
    tags = session.scalars(select(Tag).where(Tag.group_id == g.id).order_by(Tag.sort, Tag.name))
    return TagGroupWithTags(
        group=_group_data(g),
        tags=[
            TagData(id=t.id, group_id=t.group_id, name=t.name, color=t.color, sort=t.sort)
            for t in tags
        ],
    )


def list_tag_groups(session: Session, reader: Reader) -> list[TagGroupWithTags]:
    refuse_if(may_manage_global(reader.actor))
    groups = session.scalars(
        select(TagGroup)
        .where(TagGroup.scope == ContentScope.HQ)
        .order_by(TagGroup.sort, TagGroup.name)
    )
    return [_with_tags(session, g) for g in groups]


def _uses(session: Session, tag_id: str) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(CustomerTag).where(CustomerTag.tag_id == tag_id)
        )
        or 0
    )


def _write_tags(session: Session, group: TagGroup, names: list[str]) -> None:
    wanted: list[str] = []
    for name in names:
        if name not in wanted:
            wanted.append(name)
    existing = {t.name: t for t in session.scalars(select(Tag).where(Tag.group_id == group.id))}
    for name, tag in existing.items():
        if name not in wanted:
            uses = _uses(session, tag.id)
            if uses:
                raise InUse(
                    Refusal(
                        Code.INVALID_FIELD,
                        f"标签: 「{name}」已用于{uses}位客户, 不能删除 (tag in use)",
                    )
                )
            session.delete(tag)
            session.flush()
            touch(session, "tag", tag.id, GLOBAL, deleted=True)
    for sort, name in enumerate(wanted):
        tag = existing.get(name)
        if tag is None:
            tag = Tag(id=str(uuid.uuid4()), group_id=group.id, name=name, sort=sort)
            session.add(tag)
        elif tag.sort == sort:
            continue
        tag.sort = sort
        session.flush()
        touch(session, "tag", tag.id, GLOBAL)


def save_tag_group(
    session: Session, reader: Reader, write: TagGroupWrite, group_id: str | None = None
) -> TagGroupWithTags:
    refuse_if(may_manage_global(reader.actor))
    if group_id is None:
        group = TagGroup(id=str(uuid.uuid4()), scope=ContentScope.HQ, store_id=None)
        session.add(group)
        action = "tag_group_created"
    else:
        group = session.get(TagGroup, group_id, with_for_update=True)
        if group is None or group.scope != ContentScope.HQ:
            raise not_found(Code.UNKNOWN_TAG, group_id)
        action = "tag_group_updated"
    group.name, group.choice, group.sort = write.name, str(write.choice), write.sort
    group.visible_roles = list(write.roles)
    session.flush()
    touch(session, "tag_group", group.id, GLOBAL)
    _write_tags(session, group, write.tags)
    audit(session, reader, action, f"{group.id} {group.name} tags={len(write.tags)}")
    return _with_tags(session, group)


def delete_tag_group(session: Session, reader: Reader, group_id: str) -> Retired:
    refuse_if(may_manage_global(reader.actor))
    group = session.get(TagGroup, group_id, with_for_update=True)
    if group is None or group.scope != ContentScope.HQ:
        raise not_found(Code.UNKNOWN_TAG, group_id)
    _write_tags(session, group, [])
    session.delete(group)
    session.flush()
    touch(session, "tag_group", group_id, GLOBAL, deleted=True)
    audit(session, reader, "tag_group_deleted", f"{group_id} {group.name}")
    return Retired(id=group_id, entity="tag_group")
