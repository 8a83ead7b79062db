"""The ready-made rules of the brief, in a sensible priority order, with EN/FR names.

Each preset is a rule in the JSON format of :mod:`rules` (``{"id", "name", "when"}``); the user can
use them as they are, reorder them, or edit their thresholds.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.i18n import Messages

NAMES = Messages(
    {
        "super_buyers": ("Super buyers", "Super acheteurs"),
        "biggest_spenders": ("Biggest spenders", "Plus gros clients"),
        "due_to_reorder": ("Due to reorder", "À relancer pour racheter"),
        "coupon_driven": ("Coupon-driven buyers", "Chasseurs de promotions"),
        "loyal": ("Loyal", "Fidèles"),
        "new_customers": ("New customers", "Nouveaux clients"),
        "dormant": ("Dormant", "Dormants"),
        "inactive_3_months": ("Inactive for more than 3 months", "Inactifs depuis plus de 3 mois"),
        "one_time_buyers": ("One-time buyers", "Acheteurs d'une seule fois"),
        "desc_super_buyers": (
            "More than 5 orders and an average basket over 100.",
            "Plus de 5 commandes et un panier moyen de plus de 100.",
        ),
        "desc_biggest_spenders": ("The top 10% by total spend.", "Les 10 % qui dépensent le plus."),
        "desc_due_to_reorder": (
            "Bought at least twice and their usual gap between purchases is about to run out.",
            "Ont acheté au moins deux fois et leur intervalle habituel entre deux achats arrive à son terme.",
        ),
        "desc_coupon_driven": (
            "At least half of their orders had a discount or a coupon.",
            "Au moins la moitié de leurs commandes avaient une remise ou un code promo.",
        ),
        "desc_loyal": (
            "At least 4 orders and a purchase in the last 6 months.",
            "Au moins 4 commandes et un achat dans les 6 derniers mois.",
        ),
        "desc_new_customers": (
            "First purchase in the last 30 days.",
            "Premier achat dans les 30 derniers jours.",
        ),
        "desc_dormant": ("No purchase for more than a year.", "Aucun achat depuis plus d'un an."),
        "desc_inactive_3_months": (
            "No purchase for more than 3 months (90 days).",
            "Aucun achat depuis plus de 3 mois (90 jours).",
        ),
        "desc_one_time_buyers": ("Exactly one order.", "Une seule commande."),
    }
)

# Priority order: the most specific and valuable first; "dormant" (> 365 days) before
# "inactive" (> 90 days) so the latter holds 3 to 12 months; "new" before "one-time".
PRESETS: tuple[dict[str, Any], ...] = (
    {
        "id": "super_buyers",
        "when": {
            "all": [
                {"field": s.C_FREQUENCY, "op": ">", "value": 5},
                {"field": s.C_AVG_BASKET, "op": ">", "value": 100},
            ]
        },
    },
    {"id": "biggest_spenders", "when": {"field": s.C_MONETARY, "op": ">=", "value": {"quantile": 0.9}}},
    {
        "id": "due_to_reorder",
        "when": {
            "all": [
                {"field": s.C_FREQUENCY, "op": ">=", "value": 2},
                {"field": s.C_RECENCY, "op": ">=", "value": {"field": s.C_GAP, "times": 0.8}},
                {"field": s.C_RECENCY, "op": "<=", "value": {"field": s.C_GAP, "times": 1.5}},
            ]
        },
    },
    {"id": "coupon_driven", "when": {"field": s.C_DISCOUNT_SHARE, "op": ">=", "value": 0.5}},
    {
        "id": "loyal",
        "when": {
            "all": [
                {"field": s.C_FREQUENCY, "op": ">=", "value": 4},
                {"field": s.C_RECENCY, "op": "<=", "value": 180},
            ]
        },
    },
    {"id": "new_customers", "when": {"field": s.C_TENURE, "op": "<=", "value": 30}},
    {"id": "dormant", "when": {"field": s.C_RECENCY, "op": ">", "value": 365}},
    {"id": "inactive_3_months", "when": {"field": s.C_RECENCY, "op": ">", "value": 90}},
    {"id": "one_time_buyers", "when": {"field": s.C_FREQUENCY, "op": "==", "value": 1}},
)
PRESET_IDS = tuple(p["id"] for p in PRESETS)


def preset(preset_id: str, lang: str = "en") -> dict[str, Any]:
    """One preset rule, named in ``lang`` (a copy the caller may edit)."""
    for item in PRESETS:
        if item["id"] == preset_id:
            rule = copy.deepcopy(item)
            rule["name"] = {"en": NAMES(preset_id, "en"), "fr": NAMES(preset_id, "fr")}
            rule["preset"] = preset_id
            return rule
    raise KeyError(preset_id)


def default_rules(lang: str = "en") -> list[dict[str, Any]]:
    """All presets, in priority order."""
    return [preset(p, lang) for p in PRESET_IDS]


def presets_table(lang: str) -> pd.DataFrame:
    """The presets for a picker: id, name and description in ``lang``, and the rule itself."""
    return pd.DataFrame(
        [
            {
                "id": p,
                "name": NAMES(p, lang),
                "description": NAMES(f"desc_{p}", lang),
                "rule": preset(p, lang),
            }
            for p in PRESET_IDS
        ]
    )
