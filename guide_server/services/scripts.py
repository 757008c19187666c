"""Push handlers for a guide's personal scripts (个人话术) and suggesting one to HQ.

A personal script lives in ``user:<owner>``; its title and body (what reaches a customer;
the app checks the same two) are refused when they hold a blocking sensitive word. A
suggestion snapshots the script's texts, one pending suggestion per script.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.protocol import ContentScope, Mutation, SuggestionStatus
from guide_core.rules import Code, Target, check
from guide_core.rules.content import text_refusal
from guide_core.rules.visibility import script_visible
from guide_server.models import Script, ScriptGroup, ScriptSuggestion
from guide_server.reader import Reader, user_scope
from guide_server.services import scopes
from guide_server.services.library_common import sensitive_matcher
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


def _check_words(session: Session, *texts: str) -> None:
    refuse_if(text_refusal(sensitive_matcher(session), *texts))


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
    keywords = list(fields.get("keywords") or [])
    _check_words(session, fields["title"], fields["body"])
    script = Script(
        id=m.entity_id,
        group_id=fields.get("group_id"),
        title=fields["title"],
        body=fields["body"],
        keywords=keywords,
        scope=ContentScope.PERSONAL,
        owner_id=reader.user_id,
        items=[],
        visibility={},
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
    _check_words(session, script.title, script.body)
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


def suggestion_create(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    """建议加入总部话术库: a snapshot of one's personal script, pending HQ's decision."""
    if session.get(ScriptSuggestion, m.entity_id) is not None:
        raise Rejected(Code.ALREADY_EXISTS, f"script_suggestion {m.entity_id}")
    script = session.get(Script, fields["script_id"], with_for_update=True)
    if script is None or not _script_visible(script, reader):
        raise Rejected(Code.UNKNOWN_SCRIPT, fields["script_id"])
    target = Target(store_id=script.store_id, owner_id=script.owner_id, scope=script.scope)
    refuse_if(check("script_suggestion", "create", reader.actor, target))
    pending = session.scalar(
        select(ScriptSuggestion.id).where(
            ScriptSuggestion.script_id == script.id,
            ScriptSuggestion.status == SuggestionStatus.PENDING,
        )
    )
    if pending is not None:
        raise Rejected(Code.ALREADY_EXISTS, "这条话术已提交建议, 等待总部处理 (already pending)")
    suggestion = ScriptSuggestion(
        id=m.entity_id,
        script_id=script.id,
        owner_id=reader.user_id,
        store_id=reader.store_id,
        title=script.title,
        body=script.body,
        keywords=list(script.keywords or []),
        status=SuggestionStatus.PENDING,
        reason="",
    )
    session.add(suggestion)
    session.flush()
    touch(session, "script_suggestion", suggestion.id, user_scope(reader.user_id))
    return "script_suggestion", suggestion.id
