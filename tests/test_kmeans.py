"""The numpy k-means, silhouette, adjusted Rand index, PCA and connected components.

Hard-coded cases keep checking after scikit-learn and SciPy leave the environment; the comparisons
with them run while they are installed (``pytest.importorskip``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from segmenter_app.core.identity import connected_components
from segmenter_app.core.progress import Cancelled, CancelToken
from segmenter_app.core.segmentation.kmeans import adjusted_rand_index, kmeans, pca, silhouette

ROOT = Path(__file__).resolve().parent.parent


def blobs(n_per: int = 300, seed: int = 0, spread: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Three well separated 2-D blobs and their true labels."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    points = np.vstack([rng.normal(c, spread, (n_per, 2)) for c in centres])
    return points, np.repeat(np.arange(3), n_per)


def shop_like(n: int = 20000, seed: int = 3) -> np.ndarray:
    """Overlapping groups in 6 standardized features, like a customer table's criteria."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 2.0, (5, 6))
    matrix = centres[rng.integers(0, 5, n)] + rng.normal(0, 1.0, (n, 6))
    return (matrix - matrix.mean(axis=0)) / matrix.std(axis=0)


# Hard-coded cases (no scikit-learn needed).


def test_kmeans_finds_three_obvious_blobs_and_is_deterministic():
    points, truth = blobs()
    result = kmeans(points, 3, seed=5, starts=3)
    assert adjusted_rand_index(truth, result.labels) == 1.0
    found = sorted(map(tuple, np.round(result.centres)))
    assert found == [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0)]
    # Inertia is the sum of squared distances to the assigned centres.
    expected = float(((points - result.centres[result.labels]) ** 2).sum())
    assert result.inertia == pytest.approx(expected, rel=1e-12)
    again = kmeans(points, 3, seed=5, starts=3)
    assert np.array_equal(result.labels, again.labels) and np.array_equal(result.centres, again.centres)
    assert np.array_equal(result.predict(points), result.labels)


def test_kmeans_more_starts_never_worse_and_init_is_followed():
    matrix = shop_like(5000)
    one = kmeans(matrix, 6, seed=1, starts=1)
    many = kmeans(matrix, 6, seed=1, starts=8)
    assert many.inertia <= one.inertia
    # Starting from converged centres: the labels do not change, the centres move less than the
    # tolerance (to the exact means of the labels) and the inertia can only go down.
    refit = kmeans(matrix, 6, init=many.centres)
    assert refit.iterations == 1 and np.array_equal(refit.labels, many.labels)
    assert np.allclose(refit.centres, many.centres, atol=0.01) and refit.inertia <= many.inertia


def test_kmeans_relocates_an_empty_cluster():
    """Two identical starting centres: one would own no row; it is moved and every cluster is used."""
    points, truth = blobs(50)
    start = np.array([[0.0, 0.0], [0.0, 0.0], [10.0, 0.0]])
    result = kmeans(points, 3, init=start)
    assert sorted(np.bincount(result.labels, minlength=3)) == [50, 50, 50]
    assert adjusted_rand_index(truth, result.labels) == 1.0


def test_kmeans_checks_cancel_and_arguments():
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        kmeans(shop_like(2000), 4, seed=0, cancel=token)
    with pytest.raises(ValueError):
        kmeans(np.zeros((3, 2)), 4)
    with pytest.raises(ValueError):
        kmeans(np.zeros((5, 2)), 2, init=np.zeros((3, 2)))


def test_adjusted_rand_index_known_values():
    labels = np.array([0, 0, 1, 1, 2, 2])
    assert adjusted_rand_index(labels, labels) == 1.0
    assert adjusted_rand_index(labels, np.array([5, 5, 9, 9, 7, 7])) == 1.0  # renamed clusters
    assert adjusted_rand_index(np.array(["a", "a", "b"]), np.array([1, 1, 0])) == 1.0
    # Values from the textbook formula worked by hand.
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5, abs=1e-15)
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(4 / 7, abs=1e-15)
    # Independent labelings: close to 0.
    rng = np.random.default_rng(0)
    assert abs(adjusted_rand_index(rng.integers(0, 4, 20000), rng.integers(0, 4, 20000))) < 0.01
    # Many labels (one per row) do not need an n x n table.
    many = np.arange(200000)
    assert adjusted_rand_index(many, many) == 1.0


def test_silhouette_known_value_and_blocks():
    points = np.array([[0.0], [1.0], [10.0], [11.0]])
    expected = (9.5 / 10.5 + 8.5 / 9.5) / 2
    assert silhouette(points, np.array([0, 0, 1, 1])) == pytest.approx(expected, abs=1e-15)
    # A row alone in its cluster scores 0.
    lone = np.array([[0.0], [1.0], [10.0]])
    assert silhouette(lone, np.array([0, 0, 1])) == pytest.approx((9 / 10 + 8 / 9) / 3, abs=1e-15)
    matrix, truth = blobs(400, seed=2)
    whole = silhouette(matrix, truth)
    assert whole > 0.9
    assert silhouette(matrix, truth, block_cells=1000) == pytest.approx(whole, abs=1e-12)
    with pytest.raises(ValueError):
        silhouette(matrix, np.zeros(len(matrix), dtype=int))


def test_pca_of_a_line_and_a_stable_sign():
    t = np.linspace(-1.0, 1.0, 11)
    line = np.column_stack([t, 2 * t, np.zeros_like(t)]) + np.array([3.0, -1.0, 5.0])
    result = pca(line, 2)
    assert result.explained_variance_ratio[0] == pytest.approx(1.0, abs=1e-12)
    assert np.allclose(result.components[0], np.array([1.0, 2.0, 0.0]) / np.sqrt(5), atol=1e-12)
    assert result.explained_variance[0] == pytest.approx(5 * t.var(ddof=1), rel=1e-12)
    coords = result.transform(line)
    assert np.allclose(coords[:, 0], t * np.sqrt(5), atol=1e-12)
    # Flipping the data's sign flips the map, not the components: the largest loading stays positive.
    matrix = shop_like(2000)
    first, flipped = pca(matrix), pca(-matrix)
    assert np.allclose(first.components, flipped.components, atol=1e-10)
    biggest = np.abs(first.components).argmax(axis=1)
    assert (first.components[np.arange(2), biggest] > 0).all()


def test_connected_components_small_graph():
    # 0-1-2 linked, 3 alone, 4-5 linked, 6-4 linked late: components numbered by smallest node.
    labels = connected_components(7, np.array([1, 2, 5, 6]), np.array([0, 1, 4, 4]))
    assert labels.tolist() == [0, 0, 0, 1, 2, 2, 2]
    assert connected_components(3, np.array([], dtype=int), np.array([], dtype=int)).tolist() == [0, 1, 2]
    # A long chain in shuffled order collapses to one component.
    order = np.random.default_rng(0).permutation(50000)
    assert connected_components(50000, order[:-1], order[1:]).max() == 0


# Against scikit-learn and SciPy while they are installed.


def test_kmeans_inertia_matches_scikit_learn():
    cluster = pytest.importorskip("sklearn.cluster")
    matrix = shop_like(8000)
    points, _ = blobs()
    for data, k in ((points, 3), (matrix, 5), (matrix, 8)):
        ours = kmeans(data, k, seed=0, starts=4).inertia
        theirs = cluster.KMeans(n_clusters=k, n_init=4, random_state=0).fit(data).inertia_
        assert ours == pytest.approx(theirs, rel=0.01), (k, ours, theirs)
    # From the same starting centres, the same Lloyd iterations end at the same centres.
    start = matrix[:5]
    ours = kmeans(matrix, 5, init=start)
    theirs = cluster.KMeans(n_clusters=5, n_init=1, init=start).fit(matrix)
    assert np.allclose(ours.centres, theirs.cluster_centers_, atol=1e-3)
    assert adjusted_rand_index(ours.labels, theirs.labels_) > 0.99


def test_silhouette_and_ari_match_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    matrix = shop_like(3000, seed=9)
    labels = kmeans(matrix, 4, seed=2).labels
    assert silhouette(matrix, labels) == pytest.approx(metrics.silhouette_score(matrix, labels), abs=1e-9)
    rng = np.random.default_rng(4)
    for _ in range(5):
        a, b = rng.integers(0, 6, 5000), rng.integers(0, 3, 5000)
        b[:3000] = a[:3000] % 3  # partly agreeing
        assert adjusted_rand_index(a, b) == metrics.adjusted_rand_score(a, b)
    assert adjusted_rand_index(labels, labels[::-1]) == metrics.adjusted_rand_score(labels, labels[::-1])


def test_pca_matches_scikit_learn():
    decomposition = pytest.importorskip("sklearn.decomposition")
    matrix = shop_like(5000)
    ours = pca(matrix, 2)
    theirs = decomposition.PCA(n_components=2).fit(matrix)
    assert np.allclose(ours.explained_variance, theirs.explained_variance_, rtol=1e-10)
    assert np.allclose(ours.explained_variance_ratio, theirs.explained_variance_ratio_, rtol=1e-10)
    signs = np.sign((ours.components * theirs.components_).sum(axis=1))
    assert np.allclose(ours.components, theirs.components_ * signs[:, None], atol=1e-10)
    assert np.allclose(ours.transform(matrix), theirs.transform(matrix) * signs, atol=1e-8)


def test_connected_components_match_scipy():
    csgraph = pytest.importorskip("scipy.sparse.csgraph")
    sparse = pytest.importorskip("scipy.sparse")
    rng = np.random.default_rng(1)
    for _ in range(100):
        n = int(rng.integers(1, 400))
        m = int(rng.integers(0, 2 * n))
        first, second = rng.integers(0, n, m), rng.integers(0, n, m)
        graph = sparse.coo_matrix((np.ones(m, dtype=np.int8), (first, second)), shape=(n, n))
        _, expected = csgraph.connected_components(graph, directed=False)
        assert connected_components(n, first, second).tolist() == expected.tolist()


# Neither library is loaded by clustering or identity matching.

SCRIPT = """
import json, sys
from pathlib import Path
import tempfile
import numpy as np
import pandas as pd
from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.segmentation import segment
from tests import corpus

folder = Path(tempfile.mkdtemp())
web, till = corpus.two_tools(folder)
matched = Analysis()
import_files(matched, [str(web), str(till)])
build_customer_table(matched)
rng = np.random.default_rng(0)
table = pd.DataFrame(
    {s.C_RECENCY: rng.integers(1, 400, 600), s.C_FREQUENCY: rng.integers(1, 9, 600),
     s.C_MONETARY: rng.lognormal(3, 1, 600), s.C_AVG_BASKET: rng.lognormal(2, 0.5, 600)},
    index=pd.Index([f"C{i}" for i in range(600)], name=s.T_CUSTOMER),
)
analysis = Analysis()
analysis.customers = table
seg = segment(analysis, "clusters", {"k": "auto"})
print(json.dumps({
    "customers": sorted(matched.customers.index),
    "k": seg.details["k"],
    "loaded": sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "scipy")),
}))
"""


def test_clusters_and_identity_load_neither_scikit_learn_nor_scipy():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["customers"] == ["T9", "W1", "W2", "W3"]  # W1 and W3 matched across the files
    assert 2 <= result["k"] <= 10
    assert result["loaded"] == []
