"""Push handlers for a guide's marks on Today entries (``today_action.set`` / ``.clear``).

Synced in ``user:<id>``. The row's id is ``protocol.today_action_id(user, entry_key)``,
so marking the same entry on two PCs is one row; of two marks the one made later (its
``at``, the guide's clock) stays, whatever order they arrive in. ``clear`` is a
tombstone (the entry shows again). Both are idempotent.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from guide_core.protocol import Mutation, today_action_id
from guide_core.rules import Code, check
from guide_core.rules.facts import Target
from guide_server.models import TodayAction
from guide_server.reader import Reader, user_scope
from guide_server.services.rejection import Rejected, refuse_if
from guide_server.sync.versions import touch


def _checked_id(reader: Reader, m: Mutation, fields: dict) -> str:
    expected = today_action_id(reader.user_id, fields["entry_key"])
    if m.entity_id != expected:
        raise Rejected(Code.ID_MISMATCH, f"应为 today_action_id(user, entry_key) = {expected}")
    return expected


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def today_action_set(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    aid = _checked_id(reader, m, fields)
    row = session.get(TodayAction, aid)
    owner = row.user_id if row is not None else reader.user_id
    refuse_if(check("today_action", "set", reader.actor, Target(owner_id=owner), fields))
    at = _utc(fields.get("at")) or datetime.now(UTC)
    if row is not None and _utc(row.at) is not None and _utc(row.at) > at:
        return "today_action", aid  # a later mark is already there: it stays
    if row is None:
        row = TodayAction(id=aid, user_id=reader.user_id, entry_key=fields["entry_key"])
        session.add(row)
    row.action = fields["action"]
    row.until = fields.get("until") if fields["action"] == "snoozed" else None
    row.at = at
    session.flush()
    touch(session, "today_action", aid, user_scope(reader.user_id))
    return "today_action", aid


def today_action_clear(
    session: Session, reader: Reader, m: Mutation, fields: dict
) -> tuple[str, str]:
    aid = _checked_id(reader, m, fields)
    row = session.get(TodayAction, aid)
    if row is not None:
        refuse_if(check("today_action", "clear", reader.actor, Target(owner_id=row.user_id)))
        session.delete(row)
        session.flush()
        touch(session, "today_action", aid, user_scope(reader.user_id), deleted=True)
    return "today_action", aid
