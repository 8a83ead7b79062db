"""A lazy, sortable, filterable Qt table model over a pandas DataFrame.

Built for the customer table (100,000 rows) and the excluded rows (up to a million): rows are
handed to the view in chunks (``canFetchMore``/``fetchMore``), cells are formatted only when a
view asks for them, sorting is done by pandas on positions, and a chart selection filters the
rows by a set of index values (customer ids). Numbers and dates follow the QLocale, so a French
user sees "1 234,56" and "23/11/2026".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)

_INDEX = QModelIndex | QPersistentModelIndex
Formatter = Callable[[Any], str]
CHUNK = 500  # rows handed to the view per fetch
_BLOCK = 100  # rows converted from pandas at a time for display


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def format_value(value: Any, locale: QLocale | None = None, decimals: int = 2) -> str:
    """A cell's text in the locale: numbers with its separators, dates in its short format."""
    locale = locale or QLocale()
    if _is_missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        if value:
            return QCoreApplication.translate("DataFrameModel", "Yes")
        return QCoreApplication.translate("DataFrameModel", "No")
    if isinstance(value, int | np.integer):
        return locale.toString(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        if number.is_integer() and abs(number) < 1e15 and decimals == 0:
            return locale.toString(int(number))
        return locale.toString(number, "f", decimals)
    if isinstance(value, pd.Timestamp):
        date = QDate(value.year, value.month, value.day)
        if value.hour or value.minute or value.second:
            stamp = QDateTime(date, QTime(value.hour, value.minute, value.second))
            return locale.toString(stamp, QLocale.FormatType.ShortFormat)
        return locale.toString(date, QLocale.FormatType.ShortFormat)
    if isinstance(value, pd.Timedelta):
        return locale.toString(value.days)
    return str(value)


class DataFrameModel(QAbstractTableModel):
    """Shows a DataFrame: lazily fetched, sorted by pandas, filtered by index values.

    ``headers`` maps column names to translated header texts; ``decimals`` maps column names to
    the number of decimals shown (2 by default for floats); ``formatters`` maps column names to a
    function value -> text that overrides the default formatting.
    """

    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        parent: Any = None,
        *,
        headers: Mapping[str, str] | None = None,
        decimals: Mapping[str, int] | None = None,
        formatters: Mapping[str, Formatter] | None = None,
        chunk: int = CHUNK,
    ) -> None:
        super().__init__(parent)
        self._chunk = chunk
        self._frame = pd.DataFrame()
        self._positions = np.arange(0)  # visible rows as positions in the frame, in display order
        self._loaded = 0
        self._headers: dict[str, str] = dict(headers or {})
        self._decimals: dict[str, int] = dict(decimals or {})
        self._formatters: dict[str, Formatter] = dict(formatters or {})
        self._filter: set[Any] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._blocks: dict[int, np.ndarray] = {}
        self.locale = QLocale()
        self.row_labels: list[str] | None = None  # labels down the side by frame position (else 1, 2, 3...)
        if frame is not None:
            self.set_frame(frame)

    # -- content ------------------------------------------------------------------------------
    def set_frame(self, frame: pd.DataFrame | None, headers: Mapping[str, str] | None = None) -> None:
        """Show another DataFrame (keeps the filter and the sort column when it still exists)."""
        self.beginResetModel()
        self._frame = frame if frame is not None else pd.DataFrame()
        if headers is not None:
            self._headers = dict(headers)
        self._numeric = [
            pd.api.types.is_numeric_dtype(dt) and not pd.api.types.is_bool_dtype(dt)
            for dt in self._frame.dtypes
        ]
        if self._sort is not None and self._sort[0] >= self._frame.shape[1]:
            self._sort = None
        self._recompute()
        self.endResetModel()

    def frame(self) -> pd.DataFrame:
        """The whole DataFrame (unfiltered)."""
        return self._frame

    def visible_frame(self) -> pd.DataFrame:
        """The rows shown (filtered and sorted), all of them, fetched or not."""
        return self._frame.iloc[self._positions]

    def set_filter(self, index_values: Iterable[Any] | None) -> None:
        """Show only the rows whose index is in ``index_values`` (None shows every row)."""
        self.beginResetModel()
        self._filter = None if index_values is None else set(index_values)
        self._recompute()
        self.endResetModel()

    def filter_values(self) -> set[Any] | None:
        """The current index filter, or None."""
        return self._filter

    def total_rows(self) -> int:
        """Rows that match the filter (fetched or not)."""
        return len(self._positions)

    def index_value(self, row: int) -> Any:
        """The DataFrame index label (customer id...) shown at ``row``."""
        return self._frame.index[self._positions[row]]

    def row_of(self, index_value: Any) -> int:
        """The visible row of an index label, or -1 (fetches up to it)."""
        locs = np.flatnonzero(self._frame.index[self._positions] == index_value)
        if not len(locs):
            return -1
        row = int(locs[0])
        while self._loaded <= row and self.canFetchMore():
            self.fetchMore()
        return row

    def _recompute(self) -> None:
        positions = np.arange(len(self._frame))
        if self._filter is not None:
            positions = positions[self._frame.index.isin(list(self._filter))]
        if self._sort is not None and len(positions):
            column, order = self._sort
            values = self._frame.iloc[positions, column].reset_index(drop=True)
            ascending = order == Qt.SortOrder.AscendingOrder
            try:
                ranked = values.sort_values(ascending=ascending, kind="stable", na_position="last")
            except TypeError:  # mixed types in an object column: compare as text
                ranked = values.astype(str).str.casefold().sort_values(ascending=ascending, kind="stable")
            positions = positions[ranked.index.to_numpy()]
        self._positions = positions
        self._blocks = {}
        self._loaded = min(self._chunk, len(positions))

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Rows fetched so far."""
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: _INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Columns of the frame."""
        return 0 if parent.isValid() else self._frame.shape[1]

    def canFetchMore(self, parent: _INDEX = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        """True while some visible rows are not handed to the view yet."""
        return not parent.isValid() and self._loaded < len(self._positions)

    def fetchMore(self, parent: _INDEX = QModelIndex()) -> None:  # noqa: B008 - Qt's signature
        """Hand the next chunk of rows to the view."""
        if parent.isValid():
            return
        extra = min(self._chunk, len(self._positions) - self._loaded)
        if extra <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + extra - 1)
        self._loaded += extra
        self.endInsertRows()

    def raw(self, row: int, column: int) -> Any:
        """The cell's value as pandas holds it."""
        block, offset = divmod(row, _BLOCK)
        values = self._blocks.get(block)
        if values is None:
            # One pandas call per block of rows: reading cell by cell through .iat costs ~50 µs a
            # cell on Arrow-backed columns, far too slow to paint a screenful.
            chunk = self._positions[block * _BLOCK : (block + 1) * _BLOCK]
            values = self._frame.iloc[chunk].to_numpy(dtype=object)
            if len(self._blocks) > 200:
                self._blocks.clear()
            self._blocks[block] = values
        return values[offset, column]

    def text(self, row: int, column: int) -> str:
        """The cell as shown."""
        value = self.raw(row, column)
        name = str(self._frame.columns[column])
        if name in self._formatters:
            return "" if _is_missing(value) else self._formatters[name](value)
        return format_value(value, self.locale, self._decimals.get(name, 2))

    def data(self, index: _INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text, alignment, tooltip and raw value (UserRole) of a cell."""
        if not index.isValid() or index.row() >= self._loaded:
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self._numeric[index.column()]:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.raw(index.row(), index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column names; row numbers down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= self._frame.shape[1]:
                return None
            name = str(self._frame.columns[section])
            return self._headers.get(name, name)
        if self.row_labels is not None and section < len(self._positions):
            position = int(self._positions[section])
            if position < len(self.row_labels):
                return self.row_labels[position]
        return self.locale.toString(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the visible rows by a column (pandas, stable, missing values last)."""
        if column < 0 or column >= self._frame.shape[1]:
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._recompute()
        self.endResetModel()
