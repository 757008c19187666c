"""HQ's and stores' scripts and script groups (话术, 分组): the admin area's writes and reads.

Every write checks :mod:`guide_core.rules.content` (who manages which scope, the group
tree's depth and cycles, templates, blocking sensitive words), writes an audit row and
gives the row a new version in its scope (``global`` for HQ content, ``store:<id>`` for a
store's) in the caller's transaction, so counter apps pull it. A retired script keeps its
row (the usage report) and reaches every reader as a removal.

:func:`save_script` and :func:`ensure_group_path` are also what the script import uses.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from guide_core.library_api import GroupMove, Retired, ScriptGroupWrite, ScriptWrite
from guide_core.protocol import MAX_NAME, ContentScope, ScriptData, ScriptGroupData
from guide_core.rules import Code, Refusal
from guide_core.rules.content import (
    depth_refusal,
    may_manage_content,
    template_refusal,
    text_refusal,
)
from guide_core.sensitive import Matcher
from guide_server.models import Material, Script, ScriptGroup, Store
from guide_server.models.base import utcnow
from guide_server.reader import Reader
from guide_server.services.library_common import audit, not_found, refuse_if, sensitive_matcher
from guide_server.services.rejection import Rejected
from guide_server.services.scopes import content_scope
from guide_server.sync.serialize import to_data
from guide_server.sync.versions import touch

#: Fields of a script a save compares and writes (``ScriptWrite`` minus scope/store).
_SCRIPT_FIELDS = (
    "group_id",
    "title",
    "body",
    "keywords",
    "items",
    "visibility",
    "valid_from",
    "valid_to",
)


def _scope_store(scope: str, store_id: str | None) -> str | None:
    return store_id if scope == ContentScope.STORE else None


def _check_manage(session: Session, reader: Reader, scope: str, store_id: str | None) -> None:
    refuse_if(may_manage_content(reader.actor, scope, store_id))
    if scope == ContentScope.STORE and session.get(Store, store_id) is None:
        raise Rejected(Code.UNKNOWN_STORE, store_id or "")


def scope_of(row: Script | ScriptGroup) -> str:
    return content_scope(row.scope, row.store_id, row.owner_id)


def script_data(row: Script, reader: Reader) -> ScriptData:
    return ScriptData.model_validate(to_data("script", row, reader))


def group_data(row: ScriptGroup) -> ScriptGroupData:
    return ScriptGroupData.model_validate(
        {f: getattr(row, f) for f in ScriptGroupData.model_fields}
    )


# --------------------------------------------------------------------------- groups


def _parent_of(session: Session):
    def parent_of(group_id: str) -> str | None:
        group = session.get(ScriptGroup, group_id)
        return group.parent_id if group is not None else None

    return parent_of


def _height(session: Session, group_id: str) -> int:
    """Levels of the subtree under (and including) a group."""
    children = session.scalars(
        select(ScriptGroup.id).where(ScriptGroup.parent_id == group_id)
    ).all()
    return 1 + max((_height(session, c) for c in children), default=0)


def _usable_group(
    session: Session, group_id: str | None, scope: str, store_id: str | None
) -> ScriptGroup | None:
    """A group a row of ``scope``/``store_id`` may sit in: HQ content in HQ groups, a
    store's in HQ groups or that store's (never a personal group)."""
    if group_id is None:
        return None
    group = session.get(ScriptGroup, group_id)
    fits = group is not None and (
        group.scope == ContentScope.HQ
        or (
            scope == ContentScope.STORE
            and group.scope == ContentScope.STORE
            and group.store_id == store_id
        )
    )
    if not fits:
        raise Rejected(Code.UNKNOWN_SCRIPT_GROUP, group_id)
    return group


def _managed_group(session: Session, reader: Reader, group_id: str) -> ScriptGroup:
    group = session.get(ScriptGroup, group_id, with_for_update=True)
    if group is None or group.scope == ContentScope.PERSONAL:
        raise not_found(Code.UNKNOWN_SCRIPT_GROUP, group_id)
    if not reader.is_hq and group.scope == ContentScope.STORE and group.store_id != reader.store_id:
        raise not_found(Code.UNKNOWN_SCRIPT_GROUP, group_id)
    refuse_if(may_manage_content(reader.actor, group.scope, group.store_id))
    return group


def list_groups(
    session: Session, reader: Reader, store_id: str | None = None
) -> list[ScriptGroupData]:
    """HQ's groups and one store's (a supervisor: their own; HQ: the one named, or none)."""
    if not reader.is_hq:
        if store_id not in (None, reader.store_id):
            raise Rejected(Code.OTHER_STORE)
        store_id = reader.store_id
    where = ScriptGroup.scope == ContentScope.HQ
    if store_id is not None:
        where = or_(
            where, and_(ScriptGroup.scope == ContentScope.STORE, ScriptGroup.store_id == store_id)
        )
    rows = session.scalars(
        select(ScriptGroup)
        .where(where)
        .order_by(ScriptGroup.sort, ScriptGroup.name, ScriptGroup.id)
    )
    return [group_data(g) for g in rows]


def create_group(session: Session, reader: Reader, write: ScriptGroupWrite) -> ScriptGroupData:
    store_id = _scope_store(write.scope, write.store_id)
    _check_manage(session, reader, write.scope, store_id)
    _usable_group(session, write.parent_id, write.scope, store_id)
    refuse_if(depth_refusal(write.parent_id, _parent_of(session)))
    group = ScriptGroup(
        id=str(uuid.uuid4()),
        parent_id=write.parent_id,
        name=write.name,
        scope=write.scope,
        store_id=store_id,
        owner_id=None,
        sort=write.sort,
    )
    session.add(group)
    session.flush()
    touch(session, "script_group", group.id, scope_of(group))
    audit(
        session,
        reader,
        "script_group_created",
        f"{group.id} {group.name} scope={group.scope} store={store_id}",
    )
    return group_data(group)


def _place(session: Session, group: ScriptGroup, parent_id: str | None) -> None:
    if parent_id == group.parent_id:
        return
    _usable_group(session, parent_id, group.scope, group.store_id)
    refuse_if(
        depth_refusal(
            parent_id,
            _parent_of(session),
            moving=group.id,
            subtree_height=_height(session, group.id),
        )
    )
    group.parent_id = parent_id


def update_group(
    session: Session, reader: Reader, group_id: str, write: ScriptGroupWrite
) -> ScriptGroupData:
    group = _managed_group(session, reader, group_id)
    if write.scope != group.scope or _scope_store(write.scope, write.store_id) != group.store_id:
        raise Rejected(
            Refusal(
                Code.INVALID_FIELD, "范围: 分组的范围和门店不能修改 (scope and store are fixed)"
            )
        )
    _place(session, group, write.parent_id)
    group.name, group.sort = write.name, write.sort
    session.flush()
    touch(session, "script_group", group.id, scope_of(group))
    audit(
        session, reader, "script_group_updated", f"{group.id} {group.name} parent={group.parent_id}"
    )
    return group_data(group)


def move_group(session: Session, reader: Reader, group_id: str, move: GroupMove) -> ScriptGroupData:
    group = _managed_group(session, reader, group_id)
    _place(session, group, move.parent_id)
    group.sort = move.sort
    session.flush()
    touch(session, "script_group", group.id, scope_of(group))
    audit(
        session,
        reader,
        "script_group_moved",
        f"{group.id} parent={group.parent_id} sort={group.sort}",
    )
    return group_data(group)


def delete_group(session: Session, reader: Reader, group_id: str) -> Retired:
    """Remove an empty group (no subgroups, no live scripts); retired scripts leave it."""
    group = _managed_group(session, reader, group_id)
    child = session.scalar(select(ScriptGroup.id).where(ScriptGroup.parent_id == group_id).limit(1))
    live = session.scalar(
        select(Script.id).where(Script.group_id == group_id, Script.retired_at.is_(None)).limit(1)
    )
    if child is not None or live is not None:
        raise Rejected(Code.GROUP_NOT_EMPTY, group.name)
    for script in session.scalars(select(Script).where(Script.group_id == group_id)):
        script.group_id = None  # retired: no reader holds it any more
    scope = scope_of(group)
    session.delete(group)
    session.flush()
    touch(session, "script_group", group_id, scope, deleted=True)
    audit(session, reader, "script_group_deleted", f"{group_id} {group.name}")
    return Retired(id=group_id, entity="script_group")


def ensure_group_path(
    session: Session, reader: Reader, path: Sequence[str], scope: str, store_id: str | None
) -> tuple[str | None, int]:
    """The group at ``path`` (names from the root, e.g. ``["节日", "春节"]``), made where missing.

    Used by the script import: an existing group of the same name under the same parent
    and in the same scope (and store) is reused, a missing one created (audited,
    versioned). Returns ``(group_id, groups created)``; an empty path is ``(None, 0)``.
    Raises :class:`Rejected` (FORBIDDEN/OTHER_STORE, INVALID_FIELD for an empty or too
    long name, GROUP_TOO_DEEP past 8 levels).
    """
    names = [n.strip() for n in path]
    if not names:
        return None, 0
    store_id = _scope_store(scope, store_id)
    _check_manage(session, reader, scope, store_id)
    for name in names:
        if not name or len(name) > MAX_NAME:
            raise Rejected(
                Refusal(Code.INVALID_FIELD, f"分组: 名称应为1至{MAX_NAME}个字 ({name!r})")
            )
    refuse_if(depth_refusal(None, lambda _g: None, subtree_height=len(names)))
    parent: str | None = None
    created = 0
    for name in names:
        found = session.scalar(
            select(ScriptGroup.id)
            .where(
                ScriptGroup.name == name,
                ScriptGroup.scope == scope,
                ScriptGroup.parent_id.is_(None)
                if parent is None
                else ScriptGroup.parent_id == parent,
                ScriptGroup.store_id.is_(None)
                if store_id is None
                else ScriptGroup.store_id == store_id,
            )
            .order_by(ScriptGroup.id)
            .limit(1)
        )
        if found is None:
            found = create_group(
                session,
                reader,
                ScriptGroupWrite(scope=scope, store_id=store_id, parent_id=parent, name=name),
            ).id
            created += 1
        parent = found
    return parent, created


# --------------------------------------------------------------------------- scripts


def _check_texts(session: Session, write: ScriptWrite, matcher: Matcher | None) -> None:
    refuse_if(template_refusal(write.body))
    texts = [write.title, write.body, *(i.text for i in write.items)]  # what customers read
    refuse_if(text_refusal(matcher if matcher is not None else sensitive_matcher(session), *texts))
    if write.valid_from and write.valid_to and write.valid_from > write.valid_to:
        raise Rejected(
            Refusal(Code.INVALID_FIELD, "有效期: 开始日期晚于结束日期 (valid_from after valid_to)")
        )
    for item in write.items:
        if item.kind == "material":
            m = session.get(Material, item.material_id) if item.material_id else None
            if m is None or m.retired_at is not None:
                raise Rejected(Code.UNKNOWN_MATERIAL, item.material_id or "")


def _values(write: ScriptWrite) -> dict:
    return {
        "group_id": write.group_id,
        "title": write.title,
        "body": write.body,
        "keywords": list(write.keywords),
        "items": [i.model_dump(mode="json") for i in write.items],
        "visibility": write.visibility.model_dump(mode="json"),
        "valid_from": write.valid_from,
        "valid_to": write.valid_to,
    }


def _managed_script(session: Session, reader: Reader, script_id: str) -> Script:
    script = session.get(Script, script_id, with_for_update=True)
    if script is None or script.scope == ContentScope.PERSONAL:
        raise not_found(Code.UNKNOWN_SCRIPT, script_id)
    if (
        not reader.is_hq
        and script.scope == ContentScope.STORE
        and script.store_id != reader.store_id
    ):
        raise not_found(Code.UNKNOWN_SCRIPT, script_id)
    refuse_if(may_manage_content(reader.actor, script.scope, script.store_id))
    return script


def save_script(
    session: Session,
    actor_reader: Reader,
    write: ScriptWrite,
    script_id: str | None = None,
    *,
    matcher: Matcher | None = None,
) -> tuple[Script, bool]:
    """Create (``script_id`` None: a new id) or replace an HQ or store script.

    Checks who may manage the scope (HQ: any; a supervisor: their store's), the store
    and group (HQ content in HQ groups; a store's in HQ groups or its own), the body's
    template, blocking sensitive words in title, body and item texts (``matcher``:
    pass one to check many scripts against one list; default: the table's, cached),
    the validity dates and the items' materials. A script's scope and store are fixed
    once made. Saving a retired script brings it back. Writes, audits and versions in
    the caller's transaction only when something changed.

    Returns ``(script row, changed)``. Raises
    :class:`~guide_server.services.rejection.Rejected` (``.code``, Chinese ``.reason``;
    :class:`~guide_server.services.library_common.NotFound` when ``script_id`` is unknown).
    """
    store_id = _scope_store(write.scope, write.store_id)
    if script_id is not None:
        script = _managed_script(session, actor_reader, script_id)
        if write.scope != script.scope or store_id != script.store_id:
            raise Rejected(
                Refusal(
                    Code.INVALID_FIELD, "范围: 话术的范围和门店不能修改 (scope and store are fixed)"
                )
            )
    else:
        script = None
        _check_manage(session, actor_reader, write.scope, store_id)
    _usable_group(session, write.group_id, write.scope, store_id)
    _check_texts(session, write, matcher)
    values = _values(write)
    if script is None:
        script = Script(
            id=str(uuid.uuid4()),
            scope=write.scope,
            store_id=store_id,
            owner_id=None,
            use_count=0,
            **values,
        )
        session.add(script)
        action = "script_created"
    else:
        current = {k: getattr(script, k) for k in values}
        current["visibility"] = {
            k: list((script.visibility or {}).get(k) or [])
            for k in ("region_ids", "store_ids", "roles")
        }
        if current == values and script.retired_at is None:
            return script, False
        for key, value in values.items():
            setattr(script, key, value)
        script.retired_at = None
        action = "script_updated"
    session.flush()
    touch(session, "script", script.id, scope_of(script))
    audit(
        session,
        actor_reader,
        action,
        f"{script.id} {script.title} scope={script.scope} store={store_id}",
    )
    return script, True


def retire_script(session: Session, reader: Reader, script_id: str) -> Retired:
    """Take a script out of every counter app (a removal on their next pull); kept for reports."""
    script = _managed_script(session, reader, script_id)
    if script.retired_at is None:
        script.retired_at = utcnow()
        session.flush()
        touch(session, "script", script.id, scope_of(script))
        audit(session, reader, "script_retired", f"{script.id} {script.title}")
    return Retired(id=script.id, entity="script")


def list_scripts(
    session: Session,
    reader: Reader,
    *,
    group_id: str | None = None,
    q: str | None = None,
    store_id: str | None = None,
    retired: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[ScriptData], int]:
    """HQ's scripts and a store's (a supervisor: their own; HQ: the one named, or every
    store's), by title; ``q`` matches title, body or a keyword; one page and the total."""
    if not reader.is_hq:
        if store_id not in (None, reader.store_id):
            raise Rejected(Code.OTHER_STORE)
        store_id = reader.store_id
    where = [Script.scope != ContentScope.PERSONAL]
    if store_id is not None:
        where.append(or_(Script.scope == ContentScope.HQ, Script.store_id == store_id))
    where.append(Script.retired_at.is_not(None) if retired else Script.retired_at.is_(None))
    if group_id is not None:
        where.append(Script.group_id == group_id)
    if q and q.strip():
        where.append(
            or_(
                Script.title.like(_like(q), escape="!"),
                Script.body.like(_like(q), escape="!"),
                # JSON is stored with non-ASCII escaped (\uXXXX): match that spelling
                cast(Script.keywords, String).like(_like(json.dumps(q.strip())[1:-1]), escape="!"),
            )
        )

    total = session.scalar(select(func.count()).select_from(Script).where(*where)) or 0
    rows = session.scalars(
        select(Script).where(*where).order_by(Script.title, Script.id).offset(offset).limit(limit)
    )
    return [script_data(s, reader) for s in rows], int(total)


def _like(text: str) -> str:
    """``%text%`` for LIKE … ESCAPE '!', the text's own ``%``, ``_`` and ``!`` literal."""
    text = text.strip()
    for ch in "!%_":
        text = text.replace(ch, "!" + ch)
    return f"%{text}%"


def get_script(session: Session, reader: Reader, script_id: str) -> Script:
    return _managed_script(session, reader, script_id)


__all__ = [
    "create_group",
    "delete_group",
    "ensure_group_path",
    "list_groups",
    "list_scripts",
    "move_group",
    "retire_script",
    "save_script",
    "update_group",
]
