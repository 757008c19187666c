"""Who may import orders: HQ any channel and any store; a store's supervisor only their
own store's POS file. The admin API asks here; the app asks the same to show the upload."""

from __future__ import annotations

from .codes import Code, Refusal, refuse
from .facts import Actor


def may_import_orders(actor: Actor, channel: str, store_id: str | None) -> Refusal | None:
    """HQ: any channel, any store (or none: online orders find their customer's store).
    A supervisor: ``pos`` for their own store only. Guides: never."""
    if actor.is_hq:
        return None
    if actor.role != "supervisor":
        return refuse(Code.FORBIDDEN, "只有总部或店长可以导入订单")
    if channel != "pos":
        return refuse(Code.FORBIDDEN, "店长只能导入本店的门店POS订单, 平台订单由总部导入")
    if store_id != actor.store_id:
        return refuse(Code.OTHER_STORE, "店长只能导入本店的门店POS订单")
    return None


def may_see_unmatched(actor: Actor, store_id: str | None) -> Refusal | None:
    """The unmatched-orders list: HQ any store, a supervisor their own."""
    if actor.is_hq:
        return None
    if actor.role != "supervisor":
        return refuse(Code.FORBIDDEN, "只有总部或店长可以查看未匹配订单")
    if store_id != actor.store_id:
        return refuse(Code.OTHER_STORE)
    return None
