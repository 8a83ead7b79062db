"""What the Group page shows, read from the core's results: the customer table and chart series.

Pure functions over the Segmentation (no widgets), so they are easy to test and the page stays
about layout and interaction.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation

#: Customer-table columns, in order (those absent from the data are left out).
CUSTOMER_COLUMNS = (
    "segment",
    "reason",
    s.C_RECENCY,
    s.C_FREQUENCY,
    s.C_MONETARY,
    s.C_AVG_BASKET,
    s.A_CONTROL,
)
# Column pairs the clustering may use for the 2-D map, first found wins.
COORDINATE_COLUMNS = (("map_x", "map_y"), ("pca_x", "pca_y"), ("pc1", "pc2"), ("x", "y"))


def customer_frame(analysis: Analysis) -> pd.DataFrame:
    """One row per segmented customer: segment name, reason, and the figures behind it."""
    seg = analysis.segmentation
    if seg is None:
        return pd.DataFrame()
    assignments = seg.assignments
    names = dict(zip(seg.segments["key"].astype(str), seg.segments["name"].astype(str), strict=True))
    frame = pd.DataFrame(index=assignments.index)
    frame["segment"] = assignments[s.A_SEGMENT].astype(str).map(names).fillna(assignments[s.A_SEGMENT])
    frame["reason"] = assignments[s.A_REASON]
    customers = analysis.customers
    for column in (s.C_RECENCY, s.C_FREQUENCY, s.C_MONETARY, s.C_AVG_BASKET):
        if customers is not None and column in customers.columns:
            frame[column] = customers[column].reindex(frame.index)
    if s.A_CONTROL in assignments.columns:
        frame[s.A_CONTROL] = assignments[s.A_CONTROL].astype(bool)
    return frame


def customer_headers(_widget: Any = None) -> dict[str, str]:
    """Translated titles of the customer-table columns (literal calls, so lupdate finds them)."""
    return {
        "segment": QCoreApplication.translate("GroupPage", "Segment"),
        "reason": QCoreApplication.translate("GroupPage", "Why this segment"),
        s.C_RECENCY: QCoreApplication.translate("GroupPage", "Days since last purchase"),
        s.C_FREQUENCY: QCoreApplication.translate("GroupPage", "Orders"),
        s.C_MONETARY: QCoreApplication.translate("GroupPage", "Spend"),
        s.C_AVG_BASKET: QCoreApplication.translate("GroupPage", "Average basket"),
        s.A_CONTROL: QCoreApplication.translate("GroupPage", "Control group"),
    }


def cluster_coordinates(seg: Segmentation) -> tuple[np.ndarray, np.ndarray] | None:
    """The 2-D map coordinates of each customer (PCA of the clustering), or None."""
    assignments = seg.assignments
    for x, y in COORDINATE_COLUMNS:
        if x in assignments.columns and y in assignments.columns:
            return assignments[x].to_numpy(dtype=float), assignments[y].to_numpy(dtype=float)
    return None


def rfm_grid_data(seg: Segmentation, lang: str) -> tuple[np.ndarray, list[Any], list[Any], list[list[str]]]:
    """(customer counts, R scores, F scores, cell names) of an RFM grouping, for the grid chart."""
    from segmenter_app.core.segmentation import rfm

    counts = rfm.grid_counts(seg)
    labels = rfm.grid_labels(int(seg.details.get("scores", 5)), lang)
    return counts.to_numpy(), list(counts.index), list(counts.columns), labels.to_numpy().tolist()


def cluster_points(seg: Segmentation) -> tuple[Any, ...] | None:
    """The cluster map's points: (ids, x, y, segment of each, segment keys, names), or None."""
    coords = cluster_coordinates(seg)
    if coords is None:
        return None
    x, y = coords
    return (
        seg.assignments.index.astype(str).tolist(),
        x,
        y,
        seg.assignments[s.A_SEGMENT].astype(str).tolist(),
        seg.segments["key"].astype(str).tolist(),
        seg.segments["name"].astype(str).tolist(),
    )


def silhouette_series(details: dict[str, Any]) -> tuple[list[int], list[float], int | None] | None:
    """(ks, silhouettes, chosen k) from a clustering's details, whatever shape the core gave them."""
    raw = details.get("silhouette_by_k", details.get("silhouettes", details.get("silhouette")))
    ks: list[int] = []
    scores: list[float] = []
    if isinstance(raw, dict):
        if "k" in raw and "score" in raw:  # {"k": [...], "score": [...]}
            ks, scores = [int(k) for k in raw["k"]], [float(v) for v in raw["score"]]
        else:
            pairs = sorted((int(k), float(v)) for k, v in raw.items() if v is not None)
            ks, scores = [k for k, _ in pairs], [v for _, v in pairs]
    elif isinstance(raw, list) and raw and isinstance(raw[0], dict):
        ks = [int(r["k"]) for r in raw]
        scores = [float(r.get("silhouette", r.get("score", np.nan))) for r in raw]
    if not ks:
        return None
    chosen = details.get("k")
    return ks, scores, int(chosen) if chosen is not None else None
