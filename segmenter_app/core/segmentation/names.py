"""Segment names in another language than the one the segmentation was made in.

A project made in French can be measured with ``measure --lang en`` (or opened by an English-speaking
colleague): the names the app gave are said again in that language. RFM, predictive and rule
segments have their names in both languages; names the user gave (renames, merges) and cluster
names (written from the clusters' traits when they were made) are kept as they are.
"""

from __future__ import annotations

from segmenter_app.core.analysis import Analysis, Segmentation


def names_in(seg: Segmentation, lang: str, edits: list[dict] | None = None) -> dict[str, str]:
    """Segment key -> its name in ``lang`` for the segments whose name the app gave."""
    from segmenter_app.core.segmentation import rfm, rules
    from segmenter_app.core.segmentation.common import MESSAGES as COMMON
    from segmenter_app.core.segmentation.predictive.messages import MESSAGES as PREDICTIVE
    from segmenter_app.core.segmentation.rule_text import rule_name

    named_by_user = set()
    for edit in edits or []:
        if edit.get("method") == seg.method and edit.get("op") in ("rename", "merge"):
            named_by_user.update([edit["key"]] if "key" in edit else edit.get("keys", [])[:1])
    rule_list = [r for r in seg.parameters.get("rules", []) if isinstance(r, dict)]
    # Numbered as the segmentation numbered them ("Name (2)"), so two rules keep distinct names.
    unique = rules.unique_names([rule_name(r, lang) for r in rule_list], COMMON("others", lang))
    rule_of = {f"rule:{r.get('id')}": name for r, name in zip(rule_list, unique, strict=True)}
    out: dict[str, str] = {}
    for key in seg.segments["key"]:
        kind, _, short = str(key).partition(":")
        if key in named_by_user:
            continue
        if kind == "rfm" and rfm.MESSAGES.has(short):
            out[key] = rfm.segment_label(key, lang)
        elif kind == "pred" and PREDICTIVE.has(short):
            out[key] = PREDICTIVE(short, lang)
        elif key == rules.OTHERS_KEY:
            out[key] = COMMON("others", lang)
        elif key in rule_of:
            out[key] = rule_of[key]
    return out


def rename_in(analysis: Analysis, lang: str) -> int:
    """Say the app-given segment names of ``analysis.segmentation`` in ``lang``; return how many changed."""
    seg = analysis.segmentation
    if seg is None:
        return 0
    names = names_in(seg, lang, analysis.edits)
    before = seg.segments["name"].tolist()
    seg.segments["name"] = [names.get(k, n) for k, n in zip(seg.segments["key"], before, strict=True)]
    return sum(1 for a, b in zip(before, seg.segments["name"], strict=True) if a != b)
