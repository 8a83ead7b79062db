"""Columns ready to write: values as plain Python objects, cleaned once, with their cell kind.

A pandas column is converted once into a list (text cleaned by :mod:`safe_text`, numbers with
blanks for NaN and infinities, dates as Excel serial numbers) so the writing loop does no
conversion and segment sheets can write slices of the same list as All customers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core.export.safe_text import clean_column, clean_text

# Cell kinds, each with its number format (see Book.fmt).
TEXT = "text"
INTEGER = "integer"
NUMBER = "number"  # one decimal
DECIMAL = "decimal"  # two decimals
CURRENCY = "currency"
PERCENT = "percent"
DATE = "date"
BOOL = "bool"
MIXED = "mixed"  # small key/value tables: each value written by its own type

NUMERIC_KINDS = (INTEGER, NUMBER, DECIMAL, CURRENCY, PERCENT, DATE)
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "ns")
_DAY_NS = 86_400 * 10**9
_EXACT = 10**15  # whole numbers from here on have more digits than Excel keeps
_FIRST_SAFE_SERIAL = 61.0  # Excel's serials before 1900-03-01 carry its 1900 leap-year bug
_FIRST_SAFE_DATE = dt.datetime(1900, 3, 1)


@dataclass
class Column:
    """One column of a table, ready to write."""

    header: str
    kind: str
    values: list[Any]
    quote_rows: set[int] = field(default_factory=set)  # text rows needing the quote prefix
    cuts: list[tuple[int, int]] = field(default_factory=list)  # (row index, original length)
    removed: int = 0  # characters removed by cleaning
    width: float = 10.0
    wrap: bool = False
    number_kinds: dict[int, str] = field(default_factory=dict)  # mixed column: a number's own kind

    def __len__(self) -> int:
        return len(self.values)


def text_column(header: str, values: Any, *, wrap: bool = False, width: float | None = None) -> Column:
    """A text column from any sequence (Series, list); blanks stay blank."""
    raw = values.tolist() if hasattr(values, "tolist") else list(values)
    cleaned = clean_column(raw)
    column = Column(
        header,
        TEXT,
        cleaned.values,
        set(cleaned.risky_rows),
        cleaned.cut_rows,
        cleaned.removed,
        wrap=wrap,
    )
    column.width = width if width is not None else _text_width(header, cleaned.values, wrap)
    return column


def number_column(header: str, values: Any, kind: str = NUMBER) -> Column:
    """A numeric column (kind: integer, number, decimal, currency or percent); NaN and inf blank.

    Whole numbers of 16 digits or more (card numbers, long codes read as numbers) are written
    as text: Excel keeps 15 significant digits, so it would show and save them with their last
    digits turned to zeros.
    """
    series = pd.to_numeric(pd.Series(values), errors="coerce")
    if kind in (INTEGER, NUMBER) and _too_long_for_excel(series):
        return text_column(header, [None if pd.isna(v) else str(int(v)) for v in series.tolist()])
    array = series.to_numpy(dtype="float64", na_value=np.nan)
    finite = np.isfinite(array)
    if kind == INTEGER and finite.all() and (array == np.round(array)).all():
        out: list[Any] = array.astype("int64").tolist()
    else:
        out = array.tolist()
        if not finite.all():
            for index in np.flatnonzero(~finite).tolist():
                out[index] = None
    return Column(header, kind, out, width=max(11.0, _header_width(header)))


def _too_long_for_excel(series: pd.Series) -> bool:
    """True when the column holds whole numbers only, some of 16 digits or more.

    A column of codes with a blank is read as floats (1 -> 1.0), so floats count when every
    one of them is whole.
    """
    if pd.api.types.is_integer_dtype(series.dtype):
        return bool(((series >= _EXACT) | (series <= -_EXACT)).any())
    if not pd.api.types.is_float_dtype(series.dtype):
        return False
    array = series.to_numpy(dtype="float64", na_value=np.nan)
    finite = array[np.isfinite(array)]
    return bool((np.abs(finite) >= _EXACT).any() and (finite == np.round(finite)).all())


def date_column(header: str, values: Any) -> Column:
    """A date column written as real Excel dates (serial numbers with a date format)."""
    series = pd.to_datetime(pd.Series(values), errors="coerce")
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    ns = series.to_numpy(dtype="datetime64[ns]")
    valid = ~np.isnat(ns)
    serial = np.full(len(ns), np.nan)
    serial[valid] = (ns[valid] - _EXCEL_EPOCH).astype("int64") / _DAY_NS
    out: list[Any] = serial.tolist()
    for index in np.flatnonzero(~valid | (serial < _FIRST_SAFE_SERIAL)).tolist():
        # Before 1900-03-01 Excel's calendar is off by a day: keep such rare dates as text.
        out[index] = None if not valid[index] else series.iloc[index].date().isoformat()
    return Column(header, DATE, out, width=max(11.0, _header_width(header)))


def bool_column(header: str, values: Any) -> Column:
    """A TRUE/FALSE column (Excel shows it in the user's language); unknown stays blank."""
    out: list[Any] = []
    for value in values.tolist() if hasattr(values, "tolist") else values:
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
            out.append(None)
        else:
            out.append(bool(value))
    return Column(header, BOOL, out, width=max(9.0, _header_width(header)))


def mixed_column(
    header: str,
    values: list[Any],
    *,
    wrap: bool = False,
    width: float = 40.0,
    number_kinds: dict[int, str] | None = None,
) -> Column:
    """A column whose cells each keep their own type (texts cleaned, dates real dates).

    ``number_kinds``: rows whose number is shown as a kind of its own (a share as a percentage).

    A date before 1900-03-01 is written as its ISO text, as in date columns: XlsxWriter would
    write a negative serial number, which Excel shows as ##### and LibreOffice a day early.
    """
    out: list[Any] = []
    column = Column(header, MIXED, out, wrap=wrap, width=width, number_kinds=dict(number_kinds or {}))
    for index, value in enumerate(values):
        cell = to_cell(value)
        if isinstance(cell, dt.datetime) and cell < _FIRST_SAFE_DATE:
            cell = cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
        if isinstance(cell, str):
            text, risky, removed, original = clean_text(cell)
            column.removed += removed
            if risky:
                column.quote_rows.add(index)
            if original:
                column.cuts.append((index, original))
            cell = text or None
        out.append(cell)
    return column


def to_cell(value: Any) -> Any:
    """A Python value as a cell: str, bool, int, float, datetime.datetime, or None."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, pd.Timestamp):
        return (
            None
            if pd.isna(value)
            else value.tz_localize(None).to_pydatetime()
            if value.tzinfo
            else value.to_pydatetime()
        )
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list, tuple, set)):
        return json.dumps(
            value if not isinstance(value, set) else sorted(value), ensure_ascii=False, default=str
        )
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def column_for_series(header: str, series: pd.Series, kind: str | None = None) -> Column:
    """A column for a pandas Series, its kind taken from ``kind`` or guessed from the dtype."""
    if kind is None:
        kind = kind_of(series)
    if kind == TEXT:
        return text_column(header, series)
    if kind == DATE:
        return date_column(header, series)
    if kind == BOOL:
        return bool_column(header, series)
    return number_column(header, series, kind)


def kind_of(series: pd.Series) -> str:
    """The natural cell kind of a Series from its dtype."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return BOOL
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return DATE
    if pd.api.types.is_integer_dtype(dtype):
        return INTEGER
    if pd.api.types.is_float_dtype(dtype):
        return NUMBER
    return TEXT


def _header_width(header: str) -> float:
    """Room for the header text and the filter button."""
    return min(len(header) + 4.0, 40.0)


def _text_width(header: str, values: list[str | None], wrap: bool) -> float:
    """A width from the header and a sample of values: readable, never absurdly wide."""
    sample = [len(v) for v in values[:500] if v]
    longest = max(sample, default=0)
    limit = 60.0 if wrap else 45.0
    return max(8.0, min(max(longest + 2.0, _header_width(header)), limit))
