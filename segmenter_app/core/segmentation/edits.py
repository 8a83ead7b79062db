"""The user's hand edits of a segmentation: rename a segment, merge segments, move customers.

Every edit is recorded in ``analysis.edits`` (plain dicts, saved with the project) with the method
it applies to, and :func:`replay` re-applies them after each new run of that method, so changing
a cut point or re-running the clustering keeps the user's work. An edit that no longer applies
(its segment or customer is gone) is skipped and reported, never an error.

Records: ``{"op": "rename", "method", "key", "name"}``, ``{"op": "merge", "method", "keys",
"name"}`` (the merged segment keeps the first key), ``{"op": "move", "method", "customers", "to"}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import Messages, UserError

MESSAGES = Messages(
    {
        "no_segmentation": (
            "Group the customers first (step 3), then edit the segments.",
            "Regroupez d'abord les clients (étape 3), puis modifiez les segments.",
        ),
        "unknown_segment": (
            "There is no segment '{key}' in the current grouping.",
            "Il n'y a pas de segment « {key} » dans le regroupement actuel.",
        ),
        "merge_two": (
            "Choose at least two different segments to merge.",
            "Choisissez au moins deux segments différents à fusionner.",
        ),
        "empty_name": ("A segment name cannot be empty.", "Le nom d'un segment ne peut pas être vide."),
        "moved": (
            "Moved by hand (was: {segment}). {reason}",
            "Déplacé à la main (avant : {segment}). {reason}",
        ),
        "merged": ("Merged from {segment}. {reason}", "Fusionné depuis {segment}. {reason}"),
    }
)


def _current(analysis: Analysis) -> Segmentation:
    if analysis.segmentation is None:
        raise UserError(MESSAGES, "no_segmentation")
    return analysis.segmentation


def _check_key(seg: Segmentation, key: str) -> None:
    if key not in set(seg.segments["key"]):
        raise UserError(MESSAGES, "unknown_segment", key=key)


def rename(analysis: Analysis, key: str, name: str) -> None:
    """Give segment ``key`` a new display name (kept across re-runs of the method)."""
    seg = _current(analysis)
    _check_key(seg, key)
    name = str(name).strip()
    if not name:
        raise UserError(MESSAGES, "empty_name")
    edit = {"op": "rename", "method": seg.method, "key": key, "name": name}
    _apply(analysis, seg, edit)
    analysis.edits.append(edit)
    _refresh_warnings(analysis)


def merge(analysis: Analysis, keys: list[str], name: str | None = None) -> str:
    """Merge segments into the first of ``keys``; returns the key of the merged segment.

    The merged segment is named ``name``, or the names joined with " + ".
    """
    seg = _current(analysis)
    keys = list(dict.fromkeys(keys))
    if len(keys) < 2:
        raise UserError(MESSAGES, "merge_two")
    for key in keys:
        _check_key(seg, key)
    if name is None:
        name = " + ".join(seg.name_of(k) for k in keys)
    edit = {"op": "merge", "method": seg.method, "keys": keys, "name": str(name)}
    _apply(analysis, seg, edit)
    analysis.edits.append(edit)
    _refresh_warnings(analysis)
    return keys[0]


def move(analysis: Analysis, customers: Iterable[str], to: str) -> int:
    """Move customers into segment ``to`` by hand; returns how many were moved."""
    seg = _current(analysis)
    _check_key(seg, to)
    ids = [customers] if isinstance(customers, str) else [str(c) for c in customers]
    known = [c for c in ids if c in seg.assignments.index]
    if not known:
        return 0
    edit = {"op": "move", "method": seg.method, "customers": known, "to": to}
    _apply(analysis, seg, edit)
    analysis.edits.append(edit)
    _refresh_warnings(analysis)
    return len(known)


def _refresh_warnings(analysis: Analysis) -> None:
    """Keep the grouping's quality warnings in step with the edited segments."""
    from segmenter_app.core.segmentation import quality

    if analysis.segmentation is not None:
        analysis.segmentation.details["quality_warnings"] = quality.warnings(analysis)


def replay(analysis: Analysis) -> list[dict[str, Any]]:
    """Re-apply the recorded edits of the current method; returns the ones that were skipped."""
    seg = analysis.segmentation
    if seg is None:
        return []
    skipped: list[dict[str, Any]] = []
    for edit in analysis.edits:
        if edit.get("method") != seg.method:
            continue
        if not _apply(analysis, seg, edit):
            skipped.append(edit)
    if skipped:
        seg.details["skipped_edits"] = skipped
    return skipped


def clear(analysis: Analysis, method: str | None = None) -> None:
    """Forget the edits of ``method`` (all edits when None); re-run :func:`segment` to see the result."""
    analysis.edits = [e for e in analysis.edits if method is not None and e.get("method") != method]


def _apply(analysis: Analysis, seg: Segmentation, edit: dict[str, Any]) -> bool:
    """Apply one edit to ``seg`` in place; False when it no longer applies."""
    keys = set(seg.segments["key"])
    op = edit.get("op")
    lang = analysis.lang
    assignments = seg.assignments
    if op == "rename":
        if edit["key"] not in keys:
            return False
        seg.segments.loc[seg.segments["key"] == edit["key"], "name"] = edit["name"]
        return True
    if op == "merge":
        present = [k for k in edit["keys"] if k in keys]
        if len(present) < 2:
            return False
        target, others = present[0], present[1:]
        moving = assignments[s.A_SEGMENT].isin(others)
        if moving.any():
            old_names = assignments.loc[moving, s.A_SEGMENT].map(seg.name_of)
            assignments.loc[moving, s.A_REASON] = [
                MESSAGES("merged", lang, segment=n, reason=r)
                for n, r in zip(old_names, assignments.loc[moving, s.A_REASON], strict=True)
            ]
            assignments.loc[moving, s.A_SEGMENT] = target
        seg.segments = seg.segments[~seg.segments["key"].isin(others)].reset_index(drop=True)
        seg.segments.loc[seg.segments["key"] == target, "name"] = edit["name"]
        return True
    if op == "move":
        if edit["to"] not in keys:
            return False
        ids = pd.Index([c for c in edit["customers"] if c in assignments.index])
        if ids.empty:
            return False
        ids = ids[assignments.loc[ids, s.A_SEGMENT] != edit["to"]]
        if ids.empty:
            return True
        old_names = assignments.loc[ids, s.A_SEGMENT].map(seg.name_of)
        assignments.loc[ids, s.A_REASON] = [
            MESSAGES("moved", lang, segment=n, reason=r)
            for n, r in zip(old_names, assignments.loc[ids, s.A_REASON], strict=True)
        ]
        assignments.loc[ids, s.A_SEGMENT] = edit["to"]
        if "moved_by_hand" not in assignments.columns:
            assignments["moved_by_hand"] = False
        assignments.loc[ids, "moved_by_hand"] = True
        return True
    return False
