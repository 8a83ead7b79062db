"""Per-segment figures shared by the report, the workbook and the GUI."""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis

SUMMARY_COLUMNS = (
    "key",
    "name",
    "customers",
    "share",
    "revenue",
    "revenue_share",
    "avg_basket",
    "recency_days",
    "frequency",
    "clv",
)


def segment_summary(analysis: Analysis) -> pd.DataFrame:
    """One row per segment, in display order: size, revenue and typical behaviour.

    ``share`` and ``revenue_share`` are fractions of all segmented customers and of their net
    revenue; ``avg_basket`` is the segment's revenue over its orders (not a mean of means, so a
    few one-order customers do not distort it); ``recency_days`` and ``frequency`` are means;
    ``clv`` is the mean predicted lifetime value when the method produced one (column ``clv`` in
    the assignments), else NaN.
    """
    seg = analysis.segmentation
    if seg is None or analysis.customers is None:
        raise ValueError("segment_summary needs a segmentation and a customer table")
    customers = analysis.customers
    assignments = seg.assignments
    joined = pd.DataFrame({"segment": assignments[s.A_SEGMENT]})
    for column in (s.C_MONETARY, s.C_FREQUENCY, s.C_RECENCY):
        joined[column] = customers[column].reindex(joined.index) if column in customers else np.nan
    joined["clv"] = assignments.get("clv", np.nan)

    grouped = joined.groupby("segment", sort=False, observed=True)
    table = pd.DataFrame(
        {
            "customers": grouped.size(),
            "revenue": grouped[s.C_MONETARY].sum(),
            "orders": grouped[s.C_FREQUENCY].sum(),
            "recency_days": grouped[s.C_RECENCY].mean(),
            "frequency": grouped[s.C_FREQUENCY].mean(),
            "clv": grouped["clv"].mean(),
        }
    )
    order = seg.segments["key"].tolist()
    table = table.reindex(order)
    table["customers"] = table["customers"].fillna(0).astype(int)
    table["revenue"] = table["revenue"].fillna(0.0)
    total_customers = int(table["customers"].sum())
    total_revenue = float(table["revenue"].sum())
    table["share"] = table["customers"] / total_customers if total_customers else 0.0
    table["revenue_share"] = table["revenue"] / total_revenue if total_revenue else 0.0
    orders = table.pop("orders")
    table["avg_basket"] = np.where(orders > 0, table["revenue"] / orders.where(orders > 0, 1), np.nan)
    table.index.name = "key"
    table = table.reset_index()
    table["name"] = [seg.name_of(key) for key in table["key"]]
    return table[list(SUMMARY_COLUMNS)]
