"""A list of scripts and materials: title over a one-line snippet, search hits highlighted."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QPainter,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
HIGHLIGHT = "#ffe58f"
SNIPPET_CHARS = 60


@dataclass(frozen=True)
class Row:
    """One line of the list (a search hit, or an item of a view)."""

    kind: str  # "script" | "material"
    id: str
    title: str
    snippet: str = ""
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)
    #: a mark after the title (★ 收藏, 我的, 待处理 …)
    badge: str = ""


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` as HTML with ``spans`` on a highlight background."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<span style="background:{HIGHLIGHT}">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def one_line(text: str, limit: int = SNIPPET_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def kind_mark(kind: str) -> str:
    return {
        "script": QCoreApplication.translate("HitList", "话术"),
        "material": QCoreApplication.translate("HitList", "素材"),
    }.get(kind, kind)


def row_of_hit(hit: Any) -> Row:
    return Row(
        str(hit.kind),
        hit.id,
        hit.title,
        hit.snippet or "",
        list(hit.title_spans or []),
        list(hit.snippet_spans or []),
    )


def row_of_script(script: Any, badge: str = "") -> Row:
    return Row("script", script.id, script.title, one_line(script.body), badge=badge)


def row_of_material(material: Any, badge: str = "") -> Row:
    snippet = material.description or material.text or material.url or ""
    return Row("material", material.id, material.title, one_line(snippet), badge=badge)


def fitted(
    text: str, spans: list[tuple[int, int]], option: QStyleOptionViewItem
) -> tuple[str, list[tuple[int, int]]]:
    """``text`` ending in "…" where it would run past the row (its spans kept inside)."""
    room = max(option.rect.width() - 10, 40)
    elided = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
    if elided == text:
        return text, spans
    keep = max(len(elided) - 1, 0)
    return text[:keep] + "…", [(s, min(e, keep)) for s, e in spans if s < keep]


class _RowDelegate(QStyledItemDelegate):
    """Draws a :class:`Row` as rich text (title, badge, snippet with its highlights)."""

    def _document(self, row: Row, option: QStyleOptionViewItem) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(3)
        no_wrap = QTextOption()
        no_wrap.setWrapMode(QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(no_wrap)  # two lines, each cut at the edge
        badge = f' <span style="color:#8a6d00">{html.escape(row.badge)}</span>' if row.badge else ""
        kind = f'<span style="color:#888">[{html.escape(kind_mark(row.kind))}]</span> '
        snippet = marked(*fitted(row.snippet, row.snippet_spans, option))
        doc.setHtml(
            f"{kind}<b>{marked(row.title, row.title_spans)}</b>{badge}"
            f'<br><span style="color:#666">{snippet}</span>'
        )
        doc.setTextWidth(option.rect.width() if option.rect.width() > 0 else 400)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, Row):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget
            )
        doc = self._document(row, option)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        height = option.fontMetrics.height() * 2 + 12
        return QSize(option.rect.width() or 300, height)


class HitList(QListWidget):
    """Rows of scripts/materials; ``sig_row_chosen(row)`` when one becomes current,
    ``sig_row_activated(row)`` on double-click or Enter."""

    sig_row_chosen = Signal(object)
    sig_row_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hitList")
        self.setItemDelegate(_RowDelegate(self))
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.currentItemChanged.connect(self._current_changed)
        self.itemActivated.connect(lambda item: self.sig_row_activated.emit(item.data(ROW_ROLE)))

    def show_rows(
        self, rows: list[Row], empty_text: str = "", select: tuple[str, str] | None = None
    ) -> None:
        """Replace the rows; the current one is ``select`` (kind, id) if listed, else the first."""
        self.blockSignals(True)
        self.clear()
        for row in rows:
            item = QListWidgetItem(row.title)
            item.setData(ROW_ROLE, row)
            item.setToolTip(row.title)
            self.addItem(item)
        if not rows and empty_text:
            item = QListWidgetItem(empty_text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
        self.blockSignals(False)
        if rows:
            keys = [(r.kind, r.id) for r in rows]
            self.setCurrentRow(keys.index(select) if select in keys else 0)
        else:
            self.sig_row_chosen.emit(None)

    def rows(self) -> list[Row]:
        found = [self.item(i).data(ROW_ROLE) for i in range(self.count())]
        return [r for r in found if isinstance(r, Row)]

    def current_row(self) -> Row | None:
        item = self.currentItem()
        row = item.data(ROW_ROLE) if item is not None else None
        return row if isinstance(row, Row) else None

    def move(self, step: int) -> None:
        if self.count():
            self.setCurrentRow(max(0, min(self.count() - 1, self.currentRow() + step)))

    def _current_changed(self, item: QListWidgetItem | None, _old: object = None) -> None:
        row = item.data(ROW_ROLE) if item is not None else None
        self.sig_row_chosen.emit(row if isinstance(row, Row) else None)
