"""Clusters: k-means on the chosen criteria, k chosen by silhouette, checked for stability.

- k from 2 to 10 (at most the number of distinct customers minus one, and at most one cluster per
  ``quality.MIN_CAMPAIGN`` customers, so that clusters can be campaigns); each k is fitted on up to
  :data:`SEARCH_FIT` random customers and scored by the silhouette on a fixed random sample of
  :data:`SILHOUETTE_SAMPLE` of them (on the full data it takes minutes; this sample picks the same
  k, see MEASURED.md); the chosen k is then fitted on every customer.
- Stability of the chosen k: k-means refitted on :data:`STABILITY_RUNS` random subsamples, and each
  run's labels on a common evaluation sample compared with the final ones (adjusted Rand index,
  1 = identical partitions, 0 = chance). Reported as the mean with a verdict.
- Clusters are numbered by size (0 = largest), described by what sets them apart and named in
  plain words; PCA gives 2-D coordinates (columns ``x``, ``y``) for the map.

The algorithms (k-means, silhouette, adjusted Rand index, PCA) are in :mod:`.kmeans`, in numpy:
scikit-learn and SciPy are not needed, which keeps the bundle small and start-up fast.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import Messages, UserError, counted
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.core.segmentation import cluster_describe as words
from segmenter_app.core.segmentation import quality
from segmenter_app.core.segmentation.cluster_features import as_details, build_features, default_criteria
from segmenter_app.core.segmentation.common import (
    jsonable_float,
    make_segmentation,
    require_customers,
    single_threaded,
)
from segmenter_app.core.segmentation.kmeans import adjusted_rand_index, kmeans, pca, silhouette

K_RANGE = (2, 10)
MAX_K = 20
SILHOUETTE_SAMPLE = 3000
SMALL_ROWS, SMALL_STARTS = 5000, 10
SEARCH_FIT = 30000  # rows the k search fits on (the final fit uses every customer)
STABILITY_RUNS = 5
STABILITY_SUBSAMPLE = 0.8
STABILITY_MAX_FIT = 10000
STABLE, MODERATE = 0.8, 0.6

MESSAGES = Messages(
    {
        "bad_k": (
            "The number of clusters must be 'auto' or a whole number from 2 to {most} (got {value}).",
            "Le nombre de groupes doit être « auto » ou un nombre entier de 2 à {most} (reçu {value}).",
        ),
        "too_few": (
            "Too few different customers to make clusters: {profiles}, at least 3 are needed.",
            "Trop peu de clients différents pour former des groupes : {profiles}, il en faut au moins 3.",
        ),
        "too_many": (
            "{k} clusters cannot be made: the customers have only {profiles}, which allows at most {most} clusters. Ask for {most} or fewer, or let the app choose (auto).",
            "Impossible de former {k} groupes : les clients n'ont que {profiles}, ce qui permet au plus {most} groupes. Demandez-en {most} ou moins, ou laissez l'application choisir (auto).",
        ),
        "profiles": ("{n} distinct profiles", "{n} profils distincts"),
        "profiles_one": ("{n} distinct profile", "{n} profil distinct"),
        "stable": ("stable", "stable"),
        "moderate": ("moderately stable", "moyennement stable"),
        "unstable": (
            "unstable: the clusters change from one sample to the next, do not rely on their borders",
            "instable : les groupes changent d'un échantillon à l'autre, ne vous fiez pas à leurs limites",
        ),
    }
)


def _check_k(value: Any, most: int) -> int | None:
    """None for automatic k, else the requested k (checked)."""
    if value in (None, "auto", "AUTO", "Auto"):
        return None
    try:
        k = int(value)
    except (TypeError, ValueError):
        k = -1
    if not 2 <= k <= most:
        raise UserError(MESSAGES, "bad_k", most=most, value=value)
    return k


def silhouette_by_k(
    matrix: np.ndarray,
    ks: range,
    seed: int,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[dict[int, float], dict[int, np.ndarray]]:
    """Silhouette of k-means for each k: fitted on up to :data:`SEARCH_FIT` random rows (all of them
    for a small shop), scored on a fixed sample of :data:`SILHOUETTE_SAMPLE` of those rows.
    Returns the scores and each k's centres (the final fit starts from them)."""
    rng = np.random.default_rng(seed)
    rows = rng.permutation(len(matrix))[: min(SEARCH_FIT, len(matrix))]
    fit_matrix = matrix[rows]
    sample = np.arange(min(SILHOUETTE_SAMPLE, len(rows)))  # rows are already shuffled
    # Small shops: many starts are cheap and avoid a poor local optimum deciding k (seen on Mall
    # Customers: one start in two gave k = 5 a silhouette of 0.47 instead of 0.55).
    starts = SMALL_STARTS if len(rows) <= SMALL_ROWS else 2
    scores: dict[int, float] = {}
    centres: dict[int, np.ndarray] = {}
    for i, k in enumerate(ks):
        if cancel is not None:
            cancel.check()
        model = kmeans(fit_matrix, k, seed=seed, starts=starts, cancel=cancel)
        labels = model.labels
        centres[k] = model.centres
        sample_labels = labels[sample]
        if len(np.unique(sample_labels)) < 2:
            scores[k] = -1.0
        else:
            scores[k] = silhouette(fit_matrix[sample], sample_labels)
        progress((i + 1) / len(ks), f"k = {k}")
    return scores, centres


def stability(
    matrix: np.ndarray, labels: np.ndarray, k: int, seed: int, *, cancel: CancelToken | None = None
) -> list[float]:
    """Adjusted Rand index between the final labels and refits on random subsamples."""
    rng = np.random.default_rng(seed + 1)
    n = len(matrix)
    evaluation = rng.choice(n, size=min(5000, n), replace=False)
    size = min(int(STABILITY_SUBSAMPLE * n), STABILITY_MAX_FIT)
    out: list[float] = []
    for run in range(STABILITY_RUNS):
        if cancel is not None:
            cancel.check()
        subsample = rng.choice(n, size=max(size, k + 1), replace=False)
        model = kmeans(matrix[subsample], k, seed=seed + 100 + run, cancel=cancel)
        out.append(adjusted_rand_index(labels[evaluation], model.predict(matrix[evaluation])))
    return out


def _by_size(labels: np.ndarray, k: int) -> np.ndarray:
    """Renumber clusters 0 = largest (ties by the old number), so keys do not depend on k-means' order."""
    sizes = np.bincount(labels, minlength=k)
    order = sorted(range(k), key=lambda c: (-sizes[c], c))
    mapping = np.empty(k, dtype=np.int64)
    mapping[order] = np.arange(k)
    return mapping[labels]


def _run_clusters(
    analysis: Analysis,
    parameters: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """:func:`run_clusters` without the thread limit."""
    parameters = dict(parameters or {})
    customers = require_customers(analysis)
    lang = analysis.lang
    seed = int(parameters.get("seed", analysis.seed))
    if len(customers) < 3:  # no criterion can vary, and the message would name none
        raise UserError(MESSAGES, "too_few", profiles=counted(MESSAGES, "profiles", len(customers)))
    criteria = default_criteria(customers, parameters.get("criteria") or analysis.criteria or None)
    if not criteria:  # nothing varies from one customer to the next: they all look the same
        raise UserError(MESSAGES, "too_few", profiles=counted(MESSAGES, "profiles", 1))
    progress(0.0, "clusters")
    features = build_features(customers, criteria)
    matrix = features.matrix
    distinct = len(np.unique(matrix, axis=0)) if len(matrix) <= 200000 else len(matrix)
    if distinct < 3:
        raise UserError(MESSAGES, "too_few", profiles=counted(MESSAGES, "profiles", distinct))
    # The automatic search never offers more clusters than the shop can fill with campaign-sized
    # groups: on 60 customers the silhouette kept rising up to k = 10 (clusters of 6, too small to
    # act on). A k the user asks for is still allowed up to the distinct profiles.
    most = min(K_RANGE[1], distinct - 1, max(K_RANGE[0], len(matrix) // quality.MIN_CAMPAIGN))
    # The automatic search stays within 2..10; a k the user asks for may go up to MAX_K.
    requested = _check_k(parameters.get("k", "auto"), MAX_K)
    if requested is not None and requested > distinct - 1:
        # The k asked for is a fine number of clusters, but not for customers this alike.
        raise UserError(
            MESSAGES,
            "too_many",
            k=requested,
            most=distinct - 1,
            profiles=counted(MESSAGES, "profiles", distinct),
        )

    scores: dict[int, float] = {}
    if requested is None:
        ks = range(K_RANGE[0], most + 1)
        scores, centres = silhouette_by_k(
            matrix, ks, seed, progress=lambda f, m: progress(0.05 + 0.55 * f, m), cancel=cancel
        )
        k = max(scores, key=lambda key: (scores[key], -key))
        start = centres[k]
    else:
        k = requested
        _, centres = silhouette_by_k(matrix, range(k, k + 1), seed, cancel=cancel)
        start = centres[k]
    if cancel is not None:
        cancel.check()
    # Final fit on every customer, starting from the centres found on the search rows: a few
    # Lloyd iterations instead of several fresh starts on all the data.
    model = kmeans(matrix, k, init=start, cancel=cancel)
    labels = _by_size(model.labels, k)
    progress(0.7, "clusters")
    runs = stability(matrix, labels, k, seed, cancel=cancel)
    mean_stability = float(np.mean(runs))
    verdict = (
        "stable" if mean_stability >= STABLE else "moderate" if mean_stability >= MODERATE else "unstable"
    )
    progress(0.8, "clusters")

    rng = np.random.default_rng(seed)
    sample = rng.choice(len(matrix), size=min(SILHOUETTE_SAMPLE, len(matrix)), replace=False)
    final_silhouette = (
        silhouette(matrix[sample], labels[sample]) if len(np.unique(labels[sample])) > 1 else None
    )
    coords = pca(matrix, 2) if matrix.shape[1] >= 2 else None
    xy = (
        coords.transform(matrix)
        if coords is not None
        else np.column_stack([matrix[:, 0], np.zeros(len(matrix))])
    )

    ranked = [words.distinguishing(features, labels, c) for c in range(k)]
    names = words.unique_names([words.cluster_name(r, lang) for r in ranked], ranked, lang)
    described = [words.describe(customers, features, labels, c, lang) for c in range(k)]
    progress(0.9, "clusters")
    if cancel is not None:
        cancel.check()

    keys = np.array([f"cluster:{c}" for c in range(k)], dtype=object)
    assignments = pd.DataFrame(index=customers.index.astype(str))
    assignments[s.A_SEGMENT] = keys[labels]
    assignments["cluster"] = labels
    assignments["x"] = xy[:, 0]
    assignments["y"] = xy[:, 1]
    assignments[s.A_REASON] = words.reasons(customers, labels, names, [d[1] for d in described], lang)

    sizes = np.bincount(labels, minlength=k)
    details = {
        **as_details(features),
        "k": k,
        "k_auto": requested is None,
        "k_range": [K_RANGE[0], most],
        "silhouette_by_k": {str(key): round(value, 4) for key, value in scores.items()},
        "silhouette": jsonable_float(final_silhouette, 4) if final_silhouette is not None else None,
        "silhouette_sample": len(sample),
        "stability": round(mean_stability, 4),
        "stability_runs": [round(r, 4) for r in runs],
        "stability_verdict": MESSAGES(verdict, lang),
        "stability_level": verdict,
        "seed": seed,
        "pca_explained_variance": [round(float(v), 4) for v in coords.explained_variance_ratio]
        if coords is not None
        else None,
        "clusters": [
            {
                "key": str(keys[c]),
                "name": names[c],
                "customers": int(sizes[c]),
                "description": described[c][0],
                "traits": described[c][1],
            }
            for c in range(k)
        ],
    }
    params = {
        "k": "auto" if requested is None else k,
        "criteria": features.numeric + features.categorical,
        "seed": seed,
    }
    progress(1.0, "clusters")
    return make_segmentation(
        "clusters", params, assignments, list(zip(keys.tolist(), names, strict=True)), details
    )


def run_clusters(
    analysis: Analysis,
    parameters: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """k-means clusters with automatic or given k, stability, descriptions, names and a 2-D map.

    ``parameters``: ``k`` ("auto" or 2..10), ``criteria`` (columns; default ``analysis.criteria``,
    else recency, frequency, spend and basket), ``seed`` (default ``analysis.seed``).
    """
    # One thread for the numeric libraries (see common.single_threaded): BLAS threads spinning on
    # busy cores cost far more than they bring for these small matrix products.
    with single_threaded():
        return _run_clusters(analysis, parameters, progress=progress, cancel=cancel)


def coordinates(segmentation: Segmentation) -> pd.DataFrame:
    """The 2-D map of a clustering: a DataFrame with x, y and the segment key per customer."""
    return segmentation.assignments[["x", "y", s.A_SEGMENT]]


def silhouette_table(segmentation: Segmentation) -> pd.DataFrame:
    """Silhouette by k (automatic k only) as a two-column DataFrame, for the chart."""
    scores = segmentation.details.get("silhouette_by_k") or {}
    return pd.DataFrame({"k": [int(k) for k in scores], "silhouette": list(scores.values())})
