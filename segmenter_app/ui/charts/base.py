"""What every chart shares: a title, the chart, the same figures as a table, and the theme.

Each chart is a :class:`ChartPanel`: a pyqtgraph view and a table view of the same figures in
a stack, switched by a "Table" button (for keyboard and screen-reader users, and for anyone who
wants the exact numbers). The panel follows the palette, so a switch to dark mode redraws the
chart in dark colours. The table is an :class:`ArrayTableModel`: columns held as arrays and
formatted only when a cell is shown, so a 100,000-point scatter is cheap to list too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.ui.charts import theme

Formatter = Callable[[Any], str]
_INDEX = QModelIndex | QPersistentModelIndex


def format_number(value: Any, decimals: int = 0) -> str:
    """A number in the user's locale ("1 234,5" in French), or an empty cell for a missing value."""
    if value is None:
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if np.isnan(number):
        return ""
    return QLocale().toString(number, "f", decimals)


def format_percent(value: Any, decimals: int = 0) -> str:
    """A fraction shown as a percentage in the user's locale (0.125 -> "12.5 %" or "12,5 %")."""
    if value is None:
        return ""
    number = float(value)
    if np.isnan(number):
        return ""
    return QLocale().toString(number * 100.0, "f", decimals) + "\u00a0%"


def format_money(value: Any, decimals: int = 0, currency: str | None = None) -> str:
    """An amount in the locale's format with ``currency`` (the shop's) or the locale's symbol,
    with at most the currency's decimals (none for yen or won: "¥1,200", not "¥1,200.00")."""
    if value is None:
        return ""
    number = float(value)
    if np.isnan(number):
        return ""
    locale = QLocale()
    if currency:
        from segmenter_app.core.currency import currency_info

        decimals = min(decimals, currency_info(currency).decimals)
    return locale.toCurrencyString(number, currency or locale.currencySymbol(), decimals)


class ArrayTableModel(QAbstractTableModel):
    """A read-only, sortable table over columns of equal length, formatted on display.

    ``columns`` are sequences (lists or numpy arrays); ``formatters`` turn a cell into its text
    (``str`` by default). Sorting reorders a row permutation, never the data, so
    :meth:`source_row` maps a visible row back to the caller's row number.
    """

    def __init__(
        self,
        headers: Sequence[str] = (),
        columns: Sequence[Sequence[Any]] = (),
        formatters: Sequence[Formatter | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._columns: list[np.ndarray] = []
        self._formatters: list[Formatter] = []
        self._order = np.arange(0)
        self.set_data(headers, columns, formatters)

    def set_data(
        self,
        headers: Sequence[str],
        columns: Sequence[Sequence[Any]],
        formatters: Sequence[Formatter | None] | None = None,
    ) -> None:
        """Replace the whole table."""
        self.beginResetModel()
        self._headers = list(headers)
        self._columns = [np.asarray(column, dtype=object) for column in columns]
        formatters = list(formatters or [])
        formatters += [None] * (len(self._headers) - len(formatters))
        self._formatters = [f or _plain for f in formatters]
        rows = len(self._columns[0]) if self._columns else 0
        self._order = np.arange(rows)
        self.endResetModel()

    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Rows in the table (none under a parent: it is flat)."""
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Columns in the table."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The formatted cell; numbers are right-aligned like in a spreadsheet."""
        if not index.isValid():
            return None
        value = self._columns[index.column()][self._order[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._formatters[index.column()](value)
        if role == Qt.ItemDataRole.TextAlignmentRole and _is_number(value):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles across the top, row numbers down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values (numbers as numbers), missing values last."""
        if not self._columns or column >= len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        values = self._columns[column]
        keys = [_sort_key(v) for v in values]
        order_ = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self._order = np.asarray(order_, dtype=int)
        self.layoutChanged.emit()

    def source_row(self, row: int) -> int:
        """The caller's row number of the visible row ``row`` (after sorting)."""
        return int(self._order[row])

    def visible_row(self, source_row: int) -> int:
        """The visible row showing the caller's row ``source_row``."""
        hits = np.flatnonzero(self._order == source_row)
        return int(hits[0]) if len(hits) else -1

    def cell_text(self, row: int, column: int) -> str:
        """The text shown in a visible cell (handy in tests and for copying)."""
        return str(self.data(self.index(row, column)))


def _plain(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _sort_key(value: Any) -> tuple[int, Any]:
    # Missing values last, numbers compared as numbers, everything else as text.
    if value is None or (isinstance(value, (float, np.floating)) and np.isnan(value)):
        return (2, 0)
    if _is_number(value):
        return (0, float(value))
    return (1, str(value).casefold())


def prepare_plot(plot: pg.PlotItem) -> None:
    """Settings every plot shares: no "x0.001" SI scaling of axes (numbers stay as the table shows)."""
    for name in ("left", "bottom"):
        plot.getAxis(name).enableAutoSIPrefix(False)


class ChartPanel(QWidget):
    """A titled chart with a "Table" switch showing the same figures as a sortable table.

    Subclasses create their plots in :attr:`graphics` (a ``pg.GraphicsLayoutWidget``), keep
    their data, draw it in :meth:`redraw` (called again when the palette changes) and fill the
    table through :meth:`set_table`. ``plots`` lists the plot items the theme must style.
    """

    #: Emitted with the rows (caller's numbering) selected in the table view.
    tableSelectionChanged = Signal(list)

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plots: list[pg.PlotItem] = []
        self._title = QLabel(title)
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self.table_button = QToolButton()
        self.table_button.setCheckable(True)
        self.table_button.setText(self.tr("Table"))
        self.table_button.setToolTip(self.tr("Show these figures as a table"))
        self.table_button.setAccessibleName(self.tr("Show as table"))
        self.table_button.toggled.connect(self.show_table)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self._title, 1)
        header.addWidget(self.table_button)
        self.header_layout = header  # subclasses add their own buttons beside "Table"

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.graphics.setMinimumHeight(160)
        self.model = ArrayTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.graphics)
        self.stack.addWidget(self.table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.set_title(title)

    # --- title, accessibility, table -------------------------------------------------------
    def set_title(self, title: str) -> None:
        """Set the title shown above the chart and the accessible names derived from it."""
        self._title.setText(title)
        self._title.setVisible(bool(title))
        self.setAccessibleName(title)
        self.graphics.setAccessibleName(title)
        self.table.setAccessibleName(self.tr("{title} (table)").replace("{title}", title))

    def title(self) -> str:
        """The chart's title."""
        return self._title.text()

    def set_description(self, text: str) -> None:
        """A one-sentence summary of what the chart shows, read by screen readers."""
        self.setAccessibleDescription(text)
        self.graphics.setAccessibleDescription(text)
        self.graphics.setToolTip(text)

    def show_table(self, on: bool = True) -> None:
        """Switch between the chart and its table."""
        if self.table_button.isChecked() != on:
            self.table_button.setChecked(on)
            return
        self.stack.setCurrentWidget(self.table if on else self.graphics)

    def table_shown(self) -> bool:
        """True while the table, not the chart, is displayed."""
        return self.stack.currentWidget() is self.table

    def set_table(
        self,
        headers: Sequence[str],
        columns: Sequence[Sequence[Any]],
        formatters: Sequence[Formatter | None] | None = None,
    ) -> None:
        """Fill the table view with the chart's figures."""
        self.model.set_data(headers, columns, formatters)
        self.table.resizeColumnsToContents()

    def _on_table_selection(self, *_: object) -> None:
        rows = sorted({self.model.source_row(i.row()) for i in self.table.selectionModel().selectedRows()})
        self.tableSelectionChanged.emit(rows)

    # --- theme ---------------------------------------------------------------------------
    def add_plot(self, row: int = 0, col: int = 0, **kwargs: Any) -> pg.PlotItem:
        """Add a plot to the chart area, styled with the current palette."""
        plot = self.graphics.addPlot(row=row, col=col, **kwargs)
        plot.hideButtons()  # the "A" auto-range button has no accessible name; double-click resets
        plot.setMenuEnabled(False)
        self.plots.append(plot)
        prepare_plot(plot)
        self.apply_theme()
        return plot

    def set_plot_title(self, plot: pg.PlotItem, title: str) -> None:
        """A plot's own title, in the palette's text colour (kept when the theme changes)."""
        plot.setTitle(title, color=theme.foreground(self.palette()).name())
        plot.setProperty("segmenter_title", title)

    def apply_theme(self) -> None:
        """Colour the background, axes and plot titles from the widget's palette."""
        palette = self.palette()
        self.graphics.setBackground(theme.background(palette))
        for plot in self.plots:
            theme.style_plot(plot, palette)
            title = plot.property("segmenter_title")
            if title:
                plot.setTitle(title, color=theme.foreground(palette).name())

    def redraw(self) -> None:
        """Draw the data again (subclasses; called after a palette change)."""

    def changeEvent(self, event: QEvent) -> None:
        """Follow the system's light or dark mode."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.apply_theme()
            self.redraw()
        super().changeEvent(event)
