"""Paints a customer's tags as coloured chips in the 标签 column."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.contacts.model import TAGS_ROLE

_PAD_X = 6
_GAP = 4


def _text_color(background: QColor) -> QColor:
    # Dark text on light chips, white on dark ones (perceived luminance).
    lum = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#1b1f24") if lum > 160 else QColor("#ffffff")


class TagChipDelegate(QStyledItemDelegate):
    """Draws each ``TagChip`` as a rounded rectangle in the tag's colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        tags = index.data(TAGS_ROLE)
        if not tags:
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(option.font)
        height = metrics.height() + 4
        x = option.rect.left() + 4
        y = option.rect.top() + (option.rect.height() - height) / 2
        right = option.rect.right() - 4
        for tag in tags:
            width = metrics.horizontalAdvance(tag.name) + 2 * _PAD_X
            if x + width > right:
                painter.setPen(option.palette.text().color())
                painter.drawText(
                    QRectF(x, y, right - x + 4, height), Qt.AlignmentFlag.AlignVCenter, "…"
                )
                break
            color = QColor(tag.color)
            if not color.isValid():
                color = QColor("#888888")
            rect = QRectF(x, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(rect, height / 2, height / 2)
            painter.setPen(_text_color(color))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tag.name)
            x += width + _GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        tags = index.data(TAGS_ROLE) or []
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(t.name) + 2 * _PAD_X + _GAP for t in tags) + 8
        return QSize(max(width, 60), metrics.height() + 10)
