"""Suggested, editable action plans: one per segment, kept in ``analysis.plans``.

A plan is a JSON-friendly dict (the export, the report, the GUI and the project file read it):

- ``key``, ``name``: the segment; ``playbook``: the playbook id used; ``basis``: how it was
  chosen (``"key"``, ``"name"`` or ``"profile"`` for clusters and unnamed rules);
- texts in the analysis language: ``persona``, ``objective``, ``message``, ``offer``,
  ``channel`` (a sentence starting with the channel's name, saying why), ``timing``, ``kpi``,
  ``avoid``; ``channel_key`` (email, sms, phone, letter, in_store);
- fitted figures: ``threshold`` (offer threshold, currency of the shop), ``discount`` (0 when
  none), ``discount_driven``, ``lapsed`` (a conversion is a reactivation, else a retention);
- budget (see ``budget.py``): ``size``, ``avg_basket``, ``cost_per_contact``,
  ``response_rate``, ``contacts``, ``expected_conversions``, ``expected_revenue``, ``budget``,
  ``expected_return``, ``roi``, ``priority`` (1 = first);
- control group (see ``control.py``): ``control_share``, ``control_size``, ``mde`` (smallest
  detectable uplift in conversion, a fraction), ``control_too_small``, ``control_note``;
- ``edited``: the fields the user changed; a new suggestion keeps them.
"""

from __future__ import annotations

import math
from typing import Any

from segmenter_app.core.actions import budget as b
from segmenter_app.core.actions import control as c
from segmenter_app.core.actions import fitting as f
from segmenter_app.core.actions.persona import portrait
from segmenter_app.core.actions.playbooks import PLAYBOOKS, lookup, text
from segmenter_app.core.actions.profile import SegmentProfile, segment_profiles
from segmenter_app.core.actions.wording import currency_of, money, percent
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.currency import local_amount, shop_currency
from segmenter_app.core.i18n import Messages, UserError

EDITABLE = (
    "name",
    "objective",
    "message",
    "offer",
    "channel",
    "channel_key",
    "timing",
    "kpi",
    "avoid",
    "persona",
    "cost_per_contact",
    "response_rate",
    "avg_basket",
    "priority",
    "control_share",
    "discount",
    "threshold",
)
NUMERIC = {
    "cost_per_contact",
    "response_rate",
    "avg_basket",
    "priority",
    "control_share",
    "discount",
    "threshold",
}

M = Messages(
    {
        "no_segments": (
            "There are no segments yet: group the customers (step 3) before preparing the actions.",
            "Il n'y a pas encore de segments : regroupez les clients (étape 3) avant de préparer les actions.",
        ),
        "unknown_segment": (
            "There is no segment '{key}' in this analysis.",
            "Il n'y a pas de segment « {key} » dans cette analyse.",
        ),
        "not_editable": (
            "The field '{field}' of a plan cannot be edited; editable fields: {fields}.",
            "Le champ « {field} » d'un plan ne peut pas être modifié ; champs modifiables : {fields}.",
        ),
        "bad_number": (
            "'{value}' is not a valid value for {field}: give a number (a share between 0 and 1 for rates and shares).",
            "« {value} » n'est pas une valeur valable pour {field} : indiquez un nombre (une part entre 0 et 1 pour les taux et les parts).",
        ),
        "profile_basis": (
            "Chosen from the segment's profile: {why}.",
            "Choisi d'après le profil du segment : {why}.",
        ),
        "why.lapsed_valuable": (
            "no purchase for a long time, but high spend",
            "pas d'achat depuis longtemps, mais une forte dépense",
        ),
        "why.lapsed": ("no purchase for a long time", "pas d'achat depuis longtemps"),
        "why.discount": ("buys mostly with discounts", "achète surtout avec des remises"),
        "why.new": ("recent first-time buyers", "premiers achats récents"),
        "why.one_time": ("mostly bought only once", "la plupart n'ont acheté qu'une fois"),
        "why.best": ("frequent buyers who spend the most", "achètent souvent et dépensent le plus"),
        "why.frequent": ("buy more often than most", "achètent plus souvent que la moyenne"),
        "why.recent": ("recent buyers", "acheteurs récents"),
        "why.middle": ("average customers slowing down", "clients moyens qui ralentissent"),
    }
)


def _ratio(value: float, reference: float | None) -> float:
    """``value / reference``, 1 when either is unknown or the reference is zero."""
    if reference is None or math.isnan(value) or math.isnan(reference) or reference == 0:
        return 1.0
    return value / reference


def playbook_from_profile(profile: SegmentProfile) -> tuple[str, str]:
    """The playbook that fits a segment known only by its figures (a cluster, an unnamed rule).

    Compares the segment with all customers: recency, frequency, spend, one-order share and
    discount use. Returns the playbook id and the key of the reason (``why.*`` in :data:`M`).
    """
    overall = profile.overall
    r = _ratio(profile.recency_median, overall.get("recency_median"))
    fr = _ratio(profile.frequency_mean, overall.get("frequency_mean"))
    m = _ratio(profile.monetary_mean, overall.get("monetary_mean"))
    one = profile.one_order_share if not math.isnan(profile.one_order_share) else 0.0
    if f.is_discount_driven(profile) and profile.discount_share_mean >= 0.5:
        return "coupon_driven", "why.discount"
    if r >= 1.5:
        if m >= 2.0:
            return "cant_lose", "why.lapsed_valuable"
        if m >= 1.3 or fr >= 1.3:
            return "at_risk", "why.lapsed_valuable"
        return "hibernating", "why.lapsed"
    if one >= 0.7:
        return ("new_customers", "why.new") if r <= 0.6 else ("one_time_buyers", "why.one_time")
    if fr >= 1.5 and m >= 1.5:
        return "champions", "why.best"
    if fr >= 1.15:
        return "loyal", "why.frequent"
    if r <= 0.7:
        return "potential_loyalists", "why.recent"
    return "need_attention", "why.middle"


def build_plan(analysis: Analysis, profile: SegmentProfile) -> dict[str, Any]:
    """A fresh suggested plan for one segment (no user edits)."""
    lang = analysis.lang
    currency = currency_of(analysis)
    pid = lookup(profile.key, profile.name)
    basis = "key" if pid and lookup(profile.key) == pid else "name"
    basis_note = ""
    if pid is None:
        pid, why = playbook_from_profile(profile)
        basis = "profile"
        basis_note = M("profile_basis", lang, why=M(why, lang))
    playbook = PLAYBOOKS[pid]
    threshold = f.offer_threshold(profile)
    discount = f.discount_rate(playbook, profile)
    params = {
        "threshold": money(threshold, lang, currency),
        "discount": percent(discount, lang),
    }
    channel_key, channel = f.choose_channel(playbook, profile, lang)
    timing = text(pid, "timing", lang)
    fitted = f.fit_timing(playbook, profile, analysis.as_of, lang)
    avg_basket = profile.avg_basket if not math.isnan(profile.avg_basket) else 0.0
    plan: dict[str, Any] = {
        "key": profile.key,
        "name": profile.name,
        "playbook": pid,
        "basis": basis,
        "basis_note": basis_note,
        "persona": portrait(profile, lang, currency),
        "objective": text(pid, "objective", lang),
        "message": text(pid, "message", lang, **params),
        "offer": " ".join(
            part
            for part in (
                text(pid, "offer_discount" if discount > 0 else "offer", lang, **params),
                f.location_note(profile, lang),
            )
            if part
        ),
        "channel": channel,
        "channel_key": channel_key,
        "timing": f"{timing} {fitted}".strip(),
        "kpi": text(pid, "kpi", lang),
        "avoid": text(pid, "avoid", lang),
        "threshold": None if math.isnan(threshold) else threshold,
        "discount": discount,
        "discount_driven": f.is_discount_driven(profile),
        "lapsed": playbook.lapsed,
        "size": profile.size,
        "avg_basket": round(avg_basket, 2),
        # The defaults are set in euros: in yen or kronor they are converted to the right size.
        "cost_per_contact": local_amount(b.DEFAULT_COST_PER_CONTACT[channel_key], shop_currency(analysis)),
        "response_rate": playbook.response_rate,
        "control_share": float(analysis.control_share),
        "edited": [],
    }
    plan.update(c.control_advice(profile.size, plan["control_share"], plan["response_rate"], lang))
    return b.compute_budget(plan)


def suggest_plans(analysis: Analysis) -> dict[str, dict[str, Any]]:
    """Suggest a plan for every segment and store them in ``analysis.plans`` (keyed by segment).

    Fields the user edited in an earlier plan of the same segment are kept; the budget and the
    priorities are recomputed. Returns ``analysis.plans``.
    """
    if analysis.segmentation is None:
        raise UserError(M, "no_segments")
    previous = analysis.plans or {}
    plans: dict[str, dict[str, Any]] = {}
    for key, profile in segment_profiles(analysis).items():
        plan = build_plan(analysis, profile)
        old = previous.get(key)
        if old:
            for field in old.get("edited", []):
                if field in old:
                    plan[field] = old[field]
            plan["edited"] = list(old.get("edited", []))
            if "control_share" in plan["edited"] or "response_rate" in plan["edited"]:
                plan.update(
                    c.control_advice(
                        plan["size"], plan["control_share"], plan["response_rate"], analysis.lang
                    )
                )
        plans[key] = b.compute_budget(plan)
    b.prioritize(plans)
    analysis.plans = plans
    return plans


def update_plan(analysis: Analysis, key: str, **changes: Any) -> dict[str, Any]:
    """Edit fields of one segment's plan; recompute budget, control group and priorities.

    Numeric fields are checked (rates and shares between 0 and 1); the fields changed are
    recorded in ``edited`` so a later suggestion keeps them. A new control share redraws that
    segment's control group (the other segments keep theirs). Returns the plan.
    """
    plan = analysis.plans.get(key)
    if plan is None:
        raise UserError(M, "unknown_segment", key=key)
    for field, value in changes.items():
        if field not in EDITABLE:
            raise UserError(M, "not_editable", field=field, fields=", ".join(EDITABLE))
        if field in NUMERIC:
            value = _check_number(field, value)
        plan[field] = value
        if field not in plan["edited"]:
            plan["edited"].append(field)
    if "control_share" in changes or "response_rate" in changes:
        plan.update(
            c.control_advice(plan["size"], plan["control_share"], plan["response_rate"], analysis.lang)
        )
    b.compute_budget(plan)
    b.prioritize(analysis.plans)
    if "control_share" in changes and analysis.segmentation is not None:
        c.draw_control(analysis)
    return plan


def _check_number(field: str, value: Any) -> float | int:
    """A numeric plan field, validated; raises a UserError that says what is expected."""
    try:
        number = float(str(value).replace(",", ".").replace("%", "").strip())
    except ValueError:
        raise UserError(M, "bad_number", field=field, value=value) from None
    if isinstance(value, str) and "%" in value:
        number /= 100
    if math.isnan(number) or number < 0:
        raise UserError(M, "bad_number", field=field, value=value)
    if field in ("response_rate", "control_share", "discount") and number > 1:
        raise UserError(M, "bad_number", field=field, value=value)
    if field == "control_share" and number > 0.5:
        raise UserError(M, "bad_number", field=field, value=value)
    return int(number) if field == "priority" else number
