"""HQ's auto-tag rules: list, create, change, delete (``/admin/tag-rules``).

Saving a rule runs it over every customer at once (its tag follows the condition right
away); deleting one takes off the tags it set. Both after the rule's own transaction.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guide_core.tag_rules_api import TagRuleOut, TagRuleRun, TagRuleWrite, rule_source
from guide_server.audit import record
from guide_server.db import Database
from guide_server.models import CustomerTag, Tag, TagRule
from guide_server.models.base import utcnow
from guide_server.reader import Reader
from guide_server.services.tag_rules import apply_tag_rules


class RuleProblem(Exception):
    """A rule that cannot be saved (``status`` 404 / 422, ``reason`` in Chinese)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def _out(session: Session, row: TagRule) -> TagRuleOut:
    tagged = session.scalar(
        select(func.count())
        .select_from(CustomerTag)
        .where(CustomerTag.source == rule_source(row.id))
    )
    return TagRuleOut(
        id=row.id,
        name=row.name,
        tag_id=row.tag_id,
        condition=row.condition,
        active=row.active,
        created_at=row.created_at,
        updated_at=row.updated_at,
        tagged=int(tagged or 0),
    )


def list_rules(session: Session) -> list[TagRuleOut]:
    rows = session.scalars(select(TagRule).order_by(TagRule.created_at, TagRule.id))
    return [_out(session, r) for r in rows]


def _store(session: Session, reader: Reader, body: TagRuleWrite, rule_id: str | None) -> str:
    if session.get(Tag, body.tag_id) is None:
        raise RuleProblem(422, f"标签: 标签不存在 ({body.tag_id})")
    row = session.get(TagRule, rule_id) if rule_id else None
    if rule_id and row is None:
        raise RuleProblem(404, "规则不存在 (no such rule)")
    if row is None:
        row = TagRule(id=str(uuid.uuid4()), created_at=utcnow())
        session.add(row)
    old_tag = row.tag_id
    row.name, row.tag_id, row.active = body.name, body.tag_id, body.active
    row.condition = body.condition.model_dump(mode="json")
    row.updated_at = utcnow()
    if old_tag and old_tag != body.tag_id:
        raise RuleProblem(422, "标签: 规则的标签不能更改, 请删除后新建")
    record(session, reader, "tag_rule_saved", f"{row.id} {row.name} {row.condition}")
    session.flush()
    return row.id


def save_rule(
    db: Database, reader: Reader, body: TagRuleWrite, rule_id: str | None = None
) -> TagRuleOut:
    """Create (``rule_id`` None) or replace a rule, then run it over every customer."""
    with db.write() as session:
        saved = _store(session, reader, body, rule_id)
    apply_tag_rules(db, rule_ids=[saved])
    with db.read() as session:
        return _out(session, session.get(TagRule, saved))


def delete_rule(db: Database, reader: Reader, rule_id: str) -> TagRuleRun:
    """Take off the tags the rule set, then forget the rule; what was taken off."""
    with db.write() as session:
        row = session.get(TagRule, rule_id)
        if row is None:
            raise RuleProblem(404, "规则不存在 (no such rule)")
        row.active = False
    run = apply_tag_rules(db, rule_ids=[rule_id])  # inactive: its tags come off
    with db.write() as session:
        row = session.get(TagRule, rule_id)
        if row is not None:
            record(session, reader, "tag_rule_deleted", f"{row.id} {row.name}")
            session.delete(row)
    return run
