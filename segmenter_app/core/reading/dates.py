"""Reading dates as the user meant them, a whole column at once.

ISO (with or without time), day/month/year and month/day/year with ``/ . -`` separators, two- or
four-digit years, optional times (with AM/PM, a point or an "h" between hours and minutes, and
"à", "um", "at", "om", "às", "alle", "kl." before them), compact yyyymmdd (``19970112``), Excel
serial numbers (with their time as a fraction, decimal point or comma), Unix timestamps (seconds
or milliseconds since 1970, from 2000 to 2100, read in UTC: web shops' databases and APIs store
them), a weekday in front ("Di 05.03.2024", "mar. 05/03/2024"), dates with a month name in
French, English, German, Spanish, Italian, Dutch, Portuguese, Scandinavian, Polish or Czech, day
first ("25. März 2026", "12 marca 2024") or month first ("Mar 1, 2024 10:05 PM"), and the
year-month-day of Japanese, Chinese and Korean tools (2024年3月12日). Like every reader of
``values.py``, it returns the dates with the mask of the cells that were not empty and could not
be read. The day/month order is decided over the whole column: a value with a first number above
12 proves day-first, a second number above 12 proves month-first. When no value tells, the order
is *ambiguous*: the caller's ``date_order`` applies ("dmy" by default, the European convention of
the shops this app is for), and the caller records the ambiguity so the GUI can ask and the
command line can warn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core.reading.date_words import HOURS_WORD as _HOURS_WORD
from segmenter_app.core.reading.date_words import TIME_WORDS as _TIME_WORDS
from segmenter_app.core.reading.date_words import month_name_dates as _month_name_dates
from segmenter_app.core.reading.values import (
    STR,
    Encoded,
    arrow,
    as_text,
    distinct_values,
    rx,
    rx_replace,
    spread,
)
from segmenter_app.core.reading.values import naive_ns as _as_ns

DATE_ORDERS = ("auto", "dmy", "mdy", "ymd")
DEFAULT_DATE_ORDER = "dmy"  # used when a column cannot tell; documented in the README and --help
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


@dataclass
class DateResult:
    """Parsed dates, the unreadable mask, and how the column was decided."""

    values: pd.Series  # datetime64[ns], NaT when empty or unreadable
    unreadable: pd.Series  # bool: not empty and not a date
    order: str  # "iso", "dmy", "mdy", "ymd" (compact 19970112), "serial", "native" (already dates), ""
    ambiguous: bool  # day/month order could not be decided from the values


# Zone names spelled out by name, so "PM" is never taken for one.
_ZONES = (
    "UTC|GMT|Z|CET|CEST|EET|EEST|WET|WEST|BST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|JST|MSK"
    "|MEZ|MESZ"  # German names of CET and CEST
    "|[A-Z][A-Za-z]+/[A-Za-z_]+"  # a zone by its place: Europe/Paris
)
_ZONE_AFTER_TIME = (
    r"(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)\s*"
    rf"(?:(?:{_ZONES})(?:\s*[+-]\d{{1,2}}(?::?\d{{2}})?)?|[+-]\d{{2}}:?\d{{2}})\s*$"
)
# Year first with "/", "." or spaces between the parts (2024/03/12, 2024.03.12, "2024. 03. 12.",
# "2024 03 12").
_YEAR_FIRST = r"^\s*(\d{4})\s*[/. ]\s*(\d{1,2})\s*[/. ]\s*(\d{1,2})\.?"
_COMPACT_TIME = r"^\s*((?:1[89]|2\d)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[T ]\s*(\d{2}):?(\d{2})"
_CJK_DATE = r"^\s*(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
_COMPACT_RE = r"^\s*(?:1[89]|2\d)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*$"
# Between the date and the time: spaces, T or a comma, or a word ("05/03/2024 à 10:30", "um", "at";
# the words are in date_words.py).
_DATE_TIME_GAP = rf"(?:[ T,]+|\s*(?:{_TIME_WORDS}|@|-|–)\s*)"
# A point may be followed by a space (Czech and Slovak "12. 3. 2024") and the year by a point
# (Croatian, Serbian, Hungarian "12.3.2024.").
_DMY_RE = (
    r"^\s*(\d{1,2})(?:[/\-]|\.\s?)(\d{1,2})(?:[/\-]|\.\s?)(\d{4}|\d{2})\.?"
    rf"(?:{_DATE_TIME_GAP}(\d{{1,2}})[:h.](\d{{2}})(?:[:.](\d{{2}})(?:\.\d+)?)?\s*([AaPp][Mm])?{_HOURS_WORD})?\s*$"
)


# The same expression with named groups, for Arrow's RE2 (see _extract_dmy).
_DMY_NAMED = (
    r"^\s*(?P<d1>\d{1,2})(?:[/\-]|\.\s?)(?P<d2>\d{1,2})(?:[/\-]|\.\s?)(?P<y>\d{4}|\d{2})\.?"
    rf"(?:{_DATE_TIME_GAP}(?P<h>\d{{1,2}})[:h.](?P<mi>\d{{2}})(?:[:.](?P<s>\d{{2}})(?:\.\d+)?)?\s*"
    rf"(?P<ap>[AaPp][Mm])?{_HOURS_WORD})?\s*$"
)


def _extract_dmy(rest: pd.Series) -> pd.DataFrame:
    """The parts of day/month/year dates (columns 0 to 6 as ``str.extract(_DMY_RE)`` gives them,
    NaN where a cell does not match or a part is absent).

    Arrow's RE2 does it: pandas ran Python's re on every cell, four seconds for a million dates
    with their times (nearly all different, so not read once per distinct value). RE2's \\s and
    \\d know ASCII only, so a cell it does not match goes through Python's re, which keeps every
    answer as it was (what RE2 matches, Python matches alike)."""
    found = pc.extract_regex(arrow(rest), _DMY_NAMED)
    if isinstance(found, pa.ChunkedArray):
        found = found.combine_chunks()
    columns = {}
    for i in range(found.type.num_fields):
        field = pc.struct_field(found, [i])
        # An optional part that took no part in the match is "" in Arrow, NaN in pandas.
        field = pc.if_else(pc.equal(field, ""), pa.scalar(None, pa.string()), field)
        columns[i] = pd.Series(field, dtype=STR, index=rest.index)
    parts = pd.DataFrame(columns, index=rest.index)
    missed = rest.notna().to_numpy() & ~np.asarray(found.is_valid())
    if missed.any():
        # Only a cell with other than ASCII, or a space RE2 does not know, can read differently (the
        # others are month names...: a million of them took a second here).
        ascii_only = np.asarray(pc.fill_null(pc.string_is_ascii(arrow(rest)), True))
        missed &= ~ascii_only | rx(rest, "[\\x0b\\x1c-\\x1f]")
    if missed.any():
        parts.loc[missed] = rest[missed].str.extract(_DMY_RE).to_numpy()
    return parts


def _ints(part: pd.Series) -> pd.Series:
    """Digits as integers, cast by Arrow (pandas goes through a Python object per cell); digits of
    other scripts (١٢), which only Python reads, the pandas way."""
    try:
        cast = pc.cast(arrow(part), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return part.astype("int64")
    return pd.Series(np.asarray(cast), index=part.index, dtype="int64")


def parse_dates(series: pd.Series, order: str = "auto", encoded: Encoded | None = None) -> DateResult:
    """Read a column of dates; ``order`` is "auto", "dmy", "mdy" or "ymd" (see the module docstring;
    ``encoded``: see :func:`values.distinct_values`)."""
    if order not in DATE_ORDERS:
        order = "auto"
    index = series.index
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        values = _as_ns(pd.Series(series, index=index))
        return DateResult(values, pd.Series(False, index=index), "native", False)
    if pd.api.types.is_numeric_dtype(series.dtype):
        numbers = series.astype("float64")
        compact = numbers.dropna()
        if len(compact) and ((compact >= 1800_01_01) & (compact <= 2999_12_31) & (compact % 1 == 0)).all():
            # 19970112 stored as a number (a yyyymmdd column in a workbook): read as text.
            return parse_dates(as_text(series), order)
        if len(compact) and _unix_range(compact).all():
            values = _from_unix(numbers)
            return DateResult(values, values.isna() & series.notna(), "unix", False)
        values = _from_serial(numbers)
        return DateResult(values, values.isna() & series.notna(), "serial", False)
    distinct = distinct_values(series, encoded)
    if distinct is not None:
        positions, uniques = distinct
        # The day/month order is decided over the distinct values: a date written on many lines
        # (one per product of an order) is one piece of evidence, not many.
        each = parse_dates(uniques, order)
        return DateResult(
            spread(
                each.values.to_numpy(dtype="datetime64[ns]"), positions, index, np.datetime64("NaT", "ns")
            ),
            spread(each.unreadable.to_numpy(), positions, index, False).astype(bool),
            each.order,
            each.ambiguous,
        )
    text = as_text(series)
    empty = text.isna()
    if empty.all():
        return DateResult(pd.Series(pd.NaT, index=index, dtype="datetime64[ns]"), ~empty, "", False)
    result = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    todo = ~empty
    used = ""
    ambiguous = False
    # ISO first: unambiguous and the format machine exports use. Arrow's strptime on the whole
    # column; the regex test is only needed when some cells did not parse.
    quick = _strptime_iso(text)
    if quick is not None and not (quick.isna() & ~empty).any():
        return DateResult(quick, pd.Series(False, index=index), "iso", False)
    if rx(text, _ZONE_AFTER_TIME).any():
        # A time zone after the time ("10:00:00 CET", "3:05 PM EST", "10:00 +01:00"): dropped, the
        # shop's local time as written is what the user means (as for ISO dates below).
        text = rx_replace(text, _ZONE_AFTER_TIME, r"\1")
    if rx(text, _WEEKDAY_BEFORE_DIGITS).any():
        # "Di 05.03.2024", "mar. 05/03/2024 10:30", "Mon, 18/03/2024": the weekday says nothing more.
        text = rx_replace(text, _WEEKDAY_BEFORE_DIGITS, r"\1")
    # One pass over the column for the year-first forms below (the usual dd/mm/yyyy pays no more).
    if rx(text, r"^\s*\d{4}(?:\s*[/. 年년]|\d{4}[T ]\d)").any():
        if rx(text, _CJK_DATE).any():
            # 2024年3月12日 (Japanese and Chinese tools), 2024년 3월 12일 (Korean): year, month, day.
            text = rx_replace(text, _CJK_DATE, r"\1-\2-\3")
        if rx(text, _YEAR_FIRST).any():
            # 2024/01/15, 2024.01.15 and Hungary's "2024. 01. 15.": year first is always
            # year-month-day; read as ISO (pandas' day-first guess turned 2024/02/03 into 2 March).
            text = rx_replace(text, _YEAR_FIRST, r"\1-\2-\3")
        if rx(text, _COMPACT_TIME).any():
            # 20240312T140500 and "20240312 14:05" (ISO's basic form): pandas read them day first.
            text = rx_replace(text, _COMPACT_TIME + r":?(\d{2})", r"\1-\2-\3 \4:\5:\6")
            text = rx_replace(text, _COMPACT_TIME, r"\1-\2-\3 \4:\5")
    iso_like = pd.Series(rx(text, r"^\d{4}-\d{1,2}-\d{1,2}"), index=index)
    if iso_like.any():
        parsed = _parse_iso(text, iso_like)
        todo = todo & ~iso_like
        if not todo.any():  # the usual case: an all-ISO column
            return DateResult(parsed, parsed.isna() & ~empty, "iso", False)
        result = result.where(~iso_like, parsed)
        used = "iso"
    if todo.any():
        # Compact yyyymmdd (19970112, CDNOW and many database exports): only real calendar dates,
        # read strictly (Arrow's %Y%m%d would roll 19970230 over to March).
        compact = pd.Series(rx(text.where(todo), _COMPACT_RE), index=index)
        if compact.any():
            parsed = _as_ns(pd.to_datetime(text.where(compact), format="%Y%m%d", errors="coerce"))
            result = result.where(~compact, parsed)
            todo = todo & ~compact
            used = used or "ymd"
    if todo.any():
        rest = text.where(todo)
        parts = _extract_dmy(rest)
        found = parts[0].notna()
        if found.any():
            first = _ints(parts.loc[found, 0])
            second = _ints(parts.loc[found, 1])
            day_first_votes = int(((first > 12) & (second <= 12)).sum())
            month_first_votes = int(((second > 12) & (first <= 12)).sum())
            if order in ("dmy", "mdy"):
                chosen = order
            elif day_first_votes >= month_first_votes and day_first_votes > 0:
                chosen = "dmy"
            elif month_first_votes > 0:
                chosen = "mdy"
            else:
                chosen = DEFAULT_DATE_ORDER
                ambiguous = True
            day, month = (first, second) if chosen == "dmy" else (second, first)
            year = _ints(parts.loc[found, 2])
            year = year.where(year >= 100, year + np.where(year < 70, 2000, 1900))
            hour = _ints(parts.loc[found, 3].fillna("0"))
            minute = _ints(parts.loc[found, 4].fillna("0"))
            sec = _ints(parts.loc[found, 5].fillna("0"))
            ampm = parts.loc[found, 6].fillna("").str.lower()
            hour = hour.where(~((ampm == "pm") & (hour < 12)), hour + 12)
            hour = hour.where(~((ampm == "am") & (hour == 12)), 0)
            frame = pd.DataFrame(
                {"year": year, "month": month, "day": day, "hour": hour, "minute": minute, "second": sec}
            )
            parsed = _as_ns(pd.to_datetime(frame, errors="coerce"))
            result.loc[parsed.index] = parsed
            todo = todo & ~found
            used = used or chosen
            if used == "iso":
                used = chosen
        # Excel serial dates written as numbers (a date column exported without its format).
        if todo.any():
            # A serial with its time as a fraction, written with a decimal comma ("46025,378472").
            nums = pd.to_numeric(rx_replace(text.where(todo), r"^(\d{5}),(\d+)$", r"\1.\2"), errors="coerce")
            serial = nums.notna() & (nums > 59) & (nums < 110_000)
            if serial.any():
                result = result.where(~serial, _from_serial(nums.where(serial)))
                used = used or "serial"
            todo = todo & ~serial
            # Unix timestamps, in seconds or milliseconds (whole numbers only).
            unix = todo & nums.notna() & _unix_range(nums)
            if unix.any():
                result = result.where(~unix, _from_unix(nums.where(unix)))
                used = used or "unix"
            todo = todo & ~unix
        # Month names ("15 janv. 2024", "3 août 2024 à 14:30", "25. März 2026"): written as numbers.
        if todo.any():
            named = _month_name_dates(text.where(todo))
            found = named.notna()
            result = result.where(~found, named)
            todo = todo & ~found
        # Anything else (English month names...): let pandas try, one value at a time.
        if todo.any() and todo.sum() <= 50_000:
            dayfirst = (used or DEFAULT_DATE_ORDER) != "mdy"
            try:
                leftover = pd.to_datetime(
                    text.where(todo), format="mixed", dayfirst=dayfirst, errors="coerce"
                )
                result = result.where(~todo, _as_ns(leftover))
            except (ValueError, TypeError):
                pass
    unreadable = result.isna() & ~empty
    return DateResult(result, unreadable, used or "iso", ambiguous)


_ISO_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


def _strptime_iso(text: pd.Series) -> pd.Series | None:
    """The column parsed with the first ISO layout that reads its first filled cell, or None."""
    arr = arrow(text)
    first = text.dropna().head(1)
    if first.empty:
        return None
    sample = pa.array([str(first.iloc[0])])
    for fmt in _ISO_FORMATS:
        if pc.strptime(sample, format=fmt, unit="ns", error_is_null=True).null_count == 0:
            parsed = pc.strptime(arr, format=fmt, unit="ns", error_is_null=True)
            values = parsed.to_numpy(zero_copy_only=False)
            return pd.Series(values, index=text.index).astype("datetime64[ns]")
    return None


def _parse_iso(text: pd.Series, iso_like: pd.Series) -> pd.Series:
    """ISO dates: Arrow's strptime for the usual layouts (10x faster), pandas for the rest."""
    arr = arrow(text)
    result = None
    for fmt in _ISO_FORMATS:
        parsed = pc.strptime(arr, format=fmt, unit="ns", error_is_null=True)
        result = parsed if result is None else pc.coalesce(result, parsed)
        if (
            result.null_count == 0
            or (result.is_null().to_numpy(zero_copy_only=False) <= ~iso_like.to_numpy()).all()
        ):
            break
    values = pd.Series(result.to_numpy(zero_copy_only=False), index=text.index).astype("datetime64[ns]")
    missing = values.isna() & iso_like
    if missing.any():
        # Fractions of seconds, time zones...: pandas reads every ISO 8601 variant.
        # The time zone suffix is dropped: the shop's local time as written is what the user means.
        rest_text = rx_replace(text.where(missing), r"\s*(?:Z|UTC|[+-]\d{2}:?\d{2})$", "")
        try:
            rest = pd.to_datetime(rest_text, format="ISO8601", errors="coerce")
        except (ValueError, TypeError):
            rest = pd.to_datetime(rest_text, format="mixed", errors="coerce")
        values = values.where(~missing, _as_ns(rest))
    return values


# Unix timestamps from 2000-01-01 to 2100-01-01, in seconds and in milliseconds: ten and thirteen
# digits, far from Excel serials (five digits) and yyyymmdd (eight).
_UNIX_SECONDS = (946_684_800, 4_102_444_800)
_UNIX_MS = (_UNIX_SECONDS[0] * 1000, _UNIX_SECONDS[1] * 1000)
# A weekday word (with its dot or comma) before a numeric date; group 1 is the date onwards.
_WEEKDAY_BEFORE_DIGITS = r"^\s*[^\s\d,.]{2,12}\.?,?\s+(\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4})"


def _unix_range(numbers: pd.Series) -> pd.Series:
    """Whole numbers that are Unix timestamps of this century, in seconds or milliseconds."""
    whole = numbers % 1 == 0
    seconds = (numbers >= _UNIX_SECONDS[0]) & (numbers < _UNIX_SECONDS[1])
    millis = (numbers >= _UNIX_MS[0]) & (numbers < _UNIX_MS[1])
    return whole & (seconds | millis)


def _from_unix(numbers: pd.Series) -> pd.Series:
    """Unix timestamps (seconds or milliseconds, see :func:`_unix_range`) as UTC date-times, the
    way an ISO date ending in Z is read (the time as written, no time zone)."""
    ok = numbers.notna() & _unix_range(numbers)
    seconds = numbers.where(numbers < _UNIX_SECONDS[1], numbers / 1000).where(ok)
    stamps = pd.to_datetime(seconds, unit="s", errors="coerce").dt.round("ms")
    return _as_ns(stamps).where(ok)


def _from_serial(numbers: pd.Series) -> pd.Series:
    """Excel serial day numbers (1900 date system) to datetimes; out-of-range values are NaT."""
    ok = numbers.notna() & (numbers > 0) & (numbers < 110_000)
    days = numbers.where(ok)
    # The fraction is the time of day, kept to the second (46025.378472 is 09:05:00, not 09:04:59.98).
    stamps = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).dt.round("s")
    return stamps.astype("datetime64[ns]").where(ok)
