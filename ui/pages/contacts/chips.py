"""Paints a customer's tags as coloured chips in the 标签 column.

Each chip is rendered once into a cached pixmap (per tag name, colour, height
and device pixel ratio): painting a row is then one ``drawPixmap`` per chip.
Few calls into Qt per row also matter while the sync thread is busy, since
every call from Python re-acquires the GIL.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.pages.contacts.model import TAGS_ROLE

_PAD_X = 6
_GAP = 4
_cache: dict[tuple, QPixmap] = {}


def text_color(hex_color: str) -> str:
    """Dark text on light chips, white on dark ones (perceived luminance)."""
    value = hex_color.lstrip("#")
    try:
        r, g, b = int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except (ValueError, IndexError):
        return "#ffffff"
    return "#1b1f24" if 0.299 * r + 0.587 * g + 0.114 * b > 160 else "#ffffff"


def chip_pixmap(name: str, color: str, font: QFont, height: int, ratio: float) -> QPixmap:
    key = (name, color, font.key(), height, ratio)
    pixmap = _cache.get(key)
    if pixmap is not None:
        return pixmap
    width = QFontMetrics(font).horizontalAdvance(name) + 2 * _PAD_X
    pixmap = QPixmap(int(width * ratio), int(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    fill = QColor(color)
    if not fill.isValid():
        fill, color = QColor("#888888"), "#888888"
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    rect = QRectF(0, 0, width, height)
    painter.drawRoundedRect(rect, height / 2, height / 2)
    painter.setPen(QColor(text_color(color)))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
    painter.end()
    if len(_cache) > 5000:
        _cache.clear()
    _cache[key] = pixmap
    return pixmap


class TagChipDelegate(QStyledItemDelegate):
    """Draws each ``TagChip`` as a rounded rectangle in the tag's colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        tags = index.data(TAGS_ROLE)
        if not tags:
            super().paint(painter, option, index)
            return
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, option.palette.highlight())
        height = option.fontMetrics.height() + 4
        ratio = painter.device().devicePixelRatioF()
        x = rect.left() + 4
        y = rect.top() + (rect.height() - height) // 2
        right = rect.right() - 4
        for tag in tags:
            pixmap = chip_pixmap(tag.name, tag.color, option.font, height, ratio)
            width = int(pixmap.width() / ratio)
            if x + width > right:
                painter.drawText(
                    QRectF(x, y, max(right - x + 4, 12), height), Qt.AlignmentFlag.AlignVCenter, "…"
                )
                break
            painter.drawPixmap(x, y, pixmap)
            x += width + _GAP

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        tags = index.data(TAGS_ROLE) or []
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(t.name) + 2 * _PAD_X + _GAP for t in tags) + 8
        return QSize(max(width, 60), metrics.height() + 10)
