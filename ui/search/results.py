"""The grouped result list shown under the search box (a child overlay, never a popup
window, so typing keeps the focus in the box)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

if TYPE_CHECKING:
    from guide_app.search.results import SearchResults as FoundResults

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The subtitle column's largest share of the overlay's width.
SUBTITLE_SHARE = 0.45


def kind_label(kind: str) -> str:
    labels = {
        "customer": QCoreApplication.translate("SearchResults", "客户"),
        "order": QCoreApplication.translate("SearchResults", "订单"),
        "script": QCoreApplication.translate("SearchResults", "话术"),
        "material": QCoreApplication.translate("SearchResults", "素材"),
        "task": QCoreApplication.translate("SearchResults", "任务"),
    }
    return labels.get(kind, kind)


class SearchResults(QTreeWidget):
    """Hits grouped by kind; ``sig_hit_activated(hit)`` on click or Enter."""

    sig_hit_activated = Signal(object)
    sig_painted = Signal()  # lets the benchmark time keystroke → painted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Titles and subtitles share the overlay's width: a long one ends in "…" (its
        # tooltip has it all) instead of pushing the other column out of view.
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.header().setStretchLastSection(False)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.shown_text = ""
        self.hide()

    def show_results(self, text: str, results: FoundResults) -> None:
        self.setUpdatesEnabled(False)
        self.clear()
        first: QTreeWidgetItem | None = None
        for group in results.groups:
            if not group.hits:
                continue
            head = QTreeWidgetItem([kind_label(group.kind), ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.addTopLevelItem(head)
            for hit in group.hits:
                item = QTreeWidgetItem(head, [hit.title, hit.subtitle or ""])
                item.setData(0, HIT_ROLE, hit)
                item.setToolTip(0, hit.title)
                if hit.subtitle:
                    item.setToolTip(1, hit.subtitle)
                first = first or item
            head.setExpanded(True)
        notice = results.notice
        if notice:  # HQ offline: customers are searched on the server
            line = QTreeWidgetItem([notice, ""])
            line.setFlags(Qt.ItemFlag.NoItemFlags)
            self.insertTopLevelItem(0, line)
        if first is None and not notice:
            empty = QTreeWidgetItem([self.tr("没有找到“{0}”").format(text), ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addTopLevelItem(empty)
        else:
            self.setCurrentItem(first)
        self.fit_columns()
        self.setUpdatesEnabled(True)
        self.shown_text = text
        self.show()
        self.raise_()

    def fit_columns(self) -> None:
        """Both columns inside the viewport: the subtitle takes what it needs up to
        ``SUBTITLE_SHARE`` of the width, the title the rest (each elides beyond)."""
        width = self.viewport().width()
        if width <= 0:
            return
        wanted_title = self.sizeHintForColumn(0)
        wanted_sub = self.sizeHintForColumn(1)
        sub = min(wanted_sub, int(width * SUBTITLE_SHARE))
        title = width - sub
        if wanted_title < title:  # room to spare: the subtitle may have it
            sub = min(wanted_sub, width - wanted_title)
            title = width - sub
        self.setColumnWidth(0, max(title, 0))
        self.setColumnWidth(1, max(sub, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def content_height(self) -> int:
        """Height that shows every row (the overlay shrinks to its results)."""
        rows = self.topLevelItemCount() + len(self.hits())
        return rows * max(self.sizeHintForRow(0), 20) + 2 * self.frameWidth() + 4

    def hits(self) -> list[object]:
        found = []
        for i in range(self.topLevelItemCount()):
            head = self.topLevelItem(i)
            found += [head.child(j).data(0, HIT_ROLE) for j in range(head.childCount())]
        return found

    def move_selection(self, step: int) -> None:
        items = []
        for i in range(self.topLevelItemCount()):
            head = self.topLevelItem(i)
            items += [head.child(j) for j in range(head.childCount())]
        if not items:
            return
        current = self.currentItem()
        index = items.index(current) if current in items else -1
        self.setCurrentItem(items[max(0, min(len(items) - 1, index + step))])

    def activate_current(self) -> bool:
        item = self.currentItem()
        if item is not None and item.data(0, HIT_ROLE) is not None:
            self.sig_hit_activated.emit(item.data(0, HIT_ROLE))
            return True
        return False

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit is not None:
            self.sig_hit_activated.emit(hit)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self.sig_painted.emit()
