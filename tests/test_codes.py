"""Codes of text ids through runs of equal neighbours: exactly pandas' factorize."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from segmenter_app.core import codes
from segmenter_app.core.reading.values import STR


def check_same(ids: pd.Series) -> tuple[np.ndarray, pd.Index]:
    got_codes, got_uniques = codes.factorize(ids)
    want_codes, want_uniques = pd.factorize(ids, sort=False)
    np.testing.assert_array_equal(got_codes, want_codes)
    assert got_codes.dtype == want_codes.dtype
    pd.testing.assert_index_equal(got_uniques, want_uniques, exact=True)
    return got_codes, got_uniques


def test_order_lines_next_to_each_other():
    ids = pd.Series(
        np.repeat(["500001", "500002", "500001", "500003", "500002"], [3, 400, 2, 600, 300]), dtype=STR
    )
    got_codes, got_uniques = check_same(ids)
    assert list(got_uniques) == ["500001", "500002", "500003"]
    assert got_codes[:3].tolist() == [0, 0, 0] and got_codes[403:405].tolist() == [0, 0]
    assert got_codes[-1] == 1


def test_missing_ids_coded_minus_one():
    values = np.repeat(np.array(["A", None, "B", None, "A"], dtype=object), [500, 300, 400, 2, 900])
    got_codes, got_uniques = check_same(pd.Series(values, dtype=STR))
    assert list(got_uniques) == ["A", "B"] and got_codes[500] == -1 and got_codes[-1] == 0


def test_scattered_ids_and_several_chunks():
    rng = np.random.default_rng(3)
    scattered = pd.Series([f"c{i}" for i in rng.integers(0, 5000, 20_000)], dtype=STR)
    check_same(scattered)  # no runs: pandas' own way
    runs = np.repeat([f"c{i}" for i in rng.integers(0, 300, 2000)], rng.integers(1, 9, 2000))
    chunked = pa.chunked_array(
        [pa.array(runs[:3000], pa.large_string()), pa.array(runs[3000:], pa.large_string())]
    )
    check_same(pd.Series(chunked, dtype=STR))
    check_same(pd.Series(runs.astype(object)))  # not Arrow text: pandas' own way
