"""Projects from the window: save, the title and its unsaved mark, recent files, open again."""

from __future__ import annotations

import pytest

from segmenter_app.ui import errors, settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)


def _window(qtbot):
    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.main_window import MainWindow

    apply_language(ensure_application(), "en")
    win = MainWindow(lang="en")
    win.confirm_discard = lambda: True
    qtbot.addWidget(win)
    win.show()
    return win


def _no_dialogs() -> list[str]:
    texts = [b.text() for b in errors.open_dialogs()]
    for box in errors.open_dialogs():
        box.done(0)
    return texts


def test_save_and_open_a_project(qtbot, tmp_path, demo_files):
    win = _window(qtbot)
    win.page("collect").add_files([str(p) for p in demo_files])
    assert win.tasks.wait_idle(120)
    win.next()
    assert win.tasks.wait_idle(60)
    win.ctx.analysis.criteria = ["monetary"]
    win.next()  # Group computes the segments
    assert win.tasks.wait_idle(120)
    assert _no_dialogs() == []
    assert win.ctx.analysis.segmentation is not None
    assert win.isWindowModified()

    path = tmp_path / "cave.segmenter"
    win.save_to(str(path))
    assert win.tasks.wait_idle(60)
    assert _no_dialogs() == []
    assert path.exists()
    assert not win.isWindowModified()
    assert win.windowTitle() == "cave[*] – Segmenter"
    assert settings.recent_files() == [str(path.resolve())]

    other = _window(qtbot)
    assert other.recent_menu.actions()[0].text() == "&1 cave.segmenter"
    other.import_files([str(path)])  # a project given like a data file is opened as a project
    assert other.tasks.wait_idle(60)
    assert _no_dialogs() == []
    loaded = other.ctx.analysis
    assert len(loaded.customers) == len(win.ctx.analysis.customers)
    assert loaded.criteria == ["monetary"]
    assert loaded.segmentation is not None
    assert loaded.segmentation.counts().sum() == len(loaded.customers)
    assert other.windowTitle() == "cave[*] – Segmenter" and not other.isWindowModified()
    assert other.step_open(3) and other.export_action.isEnabled()
    assert other.current_index() == 0
    assert other.page("collect").files.count() == len(demo_files)


def test_opening_something_that_is_not_a_project_is_explained(qtbot, tmp_path):
    win = _window(qtbot)
    bogus = tmp_path / "notes.segmenter"
    bogus.write_text("hello")
    win.open_project(str(bogus))
    assert win.tasks.wait_idle(30)
    texts = _no_dialogs()
    assert len(texts) == 1 and "not a Segmenter project" in texts[0]
    assert win.ctx.analysis.customers is None


def test_a_project_made_in_french_opens_with_english_segment_names(qtbot, tmp_path):
    """The names the app gave are said in the interface's language; a name the user gave stays."""
    from ui_analysis import demo_analysis

    from segmenter_app.core import project, segmentation
    from segmenter_app.core.segmentation import edits

    analysis = demo_analysis("fr")
    segmentation.segment(analysis, "rfm")
    assert analysis.segmentation.name_of("rfm:loyal") == "Fidèles"
    edits.rename(analysis, "rfm:champions", "Nos VIP")
    path = tmp_path / "boutique.segmenter"
    project.save_project(analysis, path)
    win = _window(qtbot)
    win.import_files([str(path)])
    assert win.tasks.wait_idle(60)
    assert _no_dialogs() == []
    seg = win.ctx.analysis.segmentation
    assert seg.name_of("rfm:loyal") == "Loyal" and seg.name_of("rfm:champions") == "Nos VIP"
    win.rebuild_for_language("fr")  # and back, as the Preferences menu does
    assert win.ctx.analysis.segmentation.name_of("rfm:loyal") == "Fidèles"
    win.rebuild_for_language("en")
