"""Exact duplicate rows of a table: exact (no hashing collisions), fast on a million rows.

Comparing every cell of a million rows costs more than the rest of the import, and almost no row
has a twin. So a cheap filter comes first: each column gives one integer per row that equal cells
always share (the position among the column's distinct values when the caller has it, the bits
of the value read from the cell, else the cell's length), the integers are mixed into one 64-bit
number per row and counted in two tables of buckets. A row alone in its bucket in either table
has no twin. Only the rows left (a few percent) are compared exactly, cell by cell, through the
dictionary codes of every column.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core.reading import values

# Below this many rows the exact comparison of every row is cheap: no filter.
_FILTER_MIN_ROWS = 20_000
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit constant (the golden ratio): spreads the bits
_MIX2 = np.uint64(0xC2B2AE3D27D4EB4F)


def duplicate_rows(frame: pd.DataFrame, features: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
    """Rows identical in every cell to an earlier row of the file.

    ``features``: for some columns, one integer (or float) per row that is a function of the cell
    alone (the same cell text always gives the same number), used by the filter of the module
    docstring; the other columns use the cell's length. The answer never depends on them: they only
    make the filter sharper.
    """
    n = len(frame)
    if n == 0:
        return np.zeros(0, dtype=bool)
    columns = list(frame.columns)
    if n < _FILTER_MIN_ROWS:
        return pd.Series(row_keys(frame, columns)).duplicated().to_numpy()
    candidates = _candidates(frame, features or {})
    out = np.zeros(n, dtype=bool)
    if not candidates.any():
        return out
    # Rows that are not candidates have no twin at all, so leaving them out changes no answer.
    subset = values.filter_rows(frame, candidates) if candidates.sum() < n else frame
    out[np.flatnonzero(candidates)] = pd.Series(row_keys(subset, columns)).duplicated().to_numpy()
    return out


def _candidates(frame: pd.DataFrame, features: Mapping[str, np.ndarray]) -> np.ndarray:
    """Rows that may have a twin: their mixed number shares its bucket in both tables."""
    n = len(frame)
    mixed = np.zeros(n, dtype=np.uint64)
    scratch = np.empty(n, dtype=np.uint64)  # one buffer for the shifts: fresh memory is slow to touch
    for column in frame.columns:
        mixed ^= _feature(frame[column], features.get(column))
        mixed *= _MIX
        mixed ^= np.right_shift(mixed, np.uint64(31), out=scratch)
    # About four buckets per row: a row alone in its bucket is told apart for the price of a count.
    bits = int(min(max(np.ceil(np.log2(n)) + 2, 10), 24))
    shift = np.uint64(64 - bits)
    first = np.right_shift(mixed, shift, out=scratch).view(np.intp)  # below 2**24: same bits
    shared = np.bincount(first, minlength=1 << bits)[first] > 1
    # The second table, from other bits of the same number, only for the rows the first one kept
    # (about a fifth): their twins, if any, are among them.
    rows = np.flatnonzero(shared)
    second = ((mixed[rows] * _MIX2) >> shift).view(np.intp)
    shared[rows] = np.bincount(second, minlength=1 << bits)[second] > 1
    return shared


def _feature(series: pd.Series, given: np.ndarray | None) -> np.ndarray:
    """One 64-bit number per row that equal cells share (see the module docstring)."""
    if given is not None:
        given = np.asarray(given)
        if given.dtype.kind == "f":
            # One pattern for every empty or unreadable value (NaN has several bit patterns).
            return np.where(np.isnan(given), np.inf, given).astype(np.float64, copy=False).view(np.uint64)
        return given.astype(np.int64, copy=False).view(np.uint64)
    if isinstance(series.dtype, pd.StringDtype):
        lengths = pc.fill_null(pc.binary_length(values.arrow(series)), -1)
        return np.asarray(lengths.to_numpy(zero_copy_only=False), dtype=np.int64).view(np.uint64)
    if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_datetime64_any_dtype(series.dtype):
        # A workbook's number and date columns (read typed): the value's own bits.
        return _feature(
            series,
            series.to_numpy(dtype="float64")
            if series.dtype.kind == "f"
            else series.to_numpy().view(np.int64),
        )
    return pd.util.hash_array(series.to_numpy(dtype=object))


def row_keys(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """One int64 per row, equal for rows with equal cells in ``columns``."""
    key = np.zeros(len(frame), dtype=np.int64)
    span = 1
    for column in columns:
        encoded = pc.dictionary_encode(values.arrow(frame[column]))
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64) + 1
        size = len(encoded.dictionary) + 1
        if span * size >= 2**62:
            key, uniques = pd.factorize(key)
            key = key.astype(np.int64)
            span = len(uniques)
        key = key * size + codes
        span *= size
    return key
