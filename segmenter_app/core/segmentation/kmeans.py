"""k-means, silhouette, adjusted Rand index and PCA in plain numpy (no scikit-learn in the bundle).

The algorithms follow scikit-learn's definitions so results stay comparable (tests/test_kmeans.py
checks them against it while it is installed):

- :func:`kmeans`: greedy k-means++ seeding (``2 + ln k`` candidates per centre, the one lowering the
  inertia most kept), Lloyd iterations until the labels stop changing or the centres move less
  than ``tol`` times the mean feature variance, several starts keeping the lowest inertia. A given
  seed always gives the same result.
- :func:`silhouette`: mean silhouette coefficient, pairwise distances computed a block of rows at a
  time so memory stays bounded (a 3,000-row sample never holds the 3,000 x 3,000 matrix).
- :func:`adjusted_rand_index`: from the contingency table, in exact integer arithmetic.
- :func:`pca`: SVD of the centred matrix, each component's sign fixed (largest absolute loading
  positive) so the map does not flip from one run to the next.

Distances use ||x||^2 - 2 x.c + ||c||^2 with a matrix product: one BLAS call per iteration, which
keeps k-means as fast as scikit-learn's compiled loop for the shop-sized inputs (k up to 20, a few
dozen features, 100,000 rows).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from segmenter_app.core.progress import CancelToken

MAX_ITER = 300
TOL = 1e-4
# Cells of a distance block (4 MB of float64: 166 rows of a 3,000-row sample). Small enough to stay
# in cache, which made the silhouette twice as fast as with 6,000,000-cell blocks.
BLOCK_CELLS = 500_000
# Rows per cancel check in the Lloyd loop (one iteration on 100,000 rows takes ~10 ms).
CANCEL_EVERY = 10


@dataclass(frozen=True)
class KMeansResult:
    """A fitted k-means: ``centres`` (k x features), ``labels`` (one per row), ``inertia`` (sum of
    squared distances to the nearest centre) and the Lloyd ``iterations`` of the kept start."""

    centres: np.ndarray
    labels: np.ndarray
    inertia: float
    iterations: int

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        """The nearest centre of each row of ``matrix``."""
        return _nearest(np.asarray(matrix, dtype=np.float64), self.centres)


def _row_norms(matrix: np.ndarray) -> np.ndarray:
    """Squared Euclidean norm of each row."""
    return np.einsum("ij,ij->i", matrix, matrix)


def _squared_distances(
    matrix: np.ndarray, centres: np.ndarray, x_squared: np.ndarray | None = None
) -> np.ndarray:
    """Squared distances rows x centres, clipped at 0 (the expansion can go slightly negative)."""
    if x_squared is None:
        x_squared = _row_norms(matrix)
    out = matrix @ centres.T
    out *= -2.0
    out += x_squared[:, None]
    out += _row_norms(centres)[None, :]
    np.maximum(out, 0.0, out=out)
    return out


def kmeans_plus_plus(
    matrix: np.ndarray, k: int, rng: np.random.Generator, x_squared: np.ndarray | None = None
) -> np.ndarray:
    """k starting centres by greedy k-means++ (Arthur & Vassilvitskii 2007, as scikit-learn does)."""
    n = len(matrix)
    if x_squared is None:
        x_squared = _row_norms(matrix)
    trials = 2 + int(math.log(k))
    centres = np.empty((k, matrix.shape[1]), dtype=np.float64)
    first = int(rng.integers(n))
    centres[0] = matrix[first]
    closest = _squared_distances(matrix, centres[:1], x_squared)[:, 0]
    potential = float(closest.sum())
    for c in range(1, k):
        if potential > 0:
            # Candidates drawn with probability proportional to the squared distance to the nearest
            # centre; searchsorted on the cumulative sum is the vectorized draw.
            draws = rng.random(trials) * potential
            candidates = np.searchsorted(np.cumsum(closest), draws)
            candidates = np.minimum(candidates, n - 1)
        else:  # every row sits on a centre already: any row will do
            candidates = rng.integers(n, size=trials)
        to_candidates = _squared_distances(matrix, matrix[candidates], x_squared)
        np.minimum(to_candidates, closest[:, None], out=to_candidates)
        potentials = to_candidates.sum(axis=0)
        best = int(potentials.argmin())
        centres[c] = matrix[candidates[best]]
        closest = to_candidates[:, best].copy()  # contiguous for the next cumsum
        potential = float(potentials[best])
    return centres


def _nearest(matrix: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Nearest centre of each row: argmin of ||c||^2 - 2 x.c (||x||^2 does not change the argmin),
    one matrix product and one pass over the n x k result."""
    scores = matrix @ (-2.0 * centres).T
    scores += _row_norms(centres)[None, :]
    return scores.argmin(axis=1)


def _inertia(matrix: np.ndarray, centres: np.ndarray, labels: np.ndarray) -> float:
    """Sum of squared distances to the assigned centres, from the differences (exact, no expansion)."""
    difference = matrix - centres[labels]
    return float(np.einsum("ij,ij->", difference, difference))


def _means(matrix: np.ndarray, labels: np.ndarray, counts: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """Mean of each cluster's rows (per-feature bincount: no n x k one-hot matrix); a cluster with
    no row keeps its previous centre."""
    k = len(previous)
    sums = np.empty_like(previous)
    for j in range(matrix.shape[1]):
        sums[:, j] = np.bincount(labels, weights=matrix[:, j], minlength=k)
    filled = counts > 0
    out = previous.copy()
    out[filled] = sums[filled] / counts[filled, None]
    return out


def _relocate_empty(matrix: np.ndarray, labels: np.ndarray, centres: np.ndarray, empty: np.ndarray) -> None:
    """Move the centres that own no row onto the rows farthest from their centre (as scikit-learn
    does), relabelling those rows (in place)."""
    difference = matrix - centres[labels]
    distances = np.einsum("ij,ij->i", difference, difference)
    far = np.argsort(-distances, kind="stable")[: len(empty)]
    centres[empty[: len(far)]] = matrix[far]
    labels[far] = empty[: len(far)]


def _lloyd(
    matrix: np.ndarray,
    centres: np.ndarray,
    max_iter: int,
    tolerance: float,
    cancel: CancelToken | None,
) -> KMeansResult:
    """Lloyd iterations from ``centres`` until the labels are stable or the centres barely move."""
    k = len(centres)
    previous: np.ndarray | None = None
    iterations = 0
    labels = _nearest(matrix, centres)
    for iterations in range(1, max_iter + 1):
        if cancel is not None and iterations % CANCEL_EVERY == 0:
            cancel.check()
        counts = np.bincount(labels, minlength=k)
        empty = np.flatnonzero(counts == 0)
        if len(empty):
            _relocate_empty(matrix, labels, centres, empty)
            counts = np.bincount(labels, minlength=k)
        elif previous is not None and np.array_equal(labels, previous):
            break  # the centres are already the means of these labels
        moved = _means(matrix, labels, counts.astype(np.float64), centres)
        shift = float(((moved - centres) ** 2).sum())
        centres = moved
        previous = labels
        labels = _nearest(matrix, centres)
        if shift <= tolerance:
            break
    return KMeansResult(centres, labels, _inertia(matrix, centres, labels), iterations)


def kmeans(
    matrix: np.ndarray,
    k: int,
    *,
    seed: int = 0,
    starts: int = 1,
    init: np.ndarray | None = None,
    max_iter: int = MAX_ITER,
    tol: float = TOL,
    cancel: CancelToken | None = None,
) -> KMeansResult:
    """k-means of the rows of ``matrix``: the best of ``starts`` k-means++ starts (lowest inertia),
    or one run from the given ``init`` centres. Deterministic for a given ``seed``.

    ``tol`` is relative to the mean feature variance (scikit-learn's convention), so the stopping
    point does not depend on the data's scale.
    """
    matrix = np.ascontiguousarray(matrix, dtype=np.float64)
    n = len(matrix)
    if not 1 <= k <= n:
        raise ValueError(f"k = {k} needs 1 <= k <= {n} rows")
    x_squared = _row_norms(matrix)
    tolerance = float(np.mean(np.var(matrix, axis=0))) * tol if n > 0 else 0.0
    if init is not None:
        centres = np.array(init, dtype=np.float64)
        if centres.shape != (k, matrix.shape[1]):
            raise ValueError(f"init has shape {centres.shape}, expected {(k, matrix.shape[1])}")
        return _lloyd(matrix, centres, max_iter, tolerance, cancel)
    rng = np.random.default_rng(seed)
    best: KMeansResult | None = None
    for _ in range(max(1, starts)):
        if cancel is not None:
            cancel.check()
        centres = kmeans_plus_plus(matrix, k, rng, x_squared)
        result = _lloyd(matrix, centres, max_iter, tolerance, cancel)
        if best is None or result.inertia < best.inertia:
            best = result
    assert best is not None
    return best


def silhouette(matrix: np.ndarray, labels: np.ndarray, *, block_cells: int = BLOCK_CELLS) -> float:
    """Mean silhouette coefficient of ``labels`` on the rows of ``matrix`` (Euclidean).

    For each row, a = mean distance to the other rows of its cluster, b = the lowest mean distance
    to another cluster's rows, s = (b - a) / max(a, b); 0 for a row alone in its cluster. Distances
    are computed ``block_cells // n`` rows at a time. Needs at least 2 clusters.
    """
    matrix = np.ascontiguousarray(matrix, dtype=np.float64)
    _, codes = np.unique(np.asarray(labels), return_inverse=True)
    codes = codes.ravel()
    n = len(matrix)
    k = int(codes.max()) + 1 if n else 0
    if k < 2:
        raise ValueError("the silhouette needs at least 2 clusters")
    sizes = np.bincount(codes, minlength=k).astype(np.float64)
    membership = np.zeros((n, k), dtype=np.float64)
    membership[np.arange(n), codes] = 1.0
    x_squared = _row_norms(matrix)
    step = max(1, block_cells // max(n, 1))
    scores = np.empty(n, dtype=np.float64)
    for start in range(0, n, step):
        stop = min(n, start + step)
        block = _squared_distances(matrix[start:stop], matrix, x_squared[start:stop])
        block[np.arange(stop - start), np.arange(start, stop)] = 0.0  # exact zero to itself
        np.sqrt(block, out=block)
        per_cluster = block @ membership  # sum of distances to each cluster's rows
        own = codes[start:stop]
        rows = np.arange(stop - start)
        own_size = sizes[own]
        with np.errstate(divide="ignore", invalid="ignore"):
            a = per_cluster[rows, own] / (own_size - 1)
            means = per_cluster / sizes[None, :]
            means[rows, own] = np.inf
            b = means.min(axis=1)
            s = (b - a) / np.maximum(a, b)
        s[own_size <= 1] = 0.0
        scores[start:stop] = np.nan_to_num(s)
    return float(scores.mean())


def adjusted_rand_index(first: np.ndarray, second: np.ndarray) -> float:
    """Adjusted Rand index of two labelings of the same rows: 1 = same partition, ~0 = chance.

    From the contingency table's pair counts, in Python integers (exact, no overflow), with the
    formula scikit-learn uses so results agree to the last digit.
    """
    first, second = np.asarray(first), np.asarray(second)
    if first.shape != second.shape or first.ndim != 1:
        raise ValueError("the two labelings must be 1-D and of the same length")
    n = len(first)
    if n == 0:
        return 1.0
    _, a = np.unique(first, return_inverse=True)
    _, b = np.unique(second, return_inverse=True)
    a, b = a.ravel().astype(np.int64), b.ravel().astype(np.int64)
    # Only the non-empty cells of the table: memory stays O(n) even with many labels.
    _, cells = np.unique(a * (int(b.max()) + 1) + b, return_counts=True)
    sum_squares = int((cells.astype(np.int64) ** 2).sum())
    rows = np.bincount(a).astype(np.int64)
    columns = np.bincount(b).astype(np.int64)
    same_both = sum_squares - n
    only_second = int((columns**2).sum()) - sum_squares
    only_first = int((rows**2).sum()) - sum_squares
    neither = n * n - only_second - only_first - sum_squares
    if only_second == 0 and only_first == 0:
        return 1.0
    return (
        2.0
        * (same_both * neither - only_first * only_second)
        / (
            (same_both + only_first) * (only_first + neither)
            + (same_both + only_second) * (only_second + neither)
        )
    )


@dataclass(frozen=True)
class PCAResult:
    """Principal axes of a matrix: ``mean`` (per feature), ``components`` (n_components x features,
    largest absolute loading positive), ``explained_variance`` and ``explained_variance_ratio``."""

    mean: np.ndarray
    components: np.ndarray
    explained_variance: np.ndarray
    explained_variance_ratio: np.ndarray

    def transform(self, matrix: np.ndarray) -> np.ndarray:
        """Coordinates of the rows of ``matrix`` on the components."""
        return (np.asarray(matrix, dtype=np.float64) - self.mean) @ self.components.T


def pca(matrix: np.ndarray, n_components: int = 2) -> PCAResult:
    """PCA by SVD of the centred matrix (variances with n - 1, as scikit-learn)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    n, features = matrix.shape
    if not 1 <= n_components <= min(n, features):
        raise ValueError(f"n_components = {n_components} needs 1 <= n_components <= {min(n, features)}")
    mean = matrix.mean(axis=0)
    centred = matrix - mean
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    # Sign convention: the largest absolute loading of each component is positive, so the same
    # data always gives the same map (an SVD may return either sign).
    biggest = np.abs(vt).argmax(axis=1)
    signs = np.sign(vt[np.arange(len(vt)), biggest])
    signs[signs == 0] = 1.0
    vt = vt * signs[:, None]
    variance = singular**2 / max(n - 1, 1)
    total = float(variance.sum())
    ratio = variance / total if total > 0 else np.zeros_like(variance)
    return PCAResult(
        mean=mean,
        components=vt[:n_components],
        explained_variance=variance[:n_components],
        explained_variance_ratio=ratio[:n_components],
    )
