"""HQ's side of 建议加入总部话术库: list guides' suggestions and decide them.

Accepting makes a new HQ script from the suggestion's title, body and keywords in the
chosen group (checked like any script save) and records it in ``accepted_script_id``;
declining needs a reason. Either way the suggestion (in ``user:<owner>``) reaches the
guide with the decision; a decided suggestion cannot be decided again.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_core.library_api import ScriptWrite, SuggestionDecision
from guide_core.protocol import ContentScope, ScriptSuggestionData, SuggestionStatus
from guide_core.rules import Code
from guide_core.rules.content import may_manage_global
from guide_server.models import ScriptSuggestion
from guide_server.models.base import utcnow
from guide_server.reader import Reader, user_scope
from guide_server.services.library_common import audit, not_found, refuse_if
from guide_server.services.library_scripts import save_script
from guide_server.services.rejection import Rejected
from guide_server.sync.serialize import to_data
from guide_server.sync.versions import touch


def suggestion_data(row: ScriptSuggestion, reader: Reader) -> ScriptSuggestionData:
    return ScriptSuggestionData.model_validate(to_data("script_suggestion", row, reader))


def list_suggestions(
    session: Session, reader: Reader, status: str | None = None
) -> list[ScriptSuggestionData]:
    refuse_if(may_manage_global(reader.actor))
    stmt = select(ScriptSuggestion).order_by(
        ScriptSuggestion.created_at.desc(), ScriptSuggestion.id
    )
    if status:
        stmt = stmt.where(ScriptSuggestion.status == status)
    return [suggestion_data(s, reader) for s in session.scalars(stmt)]


def decide(
    session: Session, reader: Reader, suggestion_id: str, decision: SuggestionDecision
) -> ScriptSuggestionData:
    refuse_if(may_manage_global(reader.actor))
    row = session.get(ScriptSuggestion, suggestion_id, with_for_update=True)
    if row is None:
        raise not_found(Code.INVALID_FIELD, f"建议不存在: {suggestion_id} (no such suggestion)")
    if row.status != SuggestionStatus.PENDING:
        raise Rejected(Code.ALREADY_DECIDED, row.status)
    if decision.decision == "accept":
        script, _ = save_script(
            session,
            reader,
            ScriptWrite(
                scope=ContentScope.HQ,
                group_id=decision.group_id,
                title=row.title,
                body=row.body,
                keywords=list(row.keywords or []),
            ),
        )
        row.status = SuggestionStatus.ACCEPTED
        row.accepted_script_id = script.id
        row.group_id = decision.group_id
        row.reason = decision.reason
    else:
        if not decision.reason:
            raise Rejected(Code.REASON_REQUIRED, "未采纳, reason required to decline")
        row.status = SuggestionStatus.DECLINED
        row.reason = decision.reason
    row.decided_at = utcnow()
    row.decided_by = reader.user_id
    session.flush()
    touch(session, "script_suggestion", row.id, user_scope(row.owner_id))
    audit(session, reader, f"suggestion_{row.status}", f"{row.id} script={row.accepted_script_id}")
    return suggestion_data(row, reader)
