"""Segmentation speed on a shop-sized data set: 1,000,000 order lines, about 100,000 customers.

Goals (issue 4): RFM with named segments within 2 s once the customer table exists; automatic-k
clustering within 15 s, with progress and cancel; BG/NBD + Gamma-Gamma within 5 s.

Machines are noisy, so each figure is also given as a ratio to a baseline measured in the same run:
building the customer table's core columns (groupby: last date, distinct orders, spend) from the
same 1,000,000 lines, which MEASURED.md puts at 0.35 s. The goals are the issue's budgets divided
by that 0.35 s (2 s -> 5.7, 15 s -> 43, 5 s -> 14). The cancel row is absolute: a cancel request
must stop the clustering within a second.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.progress import Cancelled, CancelToken

BASELINE_MEASURED_S = 0.35
LINES = 1_000_000
CUSTOMERS = 100_000


def make_transactions(seed: int = 1) -> pd.DataFrame:
    """About 1,000,000 order lines from about 100,000 customers over two years (most order once)."""
    rng = np.random.default_rng(seed)
    orders_per_customer = np.where(rng.random(CUSTOMERS) < 0.55, 1, 1 + rng.geometric(0.25, CUSTOMERS))
    customer_of_order = np.repeat(np.arange(CUSTOMERS), orders_per_customer)
    n_orders = len(customer_of_order)
    lines_per_order = np.maximum(1, rng.poisson(LINES / n_orders - 1, n_orders) + 1)
    order_of_line = np.repeat(np.arange(n_orders), lines_per_order)[:LINES]
    start = np.datetime64("2024-01-01T00:00")
    first_day = rng.integers(0, 700, CUSTOMERS)
    order_day = first_day[customer_of_order] + rng.integers(0, 30, n_orders).cumsum() % 730
    order_time = (
        start + order_day.astype("timedelta64[D]") + rng.integers(0, 600, n_orders).astype("timedelta64[m]")
    )
    amount = np.round(rng.lognormal(2.5, 0.9, len(order_of_line)), 2)
    return pd.DataFrame(
        {
            s.T_CUSTOMER: pd.Series(customer_of_order[order_of_line]).map("C{:06d}".format),
            s.T_ORDER: pd.Series(order_of_line).map("O{:07d}".format),
            s.T_DATE: order_time[order_of_line],
            s.T_AMOUNT: amount,
            s.T_IS_RETURN: False,
        }
    )


def customer_table(tx: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The baseline: last date, distinct orders and spend per customer, then the derived columns."""
    grouped = tx.groupby(s.T_CUSTOMER, sort=True)
    last = grouped[s.T_DATE].max()
    first = grouped[s.T_DATE].min()
    frequency = grouped[s.T_ORDER].nunique()
    monetary = grouped[s.T_AMOUNT].sum()
    return pd.DataFrame(
        {
            s.C_RECENCY: (as_of - last.dt.normalize()).dt.days,
            s.C_FREQUENCY: frequency,
            s.C_MONETARY: monetary,
            s.C_AVG_BASKET: monetary / frequency,
            s.C_TENURE: (as_of - first.dt.normalize()).dt.days,
        }
    )


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def _row(name: str, value: float, baseline: float, goal_s: float) -> dict:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": "s",
        "baseline": round(baseline, 3),
        "ratio": round(value / baseline, 2),
        "goal": round(goal_s / BASELINE_MEASURED_S, 1),
    }


def _cancel_latency(analysis: Analysis) -> float:
    """Seconds between a cancel request (1 s into the clustering) and the function stopping."""
    from segmenter_app.core.segmentation import segment

    token = CancelToken()
    stopped: list[float] = []

    def work() -> None:
        try:
            segment(analysis, "clusters", {"k": "auto"}, cancel=token)
        except Cancelled:
            stopped.append(time.perf_counter())

    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(1.0)
    asked = time.perf_counter()
    token.cancel()
    thread.join()
    return (stopped[0] - asked) if stopped else float("inf")


def run(workdir: Path) -> list[dict]:
    """Three figures against the customer-table baseline, and the cancel latency."""
    from segmenter_app.core.segmentation import segment

    tx = make_transactions()
    as_of = tx[s.T_DATE].max().normalize() + pd.Timedelta(days=1)
    baselines = []
    for _ in range(3):
        seconds, customers = _timed(lambda: customer_table(tx, as_of))
        baselines.append(seconds)
    baseline = sorted(baselines)[1]
    analysis = Analysis()
    analysis.transactions = tx
    analysis.as_of = as_of
    analysis.customers = customers
    print(f"  {len(tx):,} lines, {len(customers):,} customers; customer table {baseline:.3f} s", flush=True)

    rfm_times = sorted(_timed(lambda: segment(analysis, "rfm"))[0] for _ in range(3))
    rows = [
        _row(f"RFM + named segments, {len(customers):,} customers (goal 2 s)", rfm_times[1], baseline, 2.0)
    ]

    progress_calls: list[float] = []
    seconds, seg = _timed(
        lambda: segment(analysis, "clusters", {"k": "auto"}, progress=lambda f, m: progress_calls.append(f))
    )
    rows.append(_row(f"clusters, automatic k = {seg.details['k']} (goal 15 s)", seconds, baseline, 15.0))
    print(f"  clustering reported progress {len(progress_calls)} times", flush=True)
    latency = _cancel_latency(analysis)
    rows.append(
        {
            "name": "clusters: stop after a cancel request",
            "value": round(latency, 3),
            "unit": "s",
            "goal": 1.0,
        }
    )

    seconds, seg = _timed(lambda: segment(analysis, "predictive"))
    rows.append(_row("BG/NBD + Gamma-Gamma + CLV (goal 5 s)", seconds, baseline, 5.0))
    return rows


if __name__ == "__main__":
    for item in run(Path(".")):
        print(item)
