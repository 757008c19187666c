"""What a channel's export file looks like: its columns by role, its status words.

A :class:`Layout` names, for each *role* (order no., status, amount, paid time, item
name …), the header(s) the platform writes for it; the first header present wins.
``kind`` says what one row is: ``orders`` one whole order (Tmall's 订单报表, Youzan's
order export), ``items`` one item of an order given elsewhere (Tmall's 宝贝报表,
Youzan's item export), ``lines`` one item with its order's fields repeated (JD,
Douyin, store POS): an order spans rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from guide_server.order_import.values import status_key

#: Roles a row may carry. Order level: order_no, status, amount (the order's paid total),
#: line_amount (this row's share, summed), paid_at, ordered_at, shipped_at, finished_at,
#: buyer_name, phone, member_no, logistics_no, logistics_company, store_code, after_sale,
#: titles (all items' titles in one cell), total_qty. Item level: sub_no (a row's own id:
#: duplicates within an order are refused), sku, item_name, spec, qty, price.
ORDER_ROLES = (
    "status",
    "amount",
    "line_amount",
    "paid_at",
    "ordered_at",
    "shipped_at",
    "finished_at",
    "buyer_name",
    "phone",
    "member_no",
    "logistics_no",
    "logistics_company",
    "store_code",
    "after_sale",
    "titles",
    "total_qty",
)
ITEM_ROLES = ("sub_no", "sku", "item_name", "spec", "qty", "price")


@dataclass(frozen=True)
class Layout:
    key: str  # e.g. "tmall.orders"
    label: str  # 天猫订单报表
    kind: str  # orders | items | lines
    columns: Mapping[str, Sequence[str]]
    required: Sequence[str]
    #: status word (as :func:`status_key` writes it) → our status, or None: not paid yet
    statuses: Mapping[str, str | None] = field(default_factory=dict)
    #: after-sale words that turn an order into ``refunded`` (Douyin 售后状态)
    refunded_after_sale: Sequence[str] = ()
    default_status: str | None = None  # a layout without a status column (POS)
    sheet: str | None = None  # XLSX sheet to read (POS mapping); default the first

    def status_of(self, text: str) -> tuple[bool, str | None]:
        """``(known, status)``; ``status`` None for an order not paid yet."""
        keys = self._keys
        if text in keys:
            return True, keys[text]
        key = status_key(text)
        if key in keys:
            return True, keys[key]
        return False, None

    @cached_property
    def _keys(self) -> dict[str, str | None]:
        return {status_key(k): v for k, v in self.statuses.items()}

    def resolve(self, headers: Sequence[str]) -> tuple[dict[str, int], list[str]]:
        """``(role → column index, missing required headers)`` for a file's header row."""
        index = {h: i for i, h in enumerate(headers) if h}
        found: dict[str, int] = {}
        for role, names in self.columns.items():
            for name in names:
                if name in index:
                    found[role] = index[name]
                    break
        missing = [self.columns[r][0] for r in self.required if r not in found]
        return found, missing

    def expected(self) -> list[str]:
        return [self.columns[r][0] for r in self.required]
