"""The order list's table model: cached orders in SQL blocks, or one page from the server.

Local mode works like the customer list (``ui/pages/contacts/model.py``): the model knows
the row count and asks a worker for the block of rows the view paints, so a cache of
hundreds of thousands of orders costs nothing until shown. Server mode shows the rows a
lookup answered (at most one page), each marked 不在本机 when the cache does not hold it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from guide_app.services.orders import OrderBrief, brief_of
from ui.background import run_in_background
from ui.card.figures import money_or_dash
from ui.labels import local_time, order_channel_label, order_status_label

log = logging.getLogger(__name__)

BLOCK = 200
MAX_BLOCKS = 60
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("paid_at", "channel", "no", "customer", "items", "amount", "status", "where")
AMOUNT_COLUMN = COLUMNS.index("amount")


def column_title(key: str) -> str:
    return {
        "paid_at": QCoreApplication.translate("OrderTableModel", "付款时间"),
        "channel": QCoreApplication.translate("OrderTableModel", "渠道"),
        "no": QCoreApplication.translate("OrderTableModel", "订单号"),
        "customer": QCoreApplication.translate("OrderTableModel", "客户"),
        "items": QCoreApplication.translate("OrderTableModel", "商品"),
        "amount": QCoreApplication.translate("OrderTableModel", "金额"),
        "status": QCoreApplication.translate("OrderTableModel", "状态"),
        "where": QCoreApplication.translate("OrderTableModel", "位置"),
    }[key]


@dataclass(frozen=True)
class ListRow:
    """One line: a cached order, or one the server found (``remote`` is its LookupOrder)."""

    brief: OrderBrief
    customer_id: str | None
    customer_name: str
    remote: object | None = None  # guide_core.order_lookup_api.LookupOrder
    cached: bool = True

    @property
    def id(self) -> str:
        return self.brief.id


def remote_rows(items: list, cached_ids: set[str]) -> list[ListRow]:
    return [
        ListRow(
            brief=brief_of(r.order.model_dump(mode="json")),
            customer_id=r.order.customer_id,
            customer_name=r.customer_name,
            remote=r,
            cached=r.order.id in cached_ids,
        )
        for r in items
    ]


class OrderTableModel(QAbstractTableModel):
    sig_count_changed = Signal(int)
    sig_failed = Signal(str)

    def __init__(self, search: object, query: object, parent=None) -> None:
        super().__init__(parent)
        self.search = search
        self.query = query
        self._count = 0
        self._blocks: OrderedDict[int, list] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self._remote: list[ListRow] | None = None

    @property
    def is_remote(self) -> bool:
        return self._remote is not None

    # ---------------------------------------------------------------- loading

    def set_query(self, query: object) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Back to the cache: count and first block on a worker."""
        self._generation += 1
        generation, query, search = self._generation, self.query, self.search
        run_in_background(
            lambda: (search.count(query), search.page(query, 0, BLOCK)),
            lambda res: self._counted(generation, *res),
            self._failed,
        )

    def show_remote(self, rows: list[ListRow]) -> None:
        """Show the server's answer (no paging: one page)."""
        self._generation += 1
        self.beginResetModel()
        self._remote = list(rows)
        self._count = len(rows)
        self._blocks.clear()
        self._pending.clear()
        self.endResetModel()
        self.sig_count_changed.emit(self._count)

    def _counted(self, generation: int, count: int, first: list) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._remote = None
        self._count = count
        self._blocks.clear()
        self._pending.clear()
        self._blocks[0] = [self._local(r) for r in first]
        self.endResetModel()
        self.sig_count_changed.emit(count)

    @staticmethod
    def _local(r) -> ListRow:
        return ListRow(brief=r.brief, customer_id=r.customer_id, customer_name=r.customer_name)

    def _want(self, block: int) -> None:
        if block in self._pending:
            return
        self._pending.add(block)
        generation, query, search = self._generation, self.query, self.search
        run_in_background(
            lambda: search.page(query, block * BLOCK, BLOCK),
            lambda rows: self._loaded(generation, block, rows),
            self._failed,
        )

    def _loaded(self, generation: int, block: int, rows: list) -> None:
        if generation != self._generation:
            return
        self._pending.discard(block)
        self._blocks[block] = [self._local(r) for r in rows]
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        first = block * BLOCK
        last = min(self._count, first + BLOCK) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _failed(self, exc: BaseException) -> None:
        log.warning("读取订单列表失败: %s", exc)
        self.sig_failed.emit(str(exc))

    def loaded_blocks(self) -> set[int]:
        return set(self._blocks)

    def row_at(self, row: int) -> ListRow | None:
        if self._remote is not None:
            return self._remote[row] if 0 <= row < len(self._remote) else None
        block, offset = divmod(row, BLOCK)
        rows = self._blocks.get(block)
        if rows is None:
            self._want(block)
            return None
        self._blocks.move_to_end(block)
        return rows[offset] if offset < len(rows) else None

    # ---------------------------------------------------------------- Qt model

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_title(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            ID_ROLE,
            ROW_ROLE,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        text = self.display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if key in ("items", "customer", "where") and text else None
        return text

    @staticmethod
    def display(row: ListRow, key: str) -> str:
        b = row.brief
        if key == "paid_at":
            return local_time(b.paid_at)
        if key == "channel":
            return order_channel_label(b.channel)
        if key == "no":
            return b.channel_order_no
        if key == "customer":
            return row.customer_name
        if key == "items":
            return b.item_summary
        if key == "amount":
            return money_or_dash(b.amount_cents)
        if key == "status":
            return order_status_label(b.status)
        if key == "where":
            return where_text(row)
        return ""


def where_text(row: ListRow) -> str:
    """本机 for a cached order; 不在本机 (and whose store) for one only the server has."""
    remote = row.remote
    if remote is not None and getattr(remote, "other_store", False):
        return QCoreApplication.translate("OrderTableModel", "不在本机 · 其他门店 {0}").format(
            remote.store_name
        )
    if not row.cached:
        return QCoreApplication.translate("OrderTableModel", "不在本机")
    return QCoreApplication.translate("OrderTableModel", "本机")
