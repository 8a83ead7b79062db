"""Step 4: the seeded control group and the smallest uplift a segment can detect."""

from __future__ import annotations

import numpy as np
import pytest
from test_actions_support import make_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.actions import draw_control, suggest_plans, update_plan
from segmenter_app.core.actions.control import control_size, minimum_detectable_uplift


def _draw(analysis):
    suggest_plans(analysis)
    draw_control(analysis)
    return analysis.segmentation.assignments


def test_control_share_per_segment_is_ten_percent_by_default():
    assignments = _draw(make_analysis(n=1000))
    assert assignments[s.A_CONTROL].dtype == bool
    for _key, group in assignments.groupby(s.A_SEGMENT):
        assert group[s.A_CONTROL].sum() == control_size(len(group), 0.1)
    assert 80 <= assignments[s.A_CONTROL].sum() <= 120


def test_same_seed_same_draw_whatever_the_row_order():
    first = _draw(make_analysis(n=600))[s.A_CONTROL]
    shuffled = make_analysis(n=600)
    seg = shuffled.segmentation
    seg.assignments = seg.assignments.sample(frac=1.0, random_state=3)
    second = _draw(shuffled)[s.A_CONTROL]
    assert second.reindex(first.index).equals(first)
    other = make_analysis(n=600)
    other.seed = 7
    third = _draw(other)[s.A_CONTROL]
    assert not third.equals(first)
    assert third.sum() == first.sum()


def test_a_segments_share_can_be_changed_without_touching_the_others():
    analysis = make_analysis(n=800)
    before = _draw(analysis)[s.A_CONTROL].copy()
    update_plan(analysis, "rfm:hibernating", control_share=0.3)
    after = analysis.segmentation.assignments[s.A_CONTROL]
    in_seg = analysis.segmentation.assignments[s.A_SEGMENT] == "rfm:hibernating"
    assert after[~in_seg].equals(before[~in_seg])
    assert after[in_seg].sum() == control_size(int(in_seg.sum()), 0.3)
    assert analysis.plans["rfm:hibernating"]["control_size"] == after[in_seg].sum()


def test_control_size_rounding_and_limits():
    assert control_size(100, 0.1) == 10
    assert control_size(15, 0.1) == 2
    assert control_size(4, 0.1) == 0
    assert control_size(1, 0.5) == 0  # never the whole segment
    assert control_size(0, 0.1) == 0
    assert control_size(50, 0.0) == 0


def test_minimum_detectable_uplift_shrinks_with_size():
    # 2.80 * sqrt(0.05 * 0.95 * (1/900 + 1/100)) = 0.0643
    assert minimum_detectable_uplift(900, 100, 0.05) == pytest.approx(0.0643, abs=0.001)
    sizes = [minimum_detectable_uplift(n * 9, n, 0.05) for n in (10, 100, 1000)]
    assert sizes[0] > sizes[1] > sizes[2]
    assert np.isnan(minimum_detectable_uplift(10, 0, 0.05))


def test_small_segments_are_warned():
    analysis = make_analysis(n=2000)
    suggest_plans(analysis)
    draw_control(analysis)
    plans = analysis.plans
    small = [p for p in plans.values() if p["control_size"] < 10]
    big = [p for p in plans.values() if p["control_size"] >= 30]
    assert small and big
    assert all(p["control_too_small"] for p in small)
    assert all("Too small" in p["control_note"] for p in small)
    assert all(not p["control_too_small"] and "can be told from chance" in p["control_note"] for p in big)
