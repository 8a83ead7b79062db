"""Uplift per segment with its 95% confidence interval drawn as error bars.

Segments go down the side (names are long), the uplift across, with a line at zero: an interval
entirely right of zero means the campaign likely worked for that segment. Colour says the same
(green: likely positive, vermillion: likely negative, grey: not enough evidence) and the table
spells it out. A click on a segment's row selects it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QWidget

from segmenter_app.ui.charts import theme
from segmenter_app.ui.charts.base import ChartPanel

POSITIVE = QColor("#009E73")
NEGATIVE = QColor("#D55E00")
UNCLEAR = QColor("#999999")


class UpliftChart(ChartPanel):
    """Uplift and interval per segment (see the module docstring)."""

    #: The segment key clicked (empty string: click beside the segments).
    segmentClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.set_title(self.tr("Uplift over the control group (95% interval)"))
        self.plot = self.add_plot(0, 0)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.keys: list[str] = []
        self.names: list[str] = []
        self.estimate = np.zeros(0)
        self.low = np.zeros(0)
        self.high = np.zeros(0)
        self.verdicts: list[str] = []
        self.formatter: Callable[[float], str] = str
        self.selected: str | None = None
        self.graphics.scene().sigMouseClicked.connect(self._on_click)
        self.tableSelectionChanged.connect(self._on_table_rows)

    def set_uplift(
        self,
        keys: Sequence[str],
        names: Sequence[str],
        estimate: Sequence[float],
        low: Sequence[float],
        high: Sequence[float],
        *,
        unit_label: str,
        formatter: Callable[[float], str],
        verdicts: Sequence[str] | None = None,
    ) -> None:
        """Show per segment the uplift ``estimate`` and its interval [``low``, ``high``].

        ``unit_label`` names the axis ("Conversion uplift, points"); ``formatter`` writes a value;
        ``verdicts`` are the core's plain-words readings, shown in the table.
        """
        self.keys = [str(k) for k in keys]
        self.names = [str(n) for n in names]
        self.estimate = np.asarray(estimate, dtype=float)
        self.low = np.asarray(low, dtype=float)
        self.high = np.asarray(high, dtype=float)
        self.verdicts = [str(v) for v in verdicts] if verdicts is not None else [""] * len(self.keys)
        self.formatter = formatter
        left = self.plot.getAxis("left")
        left.setTicks([[(self._y(i), n) for i, n in enumerate(self.names)]])
        metrics = QFontMetrics(self.font())
        left.setWidth(min(max((metrics.horizontalAdvance(n) for n in self.names), default=0) + 14, 240))
        self.plot.setLabel("bottom", unit_label)
        self.redraw()
        self.set_table(
            [
                self.tr("Segment"),
                self.tr("Uplift"),
                self.tr("Interval low"),
                self.tr("Interval high"),
                self.tr("Reading"),
            ],
            [self.names, self.estimate.tolist(), self.low.tolist(), self.high.tolist(), self.verdicts],
            [None, formatter, formatter, formatter, None],
        )
        likely = int(np.sum(self.low > 0))
        measured = bool((np.isfinite(self.low) & np.isfinite(self.high)).any())
        self.set_description(
            self.tr("%n segment(s) measured", "", len(self.keys))
            + "; "
            + (
                self.tr("%n with an uplift that is likely real.", "", likely)
                if measured
                else self.no_uplift_text()
            )
        )

    def no_uplift_text(self) -> str:
        """What the chart says when no segment has an interval."""
        return self.tr("No control group in these results: no uplift can be measured.")

    def _y(self, index: int) -> float:
        return float(len(self.keys) - 1 - index)

    def color_of(self, index: int) -> QColor:
        """Green when the whole interval is above zero, vermillion below, grey across it."""
        if self.low[index] > 0:
            return POSITIVE
        if self.high[index] < 0:
            return NEGATIVE
        return UNCLEAR

    def redraw(self) -> None:
        """Draw the zero line, the intervals and the estimates."""
        self.plot.clear()
        if not self.keys:
            return
        palette = self.palette()
        fg = theme.foreground(palette)
        ys = np.array([self._y(i) for i in range(len(self.keys))])
        ok = np.isfinite(self.estimate) & np.isfinite(self.low) & np.isfinite(self.high)
        # Without any interval the scale meant nothing (-0.9 to 0.9 yen, forty grid lines and the
        # zero line across the note): the note is shown alone.
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks(None if ok.any() else [[]])
        self.plot.showGrid(x=bool(ok.any()), y=False, alpha=0.15)
        if ok.any():
            zero = pg.InfiniteLine(0, angle=90, pen=pg.mkPen(fg, width=1, style=Qt.PenStyle.DashLine))
            self.plot.addItem(zero)
        for i in np.flatnonzero(ok):
            color = self.color_of(i)
            width = 4 if self.keys[i] == self.selected else 2
            bar = pg.ErrorBarItem(
                x=np.array([self.estimate[i]]),
                y=np.array([ys[i]]),
                left=np.array([self.estimate[i] - self.low[i]]),
                right=np.array([self.high[i] - self.estimate[i]]),
                beam=0.25,
                pen=pg.mkPen(color, width=width),
            )
            self.plot.addItem(bar)
            self.plot.plot(
                [self.estimate[i]],
                [ys[i]],
                pen=None,
                symbol="o",
                symbolSize=10,
                symbolBrush=color,
                symbolPen=pg.mkPen(fg, width=1),
            )
            label = pg.TextItem(self.formatter(self.estimate[i]), color=fg, anchor=(0.5, 1.2))
            label.setPos(self.estimate[i], ys[i])
            self.plot.addItem(label)
        if not ok.any():
            # No interval at all (no control group in the results, as in most small shops'
            # first campaign): say so where the intervals would be, not an empty grid.
            note = pg.TextItem(self.no_uplift_text(), color=fg, anchor=(0.5, 0.5))
            note.setPos(0.0, (len(self.keys) - 1) / 2)
            self.plot.addItem(note)
            self.plot.setXRange(-1.0, 1.0, padding=0)
            self.plot.setYRange(-0.7, len(self.keys) - 0.3, padding=0)
            return
        values = np.concatenate([self.low[ok], self.high[ok], [0.0]])
        span = float(values.max() - values.min()) or 1.0
        self.plot.setXRange(float(values.min()) - span * 0.08, float(values.max()) + span * 0.08, padding=0)
        self.plot.setYRange(-0.7, len(self.keys) - 0.3, padding=0)

    def _on_click(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        vb = self.plot.getViewBox()
        pos = event.scenePos()  # type: ignore[attr-defined]
        if not vb.sceneBoundingRect().contains(pos):
            return
        row = round(vb.mapSceneToView(pos).y())
        index = len(self.keys) - 1 - row
        self.select(self.keys[index] if 0 <= index < len(self.keys) else None)

    def _on_table_rows(self, rows: list[int]) -> None:
        if rows:
            self.select(self.keys[rows[0]])

    def select(self, key: str | None) -> None:
        """Mark a segment (thicker interval) and tell who listens."""
        self.selected = key
        self.redraw()
        self.segmentClicked.emit(key or "")
