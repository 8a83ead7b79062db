"""RFM: scores that survive ties, the grid of the brief, editable cut points, reasons, real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_segmentation_data import (
    customers_from_transactions,
    online_retail_analysis,
    online_retail_transactions,
    synthetic_analysis,
)

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import UserError
from segmenter_app.core.segmentation import rfm, rfm_cuts, segment


def _analysis(recency, frequency, monetary, lang="en") -> Analysis:
    n = len(recency)
    analysis = Analysis(lang=lang)
    analysis.customers = pd.DataFrame(
        {s.C_RECENCY: recency, s.C_FREQUENCY: frequency, s.C_MONETARY: monetary},
        index=pd.Index([f"c{i}" for i in range(n)], name=s.T_CUSTOMER),
    )
    return analysis


def test_grid_maps_every_cell_exactly_once_to_the_brief():
    """25 cells (and 9 in small-data mode), each to one known segment; the brief's corners."""
    for levels in (5, 3):
        table = rfm.grid(levels)
        assert sorted(table) == list(range(1, levels + 1))
        assert all(len(row) == levels for row in table.values())
        assert {n for row in table.values() for n in row} == set(rfm.segment_names(levels))
    assert rfm.GRID_5[5] == (
        "new_customers",
        "potential_loyalists",
        "potential_loyalists",
        "champions",
        "champions",
    )
    assert rfm.GRID_5[1][4] == "cant_lose" and rfm.GRID_5[2][0] == "hibernating"
    assert rfm.GRID_5[3][2] == "need_attention" and rfm.GRID_5[4][0] == "promising"
    assert len(rfm.segment_names(5)) == 10 and len(rfm.segment_names(3)) == 7


def test_ties_never_collapse_the_scores_when_most_bought_once():
    """70% one-order customers: F 1 is exactly them, and F still uses 5 scores."""
    rng = np.random.default_rng(3)
    n = 1000
    frequency = np.where(rng.random(n) < 0.7, 1, rng.integers(2, 12, n))
    analysis = _analysis(rng.integers(1, 400, n), frequency, rng.lognormal(4, 1, n).round(2))
    seg = segment(analysis, "rfm")
    f = seg.assignments["f_score"]
    assert sorted(f.unique()) == [1, 2, 3, 4, 5]
    assert ((f == 1) == (frequency == 1)).all()
    assert seg.details["cut_points"]["frequency"][0] == 2
    # Equal values always share a score.
    for column, score in ((s.C_MONETARY, "m_score"), (s.C_RECENCY, "r_score")):
        per_value = pd.DataFrame({"v": analysis.customers[column], "s": seg.assignments[score]})
        assert (per_value.groupby("v")["s"].nunique() == 1).all()


def test_fewer_distinct_values_than_scores_gives_one_score_per_value():
    """Frequencies 1, 2, 3 only: scores 1, 2, 3 (no gaps, no collapse)."""
    frequency = [1] * 300 + [2] * 100 + [3] * 50
    analysis = _analysis(list(range(450)), frequency, [10.0] * 450)
    seg = segment(analysis, "rfm")
    assert seg.details["cut_points"]["frequency"] == [2, 3]
    assert seg.assignments.groupby("f_score").size().to_dict() == {1: 300, 2: 100, 3: 50}
    # Everyone spent the same: one M score, no error.
    assert seg.assignments["m_score"].nunique() == 1


def test_cut_points_are_balanced_and_readable():
    """Recency 0..999 once each: five groups of 200 days, cut points as plain day counts."""
    analysis = _analysis(list(range(1000)), [1] * 1000, [5.0] * 1000)
    seg = segment(analysis, "rfm")
    assert seg.details["cut_points"]["recency"] == [199, 399, 599, 799]
    assert seg.assignments.groupby("r_score").size().tolist() == [200] * 5
    assert seg.details["cut_points_text"]["recency"][0] == "R 5: last purchase at most 199 days ago"


def test_scores_do_not_depend_on_row_order():
    """Shuffling the customer table changes nothing for any customer."""
    analysis = synthetic_analysis(5000)
    first = segment(analysis, "rfm").assignments
    shuffled = synthetic_analysis(5000)
    shuffled.customers = shuffled.customers.sample(frac=1.0, random_state=7)
    second = segment(shuffled, "rfm").assignments
    pd.testing.assert_frame_equal(first, second.loc[first.index])


def test_edited_cut_points_are_used_and_reported():
    """User cut points replace the computed ones for that dimension only."""
    analysis = synthetic_analysis(3000)
    computed = segment(analysis, "rfm").details["cut_points"]
    seg = rfm.set_cut_points(analysis, {"recency": [30, 90, 180, 365]})
    assert seg.details["cut_points"]["recency"] == [30, 90, 180, 365]
    assert seg.details["cut_points"]["frequency"] == computed["frequency"]
    assert seg.details["cut_points_source"] == {
        "recency": "edited",
        "frequency": "computed",
        "monetary": "computed",
    }
    recency = analysis.customers[s.C_RECENCY]
    r = seg.assignments["r_score"]
    assert (r[recency <= 30] == 5).all() and (r[(recency > 30) & (recency <= 90)] == 4).all()
    assert (r[recency > 365] == 1).all()
    assert rfm.get_cut_points(analysis)["recency"] == [30, 90, 180, 365]
    with pytest.raises(UserError) as error:
        segment(analysis, "rfm", {"cut_points": {"monetary": [100, 50]}})
    assert "increasing" in error.value.text("en") and "croissants" in error.value.text("fr")


def test_small_data_mode_below_the_threshold():
    """150 customers: scores 1 to 3, the 7-segment grid; 5 scores can still be asked for."""
    analysis = synthetic_analysis(150)
    seg = segment(analysis, "rfm")
    assert seg.details["small_data"] is True and seg.details["scores"] == 3
    assert seg.assignments[["r_score", "f_score", "m_score"]].max().max() == 3
    assert len(seg.segments) == 7
    assert rfm.grid_counts(seg).shape == (3, 3) and rfm.grid_counts(seg).to_numpy().sum() == 150
    assert segment(analysis, "rfm", {"scores": 5}).details["scores"] == 5
    big = segment(synthetic_analysis(rfm.SMALL_DATA_THRESHOLD), "rfm")
    assert big.details["scores"] == 5 and len(big.segments) == 10


def test_reason_in_english_and_french():
    """The reason states the scores and the figures behind them, in the analysis language."""
    recency = [12, 1, 0, 400, 200]
    frequency = [6, 1, 2, 3, 1]
    monetary = [840.0, 20.0, 1234.5, 300.0, 50.0]
    params = {
        "scores": 5,
        "cut_points": {
            "recency": [30, 60, 90, 180],
            "frequency": [2, 3, 4, 7],
            "monetary": [50, 100, 500, 1000],
        },
    }
    en = segment(_analysis(recency, frequency, monetary), "rfm", params).assignments[s.A_REASON]
    assert en["c0"] == "R 5 · F 4 · M 4: bought 12 days ago, 6 orders, 840 € spent"
    assert en["c1"] == "R 5 · F 1 · M 1: bought 1 day ago, 1 order, 20 € spent"
    assert (
        en["c2"].startswith("R 5 · F 2 · M 5: bought today, 2 orders, 1,234 € spent") or "1,235" in en["c2"]
    )
    fr = segment(_analysis(recency, frequency, monetary, "fr"), "rfm", params).assignments[s.A_REASON]
    assert fr["c0"] == "R 5 · F 4 · M 4 : dernier achat il y a 12 jours, 6 commandes, 840 € dépensés"
    assert "1\u202f23" in fr["c2"]


def test_names_follow_the_language_and_monetary_ranks_inside_a_segment():
    """Segment names in FR; inside a cell the biggest spender comes first."""
    analysis = synthetic_analysis(3000, lang="fr")
    seg = segment(analysis, "rfm")
    assert seg.name_of("rfm:cant_lose") == "À ne pas perdre"
    assert seg.name_of("rfm:champions") == "Champions"
    at_risk = seg.assignments[seg.assignments[s.A_SEGMENT] == "rfm:at_risk"].sort_values("rank_in_segment")
    assert at_risk["rank_in_segment"].tolist() == list(range(1, len(at_risk) + 1))
    assert at_risk["m_score"].is_monotonic_decreasing
    spend = analysis.customers[s.C_MONETARY].reindex(at_risk.index)
    top = at_risk[at_risk["m_score"] == at_risk["m_score"].max()]
    assert spend[top.index].is_monotonic_decreasing


def test_no_customer_table_is_a_user_error():
    """Segmenting before importing says what to do."""
    with pytest.raises(UserError) as error:
        segment(Analysis(), "rfm")
    assert "import" in error.value.text("en")
    with pytest.raises(UserError):
        segment(synthetic_analysis(10), "kmeans-please")


@pytest.mark.realdata
def test_online_retail_rfm_every_customer_once_with_a_reason(online_retail_csv):
    """Real data: one segment per customer, a reason for each, the 10 segments all used."""
    analysis = online_retail_analysis(online_retail_csv)
    seg = segment(analysis, "rfm")
    a = seg.assignments
    assert a.index.is_unique and a.index.equals(analysis.customers.index)
    assert a[s.A_SEGMENT].isin(seg.segments["key"]).all()
    assert a[s.A_REASON].str.match(r"R [1-5] · F [1-5] · M [1-5]: bought ").all()
    assert int(seg.counts().sum()) == len(analysis.customers)
    assert (seg.counts() > 0).all()
    # Online Retail: about a third of the customers ordered once; F 1 is exactly them.
    once = analysis.customers[s.C_FREQUENCY] == 1
    assert 0.3 < once.mean() < 0.4
    assert ((a["f_score"] == 1) == once).all()
    assert sorted(a["f_score"].unique()) == [1, 2, 3, 4, 5]


@pytest.mark.realdata
def test_online_retail_rfm_unchanged_when_rows_are_shuffled(online_retail_csv):
    """Shuffling the order lines gives exactly the same scores and segments."""
    tx = online_retail_transactions(online_retail_csv)
    as_of = tx[s.T_DATE].max().normalize() + pd.Timedelta(days=1)
    results = []
    for frame in (tx, tx.sample(frac=1.0, random_state=11)):
        analysis = Analysis()
        analysis.customers = customers_from_transactions(frame, as_of)
        results.append(segment(analysis, "rfm"))
    pd.testing.assert_frame_equal(
        results[0].assignments, results[1].assignments.loc[results[0].assignments.index]
    )
    assert results[0].details["cut_points"] == results[1].details["cut_points"]


def test_customers_who_never_bought_get_their_own_segment_and_no_orders_is_refused():
    """A customers file joined with orders: non-buyers sit outside the grid; no buyer at all is
    a plain refusal."""
    analysis = _analysis([5, 40, np.nan, 300] * 60, [3, 1, 0, 2] * 60, [300.0, 20.0, 0.0, 90.0] * 60)
    seg = segment(analysis, "rfm")
    never = analysis.customers[s.C_FREQUENCY] == 0
    assert (seg.assignments.loc[never, s.A_SEGMENT] == "rfm:no_purchase").all()
    assert (
        seg.segments["key"].iloc[-1] == "rfm:no_purchase"
        and seg.name_of("rfm:no_purchase") == "No purchase yet"
    )
    assert (seg.assignments.loc[~never, s.A_SEGMENT] != "rfm:no_purchase").all()
    assert rfm.grid_counts(seg).to_numpy().sum() == int((~never).sum())
    assert seg.assignments.loc[never, s.A_REASON].str.startswith("No purchase").all()
    with pytest.raises(UserError) as error:
        segment(_analysis([np.nan] * 5, [0] * 5, [0.0] * 5), "rfm")
    assert "Import an orders file" in error.value.text("en")


def test_reason_uses_the_currency_the_import_found():
    """An input whose details name GBP gives "£" in the reasons, like the action plans."""
    from segmenter_app.core.analysis import InputFile

    analysis = _analysis([3, 30], [2, 1], [120.0, 15.0])
    analysis.inputs = [InputFile(path="x.csv", details={"currency": "GBP"})]
    reasons = segment(analysis, "rfm").assignments[s.A_REASON]
    assert reasons.str.endswith("£ spent").all()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=300),
    st.sampled_from(["recency", "frequency", "monetary"]),
    st.sampled_from([3, 5]),
    st.randoms(use_true_random=False),
)
def test_scores_are_monotonic_tie_safe_and_order_free(values, dimension, levels, random):
    """For any values: scores within 1..levels, equal values equal scores, better values never a
    worse score, as many scores as distinct values allow, and the same cut points in any order."""
    array = np.array(values, dtype=float)
    cuts = rfm_cuts.compute_cut_points(array, dimension, levels)
    scores = rfm_cuts.scores_for(array, cuts, dimension, levels)
    assert scores.min() >= 1 and scores.max() <= levels
    order = np.argsort(array, kind="stable")
    ranked = scores[order] if dimension != "recency" else -scores[order]
    assert (np.diff(ranked) >= 0).all()  # monotonic, so equal values share a score
    assert len(np.unique(scores)) == min(levels, len(np.unique(array)))
    shuffled = list(values)
    random.shuffle(shuffled)
    assert rfm_cuts.compute_cut_points(np.array(shuffled, dtype=float), dimension, levels) == cuts


def test_grid_counts_match_a_crosstab_and_leave_out_customers_without_scores():
    """The heatmap's counts per (R, F) cell: the best recency on top, customers without a purchase
    (no scores) in no cell."""
    rng = np.random.default_rng(5)
    scores = pd.DataFrame({"r_score": rng.integers(1, 6, 3000), "f_score": rng.integers(1, 6, 3000)}).astype(
        float
    )
    scores.iloc[:40] = np.nan
    counts = rfm.grid_counts_from(scores, 5)
    expected = pd.crosstab(scores["r_score"], scores["f_score"]).reindex(
        index=[5, 4, 3, 2, 1], columns=[1, 2, 3, 4, 5]
    )
    assert counts.to_numpy().tolist() == expected.to_numpy().astype(int).tolist()
    assert list(counts.index) == [5, 4, 3, 2, 1] and list(counts.columns) == [1, 2, 3, 4, 5]
    assert int(counts.to_numpy().sum()) == 2960
