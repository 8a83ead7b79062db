"""The Group page on the demo shop: background RFM, chart filters, cut points, hand edits, undo."""

from __future__ import annotations

import importlib.util

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_analysis import demo_analysis

from segmenter_app.core import schema as s
from segmenter_app.core import segmentation
from segmenter_app.ui.steps.group import GroupPage


@pytest.fixture
def page(show_step_page, request):
    lang = getattr(request, "param", "en")
    return show_step_page(GroupPage, demo_analysis(lang), lang)


def _wait_segments(page: GroupPage) -> None:
    """Let the debounce timer fire and the background run finish."""
    waited = 0
    while page._timer.isActive() and waited < 3000:
        QTest.qWait(50)
        waited += 50
    assert page.ctx.tasks.wait_idle(60)
    QApplication.processEvents()


def test_rfm_runs_in_the_background_and_shows_every_customer(page, artifacts):
    analysis = page.ctx.analysis
    seg = analysis.segmentation
    assert seg is not None and seg.method == "rfm"
    assert page.is_complete()
    counts = seg.counts()
    assert int(counts.sum()) == len(analysis.customers)
    assert page.model.total_rows() == len(analysis.customers)
    # The bars show the summary: one bar per segment, sizes equal to the counts.
    assert page.bars.keys == seg.segments["key"].tolist()
    assert page.bars.customers.tolist() == counts.tolist()
    # The scorecard has a row per segment with advice; plans were suggested for every segment.
    assert page.segments.table.rowCount() == len(seg.segments)
    assert set(analysis.plans) == set(seg.segments["key"])
    assert all(page.segments.table.item(r, 0).toolTip() for r in range(page.segments.table.rowCount()))
    card = page.card
    weak = card[card["passed"] < 5]
    assert all(rec.name in page.segments.advice.text() for rec in weak.itertuples() if rec.advice)
    page.grab().save(str(artifacts / "step_group_rfm_en.png"))


def test_clicking_a_bar_filters_the_table_with_reasons(page):
    seg = page.ctx.analysis.segmentation
    key = seg.segments["key"].iloc[0]
    expected = int(seg.counts()[key])
    page.bars.click_segment(0)
    assert page.model.total_rows() == expected
    visible = page.model.visible_frame()
    assert set(visible["segment"]) == {seg.name_of(key)}
    assert visible["reason"].str.startswith("R ").all()
    assert str(expected) in page.filter_label.text()
    page.clear_filter()
    assert page.model.total_rows() == len(seg.assignments)


def test_an_rfm_cell_filters_the_table(page, artifacts):
    seg = page.ctx.analysis.segmentation
    page.charts.setCurrentWidget(page.rfm_grid)
    page.rfm_grid.select_scores([(5, 5)])
    expected = int(((seg.assignments["r_score"] == 5) & (seg.assignments["f_score"] == 5)).sum())
    assert expected > 0
    assert page.model.total_rows() == expected
    page.grab().save(str(artifacts / "step_group_rfm_grid.png"))


def test_edited_cut_points_recompute_and_undo(page):
    analysis = page.ctx.analysis
    field = page.rfm_params.fields["recency"]
    field.setText("30 ; 90 ; 180 ; 365")
    field.editingFinished.emit()
    _wait_segments(page)
    details = analysis.segmentation.details
    assert details["cut_points"]["recency"] == [30, 90, 180, 365]
    assert details["cut_points_source"]["recency"] == "edited"
    assert (analysis.segmentation.assignments["r_score"] == 5).sum() == (
        analysis.customers[s.C_RECENCY] <= 30
    ).sum()
    assert page.rfm_params.reset.isEnabled()
    page.ctx.undo_stack.undo()
    _wait_segments(page)
    assert analysis.segmentation.details["cut_points_source"]["recency"] == "computed"


def test_rename_merge_and_move_are_undoable(page):
    analysis = page.ctx.analysis
    stack = page.ctx.undo_stack
    seg = analysis.segmentation
    first = seg.segments["key"].iloc[0]
    # Rename by editing the name cell of the scorecard.
    page.segments.table.item(0, 0).setText("Best friends")
    assert analysis.segmentation.name_of(first) == "Best friends"
    assert analysis.edits[-1]["op"] == "rename"
    assert page.bars.names[0] == "Best friends"
    stack.undo()
    assert analysis.segmentation.name_of(first) != "Best friends"
    assert analysis.edits == []
    stack.redo()
    assert analysis.segmentation.name_of(first) == "Best friends"

    # Merge the last two segments.
    keys = analysis.segmentation.segments["key"].tolist()
    before = len(keys)
    merged_size = int(analysis.segmentation.counts()[keys[-2]] + analysis.segmentation.counts()[keys[-1]])
    page.merge_segments([keys[-2], keys[-1]])
    assert len(analysis.segmentation.segments) == before - 1
    assert int(analysis.segmentation.counts()[keys[-2]]) == merged_size
    assert page.segments.table.rowCount() == before - 1
    stack.undo()
    assert len(analysis.segmentation.segments) == before

    # Move two customers chosen in the table into the first segment.
    page.bars.click_segment(len(keys) - 1)
    page.customers_view.selectRow(0)
    page.customers_view.selectionModel().select(
        page.model.index(1, 0),
        page.customers_view.selectionModel().SelectionFlag.Select
        | page.customers_view.selectionModel().SelectionFlag.Rows,
    )
    ids = [str(page.model.index_value(0)), str(page.model.index_value(1))]
    page.move_combo.setCurrentIndex(0)
    page.move_button.click()
    assignments = analysis.segmentation.assignments
    assert (assignments.loc[ids, s.A_SEGMENT] == first).all()
    assert assignments.loc[ids, s.A_REASON].str.startswith("Moved by hand").all()
    assert analysis.edits[-1]["op"] == "move" and sorted(analysis.edits[-1]["customers"]) == sorted(ids)
    stack.undo()
    assert (analysis.segmentation.assignments.loc[ids, s.A_SEGMENT] == keys[-1]).all()


@pytest.mark.parametrize("page", ["fr"], indirect=True)
def test_french_analysis_names_segments_in_french(page, artifacts):
    names = page.ctx.analysis.segmentation.segments["name"].tolist()
    assert "Fidèles" in names
    assert page.title() == "Regrouper"
    assert page.side.tabText(0) == "Contrôle qualité"
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Pourquoi ce segment"
    assert page.bars.names == names
    page.grab().save(str(artifacts / "step_group_rfm_fr.png"))
    # French typography: a space before the colon in the advice under the quality table.
    advice = page.segments.advice_text()
    assert " : " in advice and not any(f"{name}:" in advice for name in names)
    # The hand edits' undo labels come from their own translation context (group_edits.py).
    keys = page.ctx.analysis.segmentation.segments["key"].tolist()
    page.merge_segments([keys[-2], keys[-1]])
    assert page.ctx.undo_stack.undoText() == "Fusionner des segments"


@pytest.mark.skipif(
    importlib.util.find_spec("segmenter_app.core.segmentation.clusters") is None,
    reason="clustering not built yet",
)
def test_clusters_show_the_map_and_silhouette(page, artifacts):
    page.method_combo.setCurrentIndex(page.method_combo.findData("clusters"))
    _wait_segments(page)
    seg = page.ctx.analysis.segmentation
    assert seg.method == "clusters"
    assert page.charts.isTabVisible(2)
    assert len(page.cluster_map.ids) == len(seg.assignments)
    assert page.silhouette.ks
    assert page.silhouette.chosen == seg.details["k"]
    assert "Silhouette" in page.cluster_params.criteria.text()
    assert "days since last purchase" in page.cluster_params.criteria.text()
    page.charts.setCurrentWidget(page.cluster_map)
    page.grab().save(str(artifacts / "step_group_clusters.png"))
    page.ctx.undo_stack.undo()
    _wait_segments(page)
    assert page.ctx.analysis.segmentation.method == "rfm"


def _choose(page: GroupPage, method: str) -> None:
    page.method_combo.setCurrentIndex(page.method_combo.findData(method))
    _wait_segments(page)
    assert page.ctx.analysis.segmentation.method == method


def test_rule_builder_reorders_adds_and_edits_rules(page, artifacts, qtbot):
    _choose(page, "rules")
    analysis = page.ctx.analysis
    builder = page.rules_params
    rules = builder.rules
    assert len(rules) >= 5 and builder.list.count() == len(rules)
    assert "matched several rules" in builder.stats.text()
    page.grab().save(str(artifacts / "step_group_rules.png"))
    # Moving the second rule to the top changes the priority, recomputes, and is undoable.
    second = rules[1]["id"]
    builder.list.setCurrentRow(1)
    builder.buttons["up"].click()
    _wait_segments(page)
    assert analysis.segmentation.segments["key"].iloc[0] == f"rule:{second}"
    page.ctx.undo_stack.undo()
    _wait_segments(page)
    assert analysis.segmentation.segments["key"].iloc[1] == f"rule:{second}"
    # A new rule written in the editor: big baskets, at the lowest priority.
    builder.add_rule()
    dialog = builder.dialog
    qtbot.waitExposed(dialog)
    dialog.name.setText("Big baskets")
    dialog.add_test({"field": s.C_AVG_BASKET, "op": ">=", "value": 150})
    dialog.accept()
    _wait_segments(page)
    seg = analysis.segmentation
    key = f"rule:{builder.rules[-1]['id']}"
    assert seg.name_of(key) == "Big baskets"
    members = seg.assignments.index[seg.assignments[s.A_SEGMENT] == key]
    assert (analysis.customers.loc[members, s.C_AVG_BASKET] >= 150).all()
    assert "Big baskets" in builder.list.item(builder.list.count() - 1).text()


def test_predictive_shows_the_fitted_models(page, artifacts):
    _choose(page, "predictive")
    details = page.ctx.analysis.segmentation.details
    note = page.predictive_params.note.text()
    assert "BG/NBD" in note and f"{details['bgnbd']['r']:.3f}" in note
    assert page.model.visible_frame()["reason"].str.contains("likely still active|Bought once").any()
    page.grab().save(str(artifacts / "step_group_predictive.png"))


def test_an_opened_grouping_is_shown_with_its_own_parameters(show_step_page):
    """A project's segmentation (here rules) is shown as it is, without recomputing it."""
    from segmenter_app.core.segmentation import rule_presets

    analysis = demo_analysis("en")
    rules = [rule_presets.preset("dormant"), rule_presets.preset("loyal")]
    segmentation.segment(analysis, "rules", {"rules": rules})
    seg = analysis.segmentation
    widget = show_step_page(GroupPage, analysis)
    assert analysis.segmentation is seg  # nothing was recomputed (a result would replace it)
    assert widget.method_combo.currentData() == "rules"
    assert [r["id"] for r in widget.rules_params.rules] == ["dormant", "loyal"]
    assert widget.bars.keys == seg.segments["key"].tolist()
    assert widget.segments.table.rowCount() == len(seg.segments)


def test_quick_parameter_changes_run_one_computation(page):
    started: list[object] = []
    page.ctx.tasks.taskStarted.connect(started.append)
    field = page.rfm_params.fields["frequency"]
    for text in ("2 ; 3", "2 ; 3 ; 5", "2 ; 3 ; 5 ; 8"):
        field.setText(text)
        field.editingFinished.emit()
    assert page._timer.isActive() and started == []  # still waiting for the user to pause
    _wait_segments(page)
    assert len(started) == 1
    assert page.ctx.analysis.segmentation.details["cut_points"]["frequency"] == [2, 3, 5, 8]
    assert page.ctx.undo_stack.count() == 3  # each change can still be undone on its own


def test_the_goal_method_and_checked_criteria_are_used_until_the_user_picks_a_method(show_step_page):
    """Step 2's goal proposes clusters: the page starts with them, on the criteria checked there."""
    from segmenter_app.core.segmentation import criteria

    analysis = demo_analysis("en")
    criteria.apply_goal(analysis, "grow_value")
    analysis.criteria = [s.C_RECENCY, s.C_MONETARY]  # the user unticked some
    widget = show_step_page(GroupPage, analysis)
    assert widget.method_combo.currentData() == "clusters"
    assert analysis.segmentation.method == "clusters"
    assert analysis.segmentation.details["criteria"] == [s.C_RECENCY, s.C_MONETARY]
    # Ticking another criterion in step 2 reclusters on it.
    analysis.criteria = [s.C_RECENCY, s.C_MONETARY, s.C_FREQUENCY]
    widget.on_context_changed("criteria")
    widget.refresh()
    _wait_segments(widget)
    assert analysis.segmentation.details["criteria"] == [s.C_RECENCY, s.C_MONETARY, s.C_FREQUENCY]
    # Once the user picks a method here, a new goal no longer overrides it.
    _choose(widget, "rfm")
    criteria.apply_goal(analysis, "win_back")
    widget.on_context_changed("criteria")
    widget.refresh()
    _wait_segments(widget)
    assert analysis.segmentation.method == "rfm" and widget.method_combo.currentData() == "rfm"


def test_the_worker_makes_the_customer_table_the_page_shows():
    """The customers table's frame comes back from the background run (made off the GUI thread)
    and is the table of the segmentation it came with."""
    from segmenter_app.ui.steps.group_compute import compute_group
    from segmenter_app.ui.steps.group_view import customer_frame

    analysis = demo_analysis("en")
    result = compute_group(analysis, "rfm", {})
    assert result.customers is not None and len(result.customers) == len(analysis.customers)
    assert result.customers.equals(customer_frame(result.analysis))
    assert set(result.customers["segment"]) <= set(result.analysis.segmentation.segments["name"])


def test_advice_every_segment_shares_is_said_once(qtbot):
    """Before any plan, each segment's advice says to plan one: the text under the table says it
    once for all segments, then what differs per segment."""
    from test_segmentation_data import synthetic_analysis

    from segmenter_app.core.segmentation import quality
    from segmenter_app.ui.steps.group_segments import SegmentsPanel

    analysis = synthetic_analysis(600)
    segmentation.segment(analysis, "rfm")
    card = quality.scorecard(analysis)
    shared = quality.MESSAGES("no_plan", "en")
    assert all(shared in advice for advice in card["advice"])
    panel = SegmentsPanel()
    qtbot.addWidget(panel)
    panel.set_scorecard(card)
    lines = panel.advice_text().splitlines()
    assert lines[0] == f"All segments: {shared}"
    assert sum(shared in line for line in lines) == 1
    for rec in card.itertuples():
        own = [a for a in rec.advice if a != shared]
        assert (f"{rec.name}: {' '.join(own)}" in lines) == bool(own)
    # An empty segment's advice is its own ("no customer"): the others' shared advice is still
    # said once (CDNOW's two empty RFM segments made it repeat eight times).
    card.loc[card.index[-1], "customers"] = 0
    card.at[card.index[-1], "advice"] = [quality.MESSAGES("empty", "en")]
    panel.set_scorecard(card)
    lines = panel.advice_text().splitlines()
    assert lines[0] == f"All segments: {shared}" and sum(shared in line for line in lines) == 1
    assert f"{card['name'].iloc[-1]}: No customer is in this segment." in lines
    # A selection of one segment shows its whole advice.
    panel.table.selectRow(0)
    assert panel.advice_text() == f"{card['name'].iloc[0]}: {' '.join(card['advice'].iloc[0])}"


@pytest.mark.parametrize("page", ["fr"], indirect=True)
def test_the_filter_line_is_french_for_every_chart_selection(page):
    """The filter's texts live in GroupFilterMixin and on the page (a plural tr() in a mixin came
    back untranslated): each reads French."""
    ids = list(page.ctx.analysis.segmentation.assignments.index[:2])
    page._on_points_selected(ids)
    assert page.filter_label.text() == "2 clients affichés sur 300 : 2 clients choisis sur la carte"
    page.clear_filter()
    assert page.filter_label.text() == "Les 300 clients. Cliquez sur un graphique pour filtrer."
