"""The Measure step's background work and the data behind its charts (no widgets here).

:func:`measure_file` and :func:`compare_with_project` run on the task runner's worker thread on a
snapshot of the analysis; :func:`snapshot_sizes` turns the measurements' migrations into the
series of the "sizes across snapshots" chart.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from segmenter_app.core.analysis import Analysis


def measure_file(
    analysis: Analysis, path: str, *, campaign_date: str | None, window_days: int, progress: Any, cancel: Any
) -> list[dict[str, Any]]:
    """Read and measure a results file on a scratch analysis; returns the new list of measurements."""
    from segmenter_app.core import measure

    measure.measure_results(
        analysis, path, campaign_date=campaign_date, window_days=window_days, progress=progress, cancel=cancel
    )
    return list(analysis.measurements)


def compare_with_project(analysis: Analysis, path: str, *, progress: Any, cancel: Any) -> dict[str, Any]:
    """The migration from a saved project's segments (before) to the current ones (after)."""
    from segmenter_app.core import measure, project

    progress(0.1, "")
    before = project.load_project(path)
    cancel.check()
    progress(0.7, "")
    if before.segmentation is None:
        raise ValueError("the project has no segments")
    return measure.compare_analyses(before, analysis, analysis.lang)


def snapshot_sizes(
    measurements: list[dict[str, Any]],
) -> tuple[list[str], list[str], list[str], np.ndarray] | None:
    """Segment sizes across snapshots: the first migration's "before", then each migration's "after".

    Returns (snapshot labels, segment keys, segment names, sizes[segment][snapshot]) or None.
    """
    migrations = [m["migration"] for m in measurements if m.get("migration")]
    if not migrations:
        return None
    keys: list[str] = []
    names: dict[str, str] = {}
    for mig in migrations:
        for row in mig["segments"]:
            if row["key"] not in keys:
                keys.append(row["key"])
            names.setdefault(row["key"], row.get("name", row["key"]))
    labels = [str(migrations[0].get("from", ""))] + [str(m.get("to", "")) for m in migrations]
    sizes = np.zeros((len(keys), len(labels)))
    for row in migrations[0]["segments"]:
        sizes[keys.index(row["key"]), 0] = row["before"]
    for j, mig in enumerate(migrations, start=1):
        for row in mig["segments"]:
            sizes[keys.index(row["key"]), j] = row["after"]
    return labels, keys, [names[k] for k in keys], sizes
