"""Segment sizes and revenue as horizontal bars; a click on a bar selects its segment.

Two bar charts side by side share the segment axis: customers on the left, revenue on the
right, so a segment that is small but valuable stands out. Bars are horizontal because segment
names ("Can't lose them", "Potential loyalists") are long. A click selects a segment, Ctrl+click
adds or removes one, a click beside the bars clears; Up and Down move the selection from the
keyboard, Escape clears it. The table view lists the same figures and selects the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QWidget

from segmenter_app.ui.charts import theme
from segmenter_app.ui.charts.base import ChartPanel, format_money, format_number, format_percent

BAR_HEIGHT = 0.7


# The segment names' axis: at most this wide (pixels), with room for the ticks beside the names.
NAME_WIDTH = 240
NAME_MARGIN = 14


class SegmentBarsChart(ChartPanel):
    """Customers and revenue per segment, clickable (see the module docstring)."""

    #: The selected segment keys, in display order (empty: nothing selected).
    selectionChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None, *, show_revenue: bool = True) -> None:
        super().__init__("", parent)
        self.set_title(self.tr("Segment sizes and revenue"))
        self._show_revenue = show_revenue
        self.keys: list[str] = []
        self.names: list[str] = []
        self.customers = np.zeros(0)
        self.revenue = np.zeros(0)
        self.share = np.zeros(0)
        self.revenue_share = np.zeros(0)
        self.colors: list[QColor] = []
        self.selected: list[str] = []
        self._value_names: tuple[str, str] | None = None
        self.size_plot = self.add_plot(0, 0)
        self.set_plot_title(self.size_plot, self.tr("Customers"))
        self.revenue_plot: pg.PlotItem | None = None
        if show_revenue:
            self.revenue_plot = self.add_plot(0, 1)
            self.set_plot_title(self.revenue_plot, self.tr("Revenue"))
            self.revenue_plot.getAxis("left").setStyle(showValues=False)
        self._extents: dict[int, tuple[float, float]] = {}  # id(plot) -> (longest bar, widest label px)
        self._empty: set[int] = set()  # id(plot) of a plot with nothing to draw (no revenue)
        for plot in self.plots:
            plot.setMouseEnabled(x=False, y=False)
            plot.showGrid(x=True, y=False, alpha=0.15)
            plot.getViewBox().sigResized.connect(lambda _vb, p=plot: self._fit_x(p))
        self.graphics.scene().sigMouseClicked.connect(self._on_click)
        self.graphics.installEventFilter(self)
        self.tableSelectionChanged.connect(self._on_table_rows)

    def set_value_titles(
        self, left: str, right: str | None = None, table: tuple[str, str] | None = None
    ) -> None:
        """Rename what the two bar plots measure (e.g. conversions and revenue of a campaign)."""
        self.set_plot_title(self.size_plot, left)
        if self.revenue_plot is not None and right is not None:
            self.set_plot_title(self.revenue_plot, right)
        self._value_names = table

    # --- data ------------------------------------------------------------------------------
    def set_summary(self, summary: pd.DataFrame, colors: Sequence[QColor] | None = None) -> None:
        """Show a segment summary (``core.summary.segment_summary``: key, name, customers, revenue...)."""
        self.set_segments(
            summary["key"].astype(str).tolist(),
            summary["name"].astype(str).tolist(),
            summary["customers"].to_numpy(dtype=float),
            summary["revenue"].to_numpy(dtype=float) if "revenue" in summary else None,
            colors,
        )

    def set_segments(
        self,
        keys: Sequence[str],
        names: Sequence[str],
        customers: Sequence[float],
        revenue: Sequence[float] | None = None,
        colors: Sequence[QColor] | None = None,
    ) -> None:
        """Show segments in display order (first at the top)."""
        self.keys = list(keys)
        self.names = list(names)
        self.customers = np.asarray(customers, dtype=float)
        self.revenue = np.asarray(revenue, dtype=float) if revenue is not None else np.full(len(keys), np.nan)
        total = self.customers.sum()
        self.share = self.customers / total if total else np.zeros(len(keys))
        total_revenue = np.nansum(self.revenue)
        self.revenue_share = self.revenue / total_revenue if total_revenue else np.zeros(len(keys))
        self.colors = (
            list(colors) if colors is not None else [theme.series_color(i) for i in range(len(keys))]
        )
        self.selected = [k for k in self.selected if k in self.keys]
        left = self.size_plot.getAxis("left")
        # Reserve the names' width up front: pyqtgraph only widens an axis after a first paint.
        metrics = QFontMetrics(left.style.get("tickFont") or self.font())
        # A name wider than the axis was not drawn at all (cluster names such as "Spending
        # Score(1-100): high · Annual Income(k$): high" left bars unnamed): shorten it with "…";
        # the table and the quality check give it in full.
        shown = [
            metrics.elidedText(name, Qt.TextElideMode.ElideRight, NAME_WIDTH - NAME_MARGIN)
            for name in self.names
        ]
        ticks = [(self._y(i), name) for i, name in enumerate(shown)]
        left.setTicks([ticks])
        widest = max((metrics.horizontalAdvance(name) for name in shown), default=0)
        left.setWidth(min(widest + NAME_MARGIN, NAME_WIDTH))
        if self.revenue_plot is not None:
            self.revenue_plot.getAxis("left").setTicks([ticks])
        self.redraw()
        self._fill_table()
        if len(self.keys):
            biggest = int(np.argmax(self.customers))
            # Each count its own plural form: "1 customers" read wrong whatever the segments.
            self.set_description(
                self.tr("{segments}; the largest is {name} with {customers}.")
                .replace("{segments}", self.tr("%n segment(s)", "", len(self.keys)))
                .replace("{name}", self.names[biggest])
                .replace("{customers}", self.tr("%Ln customer(s)", "", int(self.customers[biggest])))
            )
        else:
            self.set_description(self.tr("No segments yet."))

    def _y(self, index: int) -> float:
        # The first segment at the top: pyqtgraph's y axis grows upwards.
        return float(len(self.keys) - 1 - index)

    def redraw(self) -> None:
        """Draw the bars with the current selection and palette."""
        for plot in self.plots:
            plot.clear()
        if not self.keys:
            return
        palette = self.palette()
        fg = theme.foreground(palette)
        mark = fg  # black or white outline: visible on every bar colour
        ys = np.array([self._y(i) for i in range(len(self.keys))])
        brushes, pens = [], []
        for key, color in zip(self.keys, self.colors, strict=True):
            chosen = key in self.selected
            fill = QColor(color)
            if self.selected and not chosen:
                fill.setAlpha(90)  # dim the others so the selection stands out
            brushes.append(pg.mkBrush(fill))
            pens.append(pg.mkPen(mark, width=3) if chosen else pg.mkPen(fill.darker(130), width=1))
        series = [(self.size_plot, self.customers, self.share)]
        if self.revenue_plot is not None:
            series.append((self.revenue_plot, self.revenue, self.revenue_share))
        self._empty = set()
        for plot, values, shares in series:
            widths = np.nan_to_num(values)
            if plot is self.revenue_plot and not widths.any():
                # A customers file without purchases has no revenue: a column of "0 %" under an
                # axis reading "1" looked broken; say so instead.
                self._empty.add(id(plot))
                note = pg.TextItem(self.tr("No revenue\nto show"), color=fg, anchor=(0.5, 0.5))
                note.setPos(0.5, (len(self.keys) - 1) / 2)
                plot.addItem(note)
                self._extents[id(plot)] = (1.0, 0.0)
                plot.setXRange(0, 1, padding=0)
                plot.getAxis("bottom").setTicks([[]])
                plot.setYRange(-0.6, len(self.keys) - 0.4, padding=0)
                continue
            plot.addItem(
                pg.BarGraphItem(x0=0, y=ys, width=widths, height=BAR_HEIGHT, brushes=brushes, pens=pens)
            )
            top = float(np.nanmax(widths)) if len(widths) else 1.0
            widest = 0.0
            for y, value, share in zip(ys, widths, shares, strict=True):
                label = pg.TextItem(format_percent(share), color=fg, anchor=(0, 0.5))
                label.setPos(value + top * 0.01, y)
                plot.addItem(label)
                widest = max(widest, label.boundingRect().width())
            self._extents[id(plot)] = (max(top, 1.0), widest)
            self._fit_x(plot)
            plot.setYRange(-0.6, len(self.keys) - 0.4, padding=0)

    def _fit_x(self, plot: pg.PlotItem) -> None:
        """Leave room after the longest bar for its label, in pixels: a fixed 30% of the range
        was narrower than '20 %' in a narrow plot and cut the label."""
        if id(plot) in self._empty:
            return  # the note alone, centred, with no scale
        top, widest = self._extents.get(id(plot), (1.0, 0.0))
        pixels = plot.getViewBox().width()
        room = (widest + 6) / pixels if pixels > 0 else 0.0
        # 1% of the range between bar and label, the label, then a margin; never past 70%.
        share = min(max(room + 0.01, 0.23), 0.7)
        end = top / (1.0 - share)
        plot.setXRange(0, end, padding=0)
        plot.getAxis("bottom").setTicks([value_ticks(end, pixels, QFontMetrics(self.font()))])

    def _fill_table(self) -> None:
        names = self._value_names
        headers = [self.tr("Segment"), self.tr("Customers"), self.tr("Share of customers")]
        if names:
            headers[1] = names[0]
        columns: list[Sequence[object]] = [self.names, self.customers.tolist(), self.share.tolist()]
        formatters = [None, format_number, lambda v: format_percent(v, 1)]
        if self.revenue_plot is not None:
            headers += [names[1] if names else self.tr("Revenue"), self.tr("Share of revenue")]
            columns += [self.revenue.tolist(), self.revenue_share.tolist()]
            formatters += [format_money, lambda v: format_percent(v, 1)]
        self.set_table(headers, columns, formatters)

    # --- selection -------------------------------------------------------------------------
    def set_selection(self, keys: Sequence[str], *, emit: bool = True) -> None:
        """Select segments by key (unknown keys are ignored)."""
        chosen = [k for k in self.keys if k in set(keys)]
        if chosen == self.selected:
            return
        self.selected = chosen
        self.redraw()
        if emit:
            self.selectionChanged.emit(list(self.selected))

    def index_at(self, scene_pos: object) -> int | None:
        """The segment under a scene position, or None (any point of a bar's row counts)."""
        for plot in self.plots:
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(scene_pos):
                y = vb.mapSceneToView(scene_pos).y()
                row = round(y)
                if abs(y - row) <= BAR_HEIGHT / 2 + 0.1 and 0 <= row < len(self.keys):
                    return len(self.keys) - 1 - row
                return None
        return None

    def _on_click(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        index = self.index_at(event.scenePos())  # type: ignore[attr-defined]
        toggle = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
        self.click_segment(index, toggle=toggle)

    def click_segment(self, index: int | None, *, toggle: bool = False) -> None:
        """What a click does: select segment ``index`` (None clears), Ctrl adds or removes it."""
        if index is None:
            if not toggle:
                self.set_selection([])
            return
        key = self.keys[index]
        if toggle:
            keys = [k for k in self.selected if k != key] if key in self.selected else [*self.selected, key]
        else:
            keys = [] if self.selected == [key] else [key]
        self.set_selection(keys)

    def _on_table_rows(self, rows: list[int]) -> None:
        self.set_selection([self.keys[r] for r in rows if r < len(self.keys)])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down move the selection between segments, Escape clears it."""
        if watched is self.graphics and event.type() == QEvent.Type.KeyPress and self.keys:
            key = event.key() if isinstance(event, QKeyEvent) else None
            current = self.keys.index(self.selected[0]) if self.selected else -1
            if key == Qt.Key.Key_Down:
                self.set_selection([self.keys[min(current + 1, len(self.keys) - 1)]])
                return True
            if key == Qt.Key.Key_Up:
                self.set_selection([self.keys[max(current - 1, 0)]])
                return True
            if key == Qt.Key.Key_Escape and self.selected:
                self.set_selection([])
                return True
        return super().eventFilter(watched, event)


def value_ticks(end: float, pixels: float, metrics: QFontMetrics) -> list[tuple[float, str]]:
    """Whole-number ticks (counts of customers, of conversions, money) from 0 to ``end``, spaced so
    their labels do not overlap in ``pixels`` and written in the user's locale ("1 000" in
    French). pyqtgraph's own ticks read 0.5 customers, and ran into each other ("0.51.01.5") in
    a narrow plot."""
    label = metrics.horizontalAdvance(format_number(end)) + 12
    count = max(1, int(pixels // label)) if pixels > 0 else 4
    step = 1.0
    rough = end / count
    while step < rough:  # 1, 2, 5, 10, 20, 50...
        for factor in (2.0, 2.5, 2.0):
            step *= factor
            if step >= rough:
                break
    return [(float(v), format_number(v)) for v in np.arange(0.0, end + 1e-9, step)]
