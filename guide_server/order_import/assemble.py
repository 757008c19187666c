"""One order from its rows: the order row(s), item rows, or item lines of one order no.

Rules, per order no. within one import:

- ``orders`` layouts (Tmall 订单报表, Youzan 订单维度): one order row. The same order
  twice in one file is a duplicate: the first row is kept, the others are refused
  naming the first. In two files (overlapping exports) the later file's row wins.
  Items come from the item rows (宝贝报表 / 商品维度) of any file; without any, a Tmall
  order keeps its 宝贝标题 as one item. Item rows whose order is in no order file of
  the import replace the items of that order as stored by an earlier import (an item
  file uploaded on its own); if there is none, they are refused.
- ``lines`` layouts (JD, Douyin, POS): every row is an item with its order's fields.
  Only the last file holding the order counts (a newer export of the same orders);
  a row repeating a line id of the order (JD 商品ID, Douyin 子订单编号) is refused as a
  duplicate. The amount is the order's (repeated on its rows) or the sum of its lines';
  the status is the most advanced one of its lines, refunded when every line was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

RANK = {"paid": 1, "shipped": 2, "finished": 3}
COUNTED = frozenset(RANK)


@dataclass(slots=True)
class Assembled:
    order_no: str
    status: str | None  # None: not paid yet (skipped)
    amount_cents: int
    items: list[dict]
    file: int  # where the order's (first) row is, for problems
    line: int
    ordered_at: datetime | None = None
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    finished_at: datetime | None = None
    buyer_name: str = ""
    phone: str = ""
    masked: bool = False
    member_no: str = ""
    logistics_no: str = ""
    logistics_company: str = ""
    store_code: str = ""


@dataclass
class Refused:
    file: int
    line: int
    reason: str


@dataclass
class ItemsOnly:
    """Item rows (宝贝报表, 商品维度) of an order that no order file of this import holds."""

    order_no: str
    items: list[dict]
    rows: list[tuple[int, int]]  # (file, line) of each item row


@dataclass
class Outcome:
    order: Assembled | None = None
    items_only: ItemsOnly | None = None
    refused: list[Refused] = field(default_factory=list)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def assemble(
    order_no: str, rows: list[tuple[int, int, int, dict]], kind: str, file_names: list[str]
) -> Outcome:
    """``rows``: ``(kind, file, line, record)`` sorted by kind, file, line (see staging)."""
    if kind == "orders" and len(rows) == 1 and rows[0][0] == 0:  # most orders: one row
        _, f, line, rec = rows[0]
        order = _order(order_no, rec, f, line, rec.get("a", 0), rec["s"], _titles(rec, []))
        if order.status in COUNTED and order.paid_at is None:
            order.paid_at = order.ordered_at
        return Outcome(order=order)
    out = Outcome()
    heads = [r for r in rows if r[0] == 0]
    item_rows = [r for r in rows if r[0] == 1]
    if not heads:  # an item file alone: the items of an order imported before
        out.items_only = ItemsOnly(
            order_no, [r[3]["i"] for r in item_rows], [(r[1], r[2]) for r in item_rows]
        )
        return out
    last_file = heads[-1][1]
    mine = [r for r in heads if r[1] == last_file]
    if kind == "orders":
        first = mine[0]
        for _, f, line, _ in mine[1:]:
            out.refused.append(
                Refused(f, line, f"订单重复: 订单号「{order_no}」已在第{first[2]}行, 只导入第一行")
            )
        rec = first[3]
        items = _titles(rec, [r[3]["i"] for r in item_rows])
        order = _order(order_no, rec, first[1], first[2], rec.get("a", 0), rec["s"], items)
    else:
        lines: list[tuple[int, int, int, dict]] = []
        seen: dict[str, int] = {}
        for row in mine:
            sub = row[3].get("sub")
            if sub:
                if sub in seen:
                    out.refused.append(
                        Refused(
                            row[1],
                            row[2],
                            f"重复的行: 订单「{order_no}」的「{sub}」已在第{seen[sub]}行",
                        )
                    )
                    continue
                seen[sub] = row[2]
            lines.append(row)
        first = lines[0][3]
        if "a" in first:
            amount = first["a"]
        else:
            amount = sum(r[3].get("la", 0) for r in lines)
        order = _order(
            order_no,
            first,
            lines[0][1],
            lines[0][2],
            amount,
            _status([r[3] for r in lines]),
            [r[3]["i"] for r in lines],
        )
        for key in ("p", "sh", "f"):  # a later line may carry the time the first lacks
            if getattr(order, _FIELD[key]) is None:
                for r in lines:
                    if r[3].get(key):
                        setattr(order, _FIELD[key], _time(r[3][key]))
                        break
    if order.status in COUNTED and order.paid_at is None:
        order.paid_at = order.ordered_at
    out.order = order
    return out


def _titles(rec: dict, items: list[dict]) -> list[dict]:
    """The order's items; without item rows, a Tmall order's 宝贝标题 as its one item."""
    if not items and rec.get("t"):
        qty = rec.get("tq") or 1
        return [{"sku": "", "name": rec["t"], "qty": qty, "price_cents": rec.get("a", 0) // qty}]
    return items


_FIELD = {"p": "paid_at", "sh": "shipped_at", "f": "finished_at"}


def _status(records: list[dict]) -> str | None:
    if all(r.get("r") for r in records):
        return "refunded"
    live = [r["s"] for r in records if not r.get("r") and r["s"] in COUNTED]
    if live:
        return max(live, key=RANK.__getitem__)
    return records[0]["s"]


def _order(order_no: str, rec: dict, file: int, line: int, amount: int, status, items) -> Assembled:
    return Assembled(
        order_no=order_no,
        status=status,
        amount_cents=amount,
        items=items,
        file=file,
        line=line,
        ordered_at=_time(rec.get("o")),
        paid_at=_time(rec.get("p")),
        shipped_at=_time(rec.get("sh")),
        finished_at=_time(rec.get("f")),
        buyer_name=rec.get("n", ""),
        phone=rec.get("ph", ""),
        masked=bool(rec.get("mk")),
        member_no=rec.get("m", ""),
        logistics_no=rec.get("l", ""),
        logistics_company=rec.get("lc", ""),
        store_code=rec.get("sc", ""),
    )
