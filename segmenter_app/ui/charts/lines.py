"""Line charts: the silhouette by number of clusters, and segment sizes across snapshots.

The silhouette chart marks the chosen k; a click on a point (or Left/Right then Enter from the
keyboard) asks for that k, so the user can overrule the automatic choice from the chart. The
snapshot chart draws one line per segment across the dates of the snapshots, with a legend.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QWidget

from segmenter_app.ui.charts import theme
from segmenter_app.ui.charts.base import ChartPanel, format_number


class SilhouetteChart(ChartPanel):
    """Silhouette score for each k tried, the chosen k marked; a click on a k emits it."""

    #: The number of clusters the user clicked.
    kClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.set_title(self.tr("Silhouette by number of clusters"))
        self.plot = self.add_plot(0, 0)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setLabel("bottom", self.tr("Number of clusters (k)"))
        self.plot.setLabel("left", self.tr("Silhouette (higher separates better)"))
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        self.ks: list[int] = []
        self.scores = np.zeros(0)
        self.chosen: int | None = None
        self.focus_k: int | None = None
        self.graphics.scene().sigMouseClicked.connect(self._on_click)
        self.graphics.installEventFilter(self)
        self.tableSelectionChanged.connect(self._on_table_rows)

    def set_scores(self, ks: Sequence[int], scores: Sequence[float], chosen: int | None = None) -> None:
        """Show ``scores[i]`` for ``ks[i]`` clusters, with ``chosen`` marked."""
        self.ks = [int(k) for k in ks]
        self.scores = np.asarray(scores, dtype=float)
        self.chosen = int(chosen) if chosen is not None else None
        self.focus_k = self.chosen
        self.plot.getAxis("bottom").setTicks([[(k, str(k)) for k in self.ks]])
        self.redraw()
        self.set_table(
            [self.tr("Clusters (k)"), self.tr("Silhouette"), self.tr("Chosen")],
            [self.ks, self.scores.tolist(), [self.tr("yes") if k == self.chosen else "" for k in self.ks]],
            [str, lambda v: format_number(v, 3), None],
        )
        if self.chosen is not None and self.chosen in self.ks:
            score = self.scores[self.ks.index(self.chosen)]
            self.set_description(
                self.tr("k = {k} was chosen, with a silhouette of {score}. Click another k to use it.")
                .replace("{k}", str(self.chosen))
                .replace("{score}", format_number(score, 3))
            )

    def redraw(self) -> None:
        """Draw the line, its points and the chosen k."""
        self.plot.clear()
        if not self.ks:
            return
        palette = self.palette()
        fg = theme.foreground(palette)
        line = theme.series_color(4)
        self.plot.plot(
            self.ks, self.scores, pen=pg.mkPen(line, width=2), symbol="o", symbolBrush=line, symbolPen=line
        )
        if self.chosen is not None and self.chosen in self.ks:
            y = self.scores[self.ks.index(self.chosen)]
            self.plot.addItem(
                pg.InfiniteLine(self.chosen, angle=90, pen=pg.mkPen(fg, style=Qt.PenStyle.DashLine))
            )
            self.plot.plot(
                [self.chosen],
                [y],
                pen=None,
                symbol="o",
                symbolSize=16,
                symbolBrush=None,
                symbolPen=pg.mkPen(fg, width=2),
            )
            label = pg.TextItem(
                self.tr("chosen: k = {k}").replace("{k}", str(self.chosen)), color=fg, anchor=(0, 1)
            )
            label.setPos(self.chosen, y)
            self.plot.addItem(label)
        if self.focus_k is not None and self.focus_k != self.chosen and self.focus_k in self.ks:
            y = self.scores[self.ks.index(self.focus_k)]
            self.plot.plot(
                [self.focus_k],
                [y],
                pen=None,
                symbol="s",
                symbolSize=16,
                symbolBrush=None,
                symbolPen=pg.mkPen(theme.highlight(palette), width=2),
            )
        finite = self.scores[np.isfinite(self.scores)]
        low = min(0.0, float(finite.min())) if len(finite) else 0.0
        high = float(finite.max()) if len(finite) else 1.0
        self.plot.setYRange(low, high + (high - low) * 0.15 + 0.01, padding=0.02)
        self.plot.setXRange(min(self.ks) - 0.5, max(self.ks) + 0.5, padding=0)

    def k_at(self, scene_pos: object) -> int | None:
        """The k whose column is under a scene position (clicks need not hit the point)."""
        vb = self.plot.getViewBox()
        if not self.ks or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        nearest = min(self.ks, key=lambda k: abs(k - x))
        return nearest if abs(nearest - x) <= 0.5 else None

    def _on_click(self, event: object) -> None:
        if event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            k = self.k_at(event.scenePos())  # type: ignore[attr-defined]
            if k is not None:
                self.kClicked.emit(k)

    def _on_table_rows(self, rows: list[int]) -> None:
        if len(rows) == 1:
            self.focus_k = self.ks[rows[0]]
            self.redraw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Left/Right move a focus mark between the ks; Enter asks for the focused k."""
        if watched is self.graphics and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if self.ks and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                current = self.ks.index(self.focus_k) if self.focus_k in self.ks else 0
                step = -1 if event.key() == Qt.Key.Key_Left else 1
                self.focus_k = self.ks[min(max(current + step, 0), len(self.ks) - 1)]
                self.redraw()
                return True
            if self.focus_k is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.kClicked.emit(self.focus_k)
                return True
        return super().eventFilter(watched, event)


class SnapshotSizesChart(ChartPanel):
    """Customers per segment at each snapshot, one line per segment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.set_title(self.tr("Segment sizes across snapshots"))
        self.plot = self.add_plot(0, 0)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setLabel("left", self.tr("Customers"))
        self.plot.showGrid(x=False, y=True, alpha=0.15)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.snapshots: list[str] = []
        self.names: list[str] = []
        self.sizes = np.zeros((0, 0))
        self.colors: list[QColor] = []

    def set_sizes(
        self,
        snapshots: Sequence[str],
        names: Sequence[str],
        sizes: Sequence[Sequence[float]] | np.ndarray,
        colors: Sequence[QColor] | None = None,
    ) -> None:
        """``sizes[i][j]``: customers of segment ``names[i]`` at snapshot ``snapshots[j]``."""
        self.snapshots = [str(s) for s in snapshots]
        self.names = [str(n) for n in names]
        self.sizes = np.asarray(sizes, dtype=float).reshape(len(self.names), len(self.snapshots))
        self.colors = (
            list(colors) if colors is not None else [theme.series_color(i) for i in range(len(names))]
        )
        self.plot.getAxis("bottom").setTicks([[(j, s) for j, s in enumerate(self.snapshots)]])
        self.redraw()
        headers = [self.tr("Segment"), *self.snapshots]
        columns: list[Sequence[object]] = [self.names] + [
            self.sizes[:, j].tolist() for j in range(len(self.snapshots))
        ]
        if len(self.snapshots) >= 2:
            headers.append(self.tr("Change"))
            columns.append((self.sizes[:, -1] - self.sizes[:, 0]).tolist())
        self.set_table(headers, columns, [None] + [format_number] * (len(headers) - 1))
        if len(self.snapshots) >= 2 and len(self.names):
            change = self.sizes[:, -1] - self.sizes[:, 0]
            grew, shrank = int(np.argmax(change)), int(np.argmin(change))
            self.set_description(
                self.tr("From {first} to {last}, {grew} grew the most and {shrank} shrank the most.")
                .replace("{first}", self.snapshots[0])
                .replace("{last}", self.snapshots[-1])
                .replace("{grew}", self.names[grew])
                .replace("{shrank}", self.names[shrank])
            )

    def redraw(self) -> None:
        """Draw one line per segment."""
        self.plot.clear()
        self.legend.clear()
        palette = self.palette()
        self.legend.setLabelTextColor(theme.foreground(palette))
        backdrop = QColor(theme.background(palette))
        backdrop.setAlpha(200)
        self.legend.setBrush(pg.mkBrush(backdrop))
        xs = np.arange(len(self.snapshots))
        symbols = ["o", "s", "t", "d", "+", "x", "star", "p"]  # shapes as well as colours
        for i, name in enumerate(self.names):
            color = self.colors[i % len(self.colors)]
            self.plot.plot(
                xs,
                self.sizes[i],
                pen=pg.mkPen(color, width=2),
                symbol=symbols[i % len(symbols)],
                symbolBrush=color,
                symbolPen=color,
                name=name,
            )
        if len(self.snapshots):
            self.plot.setXRange(-0.3, len(self.snapshots) - 0.7, padding=0.05)
        if self.sizes.size:
            # Head room above the lines for the legend.
            low, high = float(np.nanmin(self.sizes)), float(np.nanmax(self.sizes))
            span = (high - low) or max(high, 1.0)
            self.plot.setYRange(max(0.0, low - span * 0.1), high + span * 0.1 + 0.09 * span * len(self.names))
