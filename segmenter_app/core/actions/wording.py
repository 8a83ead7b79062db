"""Small wording helpers shared by personas, plans and measure: durations, amounts, shares."""

from __future__ import annotations

import math

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages, normalize_lang

W = Messages(
    {
        "day": ("{n} day", "{n} jour"),
        "days": ("{n} days", "{n} jours"),
        "week": ("{n} week", "{n} semaine"),
        "weeks": ("{n} weeks", "{n} semaines"),
        "month": ("{n} month", "{n} mois"),
        "months": ("{n} months", "{n} mois"),
        "year": ("{n} year", "{n} an"),
        "years": ("{n} years", "{n} ans"),
        "unknown": ("unknown", "inconnu"),
        "customer": ("{n} customer", "{n} client"),
        "customers": ("{n} customers", "{n} clients"),
    }
)


def number(value: float, lang: str, decimals: int = 1) -> str:
    """A number with the language's decimal mark (``4.2`` / ``4,2``), trailing ``.0`` dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return W("unknown", lang)
    text = f"{value:,.{decimals}f}"
    if decimals and text.endswith("0" * decimals):
        text = text[: -(decimals + 1)]
    if normalize_lang(lang) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(share: float, lang: str) -> str:
    """A share as a whole percentage ("60%" / "60 %")."""
    if share is None or math.isnan(share):
        return W("unknown", lang)
    value = round(100 * share)
    return f"{value}\u00a0%" if normalize_lang(lang) == "fr" else f"{value}%"


def money(amount: float, lang: str, currency: str = "€", decimals: int = 0) -> str:
    """An amount with its currency in the language's way ("€60" / "60 €", "¥1,200", "149 kr"),
    never with more decimals than the currency has (see ``core.currency.format_money``)."""
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return W("unknown", lang)
    from segmenter_app.core.currency import format_money

    return format_money(amount, lang, currency, decimals)


def customers(n: int, lang: str) -> str:
    """The customer count in words: 1 customer, 38 customers (1 client, 38 clients)."""
    return W("customer" if n == 1 else "customers", lang, n=n)


def duration(days: float, lang: str) -> str:
    """A number of days said the way people say it: "5 days", "3 weeks", "4 months", "2 years"."""
    if days is None or math.isnan(days):
        return W("unknown", lang)
    days = max(0.0, float(days))
    if days < 14:
        n, unit = round(days), "day"
    elif days < 60:
        n, unit = round(days / 7), "week"
    elif days < 365 * 1.5:
        n, unit = round(days / 30.44), "month"
    else:
        n, unit = round(days / 365.25), "year"
    return W(unit if n == 1 else unit + "s", lang, n=n)


def currency_of(analysis: Analysis) -> str:
    """The shop's currency symbol (see ``core.currency``), else the euro."""
    from segmenter_app.core.currency import currency_symbol

    return currency_symbol(analysis)
