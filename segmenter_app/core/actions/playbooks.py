"""Playbooks: what to do for each kind of segment, in English and French.

A playbook is the generic advice for one kind of segment (champions, at risk, coupon-driven...):
an objective, a short message the shop can adapt, an offer (with and without a discount), a
timing, the KPI to watch and what to avoid. ``fitting.py`` then fits it to the segment's own
figures (threshold from its average basket, channel from its reachability, timing from its gap).

Every segment the app can produce finds a playbook through :func:`find_playbook`: RFM keys (the
5x5 grid and the small-data names), rule presets, the predictive churn-risk segment, and, for
clusters or rules with no known name, the segment's profile (see :func:`playbook_from_profile`).
Keys are matched on the part after the colon (``"rfm:at_risk"`` -> ``"at_risk"``), then on the
segment's display name in either language, so unknown prefixes still fall back sensibly.

Offer texts take ``{threshold}`` (an amount with its currency, fitted from the average basket)
and ``{discount}`` (a percentage); messages take ``{threshold}`` as well. The texts themselves
live in ``playbook_texts/`` (one module per family of segments); this module joins them and keeps
the lookup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from segmenter_app.core.actions.playbook_texts import predictive, rfm, rules
from segmenter_app.core.i18n import Messages


@dataclass(frozen=True)
class Playbook:
    """The machine side of a playbook; its texts live in :data:`TEXTS` under ``<id>.<field>``.

    ``kind`` groups playbooks by intent (reward, grow, welcome, reactivate, winback, feedback,
    remind, clear, keep); ``discount`` is ``"never"``, ``"if_driven"`` (only when the segment
    is discount-driven) or ``"always"``; ``response_rate`` is the default expected response;
    ``valuable`` says the segment is worth a personal channel (SMS, phone) when small;
    ``lapsed`` says a conversion is a reactivation rather than a retention.
    """

    id: str
    kind: str
    discount: str
    response_rate: float
    valuable: bool = False
    lapsed: bool = False


PLAYBOOKS: dict[str, Playbook] = {
    p.id: p
    for p in (
        # RFM grid
        Playbook("champions", "reward", "never", 0.15, valuable=True),
        Playbook("loyal", "grow", "never", 0.12, valuable=True),
        Playbook("potential_loyalists", "grow", "if_driven", 0.08),
        Playbook("new_customers", "welcome", "if_driven", 0.06),
        Playbook("promising", "grow", "if_driven", 0.05),
        Playbook("need_attention", "reactivate", "if_driven", 0.05),
        Playbook("about_to_sleep", "reactivate", "if_driven", 0.04, lapsed=True),
        Playbook("at_risk", "winback", "if_driven", 0.05, valuable=True, lapsed=True),
        Playbook("cant_lose", "winback", "if_driven", 0.08, valuable=True, lapsed=True),
        Playbook("hibernating", "feedback", "if_driven", 0.02, lapsed=True),
        # Rule presets
        Playbook("inactive", "reactivate", "if_driven", 0.04, lapsed=True),
        Playbook("super_buyers", "reward", "never", 0.18, valuable=True),
        Playbook("biggest_spenders", "reward", "never", 0.15, valuable=True),
        Playbook("one_time_buyers", "welcome", "if_driven", 0.05),
        Playbook("dormant", "feedback", "if_driven", 0.02, lapsed=True),
        Playbook("coupon_driven", "clear", "always", 0.10),
        Playbook("due_to_reorder", "remind", "never", 0.20),
        # Predictive
        Playbook("churn_risk", "winback", "if_driven", 0.06, valuable=True, lapsed=True),
        Playbook("active", "grow", "never", 0.10),
        # Interest-based (rules on categories or launches)
        Playbook("trend_followers", "grow", "never", 0.12),
        # Everyone else
        Playbook("others", "keep", "if_driven", 0.03),
    )
}

# Other names the segmentation may use for the same kind of segment (small-data RFM, rule ids
# written differently, predictive names). Matched after normalisation (see :func:`normalize`).
ALIASES: dict[str, str] = {
    # RFM spellings and the small-data (3x3) names
    "cant_lose_them": "cant_lose",
    "can_t_lose_them": "cant_lose",
    "can_t_lose": "cant_lose",
    "cannot_lose": "cant_lose",
    "new": "new_customers",
    "newcomers": "new_customers",
    "best": "champions",
    "best_customers": "champions",
    "top": "champions",
    "vip": "champions",
    "regular": "loyal",
    "regulars": "loyal",
    "loyal_customers": "loyal",
    "occasional": "promising",
    "occasionals": "promising",
    "growing": "potential_loyalists",
    "potential": "potential_loyalists",
    "slipping": "about_to_sleep",
    "lapsing": "about_to_sleep",
    "cooling": "about_to_sleep",
    "sleeping": "about_to_sleep",
    "lost": "hibernating",
    "gone": "hibernating",
    "lost_customers": "hibernating",
    # Rule presets
    "inactive_3m": "inactive",
    "inactive_3_months": "inactive",
    "inactive_90d": "inactive",
    "inactive_over_3_months": "inactive",
    "super_buyer": "super_buyers",
    "superbuyers": "super_buyers",
    "big_spenders": "biggest_spenders",
    "top_spenders": "biggest_spenders",
    "biggest_spender": "biggest_spenders",
    "one_time": "one_time_buyers",
    "one_timers": "one_time_buyers",
    "one_time_buyer": "one_time_buyers",
    "single_purchase": "one_time_buyers",
    "coupon": "coupon_driven",
    "coupon_buyers": "coupon_driven",
    "coupon_users": "coupon_driven",
    "discount_driven": "coupon_driven",
    "deal_seekers": "coupon_driven",
    "reorder": "due_to_reorder",
    "due_reorder": "due_to_reorder",
    "due_for_reorder": "due_to_reorder",
    "reorder_due": "due_to_reorder",
    "other": "others",
    "rest": "others",
    "unmatched": "others",
    "trend": "trend_followers",
    "trendsetters": "trend_followers",
    "early_adopters": "trend_followers",
    "new_collection": "trend_followers",
    "amateurs_de_nouveautes": "trend_followers",
    "tendance": "trend_followers",
    # Other names the app's segmentation gives in French
    "plus_gros_clients": "biggest_spenders",
    "a_relancer_pour_racheter": "due_to_reorder",
    "chasseurs_de_promotions": "coupon_driven",
    "sur_le_point_de_s_endormir": "about_to_sleep",
    "forte_valeur_future": "champions",
    "actifs": "active",
    "probablement_perdus": "hibernating",
    # Predictive
    "churn": "churn_risk",
    "at_risk_of_churn": "churn_risk",
    "likely_active": "active",
    "alive": "active",
    "high_value": "champions",
    "likely_lost": "hibernating",
    "inactive_predicted": "hibernating",
}

TEXTS = Messages({**rfm.TEXTS, **rules.TEXTS, **predictive.TEXTS})

FIELDS = ("objective", "message", "offer", "timing", "kpi", "avoid")


def normalize(text: str) -> str:
    """Lower-case ASCII words joined by ``_`` ("Can't lose them" -> ``"can_t_lose_them"``)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def _names_index() -> dict[str, str]:
    """Every playbook's display name (both languages), normalised -> playbook id."""
    index: dict[str, str] = {}
    for pid in PLAYBOOKS:
        for lang in ("en", "fr"):
            index.setdefault(normalize(TEXTS(f"{pid}.name", lang)), pid)
    return index


_NAMES = _names_index()


def lookup(key: str, name: str | None = None) -> str | None:
    """The playbook id for a segment key (and display name), or None when nothing matches.

    The part after the colon is tried first (``"rule:super_buyers"``), then its aliases, then
    the display name in either language ("Super acheteurs"). Cluster keys and rules known only
    by a number return None: their playbook comes from their profile.
    """
    tail = normalize(key.split(":", 1)[1] if ":" in key else key)
    for candidate in (tail, ALIASES.get(tail)):
        if candidate and candidate in PLAYBOOKS:
            return candidate
    if name:
        norm = normalize(name)
        if norm in _NAMES:
            return _NAMES[norm]
        if norm in ALIASES:
            return ALIASES[norm]
    return None


def text(playbook_id: str, field_name: str, lang: str, **params: object) -> str:
    """A playbook's text for one field in ``lang`` (placeholders filled from ``params``)."""
    return TEXTS(f"{playbook_id}.{field_name}", lang, **params)
