"""Reading values as the user meant them: identifiers, emails, phones, yes/no and gender (numbers:
numbers.py, dates: dates.py), and the column helpers every reader shares.

Every parser works on a whole column at once (vectorized, fast on a million rows) and returns the
parsed values together with a mask of the cells that were not empty but could not be read, so the
caller counts them instead of silently turning them into zero.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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


def filter_rows(
    frame: pd.DataFrame,
    mask: np.ndarray,
    columns: list[str] | None = None,
    each: Callable[[], None] | None = None,
) -> pd.DataFrame:
    """The rows of ``frame`` where ``mask`` is true, index reset (Arrow's filter for text columns,
    several times faster than pandas' take on them); only ``columns`` when given (dropping columns
    from a frame first would copy the others). ``each`` is called after every column (progress
    and cancel: a million rows of a wide table take over half a second)."""
    mask = np.asarray(mask, dtype=bool)
    keep = pa.array(mask)
    count = int(mask.sum())
    columns = list(frame.columns) if columns is None else columns
    out = {}
    for column in columns:
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
        if each is not None:
            each()
    # copy=False: the columns are new arrays already; pandas would otherwise copy them once more
    # to pack same-typed columns together.
    return pd.DataFrame(out, columns=columns, copy=False)


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
        pd.Categorical.from_codes(row_codes.astype(np.int32, copy=False), dtype=_categories(categories)),
        index=index,
        copy=False,
    )


def _categories(distinct: pd.Index) -> pd.CategoricalDtype:
    """The categorical type of values already known to be distinct (factorize's uniques).

    pandas' constructor checks that the categories are unique by hashing them as Python strings:
    for 125,000 order numbers that check alone took 0.18 s of a million-line import. Its fast path
    skips the check; a pandas without it gets the checked type, only slower.
    """
    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fast is not None:
        try:
            return fast(distinct, False)
        except TypeError:
            pass  # a signature pandas changed: the checked constructor below
    return pd.CategoricalDtype(distinct)


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
    if (
        not pc.all(pc.fill_null(pc.utf8_is_digit(arrow(text)), True)).as_py()
        and (
            _has_any(text, starts=("'",), inside=("+", " "))
            or not pc.all(pc.fill_null(pc.string_is_ascii(arrow(text)), True)).as_py()
        )
        and rx(text, _EXCEL_ID_MARKS).any()
    ):
        text = _without_excel_marks(text)
    return text


def _has_any(
    text: pd.Series, starts: tuple[str, ...] = (), ends: tuple[str, ...] = (), inside: tuple[str, ...] = ()
) -> bool:
    """Whether some cell starts, ends with or holds one of the strings (plain searches, several
    times faster than a regular expression on a million cells)."""
    arr = arrow(text)
    checks = [pc.starts_with(arr, s) for s in starts] + [pc.ends_with(arr, e) for e in ends]
    checks += [pc.match_substring(arr, i) for i in inside]
    return any(pc.any(check).as_py() for check in checks)


# What Excel does to an id: its text prefix written out ("'7263549128", Shopify's exports), a
# whole number shown in scientific notation ("1.7850E+04") or with thousands spaces ("17 850").
_EXCEL_ID_MARKS = r"^'|^\d[.,]\d+[eE]\+?\d{1,2}$|^\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+$"


def _without_excel_marks(text: pd.Series) -> pd.Series:
    """Ids without Excel's marks (see :data:`_EXCEL_ID_MARKS`). Scientific notation is turned back
    into the integer only when its mantissa spells every digit (1.7850E+04 is 17850; 1.23457E+11
    is a rounded longer id, whose digits are lost: it is left as written)."""
    text = rx_replace(text, r"^'+", "")
    spaced = r"[ \x{a0}\x{202f}]"
    text = rx_replace(
        text, rf"^(\d{{1,3}}){spaced}(\d{{3}})(?:{spaced}(\d{{3}}))?(?:{spaced}(\d{{3}}))?$", r"\1\2\3\4"
    )
    found = pc.extract_regex(arrow(text), r"^(?P<i>\d)[.,](?P<f>\d+)[eE]\+?(?P<e>\d{1,2})$")
    if found.null_count == len(found):
        return text
    exponent = pc.cast(pc.if_else(found.is_valid(), pc.struct_field(found, [2]), "99"), pa.int64())
    spelled = pc.greater_equal(pc.utf8_length(pc.struct_field(found, [1])), exponent)
    exact = pc.fill_null(pc.and_(spelled, pc.less(exponent, 16)), False)
    if not pc.any(exact).as_py():
        return text
    numbers = pc.cast(pc.replace_substring(pc.if_else(exact, arrow(text), "0"), ",", "."), pa.float64())
    exact = pc.and_(exact, pc.equal(pc.floor(numbers), numbers))  # 1.78505E+04 is no whole id
    whole = pc.cast(pc.cast(pc.floor(numbers), pa.int64()), pa.large_string())
    return from_arrow(pc.if_else(exact, whole, arrow(text)), text.index)


_EMAIL_RE = r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]{2,}$"


def normalize_emails(series: pd.Series, encoded: Encoded | None = None) -> pd.Series:
    """Emails lower-cased and trimmed; not an email (no @, spaces...) becomes NA (``encoded``: see
    :func:`distinct_values`)."""
    distinct = distinct_values(series, encoded)
    if distinct is not None:
        positions, uniques = distinct
        return spread(normalize_emails(uniques), positions, series.index, None)
    text = as_text(series).str.lower()
    if _has_any(text, starts=("'", "<", "mailto:"), ends=(">", ".")):
        # "Paul <paul@free.fr>", "mailto:paul@free.fr", "paul@free.fr." (a sentence's full stop),
        # "'paul@free.fr" (Excel's text prefix): the address alone.
        text = rx_replace(text, r"^.*<([^<>]+)>.*$", r"\1")
        text = rx_replace(text, r"^'+|^mailto:|\.+$", "")
    return text.where(rx(text, _EMAIL_RE), None)


def normalize_phones(
    series: pd.Series, default_country: str = "33", encoded: Encoded | None = None
) -> pd.Series:
    """Phone numbers in one canonical form: ``+`` and digits (``06 12..`` -> ``+33612..``).

    A 10-digit national number starting with 0 is taken as French (``default_country``), and so is
    a 9-digit one whose 0 Excel dropped (612345678), or 33612345678 whose "+" it dropped; other
    numbers without an international prefix keep their digits. Fewer than 6 digits is not a phone.
    ``encoded``: see :func:`distinct_values`.
    """
    distinct = distinct_values(series, encoded)
    if distinct is not None:
        positions, uniques = distinct
        return spread(normalize_phones(uniques, default_country), positions, series.index, None)
    text = as_text(series)
    if _has_any(text, starts=("'",)):
        text = rx_replace(text, r"^'+", "")  # Excel's text prefix ("'+33612345678", Shopify)
    if _has_any(text, ends=(".0",)):
        text = rx_replace(text, r"^(\+?\d+)\.0$", r"\1")  # a number that went through a float
    plus = text.str.strip().str.startswith("+") | text.str.strip().str.startswith("00")
    digits = text.str.replace(r"\D", "", regex=True)
    digits = digits.where(~text.str.strip().str.startswith("00", na=False), digits.str.slice(2))
    national = ~plus.fillna(False) & digits.str.fullmatch(r"0\d{9}").fillna(False)
    lengths = pc.utf8_length(arrow(digits))
    if default_country == "33" and pc.any(pc.equal(lengths, 9)).as_py():
        # A French number typed in a cell formatted as a number: Excel drops its 0 (612345678).
        dropped = ~plus.fillna(False) & digits.str.fullmatch(r"[1-9]\d{8}").fillna(False)
        national |= dropped
        digits = digits.where(~dropped, "0" + digits)
    if pc.any(pc.equal(lengths, len(default_country) + 9)).as_py():
        # "+33612345678" typed the same way loses its "+" (33612345678).
        plus |= digits.str.fullmatch(default_country + r"[1-9]\d{8}").fillna(False) & ~national
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


def naive_ns(values: pd.Series) -> pd.Series:
    """Timezone-naive datetime64[ns] (local time as written; a time zone is dropped, not converted)."""
    values = pd.Series(values)
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        values = pd.to_datetime(values, errors="coerce")
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            values = values.dt.tz_localize(None)
    if values.dtype != "datetime64[ns]":
        # Dates nanoseconds cannot hold (9999-12-31, an "until further notice" placeholder; the
        # year 1500) are not a sale's date: unreadable, like any other impossible date.
        values = values.where((values >= _FIRST_NS) & (values <= _LAST_NS))
    return values.astype("datetime64[ns]")


_FIRST_NS, _LAST_NS = pd.Timestamp.min.ceil("s"), pd.Timestamp.max.floor("s")
