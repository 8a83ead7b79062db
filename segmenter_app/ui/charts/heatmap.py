"""Clickable heatmaps: the RFM grid (R score down, F score across) and the migration matrix.

A :class:`HeatmapChart` draws a matrix of counts as coloured cells with the count (and an
optional second line, e.g. the segment name) written in each, in black or white, whichever
reads on the cell. Colours follow the square root of the counts so that small cells stay
distinguishable beside a big one; the numbers give the exact values. A click selects a cell,
Ctrl+click adds one, a click outside clears; the arrow keys move the selection and Escape
clears it. The table view lists one row per cell.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from segmenter_app.ui.charts import theme
from segmenter_app.ui.charts.base import ChartPanel, format_number, format_percent

Cell = tuple[int, int]


class HeatmapChart(ChartPanel):
    """A matrix of counts with clickable cells (see the module docstring)."""

    #: The selected cells as a list of (row, column) tuples, rows counted from the top.
    cellsSelected = Signal(list)

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.values = np.zeros((0, 0))
        self.row_labels: list[str] = []
        self.col_labels: list[str] = []
        self.notes: list[list[str]] | None = None
        self.row_title = ""
        self.col_title = ""
        self.selected: list[Cell] = []
        self.plot = self.add_plot(0, 0)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.getViewBox().setAspectLocked(False)
        self.plot.getViewBox().invertY(False)
        self.image = pg.ImageItem()
        self._fitted_width = 0  # the cell width (pixels) the notes were shortened for
        self._labels: list[tuple[int, int, pg.TextItem]] = []  # each cell's (row, column, text item)
        self._label_metrics = QFontMetrics(self.font())
        self.plot.getViewBox().sigResized.connect(lambda _vb: self._refit_notes())
        self.graphics.scene().sigMouseClicked.connect(self._on_click)
        self.graphics.installEventFilter(self)
        self.tableSelectionChanged.connect(self._on_table_rows)

    # --- data ------------------------------------------------------------------------------
    def set_matrix(
        self,
        values: Sequence[Sequence[float]] | np.ndarray,
        row_labels: Sequence[str],
        col_labels: Sequence[str],
        *,
        notes: Sequence[Sequence[str]] | None = None,
        row_title: str = "",
        col_title: str = "",
    ) -> None:
        """Show a matrix (``values[row][col]``, first row at the top) with its labels."""
        self.values = np.asarray(values, dtype=float).reshape(len(row_labels), len(col_labels))
        self.row_labels = [str(x) for x in row_labels]
        self.col_labels = [str(x) for x in col_labels]
        self.notes = [list(r) for r in notes] if notes is not None else None
        self.row_title = row_title
        self.col_title = col_title
        rows, cols = self.values.shape
        self.selected = [(r, c) for r, c in self.selected if r < rows and c < cols]
        left = self.plot.getAxis("left")
        left.setTicks([[(rows - 1 - r + 0.5, label) for r, label in enumerate(self.row_labels)]])
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(label) for label in self.row_labels), default=0)
        left.setWidth(min(widest + 14, 220) + (18 if row_title else 0))
        self.plot.getAxis("bottom").setTicks([[(c + 0.5, label) for c, label in enumerate(self.col_labels)]])
        self.plot.setLabel("left", row_title)
        self.plot.setLabel("bottom", col_title)
        self.apply_theme()
        self.redraw()
        self._fill_table()

    def redraw(self) -> None:
        """Draw the cells, their labels and the selection with the current palette."""
        self.plot.clear()
        self._labels = []
        rows, cols = self.values.shape
        if not rows or not cols:
            return
        palette = self.palette()
        cmap = theme.heat_colormap()
        scaled = np.sqrt(np.clip(np.nan_to_num(self.values), 0, None))
        top = float(scaled.max()) or 1.0
        # ImageItem indexes [x, y] with y growing upwards; our row 0 is the top row.
        self.image = pg.ImageItem(scaled[::-1, :].T)
        self.image.setLookupTable(cmap.getLookupTable(nPts=256))
        self.image.setLevels((0.0, top))
        self.image.setRect(QRectF(0, 0, cols, rows))
        self.plot.addItem(self.image)
        font = QFont(self.font())
        if self.notes is not None:  # two lines per cell: a little smaller so names fit
            font.setPointSizeF(font.pointSizeF() * 0.85)
        # A name longer than its cell is shortened with "…" (the table and the tooltip of the
        # Table view have it whole): "Sur le point de s'endormir" ran over its neighbours.
        self._label_metrics = QFontMetrics(font)
        self._fitted_width = self._cell_width(cols)
        for r in range(rows):
            for c in range(cols):
                color = cmap.map(scaled[r, c] / top, mode="qcolor")
                label = pg.TextItem(self._cell_text(r, c), color=theme.text_on(color), anchor=(0.5, 0.5))
                label.setFont(font)
                label.setPos(c + 0.5, rows - 1 - r + 0.5)
                self.plot.addItem(label)
                self._labels.append((r, c, label))
        mark = theme.foreground(palette)
        for r, c in self.selected:
            box = QGraphicsRectItem(QRectF(c + 0.04, rows - 1 - r + 0.04, 0.92, 0.92))
            pen = pg.mkPen(mark, width=4)
            pen.setCosmetic(True)
            box.setPen(pen)
            self.plot.addItem(box)
        self.plot.setXRange(0, cols, padding=0.01)
        self.plot.setYRange(0, rows, padding=0.01)

    def _cell_width(self, cols: int) -> int:
        """A cell's width in pixels (0 before the chart is laid out)."""
        return int(self.plot.getViewBox().width() / cols) if cols else 0

    def _cell_text(self, r: int, c: int) -> str:
        """A cell's count, and its name shortened to the cell's width when it has one."""
        text = format_number(self.values[r, c])
        if self.notes is not None and self.notes[r][c]:
            note = self.notes[r][c]
            if self._fitted_width > 0:
                note = self._fit_name(note, self._fitted_width - 6)
            text += "\n" + note
        return text

    def _fit_name(self, name: str, width: int) -> str:
        """``name`` within ``width`` pixels: on two lines when the cell is tall enough (a 3 by 3
        grid cut 'Sur le point de s'endo…' in a cell with room below), else shortened with "…"."""
        metrics = self._label_metrics
        if metrics.horizontalAdvance(name) <= width:
            return name
        rows = self.values.shape[0] if self.values.size else 1
        # Count and two lines of name, with a line of room: tighter cells keep one line and "…".
        tall = self.plot.getViewBox().height() / rows >= 4 * metrics.lineSpacing()
        words = name.split(" ")
        first = ""
        for i, word in enumerate(words):
            candidate = f"{first} {word}" if first else word
            if metrics.horizontalAdvance(candidate) > width:
                rest = " ".join(words[i:])
                break
            first = candidate
        else:
            return name
        if not tall or not first:
            return metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)
        return first + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)

    def _refit_notes(self) -> None:
        """Shorten the names again for the new cell width after a resize."""
        if (
            self.notes is not None
            and self.values.size
            and self._cell_width(self.values.shape[1]) != self._fitted_width
        ):
            # Only the texts change: making the cells' items again cost a redraw on the GUI thread
            # each time the window was laid out.
            self._fitted_width = self._cell_width(self.values.shape[1])
            for r, c, label in self._labels:
                label.setText(self._cell_text(r, c))

    def _fill_table(self) -> None:
        rows, cols = self.values.shape
        total = float(np.nansum(self.values)) or 1.0
        r_idx, c_idx = np.divmod(np.arange(rows * cols), cols)
        headers = [self.row_title or self.tr("Row"), self.col_title or self.tr("Column"), self.tr("Count")]
        columns: list[Sequence[object]] = [
            [self.row_labels[r] for r in r_idx],
            [self.col_labels[c] for c in c_idx],
            self.values.ravel().tolist(),
        ]
        formatters = [None, None, format_number]
        headers.append(self.tr("Share"))
        columns.append((self.values.ravel() / total).tolist())
        formatters.append(lambda v: format_percent(v, 1))
        if self.notes is not None:
            headers.append(self.tr("Note"))
            columns.append([self.notes[r][c] for r, c in zip(r_idx, c_idx, strict=True)])
            formatters.append(None)
        self.set_table(headers, columns, formatters)

    # --- selection -------------------------------------------------------------------------
    def set_selection(self, cells: Sequence[Cell], *, emit: bool = True) -> None:
        """Select cells by (row, column); cells outside the matrix are ignored."""
        rows, cols = self.values.shape
        chosen = sorted({(int(r), int(c)) for r, c in cells if 0 <= r < rows and 0 <= c < cols})
        if chosen == self.selected:
            return
        self.selected = chosen
        self.redraw()
        if emit:
            self.cellsSelected.emit(list(self.selected))

    def cell_at(self, scene_pos: QPointF) -> Cell | None:
        """The (row, column) under a scene position, or None."""
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = vb.mapSceneToView(scene_pos)
        rows, cols = self.values.shape
        c, y = int(np.floor(point.x())), int(np.floor(point.y()))
        if 0 <= c < cols and 0 <= y < rows:
            return (rows - 1 - y, c)
        return None

    def click_cell(self, cell: Cell | None, *, toggle: bool = False) -> None:
        """What a click does: select ``cell`` (None clears), Ctrl adds or removes it."""
        if cell is None:
            if not toggle:
                self.set_selection([])
            return
        if toggle:
            cells = (
                [x for x in self.selected if x != cell] if cell in self.selected else [*self.selected, cell]
            )
        else:
            cells = [] if self.selected == [cell] else [cell]
        self.set_selection(cells)

    def _on_click(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        toggle = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
        self.click_cell(self.cell_at(event.scenePos()), toggle=toggle)  # type: ignore[attr-defined]

    def _on_table_rows(self, rows: list[int]) -> None:
        cols = self.values.shape[1]
        if cols:
            self.set_selection([divmod(r, cols) for r in rows])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move the selected cell, Escape clears the selection."""
        if watched is self.graphics and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            rows, cols = self.values.shape
            if not rows or not cols:
                return super().eventFilter(watched, event)
            r, c = self.selected[0] if self.selected else (0, -1)
            moves = {
                Qt.Key.Key_Left: (0, -1),
                Qt.Key.Key_Right: (0, 1),
                Qt.Key.Key_Up: (-1, 0),
                Qt.Key.Key_Down: (1, 0),
            }
            if event.key() in moves:
                dr, dc = moves[event.key()]
                if not self.selected:
                    r, c, dr, dc = 0, 0, 0, 0
                self.set_selection([(min(max(r + dr, 0), rows - 1), min(max(c + dc, 0), cols - 1))])
                return True
            if event.key() == Qt.Key.Key_Escape and self.selected:
                self.set_selection([])
                return True
        return super().eventFilter(watched, event)


class RfmGridChart(HeatmapChart):
    """The RFM grid: customers per (R score, F score) cell, with the cell's segment name.

    Rows are R scores from best (top) to worst, columns F scores from worst to best, as in the
    product brief. :attr:`scoresSelected` gives the selected cells as (r, f) score pairs.
    """

    #: Selected cells as a list of (r_score, f_score) pairs.
    scoresSelected = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.set_title(self.tr("RFM grid: customers by recency and frequency score"))
        self.r_scores: list[int] = []
        self.f_scores: list[int] = []
        self.cellsSelected.connect(self._emit_scores)

    def set_grid(
        self,
        counts: Sequence[Sequence[float]] | np.ndarray,
        r_scores: Sequence[int],
        f_scores: Sequence[int],
        names: Sequence[Sequence[str]] | None = None,
    ) -> None:
        """Show ``counts[i][j]`` for R score ``r_scores[i]`` (top row first) and F ``f_scores[j]``."""
        self.r_scores = [int(r) for r in r_scores]
        self.f_scores = [int(f) for f in f_scores]
        self.set_matrix(
            counts,
            [f"R{r}" for r in self.r_scores],
            [f"F{f}" for f in self.f_scores],
            notes=names,
            # The best score is the grid's own: 3 when a small shop is scored on three levels.
            row_title=self.tr("Recency score (R, {best} = most recent)").replace(
                "{best}", str(max(self.r_scores, default=5))
            ),
            col_title=self.tr("Frequency score (F, {best} = most frequent)").replace(
                "{best}", str(max(self.f_scores, default=5))
            ),
        )
        total = float(np.nansum(self.values))
        self.set_description(
            self.tr("{total} customers on a {rows} by {cols} grid. Click a cell to list its customers.")
            .replace("{total}", format_number(total))
            .replace("{rows}", str(len(self.r_scores)))
            .replace("{cols}", str(len(self.f_scores)))
        )

    def select_scores(self, pairs: Sequence[tuple[int, int]], *, emit: bool = True) -> None:
        """Select cells by (r_score, f_score)."""
        cells = [
            (self.r_scores.index(r), self.f_scores.index(f))
            for r, f in pairs
            if r in self.r_scores and f in self.f_scores
        ]
        self.set_selection(cells, emit=emit)

    def selected_scores(self) -> list[tuple[int, int]]:
        """The selected cells as (r_score, f_score) pairs."""
        return [(self.r_scores[r], self.f_scores[c]) for r, c in self.selected]

    def _emit_scores(self, _cells: list) -> None:
        self.scoresSelected.emit(self.selected_scores())


class MigrationHeatmap(HeatmapChart):
    """How many customers moved from each segment (rows, before) to each segment (columns, after)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.set_title(self.tr("Migration between segments"))
        self.before: list[str] = []
        self.after: list[str] = []

    def set_migration(
        self, matrix: Sequence[Sequence[float]] | np.ndarray, before: Sequence[str], after: Sequence[str]
    ) -> None:
        """Show ``matrix[i][j]`` customers who went from segment ``before[i]`` to ``after[j]``.

        Segment names are too long to sit side by side under the columns, so every name gets a
        number: rows read "1 Champions", columns "1", and the table lists the names in full.
        """
        numbers: dict[str, int] = {}
        for name in before:
            numbers.setdefault(str(name), len(numbers) + 1)
        self.set_matrix(
            matrix,
            [f"{numbers[str(n)]}  {n}" for n in before],
            # A column with no row of its own (e.g. "no longer there") keeps its name.
            [str(numbers[str(n)]) if str(n) in numbers else str(n) for n in after],
            row_title=self.tr("Before"),
            col_title=self.tr("After (segment numbers as on the left)"),
        )
        self.before = [str(n) for n in before]
        self.after = [str(n) for n in after]
        total = float(np.nansum(self.values))
        stayed = float(
            sum(
                self.values[i, j]
                for i, a in enumerate(self.before)
                for j, b in enumerate(self.after)
                if a == b
            )
        )
        self.set_description(
            self.tr("{total} customers compared; {stayed} stayed in the same segment.")
            .replace("{total}", format_number(total))
            .replace("{stayed}", format_number(stayed))
        )
        # The table shows the names in full rather than the column numbers.
        rows, cols = self.values.shape
        r_idx, c_idx = np.divmod(np.arange(rows * cols), cols)
        self.set_table(
            [self.tr("Before"), self.tr("After"), self.tr("Customers")],
            [[self.before[r] for r in r_idx], [self.after[c] for c in c_idx], self.values.ravel().tolist()],
            [None, None, format_number],
        )
