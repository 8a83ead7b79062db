"""Step 3, Group: turn the customer table into segments, one per customer, each with its reason.

:func:`segment` is the one entry point; every method returns the same
:class:`~segmenter_app.core.analysis.Segmentation` (``assignments`` with ``segment`` and ``reason``
per customer, ``segments`` with keys and names in display order, ``details`` for the report).
Methods live in their own modules, imported when used, so nothing here loads their numeric code
at start-up.
"""

from __future__ import annotations

from typing import Any

from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import UserError
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.core.segmentation.common import MESSAGES

METHODS = ("rfm", "rules", "clusters", "predictive")


def segment(
    analysis: Analysis,
    method: str = "rfm",
    parameters: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """Group the customers of ``analysis.customers`` with ``method`` and set ``analysis.segmentation``.

    ``method``: "rfm" (parameters ``{"scores": 3|5, "cut_points": {...}}``), "rules"
    (``{"rules": [...]}`` or ``{"rules_file": path}`` or ``{"preset": name}``), "clusters"
    (``{"k": "auto"|int, "criteria": [...], "seed": int}``) or "predictive"
    (``{"horizon_days": int}``). The user's edits kept in ``analysis.edits`` for this method
    (renames, merges, moves) are replayed on the new result. Raises ``i18n.UserError`` when the
    data or the parameters cannot be used.
    """
    parameters = dict(parameters or {})
    if method == "rfm":
        from segmenter_app.core.segmentation.rfm import run_rfm as run
    elif method == "rules":
        from segmenter_app.core.segmentation.rules import run_rules as run
    elif method == "clusters":
        from segmenter_app.core.segmentation.clusters import run_clusters as run
    elif method == "predictive":
        from segmenter_app.core.segmentation.predictive import run_predictive as run
    else:
        raise UserError(MESSAGES, "unknown_method", method=method, choices=", ".join(METHODS))
    result = run(analysis, parameters, progress=progress, cancel=cancel)
    analysis.segmentation = result
    from segmenter_app.core.segmentation import edits, quality

    edits.replay(analysis)
    # Warnings about the grouping as a whole (too many segments, tiny ones), for the report.
    result.details["quality_warnings"] = quality.warnings(analysis)
    return result
