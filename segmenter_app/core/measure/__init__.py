"""Step 5, Measure: read campaign results, measure each segment and the uplift, compare snapshots.

Entry points:

- ``read_results(analysis, path, campaign_date=None, window_days=30) -> Outcomes``: a campaign
  results sheet (customer, converted yes/no, revenue) or a later sales export (see results.py);
- ``measure_campaign(analysis, outcomes) -> dict`` and ``add_measurement(analysis, m)``;
- ``measure_results(analysis, path, ...) -> dict``: both, plus the migration when the results are
  a sales export and the re-run is possible; appends to ``analysis.measurements``;
- ``compare_snapshots(before, after, ...)``, ``compare_analyses(a, b)``,
  ``rerun_on_newer(analysis, transactions)`` (migration.py).

A **measurement** (one item of ``analysis.measurements``) is a JSON-friendly dict:

``format`` (1), ``id`` (1, 2, ... in the analysis), ``label`` (campaign date or file name),
``kind`` ("campaign" or "sales"), ``measured_at`` (ISO), ``lang``, ``currency`` (symbol),
``source`` {``path``, ``fingerprint``, ``rows_read``, ``excluded`` {reason: rows},
``unmatched_customers``, ``details`` (for a results sheet ``ambiguous_email_rows``: rows given to
no one because their email is shared by several customers, see matching.py)}, ``campaign_date``
(ISO date or None), ``window_days``,
``control_observed`` (bool: the results say what the control group did),
``contacted_not_in_results`` (contacted customers absent from a results sheet, counted as not
converted), ``segments`` (list, display order), ``total`` (same fields, key ``"*"``),
``alerts`` (list of {``kind``, ``key``, ``text``}), ``migration`` (None or the dict of
:func:`compare_snapshots`).

Each row of ``segments`` (one flat dict, ready to be a row of the Results sheet):

- ``key``, ``name``, ``customers``, ``contacted``, ``control`` (sizes);
- ``conversions``, ``conversion_rate`` (fraction), ``control_conversions``, ``control_rate``;
- ``revenue`` (of the contacted), ``control_revenue``, ``avg_basket`` (revenue / conversions),
  ``revenue_per_contacted``, ``revenue_per_control``;
- ``cost_per_contact`` (from the plan), ``cost``, ``roi`` ((revenue - cost) / cost);
- ``rate_kind`` ("reactivation" for lapsed segments, else "retention"), ``reactivation_rate``,
  ``retention_rate`` (the contacted conversion rate under its name, the other None);
- ``uplift``, ``uplift_low``, ``uplift_high`` (conversion, contacted minus control, fractions,
  95% Newcombe interval), ``uplift_verdict`` ("likely_real", "likely_negative",
  "not_enough_evidence" or None), ``uplift_text`` (plain words, e.g. "+6 points (+2 to +10),
  likely real.");
- ``revenue_uplift``, ``revenue_uplift_low``, ``revenue_uplift_high`` (revenue per customer,
  95% Welch interval), ``revenue_verdict``, ``revenue_text``;
- ``incremental_revenue`` (revenue uplift x contacted), ``incremental_roi``,
  ``expected_conversions`` (what the plan expected), ``clv`` (mean predicted lifetime value of the
  segment's customers when the predictive method gave one, else None).

Figures that cannot be computed are None (never NaN).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.measure.campaign import TOTAL_KEY, add_measurement, measure_campaign
from segmenter_app.core.measure.migration import (
    compare_analyses,
    compare_snapshots,
    rerun_on_newer,
    snapshot,
)
from segmenter_app.core.measure.results import Outcomes, outcomes_from_transactions, read_results
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress

log = logging.getLogger(__name__)

M = Messages(
    {
        "no_common_customer": (
            "The project to compare with shares no customer with this one: its segments cannot be followed. Compare two snapshots of the same shop (the same sales exports at two dates).",
            "Le projet à comparer n'a aucun client en commun avec celui-ci : ses segments ne peuvent pas être suivis. Comparez deux instantanés de la même boutique (les mêmes exports de ventes à deux dates).",
        ),
    }
)

__all__ = [
    "TOTAL_KEY",
    "Outcomes",
    "add_measurement",
    "compare_analyses",
    "compare_snapshots",
    "measure_campaign",
    "measure_results",
    "outcomes_from_transactions",
    "read_results",
    "rerun_on_newer",
    "snapshot",
]


def measure_results(
    analysis: Analysis,
    path: str | Path,
    *,
    campaign_date: pd.Timestamp | str | None = None,
    window_days: int = 30,
    compare_with: Analysis | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """Read the results, measure every segment, add the migration, store it in the analysis.

    The migration compares the analysis with ``compare_with`` when given, else, for a sales
    export, with a re-run of the same method on the analysis' sales plus the new ones (when the
    analysis holds its transactions). Returns the measurement (also appended to
    ``analysis.measurements``).
    """
    cancel = cancel or CancelToken()
    progress(0.0, "")
    if compare_with is not None:
        # Two unrelated shops would give a "migration" where every customer left: refused first.
        _check_common_customers(analysis, compare_with)
    outcomes = read_results(analysis, path, campaign_date=campaign_date, window_days=window_days)
    cancel.check()
    progress(0.4, "")
    measurement = measure_campaign(analysis, outcomes)
    cancel.check()
    progress(0.6, "")
    if compare_with is not None:
        # The migration runs forward in time, whichever project was opened and which compared:
        # an older project given to compare with is the "before" (it read "Champions shrank
        # 33 -> 21" for a segment that grew 21 -> 33).
        before, after = analysis, compare_with
        if before.as_of is not None and after.as_of is not None and after.as_of < before.as_of:
            before, after = after, before
        measurement["migration"] = compare_analyses(before, after, analysis.lang)
    elif outcomes.kind == "sales" and outcomes.transactions is not None and analysis.transactions is not None:
        try:
            newer = rerun_on_newer(
                analysis, outcomes.transactions, new_attributes=outcomes.attributes, cancel=cancel
            )
        except UserError as exc:  # e.g. the re-run found too little data: measured without migration
            log.warning("migration skipped: %s", exc.key)
            newer = None
        if newer is not None:
            measurement["migration"] = compare_analyses(analysis, newer, analysis.lang)
    if measurement["migration"]:
        measurement["alerts"] = list(measurement["alerts"]) + list(measurement["migration"]["alerts"])
    add_measurement(analysis, measurement)
    progress(1.0, "")
    return measurement


def _check_common_customers(analysis: Analysis, other: Analysis) -> None:
    """Raise ``UserError`` when the two analyses have no segmented customer in common."""
    if analysis.segmentation is None or other.segmentation is None:
        return
    mine = analysis.segmentation.assignments.index.astype(str)
    theirs = other.segmentation.assignments.index.astype(str)
    if len(mine) and len(theirs) and not mine.isin(theirs).any():
        raise UserError(M, "no_common_customer")
