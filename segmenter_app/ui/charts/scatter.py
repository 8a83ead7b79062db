"""The cluster map: every customer as a point on the two main axes of the clustering (PCA).

One scatter item per cluster keeps drawing fast at 100,000 points (one brush each). Hovering
shows the customer and their cluster in a tooltip; a click selects the customers under the
cursor; dragging with Shift held (or with "Select area" switched on) draws a rectangle and
selects everything inside; Ctrl adds to the selection; Escape clears it. The table lists the
clusters (size and centre), since a table of 100,000 points helps nobody.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QToolButton, QWidget

from segmenter_app.ui.charts import theme
from segmenter_app.ui.charts.base import ChartPanel, format_number, prepare_plot

POINT_SIZE = 6
MAX_TOOLTIP_POINTS = 3
#: Points drawn at most: beyond, a fixed random sample is drawn (the shape of the map is the same
#: and drawing stays under ~0.1 s); a rectangle still selects among every customer.
MAX_DRAWN = 20_000


class _SelectViewBox(pg.ViewBox):
    """A view box that draws a selection rectangle on Shift+drag (or always in select mode)."""

    def __init__(self, chart: ClusterMapChart) -> None:
        super().__init__()
        self._chart = chart
        self.select_mode = False

    def mouseDragEvent(self, ev: object, axis: int | None = None) -> None:
        """Rectangle selection with the left button when selecting, the usual pan otherwise."""
        selecting = self.select_mode or bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
        if ev.button() != Qt.MouseButton.LeftButton or not selecting or axis is not None:  # type: ignore[attr-defined]
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()  # type: ignore[attr-defined]
        start, end = ev.buttonDownPos(), ev.pos()  # type: ignore[attr-defined]
        if ev.isFinish():  # type: ignore[attr-defined]
            self.rbScaleBox.hide()
            rect = self.childGroup.mapRectFromParent(QRectF(start, end)).normalized()
            toggle = bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
            self._chart.select_rect(rect, add=toggle)
        else:
            self.updateScaleBox(start, end)


class ClusterMapChart(ChartPanel):
    """Customers on a 2-D map coloured by cluster, hover and selection (see the module docstring)."""

    #: The selected customer ids (empty: nothing selected).
    pointsSelected = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.set_title(self.tr("Cluster map"))
        self.viewbox = _SelectViewBox(self)
        self.plot = self.graphics.addPlot(row=0, col=0, viewBox=self.viewbox)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plots.append(self.plot)
        prepare_plot(self.plot)
        self.plot.setLabel("bottom", self.tr("First axis of the map"))
        self.plot.setLabel("left", self.tr("Second axis of the map"))
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.apply_theme()

        self.ids = np.zeros(0, dtype=object)
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        self.groups = np.zeros(0, dtype=int)  # index into group_keys, per point
        self.group_keys: list[str] = []
        self.group_names: list[str] = []
        self.colors: list[QColor] = []
        self.selected = np.zeros(0, dtype=bool)
        self.drawn = np.zeros(0, dtype=bool)  # the points drawn (all, or a sample of MAX_DRAWN)
        self._items: list[pg.ScatterPlotItem] = []
        self._selection_item: pg.ScatterPlotItem | None = None
        self.hover_text = ""

        self.select_button = QToolButton()
        self.select_button.setCheckable(True)
        self.select_button.setText(self.tr("Select area"))
        self.select_button.setToolTip(
            self.tr("Drag a rectangle to select customers (or hold Shift while dragging)")
        )
        self.select_button.setAccessibleName(self.tr("Select an area of the map"))
        self.select_button.toggled.connect(self._set_select_mode)
        self.header_layout.insertWidget(1, self.select_button)
        self.graphics.installEventFilter(self)
        self.graphics.scene().sigMouseClicked.connect(self._on_scene_click)
        self.tableSelectionChanged.connect(self._on_table_rows)

    # --- data ------------------------------------------------------------------------------
    def set_points(
        self,
        ids: Sequence[str],
        x: Sequence[float],
        y: Sequence[float],
        segment_keys: Sequence[str],
        order: Sequence[str],
        names: Sequence[str],
        colors: Sequence[QColor] | None = None,
    ) -> None:
        """Show customers ``ids`` at (x, y), coloured by segment; ``order``/``names`` list the segments."""
        self.ids = np.asarray(ids, dtype=object)
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=float)
        self.group_keys = [str(k) for k in order]
        self.group_names = [str(n) for n in names]
        # Vectorised lookup of each point's group (-1 for a key not in ``order``).
        self.groups = pd.Index(self.group_keys).get_indexer(pd.Index(np.asarray(segment_keys, dtype=str)))
        self.colors = (
            list(colors) if colors is not None else [theme.series_color(i) for i in range(len(order))]
        )
        self.selected = np.zeros(len(self.ids), dtype=bool)
        self.drawn = np.ones(len(self.ids), dtype=bool)
        if len(self.ids) > MAX_DRAWN:
            self.drawn[:] = False
            rng = np.random.default_rng(0)  # the same sample every time: the map does not flicker
            self.drawn[rng.choice(len(self.ids), size=MAX_DRAWN, replace=False)] = True
        self.redraw()
        self._fill_table()
        self.set_description(
            self.tr("{points} customers in {groups} groups. Hover a point to see the customer.")
            .replace("{points}", format_number(len(self.ids)))
            .replace("{groups}", str(len(self.group_keys)))
            + (
                " "
                + self.tr("A sample of {n} is drawn; a rectangle selects among all of them.").replace(
                    "{n}", format_number(MAX_DRAWN)
                )
                if len(self.ids) > MAX_DRAWN
                else ""
            )
        )
        self.plot.autoRange()

    def redraw(self) -> None:
        """Draw one scatter per group and the selection overlay with the current palette."""
        self.plot.clear()
        self.legend.clear()
        self._items = []
        palette = self.palette()
        # Legend colours must be set before its entries exist; its backdrop keeps it readable.
        self.legend.setLabelTextColor(theme.foreground(palette))
        backdrop = QColor(theme.background(palette))
        backdrop.setAlpha(200)
        self.legend.setBrush(pg.mkBrush(backdrop))
        for gi, (key, name) in enumerate(zip(self.group_keys, self.group_names, strict=True)):
            mask = (self.groups == gi) & self.drawn
            if not mask.any():
                continue
            color = QColor(self.colors[gi % len(self.colors)]) if self.colors else theme.series_color(gi)
            item = pg.ScatterPlotItem(
                x=self.x[mask],
                y=self.y[mask],
                data=np.flatnonzero(mask),
                size=POINT_SIZE,
                pen=None,
                brush=pg.mkBrush(color),
                hoverable=True,
                tip=None,  # our own, translated tooltip (see _on_hover)
                name=name,
            )
            item.setProperty("segment_key", key)
            item.sigClicked.connect(self._on_points_clicked)
            item.sigHovered.connect(self._on_hover)
            self.plot.addItem(item)
            self._items.append(item)
        mark = theme.foreground(palette)
        self._selection_item = pg.ScatterPlotItem(
            size=POINT_SIZE + 5, pen=pg.mkPen(mark, width=2), brush=pg.mkBrush(None)
        )
        self._selection_item.setZValue(10)
        self.plot.addItem(self._selection_item)
        self._draw_selection()

    def _draw_selection(self) -> None:
        if self._selection_item is None:
            return
        idx = np.flatnonzero(self.selected & self.drawn)
        self._selection_item.setData(x=self.x[idx], y=self.y[idx])

    def _fill_table(self) -> None:
        counts, cx, cy = [], [], []
        for gi in range(len(self.group_keys)):
            mask = self.groups == gi
            counts.append(int(mask.sum()))
            cx.append(float(self.x[mask].mean()) if mask.any() else np.nan)
            cy.append(float(self.y[mask].mean()) if mask.any() else np.nan)
        self.set_table(
            [
                self.tr("Group"),
                self.tr("Customers"),
                self.tr("Centre, first axis"),
                self.tr("Centre, second axis"),
            ],
            [self.group_names, counts, cx, cy],
            [None, format_number, lambda v: format_number(v, 2), lambda v: format_number(v, 2)],
        )

    # --- hover and selection -----------------------------------------------------------------
    def tooltip_for(self, indices: Sequence[int]) -> str:
        """The tooltip text for points (by position in the data): customer id and group name."""
        lines = []
        for i in list(indices)[:MAX_TOOLTIP_POINTS]:
            group = self.groups[i]
            name = self.group_names[group] if 0 <= group < len(self.group_names) else ""
            lines.append(
                self.tr("Customer {id}: {group}").replace("{id}", str(self.ids[i])).replace("{group}", name)
            )
        extra = len(indices) - MAX_TOOLTIP_POINTS
        if extra > 0:
            lines.append(self.tr("and %n more here", "", extra))
        return "\n".join(lines)

    def _on_hover(self, item: pg.ScatterPlotItem, points: Sequence[object], _event: object) -> None:
        if len(points):
            self.hover_text = self.tooltip_for([int(p.data()) for p in points])
            self.viewbox.setToolTip(self.hover_text)
        elif self.hover_text and not any(i is not item and i.data["hovered"].any() for i in self._items):
            self.hover_text = ""
            self.viewbox.setToolTip("")

    def _on_points_clicked(self, _item: object, points: Sequence[object], event: object) -> None:
        toggle = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
        self.select_indices([int(p.data()) for p in points], add=toggle)

    def _on_scene_click(self, event: object) -> None:
        # A left click that no point took, inside the map: clear (Ctrl keeps the selection).
        if (
            event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
            and not event.isAccepted()  # type: ignore[attr-defined]
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier  # type: ignore[attr-defined]
            and self.viewbox.sceneBoundingRect().contains(event.scenePos())  # type: ignore[attr-defined]
        ):
            self.clear_selection()

    def _on_table_rows(self, rows: list[int]) -> None:
        # A row of the table is a whole group: select all its customers.
        self._set_selected(np.isin(self.groups, rows), True)

    def select_indices(self, indices: Sequence[int], *, add: bool = False, emit: bool = True) -> None:
        """Select points by position in the data (``add`` keeps the current selection)."""
        chosen = self.selected.copy() if add else np.zeros(len(self.ids), dtype=bool)
        chosen[np.asarray(list(indices), dtype=int)] = True
        self._set_selected(chosen, emit)

    def select_rect(self, rect: QRectF, *, add: bool = False, emit: bool = True) -> None:
        """Select every point inside a rectangle of data coordinates."""
        inside = (
            (self.x >= rect.left())
            & (self.x <= rect.right())
            & (self.y >= rect.top())
            & (self.y <= rect.bottom())
        )
        self._set_selected(inside | self.selected if add else inside, emit)

    def select_ids(self, ids: Sequence[str], *, emit: bool = True) -> None:
        """Select points by customer id."""
        wanted = set(map(str, ids))
        self._set_selected(np.array([str(i) in wanted for i in self.ids], dtype=bool), emit)

    def clear_selection(self, *, emit: bool = True) -> None:
        """Select nothing."""
        self._set_selected(np.zeros(len(self.ids), dtype=bool), emit)

    def selected_ids(self) -> list[str]:
        """The customer ids currently selected."""
        return [str(i) for i in self.ids[self.selected]]

    def _set_selected(self, chosen: np.ndarray, emit: bool) -> None:
        if np.array_equal(chosen, self.selected):
            return
        self.selected = chosen
        self._draw_selection()
        if emit:
            self.pointsSelected.emit(self.selected_ids())

    def point_scene_pos(self, index: int) -> QPointF:
        """Where point ``index`` is drawn, in scene coordinates (tests use it to click)."""
        return self.viewbox.mapViewToScene(QPointF(self.x[index], self.y[index]))

    def _set_select_mode(self, on: bool) -> None:
        self.viewbox.select_mode = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape clears the selection."""
        if (
            watched is self.graphics
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.selected.any()
        ):
            self.clear_selection()
            return True
        return super().eventFilter(watched, event)
