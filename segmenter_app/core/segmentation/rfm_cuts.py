"""RFM cut points: chosen between distinct values so ties never collapse the scores, checked
when the user edits them, and described in words (see :mod:`rfm` for their meaning)."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core.i18n import Messages, UserError, takes_plural
from segmenter_app.core.segmentation.common import format_number

DIMENSIONS = ("recency", "frequency", "monetary")

MESSAGES = Messages(
    {
        "bad_cut_points": (
            "The {dimension} cut points must be a list of at most {count} increasing numbers "
            "(got {value}). Fix them or leave them out to let the app compute them.",
            "Les seuils de {dimension} doivent être une liste d'au plus {count} nombres croissants "
            "(reçu {value}). Corrigez-les ou retirez-les pour que l'application les calcule.",
        ),
        "rule_recency": (
            "R {score}: last purchase at most {days} days ago",
            "R {score} : dernier achat il y a au plus {days} jours",
        ),
        "rule_recency_one": (
            "R {score}: last purchase at most {days} day ago",
            "R {score} : dernier achat il y a au plus {days} jour",
        ),
        "rule_recency_last_one": (
            "R {score}: last purchase more than {days} day ago",
            "R {score} : dernier achat il y a plus de {days} jour",
        ),
        "rule_recency_last": (
            "R {score}: last purchase more than {days} days ago",
            "R {score} : dernier achat il y a plus de {days} jours",
        ),
        "rule_lower": ("{dim} {score}: {value} or more", "{dim} {score} : {value} ou plus"),
        "rule_below": ("{dim} {score}: below {value}", "{dim} {score} : moins de {value}"),
    }
)


def _balanced_groups(counts: np.ndarray, groups: int) -> list[int]:
    """Split consecutive distinct values (with these counts) into ``groups`` non-empty runs.

    Returns the index of the last distinct value of each run but the last. Greedy and
    deterministic: each boundary is the one whose cumulative count is closest to an even share of
    what remains, keeping at least one distinct value for every run still to place.
    """
    cum = np.cumsum(counts)
    total = cum[-1]
    n_distinct = len(counts)
    bounds: list[int] = []
    prev = -1
    for k in range(1, groups):
        done = cum[prev] if prev >= 0 else 0
        target = done + (total - done) / (groups - k + 1)
        lo = prev + 1
        hi = n_distinct - 1 - (groups - k)
        window = cum[lo : hi + 1]
        j = lo + int(np.argmin(np.abs(window - target)))
        bounds.append(j)
        prev = j
    return bounds


def compute_cut_points(values: pd.Series | np.ndarray, dimension: str, levels: int = 5) -> list[float]:
    """Cut points for one dimension from its values (see the module docstring for their meaning)."""
    array = np.asarray(values, dtype=float)
    array = array[~np.isnan(array)]
    if array.size == 0:
        return []
    distinct, counts = np.unique(array, return_counts=True)
    groups = min(levels, len(distinct))
    bounds = _balanced_groups(counts, groups)
    if dimension == "recency":
        # Upper bounds (inclusive) of the best groups: fewest days first.
        return [_plain(distinct[b]) for b in bounds]
    # Lower bounds of the groups above the first.
    return [_plain(distinct[b + 1]) for b in bounds]


def _plain(value: float) -> float | int:
    """An int when the value is whole (day and order counts read better), else the float."""
    value = float(value)
    return int(value) if value.is_integer() else value


def scores_for(values: pd.Series | np.ndarray, cuts: list[float], dimension: str, levels: int) -> np.ndarray:
    """Scores 1..levels of the values against the cut points; missing values score 1."""
    array = np.asarray(values, dtype=float)
    thresholds = np.asarray(cuts, dtype=float)
    if dimension == "recency":
        scores = levels - np.searchsorted(thresholds, array, side="left")
    else:
        scores = 1 + np.searchsorted(thresholds, array, side="right")
    scores = np.where(np.isnan(array), 1, scores)
    return scores.astype(np.int8)


def check_cut_points(cut_points: Any, levels: int) -> dict[str, list[float]]:
    """Validate user cut points: per dimension at most ``levels - 1`` strictly increasing numbers."""
    if not isinstance(cut_points, dict):
        raise UserError(MESSAGES, "bad_cut_points", dimension="RFM", count=levels - 1, value=cut_points)
    checked: dict[str, list[float]] = {}
    for dimension, cuts in cut_points.items():
        if dimension not in DIMENSIONS:
            continue
        ok = isinstance(cuts, list | tuple) and len(cuts) <= levels - 1
        numbers: list[float] = []
        if ok:
            try:
                numbers = [_plain(float(c)) for c in cuts]
            except (TypeError, ValueError):
                ok = False
        if ok and any(b <= a for a, b in itertools.pairwise(numbers)):
            ok = False
        if ok and any(np.isnan(x) for x in numbers):
            ok = False
        if not ok:
            raise UserError(MESSAGES, "bad_cut_points", dimension=dimension, count=levels - 1, value=cuts)
        checked[dimension] = numbers
    return checked


def describe_cut_points(cut_points: dict[str, list[float]], levels: int, lang: str) -> dict[str, list[str]]:
    """Each score's rule in words, per dimension (for the GUI table and the report)."""
    out: dict[str, list[str]] = {}
    for dimension, cuts in cut_points.items():
        lines: list[str] = []
        if dimension == "recency":
            for i, cut in enumerate(cuts):
                key = "rule_recency" if takes_plural(round(cut), lang) else "rule_recency_one"
                lines.append(MESSAGES(key, lang, score=levels - i, days=format_number(cut, lang)))
            if cuts:
                lines.append(
                    MESSAGES(
                        "rule_recency_last"
                        if takes_plural(round(cuts[-1]), lang)
                        else "rule_recency_last_one",
                        lang,
                        score=levels - len(cuts),
                        days=format_number(cuts[-1], lang),
                    )
                )
        else:
            dim = dimension[0].upper()
            decimals = 0 if all(float(c).is_integer() for c in cuts) else 2
            if cuts:
                lines.append(
                    MESSAGES(
                        "rule_below", lang, dim=dim, score=1, value=format_number(cuts[0], lang, decimals)
                    )
                )
            for i, cut in enumerate(cuts):
                lines.append(
                    MESSAGES(
                        "rule_lower", lang, dim=dim, score=i + 2, value=format_number(cut, lang, decimals)
                    )
                )
        out[dimension] = lines
    return out
