"""Pieces every tab of the library admin page shares: the base tab (its error line and
the page it runs calls through), a date field with 不限, the visibility editor, a
confirmation question and table filling."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from guide_core import protocol

if TYPE_CHECKING:
    from guide_app.services.library_admin import LibraryAdmin

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The earliest day the wire takes; a date field at it reads 不限.
NO_DATE = QDate(2000, 1, 1)
#: The first column (a title) is at least this wide, at most twice that.
TITLE_WIDTH = 220
_SPLIT = re.compile(r"[,，、;；\s]+")


class AdminHost(Protocol):
    """What a tab asks of the page: run a call on the network worker, and whether the
    server is reachable (writes are online only)."""

    admin: LibraryAdmin
    offline: bool

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None: ...


class AdminTab(QWidget):
    """A tab: an error line under its tool bar, refreshed by :meth:`reload`."""

    def __init__(self, host: AdminHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.admin = host.admin
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def reload(self) -> None:
        """Ask the server again (or the cache, offline)."""

    def update_controls(self) -> None:
        """Enable what the user may do now (permissions, selection, online)."""

    def retranslate_ui(self) -> None:
        """Set every text again."""

    @property
    def writable(self) -> bool:
        return not self.host.offline


class DateOrAny(QDateEdit):
    """A day, or 不限 (``None``) at the field's minimum."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2099, 12, 31))
        self.set_value(None)

    def retranslate(self, any_text: str) -> None:
        self.setSpecialValueText(any_text)

    def value(self) -> date | None:
        d = self.date()
        return None if d == NO_DATE else date(d.year(), d.month(), d.day())

    def set_value(self, day: date | None) -> None:
        self.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))


def check_list() -> QListWidget:
    box = QListWidget()
    box.setMaximumHeight(110)
    return box


def fill_checks(box: QListWidget, rows: Iterable[tuple[str, str]], checked: Iterable[str]) -> None:
    """(id, label) rows as checkable items; ``checked`` ids ticked."""
    ticked = set(checked)
    box.clear()
    for row_id, text in rows:
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, row_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if row_id in ticked else Qt.CheckState.Unchecked)
        box.addItem(item)
    for row_id in ticked - {r for r, _ in rows_of(box)}:  # a store this PC does not know
        item = QListWidgetItem(row_id)
        item.setData(ID_ROLE, row_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        box.addItem(item)


def rows_of(box: QListWidget) -> list[tuple[str, str]]:
    return [(box.item(i).data(ID_ROLE), box.item(i).text()) for i in range(box.count())]


def checked_ids(box: QListWidget) -> list[str]:
    return [
        box.item(i).data(ID_ROLE)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


def set_checked(box: QListWidget, ids: Iterable[str]) -> None:
    wanted = set(ids)
    for i in range(box.count()):
        item = box.item(i)
        on = item.data(ID_ROLE) in wanted
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class VisibilityEditor(QWidget):
    """Who sees a script or material: regions, stores, roles (nothing ticked: no limit)."""

    def __init__(self, admin: LibraryAdmin, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.regions = check_list()
        self.stores = check_list()
        self.roles = check_list()
        self.hint = QLabel()
        self.hint.setProperty("role", "hint")
        self.titles = [QLabel(), QLabel(), QLabel()]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, (title, box) in enumerate(
            zip(self.titles, (self.regions, self.stores, self.roles), strict=True)
        ):
            grid.addWidget(title, 0, col)
            grid.addWidget(box, 1, col)
        grid.addWidget(self.hint, 2, 0, 1, 3)
        fill_checks(self.regions, admin.regions(), [])
        fill_checks(self.stores, [(s.id, f"{s.code} {s.name}") for s in admin.stores()], [])
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for label, text in zip(
            self.titles, (self.tr("区域"), self.tr("门店"), self.tr("角色")), strict=True
        ):
            label.setText(text)
        self.hint.setText(self.tr("都不勾选表示全部可见; 勾选后只有符合的区域、门店、角色可见"))
        ticked = checked_ids(self.roles)
        fill_checks(
            self.roles,
            [("guide", self.tr("导购")), ("supervisor", self.tr("店长")), ("hq", self.tr("总部"))],
            ticked,
        )

    def value(self) -> protocol.MaterialVisibility:
        return protocol.MaterialVisibility(
            region_ids=checked_ids(self.regions),
            store_ids=checked_ids(self.stores),
            roles=checked_ids(self.roles),
        )

    def set_value(self, vis: protocol.MaterialVisibility) -> None:
        fill_checks(self.regions, rows_of(self.regions), vis.region_ids)
        fill_checks(self.stores, rows_of(self.stores), vis.store_ids)
        set_checked(self.roles, [str(r) for r in vis.roles])


def split_words(text: str) -> list[str]:
    """``"a，b、c d"`` → ``["a", "b", "c", "d"]`` (duplicates dropped, order kept)."""
    return list(dict.fromkeys(w for w in _SPLIT.split(text) if w))


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before something that cannot be undone from here (停用, 删除)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(QMessageBox.StandardButton.Yes)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def table(titles: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(titles))
    t.setHorizontalHeaderLabels(titles)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill(t: QTableWidget, rows: list[tuple[str | None, list[str]]]) -> None:
    """(row id, cells) rows; the id rides on the first cell."""
    t.setRowCount(len(rows))
    for r, (row_id, cells) in enumerate(rows):
        for c, value in enumerate(cells):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if c == 0:
                item.setData(ID_ROLE, row_id)
            t.setItem(r, c, item)
    t.resizeColumnsToContents()
    t.setColumnWidth(0, min(max(t.columnWidth(0), TITLE_WIDTH), 2 * TITLE_WIDTH))


def selected_id(t: QTableWidget) -> str | None:
    rows = t.selectionModel().selectedRows()
    if not rows:
        return None
    item = t.item(rows[0].row(), 0)
    return item.data(ID_ROLE) if item else None


def select_id(t: QTableWidget, row_id: str) -> bool:
    for r in range(t.rowCount()):
        if t.item(r, 0).data(ID_ROLE) == row_id:
            t.selectRow(r)
            return True
    return False


def validity_text(valid_from: date | None, valid_to: date | None, any_text: str) -> str:
    if valid_from is None and valid_to is None:
        return any_text
    a = valid_from.isoformat() if valid_from else "…"
    b = valid_to.isoformat() if valid_to else "…"
    return f"{a} ~ {b}"
