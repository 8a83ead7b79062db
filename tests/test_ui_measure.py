"""The Measure page on the demo shop: results imported in the background, uplift with intervals, migration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_analysis import demo_analysis

from segmenter_app.core import schema as s
from segmenter_app.core import segmentation
from segmenter_app.ui.steps.measure import MeasurePage
from segmenter_app.ui.steps.measure_compute import snapshot_sizes

measure = pytest.importorskip("segmenter_app.core.measure")


@pytest.fixture
def page(show_step_page, request):
    from segmenter_app.core import actions

    lang = getattr(request, "param", "en")
    analysis = demo_analysis(lang)
    analysis.control_share = 0.3  # a big control group so the demo's segments can show an uplift
    segmentation.segment(analysis, "rfm")
    actions.suggest_plans(analysis)
    actions.draw_control(analysis)
    return show_step_page(MeasurePage, analysis, lang)


def _results_sheet(analysis, path, effect: float = 0.35) -> pd.DataFrame:
    """Contacted customers convert far more often than the control group (a known effect)."""
    assignments = analysis.segmentation.assignments
    rng = np.random.default_rng(7)
    control = assignments[s.A_CONTROL].to_numpy()
    p = np.where(control, 0.05, 0.05 + effect)
    converted = rng.random(len(assignments)) < p
    revenue = np.where(converted, rng.gamma(4.0, 30.0, len(assignments)).round(2), 0.0)
    sheet = pd.DataFrame(
        {"customer_id": assignments.index, "converted": np.where(converted, "yes", "no"), "revenue": revenue}
    )
    sheet.to_csv(path, index=False)
    return sheet


def _import(page: MeasurePage, path) -> None:
    page.import_results(str(path))
    assert page.ctx.tasks.wait_idle(60)
    QApplication.processEvents()


def test_empty_page_explains_what_to_import(page, artifacts):
    assert page.empty.isVisible()
    assert not page.body.isVisible()
    assert page.import_button.isEnabled()
    page.grab().save(str(artifacts / "step_measure_empty_en.png"))


def test_results_show_per_segment_figures_and_uplift(page, tmp_path, artifacts):
    analysis = page.ctx.analysis
    sheet = _results_sheet(analysis, tmp_path / "results.csv")
    _import(page, tmp_path / "results.csv")
    assert len(analysis.measurements) == 1
    m = analysis.measurements[0]
    assert page.body.isVisible() and not page.empty.isVisible()
    # The table lists every non-empty segment with the core's figures.
    rows = [r for r in m["segments"] if r["customers"]]
    assert page.table_model.rowCount() == len(rows)
    assert page.table_model.cell_text(0, 0) == rows[0]["name"]
    assert page.table_model.cell_text(0, 3) == str(rows[0]["conversions"])
    total_conversions = sum(r["conversions"] for r in rows)
    contacted = ~analysis.segmentation.assignments[s.A_CONTROL]
    assert total_conversions == int((sheet["converted"] == "yes").to_numpy()[contacted.to_numpy()].sum())
    # The uplift chart has one interval per segment, and the big segments show the known effect.
    assert page.uplift.keys == [r["key"] for r in rows]
    biggest = int(np.argmax([r["customers"] for r in rows]))
    assert page.uplift.low[biggest] > 0  # +35 points is seen as real in the biggest segment
    assert page.uplift.low[biggest] <= 35 <= page.uplift.high[biggest] + 1e-9
    assert page.uplift.estimate[biggest] == pytest.approx(100 * rows[biggest]["uplift"])
    assert "likely real" in page.verdict.text()
    QTest.qWait(50)
    page.grab().save(str(artifacts / "step_measure_results_en.png"))
    page.charts.setCurrentWidget(page.revenue_uplift)
    page.grab().save(str(artifacts / "step_measure_revenue_uplift_en.png"))
    # Importing is undoable.
    page.ctx.undo_stack.undo()
    assert analysis.measurements == []
    assert page.empty.isVisible()


def test_a_click_on_an_uplift_selects_the_table_row(page, tmp_path):
    _results_sheet(page.ctx.analysis, tmp_path / "results.csv")
    _import(page, tmp_path / "results.csv")
    key = page.uplift.keys[1]
    page.uplift.select(key)
    rows = {i.row() for i in page.table.selectionModel().selectedRows()}
    assert rows == {page.table_model.visible_row(1)}


def test_migration_heatmap_and_sizes_across_snapshots(page, artifacts):
    analysis = page.ctx.analysis
    before = measure.snapshot(analysis.segmentation)
    after = before.copy()
    keys = analysis.segmentation.segments["key"].tolist()
    after.iloc[:20] = keys[0]  # twenty customers moved into the first segment
    mig = measure.compare_snapshots(
        before,
        after,
        names=dict(zip(keys, analysis.segmentation.segments["name"], strict=True)),
        order=keys,
        labels=("2026-10", "2026-11"),
    )
    fake = {
        "label": "test",
        "segments": [],
        "total": {},
        "alerts": mig["alerts"],
        "migration": mig,
        "currency": "€",
    }
    analysis.measurements = [fake]
    page.refresh()
    assert page.charts.isTabVisible(page.charts.indexOf(page.migration))
    counts = np.asarray(mig["matrix"]["counts"], dtype=float)
    assert page.migration.values.sum() == counts.sum() == len(before)
    assert page.sizes.snapshots == ["2026-10", "2026-11"]
    first = page.sizes.names.index(analysis.segmentation.name_of(keys[0]))
    assert page.sizes.sizes[first, 1] - page.sizes.sizes[first, 0] == int((before.iloc[:20] != keys[0]).sum())
    page.charts.setCurrentWidget(page.migration)
    QTest.qWait(50)
    page.grab().save(str(artifacts / "step_measure_migration_en.png"))


def test_snapshot_sizes_chain_several_measurements():
    seg = [
        {"key": "a", "name": "A", "before": 10, "after": 12},
        {"key": "b", "name": "B", "before": 5, "after": 3},
    ]
    seg2 = [
        {"key": "a", "name": "A", "before": 12, "after": 15},
        {"key": "b", "name": "B", "before": 3, "after": 0},
    ]
    ms = [
        {"migration": {"from": "jan", "to": "feb", "segments": seg}},
        {"migration": None},
        {"migration": {"from": "feb", "to": "mar", "segments": seg2}},
    ]
    labels, keys, names, sizes = snapshot_sizes(ms)
    assert labels == ["jan", "feb", "mar"]
    assert keys == ["a", "b"] and names == ["A", "B"]
    assert sizes.tolist() == [[10, 12, 15], [5, 3, 0]]


@pytest.mark.parametrize("page", ["fr"], indirect=True)
def test_french_verdicts(page, tmp_path, artifacts):
    _results_sheet(page.ctx.analysis, tmp_path / "resultats.csv")
    _import(page, tmp_path / "resultats.csv")
    m = page.ctx.analysis.measurements[0]
    assert m["lang"] == "fr"
    assert page.title() == "Mesurer"
    assert page.import_button.text().startswith("Importer")
    assert page.uplift.verdicts[0] == next(r for r in m["segments"] if r["customers"])["uplift_text"]
    QTest.qWait(50)
    page.grab().save(str(artifacts / "step_measure_results_fr.png"))


def test_compare_with_a_saved_project_shows_the_migration(page, tmp_path, artifacts):
    from segmenter_app.core import project

    analysis = page.ctx.analysis
    saved = tmp_path / "before.segmenter"
    project.save_project(analysis, saved)
    # Since the save, twenty customers were moved by hand into the first segment.
    from segmenter_app.core.segmentation import edits

    keys = analysis.segmentation.segments["key"].tolist()
    outside = analysis.segmentation.assignments.index[
        analysis.segmentation.assignments[s.A_SEGMENT] != keys[0]
    ]
    edits.move(analysis, list(outside[:20]), keys[0])
    page.compare_project(str(saved))
    assert page.ctx.tasks.wait_idle(60)
    QApplication.processEvents()
    assert page.comparison is not None
    assert page.body.isVisible() and not page.empty.isVisible()
    assert page.charts.isTabVisible(page.charts.indexOf(page.migration))
    assert not page.charts.isTabVisible(page.charts.indexOf(page.uplift))
    stayed = sum(page.migration.values[i, i] for i in range(len(keys)))
    assert page.migration.values.sum() == len(analysis.segmentation.assignments)
    assert stayed == len(analysis.segmentation.assignments) - 20
    first = page.sizes.names.index(analysis.segmentation.name_of(keys[0]))
    assert page.sizes.sizes[first, 1] - page.sizes.sizes[first, 0] == 20
    assert "20 customers changed segment" in page.verdict.text()
    QTest.qWait(50)
    page.grab().save(str(artifacts / "step_measure_compare_en.png"))


def test_results_say_what_was_read(page, tmp_path):
    sheet = _results_sheet(page.ctx.analysis, tmp_path / "results.csv")
    extra = pd.DataFrame(
        {"customer_id": ["NOBODY1", "NOBODY2"], "converted": ["yes", "no"], "revenue": [10.0, 0.0]}
    )
    pd.concat([sheet, extra]).to_csv(tmp_path / "results.csv", index=False)
    _import(page, tmp_path / "results.csv")
    text = page.source.text()
    assert f"{len(sheet) + 2} rows read" in text.replace(",", "")
    assert "2 customers of the file are not in the analysis" in text
