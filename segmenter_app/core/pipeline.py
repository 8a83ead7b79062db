"""The headless ``segment`` run: files in, segmented workbook and JSON report out.

The GUI runs the same stages one by one from its steps; the command line runs them in a row
through :func:`run_segment`. Each stage is timed; the report is built by ``report.py``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages, UserError, counted
from segmenter_app.core.progress import CancelToken, ProgressFn, StageProgress, no_progress

MAX_SPEND = 1e15  # per customer, in the shop's currency

T = Messages(
    {
        "infinite_amounts": (
            "{customers} a total spend too large to be real (an amount like 'inf', 1e400 or 1e307 in the file). Check the amount column, or map another column as the amount with --mapping.",
            "{customers} une dépense totale trop grande pour être réelle (un montant comme « inf », 1e400 ou 1e307 dans le fichier). Vérifiez la colonne des montants, ou désignez une autre colonne comme montant avec --mapping.",
        ),
        "customers_have": ("{n} customers have", "{n} clients ont"),
        "customers_have_one": ("{n} customer has", "{n} client a"),
    }
)


@dataclass
class SegmentOptions:
    """Everything the ``segment`` command accepts (the GUI fills the same fields)."""

    files: list[str]
    out: str | None = None
    report: str | None = None
    method: str = "rfm"
    as_of: pd.Timestamp | None = None
    lang: str = "en"
    mapping: dict[str, Any] | None = None
    date_order: str = "auto"
    returns: str = "net"
    duplicates: str = "exclude"
    parameters: dict[str, Any] = field(default_factory=dict)
    control_share: float = 0.1
    seed: int | None = None
    csv_dir: str | None = None
    pseudonymize: bool = False
    key_file: str | None = None
    save_project: str | None = None


@contextmanager
def timed(analysis: Analysis, stage: str) -> Iterator[None]:
    """Record how long a stage took in ``analysis.timings_s``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        analysis.timings_s[stage] = round(time.perf_counter() - start, 3)


def run_segment(
    options: SegmentOptions,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> tuple[Analysis, dict[str, Any]]:
    """Import, build the customer table, segment, plan, export; return the analysis and outputs.

    ``outputs`` maps what was written ("workbook", "csv_files", "key_file", "project") to paths,
    plus the export statistics under "export". Raises ``i18n.UserError`` for unusable input and
    ``progress.Cancelled`` when cancelled.
    """
    from segmenter_app.core import actions, collect, customers, export, segmentation

    analysis = Analysis(lang=options.lang, control_share=options.control_share)
    if options.seed is not None:
        analysis.seed = options.seed
    cancel = cancel or CancelToken()
    outputs: dict[str, Any] = {}

    with timed(analysis, "import"):
        import_options = collect.ImportOptions(
            date_order=options.date_order, returns=options.returns, duplicates=options.duplicates
        )
        collect.import_files(
            analysis,
            options.files,
            mapping=options.mapping,
            options=import_options,
            progress=StageProgress(progress, 0.0, 0.45, cancel),
            cancel=cancel,
        )
    with timed(analysis, "customers"):
        customers.build_customer_table(
            analysis, options.as_of, progress=StageProgress(progress, 0.45, 0.55, cancel), cancel=cancel
        )
    check_amounts(analysis)
    with timed(analysis, "segment"):
        segmentation.segment(
            analysis,
            options.method,
            dict(options.parameters),
            progress=StageProgress(progress, 0.55, 0.75, cancel),
            cancel=cancel,
        )
    with timed(analysis, "actions"):
        actions.suggest_plans(analysis)
        actions.draw_control(analysis)
    if options.out:
        with timed(analysis, "export"):
            export_kwargs: dict[str, Any] = {}
            if options.pseudonymize:
                export_kwargs["pseudonymize_key_path"] = options.key_file or default_key_path(options.out)
                outputs["key_file"] = export_kwargs["pseudonymize_key_path"]
            outputs["export"] = export.write_workbook(
                analysis,
                options.out,
                progress=StageProgress(progress, 0.75, 0.97, cancel),
                cancel=cancel,
                **export_kwargs,
            )
            outputs["workbook"] = str(Path(options.out).resolve())
    if options.csv_dir:
        with timed(analysis, "mailing_csv"):
            outputs["csv_files"] = [str(p) for p in export.write_mailing_csvs(analysis, options.csv_dir)]
    if options.save_project:
        from segmenter_app.core import project

        with timed(analysis, "save_project"):
            project.save_project(analysis, options.save_project)
            outputs["project"] = str(Path(options.save_project).resolve())
    progress(1.0, "")
    return analysis, outputs


def check_amounts(analysis: Analysis) -> None:
    """Refuse infinite or absurd spends (every figure, plan and chart built on them would be
    meaningless, and sums of them overflow)."""
    table = analysis.customers
    if table is None or schema.C_MONETARY not in table.columns:
        return
    spend = table[schema.C_MONETARY].to_numpy(dtype="float64", na_value=np.nan)
    # Past MAX_SPEND, sums over segments overflow to infinity: no shop's customer spends that.
    absurd = int((np.isinf(spend) | (np.abs(spend) > MAX_SPEND)).sum())
    if absurd:
        raise UserError(T, "infinite_amounts", customers=counted(T, "customers_have", absurd))


def default_key_path(out: str) -> str:
    """Where the pseudonymization key goes when the user did not choose: beside the workbook."""
    target = Path(out)
    return str(target.with_name(target.stem + "-key.txt"))
