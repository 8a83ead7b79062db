"""Step 5: the uplift intervals recover a known effect and cover zero at their stated rate."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_actions_support import make_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.actions import draw_control, suggest_plans
from segmenter_app.core.measure import measure_campaign, stats
from segmenter_app.core.measure.results import Outcomes


def _simulate(analysis, rng, p_control, p_contacted, basket_mu=3.5):
    """Outcomes for every customer: conversion with the given rates, lognormal baskets."""
    asg = analysis.segmentation.assignments
    p = np.where(asg[s.A_CONTROL].to_numpy(), p_control, p_contacted)
    converted = rng.random(len(asg)) < p
    revenue = np.where(converted, rng.lognormal(basket_mu, 0.5, len(asg)), 0.0)
    table = pd.DataFrame({"converted": converted, "revenue": revenue}, index=asg.index.astype(str))
    return Outcomes("campaign", table, "sim.csv", "", len(table))


def _one_segment_analysis(n, seed=1, share=0.1):
    keys = pd.Series("rfm:at_risk", index=[f"C{i:05d}" for i in range(1, n + 1)])
    analysis = make_analysis(n=n, seed=seed, keys=keys.set_axis(make_analysis(n=n).customers.index))
    analysis.control_share = share
    suggest_plans(analysis)
    draw_control(analysis)
    return analysis


def test_a_known_effect_is_recovered_within_its_interval():
    analysis = _one_segment_analysis(6000)
    rng = np.random.default_rng(2024)
    outcomes = _simulate(analysis, rng, p_control=0.05, p_contacted=0.11)
    m = measure_campaign(analysis, outcomes)
    row = m["segments"][0]
    assert row["key"] == "rfm:at_risk"
    assert row["control"] == 600 and row["contacted"] == 5400
    assert row["uplift_low"] <= 0.06 <= row["uplift_high"]
    assert row["uplift_low"] > 0
    assert row["uplift_verdict"] == "likely_real"
    assert row["uplift_text"].startswith("+") and row["uplift_text"].endswith("likely real.")
    true_revenue_uplift = 0.06 * np.exp(3.5 + 0.5**2 / 2)
    assert row["revenue_uplift_low"] <= true_revenue_uplift <= row["revenue_uplift_high"]
    assert row["revenue_verdict"] == "likely_real"
    # The figures are consistent with each other.
    assert row["conversion_rate"] == pytest.approx(row["conversions"] / row["contacted"], abs=1e-4)
    assert row["avg_basket"] == pytest.approx(row["revenue"] / row["conversions"], abs=0.01)
    assert row["rate_kind"] == "reactivation" and row["reactivation_rate"] == row["conversion_rate"]
    assert row["cost"] == pytest.approx(5400 * analysis.plans["rfm:at_risk"]["cost_per_contact"])
    assert row["roi"] == pytest.approx((row["revenue"] - row["cost"]) / row["cost"], rel=1e-3)


@pytest.mark.parametrize(("n_t", "n_c", "p"), [(900, 100, 0.08), (270, 30, 0.2), (4500, 500, 0.03)])
def test_conversion_intervals_cover_zero_at_the_stated_rate_when_there_is_no_effect(n_t, n_c, p):
    rng = np.random.default_rng(7)
    runs = 2000
    covered = 0
    for _ in range(runs):
        x_t = int(rng.binomial(n_t, p))
        x_c = int(rng.binomial(n_c, p))
        covered += stats.proportion_difference(x_t, n_t, x_c, n_c).covers(0.0)
    # 95% stated; 2,000 runs put the observed rate within about +/-1 point of the true coverage.
    assert 0.93 <= covered / runs <= 0.975


def test_conversion_intervals_cover_a_real_effect_at_the_stated_rate():
    rng = np.random.default_rng(8)
    runs, covered = 2000, 0
    for _ in range(runs):
        x_t = int(rng.binomial(1800, 0.09))
        x_c = int(rng.binomial(200, 0.05))
        covered += stats.proportion_difference(x_t, 1800, x_c, 200).covers(0.04)
    assert 0.93 <= covered / runs <= 0.975


def _revenue_coverage(n_t, n_c, p, runs, seed):
    rng = np.random.default_rng(seed)
    covered = 0
    for i in range(runs):
        a = np.where(rng.random(n_t) < p, rng.lognormal(3.5, 0.6, n_t), 0.0)
        b = np.where(rng.random(n_c) < p, rng.lognormal(3.5, 0.6, n_c), 0.0)
        covered += stats.mean_difference(a, b, seed=i).covers(0.0)
    return covered / runs


@pytest.mark.parametrize(("n_t", "n_c", "p"), [(1800, 200, 0.08), (2700, 300, 0.1), (9000, 1000, 0.2)])
def test_revenue_intervals_cover_zero_at_the_stated_rate_when_there_is_no_effect(n_t, n_c, p):
    # At least 10 expected buyers in each group (below, the app calls the figure rough).
    # 600 runs: the observed rate is within about +/-2 points of the true coverage.
    assert 0.925 <= _revenue_coverage(n_t, n_c, p, 600, 9) <= 0.975


def test_revenue_intervals_with_few_buyers_stay_close_and_say_they_are_rough():
    # 8 expected buyers in a control group of 100: Welch alone covers about 91%; the bootstrap-t
    # brings it to about 93%, and the text warns that the figure is rough.
    assert _revenue_coverage(900, 100, 0.08, 400, 10) >= 0.9
    analysis = _one_segment_analysis(1000)
    outcomes = _simulate(analysis, np.random.default_rng(5), p_control=0.05, p_contacted=0.05)
    row = measure_campaign(analysis, outcomes)["segments"][0]
    assert row["revenue_text"].endswith("a rough figure.")


def test_no_effect_in_a_whole_campaign_says_not_enough_evidence():
    analysis = _one_segment_analysis(3000)
    outcomes = _simulate(analysis, np.random.default_rng(11), p_control=0.08, p_contacted=0.08)
    row = measure_campaign(analysis, outcomes)["segments"][0]
    assert row["uplift_low"] <= 0 <= row["uplift_high"]
    assert row["uplift_verdict"] == "not_enough_evidence"
    assert "not enough evidence yet" in row["uplift_text"]


def test_wilson_and_newcombe_against_published_values():
    # Newcombe (1998), table II example (a): 56/70 vs 48/80 -> difference 0.2, 95% CI 0.0524 to 0.3339.
    interval = stats.proportion_difference(56, 70, 48, 80)
    assert interval.diff == pytest.approx(0.2)
    assert interval.low == pytest.approx(0.0524, abs=5e-4)
    assert interval.high == pytest.approx(0.3339, abs=5e-4)
    # Example (d): 5/56 vs 0/29 -> -0.0381 to 0.1926.
    interval = stats.proportion_difference(5, 56, 0, 29)
    assert interval.low == pytest.approx(-0.0381, abs=5e-4)
    assert interval.high == pytest.approx(0.1926, abs=5e-4)
    low, high = stats.wilson(0, 10)
    assert low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(0.2775, abs=5e-4)


def test_welch_against_scipy():
    """Welch's 95% interval as SciPy 1.17 gives it (``ttest_ind(a, b, equal_var=False)
    .confidence_interval(0.95)``, values recorded: the app no longer depends on SciPy)."""
    rng = np.random.default_rng(3)
    a = rng.normal(10, 3, 400)
    b = rng.normal(9, 5, 150)
    interval = stats.mean_difference(a, b)
    assert interval.low == pytest.approx(-0.47331189971904686, rel=1e-9)
    assert interval.high == pytest.approx(1.1095709523378725, rel=1e-9)


def test_plain_words_in_both_languages():
    good = stats.Interval(0.06, 0.02, 0.10)
    assert stats.say_conversion(good, "en") == "+6 points (+2 to +10), likely real."
    assert stats.say_conversion(good, "fr") == "+6 points (+2 à +10), probablement réel."
    unsure = stats.Interval(0.03, -0.02, 0.08)
    assert stats.say_conversion(unsure, "en").startswith("+3 points, not enough evidence yet")
    bad = stats.Interval(-0.04, -0.07, -0.01)
    assert "worse" in stats.say_conversion(bad, "en")
    assert stats.say_revenue(stats.Interval(4.2, 1.1, 7.3), "en", "€").startswith("+€4.20 per customer")
    assert stats.say_revenue(stats.Interval(4.2, 1.1, 7.3), "fr", "€").startswith("+4,20\u00a0€ par client")


def test_without_a_control_group_the_uplift_is_not_invented():
    analysis = _one_segment_analysis(500, share=0.0)
    outcomes = _simulate(analysis, np.random.default_rng(1), 0.1, 0.2)
    row = measure_campaign(analysis, outcomes)["segments"][0]
    assert row["control"] == 0
    assert row["uplift"] is None and row["uplift_verdict"] is None
    assert "No control group" in row["uplift_text"]
    assert row["conversions"] > 0


def test_results_that_ignore_the_control_group_do_not_fake_an_uplift():
    analysis = _one_segment_analysis(1000)
    outcomes = _simulate(analysis, np.random.default_rng(1), 0.1, 0.2)
    control = analysis.segmentation.assignments[s.A_CONTROL]
    outcomes.table = outcomes.table[~control.to_numpy()]  # the sheet lists contacted customers only
    m = measure_campaign(analysis, outcomes)
    assert m["control_observed"] is False
    row = m["segments"][0]
    assert row["uplift"] is None
    assert "do not cover the control group" in row["uplift_text"]
