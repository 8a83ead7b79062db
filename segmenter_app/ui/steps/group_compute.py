"""The Group step's background work: segment, suggest the plans, draw the control group, check.

:func:`compute_group` runs on the task runner's worker thread on a snapshot of the analysis (no
widget is touched here); the page applies the :class:`GroupResult` on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.progress import CancelToken, ProgressFn, StageProgress, no_progress


@dataclass
class GroupResult:
    """What the background computation hands back to the GUI thread."""

    analysis: Analysis
    card: pd.DataFrame
    summary: pd.DataFrame
    # The customers table's frame (group_view.customer_frame), made here rather than on the GUI
    # thread: on 60,000 customers it is a fifth of the page's redraw.
    customers: pd.DataFrame | None = None


def compute_group(
    analysis: Analysis,
    method: str,
    parameters: dict[str, Any],
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> GroupResult:
    """Segment, suggest the plans, draw the control group, and check the segments (worker thread)."""
    from segmenter_app.core import actions, segmentation

    token = cancel or CancelToken()
    segmentation.segment(
        analysis, method, parameters, progress=StageProgress(progress, 0.0, 0.85, token), cancel=token
    )
    token.check()
    actions.suggest_plans(analysis)
    actions.draw_control(analysis)
    progress(0.95, "")
    card, summary = check_segments(analysis)
    from segmenter_app.ui.steps.group_view import customer_frame

    customers = customer_frame(analysis)
    progress(1.0, "")
    return GroupResult(analysis, card, summary, customers)


def check_segments(analysis: Analysis) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The quality scorecard and the per-segment summary of the current segmentation."""
    from segmenter_app.core.segmentation import quality
    from segmenter_app.core.summary import segment_summary

    return quality.scorecard(analysis), segment_summary(analysis)


def default_parameters() -> dict[str, dict[str, Any]]:
    """What each method starts with: let the data decide."""
    return {
        "rfm": {"scores": "auto"},
        "rules": {},  # the core's presets
        "clusters": {"k": "auto"},
        "predictive": {"horizon_days": 365},
    }
