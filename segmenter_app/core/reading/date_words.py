"""Dates and times written with words: month names in the languages shops export in, and the words
between a date and its time ("à", "um", "at", "kl.") or after it ("Uhr", "hs."). Used by
:mod:`dates`, which reads every other form."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core.reading.values import STR, arrow, rx_replace
from segmenter_app.core.reading.values import naive_ns as _as_ns

# The words of shops' languages for "at" (French, Portuguese, Spanish, German, English, Dutch,
# Italian, Scandinavian "kl.", Finnish "klo"): "12/03/2024 às 14:05", "12-03-2024 om 14:05".
TIME_WORDS = r"à|às|a|as|a las|um|at|om|alle|ore|kl\.?|klo"
# The word after the time: German "Uhr", Latin America's "hs." ("14:05 hs.").
HOURS_WORD = r"(?:\s*(?i:uhr|hs?)\.?)?"

# Month names of the languages shops export in (French and English, and the German, Spanish,
# Italian, Dutch and Portuguese of neighbouring countries' tills; Scandinavian "maj" and "augusti",
# Polish and Czech names in the form dates use, "12 marca 2024", "12. března 2024"), without
# accents. An abbreviation is any start of at least three letters that belongs to one month only
# ("sept", "dez", "juil", "mar" is March in every one of them; "jui" is June or July in French
# and is not read).
# fmt: off
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("janvier", "january", "januar", "janner", "enero", "gennaio", "januari", "janeiro", "styczen", "stycznia", "leden", "ledna"),
    2: ("fevrier", "february", "februar", "febrero", "febbraio", "februari", "fevereiro", "luty", "lutego", "unor", "unora"),
    3: ("mars", "march", "marz", "marzo", "maart", "marco", "mrt", "marzec", "marca", "brezen", "brezna"),
    4: ("avril", "april", "abril", "aprile", "kwiecien", "kwietnia", "duben", "dubna"),
    5: ("mai", "may", "mayo", "maggio", "mei", "maio", "maj", "maja", "kveten", "kvetna"),
    6: ("juin", "june", "juni", "junio", "giugno", "junho", "czerwiec", "czerwca", "cerven", "cervna"),
    7: ("juillet", "july", "juli", "julio", "luglio", "julho", "lipiec", "lipca", "cervenec", "cervence"),
    8: ("aout", "august", "agosto", "augustus", "augusti", "sierpien", "sierpnia", "srpen", "srpna"),
    9: ("septembre", "september", "septiembre", "settembre", "setembro", "wrzesien", "wrzesnia", "zari"),
    10: ("octobre", "october", "oktober", "octubre", "ottobre", "outubro", "pazdziernik", "pazdziernika", "rijen", "rijna"),
    11: ("novembre", "november", "noviembre", "novembro", "listopad", "listopada"),
    12: ("decembre", "december", "dezember", "diciembre", "dicembre", "dezembro", "desember", "grudzien", "grudnia", "prosinec", "prosince"),
}
# fmt: on


def _month_lookup() -> dict[str, int]:
    """Every full name and every unambiguous start of three letters or more -> month number."""
    seen: dict[str, set[int]] = {}
    for month, names in _MONTH_NAMES.items():
        for name in names:
            for end in range(3, len(name) + 1):
                seen.setdefault(name[:end], set()).add(month)
    lookup = {word: next(iter(months)) for word, months in seen.items() if len(months) == 1}
    lookup.update({name: month for month, names in _MONTH_NAMES.items() for name in names})
    return lookup


_MONTHS = _month_lookup()
# A time after a date with a month name: "à 14h30", "um 14:05 Uhr", "at 2:05 PM", ", 10:05:13 a.m.".
_NAMED_TIME = (
    rf"(?:\s*(?:{TIME_WORDS}|,)?\s*(?P<h>\d{{1,2}})\s*[:h.]\s*(?P<mi>\d{{2}})(?:[:.](?P<s>\d{{2}}))?"
    rf"(?:\s*(?P<ap>[AaPp]\.?[Mm]\.?))?{HOURS_WORD})?\s*$"
)
# Day, month name, year: "15 janv. 2024", "lundi 3 août 2024 à 14h30", "25. März 2026",
# "3 de marzo de 2026", "01-ene-2026", "12-Jan-24", "23 Nov 2026 10:05". Written for both Python's
# re and RE2.
_MONTH_NAME_RE = (
    r"^\s*(?:[^\s\d]+,?\s+)?(?P<d>\d{1,2})(?:er|\.|º|°)?[\s/-]*(?:de\s+)?(?P<mon>[^\s\d.,/-]+)\.?[\s/,-]*"
    r"(?:de\s+)?(?P<y>\d{4}|\d{2})" + _NAMED_TIME
)
# Month name, day, year, the American way: "Mar 12, 2024", "Tuesday, March 12th, 2024",
# "Mar 1, 2024 10:05:13 AM" (Amazon's and PayPal's reports; the time zone after it is dropped first).
_MONTH_FIRST_RE = (
    r"^\s*(?:[^\s\d]+,?\s+)?(?P<mon>[^\s\d.,/-]+)\.?[\s/-]+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[\s/-]+"
    r"(?P<y>\d{4}|\d{2})" + _NAMED_TIME
)


def month_name_dates(text: pd.Series) -> pd.Series:
    """Dates written with a month name in a shop's language, day first ("15 janv. 2024") or month
    first ("Mar 12, 2024"), read by Arrow's RE2 on the whole column (pandas' guessing, which this
    replaces for them, took a minute for a million different dates and stops at 50,000)."""
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    # RE2's \s is ASCII only: the no-break spaces of typeset dates ("12\u00a0mars") become spaces.
    text = rx_replace(text, "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ")
    for pattern in (_MONTH_NAME_RE, _MONTH_FIRST_RE):
        rest = text.where(out.isna())
        found = pc.extract_regex(arrow(rest), "(?i)" + pattern)
        if isinstance(found, pa.ChunkedArray):
            found = found.combine_chunks()
        matched = np.asarray(found.is_valid())
        if not matched.any():
            continue
        found = found.filter(pa.array(matched))
        parts = {
            field.name: pd.Series(pc.struct_field(found, [i]), dtype=STR).to_numpy(dtype=object)
            for i, field in enumerate(found.type)
        }
        # The month of each distinct name (a dozen per column), not of each cell.
        codes, names = pd.factorize(parts["mon"])
        months = np.array([_month_number(n) for n in names], dtype="float64")[codes]
        known = ~np.isnan(months)
        if not known.any():
            continue
        index = text.index[matched][known]
        parts = {name: values[known] for name, values in parts.items()}
        year = _whole(parts["y"])
        year = np.where(year >= 100, year, year + np.where(year < 70, 2000, 1900))
        hour = _whole(parts["h"])
        ampm = pd.Series(parts["ap"], dtype=STR).str.replace(".", "", regex=False).str.lower().to_numpy()
        hour = np.where((ampm == "pm") & (hour < 12), hour + 12, hour)
        hour = np.where((ampm == "am") & (hour == 12), 0, hour)
        frame = pd.DataFrame(
            {
                "year": year,
                "month": months[known].astype("int64"),
                "day": _whole(parts["d"]),
                "hour": hour,
                "minute": _whole(parts["mi"]),
                "second": _whole(parts["s"]),
            },
            index=index,
        )
        out.loc[index] = _as_ns(pd.to_datetime(frame, errors="coerce")).to_numpy()
    return out


def _whole(values: np.ndarray) -> np.ndarray:
    """Digits extracted by Arrow as integers, an optional part left out ("") as 0."""
    return pd.Series(np.where(values == "", "0", values), dtype=STR).astype("int64").to_numpy()


def _month_number(name: str) -> float:
    """The month a name or abbreviation means ("janv", "März", "Mar"), NaN when none or two."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    return float(_MONTHS.get(plain, np.nan))
