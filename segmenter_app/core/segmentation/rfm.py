"""RFM: recency, frequency and monetary scores, and named segments on the grid of the brief.

Scores go from 1 (worst) to 5 (best), or 1 to 3 in small-data mode (fewer than
:data:`SMALL_DATA_THRESHOLD` customers, where 25 cells would hold a handful of customers each).

Why not quintiles: when most customers bought once, quintile edges coincide ("bin edges must be
unique") and scores collapse. Here the cut points are chosen *between distinct values*: the sorted
distinct values are split into at most 5 consecutive groups as evenly as the ties allow, so equal
values always get the same score, every score present holds at least one distinct value, and the
result depends only on the values (never on row order). With fewer distinct values than scores
(e.g. frequency 1, 2, 3 only) each distinct value gets its own score.

Cut points are plain numbers the user can read and edit (``parameters["cut_points"]``):

- ``recency``: ascending day counts; a customer whose last purchase is at most the first cut point
  days old gets the best R score, at most the second the next one, and so on;
- ``frequency`` and ``monetary``: ascending lower bounds; a value at or above the k-th cut point
  gets at least score k + 1.

Segments come from the (R, F) cell (grid in PRODUCT.md, every cell mapped exactly once); M ranks
customers inside their segment (``rank_in_segment`` 1 = the one to contact first). Customers who
never bought (a customers file joined with orders) are kept in "No purchase yet", outside the grid;
the small-data threshold and the cut points count the buyers only. Cut points: :mod:`rfm_cuts`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.core.segmentation.common import (
    currency_symbol,
    format_number,
    make_segmentation,
    require_customers,
)
from segmenter_app.core.segmentation.rfm_cuts import (
    DIMENSIONS,
    check_cut_points,
    compute_cut_points,
    describe_cut_points,
    scores_for,
)

#: Below this many customers, scores go from 1 to 3 and the grid has 7 segments instead of 10.
SMALL_DATA_THRESHOLD = 200
#: When even the latest buyer bought longer ago than this (an analysis date far after the sales),
#: the relative recency scores still name some "New customers": said (``details["stale_recency"]``).
STALE_DAYS = 365
COLUMNS = {"recency": s.C_RECENCY, "frequency": s.C_FREQUENCY, "monetary": s.C_MONETARY}

MESSAGES = Messages(
    {
        "champions": ("Champions", "Champions"),
        "loyal": ("Loyal", "Fidèles"),
        "potential_loyalists": ("Potential loyalists", "Fidèles en devenir"),
        "new_customers": ("New customers", "Nouveaux clients"),
        "promising": ("Promising", "Prometteurs"),
        "need_attention": ("Need attention", "À surveiller"),
        "about_to_sleep": ("About to sleep", "Sur le point de s'endormir"),
        "cant_lose": ("Can't lose them", "À ne pas perdre"),
        "at_risk": ("At risk", "À risque"),
        "hibernating": ("Hibernating", "En hibernation"),
        "no_purchase": ("No purchase yet", "Pas encore d'achat"),
        "no_purchase_reason": (
            "No purchase up to the analysis date: no R, F or M score.",
            "Aucun achat jusqu'à la date d'analyse : pas de note R, F ou M.",
        ),
        "no_orders": (
            "RFM needs purchases, and these customers have none in the data. Import an orders file too, "
            "or group them with clusters or rules on their attributes.",
            "Le RFM a besoin d'achats, et ces clients n'en ont aucun dans les données. Importez aussi un "
            "fichier de commandes, ou regroupez-les par groupes automatiques ou par règles sur leurs attributs.",
        ),
        "reason": (
            "R {r} · F {f} · M {m}: {recency}, {frequency}, {monetary}",
            "R {r} · F {f} · M {m} : {recency}, {frequency}, {monetary}",
        ),
        "bought_today": ("bought today", "dernier achat aujourd'hui"),
        "bought_day": ("bought {days} day ago", "dernier achat il y a {days} jour"),
        "bought_days": ("bought {days} days ago", "dernier achat il y a {days} jours"),
        "no_purchase_phrase": ("no purchase", "aucun achat"),
        "order": ("{count} order", "{count} commande"),
        "orders": ("{count} orders", "{count} commandes"),
        "spent": ("{amount} {currency} spent", "{amount} {currency} dépensés"),
        "stale": (
            "Every customer's last purchase is at least {days} days before the analysis date: RFM scores "
            "recency against the other customers, so 'New customers' or 'Champions' here are only the "
            "least lapsed. Choose an analysis date nearer the last sales, or use rules (the 'Dormant' "
            "preset counts days) to see them as lapsed.",
            "Le dernier achat de chaque client date d'au moins {days} jours avant la date d'analyse : le "
            "RFM note la récence par rapport aux autres clients, donc « Nouveaux clients » ou « Champions » "
            "ne désignent ici que les moins anciens. Choisissez une date d'analyse plus proche des "
            "dernières ventes, ou utilisez des règles (le préréglage « Dormants » compte les jours) pour "
            "les voir comme inactifs.",
        ),
        "bad_scores": (
            "The number of RFM scores must be 3 or 5 (got {value}).",
            "Le nombre de notes RFM doit être 3 ou 5 (reçu {value}).",
        ),
    }
)

#: Display order (best first, then the ones to win back).
SEGMENT_ORDER = (
    "champions",
    "loyal",
    "potential_loyalists",
    "new_customers",
    "promising",
    "need_attention",
    "about_to_sleep",
    "cant_lose",
    "at_risk",
    "hibernating",
    "no_purchase",
)

# Grid of PRODUCT.md, R score down (5 first), F score across (1..5). Every cell once.
GRID_5: dict[int, tuple[str, ...]] = {
    5: ("new_customers", "potential_loyalists", "potential_loyalists", "champions", "champions"),
    4: ("promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"),
    3: ("about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"),
    2: ("hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"),
    1: ("hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"),
}
# Small-data grid: the same logic on 3 levels (R3 ~ R5, R2 ~ R3-4, R1 ~ R1-2; F1 ~ F1, F2 ~ F2-3,
# F3 ~ F4-5), folded to 7 segments so each keeps enough customers to act on.
GRID_3: dict[int, tuple[str, ...]] = {
    3: ("new_customers", "potential_loyalists", "champions"),
    2: ("about_to_sleep", "potential_loyalists", "loyal"),
    1: ("hibernating", "at_risk", "at_risk"),
}


def grid(levels: int) -> dict[int, tuple[str, ...]]:
    """The R x F grid for 5 or 3 score levels: ``{r: (segment for f=1, ..., f=levels)}``."""
    return GRID_5 if levels == 5 else GRID_3


def segment_names(levels: int) -> list[str]:
    """The short segment names (without ``rfm:``) the grid of ``levels`` uses, in display order."""
    used = {name for row in grid(levels).values() for name in row}
    return [name for name in SEGMENT_ORDER if name in used]


def segment_key(name: str) -> str:
    """The stable segment key of a grid name (``"champions"`` -> ``"rfm:champions"``)."""
    return f"rfm:{name}"


def segment_label(key: str, lang: str) -> str:
    """The translated name of an RFM segment key."""
    return MESSAGES(key.split(":", 1)[1], lang)


def choose_levels(n_customers: int, requested: Any = None) -> int:
    """5 scores, or 3 in small-data mode (below :data:`SMALL_DATA_THRESHOLD`), unless requested."""
    if requested in (None, "auto"):
        return 3 if n_customers < SMALL_DATA_THRESHOLD else 5
    try:
        levels = int(requested)
    except (TypeError, ValueError):
        levels = -1
    if levels not in (3, 5):
        raise UserError(MESSAGES, "bad_scores", value=requested)
    return levels


# --- Segmentation ------------------------------------------------------------------------------


def run_rfm(
    analysis: Analysis,
    parameters: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """Score every customer and name its segment; returns the :class:`Segmentation`.

    ``parameters``: ``{"scores": 3 | 5 | "auto", "cut_points": {"recency": [...],
    "frequency": [...], "monetary": [...]}}``, each optional; missing cut points are computed.
    """
    parameters = dict(parameters or {})
    customers = require_customers(analysis, COLUMNS.values())
    lang = analysis.lang
    progress(0.0, "RFM")
    # Customers from a customers file who never ordered have no R, F or M: they are kept in a
    # segment of their own, outside the grid, and the cut points come from the buyers only.
    buyers = ((customers[s.C_FREQUENCY].fillna(0) > 0) & customers[s.C_RECENCY].notna()).to_numpy()
    if not buyers.any():
        raise UserError(MESSAGES, "no_orders")
    levels = choose_levels(int(buyers.sum()), parameters.get("scores"))
    edited = check_cut_points(parameters.get("cut_points") or {}, levels)
    cut_points: dict[str, list[float]] = {}
    sources: dict[str, str] = {}
    scores: dict[str, np.ndarray] = {}
    for dimension in DIMENSIONS:
        values = customers[COLUMNS[dimension]].astype(float)
        if dimension == "monetary":
            # Sums of order lines carry float noise that depends on the order of the rows;
            # money is counted in cents, so scores and ranks work on cents.
            values = values.round(2)
        if dimension in edited:
            cut_points[dimension] = edited[dimension]
            sources[dimension] = "edited"
        else:
            cut_points[dimension] = compute_cut_points(values[buyers], dimension, levels)
            sources[dimension] = "computed"
        scores[dimension] = np.where(buyers, scores_for(values, cut_points[dimension], dimension, levels), 0)
        if cancel is not None:
            cancel.check()
    progress(0.4, "RFM")

    r, f, m = scores["recency"], scores["frequency"], scores["monetary"]
    table = grid(levels)
    # Lookup array [r, f] -> segment code, built from the grid so every cell is mapped once.
    names = segment_names(levels)
    code_of = {name: i for i, name in enumerate(names)}
    lookup = np.zeros((levels + 1, levels + 1), dtype=np.int16)
    for r_score, row in table.items():
        for f_index, name in enumerate(row):
            lookup[r_score, f_index + 1] = code_of[name]
    codes = lookup[r, f]
    if not buyers.all():
        names = [*names, "no_purchase"]
        codes = np.where(buyers, codes, len(names) - 1).astype(np.int16)
    keys = np.array([segment_key(n) for n in names], dtype=object)

    assignments = pd.DataFrame(index=customers.index.astype(str))
    assignments[s.A_SEGMENT] = keys[codes]
    assignments["r_score"] = r
    assignments["f_score"] = f
    assignments["m_score"] = m
    cells = np.array([[f"R{i}F{j}" for j in range(levels + 1)] for i in range(levels + 1)], dtype=object)
    assignments["rfm_cell"] = np.where(buyers, cells[r, f], "")
    assignments["rfm_score"] = (r.astype(int) * 100 + f.astype(int) * 10 + m.astype(int)).astype(int)
    progress(0.6, "RFM")
    if cancel is not None:
        cancel.check()
    assignments["rank_in_segment"] = _rank_in_segment(codes, m, customers[s.C_MONETARY], assignments.index)
    reasons = _reasons(customers, r, f, m, lang, currency_symbol(analysis))
    reasons[~buyers] = MESSAGES("no_purchase_reason", lang)
    assignments[s.A_REASON] = reasons
    progress(1.0, "RFM")

    details = {
        "scores": levels,
        "small_data": levels == 3,
        "small_data_threshold": SMALL_DATA_THRESHOLD,
        "cut_points": cut_points,
        "cut_points_source": sources,
        "cut_points_text": describe_cut_points(cut_points, levels, lang),
        "grid": {
            f"R{r_score}F{i + 1}": segment_key(n) for r_score, row in table.items() for i, n in enumerate(row)
        },
        "grid_counts": grid_counts_from(assignments, levels).to_dict(orient="index"),
    }
    freshest = float(np.nanmin(customers[s.C_RECENCY].to_numpy(dtype=float)[buyers]))
    if freshest > STALE_DAYS:
        details["stale_recency"] = MESSAGES("stale", lang, days=format_number(freshest, lang))
    params = {"scores": levels, "cut_points": cut_points}
    segments = [(segment_key(n), MESSAGES(n, lang)) for n in names]
    return make_segmentation("rfm", params, assignments, segments, details)


def _rank_in_segment(codes: np.ndarray, m: np.ndarray, monetary: pd.Series, ids: pd.Index) -> np.ndarray:
    """1 = first to contact in the segment: highest M score, then highest spend, then id (stable)."""
    spend = np.nan_to_num(monetary.to_numpy(dtype=float).round(2), nan=-np.inf)
    id_rank = np.argsort(np.argsort(ids.to_numpy(dtype=object), kind="stable"), kind="stable")
    # np.lexsort sorts by the last key first: segment, then M (descending), spend (descending), id.
    order = np.lexsort((id_rank, -spend, -m.astype(np.int64), codes))
    sorted_codes = codes[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_codes)) + 1]
    position = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = position + 1
    return ranks


def _phrases(values: np.ndarray, make) -> np.ndarray:
    """Apply ``make`` once per distinct value and spread the results (100,000 reasons, few values)."""
    distinct, inverse = np.unique(values, return_inverse=True)
    return np.array([make(v) for v in distinct.tolist()], dtype=object)[inverse.reshape(-1)]


def _reasons(
    customers: pd.DataFrame, r: np.ndarray, f: np.ndarray, m: np.ndarray, lang: str, currency: str
) -> np.ndarray:
    """ "R 5 · F 4 · M 3: bought 12 days ago, 6 orders, 840 € spent", per customer."""
    pick = 1 if lang == "fr" else 0
    recency = np.round(customers[s.C_RECENCY].to_numpy(dtype=float))
    frequency = np.round(customers[s.C_FREQUENCY].to_numpy(dtype=float))
    monetary = np.round(customers[s.C_MONETARY].to_numpy(dtype=float)) + 0.0

    def recency_text(days: float) -> str:
        if days != days:
            return MESSAGES("no_purchase_phrase", lang)
        if days < 0.5:
            return MESSAGES("bought_today", lang)
        key = "bought_day" if days < 1.5 else "bought_days"
        return MESSAGES(key, lang, days=format_number(days, lang))

    def frequency_text(count: float) -> str:
        return MESSAGES("order" if count == 1 else "orders", lang, count=format_number(count, lang))

    def money_text(amount: float) -> str:
        return MESSAGES("spent", lang, amount=format_number(amount, lang), currency=currency)

    # Split the sentence template around its three phrases, so it is translated text, not code,
    # that decides the punctuation ("R 5 · F 4 · M 3: ..." / "R 5 · F 4 · M 3 : ...").
    marked = MESSAGES.texts["reason"][pick].format(
        r="{r}", f="{f}", m="{m}", recency="\x00", frequency="\x01", monetary="\x02"
    )
    head, rest = marked.split("\x00")
    sep1, rest = rest.split("\x01")
    sep2, tail = rest.split("\x02")
    cell = r.astype(np.int64) * 100 + f.astype(np.int64) * 10 + m.astype(np.int64)
    heads = _phrases(cell, lambda c: head.format(r=c // 100, f=c // 10 % 10, m=c % 10))
    out = heads + _phrases(recency, recency_text) + sep1 + _phrases(frequency, frequency_text)
    return out + sep2 + _phrases(monetary, money_text) + tail


# --- For the GUI -------------------------------------------------------------------------------


def grid_counts_from(assignments: pd.DataFrame, levels: int) -> pd.DataFrame:
    """Customers per (R, F) cell: rows R from best (``levels``) to 1, columns F from 1 to ``levels``."""
    # One bincount over the cells: pandas' crosstab took 35 ms on 60,000 customers, on the GUI thread.
    # Customers with no purchase have no scores (missing): they are in no cell.
    r = assignments["r_score"].to_numpy(dtype=float, na_value=np.nan)
    f = assignments["f_score"].to_numpy(dtype=float, na_value=np.nan)
    inside = (r >= 1) & (r <= levels) & (f >= 1) & (f <= levels)
    cell = (levels - r[inside]) * levels + (f[inside] - 1)
    cells = np.bincount(cell.astype(np.int64), minlength=levels * levels)
    rows = list(range(levels, 0, -1))
    cols = list(range(1, levels + 1))
    counts = pd.DataFrame(cells.reshape(levels, levels).astype(int), index=rows, columns=cols)
    counts.index.name = "R"
    counts.columns.name = "F"
    return counts


def grid_counts(segmentation: Segmentation) -> pd.DataFrame:
    """Customers per (R, F) cell of an RFM segmentation, for the heatmap (5 x 5 or 3 x 3)."""
    return grid_counts_from(segmentation.assignments, int(segmentation.details["scores"]))


def grid_labels(levels: int, lang: str) -> pd.DataFrame:
    """The segment name of every (R, F) cell, same shape as :func:`grid_counts`."""
    table = grid(levels)
    rows = list(range(levels, 0, -1))
    frame = pd.DataFrame(
        [[MESSAGES(name, lang) for name in table[r]] for r in rows], index=rows, columns=range(1, levels + 1)
    )
    frame.index.name = "R"
    frame.columns.name = "F"
    return frame


def get_cut_points(analysis: Analysis) -> dict[str, list[float]]:
    """The cut points of the current RFM segmentation (empty when it is not RFM)."""
    seg = analysis.segmentation
    if seg is None or seg.method != "rfm":
        return {}
    return {k: list(v) for k, v in seg.details["cut_points"].items()}


def set_cut_points(
    analysis: Analysis,
    cut_points: dict[str, list[float]],
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """Re-run RFM with edited cut points (the dimensions left out are computed again)."""
    from segmenter_app.core.segmentation import segment

    parameters: dict[str, Any] = {}
    if analysis.segmentation is not None and analysis.segmentation.method == "rfm":
        parameters["scores"] = analysis.segmentation.details.get("scores")
    parameters["cut_points"] = cut_points
    return segment(analysis, "rfm", parameters, progress=progress, cancel=cancel)
