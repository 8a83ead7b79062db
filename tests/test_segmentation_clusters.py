"""Clusters: automatic k on Mall Customers, reproducibility, descriptions, map, cancel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_segmentation_data import online_retail_analysis, synthetic_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import UserError
from segmenter_app.core.progress import Cancelled, CancelToken
from segmenter_app.core.segmentation import clusters, segment
from segmenter_app.core.segmentation.cluster_features import build_features

INCOME = "Annual_Income(k$)"
SCORE = "Spending_Score(1-100)"


def mall_analysis(path: Path, lang: str = "en") -> Analysis:
    """Mall Customers as a customer table (one row per customer, demographic columns)."""
    table = pd.read_csv(path, dtype={"CustomerID": str}).set_index("CustomerID")
    table = table.rename(columns={"Genre": s.GENDER, "Age": s.AGE})
    table.index.name = s.T_CUSTOMER
    analysis = Analysis(lang=lang)
    analysis.customers = table
    return analysis


@pytest.mark.realdata
def test_mall_customers_income_and_spending_give_the_known_five_clusters(mall_customers_csv):
    """The textbook result: silhouette picks k = 5 on income and spending score, with the five
    familiar groups (high income/low spending, low income/high spending...)."""
    analysis = mall_analysis(mall_customers_csv)
    seg = segment(analysis, "clusters", {"criteria": [INCOME, SCORE]})
    details = seg.details
    assert details["k"] == 5 and details["k_auto"]
    scores = details["silhouette_by_k"]
    assert set(scores) == {str(k) for k in range(2, 11)}
    assert max(scores, key=scores.get) == "5" and 0.5 < scores["5"] < 0.6
    assert 0 <= details["stability"] <= 1 and details["stability_level"] in ("stable", "moderate")
    assert sorted(c["customers"] for c in details["clusters"]) == [22, 23, 35, 39, 81]
    names = seg.segments["name"].tolist()
    assert len(set(names)) == 5
    assert "Low Spending Score(1-100) · High Annual Income(k$)" in names
    a = seg.assignments
    assert a.index.is_unique and len(a) == 200 and a[s.A_SEGMENT].isin(seg.segments["key"]).all()
    assert a[s.A_REASON].str.startswith("Cluster “").all()
    assert a[["x", "y"]].notna().all().all()
    # Cluster 0 is the largest.
    assert details["clusters"][0]["customers"] == 81


@pytest.mark.realdata
def test_mall_customers_with_categories_and_french_names(mall_customers_csv):
    """Gender is one-hot encoded; descriptions and names in French."""
    analysis = mall_analysis(mall_customers_csv, "fr")
    seg = segment(analysis, "clusters", {"criteria": [s.GENDER, s.AGE, SCORE], "k": 4})
    assert seg.details["transforms"] == {s.AGE: "none", SCORE: "none", s.GENDER: "one-hot"}
    assert seg.details["k"] == 4 and not seg.details["k_auto"] and seg.details["silhouette_by_k"] == {}
    assert seg.assignments[s.A_REASON].str.startswith("Groupe « ").all()
    assert all(c["description"] for c in seg.details["clusters"])


def test_skewed_amounts_are_log_transformed_and_missing_values_filled():
    """Spend is skewed: log; recency is not: as is; missing ages take the median."""
    customers = synthetic_analysis(3000).customers
    features = build_features(customers, [s.C_MONETARY, s.C_RECENCY, s.AGE, s.CITY])
    assert features.transforms == {s.C_MONETARY: "log", s.C_RECENCY: "none", s.AGE: "none", s.CITY: "one-hot"}
    assert features.imputed[s.AGE] == int(customers[s.AGE].isna().sum()) > 0
    numeric = features.matrix[:, :3]
    assert np.allclose(numeric.mean(axis=0), 0, atol=1e-9) and np.allclose(numeric.std(axis=0), 1)
    assert set(features.columns[3:]) == {"city=Lyon", "city=Paris", "city=Villeurbanne", "city=(missing)"}


def test_same_seed_same_clusters_and_every_customer_once():
    """A fixed seed reproduces the clustering exactly; the keys are numbered by size."""
    first = segment(synthetic_analysis(4000), "clusters", {"seed": 7}).assignments
    second = segment(synthetic_analysis(4000), "clusters", {"seed": 7}).assignments
    pd.testing.assert_frame_equal(first, second)
    sizes = first[s.A_SEGMENT].value_counts()
    assert sizes.index[0] == "cluster:0" and sizes.is_monotonic_decreasing
    assert len(first) == 4000 and first.index.is_unique


def test_bad_k_and_unknown_criteria_are_user_errors():
    """k outside 2..10 and unknown columns say what to do."""
    analysis = synthetic_analysis(300)
    with pytest.raises(UserError) as error:
        segment(analysis, "clusters", {"k": 21})
    assert "from 2 to 20" in error.value.text("en")
    assert segment(analysis, "clusters", {"k": 12}).details["k"] == 12
    with pytest.raises(UserError) as error:
        segment(analysis, "clusters", {"criteria": ["shoe_size"]})
    assert "shoe_size" in error.value.text("en")


def test_progress_is_reported_and_cancel_stops_the_search():
    """Progress rises to 1; a cancel request raises Cancelled."""
    seen: list[float] = []
    segment(synthetic_analysis(2000), "clusters", progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and len(seen) >= 10 and seen == sorted(seen)
    token = CancelToken()

    def cancel_at_k4(fraction: float, message: str) -> None:
        if message == "k = 4":
            token.cancel()

    with pytest.raises(Cancelled):
        segment(synthetic_analysis(2000), "clusters", progress=cancel_at_k4, cancel=token)


def test_gui_helpers():
    """Coordinates and the silhouette table are plain DataFrames."""
    seg = segment(synthetic_analysis(1000), "clusters")
    coords = clusters.coordinates(seg)
    assert list(coords.columns) == ["x", "y", s.A_SEGMENT] and len(coords) == 1000
    table = clusters.silhouette_table(seg)
    assert table["k"].tolist() == list(range(2, 11))


@pytest.mark.realdata
def test_online_retail_clusters_reproducible(online_retail_csv):
    """Real data: every customer once, same result with the same seed."""
    analysis = online_retail_analysis(online_retail_csv)
    first = segment(analysis, "clusters", {"seed": 3})
    again = segment(analysis, "clusters", {"seed": 3})
    pd.testing.assert_frame_equal(first.assignments, again.assignments)
    assert first.details["transforms"][s.C_MONETARY] == "log"
    assert int(first.counts().sum()) == len(analysis.customers)
    assert first.assignments[s.A_REASON].notna().all()


def test_cluster_names_put_behaviour_before_a_shared_category():
    """Two clusters sharing a city read alike where they are alike: the behaviour trait comes first
    in both names, whichever trait is stronger."""
    from segmenter_app.core.segmentation.cluster_describe import cluster_name

    strong_city = [("city", 2.0, "Lyon"), ("monetary", -0.8, None)]
    strong_spend = [("monetary", 1.5, None), ("city", 0.9, "Lyon")]
    assert cluster_name(strong_city, "en") == "Small spenders · city: Lyon"
    assert cluster_name(strong_spend, "en") == "Big spenders · city: Lyon"
    assert cluster_name([("city", 2.0, "Lyon"), ("country", 1.0, "France")], "fr").startswith("Ville : Lyon")
    assert cluster_name([("monetary", 0.1, None)], "en") == "Average customers"


def test_automatic_k_leaves_campaign_sized_clusters_on_a_small_shop():
    """On 60 customers the silhouette keeps rising with k (ten groups of six scored best before):
    the automatic search stops where the clusters average a campaign's minimum, and a k the user
    asks for is still made."""
    from segmenter_app.core.segmentation.quality import MIN_CAMPAIGN

    analysis = synthetic_analysis(60, seed=4)
    seg = segment(analysis, "clusters", {"seed": 1})
    assert seg.details["k_auto"]
    assert max(int(k) for k in seg.details["silhouette_by_k"]) == 60 // MIN_CAMPAIGN == 6
    assert 2 <= seg.details["k"] <= 6
    assert segment(analysis, "clusters", {"seed": 1, "k": 9}).details["k"] == 9
    # A shop of 15: two clusters are all the search tries.
    small = segment(synthetic_analysis(15, seed=4), "clusters", {"seed": 1})
    assert small.details["k"] == 2 and list(small.details["silhouette_by_k"]) == ["2"]
