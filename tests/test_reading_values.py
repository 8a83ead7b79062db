"""Number, date and identifier readers: examples, and properties checked with hypothesis."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter_app.core.reading.dates import parse_dates
from segmenter_app.core.reading.numbers import parse_numbers
from segmenter_app.core.reading.values import (
    normalize_emails,
    normalize_ids,
    normalize_phones,
    parse_booleans,
)

THOUSANDS_FR = [" ", "\u00a0", "\u202f", ""]


def french(value: float, sep: str, currency: str, parens: bool) -> str:
    text = f"{abs(value):,.2f}".replace(",", "\x00").replace(".", ",").replace("\x00", sep)
    if value < 0:
        text = f"({text})" if parens else "-" + text
    return text + currency


def english(value: float, currency: str) -> str:
    text = f"{abs(value):,.2f}"
    return ("-" if value < 0 else "") + currency + text


amounts = st.floats(min_value=-5_000_000, max_value=5_000_000, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(amounts, min_size=1, max_size=30),
    st.sampled_from(THOUSANDS_FR),
    st.sampled_from(["", " €", "€", " EUR"]),
    st.booleans(),
)
def test_french_numbers_round_trip(values, sep, currency, parens):
    column = pd.Series([french(v, sep, currency, parens) for v in values], dtype="str")
    result = parse_numbers(column)
    assert not result.unreadable.any()
    assert result.values.tolist() == pytest.approx(values, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(amounts, min_size=1, max_size=30), st.sampled_from(["", "$", "£"]))
def test_english_numbers_round_trip(values, currency):
    column = pd.Series([english(v, currency) for v in values], dtype="str")
    result = parse_numbers(column)
    assert not result.unreadable.any()
    assert result.values.tolist() == pytest.approx(values, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="abcxyz!?", min_size=1, max_size=6), min_size=1, max_size=10))
def test_words_are_unreadable_never_zero(words):
    result = parse_numbers(pd.Series(words, dtype="str"))
    assert result.unreadable.all()
    assert result.values.isna().all()


def test_number_examples():
    column = pd.Series(["1 234,56 €", "(12,50)", "15 %", "", None, "abc", "12-", "EUR 4,00"], dtype="str")
    result = parse_numbers(column)
    assert result.values.tolist()[:3] == pytest.approx([1234.56, -12.5, 0.15])
    assert np.isnan(result.values.iloc[3]) and not result.unreadable.iloc[3]  # empty is not unreadable
    assert result.unreadable.tolist() == [False, False, False, False, False, True, False, False]
    assert result.values.iloc[6] == -12 and result.values.iloc[7] == 4.0
    # The decimal separator is decided over the column: "1.234" among "1.234,50" is a thousand.
    mixed = parse_numbers(pd.Series(["1.234,50", "1.234", "2,5"], dtype="str"))
    assert mixed.values.tolist() == pytest.approx([1234.5, 1234.0, 2.5])
    assert parse_numbers(
        pd.Series(["1,234.50", "1,234", "2.5"], dtype="str")
    ).values.tolist() == pytest.approx([1234.5, 1234.0, 2.5])


dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2035, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(dates, min_size=1, max_size=25), st.sampled_from(["/", "-", "."]), st.booleans())
def test_day_first_dates_round_trip(values, sep, with_time):
    # A 13th or later makes the column decidable: day first.
    values = [*values, dt.date(2024, 1, 13)]
    fmt = f"%d{sep}%m{sep}%Y" + (" %H:%M" if with_time else "")
    column = pd.Series([pd.Timestamp(v).strftime(fmt) for v in values], dtype="str")
    result = parse_dates(column)
    assert result.order == "dmy" and not result.ambiguous
    assert not result.unreadable.any()
    assert [t.date() for t in result.values] == values


@settings(max_examples=60, deadline=None)
@given(st.lists(dates, min_size=1, max_size=25))
def test_month_first_dates_round_trip(values):
    values = [*values, dt.date(2024, 1, 13)]
    column = pd.Series([f"{v.month}/{v.day}/{v.year}" for v in values], dtype="str")
    result = parse_dates(column)
    assert result.order == "mdy"
    assert [t.date() for t in result.values] == values


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2035, 1, 1)),
        min_size=1,
        max_size=25,
    )
)
def test_iso_dates_round_trip(values):
    values = [v.replace(microsecond=0) for v in values]
    column = pd.Series([v.isoformat(sep=" ") for v in values], dtype="str")
    result = parse_dates(column)
    assert result.values.tolist() == [pd.Timestamp(v) for v in values]


@settings(max_examples=40, deadline=None)
@given(st.lists(dates.filter(lambda d: d.day <= 12), min_size=1, max_size=10))
def test_undecidable_columns_are_flagged_and_follow_the_forced_order(values):
    column = pd.Series([v.strftime("%d/%m/%Y") for v in values], dtype="str")
    result = parse_dates(column)
    if any(v.day != v.month for v in values):
        assert result.ambiguous
    assert [t.date() for t in result.values] == values  # the default is day first
    forced = parse_dates(pd.Series([v.strftime("%m/%d/%Y") for v in values], dtype="str"), "mdy")
    assert [t.date() for t in forced.values] == values


def test_date_examples():
    column = pd.Series(
        ["03/11/2024", "25/12/2024 14:30", "", "not a date", "2024-01-02", "45000", "1/2/24 1:05 PM"]
    )
    result = parse_dates(column)
    assert result.values.iloc[0] == pd.Timestamp("2024-11-03")
    assert result.values.iloc[1] == pd.Timestamp("2024-12-25 14:30")
    assert result.values.iloc[4] == pd.Timestamp("2024-01-02")
    assert result.values.iloc[5] == pd.Timestamp("2023-03-15")  # an Excel serial date
    assert result.values.iloc[6] == pd.Timestamp("2024-02-01 13:05")
    assert result.unreadable.tolist() == [False, False, False, True, False, False, False]


def test_french_month_names_and_year_first_slashes():
    """'15 janv. 2024', 'lundi 1er juillet 2024 à 14h30' and 2024/02/03 (never read as 2 March)."""
    column = pd.Series(
        [
            "15 janv. 2024",
            "3 février 2024",
            "lundi 1er juillet 2024 à 14h30",
            "31 février 2024",
            "2024/02/03",
        ],
        dtype="str",
    )
    result = parse_dates(column)
    assert result.values.iloc[0] == pd.Timestamp("2024-01-15")
    assert result.values.iloc[1] == pd.Timestamp("2024-02-03")
    assert result.values.iloc[2] == pd.Timestamp("2024-07-01 14:30")
    assert result.values.iloc[4] == pd.Timestamp("2024-02-03")
    assert result.unreadable.tolist() == [False, False, False, True, False]  # no 31 February


def test_identifiers_emails_phones_booleans():
    assert normalize_ids(pd.Series([17850.0, None, 12.0])).tolist()[::2] == ["17850", "12"]
    assert normalize_ids(pd.Series(["17850.0", "0123", " x "], dtype="str")).tolist() == [
        "17850",
        "0123",
        "x",
    ]
    assert normalize_emails(pd.Series([" Lucas.L@Free.fr", "bad@", None], dtype="str")).tolist()[:1] == [
        "lucas.l@free.fr"
    ]
    phones = normalize_phones(
        pd.Series(
            ["06 97 69 02 08", "+33 6 97 69 02 08", "0033 697690208", "+33 (0)6 97 69 02 08", "12"],
            dtype="str",
        )
    )
    assert phones.tolist()[:4] == ["+33697690208"] * 4 and pd.isna(phones.iloc[4])
    assert parse_booleans(pd.Series(["oui", "Non", "yes", "", "x"], dtype="str")).tolist()[:3] == [
        True,
        False,
        True,
    ]


def _long_column(cells: list[str | None], rows: int = 30_000) -> pd.Series:
    """A long text column repeating ``cells`` (like an id or a date on every line of an order)."""
    rng = np.random.default_rng(3)
    picked = [cells[i] for i in rng.integers(0, len(cells), rows)]
    return pd.Series(picked, dtype="str")


@pytest.mark.parametrize(
    ("reader", "cells"),
    [
        (normalize_ids, ["17850.0", " 00123 ", "C536365", "12.00", None, "", "abc"]),
        (parse_numbers, ["1 234,50 €", "(12,00)", "12,50-", "15 %", "abc", None, "3,5"]),
        (parse_dates, ["13/01/2023", "02/03/2023 14:05", "2023-04-05", "45000", "hier", None, "31/12/99"]),
        (normalize_emails, [" Ana@Example.FR ", "not an email", None, "b@c.com"]),
        (normalize_phones, ["06 12 34 56 78", "+33 (0)6 12 34 56 78", "0044 20 7946 0958", "12", None]),
    ],
)
def test_long_columns_read_once_per_distinct_value_give_the_row_by_row_result(reader, cells, monkeypatch):
    """Long columns are read once per distinct value (for speed): the result must be the same as
    reading every row."""
    from segmenter_app.core.reading import values

    column = _long_column(cells)
    assert values.distinct_values(column) is not None  # the per-distinct path is the one tested
    fast = reader(column)
    monkeypatch.setattr(values, "DISTINCT_MIN_ROWS", 10**9)
    slow = reader(column)
    for got, expected in (
        [(fast, slow)]
        if isinstance(fast, pd.Series)
        else [
            (fast.values, slow.values),
            (fast.unreadable, slow.unreadable),
        ]
    ):
        pd.testing.assert_series_equal(got, expected, check_dtype=False, check_names=False)
    if not isinstance(fast, pd.Series):
        assert (fast.unreadable.sum(), fast.values.notna().sum()) == (
            slow.unreadable.sum(),
            slow.values.notna().sum(),
        )
        assert fast.unreadable.any() and fast.values.notna().any()


def test_filter_rows_reports_after_each_column_and_can_be_stopped():
    """The kept rows of a million-line import are copied column by column; ``each`` runs between
    them (the import's progress and cancel: the copy alone held the reports for half a second)."""
    from segmenter_app.core.progress import Cancelled, CancelToken
    from segmenter_app.core.reading.values import filter_rows

    frame = pd.DataFrame({"a": ["x", "y", "z"], "b": [1.0, 2.0, 3.0], "c": pd.Categorical(["p", "q", "p"])})
    calls: list[int] = []
    kept = filter_rows(frame, np.array([True, False, True]), each=lambda: calls.append(1))
    assert len(calls) == 3 and kept["a"].tolist() == ["x", "z"] and kept["c"].tolist() == ["p", "p"]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        filter_rows(frame, np.array([True, True, True]), each=token.check)
