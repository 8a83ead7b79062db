"""The Choose criteria step: criteria by family with coverage and histogram, goals, undo."""

from __future__ import annotations

import pytest
from ui_shots import shot

from segmenter_app.ui import errors, settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)


def _window_on_criteria(qtbot, demo_files, lang="en"):
    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.main_window import MainWindow

    apply_language(ensure_application(), lang)
    win = MainWindow(lang=lang)
    win.confirm_discard = lambda: True
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    win.page("collect").add_files([str(p) for p in demo_files])
    assert win.tasks.wait_idle(120)
    win.next()
    assert win.current_index() == 1
    assert win.tasks.wait_idle(60)
    assert [b.text() for b in errors.open_dialogs()] == []
    return win


@pytest.fixture
def window(qtbot, demo_files):
    win = _window_on_criteria(qtbot, demo_files)
    yield win
    win.tasks.wait_idle(10)


def test_criteria_grouped_by_family_with_coverage_and_histogram(window, artifacts):
    from PySide6.QtWidgets import QGroupBox

    from segmenter_app.ui.steps.criteria import Histogram

    page = window.page("criteria")
    boxes = [b.title() for b in page.body.findChildren(QGroupBox)]
    assert len(boxes) >= 2  # behavioural plus at least one family from the demo's columns
    assert "recency_days" in page.checks and "monetary" in page.checks
    views = {v.key: v for v in page.views}
    assert views["recency_days"].coverage == 1.0
    assert 0 < views["age"].coverage < 1.0 if "age" in views else True
    histograms = page.body.findChildren(Histogram)
    assert len(histograms) == len(page.views)
    recency = views["recency_days"]
    assert sum(recency.counts) == len(window.ctx.analysis.customers)
    shot(window, str(artifacts / "criteria_en.png"))


def test_ticking_a_criterion_is_undoable(window):
    page = window.page("criteria")
    analysis = window.ctx.analysis
    assert analysis.criteria == []
    page.checks["monetary"].setChecked(True)
    assert analysis.criteria == ["monetary"]
    assert page.summary.text() == "1 criterion chosen."
    window.undo_action.trigger()
    assert analysis.criteria == []
    assert not page.checks["monetary"].isChecked()
    window.redo_action.trigger()
    assert page.checks["monetary"].isChecked()


def test_goal_proposes_criteria(window):
    page = window.page("criteria")
    analysis = window.ctx.analysis
    index = page.goal_combo.findData("keep_best")
    assert index > 0
    page.goal_combo.setCurrentIndex(index)
    page._on_goal_chosen(index)
    assert analysis.goal == "keep_best" and analysis.suggested_method == "rfm"
    assert {"recency_days", "frequency", "monetary"} <= set(analysis.criteria)
    assert all(page.checks[c].isChecked() for c in analysis.criteria)
    assert "RFM" in page.goal_help.text()
    # Going back and forth keeps the choice.
    window.back()
    window.next()
    assert window.tasks.wait_idle(30)
    assert analysis.goal == "keep_best" and page.checks["monetary"].isChecked()


def test_criteria_in_french(qtbot, demo_files, artifacts):
    from segmenter_app.ui.app import apply_language, ensure_application

    win = _window_on_criteria(qtbot, demo_files, "fr")
    try:
        page = win.page("criteria")
        assert page.title() == "Choisir les critères"
        assert page.goal_combo.itemText(0) == "Pas d'objectif particulier"
        assert page.goal_combo.itemText(1) == "Garder les meilleurs"
        assert any("des clients" in lbl.text() for lbl in page.body.findChildren(type(page.summary)))
        shot(win, str(artifacts / "criteria_fr.png"))
    finally:
        win.tasks.wait_idle(10)
        apply_language(ensure_application(), "en")


def test_columns_left_out_of_a_wide_customers_file_are_said(window):
    """A customers file with many columns offers its best filled ones; the page says how many
    others were left out and why (the sentence of criteria.left_out_text)."""
    import pandas as pd
    from test_segmentation_data import synthetic_analysis

    from segmenter_app.ui.steps.criteria import load_catalogue

    analysis = synthetic_analysis(300)
    extra = {f"Score {j}": [float(i % (j + 3)) for i in range(300)] for j in range(30)}
    analysis.customers = pd.concat(
        [analysis.customers, pd.DataFrame(extra, index=analysis.customers.index)], axis=1
    )
    views, goals, left_out = load_catalogue(analysis)
    assert left_out is not None and left_out.startswith("10 more columns of your files are not offered")
    page = window.page("criteria")
    assert not page.left_out.isVisible()  # the demo shop's columns are all offered
    page._loaded((views, goals, left_out))
    assert page.left_out.isVisible() and page.left_out.text() == left_out
    assert sum(key.startswith("Score ") for key in page.checks) == 20
