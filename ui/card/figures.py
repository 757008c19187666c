"""The card's figures strip: 累计消费, 订单数, 客单价, 最近购买, 来源渠道, 负责导购.

The figures come from the core (``CustomerCard.figures``: ``guide_app.services.
customer_views.figures_of``); this only formats them. Unknown values show "—".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from ui.card.elided import ElidedLabel

if TYPE_CHECKING:
    from guide_app.services.customer_views import CustomerFigures

#: What a figure the core does not know shows.
DASH = "—"
KEYS = ("total", "orders", "average", "last", "source", "owner")


def money_or_dash(cents: int | None) -> str:
    """Integer cents as ``¥1,234.50``; None as "—"."""
    if cents is None:
        return DASH
    sign = "-" if cents < 0 else ""
    yuan, fen = divmod(abs(int(cents)), 100)
    return f"{sign}¥{yuan:,}.{fen:02d}"


class FiguresStrip(QFrame):
    """Six captions over six values; ``values[key]`` are the value labels (see KEYS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FiguresStrip")
        self.setStyleSheet(
            "#FiguresStrip { background: #f5f7fa; border: 1px solid #e1e6ec; border-radius: 4px; }"
        )
        self._figures: CustomerFigures | None = None
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, ElidedLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(1)
        for col, key in enumerate(KEYS):
            caption = QLabel()
            caption.setProperty("role", "hint")
            value = ElidedLabel(DASH)
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 11pt; font-weight: 600;")
            grid.addWidget(caption, 0, col)
            grid.addWidget(value, 1, col)
            self.captions[key] = caption
            self.values[key] = value
        # Each figure as wide as its text; the room left over goes to the right, and only
        # a card too narrow for all six shortens them (ending in "…", tooltip whole).
        grid.setColumnStretch(len(KEYS), 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = {
            "total": self.tr("累计消费"),
            "orders": self.tr("订单数"),
            "average": self.tr("客单价"),
            "last": self.tr("最近购买"),
            "source": self.tr("来源渠道"),
            "owner": self.tr("负责导购"),
        }
        for key, label in self.captions.items():
            label.setText(texts[key])
        self.show_figures(self._figures)

    def show_figures(self, f: CustomerFigures | None) -> None:
        self._figures = f
        if f is None:
            for value in self.values.values():
                value.setText(DASH)
            return
        self.values["total"].setText(money_or_dash(f.total_spent_cents))
        self.values["orders"].setText(str(f.order_count))
        self.values["average"].setText(money_or_dash(f.average_order_cents))
        self.values["last"].setText(self._last(f))
        self.values["source"].setText(f.source_channel or DASH)
        self.values["owner"].setText(f.owner_name or DASH)

    def _last(self, f: CustomerFigures) -> str:
        if f.last_purchase_on is None:
            return DASH
        days = f.days_since_last_purchase
        if days is None:
            ago = ""
        elif days == 0:
            ago = self.tr("今天")
        else:
            ago = self.tr("{0}天前").format(days)
        day = f.last_purchase_on.isoformat()
        return self.tr("{0}（{1}）").format(day, ago) if ago else day
