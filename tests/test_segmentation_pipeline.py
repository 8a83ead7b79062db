"""Every method through the real import and customer table, as the command line runs them, with
the report the command writes (details, quality per segment, JSON)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from segmenter_app.core import collect, customers
from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.report import build_report
from segmenter_app.core.segmentation import segment


@pytest.fixture(scope="module")
def retail() -> Analysis:
    from conftest import shared_file

    path = shared_file("online_retail", "online_retail.csv.gz")
    analysis = Analysis()
    collect.import_files(analysis, [str(path)])
    customers.build_customer_table(analysis)
    return analysis


def _report(analysis: Analysis) -> dict:
    report = build_report(analysis, {})
    json.dumps(report)  # the report is plain JSON
    assert sum(seg["customers"] for seg in report["segments"]) == report["customers"]
    assert all("quality" in seg and 0 <= seg["quality"]["passed"] <= 5 for seg in report["segments"])
    return report


@pytest.mark.realdata
@pytest.mark.parametrize("method", ["rfm", "rules", "clusters"])
def test_each_method_on_the_imported_online_retail(retail, method):
    """One segment per customer with a reason; the report carries the method's details."""
    seg = segment(retail, method, {"seed": 1} if method == "clusters" else None)
    a = seg.assignments
    assert a.index.equals(retail.customers.index.astype(str))
    assert a[s.A_SEGMENT].isin(seg.segments["key"]).all()
    assert a[s.A_REASON].str.len().gt(10).all()
    report = _report(retail)
    details = report["details"]
    expected = {"rfm": "cut_points", "rules": "others_listed", "clusters": "silhouette_by_k"}[method]
    assert expected in details
    if method == "rules":
        # Online Retail has no discounts: the coupon preset is left out, with a note.
        assert "rule:coupon_driven" not in {seg["key"] for seg in report["segments"]}
        assert any("Coupon" in note for note in details["skipped_presets"])
    if method == "rfm":
        # No contact details in the data: reach is unknown, not "0%".
        assert all(seg["quality"]["reachable_share"] is None for seg in report["segments"])


@pytest.mark.realdata
def test_predictive_with_as_of_on_the_imported_online_retail(online_retail_csv):
    """--as-of 2011-09-30: fitted before, checked on October to December, parameters in weeks."""
    analysis = Analysis(lang="fr")
    collect.import_files(analysis, [str(online_retail_csv)])
    customers.build_customer_table(analysis, pd.Timestamp("2011-09-30"))
    seg = segment(analysis, "predictive", {"horizon_days": 90})
    report = _report(analysis)
    details = report["details"]
    assert details["bgnbd"]["alpha_unit"] == "weeks" and details["bgnbd"]["log_likelihood"] < 0
    assert details["validation"]["period_start"] == "2011-10-01"
    assert details["validation"]["customers"] == len(analysis.customers)
    assert details["validation"]["mae_per_customer"] > 0
    assert seg.name_of("pred:churn_risk") == "Risque de départ"
    assert all(seg_["clv"] is not None for seg_ in report["segments"] if seg_["customers"])


@pytest.mark.realdata
def test_mall_customers_file_alone_clusters_on_its_attributes(mall_customers_csv):
    """A customers file without orders: RFM says why it cannot; clusters use the attributes."""
    from segmenter_app.core.i18n import UserError

    analysis = Analysis()
    collect.import_files(analysis, [str(mall_customers_csv)])
    customers.build_customer_table(analysis)
    with pytest.raises(UserError):
        segment(analysis, "rfm")
    seg = segment(analysis, "clusters", {"criteria": ["Annual_Income(k$)", "Spending_Score(1-100)"]})
    assert seg.details["k"] == 5 and seg.counts().sum() == 200
