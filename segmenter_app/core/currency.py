"""The shop's currency, one rule for every step (reasons, action plans, measure, workbook).

First what the import read in the amounts ("12,50 €", "£3.20", "¥1,200", "149,00 kr", "R$ 35,90",
"EUR"): the marks and codes the import recognises (``reading.numbers.CURRENCY_MARKS``) are looked
for in the first rows of each input's amount and unit-price columns, once, and remembered in the
input's details (``currency_marks``), so a project opened where its files are gone keeps it.
When the marks leave the currency open ("$", "kr", "¥"), the country most customers live in
decides among the currencies that write it (a Canadian shop's "$" is the Canadian dollar). When
the amounts carry no sign (most till and web-shop exports), the currency of the country most
customers live in: a British shop's plans speak pounds, not euros. When neither tells, callers
fall back to the euro, the currency of the shops this app is first made for.

Amounts are written the currency's way by :func:`format_money`: its decimals (none for the yen
or the won), its symbol before the amount in English ("¥1,200", "R$35.90") unless it is a word
written after it ("149 kr", "35 zł"), always after it in French with a no-break space
("1 200 ¥", "35,90 R$").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis, InputFile
from segmenter_app.core.reading.role_names import normalize_header

DEFAULT_SYMBOL = "€"
SAMPLE_ROWS = 200  # first rows of an input read for the currency marks of its amounts


@dataclass(frozen=True)
class Currency:
    """How amounts of one currency are written."""

    code: str
    symbol: str
    decimals: int = 2  # ISO 4217 minor units
    after: bool = False  # written after the amount in English too ("149 kr")


CURRENCIES = {
    c.code: c
    for c in (
        Currency("EUR", "€"),
        Currency("GBP", "£"),
        Currency("USD", "$"),
        Currency("CAD", "$"),
        Currency("AUD", "$"),
        Currency("NZD", "$"),
        Currency("MXN", "$"),
        Currency("CHF", "CHF"),
        Currency("JPY", "¥", 0),
        Currency("CNY", "CN¥"),
        Currency("KRW", "₩", 0),
        Currency("INR", "₹"),
        Currency("BRL", "R$"),
        Currency("SEK", "kr", after=True),
        Currency("NOK", "kr", after=True),
        Currency("DKK", "kr", after=True),
        Currency("PLN", "zł", after=True),
        Currency("CZK", "Kč", after=True),
        Currency("HUF", "Ft", after=True),
        Currency("RON", "lei", after=True),
        Currency("ZAR", "R"),
        Currency("TRY", "₺"),
        Currency("RUB", "₽", after=True),
        Currency("ILS", "₪"),
        Currency("VND", "₫", 0, after=True),
        Currency("PHP", "₱"),
        Currency("NGN", "₦"),
        Currency("THB", "฿"),
        Currency("UAH", "₴", after=True),
    )
}
SYMBOLS = {code: c.symbol for code, c in CURRENCIES.items()}

# Roughly how many units of a currency one euro is worth (late 2025, rounded). Used for one thing
# only: the default costs per contact (actions/budget.py) are set in euros, and "0.05" per email
# means nothing in yen. Currencies within a factor of 3 of the euro keep the euro's round figures.
_PER_EURO = {
    "JPY": 170,
    "CNY": 8.3,
    "KRW": 1600,
    "INR": 100,
    "BRL": 6.3,
    "SEK": 11,
    "NOK": 11.8,
    "DKK": 7.5,
    "PLN": 4.25,
    "CZK": 24.5,
    "HUF": 390,
    "RON": 5.1,
    "ZAR": 20,
    "TRY": 48,
    "RUB": 95,
    "ILS": 3.8,
    "VND": 30_000,
    "PHP": 66,
    "NGN": 1700,
    "THB": 37,
    "UAH": 48,
    "MXN": 21,
}
# A symbol several currencies write is read as the first of them here (a yen sign as yen).
_BY_SYMBOL: dict[str, Currency] = {}
for _c in CURRENCIES.values():
    _BY_SYMBOL.setdefault(_c.symbol, _c)

# What CURRENCY_MARKS finds in an amount, upper-cased and without a final dot -> currency.
_MARKS = {
    "€": "EUR",
    "EURO": "EUR",
    "EUROS": "EUR",
    "$": "USD",
    "R$": "BRL",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "RS": "INR",
    "₽": "RUB",
    "₺": "TRY",
    "₩": "KRW",
    "₪": "ILS",
    "₫": "VND",
    "₱": "PHP",
    "₦": "NGN",
    "฿": "THB",
    "₴": "UAH",
    "KR": "SEK",
    "ZŁ": "PLN",
    "ZL": "PLN",
    "KČ": "CZK",
    "FT": "HUF",
    "LEI": "RON",
    "FR": "CHF",
    "SFR": "CHF",
    "TL": "TRY",
    # A dollar or a yen with its country's letters, and the yen, yuan and won written as words.
    **dict.fromkeys(("US$", "$US", "$ US"), "USD"),
    **dict.fromkeys(("CA$", "C$", "$CA", "$ CA"), "CAD"),
    **dict.fromkeys(("AU$", "A$", "$AU", "$ AU"), "AUD"),
    **dict.fromkeys(("NZ$", "$NZ", "$ NZ"), "NZD"),
    **dict.fromkeys(("MX$", "$MX", "$ MX"), "MXN"),
    "JP¥": "JPY",
    "円": "JPY",
    "CN¥": "CNY",
    "元": "CNY",
    "원": "KRW",
}
# A mark several currencies share: the main country's currency among them decides.
_SHARED_MARKS = {
    "USD": ("USD", "CAD", "AUD", "NZD", "MXN"),
    "SEK": ("SEK", "NOK", "DKK"),
    "JPY": ("JPY", "CNY"),
}

# Country names as shops write them (English, French and others, ISO codes), compared after
# normalize_header (lower case, no accents, punctuation as spaces: "États-Unis" -> "etats unis").
_COUNTRIES = {
    "GBP": (
        "united kingdom",
        "uk",
        "gb",
        "gbr",
        "great britain",
        "england",
        "scotland",
        "wales",
        "northern ireland",
        "royaume uni",
        "angleterre",
        "ecosse",
    ),
    "EUR": (
        "france",
        "fr",
        "fra",
        "belgium",
        "belgique",
        "be",
        "germany",
        "allemagne",
        "de",
        "spain",
        "espagne",
        "es",
        "italy",
        "italie",
        "it",
        "netherlands",
        "pays-bas",
        "nl",
        "portugal",
        "pt",
        "austria",
        "autriche",
        "at",
        "ireland",
        "irlande",
        "eire",
        "ie",
        "luxembourg",
        "lu",
        "finland",
        "finlande",
        "fi",
        "greece",
        "grece",
        "gr",
        "monaco",
        "mc",
        "deutschland",
        "osterreich",
        "espana",
        "italia",
        "nederland",
        "belgie",
    ),
    "CHF": ("switzerland", "suisse", "schweiz", "svizzera", "ch", "che"),
    "USD": ("united states", "usa", "us", "etats unis", "united states of america"),
    "CAD": ("canada", "ca", "can"),
}
_BY_COUNTRY = {normalize_header(name): code for code, names in _COUNTRIES.items() for name in names}
# Countries that only decide between the currencies sharing a mark ("$", "kr", "¥"): without a
# mark in the amounts, their customers' country alone does not name the currency.
_MARK_COUNTRIES = {
    "AUD": ("australia", "australie", "au", "aus"),
    "NZD": ("new zealand", "nouvelle zelande", "nz", "nzl"),
    "MXN": ("mexico", "mexique", "mx", "mex"),
    "NOK": ("norway", "norvege", "norge", "no", "nor"),
    "DKK": ("denmark", "danemark", "danmark", "dk", "dnk"),
    "SEK": ("sweden", "suede", "sverige", "se", "swe"),
    "CNY": ("china", "chine", "cn", "chn"),
    "JPY": ("japan", "japon", "jp", "jpn"),
}
_MARK_COUNTRY = {
    normalize_header(name): code for code, names in _MARK_COUNTRIES.items() for name in names
} | _BY_COUNTRY
MAIN_COUNTRY_SHARE = 0.6  # the country must hold most customers to speak for the shop


def shop_currency(analysis: Analysis) -> str | None:
    """The shop's currency as a code ("GBP") or as written (a symbol), or None when nothing tells."""
    own = getattr(analysis, "currency", None)
    if isinstance(own, str) and own.strip():
        return _known(own)
    for item in analysis.inputs:
        details = item.details if isinstance(item.details, dict) else {}
        code = marked_currency(item)
        if code is None and isinstance(details.get("currency"), str) and details["currency"].strip():
            code = _known(details["currency"])  # read by the import, the file no longer at hand
        if code is not None:
            return _with_country(code, analysis.customers)
    return _currency_of_main_country(analysis.customers)


def _known(code: str) -> str:
    """A code in upper case when known, else the text as written (a symbol)."""
    return code.strip().upper() if code.strip().upper() in SYMBOLS else code.strip()


def marked_currency(item: InputFile) -> str | None:
    """The currency the marks of an input's amounts name ("JPY" for "¥1,200"), None when they
    carry none or the file cannot be read any more; remembered in ``item.details``."""
    if not isinstance(item.details, dict):
        return None
    if "currency_marks" in item.details:
        return item.details["currency_marks"] or None
    texts = _amount_texts(item)
    if texts is None:
        return None  # not read (file gone or changed): not remembered, tried again later
    code = detect_currency_marks(texts)
    item.details["currency_marks"] = code or ""
    return code


def _amount_texts(item: InputFile) -> list[str] | None:
    """The first cells of the input's amount and unit-price columns as text; None when the
    file is gone or no longer the one imported (another size)."""
    columns = [c for c, role in (item.mapping or {}).items() if role in (schema.AMOUNT, schema.UNIT_PRICE)]
    path = Path(item.path)
    try:
        if not columns or not path.is_file() or (item.size_bytes and path.stat().st_size != item.size_bytes):
            return None if columns else []
    except OSError:
        return None
    from segmenter_app.core.i18n import UserError
    from segmenter_app.core.reading.table import read_table

    try:
        raw = read_table(
            path,
            sheet=item.sheet,
            encoding=item.encoding,
            delimiter=item.delimiter,
            header_row=item.header_row,
            nrows=SAMPLE_ROWS,
        )
    except (UserError, OSError, ValueError):
        return None
    frame = raw.frame
    texts: list[str] = []
    for column in columns:
        if column in frame.columns:
            texts += [str(v) for v in frame[column].dropna().tolist()]
    return texts


def detect_currency_marks(texts: list[str] | pd.Series) -> str | None:
    """The currency most amounts are marked with ("¥1,200" -> "JPY", "149,00 kr" -> "SEK",
    "R$ 35,90" -> "BRL", "12.50 PLN" -> "PLN"), from the marks and codes the import recognises
    (``reading.numbers.CURRENCY_MARKS``); None when none is marked."""
    import re

    from segmenter_app.core.reading.numbers import CURRENCY_MARKS

    pattern = re.compile(CURRENCY_MARKS)
    votes: Counter[str] = Counter()
    for text in texts:
        if not isinstance(text, str) or not text:
            continue
        for found in pattern.findall(text):
            mark = found.strip().upper().rstrip(".")
            code = _MARKS.get(mark) or (mark if mark in CURRENCIES else None)
            if code == "USD" and mark == "$" and re.search(r"\d,\d\d\s*\$\s*$", text):
                code = "CAD"  # "12,50 $": a decimal comma and the sign after, Canada's French way
            if code:
                votes[code] += 1
    return votes.most_common(1)[0][0] if votes else None


def _with_country(code: str, customers: pd.DataFrame | None) -> str:
    """For a mark several currencies share, the one of the country most customers live in."""
    family = _SHARED_MARKS.get(code)
    if family is None:
        return code
    country = _main_country(customers)
    local = _MARK_COUNTRY.get(country) if country else None
    return local if local in family else code


def _main_country(customers: pd.DataFrame | None) -> str | None:
    """The country (normalized) most customers live in, when one holds most of them."""
    if customers is None or schema.COUNTRY not in customers.columns or customers.empty:
        return None
    # Counted per distinct spelling first, then normalized: normalizing each customer's country
    # took 3.6 s for 95,000 customers, and this runs for every segment's plan.
    counts = customers[schema.COUNTRY].dropna().astype(str).value_counts()
    if counts.empty:
        return None
    by_country = counts.groupby(counts.index.map(normalize_header)).sum()
    by_country = by_country.sort_values(ascending=False, kind="stable")
    if by_country.iloc[0] / by_country.sum() < MAIN_COUNTRY_SHARE:
        return None
    return str(by_country.index[0])


def _currency_of_main_country(customers: pd.DataFrame | None) -> str | None:
    """The currency of the country most customers live in, when one country holds most of them."""
    country = _main_country(customers)
    return _BY_COUNTRY.get(country) if country else None


def currency_symbol(analysis: Analysis, default: str = DEFAULT_SYMBOL) -> str:
    """The symbol to write beside amounts ("£", "€", "CHF", "¥", "kr"...), ``default`` when
    nothing tells."""
    code = shop_currency(analysis)
    if code is None:
        return default
    return SYMBOLS.get(code, code)


def currency_info(currency: str | None) -> Currency:
    """How to write amounts of ``currency``, a code ("JPY") or a symbol ("¥"); an unknown one is
    written as given, before the amount in English with two decimals (after when it is a word)."""
    text = (currency or "").strip() or DEFAULT_SYMBOL
    known = CURRENCIES.get(text.upper()) or _BY_SYMBOL.get(text)
    return known if known is not None else Currency(text, text)


def local_amount(euros: float, currency: str | None) -> float:
    """A default amount set in euros, in the shop's ``currency`` (a code or a symbol): the same
    figure for a currency of about the euro's size (pound, dollar, franc), else converted roughly
    and rounded to two significant digits and the currency's decimals (0.05 € per email is ¥8)."""
    info = currency_info(currency)
    rate = _PER_EURO.get(info.code)
    if rate is None or not euros:
        return euros
    value = float(f"{euros * rate:.2g}")
    return float(round(value, info.decimals)) if round(value, info.decimals) else value


def format_money(amount: float, lang: str, currency: str | None = DEFAULT_SYMBOL, decimals: int = 2) -> str:
    """``amount`` written the currency's way in ``lang``: at most the currency's decimals
    ("¥1,200", "€60.50"), its symbol before in English unless it is written after ("149 kr"),
    after in French with a no-break space ("1 200 ¥", "60,50 €"). The amount's digits are
    grouped as :func:`segmenter_app.core.actions.wording.number` does."""
    from segmenter_app.core.actions.wording import number
    from segmenter_app.core.i18n import normalize_lang

    info = currency_info(currency)
    symbol = (currency or "").strip() or info.symbol
    if symbol.upper() == info.code and info.code in CURRENCIES:
        symbol = info.symbol  # a code given: its symbol written
    places = min(decimals, info.decimals)
    text = number(amount, lang, places)
    wordy = symbol[-1:].isalpha()  # "CHF", "kr", "zł": a space between it and the digits
    if normalize_lang(lang) == "fr" or info.after:
        return f"{text}\u00a0{symbol}"
    sign = "-" if text.startswith("-") else ""
    space = "\u00a0" if wordy else ""
    return f"{sign}{symbol}{space}{text.lstrip('-')}"


def number_format(analysis: Analysis) -> str:
    """An Excel number format with the shop's currency and its decimals when known, else
    "#,##0.00" ("\"£\"#,##0.00", "#,##0 \"¥\"" in French, "#,##0.00 \"kr\"")."""
    code = shop_currency(analysis)
    if not code:
        return "#,##0.00"
    info = currency_info(code)
    symbol = SYMBOLS.get(code, code).replace('"', "")
    digits = "#,##0" + ("." + "0" * info.decimals if info.decimals else "")
    if analysis.lang == "fr" or info.after or symbol in ("€", "CHF"):
        return f'{digits} "{symbol}"'
    return f'"{symbol}"{digits}'
