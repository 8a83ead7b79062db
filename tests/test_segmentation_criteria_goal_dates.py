"""Date criteria shown per calendar period; the goal's proposed method recorded for the Group step."""

from __future__ import annotations

import pandas as pd
import pytest
from test_segmentation_data import online_retail_analysis, synthetic_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.project import load_project, save_project
from segmenter_app.core.segmentation import criteria


def test_dates_are_counted_per_month_with_empty_months_kept():
    """A year of dates gives one bar per month in order, gaps as zeros, every customer counted."""
    dates = pd.Series(pd.to_datetime(["2010-12-01", "2011-03-05", "2011-03-20", "2011-12-09", None]))
    hist = criteria.date_histogram(dates)
    assert hist["value"].tolist()[:4] == ["2010-12", "2011-01", "2011-02", "2011-03"]
    assert len(hist) == 13 and hist["customers"].sum() == 4
    assert hist.set_index("value").loc["2011-03", "customers"] == 2
    assert hist.set_index("value").loc["2011-02", "customers"] == 0
    # A few days: one bar per day; decades: one bar per year.
    assert criteria.date_histogram(pd.Series(pd.to_datetime(["2011-03-01", "2011-03-05"])))[
        "value"
    ].tolist() == [
        "2011-03-01",
        "2011-03-02",
        "2011-03-03",
        "2011-03-04",
        "2011-03-05",
    ]
    years = criteria.date_histogram(pd.Series(pd.to_datetime(["2001-03-01", "2011-03-05"])))
    assert years["value"].tolist()[0] == "2001" and len(years) == 11


def test_histogram_of_a_date_criterion_uses_periods():
    analysis = synthetic_analysis(500)
    hist = criteria.histogram(analysis, s.C_FIRST)
    assert {"value", "start", "end", "customers"} <= set(hist.columns)
    assert hist["customers"].sum() == analysis.customers[s.C_FIRST].notna().sum()
    assert len(hist) <= criteria.DATE_BARS
    assert hist["start"].is_monotonic_increasing


@pytest.mark.realdata
def test_online_retail_first_purchases_by_month(online_retail_csv):
    """Dec 2010 to Dec 2011: 13 monthly bars; the first month holds the most first purchases."""
    analysis = online_retail_analysis(online_retail_csv)
    hist = criteria.histogram(analysis, s.C_FIRST)
    assert hist["value"].iloc[0] == "2010-12" and hist["value"].iloc[-1] == "2011-12" and len(hist) == 13
    assert hist["customers"].sum() == len(analysis.customers)
    assert hist["customers"].idxmax() == 0


def test_apply_goal_records_the_proposed_method_and_the_project_keeps_it(tmp_path):
    analysis = synthetic_analysis(300)
    assert analysis.suggested_method is None
    criteria.apply_goal(analysis, "win_back")
    assert analysis.suggested_method == "predictive"
    criteria.apply_goal(analysis, "grow_value")
    assert analysis.suggested_method == "clusters"
    save_project(analysis, tmp_path / "p.segmenter")
    assert load_project(tmp_path / "p.segmenter").suggested_method == "clusters"
