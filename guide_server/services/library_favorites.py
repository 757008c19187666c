"""Push handlers for 收藏 (favorite.add / favorite.remove), synced in ``user:<id>``.

The row's id is ``protocol.favorite_id(user, kind, item)``, so adding twice (two PCs,
a retry) is one row, and removing is a tombstone; both are idempotent.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from guide_core.protocol import FavoriteKind, Mutation, favorite_id
from guide_core.rules import Code
from guide_core.rules.visibility import material_visible, script_visible
from guide_server.models import Favorite, Material, Script
from guide_server.reader import Reader, user_scope
from guide_server.services.rejection import Rejected
from guide_server.sync.versions import touch


def _checked_id(reader: Reader, m: Mutation, fields: dict) -> str:
    expected = favorite_id(reader.user_id, fields["kind"], fields["item_id"])
    if m.entity_id != expected:
        raise Rejected(Code.ID_MISMATCH, f"应为 favorite_id(user, kind, item_id) = {expected}")
    return expected


def _check_item(session: Session, reader: Reader, kind: str, item_id: str) -> None:
    actor = reader.actor
    if kind == FavoriteKind.SCRIPT:
        s = session.get(Script, item_id)
        if (
            s is None
            or s.retired_at is not None
            or not script_visible(actor, s.scope, s.owner_id, s.store_id)
        ):
            raise Rejected(Code.UNKNOWN_SCRIPT, item_id)
        if not material_visible(actor, s.visibility):
            raise Rejected(Code.UNKNOWN_SCRIPT, item_id)
    else:
        mat = session.get(Material, item_id)
        if mat is None or mat.retired_at is not None or not material_visible(actor, mat.visibility):
            raise Rejected(Code.UNKNOWN_MATERIAL, item_id)


def favorite_add(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    fid = _checked_id(reader, m, fields)
    if session.get(Favorite, fid) is not None:
        return "favorite", fid  # already there: nothing changes
    _check_item(session, reader, fields["kind"], fields["item_id"])
    session.add(
        Favorite(id=fid, user_id=reader.user_id, kind=fields["kind"], item_id=fields["item_id"])
    )
    session.flush()
    touch(session, "favorite", fid, user_scope(reader.user_id))
    return "favorite", fid


def favorite_remove(session: Session, reader: Reader, m: Mutation, fields: dict) -> tuple[str, str]:
    fid = _checked_id(reader, m, fields)
    row = session.get(Favorite, fid)
    if row is not None:
        session.delete(row)
        session.flush()
        touch(session, "favorite", fid, user_scope(reader.user_id), deleted=True)
    return "favorite", fid
