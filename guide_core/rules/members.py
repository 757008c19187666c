"""Who may import the member list (会员导入): HQ into any store; a store's supervisor
into their own store only; guides never. The admin API asks per request (the store
asked for) and the importer per row (the row's store); the app asks to show the dialog."""

from __future__ import annotations

from .codes import Code, Refusal, refuse
from .facts import Actor


def may_import_members(actor: Actor, store_id: str | None) -> Refusal | None:
    """``store_id``: the store the members go to (None: the file's 门店 column decides,
    which only HQ may leave open)."""
    if actor.is_hq:
        return None
    if actor.role != "supervisor":
        return refuse(Code.FORBIDDEN, "只有总部或店长可以导入会员")
    if store_id != actor.store_id:
        return refuse(Code.OTHER_STORE, "店长只能导入本店的会员")
    return None
