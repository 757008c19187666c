"""Opening an order file: which layout it is, and its rows with the roles read off.

:func:`open_order_file` opens the file with :func:`guide_server.tabular.open_table`
(encoding, ``="…"``/``'`` cleanup, XLSX streaming) and finds its layout from the
header row; :func:`parse_rows` yields each row as ``(line, order_no, record)`` or
``(line, None, reason)`` for a row that cannot be used. Records are small dicts of
plain values (so they can be staged on disk, see :mod:`staging`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from guide_server import tabular
from guide_server.order_import.formats import Layout, pick_layout
from guide_server.order_import.values import (
    BadValue,
    china_time,
    money_cents,
    phone_of,
    quantity,
)
from guide_server.tabular import (
    Table,
    TableError,
    _clean,  # tabular's own cell cleanup, applied per used cell
)

MAX_ORDER_NO = 64
_TIMES = (("ordered_at", "o"), ("paid_at", "p"), ("shipped_at", "sh"), ("finished_at", "f"))
_TEXTS = (
    ("buyer_name", "n", 64),
    ("member_no", "m", 32),
    ("logistics_no", "l", 64),
    ("logistics_company", "lc", 64),
    ("store_code", "sc", 32),
    ("titles", "t", 200),
)


@dataclass
class OrderFile:
    """An opened file of an import: its number in the import, table, layout and columns."""

    number: int
    table: Table
    layout: Layout
    roles: dict[str, int]

    @property
    def name(self) -> str:
        return self.table.name


def open_order_file(
    number: int, path: Path, channel: str, candidates: tuple[Layout, ...], name: str | None = None
) -> OrderFile:
    """Open and recognise one file; :class:`TableError` (Chinese, naming it) if it is not one."""
    sheet = candidates[0].sheet if len(candidates) == 1 else None
    table = tabular.open_table(path, clean_numbers=True, sheet=sheet, name=name)
    picked = pick_layout(channel, table.headers, candidates)
    if isinstance(picked, str):
        where = table.name if table.kind == "csv" else f"{table.name}的{table.describe()}"
        raise TableError(f"文件「{where}」{picked}")
    layout, roles = picked
    return OrderFile(number, table, layout, roles)


def _raw_rows(table: Table) -> Iterator[tuple[int, list[str]]]:
    """Rows as the file has them and not padded: a row cut short stays short
    (``Table.rows`` pads it with empty cells, hiding the break). Cells are cleaned like
    ``Table.rows`` does (``="…"``, ``'``) only when read, so unused columns cost nothing."""
    source, table._rows = table._rows, None
    if source is None:
        raise RuntimeError("rows already read")
    for number, cells in source:
        if "".join(cells).strip():
            yield number, cells


def parse_rows(f: OrderFile) -> Iterator[tuple[int, str | None, dict | str]]:
    """``(line, order_no, record)`` per row, or ``(line, None, reason)`` for a row refused."""
    layout, roles, headers = f.layout, f.roles, f.table.headers
    need = max(roles.values()) + 1
    width = len([h for h in headers if h]) if headers else 0
    for line, cells in _raw_rows(f.table):
        if len(cells) < need:
            yield line, None, f"行不完整: 只有{len(cells)}列, 表头有{width}列"
            continue
        try:
            order_no, record = _parse(layout, roles, headers, cells)
        except BadValue as exc:
            yield line, None, str(exc)
            continue
        yield line, order_no, record


def _parse(layout: Layout, roles: dict[str, int], headers: list[str], cells: list[str]):
    def text(role: str) -> str:
        i = roles.get(role)
        return _clean(cells[i], True) if i is not None else ""

    def head(role: str) -> str:
        return headers[roles[role]]

    order_no = text("order_no")
    if not order_no:
        raise BadValue(f"{head('order_no')}为空")
    if len(order_no) > MAX_ORDER_NO:
        raise BadValue(f"{head('order_no')}超过{MAX_ORDER_NO}个字符")
    rec: dict = {}
    if layout.kind != "items":
        if "status" in roles:
            word = text("status")
            known, status = layout.status_of(word)
            if not known:
                words = "、".join(layout.statuses)
                raise BadValue(f"{head('status')}「{word}」不认识 (认识的有: {words})")
            rec["s"] = status
        else:
            rec["s"] = layout.default_status
        if layout.refunded_after_sale and text("after_sale") in layout.refunded_after_sale:
            rec["r"] = 1
        for role, key in (("amount", "a"), ("line_amount", "la")):
            if role in roles:
                value = text(role)
                if not value:
                    raise BadValue(f"{head(role)}为空")
                rec[key] = money_cents(value, head(role))
        for role, key in _TIMES:
            if role in roles:
                moment = china_time(text(role), head(role))
                if moment is None and role in layout.required:
                    raise BadValue(f"{head(role)}为空")
                rec[key] = moment.isoformat() if moment else None
        for role, key, limit in _TEXTS:
            value = text(role)
            if value:
                rec[key] = value[:limit]
        phone, masked = phone_of(text("phone"))
        if phone:
            rec["ph"] = phone
            rec["mk"] = masked
        if "total_qty" in roles and text("total_qty"):
            rec["tq"] = quantity(text("total_qty"), head("total_qty"))
    if layout.kind != "orders":
        name = text("item_name")
        if not name:
            raise BadValue(f"{head('item_name')}为空")
        spec = text("spec")
        item = {
            "sku": text("sku")[:64],
            "name": (f"{name} {spec}" if spec else name)[:200],
            "qty": quantity(text("qty"), head("qty")) if "qty" in roles else 1,
            "price_cents": money_cents(text("price"), head("price")) if text("price") else 0,
        }
        rec["i"] = item
        if "sub_no" in roles:
            rec["sub"] = text("sub_no")
    return order_no, rec
