"""Reading values as the user meant them: numbers, identifiers, emails and phones (dates: dates.py).

Every parser works on a whole column at once (vectorized, fast on a million rows) and returns the
parsed values together with a mask of the cells that were not empty but could not be read, so the
caller counts them instead of silently turning them into zero.

Numbers: spaces, non-breaking and narrow non-breaking spaces or apostrophes (1'234.50, 1’234.50) as
thousands separators, India's lakh grouping (1,23,456.78), comma or point decimals (decided over the
column when a value alone cannot tell; a separator repeated between groups is a thousands separator,
and "$1,250" alone is read in dollars' decimal point), currency signs, codes and local marks, percentages (``15 %`` is 0.15), negatives in parentheses, with a trailing minus or a
typographic minus sign (−12,50).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Thousands separators: spaces of every width, and the apostrophes of Swiss amounts (1'234.50,
# typeset as 1’234.50 by most Swiss software).
_SPACES = "[\\s\u00a0\u202f\u2009\u2007'\u2019\u02bc]"
# Currency signs, ISO codes and the local marks written beside amounts (kr, zł, Kč, Ft, Rs., R$).
CURRENCY_MARKS = (
    r"(?i)(?:R\$|[€$£¥₣₹₽₺₩₪₫₱₦฿₴]"
    r"|\b(?:EUR|USD|GBP|CHF|CAD|AUD|NZD|JPY|CNY|INR|BRL|SEK|NOK|DKK|PLN|CZK|HUF|RON|MXN|ZAR|TRY)\b"
    r"|\bEuros?\b|\bFF\b|\bF\b$|\bkr\b\.?|\bzł|\bzl\b|\bKč|\bFt\b|\bRs\b\.?|\bFr\b\.?|\blei\b)"
)
# Currencies written with a decimal point: "$1,250" or "¥12,500" alone mean thousands, not decimals;
# and with a decimal comma: "1.250 €" or "R$ 3.000" alone mean thousands too.
_POINT_CURRENCY = r"(?:^|[^R])\$|[£¥₹]|\b(?:USD|GBP|JPY|INR|CNY|AUD|NZD|CAD)\b"
_COMMA_CURRENCY = r"€|R\$|(?i)\b(?:EUR|euros?|kr|zł|zl|kč|ft|lei|SEK|NOK|DKK|PLN|CZK|HUF|RON|BRL)\b"


STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str" dtype


def arrow(series: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as an Arrow string array (zero-copy for pandas' default string columns)."""
    if not isinstance(series.dtype, pd.StringDtype) or series.dtype.storage != "pyarrow":
        series = series.astype(STR)
    return pa.array(series.array)


def from_arrow(values: pa.Array | pa.ChunkedArray, index: pd.Index) -> pd.Series:
    """An Arrow string array back into a pandas string column (zero-copy)."""
    return pd.Series(values, dtype=STR, index=index)


def no_text(index: pd.Index) -> pd.Series:
    """A text column with every cell empty (NA), for a role the file does not have."""
    return from_arrow(_nulls(len(index)), index)


@functools.lru_cache(maxsize=2)
def _nulls(length: int) -> pa.Array:
    # Arrow arrays are immutable: the columns a file does not have (category, coupon, channel...)
    # share one empty array instead of each allocating a million empty cells.
    return pa.nulls(length, pa.large_string())


def filter_rows(frame: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """The rows of ``frame`` where ``mask`` is true, index reset (Arrow's filter for text columns,
    several times faster than pandas' take on them)."""
    mask = np.asarray(mask, dtype=bool)
    keep = pa.array(mask)
    count = int(mask.sum())
    out = {}
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            # A text column kept as codes (see coded): only the rows kept become strings.
            codes = series.cat.codes.to_numpy()[mask]
            categories = pa.array(series.cat.categories.array)
            out[column] = from_arrow(
                pc.take(categories, pa.array(codes, mask=codes < 0)), pd.RangeIndex(count)
            )
        elif isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
            text = arrow(series)
            # A column the file does not have (every cell empty) needs no filtering, only a length.
            kept = pa.nulls(count, text.type) if text.null_count == len(text) else pc.filter(text, keep)
            out[column] = pd.Series(kept, dtype=STR)
        else:
            # copy=False: the boolean selection is a new array already.
            out[column] = pd.Series(series.to_numpy()[mask], dtype=series.dtype, copy=False)
    # copy=False: the columns are new arrays already; pandas would otherwise copy them once more
    # to pack same-typed columns together.
    return pd.DataFrame(out, columns=list(frame.columns), copy=False)


# Columns of order lines repeat the same values (a customer's id on each of its lines, an order's
# date on each of its products): long text columns with many repeats are read once per distinct
# value and the results spread back to the rows, which makes a million lines several times faster.
DISTINCT_MIN_ROWS = 20_000


Encoded = tuple[
    np.ndarray, pd.Series
]  # each row's position among the distinct values (-1: empty), the values


def encode(series: pd.Series) -> Encoded | None:
    """Each row's position among the distinct values of a text column (-1 for an empty cell) and
    the distinct values, in order of first appearance; None for a column that is not text."""
    if not isinstance(series.dtype, pd.StringDtype):
        return None
    encoded = pc.dictionary_encode(arrow(series))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    positions = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    return positions, from_arrow(encoded.dictionary, pd.RangeIndex(len(encoded.dictionary)))


def distinct_values(series: pd.Series, encoded: Encoded | None = None) -> Encoded | None:
    """For a long text column with many repeats: the position of each row's value among the
    distinct values (-1 for an empty cell) and the distinct values; None when not worth it.
    ``encoded`` is the column's :func:`encode` when the caller already has it."""
    # Text columns only: other columns (numbers, mixed cells of a workbook) have their own paths.
    if len(series) < DISTINCT_MIN_ROWS or not isinstance(series.dtype, pd.StringDtype):
        return None
    encoded = encoded if encoded is not None else encode(series)
    if encoded is None or len(encoded[1]) > len(series) // 2:
        return None
    return encoded


def spread(
    per_value: pd.Series | np.ndarray, positions: np.ndarray, index: pd.Index, empty: object
) -> pd.Series:
    """Results computed once per distinct value, back to one per row (``empty`` where positions is -1)."""
    if isinstance(per_value, pd.Series) and isinstance(per_value.dtype, pd.StringDtype):
        taken = pc.take(arrow(per_value), pa.array(positions, mask=positions < 0))
        return from_arrow(taken, index)
    array = np.asarray(per_value)
    padded = np.append(array, np.array([empty], dtype=array.dtype))
    return pd.Series(padded[positions], index=index)


def coded(per_value: pd.Series, positions: np.ndarray, index: pd.Index) -> pd.Series:
    """Text results computed once per distinct value, back to one per row as a categorical column:
    the rows hold small integer codes, and :func:`filter_rows` makes strings of the rows it keeps
    only (a million strings written, then filtered, is two copies where one does).

    ``per_value`` may hold the same text twice (" 17850" and "17850" normalize alike) and empty
    cells: the categories are its distinct non-empty values."""
    codes, uniques = pd.factorize(per_value, use_na_sentinel=True)
    row_codes = np.append(codes, -1)[positions]  # position -1 (an empty cell) stays empty
    categories = pd.Index(uniques, dtype=STR)
    return pd.Series(
        pd.Categorical.from_codes(
            row_codes.astype(np.int32, copy=False), dtype=pd.CategoricalDtype(categories)
        ),
        index=index,
        copy=False,
    )


def rx(series: pd.Series, pattern: str, ignore_case: bool = False) -> np.ndarray:
    """Boolean mask of the cells matching a regular expression (RE2 syntax, run by Arrow; NA is False).

    pandas falls back to Python's ``re`` one cell at a time for many patterns; Arrow's RE2 keeps a
    million cells in tens of milliseconds.
    """
    matched = pc.match_substring_regex(arrow(series), pattern, ignore_case=ignore_case)
    return np.asarray(pc.fill_null(matched, False), dtype=bool)


def rx_labels(
    series: pd.Series, pattern: str, ignore_case: bool = False, encoded: Encoded | None = None
) -> np.ndarray:
    """Like :func:`rx` for columns with few distinct values (products, codes, categories): the
    expression runs once per distinct value instead of once per row (``encoded``: see
    :func:`distinct_values`)."""
    encoded = encoded if encoded is not None else encode(series)
    if encoded is None:
        return rx(series, pattern, ignore_case)
    positions, uniques = encoded
    matched = rx(uniques, pattern, ignore_case)
    return np.append(matched, False)[positions]


def rx_replace(series: pd.Series, pattern: str, replacement: str) -> pd.Series:
    """Replace every match of a regular expression (RE2, ``\\1`` for groups), keeping NA."""
    return from_arrow(pc.replace_substring_regex(arrow(series), pattern, replacement), series.index)


def trim_to_na(series: pd.Series) -> pd.Series:
    """Cells trimmed of surrounding spaces; empty cells become NA (vectorized in Arrow)."""
    trimmed = pc.utf8_trim_whitespace(arrow(series))
    empty = pc.equal(trimmed, "")
    if not pc.any(empty).as_py():
        return from_arrow(trimmed, series.index)
    return from_arrow(pc.if_else(empty, pa.scalar(None, trimmed.type), trimmed), series.index)


def empty_to_na(series: pd.Series) -> pd.Series:
    """Empty-string cells as NA; a column without any is returned as is (one fast check)."""
    arr = arrow(series)
    empty = pc.equal(arr, "")
    if not pc.any(empty).as_py():
        return series if series.dtype == STR else from_arrow(arr, series.index)
    return from_arrow(pc.if_else(empty, pa.scalar(None, arr.type), arr), series.index)


def as_text(series: pd.Series) -> pd.Series:
    """The column as trimmed text, empty cells as NA (numbers formatted without a trailing .0)."""
    if pd.api.types.is_float_dtype(series.dtype):
        return _float_column_text(series)
    if pd.api.types.is_integer_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
        return series.astype("str")
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return _dates_text(series, midnight=False)
    return trim_to_na(series)


def _dates_text(series: pd.Series, midnight: bool) -> pd.Series:
    """Dates as 2024-01-31 14:05:00, ``midnight`` or not (2024-01-31 alone), formatted once per
    distinct date (an order's date repeats on each of its lines)."""
    positions, uniques = pd.factorize(series, sort=False)
    text = pd.Series(uniques).dt.strftime("%Y-%m-%d %H:%M:%S")
    if not midnight:
        text = text.str.replace(" 00:00:00", "", regex=False)
    return spread(text.astype(STR), positions.astype(np.int64), series.index, None)


def _float_column_text(series: pd.Series, spreadsheet: bool = False) -> pd.Series:
    """Floats as text without a trailing .0, vectorized: ids read as floats (17850.0) are a million
    whole numbers, cast through int64 by Arrow; the other values are written once per distinct
    value, by Python's repr (exact round trip) or, with ``spreadsheet``, as calamine writes a
    number cell read as text (see :func:`calamine_number`)."""
    values = series.to_numpy(dtype="float64", na_value=np.nan)
    missing = np.isnan(values)
    whole = ~missing & (np.abs(np.where(missing, 0.0, values)) < 1e15)
    whole &= np.where(whole, values, 0.0) == np.floor(np.where(whole, values, 0.0))
    ints = pa.array(np.where(whole, values, 0.0).astype(np.int64), mask=~whole)
    text = pc.cast(ints, pa.large_string())
    other = ~missing & ~whole
    if other.any():
        codes, uniques = pd.factorize(values[other], sort=False)
        write = calamine_number if spreadsheet else _float_text
        written = np.array([write(float(v)) for v in uniques], dtype=object)
        reprs = np.full(len(values), None, dtype=object)
        reprs[other] = written[codes]
        text = pc.if_else(pa.array(other), pa.array(reprs, type=pa.large_string()), text)
    return from_arrow(text, series.index)


def _float_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def calamine_number(value: float) -> str:
    """A number cell as calamine writes it as text: whole numbers as integers, others with nine
    decimals at most, trailing zeros dropped (1/3 is 0.333333333, 1e-07 is 0.0000001)."""
    if not np.isfinite(value):
        return repr(value)
    if value.is_integer():
        return str(int(value))
    return f"{value:.9f}".rstrip("0").rstrip(".")


def cell_text(series: pd.Series) -> pd.Series:
    """A workbook's number or date column (read typed) written as calamine writes such cells when
    it reads them as text (what the import saw before it read workbooks typed, and what the user
    sees): numbers as :func:`calamine_number` says, dates as 2024-01-31 14:05:00 (midnight
    included). Text columns are returned as they are."""
    if isinstance(series.dtype, pd.StringDtype):
        return series
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return _dates_text(series, midnight=True)
    if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        return _float_column_text(series, spreadsheet=True)
    return as_text(series)


def normalize_ids(series: pd.Series, encoded: Encoded | None = None) -> pd.Series:
    """Identifiers as text: trimmed, ``17850.0`` becomes ``17850``, leading zeros kept, empty is NA
    (``encoded``: see :func:`distinct_values`)."""
    distinct = distinct_values(series, encoded)
    if distinct is not None:
        positions, uniques = distinct
        return spread(normalize_ids(uniques), positions, series.index, None)
    if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        # A workbook's id column of numbers (read typed): the ids as the sheet shows them (17850,
        # not 17850.0) are already in their normal form.
        return cell_text(series)
    text = as_text(series)
    arr = arrow(text)
    if arr.null_count == len(arr):
        return text
    # "17850.0" (an id that went through a float): drop the ".0" with a slice, not a regex rewrite.
    head = pc.utf8_slice_codeunits(arr, 0, -2)
    float_like = pc.fill_null(pc.and_(pc.ends_with(arr, ".0"), pc.utf8_is_digit(head)), False)
    if pc.any(float_like).as_py():
        arr = pc.if_else(float_like, head, arr)
        text = from_arrow(arr, series.index)
    if pc.any(pc.ends_with(arrow(text), ".00")).as_py() and rx(text, r"^\d+\.00+$").any():
        text = rx_replace(text, r"^(\d+)\.0+$", r"\1")
    return text


@dataclass
class NumberResult:
    """Parsed numbers, the unreadable mask and the decimal separator decided for the column."""

    values: pd.Series  # float64, NaN when empty or unreadable
    unreadable: pd.Series  # bool: not empty and not a number
    decimal: str  # "." or ","
    percent: bool  # at least one value carried a % sign


def parse_numbers(
    series: pd.Series, decimal: str | None = None, encoded: Encoded | None = None
) -> NumberResult:
    """Read a column of numbers written in any of the usual ways (see the module docstring;
    ``encoded``: see :func:`distinct_values`)."""
    if pd.api.types.is_bool_dtype(series.dtype):
        series = series.astype("float64")
    if pd.api.types.is_numeric_dtype(series.dtype):
        values = series.astype("float64")
        return NumberResult(values, pd.Series(False, index=series.index), ".", False)
    # Fastest path: every cell a plain number (machine exports); Arrow's cast refuses anything else.
    try:
        cast = pc.cast(arrow(series), pa.float64()).to_numpy(zero_copy_only=False)
        # Arrow also reads "inf", "nan" and "1e400" (infinite): those are not amounts a shop
        # wrote, so a column holding one goes the careful way, where they count as unreadable.
        if not (~np.isfinite(cast) & series.notna().to_numpy()).any():
            fast = pd.Series(cast, index=series.index, dtype="float64")
            return NumberResult(fast, pd.Series(False, index=series.index), ".", False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    distinct = distinct_values(series, encoded)
    if distinct is not None and decimal is None:
        positions, uniques = distinct
        # The decimal separator is decided over the distinct values (each written way counts once).
        each = parse_numbers(uniques)
        return NumberResult(
            spread(each.values.to_numpy(), positions, series.index, np.nan).astype("float64"),
            spread(each.unreadable.to_numpy(), positions, series.index, False).astype(bool),
            each.decimal,
            each.percent,
        )
    text = as_text(series)
    empty = text.isna()
    cleaned, neg, pct = _clean_number_text(text)
    dec = decimal or _decide_decimal(cleaned, hint=_currency_decimal(text))
    parsed = _to_float(cleaned, dec)
    if decimal is None:
        # A value whose own form shows the other separator (12.5 or 1,234.56 in a column decided
        # for a comma; 12,5 in one decided for a point) is read by that form, not set aside: a
        # workbook column mixing typed numbers (written 12.5) with text typed as 12,50 € has both.
        other = "." if dec == "," else ","
        evident = cleaned.str.fullmatch(_EVIDENT[other]) & parsed.isna()
        if evident.any():
            parsed = parsed.where(~evident, _to_float(cleaned.where(evident, ""), other))
    parsed = parsed.where(~neg, -parsed)
    parsed = parsed.where(~pct, parsed / 100.0)
    unreadable = parsed.isna() & ~empty
    return NumberResult(parsed.astype("float64"), unreadable, dec, bool(pct.any()))


def _clean_number_text(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Strip spaces, currency and signs; return (digits text, negative mask, percent mask)."""
    s = text.fillna("")
    # The typographic minus (−12,50 from Numbers, LibreOffice or a report tool) and dashes typed for it.
    s = s.str.replace("[\u2212\u2012\u2013\ufe63\uff0d]", "-", regex=True)
    s = s.str.replace(CURRENCY_MARKS, "", regex=True)
    s = s.str.replace(_SPACES, "", regex=True)
    pct = s.str.endswith("%") | s.str.startswith("%")
    s = s.str.strip("%")
    paren = s.str.startswith("(") & s.str.endswith(")")
    s = s.where(~paren, s.str.slice(1, -1))
    trailing_minus = s.str.endswith("-") & (s.str.len() > 1)
    s = s.where(~trailing_minus, s.str.slice(0, -1))
    lead_minus = s.str.startswith("-")
    s = s.where(~lead_minus, s.str.slice(1))
    s = s.str.lstrip("+")
    neg = paren | trailing_minus | lead_minus
    return s, neg, pct


# Values that can only be written with that decimal separator: both separators with it last, or
# it alone followed by one, two or more than three digits.
_EVIDENT = {
    ",": r"\d{1,3}(?:\.\d{3})+,\d+|\d*,\d{1,2}|\d*,\d{4,}",
    ".": r"\d{1,3}(?:,\d{3})+\.\d+|\d*\.\d{1,2}|\d*\.\d{4,}",
}
_COMMA_DECIMAL = re.compile(r"^\d*(?:[.]\d{3})*,\d+$")
_POINT_DECIMAL = re.compile(r"^\d*(?:,\d{3})*\.\d+$")


def _currency_decimal(text: pd.Series) -> str | None:
    """The decimal separator the column's currency is written with, when one is written."""
    filled = text.dropna()
    if rx(filled, _POINT_CURRENCY).any():
        return "."
    if rx(filled, _COMMA_CURRENCY).any():
        return ","
    return None


def _decide_decimal(cleaned: pd.Series, hint: str | None = None) -> str:
    """Choose the decimal separator for a column from the values that can only mean one thing;
    ``hint``: the decimal separator of the column's currency ("." for $, £, ¥; "," for €, kr...),
    which decides a column where nothing else tells ("$1,250", "1.250 €")."""
    nonempty = cleaned[cleaned != ""]
    if nonempty.empty:
        return "."
    sample = nonempty if len(nonempty) <= 200_000 else nonempty.sample(200_000, random_state=0)
    # Values with both separators: the last one is the decimal separator.
    both = sample[sample.str.contains(",", regex=False) & sample.str.contains(".", regex=False)]
    comma_last = (both.str.rfind(",") > both.str.rfind(".")).sum()
    point_last = len(both) - comma_last
    # A single separator followed by other than three digits can only be a decimal separator.
    comma_only = sample.str.fullmatch(r"\d*,\d{1,2}|\d*,\d{4,}")
    point_only = sample.str.fullmatch(r"\d*\.\d{1,2}|\d*\.\d{4,}")
    # A separator repeated between groups (1,250,000 or India's lakh grouping 1,23,456) is a
    # thousands separator, so the other one is the decimal separator.
    comma_groups = sample.str.fullmatch(r"\d{1,3}(?:,\d{3}){2,}|\d{1,2}(?:,\d{2})+,\d{3}")
    point_groups = sample.str.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}")
    comma_votes = int(comma_last) + int(comma_only.sum()) + int(point_groups.sum())
    point_votes = int(point_last) + int(point_only.sum()) + int(comma_groups.sum())
    if comma_votes > point_votes:
        return ","
    if point_votes > comma_votes:
        return "."
    if hint is not None:
        return hint
    # Nothing tells ("1,234" only): a comma is more often a decimal separator in the shops we serve.
    return "," if sample.str.contains(",", regex=False).any() else "."


def _to_float(cleaned: pd.Series, decimal: str) -> pd.Series:
    thousands = "." if decimal == "," else ","
    valid_pattern = (
        r"\d+(?:\.\d{3})*(?:,\d*)?|,\d+|\d+(?:,\d+)?"
        if decimal == ","
        # India's lakh grouping (1,23,45,678.00) is read with a decimal point only, as written there.
        else r"\d+(?:,\d{3})*(?:\.\d*)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d*)?|\.\d+|\d+(?:\.\d+)?"
    )
    valid = cleaned.str.fullmatch(valid_pattern)
    s = cleaned.str.replace(thousands, "", regex=False)
    if decimal == ",":
        s = s.str.replace(",", ".", regex=False)
    values = pd.to_numeric(s.where(valid & (s != ""), None), errors="coerce")
    return values.astype("float64")


_CURRENCY_CODES = (
    ("€", "EUR"),
    ("EUR", "EUR"),
    ("£", "GBP"),
    ("GBP", "GBP"),
    ("CHF", "CHF"),
    ("$", "USD"),
    ("USD", "USD"),
    ("CAD", "CAD"),
)


def detect_currency(series: pd.Series, sample: int = 2000) -> str | None:
    """The currency written in an amount column ("EUR", "GBP", "USD"...), from its first values."""
    if not (isinstance(series.dtype, pd.StringDtype) or series.dtype == object):
        return None
    text = " ".join(series.dropna().head(sample).astype(str)).upper()
    for mark, code in _CURRENCY_CODES:
        if mark in text:
            return code
    return None


# --- Contact details ----------------------------------------------------------------------------

_EMAIL_RE = r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]{2,}$"


def normalize_emails(series: pd.Series, encoded: Encoded | None = None) -> pd.Series:
    """Emails lower-cased and trimmed; not an email (no @, spaces...) becomes NA (``encoded``: see
    :func:`distinct_values`)."""
    distinct = distinct_values(series, encoded)
    if distinct is not None:
        positions, uniques = distinct
        return spread(normalize_emails(uniques), positions, series.index, None)
    text = as_text(series).str.lower()
    return text.where(rx(text, _EMAIL_RE), None)


def normalize_phones(
    series: pd.Series, default_country: str = "33", encoded: Encoded | None = None
) -> pd.Series:
    """Phone numbers in one canonical form: ``+`` and digits (``06 12..`` -> ``+33612..``).

    A 10-digit national number starting with 0 is taken as French (``default_country``); other
    numbers without an international prefix keep their digits. Fewer than 6 digits is not a phone.
    ``encoded``: see :func:`distinct_values`.
    """
    distinct = distinct_values(series, encoded)
    if distinct is not None:
        positions, uniques = distinct
        return spread(normalize_phones(uniques, default_country), positions, series.index, None)
    text = as_text(series)
    plus = text.str.strip().str.startswith("+") | text.str.strip().str.startswith("00")
    digits = text.str.replace(r"\D", "", regex=True)
    digits = digits.where(~text.str.strip().str.startswith("00", na=False), digits.str.slice(2))
    national = ~plus.fillna(False) & digits.str.fullmatch(r"0\d{9}").fillna(False)
    canonical = ("+" + digits).where(plus.fillna(False), digits)
    canonical = canonical.where(~national, "+" + default_country + digits.str.slice(1))
    # "+33 (0)6 ..." written with the trunk zero kept.
    canonical = canonical.str.replace(r"^\+(\d{2})0(\d{9})$", r"+\1\2", regex=True)
    ok = digits.str.len() >= 6
    return canonical.where(ok.fillna(False), None)


_TRUE = {"1", "true", "yes", "y", "oui", "o", "vrai", "x", "ok", "opt-in", "optin", "subscribed", "inscrit"} | {
    # German, Spanish, Italian, Dutch, Portuguese.
    "ja", "j", "wahr", "si", "sí", "sì", "verdadero", "vero", "waar", "sim", "verdadeiro",
}  # fmt: skip
_FALSE = {"0", "false", "no", "n", "non", "faux", "opt-out", "optout", "unsubscribed", "desinscrit"} | {
    "nein", "falsch", "falso", "nee", "onwaar", "nao", "não",
}  # fmt: skip


def parse_booleans(series: pd.Series) -> pd.Series:
    """Yes/no columns in French or English (and ja/nein, sí, sì, sim/não...) to a nullable boolean
    (unknown stays NA)."""
    text = as_text(series).str.lower().str.replace("é", "e", regex=False)
    out = pd.Series(pd.NA, index=series.index, dtype="boolean")
    out[text.isin(_TRUE).fillna(False)] = True
    out[text.isin(_FALSE).fillna(False)] = False
    return out


# Gender words and titles in French and English, and in the German, Spanish, Italian, Dutch and
# Portuguese of neighbouring countries' exports (lower case, without the final dot).
_FEMALE = frozenset(
    {"f", "femme", "female", "woman", "w", "mme", "mrs", "ms", "miss", "madame", "mlle"}
    | {"weiblich", "frau", "mujer", "femenino", "sra", "señora", "donna", "femmina", "signora", "sig.ra"}
    | {"vrouw", "mevrouw", "mevr", "feminino", "senhora", "v"}
)
_MALE = frozenset(
    {"m", "h", "homme", "male", "man", "mr", "monsieur"}
    | {"männlich", "maennlich", "herr", "hombre", "masculino", "sr", "señor", "uomo", "maschio", "signore"}
    | {"sig", "heer", "meneer", "dhr", "senhor"}
)


def normalize_gender(series: pd.Series) -> pd.Series:
    """Gender codes to "F" or "M" when recognisable (F/femme/female/Mme/weiblich/mujer/donna/vrouw,
    H/M/homme/male/M./männlich/hombre/uomo/heer), else as written."""
    text = as_text(series)
    low = text.str.lower().str.strip(". ")
    female = low.isin(_FEMALE)
    male = low.isin(_MALE)
    return text.where(~female.fillna(False), "F").where(~male.fillna(False), "M")
