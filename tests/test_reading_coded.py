"""Text columns kept as codes until the rows are filtered (values.coded and values.filter_rows)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter_app.core.reading import values
from segmenter_app.core.reading.values import STR


def _plain(per_value: pd.Series, positions: np.ndarray) -> list:
    """What the rows hold, written out one by one."""
    return [None if p < 0 or pd.isna(per_value.iloc[p]) else per_value.iloc[p] for p in positions]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.sampled_from(["17850", "A1", "", "ÉTÉ", "17850"])), min_size=1, max_size=6
    ),
    st.lists(st.integers(min_value=-1, max_value=5), max_size=40),
    st.lists(st.booleans(), max_size=40),
)
def test_coded_then_filtered_is_the_plain_column(per_value_list, raw_positions, keep_list):
    per_value = pd.Series(per_value_list, dtype=STR)
    positions = np.array([p if p < len(per_value) else -1 for p in raw_positions], dtype=np.int64)
    index = pd.RangeIndex(len(positions))
    column = values.coded(per_value, positions, index)
    assert isinstance(column.dtype, pd.CategoricalDtype)
    expected = _plain(per_value, positions)
    # Empty cells and the same text twice among the distinct values read as the rows do.
    assert [None if pd.isna(v) else v for v in column] == expected
    assert column.notna().tolist() == [v is not None for v in expected]
    keep = np.array((keep_list + [True] * len(positions))[: len(positions)], dtype=bool)
    kept = values.filter_rows(pd.DataFrame({"id": column, "n": np.arange(len(positions))}), keep)
    assert kept["id"].dtype == STR  # text again, as every other text column of the kept rows
    assert [None if pd.isna(v) else v for v in kept["id"]] == [
        e for e, k in zip(expected, keep, strict=True) if k
    ]
    assert kept["n"].tolist() == np.flatnonzero(keep).tolist()


def test_coded_ids_of_a_long_column_become_the_same_text_as_before():
    raw = pd.Series(["17850.0", " 17850", "00123", None, "13047"] * 10_000, dtype=STR)
    from segmenter_app.core.standardize import _coded_ids

    coded = _coded_ids(raw, None)
    assert isinstance(coded.dtype, pd.CategoricalDtype)  # long column: kept as codes
    keep = np.ones(len(raw), dtype=bool)
    keep[::3] = False
    plain = values.normalize_ids(raw)
    kept = values.filter_rows(pd.DataFrame({"id": coded}), keep)["id"]
    pd.testing.assert_series_equal(kept, values.filter_rows(pd.DataFrame({"id": plain}), keep)["id"])
    assert set(kept.dropna()) == {"17850", "00123", "13047"}
