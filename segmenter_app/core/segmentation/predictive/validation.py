"""The accuracy check: predictions made as of the analysis date against what happened after it.

When the transactions go beyond ``analysis.as_of`` (the user chose ``--as-of`` before the end of
the data), every fitted customer's expected purchases over the following period are compared with
the purchase days actually observed in it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.segmentation.common import jsonable_float
from segmenter_app.core.segmentation.predictive import bgnbd
from segmenter_app.core.segmentation.predictive.purchases import DAYS_PER_UNIT, repeat_purchases_between


def validate(analysis: Analysis, fit: bgnbd.BGNBDFit, hist: pd.DataFrame) -> dict[str, Any] | None:
    """Predicted against actual purchases after ``as_of``; None when there is no later data.

    Returns ``{"summary": {...report figures...}, "predicted": Series, "actual": Series}``.
    """
    tx = analysis.transactions
    as_of = pd.Timestamp(analysis.as_of).normalize()
    if tx is None or tx.empty:
        return None
    end = pd.Timestamp(tx[s.T_DATE].max()).normalize()
    if end <= as_of:
        return None
    days = int((end - as_of).days)
    predicted = pd.Series(
        bgnbd.expected_purchases(fit, days / DAYS_PER_UNIT, hist["x"], hist["t_x"], hist["T"]),
        index=hist.index,
    )
    actual = repeat_purchases_between(tx, as_of, end).reindex(hist.index, fill_value=0.0)
    error = predicted - actual
    total_pred, total_actual = float(predicted.sum()), float(actual.sum())
    by_x = (
        pd.DataFrame({"x": np.minimum(hist["x"], 7).astype(int), "predicted": predicted, "actual": actual})
        .groupby("x")
        .agg(customers=("actual", "size"), predicted=("predicted", "mean"), actual=("actual", "mean"))
        .reset_index()
    )
    summary = {
        "period_start": (as_of + pd.Timedelta(days=1)).date().isoformat(),
        "period_end": end.date().isoformat(),
        "period_days": days,
        "customers": len(hist),
        "predicted_purchases": jsonable_float(total_pred, 2),
        "actual_purchases": jsonable_float(total_actual, 2),
        "total_error_pct": jsonable_float(100 * (total_pred - total_actual) / total_actual, 2)
        if total_actual
        else None,
        "mae_per_customer": jsonable_float(float(error.abs().mean()), 4),
        "rmse_per_customer": jsonable_float(float(np.sqrt((error**2).mean())), 4),
        "correlation": jsonable_float(float(np.corrcoef(predicted, actual)[0, 1]), 4)
        if actual.std() > 0
        else None,
        "by_repeat_purchases": [
            {
                "x": int(r.x),
                "customers": int(r.customers),
                "predicted": round(float(r.predicted), 4),
                "actual": round(float(r.actual), 4),
            }
            for r in by_x.itertuples()
        ],
        "note": "x = 7 stands for 7 or more repeat purchases before the analysis date",
    }
    return {"summary": summary, "predicted": predicted, "actual": actual}
