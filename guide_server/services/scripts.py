"""Push handlers for content: personal scripts, and use counts of scripts and materials."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guide_core.protocol import ContentScope, Mutation
from guide_core.rules import Code, Target, check
from guide_core.rules.visibility import material_visible, script_visible
from guide_server.models import Material, Script, ScriptGroup
from guide_server.models.base import utcnow
from guide_server.reader import GLOBAL, Reader
from guide_server.services import scopes
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.sync.versions import touch


def content_scope(row: Script | ScriptGroup) -> str:
    """Where a script (or group) syncs: global, its store, or its owner."""
    return scopes.content_scope(row.scope, row.store_id, row.owner_id)


def _script_visible(row: Script | ScriptGroup, reader: Reader) -> bool:
    return script_visible(reader.actor, row.scope, row.owner_id, row.store_id)


def _check_group(session: Session, reader: Reader, group_id: str | None) -> None:
    if group_id is None:
        return
    group = session.get(ScriptGroup, group_id)
    if group is None or not _script_visible(group, reader):
        raise Rejected(Code.UNKNOWN_SCRIPT_GROUP, group_id)


def _own_script(session: Session, reader: Reader, script_id: str, op: str) -> Script:
    script = session.get(Script, script_id, with_for_update=True)
    if script is None or not _script_visible(script, reader):
        raise Rejected(Code.UNKNOWN_SCRIPT, script_id)
    target = Target(store_id=script.store_id, owner_id=script.owner_id, scope=script.scope)
    refuse_if(check("script", op, reader.actor, target))
    return script


def script_create(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    if session.get(Script, m.entity_id) is not None:
        raise Rejected(Code.ALREADY_EXISTS, f"script {m.entity_id}")
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
    script = _own_script(session, reader, m.entity_id, "update")
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
    script = _own_script(session, reader, m.entity_id, "delete")
    scope = content_scope(script)
    session.delete(script)
    session.flush()
    touch(session, "script", m.entity_id, scope, deleted=True)
    return "script", m.entity_id


def script_use(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    script = session.get(Script, m.entity_id, with_for_update=True)
    if script is None or not _script_visible(script, reader):
        raise Rejected(Code.UNKNOWN_SCRIPT, m.entity_id)
    script.use_count = (script.use_count or 0) + 1
    script.last_used_at = utcnow()
    session.flush()
    touch(session, "script", script.id, content_scope(script))
    return "script", script.id


def material_use(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    material = session.get(Material, m.entity_id, with_for_update=True)
    if material is None or not material_visible(reader.actor, material.visibility):
        raise Rejected(Code.UNKNOWN_MATERIAL, m.entity_id)
    material.use_count = (material.use_count or 0) + 1
    session.flush()
    touch(session, "material", material.id, GLOBAL)
    return "material", material.id
