"""Push handlers for content: personal scripts, and use counts of scripts and materials."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guide_core.protocol import ContentScope, Mutation
from guide_server.models import Material, Script, ScriptGroup
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, Reader
from guide_server.services import scopes
from guide_server.services.rejection import FORBIDDEN, Rejected
from guide_server.sync.serialize import material_visible
from guide_server.sync.versions import touch


def content_scope(row: Script | ScriptGroup) -> str:
    """Where a script (or group) syncs: global, its store, or its owner."""
    return scopes.content_scope(row.scope, row.store_id, row.owner_id)


def _script_visible(row: Script | ScriptGroup, reader: Reader) -> bool:
    if row.scope == ContentScope.PERSONAL:
        return row.owner_id == reader.user_id
    if row.scope == ContentScope.STORE:
        return reader.can_see_store(row.store_id)
    return True


def _check_group(session: Session, reader: Reader, group_id: str | None) -> None:
    if group_id is None:
        return
    group = session.get(ScriptGroup, group_id)
    if group is None or not _script_visible(group, reader):
        raise Rejected(f"unknown script group: 话术分组不存在 ({group_id})")


def _own_script(session: Session, reader: Reader, script_id: str) -> Script:
    script = session.get(Script, script_id, with_for_update=True)
    if script is None or not _script_visible(script, reader):
        raise Rejected(f"unknown script: 话术不存在 ({script_id})")
    if script.scope != ContentScope.PERSONAL or script.owner_id != reader.user_id:
        raise Rejected(FORBIDDEN + " (只能修改自己的个人话术)")
    return script


def script_create(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    if session.get(Script, m.entity_id) is not None:
        raise Rejected(f"话术已存在 (script exists: {m.entity_id})")
    _check_group(session, reader, fields.get("group_id"))
    script = Script(
        id=m.entity_id,
        group_id=fields.get("group_id"),
        title=fields["title"],
        body=fields["body"],
        keywords=list(fields.get("keywords") or []),
        scope=ContentScope.PERSONAL,
        owner_id=reader.user_id,
        items=[],
        use_count=0,
    )
    session.add(script)
    session.flush()
    touch(session, "script", script.id, content_scope(script))
    return "script", script.id


def script_update(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    script = _own_script(session, reader, m.entity_id)
    if "group_id" in fields:
        _check_group(session, reader, fields["group_id"])
        script.group_id = fields["group_id"]
    for key in ("title", "body"):
        if fields.get(key) is not None:
            setattr(script, key, fields[key])
    if "keywords" in fields:
        script.keywords = list(fields["keywords"] or [])
    session.flush()
    touch(session, "script", script.id, content_scope(script))
    return "script", script.id


def script_delete(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    script = _own_script(session, reader, m.entity_id)
    scope = content_scope(script)
    session.delete(script)
    session.flush()
    touch(session, "script", m.entity_id, scope, deleted=True)
    return "script", m.entity_id


def script_use(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    script = session.get(Script, m.entity_id, with_for_update=True)
    if script is None or not _script_visible(script, reader):
        raise Rejected(f"unknown script: 话术不存在 ({m.entity_id})")
    script.use_count = (script.use_count or 0) + 1
    script.last_used_at = utcnow()
    session.flush()
    touch(session, "script", script.id, content_scope(script))
    return "script", script.id


def material_use(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    material = session.get(Material, m.entity_id, with_for_update=True)
    if material is None or not material_visible(material, reader):
        raise Rejected(f"unknown material: 素材不存在 ({m.entity_id})")
    material.use_count = (material.use_count or 0) + 1
    session.flush()
    touch(session, "material", material.id, GLOBAL)
    return "material", material.id
