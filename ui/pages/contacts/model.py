"""A table model over ``session.customers.count/page``: rows fetched in blocks as shown.

Like Anki's browser model, nothing is loaded until a row is painted: the model
knows only the row count, and asks a worker for the block of rows around what
the view paints. Sorting and filtering are SQL (a new ``CustomerQuery``).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from ui.background import run_in_background
from ui.labels import level_label, local_time, stage_label

log = logging.getLogger(__name__)

BLOCK = 200
MAX_BLOCKS = 60
TAGS_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3

#: Columns whose text may be longer than the column (elided "…"; the tooltip has it all).
TOOLTIP_COLUMNS = frozenset({"name", "owner"})

#: (column key, sort key sent to SQL)
COLUMNS = (
    ("name", "name"),
    ("phone", "phone"),
    ("level", "level"),
    ("stage", "stage"),
    ("tags", None),
    ("last_purchase_at", "last_purchase_at"),
    ("owner", "owner_name"),
)


def column_title(key: str) -> str:
    titles = {
        "name": QCoreApplication.translate("CustomerTableModel", "姓名(备注)"),
        "phone": QCoreApplication.translate("CustomerTableModel", "手机"),
        "level": QCoreApplication.translate("CustomerTableModel", "等级"),
        "stage": QCoreApplication.translate("CustomerTableModel", "阶段"),
        "tags": QCoreApplication.translate("CustomerTableModel", "标签"),
        "last_purchase_at": QCoreApplication.translate("CustomerTableModel", "最近购买"),
        "owner": QCoreApplication.translate("CustomerTableModel", "所属导购"),
    }
    return titles[key]


class CustomerTableModel(QAbstractTableModel):
    """Row count from SQL; rows in cached blocks of ``BLOCK``; stale answers dropped."""

    sig_count_changed = Signal(int)
    sig_block_loaded = Signal(int)
    sig_failed = Signal(str)

    def __init__(self, session: object, query: object, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.query = query
        self._count = 0
        self._blocks: OrderedDict[int, list] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0

    # ---------------------------------------------------------------- loading

    def set_query(self, query: object) -> None:
        """Swap the filter/sort; the row count is recounted on a worker."""
        self.query = query
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        query = self.query
        session = self.session

        def count_and_first_block() -> tuple[int, list]:
            return session.customers.count(query), session.customers.page(query, 0, BLOCK)

        run_in_background(
            count_and_first_block,
            lambda res: self._counted(generation, *res),
            self._failed,
        )

    def _counted(self, generation: int, count: int, first: list) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count = count
        self._blocks.clear()
        self._pending.clear()
        self._blocks[0] = list(first)
        self.endResetModel()
        self.sig_count_changed.emit(count)
        self.sig_block_loaded.emit(0)

    def refresh_rows(self) -> None:
        """Re-read the count and the blocks on screen after a sync changed customers."""
        self.reload()

    def _want(self, block: int) -> None:
        if block in self._pending:
            return
        self._pending.add(block)
        generation = self._generation
        query = self.query
        session = self.session
        run_in_background(
            lambda: session.customers.page(query, block * BLOCK, BLOCK),
            lambda rows: self._loaded(generation, block, rows),
            self._failed,
        )

    def _loaded(self, generation: int, block: int, rows: list) -> None:
        if generation != self._generation:
            return
        self._pending.discard(block)
        self._blocks[block] = list(rows)
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        first = block * BLOCK
        last = min(self._count, first + BLOCK) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.sig_block_loaded.emit(block)

    def _failed(self, exc: BaseException) -> None:
        log.warning("读取客户列表失败: %s", exc)
        self.sig_failed.emit(str(exc))

    def row_at(self, row: int) -> object | None:
        """The ``CustomerRow`` at ``row`` if loaded; otherwise asks for its block."""
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
            return column_title(COLUMNS[section][0])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            TAGS_ROLE,
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
        key = COLUMNS[index.column()][0]
        if role == TAGS_ROLE:
            return row.tags if key == "tags" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "tags":
                return ", ".join(t.name for t in row.tags)
            # a long name (or guide) is elided with "…" in its column: the whole text here
            return self._display(row, key) if key in TOOLTIP_COLUMNS else None
        return self._display(row, key)

    @staticmethod
    def _display(row: object, key: str) -> str:
        if key == "name":
            return f"{row.name}（{row.remark_name}）" if row.remark_name else row.name
        if key == "phone":
            return row.phone_display or ""
        if key == "level":
            return level_label(row.level)
        if key == "stage":
            return stage_label(row.stage)
        if key == "last_purchase_at":
            return local_time(row.last_purchase_at, with_time=False)
        if key == "owner":
            return row.owner_name or ""
        return ""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        sort_key = COLUMNS[column][1]
        if sort_key is None:
            return
        self.set_query(
            dataclasses.replace(
                self.query, sort_key=sort_key, sort_desc=order == Qt.SortOrder.DescendingOrder
            )
        )
