"""Predictive segments: BG/NBD (still active? how many purchases?), Gamma-Gamma (what basket?),
lifetime value over a horizon, and a churn-risk segment; checked against the period after the
analysis date when the data goes beyond it.

Models are fitted on the transactions up to ``analysis.as_of`` (inclusive), time in weeks.
When the data is too thin for a model, :func:`run_predictive` raises a :class:`UserError` that says
why in plain words instead of printing unreliable numbers.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import UserError, counted
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.core.segmentation.common import (
    currency_symbol,
    format_numbers,
    jsonable_float,
    make_segmentation,
    require_customers,
    single_threaded,
)
from segmenter_app.core.segmentation.predictive import bgnbd, gammagamma
from segmenter_app.core.segmentation.predictive.messages import MESSAGES
from segmenter_app.core.segmentation.predictive.purchases import DAYS_PER_UNIT, TIME_UNIT, history
from segmenter_app.core.segmentation.predictive.validation import validate

MIN_CUSTOMERS = 50
MIN_REPEAT = 20
MIN_SPAN_WEEKS = 8.0
DEFAULT_HORIZON_DAYS = 365
SEGMENTS = ("high_value", "churn_risk", "active", "one_time", "lost")


def _check_parameters(parameters: dict[str, Any]) -> tuple[int, float, float]:
    try:
        horizon = int(parameters.get("horizon_days", DEFAULT_HORIZON_DAYS))
        alive = float(parameters.get("alive_threshold", 0.5))
        high = float(parameters.get("high_value_share", 0.2))
    except (TypeError, ValueError) as exc:
        raise UserError(MESSAGES, "bad_parameters", value=str(parameters)) from exc
    if horizon < 1 or not 0 < alive < 1 or not 0 < high < 1:
        raise UserError(MESSAGES, "bad_parameters", value=str(parameters))
    return horizon, alive, high


def _check_thin(hist: pd.DataFrame) -> None:
    """Refuse in plain words when the data cannot support the model."""
    if len(hist) < MIN_CUSTOMERS:
        raise UserError(
            MESSAGES, "thin_customers", having=counted(MESSAGES, "having", len(hist)), needed=MIN_CUSTOMERS
        )
    repeat = int((hist["x"] > 0).sum())
    if repeat < MIN_REPEAT:
        raise UserError(
            MESSAGES, "thin_repeat", bought=counted(MESSAGES, "bought", repeat), needed=MIN_REPEAT
        )
    span = float(hist["T"].max())
    if span < MIN_SPAN_WEEKS:
        raise UserError(
            MESSAGES,
            "thin_span",
            days=counted(MESSAGES, "days", round(span * DAYS_PER_UNIT)),
            needed=int(MIN_SPAN_WEEKS * DAYS_PER_UNIT),
        )


def _plausible(fit: bgnbd.BGNBDFit) -> bool:
    """Finite, positive parameters with a purchase-rate distribution that makes sense.

    Very large a and b are fine: they mean the same drop-out chance for everyone (the beta
    distribution narrows to a point), which the likelihood cannot tell from "large"."""
    values = np.array([fit.r, fit.alpha, fit.a, fit.b])
    if not (np.all(np.isfinite(values)) and np.all(values > 0)):
        return False
    return 1e-4 < fit.r < 1e5 and 1e-6 < fit.alpha < 1e7


def _run_predictive(
    analysis: Analysis,
    parameters: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """:func:`run_predictive` without the thread limit."""
    parameters = dict(parameters or {})
    horizon, alive_threshold, high_share = _check_parameters(parameters)
    customers = require_customers(analysis)
    if analysis.transactions is None or analysis.as_of is None:
        raise UserError(MESSAGES, "no_transactions")
    lang = analysis.lang
    progress(0.0, "BG/NBD")
    hist = history(analysis.transactions, analysis.as_of)
    hist = hist[hist.index.isin(customers.index.astype(str))]
    _check_thin(hist)
    if cancel is not None:
        cancel.check()

    x, t_x, T = hist["x"].to_numpy(), hist["t_x"].to_numpy(), hist["T"].to_numpy()
    fit = bgnbd.fit(x, t_x, T, progress=lambda f, m: progress(0.05 + 0.5 * f, m), cancel=cancel)
    if not _plausible(fit):
        raise UserError(MESSAGES, "no_fit")
    progress(0.6, "Gamma-Gamma")
    p_alive = bgnbd.probability_alive(fit, x, t_x, T)
    expected = bgnbd.expected_purchases(fit, horizon / DAYS_PER_UNIT, x, t_x, T)

    details: dict[str, Any] = {
        "time_unit": TIME_UNIT,
        "horizon_days": horizon,
        "customers_fitted": len(hist),
        "repeat_customers": int((x > 0).sum()),
        "bgnbd": {
            "r": jsonable_float(fit.r),
            "alpha": jsonable_float(fit.alpha),
            "a": jsonable_float(fit.a),
            "b": jsonable_float(fit.b),
            "alpha_unit": TIME_UNIT,
            "log_likelihood": jsonable_float(fit.log_likelihood, 3),
            "converged": fit.converged,
        },
    }
    m = hist["m"].to_numpy()
    usable = int(((x > 0) & (m > 0)).sum())
    if usable >= MIN_REPEAT:
        gg = gammagamma.fit(x, m, cancel=cancel)
        population = gg.p * gg.gamma / (gg.q - 1) if gg.q > 1 else float(np.nanmean(m))
        value = gammagamma.expected_average_value(gg, x, m, population)
        details["gamma_gamma"] = {
            "p": jsonable_float(gg.p),
            "q": jsonable_float(gg.q),
            "gamma": jsonable_float(gg.gamma),
            "log_likelihood": jsonable_float(gg.log_likelihood, 3),
            "converged": gg.converged,
            "customers": usable,
        }
    else:
        # Too few repeat buyers for the spend model: each customer's own average basket instead.
        basket = customers[s.C_AVG_BASKET] if s.C_AVG_BASKET in customers else customers[s.C_MONETARY]
        value = basket.reindex(hist.index).astype(float).to_numpy()
        details["gamma_gamma"] = {"refused": MESSAGES("thin_spend", lang, count=usable, needed=MIN_REPEAT)}
    clv = expected * value
    progress(0.75, "CLV")

    table = pd.DataFrame(
        {
            "x": x,
            "t_x": t_x,
            "T": T,
            "p_alive": p_alive,
            "expected_purchases": expected,
            "expected_value": value,
            "clv": clv,
        },
        index=hist.index,
    ).reindex(customers.index.astype(str))
    spend = (
        customers[s.C_MONETARY].astype(float).to_numpy()
        if s.C_MONETARY in customers
        else np.zeros(len(table))
    )
    codes = _segment_codes(table, spend, alive_threshold, high_share)
    assignments = table.copy()
    keys = np.array([f"pred:{name}" for name in SEGMENTS], dtype=object)
    assignments[s.A_SEGMENT] = keys[codes]
    assignments[s.A_REASON] = _reasons(table, spend, horizon, lang, currency_symbol(analysis))
    details["thresholds"] = {"alive": alive_threshold, "high_value_share": high_share}

    if cancel is not None:
        cancel.check()
    validation = validate(analysis, fit, hist)
    if validation is not None:
        details["validation"] = validation.pop("summary")
        assignments["holdout_predicted"] = validation["predicted"].reindex(assignments.index)
        assignments["holdout_actual"] = validation["actual"].reindex(assignments.index)
    progress(1.0, "CLV")
    segments = [(f"pred:{name}", MESSAGES(name, lang)) for name in SEGMENTS]
    params = {"horizon_days": horizon, "alive_threshold": alive_threshold, "high_value_share": high_share}
    return make_segmentation("predictive", params, assignments, segments, details)


def run_predictive(
    analysis: Analysis,
    parameters: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """Fit BG/NBD and Gamma-Gamma, predict per customer and segment by value and churn risk.

    ``parameters``: ``horizon_days`` (365), ``alive_threshold`` (0.5: below it a customer is
    probably gone), ``high_value_share`` (0.2: the top share by predicted value).
    """
    with single_threaded():  # BLAS threads only add waits at these sizes (see common.py)
        return _run_predictive(analysis, parameters, progress=progress, cancel=cancel)


def _segment_codes(table: pd.DataFrame, spend: np.ndarray, alive: float, high_share: float) -> np.ndarray:
    """Index into SEGMENTS per customer, by priority: churn risk, lost, high value, one-time, active.

    Churn risk: customers who bought again (so the model can see them fade), spent at least the
    median of such customers, and whose probability of being active fell below ``alive``.
    """
    p = table["p_alive"].to_numpy()
    x = table["x"].to_numpy()
    clv = table["clv"].to_numpy()
    known = ~np.isnan(p)
    repeat = known & (x > 0)
    spend = np.nan_to_num(spend, nan=0.0)
    valuable = repeat & (spend >= (np.median(spend[repeat]) if repeat.any() else np.inf))
    codes = np.full(len(table), SEGMENTS.index("active"), dtype=np.int64)
    gone = ~known | (p < alive)
    codes[gone] = SEGMENTS.index("lost")
    codes[gone & valuable] = SEGMENTS.index("churn_risk")
    rest = ~gone
    if rest.any():
        cut = np.quantile(clv[rest], 1 - high_share)
        high = rest & (clv >= cut) & (clv > 0)
        codes[high] = SEGMENTS.index("high_value")
        codes[rest & ~high & (x == 0)] = SEGMENTS.index("one_time")
    return codes


def _reasons(table: pd.DataFrame, spend: np.ndarray, horizon: int, lang: str, currency: str) -> list[str]:
    """ "P(active) 34% · 1.2 purchases expected in 365 days × 45 € = 54 € · 840 € spent so far"."""
    template = MESSAGES.texts["reason"][1 if lang == "fr" else 0]
    once = MESSAGES.texts["reason_once"][1 if lang == "fr" else 0]
    missing = MESSAGES("no_history", lang)
    percent = format_numbers(table["p_alive"].to_numpy() * 100, lang)
    purchases = format_numbers(table["expected_purchases"].to_numpy(), lang, 1)
    basket = format_numbers(table["expected_value"].to_numpy(), lang)
    value = format_numbers(table["clv"].to_numpy(), lang)
    spent = format_numbers(spend, lang)
    days = str(horizon)
    known = table["p_alive"].notna().to_numpy()
    repeat = (table["x"] > 0).to_numpy()
    out: list[str] = []
    for i in range(len(table)):
        if not known[i]:
            out.append(missing)
            continue
        # BG/NBD gives 100% "active" to one-time buyers by construction: do not show that figure.
        out.append(
            (template if repeat[i] else once).format(
                p=percent[i],
                n=purchases[i],
                days=days,
                basket=basket[i],
                clv=value[i],
                spent=spent[i],
                currency=currency,
            )
        )
    return out
