"""Act and Measure on the real Online Retail data: plans, control groups, a later export, migration.

The analysis is made as of 2011-11-09; the rows after that date, written to a separate CSV the way
the shop would export them a month later, play the sales export that measures the campaign.
"""

from __future__ import annotations

import pandas as pd
import pytest
from test_project import assert_same

from segmenter_app.core import collect, customers, project, segmentation
from segmenter_app.core import schema as s
from segmenter_app.core.actions import draw_control, suggest_plans
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.measure import measure_results

AS_OF = "2011-11-09"
pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def retail(request) -> tuple[Analysis, str]:
    from conftest import shared_file

    path = shared_file("online_retail", "online_retail.csv.gz")
    analysis = Analysis(lang="en")
    collect.import_files(analysis, [str(path)])
    customers.build_customer_table(analysis, AS_OF)
    segmentation.segment(analysis, "rfm")
    suggest_plans(analysis)
    draw_control(analysis)
    return analysis, str(path)


@pytest.fixture(scope="module")
def december_export(retail, tmp_path_factory) -> str:
    """The order lines dated on or after the analysis date, as their own CSV export."""
    _, path = retail
    lines = pd.read_csv(path, dtype=str, keep_default_na=False)
    later = lines[lines["InvoiceDate"] >= AS_OF]  # ISO dates: text order is date order
    out = tmp_path_factory.mktemp("later") / "online_retail_december.csv"
    later.to_csv(out, index=False)
    return str(out)


def test_every_real_segment_gets_a_fitted_plan(retail):
    analysis, _ = retail
    plans = analysis.plans
    keys = analysis.segmentation.segments["key"].tolist()
    assert list(plans) == keys
    for key, plan in plans.items():
        assert plan["playbook"] == key.split(":")[1] and plan["basis"] == "key"
        assert "United Kingdom" in plan["persona"]
        assert "no email or phone in the data" in plan["persona"]
        assert plan["channel_key"] == "in_store"
        assert plan["discount"] == 0  # no discount column: no segment is discount-driven
        assert plan["threshold"] >= plan["avg_basket"] * 1.2
    assert sorted(p["priority"] for p in plans.values()) == list(range(1, len(plans) + 1))


def test_real_control_groups_are_ten_percent_per_segment_and_reproducible(retail):
    analysis, _ = retail
    asg = analysis.segmentation.assignments
    for key, group in asg.groupby(s.A_SEGMENT):
        n = len(group)
        assert abs(group[s.A_CONTROL].sum() - round(n * 0.1)) <= 1, key
        assert analysis.plans[key]["control_size"] == group[s.A_CONTROL].sum()
    flags = asg[s.A_CONTROL].copy()
    draw_control(analysis)
    assert analysis.segmentation.assignments[s.A_CONTROL].equals(flags)
    big = analysis.plans["rfm:hibernating"]
    small = analysis.plans["rfm:cant_lose"]
    assert not big["control_too_small"] and big["mde"] < 0.05
    assert small["control_too_small"]


def test_a_later_sales_export_measures_the_campaign_and_the_migration(retail, december_export):
    analysis, _ = retail
    before = len(analysis.measurements)
    m = measure_results(analysis, december_export, campaign_date=AS_OF, window_days=30)
    assert len(analysis.measurements) == before + 1
    assert m["kind"] == "sales" and m["control_observed"] is True
    # Expected: segmented customers whose net purchases in the 30 days from the analysis date are
    # positive, computed from the analysis' own transactions (they hold the later rows too).
    t = analysis.transactions
    start = pd.Timestamp(AS_OF)
    window = t[(t[s.T_DATE] >= start) & (t[s.T_DATE] < start + pd.Timedelta(days=30))]
    net = window.groupby(s.T_CUSTOMER)[s.T_AMOUNT].sum()
    segmented = analysis.segmentation.assignments.index
    buyers = set(net[net > 0].index.astype(str)) & set(segmented.astype(str))
    total = m["total"]
    assert total["conversions"] + total["control_conversions"] == len(buyers)
    assert total["contacted"] + total["control"] == len(segmented)
    for row in m["segments"]:
        assert row["uplift_low"] <= row["uplift"] <= row["uplift_high"]
        assert row["rate_kind"] in ("reactivation", "retention")
    migration = m["migration"]
    assert migration is not None
    counts = migration["matrix"]["counts"]
    assert sum(map(sum, counts)) == migration["customers_after"] >= migration["customers_before"]
    assert migration["customers_before"] == len(segmented)
    new_row = counts[migration["matrix"]["rows"].index("(new)")]
    assert sum(new_row) == migration["customers_after"] - migration["customers_before"] > 0
    gone_column = migration["matrix"]["columns"].index("(gone)")
    assert sum(r[gone_column] for r in counts) == 0  # nobody disappears from a re-run with more sales


def test_the_real_analysis_round_trips_through_a_project_file(retail, tmp_path):
    analysis, _ = retail
    path = project.save_project(analysis, tmp_path / "online_retail.segmenter")
    loaded = project.load_project(path)
    assert_same(analysis, loaded)
    assert len(loaded.transactions) == len(analysis.transactions) > 390_000
