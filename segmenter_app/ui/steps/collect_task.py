"""The Collect step's background work: import the files and build the customer table (run by the
task runner off the GUI thread), and what the page asks of the result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.progress import CancelToken, ProgressFn, StageProgress, no_progress

__all__ = ["ambiguous_date_columns", "import_and_build"]


def import_and_build(
    analysis: Analysis,
    paths: Sequence[str],
    mapping: dict[str, Any] | None = None,
    date_order: str = "auto",
    remember: bool = False,
    duplicates: str = "exclude",
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Import the files into ``analysis`` and build its customer table (worker thread).

    ``remember`` keeps each file's mapping for the next file with the same columns (set when the
    user chose a role by hand). ``duplicates`` "keep" keeps rows identical to an earlier row as
    purchases (the answer to :class:`collect_questions.TwinsBanner`).
    """
    from segmenter_app.core import collect, customers

    cancel = cancel or CancelToken()
    mapping = dict(mapping or {})
    overrides = mapping.pop("files", {})
    options = collect.ImportOptions(
        date_order=date_order,
        duplicates=duplicates,
        overrides=overrides,
        lang=analysis.lang,
        remember=remember,
    )
    collect.import_files(
        analysis,
        list(paths),
        mapping=mapping,
        options=options,
        progress=StageProgress(progress, 0, 0.85, cancel),
        cancel=cancel,
    )
    customers.build_customer_table(
        analysis, progress=StageProgress(progress, 0.85, 1.0, cancel), cancel=cancel
    )
    # Load the reason labels' module here, off the GUI thread (its first import takes ~0.3 s).
    import segmenter_app.core.export.labels  # noqa: F401

    return analysis


def ambiguous_date_columns(analysis: Analysis) -> list[str]:
    """Date columns the import could not decide between day-first and month-first."""
    columns: list[str] = []
    for item in analysis.inputs:
        found = item.details.get("ambiguous_dates") or item.details.get("ambiguous_date_columns") or []
        if isinstance(found, dict):
            found = list(found)
        columns += [str(c) for c in found]
    return columns
