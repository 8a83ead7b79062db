"""Predictive segments: the published CDNOW figures, validation after --as-of, refusals on thin data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_segmentation_data import customers_from_transactions, online_retail_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import UserError
from segmenter_app.core.segmentation import segment
from segmenter_app.core.segmentation.predictive import bgnbd, gammagamma
from segmenter_app.core.segmentation.predictive.purchases import history

CALIBRATION_END = pd.Timestamp("1997-09-30")


def cdnow_transactions(path: Path) -> pd.DataFrame:
    """The CDNOW sample as a transaction table (sample customer id, date, dollar value)."""
    raw = pd.read_csv(
        path,
        sep=r"\s+",
        header=None,
        names=["master", "customer", "date", "cds", "value"],
        dtype={"master": str, "customer": str, "date": str},
    )
    return pd.DataFrame(
        {
            s.T_CUSTOMER: raw["customer"],
            s.T_ORDER: raw.index.astype(str),
            s.T_DATE: pd.to_datetime(raw["date"], format="%Y%m%d"),
            s.T_AMOUNT: raw["value"].astype(float),
            s.T_IS_RETURN: False,
        }
    )


def cdnow_analysis(path: Path, lang: str = "en") -> Analysis:
    """CDNOW analysed as of the end of the papers' calibration period (1997-09-30, inclusive)."""
    tx = cdnow_transactions(path)
    analysis = Analysis(lang=lang)
    analysis.transactions = tx
    analysis.as_of = CALIBRATION_END
    analysis.customers = customers_from_transactions(tx, CALIBRATION_END + pd.Timedelta(days=1))
    return analysis


def within(value: float, expected: float, tolerance: float = 0.02) -> bool:
    return abs(value - expected) <= tolerance * abs(expected)


@pytest.mark.realdata
def test_cdnow_history_matches_the_papers(cdnow_sample):
    """2,357 customers, 946 with repeat purchases in the calibration period, T up to 39 weeks."""
    hist = history(cdnow_transactions(cdnow_sample), CALIBRATION_END)
    assert len(hist) == 2357
    assert int((hist["x"] > 0).sum()) == 946
    assert hist["T"].max() == pytest.approx(272 / 7)  # first purchases from 1997-01-01


@pytest.mark.realdata
def test_cdnow_published_bgnbd_and_gamma_gamma_figures(cdnow_sample):
    """BG/NBD r, alpha (weeks), a, b, LL and Gamma-Gamma p, q, gamma within 2% of the papers."""
    hist = history(cdnow_transactions(cdnow_sample), CALIBRATION_END)
    fit = bgnbd.fit(hist["x"].to_numpy(), hist["t_x"].to_numpy(), hist["T"].to_numpy())
    assert within(fit.r, 0.243) and within(fit.alpha, 4.414) and within(fit.a, 0.793) and within(fit.b, 2.426)
    assert within(fit.log_likelihood, -9582.4)
    gg = gammagamma.fit(hist["x"].to_numpy(), hist["m"].to_numpy())
    assert within(gg.p, 6.25) and within(gg.q, 3.74) and within(gg.gamma, 15.44)


@pytest.mark.realdata
def test_cdnow_predictive_segments_with_validation(cdnow_sample):
    """Through segment(): the same figures in the details, one segment per customer, a reason each,
    and the check against the 39 weeks after the calibration period."""
    analysis = cdnow_analysis(cdnow_sample)
    seg = segment(analysis, "predictive", {"horizon_days": 182})
    details = seg.details
    assert details["time_unit"] == "weeks" and details["bgnbd"]["alpha_unit"] == "weeks"
    assert within(details["bgnbd"]["r"], 0.243) and within(details["bgnbd"]["log_likelihood"], -9582.4)
    assert within(details["gamma_gamma"]["gamma"], 15.44)
    a = seg.assignments
    assert a.index.is_unique and len(a) == 2357
    assert a[s.A_SEGMENT].isin(seg.segments["key"]).all() and (seg.counts() > 0).all()
    assert a[s.A_REASON].str.len().gt(20).all()
    assert a["p_alive"].between(0, 1).all() and (a["clv"] >= 0).all()
    # One-time buyers are not told they are "100% likely active".
    assert a.loc[a["x"] == 0, s.A_REASON].str.startswith("Bought once so far").all()
    # Churn risk: repeat buyers, at or above the repeat buyers' median spend, probably gone.
    risk = a[a[s.A_SEGMENT] == "pred:churn_risk"]
    assert (risk["x"] > 0).all() and (risk["p_alive"] < 0.5).all()
    validation = details["validation"]
    assert validation["period_start"] == "1997-10-01" and validation["period_end"] == "1998-06-30"
    assert validation["customers"] == 2357
    # The model is known to forecast this period well in aggregate (Fader et al.): within 20% here,
    # and the per-customer error is reported.
    assert abs(validation["total_error_pct"]) < 20
    assert 0 < validation["mae_per_customer"] < 1.5 and validation["correlation"] > 0.5
    assert a["holdout_actual"].sum() == validation["actual_purchases"]


@pytest.mark.realdata
def test_cdnow_french_reasons(cdnow_sample):
    """Reasons and names follow the analysis language."""
    seg = segment(cdnow_analysis(cdnow_sample, lang="fr"), "predictive")
    assert seg.name_of("pred:churn_risk") == "Risque de départ"
    repeat = seg.assignments[seg.assignments["x"] > 0]
    assert repeat[s.A_REASON].str.contains("% de chances d'être encore actif").all()


def _thin(n_customers: int, repeat_share: float) -> Analysis:
    rng = np.random.default_rng(5)
    rows = []
    for i in range(n_customers):
        first = pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(0, 200)))
        rows.append((f"c{i}", first, 20.0))
        if rng.random() < repeat_share:
            rows.append((f"c{i}", first + pd.Timedelta(days=int(rng.integers(5, 100))), 30.0))
    tx = pd.DataFrame(rows, columns=[s.T_CUSTOMER, s.T_DATE, s.T_AMOUNT])
    tx[s.T_ORDER] = [str(i) for i in range(len(tx))]
    tx[s.T_IS_RETURN] = False
    analysis = Analysis()
    analysis.transactions = tx
    analysis.as_of = pd.Timestamp("2025-12-31")
    analysis.customers = customers_from_transactions(tx, analysis.as_of + pd.Timedelta(days=1))
    return analysis


def test_thin_data_is_refused_in_plain_words():
    """Too few customers, or too few repeat buyers: a clear message, no numbers."""
    with pytest.raises(UserError) as error:
        segment(_thin(30, 0.5), "predictive")
    assert error.value.text("en").startswith("Too few customers to predict: 30 have a purchase")
    with pytest.raises(UserError) as error:
        segment(_thin(300, 0.02), "predictive")
    assert "Too few repeat buyers" in error.value.text("en")
    assert "clients fidèles" in error.value.text("fr")
    with pytest.raises(UserError):
        segment(_thin(300, 0.5), "predictive", {"alive_threshold": 3})


def test_enough_data_gives_predictions_without_validation():
    """300 customers, half came back: fitted, no later period so no validation."""
    seg = segment(_thin(300, 0.5), "predictive")
    assert "validation" not in seg.details
    assert seg.counts().sum() == 300


@pytest.mark.realdata
def test_online_retail_predictive_checked_after_as_of(online_retail_csv):
    """Fitted up to 2011-08-31, checked on September to December 2011."""
    analysis = online_retail_analysis(online_retail_csv, as_of="2011-09-01")
    analysis.as_of = pd.Timestamp("2011-08-31")
    seg = segment(analysis, "predictive")
    assert seg.assignments.index.equals(analysis.customers.index)
    assert seg.assignments[s.A_SEGMENT].notna().all()
    validation = seg.details["validation"]
    assert validation["period_start"] == "2011-09-01" and validation["period_end"] == "2011-12-09"
    assert validation["actual_purchases"] > 1000
    assert abs(validation["total_error_pct"]) < 50 and validation["correlation"] > 0.4


def test_history_counts_the_analysis_day_and_not_after():
    """--as-of is inclusive: a purchase at 18:00 on the analysis date counts, the next day's does not;
    several orders on one day are one purchase; returns are not purchases."""
    tx = pd.DataFrame(
        {
            s.T_CUSTOMER: ["a", "a", "a", "a", "a", "b"],
            s.T_DATE: pd.to_datetime(
                [
                    "2025-01-01 09:00",
                    "2025-01-01 17:00",
                    "2025-01-15 12:00",
                    "2025-01-29 18:00",
                    "2025-01-30 08:00",
                    "2025-01-10 10:00",
                ]
            ),
            s.T_AMOUNT: [10.0, 5.0, 30.0, 50.0, 99.0, -20.0],
            s.T_IS_RETURN: [False, False, False, False, False, True],
        }
    )
    tx[s.T_ORDER] = [str(i) for i in range(len(tx))]
    hist = history(tx, pd.Timestamp("2025-01-29"))
    assert hist.index.tolist() == ["a"]
    row = hist.loc["a"]
    assert row["x"] == 2 and row["t_x"] == pytest.approx(4.0) and row["T"] == pytest.approx(4.0)
    assert row["m"] == pytest.approx(40.0)  # (30 + 50) / 2, the first day (15) left out
