"""Charts of the 审核 page: completion rates as horizontal bars, weekly rates as lines.

Drawn with pyqtgraph (pure Python over QtGui; QtCharts ships only in the 175 MB
``pyside6-addons``). pyqtgraph and numpy take ~0.4 s to import, so a chart
imports them the first time it draws, not when the window is built: pages are
made at start-up and most sessions never open the 审核 page.

A chart keeps what it shows (``labels``, ``values``/``series``) so tests and the
benchmark can read it back without looking at pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

#: Bar colours: done (submitted or approved) and the part of it approved.
DONE_COLOR = QColor("#7fb3e6")
APPROVED_COLOR = QColor("#2f7ed8")
#: Line colours, in turn.
LINE_COLORS = ("#2f7ed8", "#e67e22", "#27ae60", "#8e44ad", "#c0392b", "#16a085")
_INK = QColor("#3a4a5c")

_pg: Any = None


def _pyqtgraph() -> Any:
    """pyqtgraph, imported and configured once (white background, smooth lines)."""
    global _pg
    if _pg is None:
        import pyqtgraph

        pyqtgraph.setConfigOptions(antialias=True, background="w", foreground=_INK)
        _pg = pyqtgraph
    return _pg


class _Chart(QWidget):
    """A titled frame whose plot is made on the first draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("chartTitle")
        self._layout.addWidget(self.title)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("chartEmpty")
        self._layout.addWidget(self.empty, 1)
        self.plot: Any = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def _plot(self) -> Any:
        if self.plot is None:
            pg = _pyqtgraph()
            self.plot = pg.PlotWidget()
            self.plot.setMenuEnabled(False)
            self.plot.setMouseEnabled(x=False, y=False)
            self.plot.hideButtons()
            self._layout.addWidget(self.plot, 1)
        return self.plot

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.empty.show()
        if self.plot is not None:
            self.plot.hide()

    def _show_plot(self) -> Any:
        plot = self._plot()
        self.empty.hide()
        plot.show()
        plot.clear()
        return plot


class RateBars(_Chart):
    """One horizontal bar per row: the done rate, the approved part darker (0–100 %)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = []
        self.values: list[float] = []
        self.approved: list[float] = []

    def set_bars(
        self,
        labels: Sequence[str],
        done: Sequence[float],
        approved: Sequence[float] | None = None,
        *,
        empty_text: str = "",
    ) -> None:
        """Rates in 0..1; the first label is drawn at the top."""
        self.labels = list(labels)
        self.values = [float(v) for v in done]
        self.approved = [float(v) for v in (approved or [0.0] * len(self.values))]
        if not self.labels:
            self._show_empty(empty_text)
            return
        pg = _pyqtgraph()
        plot = self._show_plot()
        n = len(self.labels)
        ys = [n - 1 - i for i in range(n)]
        plot.addItem(
            pg.BarGraphItem(
                x0=[0] * n,
                y=ys,
                width=[v * 100 for v in self.values],
                height=0.7,
                brush=DONE_COLOR,
                pen=None,
            )
        )
        plot.addItem(
            pg.BarGraphItem(
                x0=[0] * n,
                y=ys,
                width=[v * 100 for v in self.approved],
                height=0.7,
                brush=APPROVED_COLOR,
                pen=None,
            )
        )
        left = plot.getAxis("left")
        left.setTicks([[(y, label) for y, label in zip(ys, self.labels, strict=True)]])
        bottom = plot.getAxis("bottom")
        bottom.setTicks([[(x, f"{x}%") for x in range(0, 101, 20)]])
        plot.setXRange(0, 100, padding=0.02)
        plot.setYRange(-0.6, n - 0.4, padding=0)
        self.setMinimumHeight(max(160, min(22 * n + 60, 900)))


class RateLines(_Chart):
    """Rates over consecutive periods (weeks), one line per series (0–100 %)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.x_labels: list[str] = []
        self.series: dict[str, list[float | None]] = {}

    def set_lines(
        self,
        x_labels: Sequence[str],
        series: dict[str, Sequence[float | None]],
        *,
        empty_text: str = "",
    ) -> None:
        """``series``: name → a rate (0..1) per x label, None where there was nothing due."""
        self.x_labels = list(x_labels)
        self.series = {k: list(v) for k, v in series.items()}
        if not self.x_labels or not any(v is not None for s in series.values() for v in s):
            self._show_empty(empty_text)
            return
        pg = _pyqtgraph()
        plot = self._show_plot()
        legend = plot.addLegend(offset=(-10, 10)) if len(series) > 1 else None
        for i, (name, values) in enumerate(self.series.items()):
            points = [(x, v * 100) for x, v in enumerate(values) if v is not None]
            color = LINE_COLORS[i % len(LINE_COLORS)]
            plot.plot(
                [p[0] for p in points],
                [p[1] for p in points],
                pen=pg.mkPen(color, width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush=color,
                symbolPen=None,
                name=name,
            )
        if legend is not None:
            legend.setLabelTextColor(_INK)
        step = max(1, len(self.x_labels) // 8)
        plot.getAxis("bottom").setTicks(
            [[(x, label) for x, label in enumerate(self.x_labels) if x % step == 0]]
        )
        plot.getAxis("left").setTicks([[(y, f"{y}%") for y in range(0, 101, 25)]])
        plot.setYRange(0, 100, padding=0.05)
        plot.setXRange(-0.3, len(self.x_labels) - 0.7, padding=0)
