"""The quality check of every segment: measurable, substantial, accessible, differentiable, actionable.

:func:`scorecard` returns one row per segment with the figures behind each criterion, a pass/fail
per criterion and plain-language advice; :func:`warnings` gives the warnings about the whole
grouping (more than :data:`MAX_SEGMENTS` segments, tiny segments).

Thresholds (shown to the user with the figures):

- substantial: at least :data:`MIN_CAMPAIGN` customers and 1% of all customers, but never more than
  :data:`MAX_THRESHOLD` required (a 100,000-customer shop can run a 200-customer campaign); a
  segment under half of that, or under 5 customers, is *tiny*;
- accessible: at least half of the segment reachable (``contactable``, else a valid email or phone);
- differentiable: the segment's profile (mean recency, frequency, spend, basket, tenure, each in
  standard deviations of all customers) is farther than :data:`NEAR_COPY_DISTANCE` from every other
  segment; otherwise it is flagged with the nearest one and a suggestion to merge;
- actionable: a plan exists for it in ``analysis.plans`` (step 4).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages

MAX_SEGMENTS = 7
MIN_CAMPAIGN = 10
MIN_SHARE = 0.01
MAX_THRESHOLD = 200
MIN_REACHABLE_SHARE = 0.5
NEAR_COPY_DISTANCE = 0.25
PROFILE_COLUMNS = (s.C_RECENCY, s.C_FREQUENCY, s.C_MONETARY, s.C_AVG_BASKET, s.C_TENURE)

MESSAGES = Messages(
    {
        "ok": ("Ready to act on.", "Prêt pour une action."),
        "empty": ("No customer is in this segment.", "Aucun client dans ce segment."),
        "small_one": (
            "Too small for a campaign: a single customer, {threshold} needed. Merge it with a close segment.",
            "Trop petit pour une campagne : un seul client, {threshold} nécessaires. "
            "Fusionnez-le avec un segment proche.",
        ),
        "small": (
            "Too small for a campaign: {customers} customers, {threshold} needed. Merge it with a close segment.",
            "Trop petit pour une campagne : {customers} clients, {threshold} nécessaires. "
            "Fusionnez-le avec un segment proche.",
        ),
        "reach": (
            "Only {share} of these customers can be reached by email or phone: plan a letter or an in-store offer.",
            "Seuls {share} de ces clients sont joignables par e-mail ou téléphone : prévoyez un courrier "
            "ou une offre en magasin.",
        ),
        "reach_unknown": (
            "No contact details in the data: how many of these customers can be reached is unknown.",
            "Pas de coordonnées dans les données : on ne sait pas combien de ces clients sont joignables.",
        ),
        "near_copy": (
            "Very close to '{other}' (same recency, frequency and spend): consider merging them.",
            "Très proche de « {other} » (même récence, fréquence et dépense) : envisagez de les fusionner.",
        ),
        "no_plan": (
            "No action planned yet: choose one in step 4 (Act).",
            "Aucune action prévue : choisissez-en une à l'étape 4 (Agir).",
        ),
        "too_many": (
            "{count} segments: more than {limit} is hard to act on. Merge the close or small ones; "
            "three segments you act on beat ten you cannot.",
            "{count} segments : au-delà de {limit}, difficile d'agir sur chacun. Fusionnez les segments "
            "proches ou petits ; mieux vaut trois segments utilisés que dix inutilisés.",
        ),
        "tiny": (
            "Tiny segment '{name}': {customers} customers.",
            "Segment minuscule « {name} » : {customers} clients.",
        ),
        "tiny_one": (
            "Tiny segment '{name}': a single customer.",
            "Segment minuscule « {name} » : un seul client.",
        ),
    }
)


def substantial_threshold(total_customers: int) -> int:
    """Customers a segment needs to be worth a campaign (see the module docstring)."""
    return int(min(max(MIN_CAMPAIGN, math.ceil(MIN_SHARE * total_customers)), MAX_THRESHOLD))


def _reachable(customers: pd.DataFrame) -> pd.Series | None:
    """Per customer: reachable (True/False), or None when the data holds no contact details at all
    (then "0% reachable" would be false: the shop may well have them elsewhere)."""
    flags = [
        customers[c].fillna(False).astype(bool) for c in (s.C_HAS_EMAIL, s.C_HAS_PHONE) if c in customers
    ]
    raw = [c for c in (s.EMAIL, s.PHONE) if c in customers.columns and customers[c].notna().any()]
    if not raw and not any(flag.any() for flag in flags):
        return None
    if s.C_CONTACTABLE in customers.columns:
        return customers[s.C_CONTACTABLE].fillna(False).astype(bool)
    reach = pd.Series(False, index=customers.index)
    for flag in flags:
        reach = reach | flag
    return reach


def _profile_columns(analysis: Analysis) -> list[str]:
    """The behaviour columns that vary, plus a clustering's own numeric criteria (a customers file
    without orders is clustered on its attributes, and its segments differ on those)."""
    customers = analysis.customers
    assert customers is not None
    columns = [c for c in PROFILE_COLUMNS if c in customers.columns]
    seg = analysis.segmentation
    if seg is not None and seg.method == "clusters":
        columns += [c for c in seg.details.get("criteria", []) if c in customers.columns and c not in columns]
    return [
        c
        for c in columns
        if pd.api.types.is_numeric_dtype(customers[c])
        and not pd.api.types.is_bool_dtype(customers[c])
        and customers[c].nunique() > 1
    ]


def _profiles(customers: pd.DataFrame, segment_of: pd.Series, columns: list[str]) -> pd.DataFrame:
    """Mean of each profile column per segment, in standard deviations of all customers.

    Amounts and counts are skewed, so they are log-transformed first (one big spender should not
    make two otherwise identical segments look different).
    """
    if not columns:
        return pd.DataFrame(index=segment_of.unique())
    values = customers[columns].reindex(segment_of.index).astype(float)
    values = np.sign(values) * np.log1p(values.abs())
    std = values.std(ddof=0).replace(0, np.nan)
    z = (values - values.mean()) / std
    return z.groupby(segment_of.to_numpy()).mean().fillna(0.0)


def scorecard(analysis: Analysis) -> pd.DataFrame:
    """One row per segment key (display order) with the five criteria, their figures and advice.

    Columns: key, name, customers, share, revenue, revenue_share, measurable, substantial,
    substantial_threshold, tiny, reachable_share, email_share, phone_share (None when the data has
    no contact details), accessible, nearest, nearest_distance,
    differentiable, actionable, passed (0-5), advice (list of texts in the analysis language).
    """
    seg = analysis.segmentation
    columns = [
        "key",
        "name",
        "customers",
        "share",
        "revenue",
        "revenue_share",
        "measurable",
        "substantial",
        "substantial_threshold",
        "tiny",
        "reachable_share",
        "email_share",
        "phone_share",
        "accessible",
        "nearest",
        "nearest_distance",
        "differentiable",
        "actionable",
        "passed",
        "advice",
    ]
    if seg is None or analysis.customers is None:
        return pd.DataFrame(columns=columns)
    lang = analysis.lang
    customers = analysis.customers
    segment_of = seg.assignments[s.A_SEGMENT]
    total = len(segment_of)
    keys = seg.segments["key"].tolist()
    counts = segment_of.value_counts().reindex(keys, fill_value=0)
    if s.C_MONETARY in customers.columns:
        money = customers[s.C_MONETARY].reindex(segment_of.index).astype(float)
        revenue = money.groupby(segment_of.to_numpy()).sum().reindex(keys, fill_value=0.0)
    else:
        revenue = pd.Series(np.nan, index=keys)
    total_revenue = float(revenue.sum()) if revenue.notna().any() else float("nan")
    reach = _reachable(customers)
    reach_share = (
        reach.reindex(segment_of.index).fillna(False).groupby(segment_of.to_numpy()).mean().reindex(keys)
        if reach is not None
        else pd.Series(np.nan, index=keys)
    )
    channel_share = {
        column: customers[column]
        .reindex(segment_of.index)
        .fillna(False)
        .astype(bool)
        .groupby(segment_of.to_numpy())
        .mean()
        for column in (s.C_HAS_EMAIL, s.C_HAS_PHONE)
        if column in customers.columns and reach is not None
    }
    profiles = _profiles(customers, segment_of, _profile_columns(analysis)).reindex(
        [k for k in keys if counts[k] > 0]
    )
    threshold = substantial_threshold(total)

    rows = []
    for key in keys:
        n = int(counts[key])
        advice: list[str] = []
        measurable = n > 0 and not math.isnan(float(revenue[key]))
        substantial = n >= threshold
        tiny = 0 < n < max(5, threshold / 2)
        share_reach = float(reach_share[key]) if not pd.isna(reach_share[key]) else None
        accessible = share_reach is not None and share_reach >= MIN_REACHABLE_SHARE
        nearest, distance = _nearest(profiles, key)
        differentiable = n > 0 and (distance is None or distance >= NEAR_COPY_DISTANCE)
        actionable = bool(analysis.plans.get(key))
        if n == 0:
            advice.append(MESSAGES("empty", lang))
        elif not substantial:
            size_text = "small_one" if n == 1 else "small"  # never "1 customers"
            advice.append(MESSAGES(size_text, lang, customers=n, threshold=threshold))
        if n > 0 and share_reach is None:
            advice.append(MESSAGES("reach_unknown", lang))
        elif n > 0 and not accessible:
            advice.append(
                MESSAGES(
                    "reach", lang, share=f"{share_reach:.0%}".replace("%", "\u202f%" if lang == "fr" else "%")
                )
            )
        if n > 0 and not differentiable and nearest is not None:
            advice.append(MESSAGES("near_copy", lang, other=seg.name_of(nearest)))
        if not actionable:
            advice.append(MESSAGES("no_plan", lang))
        passed = int(measurable) + int(substantial) + int(accessible) + int(differentiable) + int(actionable)
        if passed == 5:
            advice.append(MESSAGES("ok", lang))
        rows.append(
            {
                "key": key,
                "name": seg.name_of(key),
                "customers": n,
                "share": n / total if total else 0.0,
                "revenue": float(revenue[key]),
                "revenue_share": float(revenue[key]) / total_revenue if total_revenue else float("nan"),
                "measurable": bool(measurable),
                "substantial": bool(substantial),
                "substantial_threshold": threshold,
                "tiny": bool(tiny),
                "reachable_share": share_reach,
                "email_share": _share(channel_share.get(s.C_HAS_EMAIL), key),
                "phone_share": _share(channel_share.get(s.C_HAS_PHONE), key),
                "accessible": bool(accessible),
                "nearest": nearest,
                "nearest_distance": distance,
                "differentiable": bool(differentiable),
                "actionable": actionable,
                "passed": passed,
                "advice": advice,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def _share(shares: pd.Series | None, key: str) -> float | None:
    if shares is None or key not in shares.index:
        return None
    return round(float(shares[key]), 4)


def _nearest(profiles: pd.DataFrame, key: str) -> tuple[str | None, float | None]:
    """The other segment whose profile is closest, and the distance (RMS of the z differences)."""
    if key not in profiles.index or len(profiles) < 2 or profiles.shape[1] == 0:
        return None, None
    diffs = profiles.drop(index=key) - profiles.loc[key]
    distances = np.sqrt((diffs**2).mean(axis=1))
    other = str(distances.idxmin())
    return other, round(float(distances.min()), 4)


def warnings(analysis: Analysis) -> list[str]:
    """Warnings about the grouping as a whole: too many segments, tiny segments."""
    seg = analysis.segmentation
    if seg is None:
        return []
    lang = analysis.lang
    out: list[str] = []
    counts = seg.counts()
    used = int((counts > 0).sum())
    if used > MAX_SEGMENTS:
        out.append(MESSAGES("too_many", lang, count=used, limit=MAX_SEGMENTS))
    card = scorecard(analysis)
    for row in card[card["tiny"]].itertuples():
        if row.customers == 1:
            out.append(MESSAGES("tiny_one", lang, name=row.name))
        else:
            out.append(MESSAGES("tiny", lang, name=row.name, customers=row.customers))
    return out
