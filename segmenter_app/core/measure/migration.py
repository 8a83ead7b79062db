"""Migration between two snapshots: who moved from which segment to which, who grew, who left.

A snapshot is one segment key per customer (a Series indexed by customer id): the saved analysis
and a re-run of the same method on newer data (:func:`rerun_on_newer`), or two saved analyses.
Customers only in the later snapshot come from ``"(new)"``; customers only in the earlier one go
to ``"(gone)"``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.actions.playbooks import lookup
from segmenter_app.core.actions.wording import percent
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import Messages
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress

NEW = "(new)"
GONE = "(gone)"
# A segment that loses this share of its customers (and at least MIN_SHRINK of them) is flagged.
SHRINK_SHARE = 0.2
MIN_SHRINK = 5

G = Messages(
    {
        "new": ("(new customers)", "(nouveaux clients)"),
        "gone": ("(no longer present)", "(plus présents)"),
        "shrink": (
            "'{name}' shrank by {share} ({before} → {after} customers).",
            "« {name} » a diminué de {share} ({before} → {after} clients).",
        ),
        "left_best_one": (
            "1 customer left the best segments ({names}); they are named in the report.",
            "1 client a quitté les meilleurs segments ({names}) ; il est nommé dans le rapport.",
        ),
        "left_best": (
            "{count} customers left the best segments ({names}); the list is in the report.",
            "{count} clients ont quitté les meilleurs segments ({names}) ; la liste est dans le rapport.",
        ),
    }
)

# Playbook kinds whose segments count as "the best" (their customers leaving is an alert).
BEST_PLAYBOOKS = ("champions", "loyal", "super_buyers", "biggest_spenders")


def best_segments(keys: list[str], names: dict[str, str]) -> list[str]:
    """The segments that hold the best customers: champions, loyal, super buyers, biggest spenders.

    When none is recognisable (clusters), the first segment in display order is taken.
    """
    best = [k for k in keys if lookup(k, names.get(k)) in BEST_PLAYBOOKS]
    return best or keys[:1]


def compare_snapshots(
    before: pd.Series,
    after: pd.Series,
    *,
    names: dict[str, str] | None = None,
    order: list[str] | None = None,
    best: list[str] | None = None,
    lang: str = "en",
    labels: tuple[str, str] = ("before", "after"),
) -> dict[str, Any]:
    """The migration between two snapshots (customer id -> segment key), JSON-friendly.

    Returns ``from``/``to`` labels, ``keys`` (segment keys in order), ``matrix``
    (``rows`` = before keys + ``"(new)"``, ``columns`` = after keys + ``"(gone)"``, ``counts``
    as a list of rows), ``matrix_rows`` (the same with names, one dict per row), ``moves`` (non-zero cells), ``segments`` (before, after, change,
    change_share, stayed, stay_rate), ``best_segments``, ``left_best`` (customer, from, to) and
    ``alerts``.
    """
    names = dict(names or {})
    before = before.set_axis(before.index.astype(str)).astype(str)
    after = after.set_axis(after.index.astype(str)).astype(str)
    keys = list(order or [])
    for key in list(pd.unique(before)) + list(pd.unique(after)):
        if key not in keys:
            keys.append(key)
    ids = before.index.union(after.index)
    frm = before.reindex(ids).fillna(NEW)
    to = after.reindex(ids).fillna(GONE)
    rows = [*keys, NEW]
    columns = [*keys, GONE]
    table = pd.crosstab(frm, to).reindex(index=rows, columns=columns, fill_value=0)
    counts = [[int(v) for v in row] for row in table.to_numpy()]
    moves = [
        {"from": r, "to": c, "customers": int(table.loc[r, c])}
        for r in rows
        for c in columns
        if table.loc[r, c] and r != c
    ]
    size_before = before.value_counts()
    size_after = after.value_counts()
    segments = []
    alerts: list[dict[str, Any]] = []
    for key in keys:
        b = int(size_before.get(key, 0))
        a = int(size_after.get(key, 0))
        stayed = int(table.loc[key, key]) if key in table.index and key in table.columns else 0
        change_share = (a - b) / b if b else None
        segments.append(
            {
                "key": key,
                "name": names.get(key, key),
                "before": b,
                "after": a,
                "change": a - b,
                "change_share": round(change_share, 4) if change_share is not None else None,
                "stayed": stayed,
                "stay_rate": round(stayed / b, 4) if b else None,
            }
        )
        if b and b - a >= MIN_SHRINK and (b - a) / b >= SHRINK_SHARE:
            alerts.append(
                {
                    "kind": "shrink",
                    "key": key,
                    "text": G(
                        "shrink",
                        lang,
                        name=names.get(key, key),
                        share=percent((b - a) / b, lang),
                        before=b,
                        after=a,
                    ),
                }
            )
    best = list(best) if best is not None else best_segments(keys, names)
    left = frm.isin(best) & ~to.isin(best)
    left_best = [
        {"customer_id": str(cid), "from": frm[cid], "to": to[cid]} for cid in frm.index[left.to_numpy()]
    ]
    if left_best:
        alerts.append(
            {
                "kind": "left_best",
                "key": None,
                "text": G(
                    "left_best" if len(left_best) != 1 else "left_best_one",
                    lang,
                    count=len(left_best),
                    names=", ".join(names.get(k, k) for k in best),
                ),
            }
        )
    label = {NEW: G("new", lang), GONE: G("gone", lang), **{k: names.get(k, k) for k in keys}}
    matrix_rows = [
        {"from": label[r], **{label[c]: counts[i][j] for j, c in enumerate(columns)}}
        for i, r in enumerate(rows)
    ]
    return {
        "from": labels[0],
        "to": labels[1],
        "keys": keys,
        "names": {k: names.get(k, k) for k in keys},
        "matrix": {"rows": rows, "columns": columns, "counts": counts},
        "matrix_rows": matrix_rows,  # the same matrix as table rows, with names, for a sheet
        "moves": moves,
        "segments": segments,
        "best_segments": best,
        "left_best": left_best,
        "alerts": alerts,
        "customers_before": len(before),
        "customers_after": len(after),
    }


def snapshot(segmentation: Segmentation) -> pd.Series:
    """A segmentation as a snapshot: customer id -> segment key."""
    return segmentation.assignments[s.A_SEGMENT].astype(str)


def compare_analyses(before: Analysis, after: Analysis, lang: str | None = None) -> dict[str, Any]:
    """The migration from one analysis' segments to another's (e.g. two saved projects)."""
    if before.segmentation is None or after.segmentation is None:
        raise ValueError("both analyses need a segmentation")
    names = dict(zip(after.segmentation.segments["key"], after.segmentation.segments["name"], strict=True))
    names.update(
        dict(zip(before.segmentation.segments["key"], before.segmentation.segments["name"], strict=True))
    )
    order = [str(k) for k in before.segmentation.segments["key"]]
    order += [str(k) for k in after.segmentation.segments["key"] if str(k) not in order]
    labels = (_label(before), _label(after))
    return compare_snapshots(
        snapshot(before.segmentation),
        snapshot(after.segmentation),
        names=names,
        order=order,
        lang=lang or before.lang,
        labels=labels,
    )


def _label(analysis: Analysis) -> str:
    return analysis.as_of.date().isoformat() if analysis.as_of is not None else "?"


def _dedupe_columns(frame: pd.DataFrame) -> list[str]:
    """The columns that say what a transaction is (not where it was read from)."""
    wanted = (s.T_CUSTOMER, s.T_ORDER, s.T_DATE, s.T_AMOUNT, s.T_QUANTITY, s.T_PRODUCT)
    return [c for c in wanted if c in frame.columns]


def rerun_on_newer(
    analysis: Analysis,
    new_transactions: pd.DataFrame,
    *,
    new_attributes: pd.DataFrame | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Analysis:
    """The same method and parameters re-run on the analysis' sales plus newer ones.

    Transactions present in both (same customer, order, date, amount, quantity, product) are kept
    once, so a later export that repeats older sales does not count them twice. The analysis date
    becomes the day after the newest sale. Raises ImportError when the customer table or the
    segmentation step is not available.
    """
    from segmenter_app.core import customers as customer_table
    from segmenter_app.core import segmentation

    if analysis.segmentation is None or analysis.transactions is None:
        raise ValueError("re-running needs the analysis' transactions and segmentation")
    old = analysis.transactions
    combined = pd.concat([old, new_transactions.reindex(columns=old.columns)], ignore_index=True)
    combined = combined.drop_duplicates(subset=_dedupe_columns(combined), keep="first").reset_index(drop=True)
    newer = Analysis(lang=analysis.lang, inputs=list(analysis.inputs), seed=analysis.seed)
    newer.transactions = combined
    attributes = analysis.customer_attributes
    if new_attributes is not None and attributes is not None:
        attributes = new_attributes.combine_first(attributes)
    elif new_attributes is not None:
        attributes = new_attributes
    newer.customer_attributes = attributes
    newer.account = analysis.account
    newer.criteria = list(analysis.criteria)
    newer.goal = analysis.goal
    customer_table.build_customer_table(newer, None, progress=progress, cancel=cancel)
    seg = analysis.segmentation
    segmentation.segment(newer, seg.method, dict(seg.parameters), progress=progress, cancel=cancel)
    return newer
