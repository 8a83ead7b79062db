"""Reading numbers as the user meant them, a whole column at once (vectorized, fast on a million
rows), with a mask of the cells that were not empty but could not be read, so the caller counts them
instead of silently turning them into zero.

Understood: spaces, non-breaking and narrow non-breaking spaces or apostrophes (1'234.50,
1’234.50) as thousands separators, India's lakh grouping (1,23,456.78), comma or point decimals
(decided over the column when a value alone cannot tell; a separator repeated between groups is a
thousands separator, and "$1,250" alone is read in dollars' decimal point), currency signs, codes
and local marks, percentages (``15 %`` is 0.15), negatives in parentheses, with a trailing minus or
a typographic minus sign (−12,50).

A column whose values alone cannot tell ("1.234", "2.500", "850": no comma anywhere, every point
followed by groups of exactly three digits) is read with a decimal point, unless the *file* shows
the comma-decimal convention of Germany, Austria, Switzerland's neighbours and the rest of
continental Europe (:class:`FileDecimal`): another column writes decimals with a comma ("617,00")
and none with a point, or, when no column writes decimals at all, a column holds dd.mm.yyyy dates.
Then the point is a thousands separator ("1.234" is 1234), and the result says so
(``decimal_source == "file"``) so the user is warned. An English file with prices such as 1.234
(ISO or slashed dates, decimals written with a point elsewhere) keeps its decimal point. The other
way round, "1,234" and "2,500" alone (read with a decimal comma by default, the French way) are
thousands when the file's other columns write decimals with a point and none with a comma, or
when a column holds dates that can only be month first (04/15/2024, the United States). A value
starting with a zero group ("0.850") is never read as thousands. When neither the column nor the
file tells, the default reading is kept and said (``decimal_source == "guess"``, see
:func:`decimal_note`), never silently. Full-width digits (１,２３４) are read as plain ones, and
a quantity's unit after it ("2 Stk.", "3 pcs", "1,5 kg") is dropped.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core.i18n import Messages
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

T = Messages(
    {
        "thousands_point": (
            "Column {column}: values like {example} were read as {reading} (a point between thousands), "
            "because the file's other columns write {evidence}. If they are decimals, export the file "
            "with a decimal comma in this column too, or with a decimal point in every column.",
            "Colonne {column} : les valeurs comme {example} ont été lues {reading} (un point entre les "
            "milliers), car les autres colonnes du fichier écrivent {evidence}. Si ce sont des décimales, "
            "exportez le fichier avec une virgule décimale dans cette colonne aussi, ou avec un point "
            "décimal dans toutes les colonnes.",
        ),
        "thousands_comma": (
            "Column {column}: values like {example} were read as {reading} (a comma between thousands), "
            "because the file's other columns write {evidence}. If they are decimals, export the file "
            "with a decimal point in this column too, or with a decimal comma in every column.",
            "Colonne {column} : les valeurs comme {example} ont été lues {reading} (une virgule entre les "
            "milliers), car les autres colonnes du fichier écrivent {evidence}. Si ce sont des décimales, "
            "exportez le fichier avec un point décimal dans cette colonne aussi, ou avec une virgule "
            "décimale dans toutes les colonnes.",
        ),
        "unknown_point": (
            "Column {column}: values like {example} were read with a decimal point, not as {thousands}: "
            "nothing in the file tells whether the point separates decimals or thousands. If {example} "
            "means {thousands}, export the file with a decimal comma (1.234,00) or without thousands "
            "separators.",
            "Colonne {column} : les valeurs comme {example} ont été lues avec un point décimal, pas comme "
            "{thousands} : rien dans le fichier ne dit si le point sépare les décimales ou les milliers. "
            "Si {example} signifie {thousands}, exportez le fichier avec une virgule décimale (1.234,00) "
            "ou sans séparateur de milliers.",
        ),
        "unknown_comma": (
            "Column {column}: values like {example} were read with a decimal comma, not as {thousands}: "
            "nothing in the file tells whether the comma separates decimals or thousands. If {example} "
            "means {thousands}, export the file with a decimal point (1,234.00) or without thousands "
            "separators.",
            "Colonne {column} : les valeurs comme {example} ont été lues avec une virgule décimale, pas "
            "comme {thousands} : rien dans le fichier ne dit si la virgule sépare les décimales ou les "
            "milliers. Si {example} signifie {thousands}, exportez le fichier avec un point décimal "
            "(1,234.00) ou sans séparateur de milliers.",
        ),
        "evidence_comma": ("their decimals with a comma", "leurs décimales avec une virgule"),
        "evidence_point": ("their decimals with a point", "leurs décimales avec un point"),
        "evidence_dates": ("their dates as dd.mm.yyyy", "leurs dates en jj.mm.aaaa"),
        "evidence_dates_mdy": (
            "their dates month first (mm/dd/yyyy)",
            "leurs dates le mois d'abord (mm/jj/aaaa)",
        ),
    }
)

# Thousands separators: spaces of every width, and the apostrophes of Swiss amounts (1'234.50,
# typeset as 1’234.50 by most Swiss software).
# Written out rather than \s: the replacing runs in Arrow (RE2), whose \s is ASCII only, and
# must remove what Python's \s does (every character str.isspace() accepts).
_SPACES = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000'\u2019\u02bc]"
# Currency signs, ISO codes and the local marks written beside amounts (kr, zł, Kč, Ft, Rs., R$).
CURRENCY_MARKS = (
    # A dollar or a yen with its country's letters: R$, US$, CA$, C$, HK$, JP¥, CN¥, and "12,50 $ CA"
    # (Canada in French).
    r"(?i)(?:\b[A-Z]{1,2}[$¥]|\$\s?(?:CA|US|AU|NZ|HK|SG|MX)\b|[€$£¥₣₹₽₺₩₪₫₱₦฿₴]"
    r"|\b(?:EUR|USD|GBP|CHF|CAD|AUD|NZD|JPY|CNY|INR|BRL|SEK|NOK|DKK|PLN|CZK|HUF|RON|MXN|ZAR|TRY)\b"
    r"|\bEuros?\b|\bFF\b|\bF\b$|\bkr\b\.?|\bzł|\bzl\b|\bKč|\bFt\b|\bRs\b\.?|\bS?Fr\b\.?|\blei\b|\bTL\b"
    # The yen, yuan and won written as a word after the amount (1,234円).
    r"|[円元원]"
    # Tax words after a French or Belgian amount: "12,50 € TTC", "10,42 HT", "12,50 TVAC".
    r"|\b(?:TTC|HT|HTVA|TVAC)\b)"
)
# Currencies written with a decimal point: "$1,250" or "¥12,500" alone mean thousands, not decimals;
# and with a decimal comma: "1.250 €" or "R$ 3.000" alone mean thousands too.
_POINT_CURRENCY = r"(?:^|[^R])\$|[£¥₹￥円元원]|\b(?:USD|GBP|JPY|INR|CNY|AUD|NZD|CAD)\b"
_COMMA_CURRENCY = r"€|R\$|(?i)\b(?:EUR|euros?|kr|zł|zl|kč|ft|lei|TL|SEK|NOK|DKK|PLN|CZK|HUF|RON|BRL)\b"


@dataclass
class NumberResult:
    """Parsed numbers, the unreadable mask and the decimal separator decided for the column."""

    values: pd.Series  # float64, NaN when empty or unreadable
    unreadable: pd.Series  # bool: not empty and not a number
    decimal: str  # "." or ","
    percent: bool  # at least one value carried a % sign
    # "file" when the values alone could not tell and the file's other columns decided (see
    # FileDecimal); the first value read that way is ``example``.
    decimal_source: str = "column"  # "guess": neither the values nor the file could tell
    example: str = ""
    evidence: str = ""  # "comma", "dates", "point" or "dates_mdy": what the file showed


# Values with a separator between groups of three digits and nothing else ("1.234", "12.500.000").
_THOUSANDS = {".": r"[1-9]\d{0,2}(?:\.\d{3})+", ",": r"[1-9]\d{0,2}(?:,\d{3})+"}  # not 0.850
_DOTTED_DATE = r"^\s*\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?:\D|$)"
# A date that can only be month first (04/15/2024): the United States' way, with a decimal point.
_MONTH_FIRST_DATE = r"^\s*(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01])/(?:\d{4}|\d{2})(?:\D|$)"


class FileDecimal:
    """The decimal separator a file's columns show, worked out once on first use (from the first
    ``sample`` filled values of each text column, so a million rows cost nothing more).

    ``","`` when some column writes decimals with a comma ("617,00", "1.234,56 €") and none with a
    point; when no column writes decimals either way, ``","`` when a column holds dd.mm.yyyy dates
    (the German, Austrian, Scandinavian and Eastern European way; the Swiss write amounts with a
    point, which then shows in their columns); ``"."`` when some column writes decimals with a
    point ("617.00") and none with a comma; else ``"."`` when a column holds dates that can only be
    month first (04/15/2024, the United States' way); else None (nothing tells)."""

    def __init__(self, frame: pd.DataFrame, sample: int = 500, max_columns: int = 200) -> None:
        self._frame = frame
        self._sample = sample
        self._max_columns = max_columns
        self._lock = threading.Lock()
        self._answer: tuple[str | None, str] | None = None

    def decide(self) -> tuple[str | None, str]:
        """(decimal separator or None, what showed it: "comma", "dates", "point", "dates_mdy" or "")."""
        with self._lock:
            if self._answer is None:
                self._answer = self._compute()
            return self._answer

    def _compute(self) -> tuple[str | None, str]:
        comma_columns = point_columns = 0
        dotted_dates = month_first = False
        text_columns = [c for c in self._frame.columns if isinstance(self._frame[c].dtype, pd.StringDtype)][
            : self._max_columns
        ]
        for column in text_columns:
            # The first rows only: dropna on a million-row column would copy it.
            values = self._frame[column].head(self._sample * 20).dropna().head(self._sample)
            if values.empty:
                continue
            values = values.astype(STR)
            if rx(values, _MONTH_FIRST_DATE).any():
                month_first = True
                continue
            if not rx(values, r"\d[.,]\d").any():
                continue  # no number with a separator: nothing to learn (most text columns)
            if rx(values, _DOTTED_DATE).mean() > 0.5:
                dotted_dates = True
                continue
            cleaned, _, _ = _clean_number_text(values)
            comma = int(cleaned.str.fullmatch(_EVIDENT[","]).sum())
            point = int(cleaned.str.fullmatch(_EVIDENT["."]).sum())
            if comma > point:
                comma_columns += 1
            elif point > comma:
                point_columns += 1
        if comma_columns and not point_columns:
            return ",", "comma"
        if not comma_columns and not point_columns and dotted_dates and not month_first:
            return ",", "dates"
        if point_columns and not comma_columns:
            return ".", "point"
        if not comma_columns and month_first and not dotted_dates:
            return ".", "dates_mdy"
        return None, ""


def decimal_note(column: str, result: NumberResult) -> tuple[Messages, str, dict] | None:
    """The warning to show when a column's decimal separator was decided by the file's other
    columns (see :class:`FileDecimal`) or by nothing at all (``decimal_source == "guess"``: the
    reading kept and the other one are said), else None."""
    if result.decimal_source == "guess":
        # Nothing told: the reading kept is said, with the other one.
        thousands = float(
            _to_float(pd.Series([result.example], dtype=STR), "," if result.decimal == "." else ".").iloc[0]
        )
        return (
            T,
            "unknown_point" if result.decimal == "." else "unknown_comma",
            {"column": column, "example": result.example, "thousands": f"{thousands:.0f}"},
        )
    if result.decimal_source != "file":
        return None
    reading = float(_to_float(pd.Series([result.example], dtype=STR), result.decimal).iloc[0])
    return (
        T,
        "thousands_point" if result.decimal == "," else "thousands_comma",
        {
            "column": column,
            "example": result.example,
            "reading": f"{reading:g}" if reading < 1e15 else str(reading),
            "evidence": (T, f"evidence_{result.evidence}"),
        },
    )


def parse_numbers(
    series: pd.Series,
    decimal: str | None = None,
    encoded: Encoded | None = None,
    context: FileDecimal | None = None,
) -> NumberResult:
    """Read a column of numbers written in any of the usual ways (see the module docstring;
    ``encoded``: see :func:`distinct_values`; ``context``: the file's decimal separator, asked for
    only when the column's own values cannot tell)."""
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
        finite = not (~np.isfinite(cast) & series.notna().to_numpy()).any()
        # "1.234" and "2.500" cast too: when the file writes comma decimals they are thousands.
        grouped = _thousands_only(series, ".") if context is not None and decimal is None else None
        file_decimal = context.decide()[0] if grouped is not None and context is not None else None
        if finite and file_decimal != ",":
            fast = pd.Series(cast, index=series.index, dtype="float64")
            if grouped is not None and file_decimal is None:
                # "1.234" and "2.500" only, and nothing in the file tells: said, not silently guessed.
                return NumberResult(fast, pd.Series(False, index=series.index), ".", False, "guess", grouped)
            return NumberResult(fast, pd.Series(False, index=series.index), ".", False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    distinct = distinct_values(series, encoded)
    if distinct is not None and decimal is None:
        positions, uniques = distinct
        # The decimal separator is decided over the distinct values (each written way counts once).
        each = parse_numbers(uniques, context=context)
        return NumberResult(
            spread(each.values.to_numpy(), positions, series.index, np.nan).astype("float64"),
            spread(each.unreadable.to_numpy(), positions, series.index, False).astype(bool),
            each.decimal,
            each.percent,
            each.decimal_source,
            each.example,
            each.evidence,
        )
    text = as_text(series)
    empty = text.isna()
    cleaned, neg, pct = _clean_number_text(text)
    hint = _currency_decimal(text) if decimal is None else None
    dec = decimal or _decide_decimal(cleaned, hint=hint)
    source, example, evidence = "column", "", ""
    if decimal is None and context is not None:
        # The column cannot tell ("1.234", "2.500" or "1,234", "2,500" only): the file decides.
        # A currency's own separator read as a decimal one ("$12.500", "€1,250") would make every
        # amount one with three decimals, which no shop writes: the file decides these too (Latin
        # America writes "$ 12.500" for twelve thousand five hundred pesos). Read as thousands by
        # the currency ("$1,250", "1.250 €"), there is nothing to decide (no group is left).
        grouped = _thousands_only(cleaned, dec)
        if grouped is not None:
            file_decimal, evidence = context.decide()
            if file_decimal is not None and file_decimal != dec:
                dec, source, example = file_decimal, "file", grouped
            elif file_decimal is None:
                source, example = "guess", grouped  # nothing tells: the warning says so
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
    # Looked for among the unreadable values only, so a column of ordinary amounts pays nothing.
    if unreadable.any() and rx(text[unreadable], _FULL_WIDTH).any():
        # Full-width digits and signs typed with a Japanese, Chinese or Korean input method
        # (１,２３４, ￥500): read as their plain forms.
        plain = pd.Series(pc.utf8_normalize(arrow(text), "NFKC"), index=text.index, dtype=STR)
        return parse_numbers(plain, decimal, context=context)
    if unreadable.any() and (rx(text[unreadable], _UNIT_AFTER) | rx(text[unreadable], _TIMES_BEFORE)).any():
        # Quantities written with their unit ("2 Stk.", "3 pcs", "1 szt.", "2 ks", "1,5 kg", "x2").
        counted = rx_replace(rx_replace(text, _UNIT_AFTER, r"\1"), _TIMES_BEFORE, r"\1")
        return parse_numbers(counted, decimal, context=context)
    return NumberResult(parsed.astype("float64"), unreadable, dec, bool(pct.any()), source, example, evidence)


def _thousands_only(text: pd.Series, mark: str) -> str | None:
    """The first value with ``mark`` when the column has no other separator and every value with
    ``mark`` has groups of exactly three digits after it ("1.234", "-2.500"; "1,234"), else None.
    The first values are tried first: a column of "12.34" answers there, not after a million."""
    other = "," if mark == "." else "."
    pattern = f"^-?{_THOUSANDS[mark]}$"
    for part in (text.head(1000), text):
        arr = arrow(part)
        if pc.any(pc.match_substring(arr, other)).as_py():
            return None
        marked = pc.fill_null(pc.match_substring(arr, mark), False)
        if not pc.any(marked).as_py():
            if len(part) == len(text):
                return None
            continue
        points = pc.filter(arr, marked)
        if not pc.all(pc.match_substring_regex(points, pattern)).as_py():
            return None
        if len(part) == len(text):
            return str(points[0].as_py()).lstrip("-")
    return None


def _clean_number_text(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Strip spaces, currency and signs; return (digits text, negative mask, percent mask)."""
    s = text.fillna("")
    # Replaced by Arrow (RE2): pandas ran these through Python's re one cell at a time, a second
    # for 120,000 amounts that are nearly all different (order totals).
    # The typographic minus (−12,50 from Numbers, LibreOffice or a report tool) and dashes typed for it.
    s = rx_replace(s, "[\u2212\u2012\u2013\u2014\ufe63\uff0d]", "-")
    arr = arrow(s)
    if pc.any(pc.match_substring(arr, "-")).as_py():
        # Whole amounts with a dash for the cents ("25,-", "1.234,–", "CHF 12.–", Swedish "199:-"):
        # not a minus.
        s = rx_replace(s, r"(\d)[.,:]-{1,2}(\s*\D*)$", r"\1\2")
    if pc.any(pc.utf8_is_alpha(pc.utf8_slice_codeunits(arr, 0, 1))).as_py():
        # A gift written in words ("Offert", "Gratuit", "free"): zero, as the till meant it.
        s = rx_replace(s, _FREE, "0")
    s = rx_replace(s, CURRENCY_MARKS, "")
    s = rx_replace(s, _SPACES, "")
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


# A count's or a weight's unit after the number, in the languages of shops' tills; "x" before it.
_UNIT_AFTER = (
    r"(?i)(\d)\s*(?:pcs?|pces?|pieces?|units?|items?|stk|st(?:ü|ue)ck|st|szt|ks|kpl|kom|pz|pzas?|uds?"
    r"|unid(?:ades)?|kg|g|l|ml|cl|x|×)\.?\s*$"  # not "m": "1.5m" is a million in a report
)
_TIMES_BEFORE = r"(?i)^\s*[x×]\s*(\d)"
_FULL_WIDTH = "[\uff01-\uff5e\uffe0-\uffe6]"  # full-width forms and signs (￥ ￡ ￠)
_FREE = r"(?i)^\s*(?:offerte?s?|gratuite?s?|cadeau|free|gratis|kostenlos|umsonst|omaggio)\s*$"

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
    comma_last = int(rx(both, r",[^.,]*$").sum())  # nothing but digits after the last comma
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
    ("R$", "BRL"),  # before "$": the Brazilian real is no dollar
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
