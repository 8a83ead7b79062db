"""Fit a playbook to a segment's own figures: offer threshold, discount, channel, timing.

- The offer threshold ("free delivery from X") sits a little above the segment's average basket,
  rounded to a figure a shop would print, so the offer nudges the basket up.
- A discount only for discount-driven segments (customers who used a discount or a code on a
  good share of their orders) or for the coupon-driven playbook: giving codes to customers who
  pay full price anyway only costs margin.
- The channel from how the segment can be reached: email when addresses and consent exist; SMS
  or phone for a small, valuable segment; a letter or an in-store voucher otherwise.
- The timing from the segment's typical gap between purchases, its recency, or its expected
  next purchase.
"""

from __future__ import annotations

import math

import pandas as pd

from segmenter_app.core.actions.playbooks import Playbook
from segmenter_app.core.actions.profile import SegmentProfile
from segmenter_app.core.actions.wording import customers, duration, percent
from segmenter_app.core.i18n import Messages

# Share of orders with a discount or code above which a segment counts as discount-driven.
DISCOUNT_DRIVEN_SHARE = 0.3
# A segment this small (or smaller) and valuable is worth a personal channel.
SMALL_SEGMENT = 50
# The share of a segment a channel must reach to be the main one.
MAIN_CHANNEL_REACH = 0.5
# Past this ratio of average to median basket, the offer threshold follows the median customer.
SKEWED_BASKET = 2.0

CHANNELS = ("email", "sms", "phone", "letter", "in_store")

F = Messages(
    {
        "channel.email": ("Email", "E-mail"),
        "channel.sms": ("SMS", "SMS"),
        "channel.phone": ("Phone call", "Appel téléphonique"),
        "channel.letter": ("Letter", "Courrier"),
        "channel.in_store": ("In-store voucher", "Bon en boutique"),
        "why.email": (
            "Email: {share} of them have an address and may be contacted.",
            "E-mail : {share} d'entre eux ont une adresse et acceptent d'être contactés.",
        ),
        "why.phone": (
            "Phone call: a small, valuable segment ({size}), {share} reachable by phone; a personal call is worth it.",
            "Appel téléphonique : un segment petit et précieux ({size}), {share} joignables par téléphone ; un appel personnel en vaut la peine.",
        ),
        "why.sms": (
            "SMS: a small, valuable segment ({size}), {share} reachable by phone.",
            "SMS : un segment petit et précieux ({size}), {share} joignables par téléphone.",
        ),
        "why.letter": (
            "Letter: few can be emailed ({email}), but {share} have a known address area; check the full address before sending.",
            "Courrier : peu sont joignables par e-mail ({email}), mais {share} ont une adresse connue ; vérifiez l'adresse complète avant l'envoi.",
        ),
        "why.letter_mixed": (
            "Letter for a valuable segment: only {email} can be emailed, but {share} have a known address area; email those who can be, write to the others (check the full address first).",
            "Courrier pour un segment précieux : seuls {email} sont joignables par e-mail, mais {share} ont une adresse connue ; écrivez un e-mail à ceux qui le sont, un courrier aux autres (vérifiez l'adresse complète).",
        ),
        "why.in_store": (
            "In-store voucher, handed at the till or slipped into the parcel: few of them can be reached otherwise ({email} by email).",
            "Bon remis en caisse ou glissé dans le colis : peu d'entre eux sont joignables autrement ({email} par e-mail).",
        ),
        "why.in_store_no_data": (
            "In-store voucher, handed at the till or slipped into the parcel: the data holds no email or phone; add them to your export to reach these customers directly.",
            "Bon remis en caisse ou glissé dans le colis : les données ne contiennent ni e-mail ni téléphone ; ajoutez-les à votre export pour joindre ces clients directement.",
        ),
        "place": (
            "Most of them are in {place} ({share}), unlike most of your customers: fit the offer to its seasons, holidays and currency.",
            "La plupart sont à/en {place} ({share}), contrairement à la majorité de vos clients : adaptez l'offre à ses saisons, ses fêtes et sa monnaie.",
        ),
        "rest": (
            "The others ({rest}): an in-store voucher at their next visit.",
            "Les autres ({rest}) : un bon en boutique lors de leur prochaine visite.",
        ),
        "timing.reorder": (
            "Send it about {lead} before the usual gap runs out, that is about {day} after each customer's last purchase (usual gap: {gap}).",
            "Envoyez-le environ {lead} avant la fin de l'intervalle habituel, soit environ {day} après le dernier achat de chaque client (intervalle habituel : {gap}).",
        ),
        "timing.lapsed_gap": (
            "They last bought {recency} ago (median), well past their usual gap of {gap}: act now.",
            "Leur dernier achat remonte à {recency} (médiane), bien au-delà de leur intervalle habituel de {gap} : agissez maintenant.",
        ),
        "timing.lapsed": (
            "They last bought {recency} ago (median).",
            "Leur dernier achat remonte à {recency} (médiane).",
        ),
        "timing.welcome": (
            "The shop's customers usually come back after {gap}: send the reminder before then.",
            "Les clients de la boutique reviennent en général après {gap} : envoyez la relance avant.",
        ),
        "timing.rhythm": (
            "Their usual gap between purchases is {gap}: no more than one message in that time.",
            "Leur intervalle habituel entre deux achats est de {gap} : pas plus d'un message sur cette période.",
        ),
        "timing.next": (
            "Their next purchase is expected around {date}: contact them a few days before.",
            "Leur prochain achat est attendu vers le {date} : contactez-les quelques jours avant.",
        ),
    }
)


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def nice_round_up(value: float) -> float:
    """Round up to a figure a shop would print: 5s below 50, 10s below 200, 25s, 50s, 100s."""
    if not _known(value) or value <= 0:
        return float("nan")
    for limit, step in ((50, 5), (200, 10), (500, 25), (1000, 50), (5000, 100)):
        if value <= limit:
            return float(math.ceil(value / step) * step)
    return float(math.ceil(value / 500) * 500)


def offer_threshold(profile: SegmentProfile) -> float:
    """The offer threshold: about 20% above the segment's average basket, rounded up nicely.

    When a few huge customers pull the average over :data:`SKEWED_BASKET` times the median
    customer's basket (one B2B buyer of €60,000 orders among €35 baskets), the median customer's
    basket is used: "free delivery from €21,000" speaks to no one else in the segment."""
    basket = profile.avg_basket if _known(profile.avg_basket) else profile.overall.get("avg_basket")
    median = profile.basket_median
    if _known(basket) and _known(median) and median > 0 and basket > SKEWED_BASKET * median:
        basket = median
    if not _known(basket) or basket <= 0:
        return float("nan")
    return nice_round_up(basket * 1.2)


def is_discount_driven(profile: SegmentProfile) -> bool:
    """True when the segment's customers used a discount or code on a good share of orders."""
    share = profile.discount_share_mean
    return _known(share) and share >= DISCOUNT_DRIVEN_SHARE


def discount_rate(playbook: Playbook, profile: SegmentProfile) -> float:
    """The discount to offer (0 for none): only for discount-driven segments, never for the best.

    Win-back segments get a little more than active ones, as they need a stronger reason.
    """
    if playbook.discount == "never":
        return 0.0
    if playbook.discount == "if_driven" and not is_discount_driven(profile):
        return 0.0
    return 0.15 if playbook.lapsed or playbook.kind == "clear" else 0.10


def is_valuable(playbook: Playbook, profile: SegmentProfile) -> bool:
    """A segment worth a personal channel: a valuable playbook, or spend well above the shop's."""
    overall = profile.overall.get("monetary_mean", float("nan"))
    rich = _known(profile.monetary_mean) and _known(overall) and profile.monetary_mean >= 1.5 * overall
    return playbook.valuable or rich


def choose_channel(playbook: Playbook, profile: SegmentProfile, lang: str) -> tuple[str, str]:
    """The main channel key and a sentence saying why (with the share it reaches)."""
    email = profile.email_share if _known(profile.email_share) else 0.0
    phone = profile.phone_share if _known(profile.phone_share) else 0.0
    postal = profile.postal_share if _known(profile.postal_share) else 0.0
    small_valuable = 0 < profile.size <= SMALL_SEGMENT and is_valuable(playbook, profile)
    if small_valuable and phone >= MAIN_CHANNEL_REACH and playbook.kind == "winback":
        key, reach = "phone", phone
        why = F("why.phone", lang, size=customers(profile.size, lang), share=percent(phone, lang))
    elif email >= MAIN_CHANNEL_REACH:
        key, reach = "email", email
        why = F("why.email", lang, share=percent(email, lang))
    elif small_valuable and phone >= MAIN_CHANNEL_REACH:
        key, reach = "sms", phone
        why = F("why.sms", lang, size=customers(profile.size, lang), share=percent(phone, lang))
    elif postal >= MAIN_CHANNEL_REACH and (small_valuable or playbook.valuable):
        key, reach = "letter", postal
        mixed = "why.letter_mixed" if email >= 0.25 else "why.letter"
        why = F(mixed, lang, email=percent(email, lang), share=percent(postal, lang))
    elif not _known(profile.email_share) and not _known(profile.phone_share):
        key, reach = "in_store", 1.0
        why = F("why.in_store_no_data", lang)
    else:
        key, reach = "in_store", 1.0
        why = F("why.in_store", lang, email=percent(email, lang))
    if reach < 0.95:
        why += " " + F("rest", lang, rest=percent(1 - reach, lang))
    return key, why


def location_note(profile: SegmentProfile, lang: str) -> str:
    """A sentence when a segment lives mostly somewhere else than the shop's customers (may be empty)."""
    share = profile.top_city_share
    if (
        profile.top_city
        and profile.shop_place
        and profile.top_city != profile.shop_place
        and _known(share)
        and share >= 0.6
        and profile.size >= 2
    ):
        return F("place", lang, place=profile.top_city, share=percent(share, lang))
    return ""


def channel_name(key: str, lang: str) -> str:
    """The display name of a channel key."""
    return F(f"channel.{key}", lang)


def fit_timing(playbook: Playbook, profile: SegmentProfile, as_of: pd.Timestamp | None, lang: str) -> str:
    """The sentence that fits the playbook's timing to the segment's rhythm (may be empty)."""
    gap = profile.gap_median
    recency = profile.recency_median
    if playbook.kind == "remind" and _known(gap):
        lead = max(3.0, round(gap * 0.1))
        return F(
            "timing.reorder",
            lang,
            lead=duration(lead, lang),
            day=duration(max(gap - lead, 1.0), lang),
            gap=duration(gap, lang),
        )
    if playbook.lapsed or playbook.kind in ("winback", "feedback", "reactivate"):
        if _known(recency) and _known(gap) and recency > gap:
            return F("timing.lapsed_gap", lang, recency=duration(recency, lang), gap=duration(gap, lang))
        if _known(recency):
            return F("timing.lapsed", lang, recency=duration(recency, lang))
        return ""
    if playbook.kind == "welcome":
        shop_gap = profile.overall.get("gap_median", float("nan"))
        return F("timing.welcome", lang, gap=duration(shop_gap, lang)) if _known(shop_gap) else ""
    nxt = profile.next_purchase_median
    if nxt is not None and as_of is not None and not pd.isna(nxt) and nxt > as_of:
        fmt = "%d/%m/%Y" if lang == "fr" else "%Y-%m-%d"
        return F("timing.next", lang, date=nxt.strftime(fmt))
    if _known(gap):
        return F("timing.rhythm", lang, gap=duration(gap, lang))
    return ""
