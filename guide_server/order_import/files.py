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
    headers = f.table.headers
    need = max(f.roles.values()) + 1
    width = len([h for h in headers if h]) if headers else 0
    parse = _RowParser(f.layout, f.roles, headers).parse
    for line, cells in _raw_rows(f.table):
        if len(cells) < need:
            yield line, None, f"行不完整: 只有{len(cells)}列, 表头有{width}列"
            continue
        try:
            order_no, record = parse(cells)
        except BadValue as exc:
            yield line, None, str(exc)
            continue
        yield line, order_no, record


class _RowParser:
    """One file's rows to records: which columns to read and check is decided once per
    file (the layout's roles that are there), not once per row."""

    def __init__(self, layout: Layout, roles: dict[str, int], headers: list[str]) -> None:
        self.layout = layout
        self.roles = roles
        self.cells = list(roles.items())
        self.heads = {role: headers[i] for role, i in roles.items()}
        self.orders = layout.kind != "items"
        self.items = layout.kind != "orders"
        self.amounts = [(r, k) for r, k in (("amount", "a"), ("line_amount", "la")) if r in roles]
        self.times = [(r, k, r in layout.required) for r, k in _TIMES if r in roles]
        self.texts = [(r, k, limit) for r, k, limit in _TEXTS if r in roles]

    def parse(self, cells: list[str]) -> tuple[str, dict]:
        layout, roles, head = self.layout, self.roles, self.heads
        # each used cell as the file means it: spaces off, ``="…"``/``'`` unwrapped
        # (tabular's cleanup, called only for the cells that start so)
        values = {}
        for role, i in self.cells:
            value = cells[i].strip()
            if value and (value[0] == "=" or value[0] == "'"):
                value = _clean(value, True)
            values[role] = value
        get = values.get
        order_no = get("order_no", "")
        if not order_no:
            raise BadValue(f"{head['order_no']}为空")
        if len(order_no) > MAX_ORDER_NO:
            raise BadValue(f"{head['order_no']}超过{MAX_ORDER_NO}个字符")
        rec: dict = {}
        if self.orders:
            if "status" in roles:
                word = values["status"]
                known, status = layout.status_of(word)
                if not known:
                    words = "、".join(layout.statuses)
                    raise BadValue(f"{head['status']}「{word}」不认识 (认识的有: {words})")
                rec["s"] = status
            else:
                rec["s"] = layout.default_status
            if layout.refunded_after_sale and get("after_sale", "") in layout.refunded_after_sale:
                rec["r"] = 1
            for role, key in self.amounts:
                value = values[role]
                if not value:
                    raise BadValue(f"{head[role]}为空")
                rec[key] = money_cents(value, head[role])
            for role, key, required in self.times:
                moment = china_time(values[role], head[role])
                if moment is None and required:
                    raise BadValue(f"{head[role]}为空")
                rec[key] = moment.isoformat() if moment else None
            for role, key, limit in self.texts:
                value = values[role]
                if value:
                    rec[key] = value[:limit]
            phone, masked = phone_of(get("phone", ""))
            if phone:
                rec["ph"] = phone
                rec["mk"] = masked
            if get("total_qty"):
                rec["tq"] = quantity(values["total_qty"], head["total_qty"])
        if self.items:
            name = get("item_name", "")
            if not name:
                raise BadValue(f"{head.get('item_name', '商品名称')}为空")
            spec = get("spec", "")
            price = get("price", "")
            rec["i"] = {
                "sku": get("sku", "")[:64],
                "name": (f"{name} {spec}" if spec else name)[:200],
                "qty": quantity(values["qty"], head["qty"]) if "qty" in roles else 1,
                "price_cents": money_cents(price, head["price"]) if price else 0,
            }
            if "sub_no" in roles:
                rec["sub"] = values["sub_no"]
        return order_no, rec
