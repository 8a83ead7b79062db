"""The shop's currency, one rule for every step (reasons, action plans, measure, workbook).

First what the import read in the amounts ("12,50 €", "£3.20", "EUR"), then, when the amounts
carry no sign (most till and web-shop exports), the currency of the country most customers live
in: a British shop's plans speak pounds, not euros. When neither tells, callers fall back to the
euro, the currency of the shops this app is first made for.
"""

from __future__ import annotations

import pandas as pd

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.reading.role_names import normalize_header

DEFAULT_SYMBOL = "€"
SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF", "CAD": "$"}

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
MAIN_COUNTRY_SHARE = 0.6  # the country must hold most customers to speak for the shop


def shop_currency(analysis: Analysis) -> str | None:
    """The shop's currency as a code ("GBP") or as written (a symbol), or None when nothing tells."""
    own = getattr(analysis, "currency", None)
    detected = [own] + [i.details.get("currency") for i in analysis.inputs if isinstance(i.details, dict)]
    for code in detected:
        if isinstance(code, str) and code.strip():
            return code.strip().upper() if code.strip().upper() in SYMBOLS else code.strip()
    return _currency_of_main_country(analysis.customers)


def _currency_of_main_country(customers: pd.DataFrame | None) -> str | None:
    """The currency of the country most customers live in, when one country holds most of them."""
    if customers is None or schema.COUNTRY not in customers.columns or customers.empty:
        return None
    countries = customers[schema.COUNTRY].dropna().astype(str)
    if countries.empty:
        return None
    shares = countries.map(normalize_header).value_counts(normalize=True)
    if shares.iloc[0] < MAIN_COUNTRY_SHARE:
        return None
    return _BY_COUNTRY.get(str(shares.index[0]))


def currency_symbol(analysis: Analysis, default: str = DEFAULT_SYMBOL) -> str:
    """The symbol to write beside amounts ("£", "€", "CHF"...), ``default`` when nothing tells."""
    code = shop_currency(analysis)
    if code is None:
        return default
    return SYMBOLS.get(code, code)
