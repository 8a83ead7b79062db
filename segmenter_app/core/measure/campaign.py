"""Per-segment campaign figures and the uplift over the control group.

For each segment (and for all segments together, key ``"*"``), the contacted customers are those
not in the control group (column ``control`` of the assignments; without it, everyone was
contacted). Customers of the analysis absent from a results sheet count as not converted. When a
results sheet covers none of the control customers, their outcome is unknown: the uplift is then
not measured (``control_observed`` is False) rather than wrongly assumed.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.actions.wording import currency_of, percent
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages
from segmenter_app.core.measure import stats
from segmenter_app.core.measure.results import Outcomes

TOTAL_KEY = "*"
# Alert when a segment's conversion rate drops by this much (fraction) since the last measure.
CONVERSION_DROP = 0.05

K = Messages(
    {
        "total": ("All segments", "Tous les segments"),
        "drop": (
            "Conversion in '{name}' dropped from {before} to {after} since the previous measure.",
            "La conversion de « {name} » est passée de {before} à {after} depuis la mesure précédente.",
        ),
        "campaign_before_analysis": (
            "The campaign date {date} is before the project's analysis date {as_of}: its segments and control group were drawn from the sales up to {as_of}, after the campaign, so these figures do not measure it. Check the campaign date, or segment the sales up to the campaign (analysis date) and measure that project.",
            "La date de campagne {date} précède la date d'analyse du projet ({as_of}) : ses segments et son groupe témoin ont été tirés des ventes jusqu'au {as_of}, après la campagne, donc ces chiffres ne la mesurent pas. Vérifiez la date de campagne, ou segmentez les ventes jusqu'à la campagne (date d'analyse) et mesurez ce projet-là.",
        ),
        "window_partly_covered": (
            "The sales export covers only {first} to {last} of the campaign's window ({start} to {end}): purchases on the other days are not counted, so the conversion rates are understated. Export the sales of the whole window to measure it fully.",
            "L'export des ventes ne couvre que du {first} au {last} de la fenêtre de la campagne (du {start} au {end}) : les achats des autres jours ne sont pas comptés, les taux de conversion sont donc sous-estimés. Exportez les ventes de toute la fenêtre pour la mesurer entièrement.",
        ),
        "unmatched": (
            "{count} customers named in the results file are not in the project: their rows are left out of the measure. Check that the results are this project's (the same shop, customers written as in its sales).",
            "{count} clients cités dans le fichier de résultats ne sont pas dans le projet : leurs lignes sont écartées de la mesure. Vérifiez que les résultats sont bien ceux de ce projet (la même boutique, les clients écrits comme dans ses ventes).",
        ),
        "unmatched_one": (
            "1 customer named in the results file is not in the project: their rows are left out of the measure. Check that the results are this project's (the same shop, customers written as in its sales).",
            "1 client cité dans le fichier de résultats n'est pas dans le projet : ses lignes sont écartées de la mesure. Vérifiez que les résultats sont bien ceux de ce projet (la même boutique, les clients écrits comme dans ses ventes).",
        ),
        "other_currency": (
            "The revenue of the results is written in {theirs}, the project's sales in {ours}: it is added as it is, not converted, so the measured revenue is not in {ours}. Convert the revenue to {ours} in the results and measure again.",
            "Le chiffre d'affaires des résultats est écrit en {theirs}, les ventes du projet en {ours} : il est additionné tel quel, sans conversion, si bien que le chiffre d'affaires mesuré n'est pas en {ours}. Convertissez-le en {ours} dans les résultats et mesurez à nouveau.",
        ),
        "contradicted": (
            "{count} customers are on a 'yes' row and on a 'no' row of the results: they count as converted. Check those rows (a customer pasted twice with different answers?) and measure again if needed.",
            "{count} clients figurent sur une ligne « oui » et sur une ligne « non » des résultats : ils comptent comme convertis. Vérifiez ces lignes (un client collé deux fois avec des réponses différentes ?) et mesurez à nouveau si besoin.",
        ),
        "contradicted_one": (
            "1 customer is on a 'yes' row and on a 'no' row of the results: they count as converted. Check those rows (a customer pasted twice with different answers?) and measure again if needed.",
            "1 client figure sur une ligne « oui » et sur une ligne « non » des résultats : il compte comme converti. Vérifiez ces lignes (un client collé deux fois avec des réponses différentes ?) et mesurez à nouveau si besoin.",
        ),
        "unreadable_revenue": (
            "{count} revenue cells of the results could not be read as amounts: those customers count as converted with no revenue, so the revenue is understated. Correct those cells (a number such as 12.50 or 12,50 €) and measure again.",
            "{count} cellules de chiffre d'affaires des résultats n'ont pas pu être lues comme des montants : ces clients comptent comme convertis sans chiffre d'affaires, qui est donc sous-estimé. Corrigez ces cellules (un nombre comme 12,50 € ou 12.50) et mesurez à nouveau.",
        ),
        "unreadable_revenue_one": (
            "One revenue cell of the results could not be read as an amount: that customer counts as converted with no revenue, so the revenue is understated. Correct that cell (a number such as 12.50 or 12,50 €) and measure again.",
            "Une cellule de chiffre d'affaires des résultats n'a pas pu être lue comme un montant : ce client compte comme converti sans chiffre d'affaires, qui est donc sous-estimé. Corrigez cette cellule (un nombre comme 12,50 € ou 12.50) et mesurez à nouveau.",
        ),
        "ambiguous_email_one": (
            "One row of the results names its customer by an email that several customers share: it was given to no one (not guessed), and that customer counts as absent from the results. Add the customer id to that row and measure again.",
            "Une ligne des résultats désigne son client par un e-mail que plusieurs clients partagent : elle n'a été attribuée à personne (sans deviner), et ce client compte comme absent des résultats. Ajoutez l'identifiant client à cette ligne et mesurez à nouveau.",
        ),
        "ambiguous_email": (
            "{count} rows of the results name their customer by an email that several customers share: they were given to no one (not guessed), and those customers count as absent from the results. Add the customer id to those rows and measure again.",
            "{count} lignes des résultats désignent leur client par un e-mail que plusieurs clients partagent : elles n'ont été attribuées à personne (sans deviner), et ces clients comptent comme absents des résultats. Ajoutez l'identifiant client à ces lignes et mesurez à nouveau.",
        ),
        "negative": (
            "The campaign did worse than no contact in '{name}': {text}",
            "La campagne a fait moins bien que l'absence de contact dans « {name} » : {text}",
        ),
    }
)


def _rate(x: float, n: int) -> float | None:
    return x / n if n else None


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def segment_figures(
    frame: pd.DataFrame,
    plan: dict[str, Any] | None,
    *,
    lang: str,
    currency: str,
    control_observed: bool,
    has_revenue: bool,
    lapsed: bool,
    seed: int = 0,
) -> dict[str, Any]:
    """The figures of one group of customers (columns ``control``, ``converted``, ``revenue``)."""
    control = frame["control"].to_numpy(dtype=bool)
    converted = frame["converted"].to_numpy(dtype=bool)
    revenue = frame["revenue"].to_numpy(dtype=float)
    n_t, n_c = int((~control).sum()), int(control.sum())
    x_t, x_c = int(converted[~control].sum()), int(converted[control].sum())
    rev_t = float(revenue[~control].sum()) if has_revenue else None
    rev_c = float(revenue[control].sum()) if has_revenue else None
    cost_per_contact = float((plan or {}).get("cost_per_contact") or 0.0)
    cost = n_t * cost_per_contact
    rate_t = _rate(x_t, n_t)
    out: dict[str, Any] = {
        "customers": len(frame),
        "contacted": n_t,
        "control": n_c,
        "conversions": x_t,
        "conversion_rate": _round(rate_t),
        "control_conversions": x_c if control_observed else None,
        "control_rate": _round(_rate(x_c, n_c)) if control_observed else None,
        "revenue": _round(rev_t, 2),
        "control_revenue": _round(rev_c, 2) if control_observed else None,
        "avg_basket": _round(rev_t / x_t, 2) if has_revenue and x_t else None,
        "revenue_per_contacted": _round(rev_t / n_t, 2) if has_revenue and n_t else None,
        "revenue_per_control": _round(rev_c / n_c, 2) if has_revenue and n_c and control_observed else None,
        "cost_per_contact": cost_per_contact,
        "cost": round(cost, 2),
        "roi": _round((rev_t - cost) / cost, 3) if has_revenue and cost > 0 else None,
        "rate_kind": "reactivation" if lapsed else "retention",
        "reactivation_rate": _round(rate_t) if lapsed else None,
        "retention_rate": None if lapsed else _round(rate_t),
        "expected_conversions": (plan or {}).get("expected_conversions"),
        "clv": _round(float(np.nanmean(frame["clv"])), 2)
        if "clv" in frame.columns and frame["clv"].notna().any()
        else None,
    }
    conv = rev = None
    note = ""
    if n_c == 0 or n_t == 0:
        note = stats.S("no_control", lang)
    elif not control_observed:
        note = stats.S("control_not_observed", lang)
    else:
        conv = stats.proportion_difference(x_t, n_t, x_c, n_c)
        if has_revenue:
            rev = stats.mean_difference(revenue[~control], revenue[control], seed=seed)
        if rev is None and has_revenue:
            note = stats.S("too_few", lang)
    out.update(
        uplift=_round(conv.diff) if conv else None,
        uplift_low=_round(conv.low) if conv else None,
        uplift_high=_round(conv.high) if conv else None,
        uplift_verdict=conv.verdict if conv else None,
        uplift_text=stats.say_conversion(conv, lang) if conv else note,
        revenue_uplift=_round(rev.diff, 2) if rev else None,
        revenue_uplift_low=_round(rev.low, 2) if rev else None,
        revenue_uplift_high=_round(rev.high, 2) if rev else None,
        revenue_verdict=rev.verdict if rev else None,
        revenue_text=_revenue_text(rev, revenue, control, lang, currency) if rev else note,
        incremental_revenue=_round(rev.diff * n_t, 2) if rev else None,
        incremental_roi=_round((rev.diff * n_t - cost) / cost, 3) if rev and cost > 0 else None,
    )
    return out


def _revenue_text(
    rev: stats.Interval, revenue: np.ndarray, control: np.ndarray, lang: str, currency: str
) -> str:
    """The revenue uplift in words, saying when few buyers make it rough."""
    text = stats.say_revenue(rev, lang, currency)
    buyers = min(np.count_nonzero(revenue[control]), np.count_nonzero(revenue[~control]))
    return f"{text} {stats.S('rough', lang)}" if buyers < stats.FEW_BUYERS else text


def outcome_frame(analysis: Analysis, outcomes: Outcomes) -> pd.DataFrame:
    """One row per segmented customer: segment, control, observed, converted, revenue."""
    seg = analysis.segmentation
    if seg is None:
        raise ValueError("measuring needs a segmentation")
    assignments = seg.assignments
    index = assignments.index.astype(str)
    frame = pd.DataFrame(
        {
            "segment": assignments[s.A_SEGMENT].astype(str).to_numpy(),
            "control": (
                assignments[s.A_CONTROL].fillna(False).astype(bool).to_numpy()
                if s.A_CONTROL in assignments.columns
                else np.zeros(len(assignments), dtype=bool)
            ),
        },
        index=index,
    )
    table = outcomes.table
    table = table.set_axis(table.index.astype(str))
    frame["observed"] = frame.index.isin(table.index)
    frame["converted"] = table["converted"].reindex(frame.index).fillna(False).astype(bool).to_numpy()
    revenue = table["revenue"].reindex(frame.index).astype(float)
    frame["revenue"] = revenue.fillna(0.0).to_numpy()
    if "clv" in assignments.columns:  # predicted lifetime value, when the method gave one
        frame["clv"] = pd.to_numeric(assignments["clv"], errors="coerce").to_numpy(dtype=float)
    return frame


def _default_label(outcomes: Outcomes) -> str:
    """A measurement's label: the campaign date, else the results file's name."""
    if outcomes.campaign_date is not None:
        return outcomes.campaign_date.date().isoformat()
    return Path(outcomes.path).name


def measure_campaign(analysis: Analysis, outcomes: Outcomes, *, label: str | None = None) -> dict[str, Any]:
    """The measurement of a campaign: per-segment figures, uplift, alerts (see package docstring).

    Does not store it; :func:`add_measurement` appends it to ``analysis.measurements``.
    """
    lang = analysis.lang
    currency = currency_of(analysis)
    frame = outcome_frame(analysis, outcomes)
    control_observed = outcomes.kind == "sales" or bool((frame["control"] & frame["observed"]).any())
    seg = analysis.segmentation
    assert seg is not None
    keys = [str(k) for k in seg.segments["key"].tolist()]
    keys += [k for k in pd.unique(frame["segment"]) if k not in keys]
    groups = dict(tuple(frame.groupby("segment", sort=False)))
    segments = []
    for key in keys:
        plan = analysis.plans.get(key)
        part = groups.get(key, frame.iloc[0:0])
        figures = segment_figures(
            part,
            plan,
            lang=lang,
            currency=currency,
            control_observed=control_observed,
            has_revenue=outcomes.has_revenue,
            lapsed=bool((plan or {}).get("lapsed", False)),
            seed=analysis.seed,
        )
        segments.append({"key": key, "name": seg.name_of(key), **figures})
    # All segments together: the cost is the sum of each segment's cost.
    total = segment_figures(
        frame,
        None,
        lang=lang,
        currency=currency,
        control_observed=control_observed,
        has_revenue=outcomes.has_revenue,
        lapsed=False,
        seed=analysis.seed,
    )
    total_cost = sum(row["cost"] for row in segments)
    total.update(
        cost=round(total_cost, 2),
        cost_per_contact=round(total_cost / total["contacted"], 4) if total["contacted"] else 0.0,
        roi=_round((total["revenue"] - total_cost) / total_cost, 3)
        if total["revenue"] is not None and total_cost > 0
        else None,
        rate_kind=None,
        reactivation_rate=None,
        retention_rate=None,
        expected_conversions=None,
    )
    if total.get("revenue_uplift") is not None and total_cost > 0:
        total["incremental_roi"] = _round(
            (total["revenue_uplift"] * total["contacted"] - total_cost) / total_cost, 3
        )
    total = {"key": TOTAL_KEY, "name": K("total", lang), **total}
    missing = int((~frame["observed"] & ~frame["control"]).sum())
    measurement: dict[str, Any] = {
        "format": 1,
        "label": label or _default_label(outcomes),
        "kind": outcomes.kind,
        "measured_at": pd.Timestamp.now().floor("s").isoformat(),
        "lang": lang,
        "currency": currency,
        "source": {
            "path": outcomes.path,
            "fingerprint": outcomes.fingerprint,
            "rows_read": outcomes.rows_read,
            "excluded": dict(outcomes.excluded),
            "unmatched_customers": outcomes.unmatched,
            "details": outcomes.details,
        },
        "campaign_date": outcomes.campaign_date.date().isoformat()
        if outcomes.campaign_date is not None
        else None,
        "window_days": outcomes.window_days,
        "control_observed": control_observed,
        "contacted_not_in_results": missing if outcomes.kind == "campaign" else 0,
        "segments": segments,
        "total": total,
        "alerts": source_alerts(outcomes, lang)
        + _date_alerts(analysis, outcomes)
        + currency_alerts(analysis, outcomes),
        "migration": None,
    }
    return measurement


def _date_alerts(analysis: Analysis, outcomes: Outcomes) -> list[dict[str, Any]]:
    """Say when the campaign went out before the segments existed: the window's purchases were
    already in the segmented sales, and the control group was drawn after the fact. A campaign
    sent on the last sale's day is one day before the default analysis date: not said."""
    date, as_of = outcomes.campaign_date, analysis.as_of
    if date is None or as_of is None or date.normalize() + pd.Timedelta(days=1) >= as_of.normalize():
        return []
    text = K(
        "campaign_before_analysis",
        analysis.lang,
        date=date.date().isoformat(),
        as_of=as_of.date().isoformat(),
    )
    return [{"kind": "campaign_before_analysis", "key": TOTAL_KEY, "text": text}]


def currency_alerts(analysis: Analysis, outcomes: Outcomes) -> list[dict[str, Any]]:
    """Say when the results' revenue is marked with another currency than the shop's sales
    ("$12.50" for a shop selling in euros): the amounts are added without conversion. A mark
    several currencies share ("$" of the USD, CAD, AUD...) is not taken for another currency."""
    from segmenter_app.core.currency import _SHARED_MARKS, shop_currency

    theirs = outcomes.details.get("revenue_currency")
    ours = shop_currency(analysis) if theirs else None
    if not theirs or not ours or theirs == ours or ours in _SHARED_MARKS.get(theirs, ()):
        return []
    text = K("other_currency", analysis.lang, theirs=theirs, ours=ours)
    return [{"kind": "other_currency", "key": TOTAL_KEY, "text": text}]


def source_alerts(outcomes: Outcomes, lang: str) -> list[dict[str, Any]]:
    """Alerts about the results file itself, whose figures are then understated: revenue cells
    that could not be read, customers of a results sheet the project does not know, rows given to
    no one (an email several customers share), a sales export covering only part of the
    campaign's window."""
    details = outcomes.details
    alerts: list[dict[str, Any]] = []
    if outcomes.kind == "campaign" and outcomes.unmatched:
        # A results sheet lists the contacted customers: one the project does not know is a typo,
        # another shop's file or ids written otherwise (a later sales export has new customers).
        count = outcomes.unmatched
        text = K("unmatched" if count != 1 else "unmatched_one", lang, count=count)
        alerts.append({"kind": "unmatched_customers", "key": TOTAL_KEY, "text": text})
    if details.get("contradicted_customers"):
        count = details["contradicted_customers"]
        text = K("contradicted" if count != 1 else "contradicted_one", lang, count=count)
        alerts.append({"kind": "contradicted_customers", "key": TOTAL_KEY, "text": text})
    if details.get("unreadable_revenue"):
        count = details["unreadable_revenue"]
        text = K("unreadable_revenue" if count != 1 else "unreadable_revenue_one", lang, count=count)
        alerts.append({"kind": "unreadable_revenue", "key": TOTAL_KEY, "text": text})
    if details.get("ambiguous_email_rows"):
        count = details["ambiguous_email_rows"]
        text = K("ambiguous_email" if count != 1 else "ambiguous_email_one", lang, count=count)
        alerts.append({"kind": "ambiguous_email", "key": TOTAL_KEY, "text": text})
    if not details.get("window_covered_from"):
        return alerts
    text = K(
        "window_partly_covered",
        lang,
        first=details["window_covered_from"],
        last=details["window_covered_to"],
        start=details["window_start"],
        end=details["window_end"],
    )
    return [*alerts, {"kind": "window_partly_covered", "key": TOTAL_KEY, "text": text}]


def conversion_alerts(
    previous: dict[str, Any] | None, current: dict[str, Any], lang: str
) -> list[dict[str, Any]]:
    """Alerts for segments whose conversion dropped since ``previous``, or went negative now."""
    alerts: list[dict[str, Any]] = []
    before = {row["key"]: row for row in (previous or {}).get("segments", [])}
    for row in current["segments"]:
        old = before.get(row["key"])
        was = (old or {}).get("conversion_rate")
        now = row.get("conversion_rate")
        if was is not None and now is not None and was - now >= CONVERSION_DROP:
            text = K("drop", lang, name=row["name"], before=percent(was, lang), after=percent(now, lang))
            alerts.append({"kind": "conversion_drop", "key": row["key"], "text": text})
        if row.get("uplift_verdict") == "likely_negative":
            alerts.append(
                {
                    "kind": "negative_uplift",
                    "key": row["key"],
                    "text": K("negative", lang, name=row["name"], text=row["uplift_text"]),
                }
            )
    return alerts


def add_measurement(analysis: Analysis, measurement: dict[str, Any]) -> dict[str, Any]:
    """Append a measurement to ``analysis.measurements`` with its alerts against the previous one."""
    previous = analysis.measurements[-1] if analysis.measurements else None
    measurement["alerts"] = conversion_alerts(previous, measurement, analysis.lang) + list(
        measurement.get("alerts") or []
    )
    measurement["id"] = len(analysis.measurements) + 1
    analysis.measurements.append(measurement)
    return measurement
