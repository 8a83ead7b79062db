"""Words for clusters: what sets each one apart, a plain-language name, and each customer's reason.

A cluster is described by the criteria where its average (in standard deviations, on the
prepared scale) is farthest from everyone's; a category counts by how much more often it occurs
in the cluster than overall.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core.i18n import Messages
from segmenter_app.core.segmentation.cluster_features import Features
from segmenter_app.core.segmentation.common import format_number, format_numbers
from segmenter_app.core.segmentation.labels import label

AVERAGE_LIMIT = 0.3  # below this distance on every criterion, a cluster is "average"

WORDS = Messages(
    {
        "recency_days+": ("Lapsed", "Partis depuis longtemps"),
        "recency_days-": ("Recent", "Récents"),
        "frequency+": ("Frequent", "Fréquents"),
        "frequency-": ("Occasional", "Occasionnels"),
        "monetary+": ("Big spenders", "Gros dépensiers"),
        "monetary-": ("Small spenders", "Petits budgets"),
        "avg_basket+": ("Big baskets", "Gros paniers"),
        "avg_basket-": ("Small baskets", "Petits paniers"),
        "tenure_days+": ("Long-standing", "Anciens"),
        "tenure_days-": ("Newcomers", "Nouveaux venus"),
        "mean_gap_days+": ("Slow to return", "Reviennent lentement"),
        "mean_gap_days-": ("Quick to return", "Reviennent vite"),
        "returns_share+": ("Frequent returners", "Retournent souvent"),
        "returns_share-": ("Rarely return", "Retournent peu"),
        "discount_share+": ("Discount seekers", "Amateurs de remises"),
        "discount_share-": ("Full price", "Prix plein"),
        "age+": ("Older", "Plus âgés"),
        "age-": ("Younger", "Plus jeunes"),
        "high": ("High {label}", "{label} : élevé"),
        "low": ("Low {label}", "{label} : faible"),
        "category": ("{label}: {value}", "{label} : {value}"),
        "average": ("Average customers", "Clients dans la moyenne"),
        "feature_num": (
            "{arrow} {label} {value} (all customers: {overall})",
            "{arrow} {label} {value} (tous les clients : {overall})",
        ),
        "feature_cat": (
            "{label} {value}: {share} of the cluster (all customers: {overall})",
            "{label} {value} : {share} du groupe (tous les clients : {overall})",
        ),
        "reason": ("Cluster “{name}”: {values}", "Groupe « {name} » : {values}"),
        "reason_avg": (
            "Cluster “{name}”: close to the average customer",
            "Groupe « {name} » : proche du client moyen",
        ),
        "missing": ("–", "–"),
    }
)


def _percent(value: float, lang: str) -> str:
    text = f"{value:.0%}"
    return text.replace("%", "\u202f%") if lang == "fr" else text


def _number(value: float, lang: str) -> str:
    return format_number(value, lang, 0 if abs(value) >= 100 or float(value).is_integer() else 1)


def distinguishing(
    features: Features, labels: np.ndarray, cluster: int
) -> list[tuple[str, float, str | None]]:
    """The criteria that set a cluster apart, strongest first: (criterion, signed score, category).

    Numbers score by the cluster's mean z-score; a category by its share in the cluster minus its
    share overall, divided by the spread of that indicator (so both are on a comparable scale).
    """
    members = labels == cluster
    scores: dict[str, tuple[float, str | None]] = {}
    for j, name in enumerate(features.columns):
        criterion = features.source[j]
        column = features.matrix[:, j]
        if criterion in features.numeric:
            score, category = float(column[members].mean()), None
        else:
            overall = float(column.mean())
            spread = float(np.sqrt(overall * (1 - overall))) or 1.0
            score, category = (float(column[members].mean()) - overall) / spread, name.split("=", 1)[1]
            if score <= 0:
                continue  # describe a cluster by what it has more of
        if criterion not in scores or abs(score) > abs(scores[criterion][0]):
            scores[criterion] = (score, category)
    ranked = sorted(scores.items(), key=lambda item: -abs(item[1][0]))
    return [(criterion, score, category) for criterion, (score, category) in ranked]


def cluster_name(ranked: list[tuple[str, float, str | None]], lang: str) -> str:
    """A plain name from the two strongest traits ("Recent · Big spenders").

    Behaviour comes before a category in every name, whichever is stronger, so clusters that share
    a trait read alike where they are alike and differ where they differ ("Big spenders · city:
    Lyon" and "Small spenders · city: Lyon", not "City: Lyon · Small spenders").
    """
    chosen = [trait for trait in ranked[:2] if abs(trait[1]) >= AVERAGE_LIMIT]
    chosen.sort(key=lambda trait: trait[2] is not None)  # stable: strength order within each kind
    parts = [_trait(criterion, score, category, lang) for criterion, score, category in chosen]
    name = " · ".join(parts)
    # A name starts with a capital, even when it starts with a criterion's label ("City: Lyon").
    return name[:1].upper() + name[1:] if name else WORDS("average", lang)


def _trait(criterion: str, score: float, category: str | None, lang: str) -> str:
    if category is not None:
        return WORDS("category", lang, label=label(criterion, lang), value=category)
    key = f"{criterion}{'+' if score > 0 else '-'}"
    if WORDS.has(key):
        return WORDS(key, lang)
    return WORDS("high" if score > 0 else "low", lang, label=label(criterion, lang))


def unique_names(names: list[str], ranked: list[list[tuple[str, float, str | None]]], lang: str) -> list[str]:
    """Make names unique: add the next trait, then a number, to clusters that share a name."""
    out = list(names)
    for _ in range(2):
        seen: dict[str, list[int]] = {}
        for i, name in enumerate(out):
            seen.setdefault(name, []).append(i)
        clashes = [ids for ids in seen.values() if len(ids) > 1]
        if not clashes:
            return out
        for ids in clashes:
            for i in ids:
                extra = ranked[i][2:3] if _ == 0 else []
                if extra:
                    out[i] = f"{out[i]} · {_trait(*extra[0], lang)}"
                else:
                    out[i] = f"{out[i]} ({ids.index(i) + 1})"
    return out


def describe(
    customers: pd.DataFrame, features: Features, labels: np.ndarray, cluster: int, lang: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """The cluster's distinguishing traits in words, and as figures for the report."""
    members = labels == cluster
    texts: list[str] = []
    figures: list[dict[str, Any]] = []
    for criterion, score, category in distinguishing(features, labels, cluster)[:3]:
        if abs(score) < AVERAGE_LIMIT:
            break
        column = customers[criterion]
        if category is None:
            values = column.astype(float)
            inside, overall = float(values[members].median()), float(values.median())
            texts.append(
                WORDS(
                    "feature_num",
                    lang,
                    arrow="↑" if score > 0 else "↓",
                    label=label(criterion, lang),
                    value=_number(inside, lang),
                    overall=_number(overall, lang),
                )
            )
            figures.append(
                {
                    "criterion": criterion,
                    "score": round(score, 3),
                    "median": inside,
                    "overall_median": overall,
                }
            )
        else:
            text = column.astype("string").fillna("(missing)")
            inside, overall = float((text[members] == category).mean()), float((text == category).mean())
            texts.append(
                WORDS(
                    "feature_cat",
                    lang,
                    label=label(criterion, lang),
                    value=category,
                    share=_percent(inside, lang),
                    overall=_percent(overall, lang),
                )
            )
            figures.append(
                {
                    "criterion": criterion,
                    "value": category,
                    "score": round(score, 3),
                    "share": inside,
                    "overall_share": overall,
                }
            )
    return texts, figures


def reasons(
    customers: pd.DataFrame,
    labels: np.ndarray,
    names: list[str],
    traits: list[list[dict[str, Any]]],
    lang: str,
) -> np.ndarray:
    """Per customer: the cluster's name and the customer's own values on its distinguishing criteria."""
    out = np.empty(len(labels), dtype=object)
    for cluster, name in enumerate(names):
        rows = np.flatnonzero(labels == cluster)
        if rows.size == 0:
            continue
        figures = traits[cluster]
        if not figures:
            out[rows] = WORDS("reason_avg", lang, name=name)
            continue
        parts: list[list[str]] = [[] for _ in range(rows.size)]
        for figure in figures:
            column = customers[figure["criterion"]].iloc[rows]
            name_text = label(figure["criterion"], lang)
            if "median" in figure:
                array = column.astype(float).to_numpy()
                whole = bool(np.all(np.isnan(array) | (array == np.round(array)) | (np.abs(array) >= 100)))
                values = format_numbers(array, lang, 0 if whole else 1)
            else:
                values = column.astype("string").fillna("(missing)").tolist()
            for i, value in enumerate(values):
                parts[i].append(f"{name_text} {value}")
        template = WORDS.texts["reason"][1 if lang == "fr" else 0]
        out[rows] = [template.format(name=name, values=", ".join(p)) for p in parts]
    return out
