"""Writing one batch of assembled orders in one transaction: whole orders or none.

For each order: the customer (:mod:`matching`; an order already linked keeps its
customer when the file matches none — a supervisor's confirmed suggestion stays), the
store (an online order follows its customer's store; a POS ticket stays in its store;
otherwise the import's store), then insert, update or nothing by
``(channel, channel_order_no)``. New orders go through ``services.bulk.insert_new``
(one executemany, versions per scope in one step); changed ones through one
executemany ``UPDATE`` and their new versions. The batch returns every customer its
orders belong to or left (unchanged orders too); the engine refreshes their figures
at the end of the import.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from guide_server.ids import time_ordered_id
from guide_server.models import Order
from guide_server.models.base import utcnow
from guide_server.models.orders import OrderMatchSuggestion
from guide_server.order_import.assemble import Assembled, ItemsOnly
from guide_server.order_import.matching import match_orders
from guide_server.reader import store_scope
from guide_server.services import bulk
from guide_server.services.scopes import ScopeBook
from guide_server.sync.versions import take_versions, upsert_sync_rows

#: Columns an import sets, compared to decide "unchanged".
FIELDS = (
    "store_id",
    "customer_id",
    "status",
    "amount_cents",
    "items",
    "paid_at",
    "shipped_at",
    "finished_at",
    "logistics_no",
    "logistics_company",
    "ordered_at",
    "buyer_name",
    "buyer_phone",
    "member_no",
)
_T = Order.__table__
_ITEMS = update(_T).where(_T.c.id == bindparam("_id")).values(items=bindparam("v_items"))
_UPDATE = (
    update(_T)
    .where(_T.c.id == bindparam("_id"))
    .values({name: bindparam("v_" + name) for name in FIELDS})
)


@dataclass
class BatchResult:
    orders: int = 0  # in the batch (refused ones included)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    matched: int = 0
    unmatched: int = 0
    suggested: int = 0
    #: customers an order of the batch belongs to or left (their figures are refreshed
    #: at the end of the import, see engine)
    customers: set[str] = field(default_factory=set)
    refused: list[tuple[Assembled, str]] = field(default_factory=list)
    refused_rows: list[tuple[int, int, str]] = field(default_factory=list)  # (file, line, reason)


def write_batch(
    session: Session,
    channel: str,
    orders: list[Assembled],
    stores: dict[str, str],
    default_store_id: str | None,
    only_store_id: str | None = None,
) -> BatchResult:
    """Write ``orders`` (each paid or later) in the caller's transaction.

    ``only_store_id``: a supervisor's upload: an order of any other store is refused."""
    result = BatchResult(orders=len(orders))
    nos = [o.order_no for o in orders]
    stored = {
        row.channel_order_no: row
        for row in session.execute(
            _locked(
                session, select(_T).where(_T.c.channel == channel, _T.c.channel_order_no.in_(nos))
            )
        )
    }
    placed: list[tuple[Assembled, str | None]] = []
    for o in orders:
        file_store = stores.get(o.store_code) if o.store_code else None
        if o.store_code and file_store is None:
            result.refused.append((o, f"门店编码「{o.store_code}」不存在"))
            continue
        store_id = file_store or default_store_id
        if only_store_id and store_id != only_store_id:
            result.refused.append((o, f"只能导入本店的订单 (门店编码「{o.store_code}」是其他门店)"))
            continue
        placed.append((o, store_id))
    matches = match_orders(session, placed)
    new_rows: list[dict] = []
    changed: list[dict] = []
    suggestions: list[dict] = []
    touched = result.customers
    for (o, store_id), match in zip(placed, matches, strict=True):
        old = stored.get(o.order_no)
        customer_id = match.customer_id or (old.customer_id if old is not None else None)
        if match.customer_id and channel != "pos":
            store_id = match.customer_store_id
        elif store_id is None and old is not None:
            store_id = old.store_id
        if store_id is None:
            result.refused.append(
                (o, "订单没有门店: 未匹配到客户, 文件里也没有门店编码 (请用 --store 指定默认门店)")
            )
            continue
        values = {
            "store_id": store_id,
            "customer_id": customer_id,
            "status": o.status,
            "amount_cents": o.amount_cents,
            "items": o.items,
            "paid_at": o.paid_at,
            "shipped_at": o.shipped_at,
            "finished_at": o.finished_at,
            "logistics_no": o.logistics_no,
            "logistics_company": o.logistics_company,
            "ordered_at": o.ordered_at,
            "buyer_name": o.buyer_name,
            "buyer_phone": o.phone,
            "member_no": o.member_no,
        }
        if customer_id:
            result.matched += 1
            touched.add(customer_id)
        else:
            result.unmatched += 1
        if old is None:
            order_id = time_ordered_id()  # appended at the end of the key's B-tree
            new_rows.append(
                {"id": order_id, "channel": channel, "channel_order_no": o.order_no, **values}
            )
        else:
            order_id = old.id
            if all(getattr(old, k) == v for k, v in values.items()):
                result.unchanged += 1
            else:
                changed.append({"_id": old.id, **{"v_" + k: v for k, v in values.items()}})
                if old.customer_id:
                    touched.add(old.customer_id)
        if not customer_id and match.suggestions:
            result.suggested += 1
            now = utcnow()
            suggestions.extend(
                {
                    "id": time_ordered_id(),
                    "order_id": order_id,
                    "customer_id": cid,
                    "reason": reason[:128],
                    "status": "pending",
                    "created_at": now,
                    "decided_by": None,
                    "decided_at": None,
                }
                for cid, reason in match.suggestions
            )
    result.created = bulk.insert_new(session, "order", new_rows, ScopeBook(), whole=True)
    if changed:
        session.execute(_UPDATE, changed)
        _version(session, changed)
        result.updated = len(changed)
    if suggestions:
        _insert_suggestions(session, suggestions)
    return result


def write_items(session: Session, channel: str, parts: list[ItemsOnly]) -> BatchResult:
    """Replace the items of orders imported before (an item file on its own); item rows
    of an order not on the server are refused, each with its line."""
    result = BatchResult()
    stored = {
        row.channel_order_no: row
        for row in session.execute(
            _locked(
                session,
                select(_T.c.id, _T.c.channel_order_no, _T.c.store_id, _T.c["items"]).where(
                    _T.c.channel == channel,
                    _T.c.channel_order_no.in_([p.order_no for p in parts]),
                ),
            )
        )
    }
    changed: list[dict] = []
    for part in parts:
        old = stored.get(part.order_no)
        if old is None:
            result.refused_rows.extend(
                (
                    f,
                    line,
                    f"订单号「{part.order_no}」的订单还没有导入 (请先导入订单报表, 或一起导入)",
                )
                for f, line in part.rows
            )
        elif old.items == part.items:
            result.unchanged += 1
        else:
            changed.append({"_id": old.id, "v_items": part.items, "v_store_id": old.store_id})
    if changed:
        session.execute(_ITEMS, changed)
        _version(session, changed)
        result.updated = len(changed)
    return result


def _locked(session: Session, stmt):
    return stmt.with_for_update() if session.bind.dialect.name == "postgresql" else stmt


def _version(session: Session, changed: list[dict]) -> None:
    by_scope: dict[str, list[str]] = defaultdict(list)
    for row in changed:
        by_scope[store_scope(row["v_store_id"])].append(row["_id"])
    index = []
    for scope, ids in by_scope.items():
        last = take_versions(session, scope, len(ids))
        first = last - len(ids) + 1
        index.extend(("order", i, scope, first + n, False) for n, i in enumerate(ids))
    upsert_sync_rows(session, index)


def _insert_suggestions(session: Session, rows: list[dict]) -> None:
    module = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    stmt = module.insert(OrderMatchSuggestion).on_conflict_do_nothing(
        index_elements=["order_id", "customer_id"]
    )
    session.execute(stmt, rows)
