"""Exact duplicate rows: the fast filter never changes the answer of a plain cell-by-cell comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from segmenter_app.core.reading import values
from segmenter_app.core.reading.duplicates import duplicate_rows


def _frame(rows: int, seed: int) -> pd.DataFrame:
    """Order lines with planted twins, near-twins (one cell differs, same length) and empty cells."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "order": [f"A{v:05d}" for v in rng.integers(0, rows // 4, rows)],
            "code": [f"P{v:03d}" for v in rng.integers(0, 300, rows)],
            "qty": [str(v) for v in rng.integers(1, 9, rows)],
            "customer": [None if v < 2 else f"{v}.0" for v in rng.integers(0, 10, rows)],
            "country": rng.choice(["FR", "UK", "DE"], rows),
        },
        dtype=values.STR,
    )
    twins = rng.choice(rows // 2, rows // 50, replace=False)
    later = rows // 2 + rng.choice(rows // 2, len(twins), replace=False)
    frame.iloc[later] = frame.iloc[twins].to_numpy()
    # Near-twins: every cell equal but the country, which has the same length (same filter number).
    near = rng.choice(rows // 2, rows // 50, replace=False)
    copies = frame.iloc[near].copy()
    copies["country"] = np.where(copies["country"] == "FR", "UK", "FR")
    frame = pd.concat([frame, copies], ignore_index=True)
    return frame.astype(values.STR)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_large_frame_matches_the_plain_comparison(seed: int) -> None:
    frame = _frame(40_000, seed)
    expected = frame.astype(object).fillna("\x00").duplicated().to_numpy()
    # With the numbers read from a column, and without: the answer is the same.
    qty = pd.to_numeric(frame["qty"]).to_numpy(dtype="float64")
    codes = values.encode(frame["order"])[0]
    for features in (None, {"qty": qty}, {"qty": qty, "order": codes}):
        found = duplicate_rows(frame, features)
        assert found.sum() == expected.sum() > 700
        assert (found == expected).all()


def test_small_frame_and_empty_cells() -> None:
    frame = pd.DataFrame(
        {"a": ["1", None, "1", None, "2"], "b": ["x", None, "x", None, "x"]}, dtype=values.STR
    )
    assert duplicate_rows(frame).tolist() == [False, False, True, True, False]
    assert duplicate_rows(frame.iloc[:0]).tolist() == []


def test_unreadable_numbers_do_not_make_twins() -> None:
    """Two rows whose number cells are both unreadable (NaN) but written differently are not twins."""
    rows = 30_000
    frame = pd.DataFrame({"id": [str(i) for i in range(rows)], "amount": ["n/a"] * rows}, dtype=values.STR)
    frame.loc[rows - 1] = ["7", "??"]  # same id as row 7, another unreadable amount
    frame.loc[rows - 2] = ["8", "n/a"]  # a real twin of row 8
    amounts = np.full(rows, np.nan)
    found = duplicate_rows(frame, {"amount": amounts})
    assert np.flatnonzero(found).tolist() == [rows - 2]
