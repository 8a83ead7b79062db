"""A plain-language portrait of a segment from its statistics, in English or French.

"38 customers, mostly from Lyon (45%), 4 orders on average, last purchase 3 weeks ago
(median), average basket €52, 60% reachable by email, favourite category: Bulles."
"""

from __future__ import annotations

import math

from segmenter_app.core.actions.profile import SegmentProfile
from segmenter_app.core.actions.wording import duration, money, number, percent
from segmenter_app.core.i18n import Messages, group_digits, takes_plural

P = Messages(
    {
        "empty": ("No customers in this segment.", "Aucun client dans ce segment."),
        "size_one": ("1 customer", "1 client"),
        "size": ("{n} customers", "{n} clients"),
        "city_mostly": ("mostly from {city} ({share})", "surtout de {city} ({share})"),
        "city_many": ("many from {city} ({share})", "beaucoup de {city} ({share})"),
        "cities": ("from {n} different places", "de {n} localités différentes"),
        "orders": ("{n} orders on average", "{n} commandes en moyenne"),
        "orders_one": ("1 order each", "1 commande chacun"),
        "orders_below_two": ("{n} orders on average", "{n} commande en moyenne"),
        "no_contact": ("no email or phone in the data", "ni e-mail ni téléphone dans les données"),
        "one_order": ("{share} bought only once", "{share} n'ont acheté qu'une fois"),
        "recency": (
            "last purchase {ago} ago (median)",
            "dernier achat il y a {ago} (médiane)",
        ),
        "basket": ("average basket {amount}", "panier moyen {amount}"),
        "spend": ("{amount} spent per customer", "{amount} dépensés par client"),
        "email": ("{share} reachable by email", "{share} joignables par e-mail"),
        "phone": ("{share} by phone", "{share} par téléphone"),
        "discount": (
            "a discount or code on {share} of their orders",
            "une remise ou un code sur {share} de leurs commandes",
        ),
        "category": ("favourite category: {category}", "catégorie préférée : {category}"),
        "age": ("median age {age}", "âge médian {age} ans"),
    }
)


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def portrait(profile: SegmentProfile, lang: str, currency: str = "€") -> str:
    """The segment's portrait as one sentence (figures the data does not have are left out)."""
    if profile.size == 0:
        return P("empty", lang)
    size = group_digits(profile.size, lang)  # "12,345 customers" / "12 345 clients"
    parts = [P("size_one", lang) if profile.size == 1 else P("size", lang, n=size)]
    if profile.top_city and _known(profile.top_city_share) and profile.size > 1:
        share = percent(profile.top_city_share, lang)
        if profile.top_city_share >= 0.4:
            parts.append(P("city_mostly", lang, city=profile.top_city, share=share))
        elif profile.top_city_share >= 0.2:
            parts.append(P("city_many", lang, city=profile.top_city, share=share))
        elif profile.cities > 1:
            parts.append(P("cities", lang, n=group_digits(profile.cities, lang)))
    if _known(profile.frequency_mean):
        n = number(profile.frequency_mean, lang)
        if n == "1":
            parts.append(P("orders_one", lang))
        else:  # French keeps the singular below 2: "1,5 commande en moyenne"
            plural = takes_plural(round(profile.frequency_mean, 1), lang)
            parts.append(P("orders" if plural else "orders_below_two", lang, n=n))
    if _known(profile.one_order_share) and profile.one_order_share >= 0.5 and profile.size > 1:
        parts.append(P("one_order", lang, share=percent(profile.one_order_share, lang)))
    if _known(profile.recency_median):
        parts.append(P("recency", lang, ago=duration(profile.recency_median, lang)))
    if _known(profile.avg_basket):
        parts.append(P("basket", lang, amount=money(profile.avg_basket, lang, currency)))
    if _known(profile.monetary_mean):
        parts.append(P("spend", lang, amount=money(profile.monetary_mean, lang, currency)))
    if _known(profile.email_share):
        parts.append(P("email", lang, share=percent(profile.email_share, lang)))
    elif not _known(profile.phone_share):
        parts.append(P("no_contact", lang))
    if _known(profile.phone_share) and profile.phone_share > 0:
        parts.append(P("phone", lang, share=percent(profile.phone_share, lang)))
    if _known(profile.discount_share_mean) and profile.discount_share_mean >= 0.1:
        parts.append(P("discount", lang, share=percent(profile.discount_share_mean, lang)))
    if profile.top_category and _known(profile.top_category_share) and profile.top_category_share >= 0.3:
        parts.append(P("category", lang, category=profile.top_category))
    if _known(profile.age_median):
        parts.append(P("age", lang, age=round(profile.age_median)))
    return ", ".join(parts) + "."
