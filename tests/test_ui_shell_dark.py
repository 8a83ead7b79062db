"""Dark mode: the pages follow a dark palette (screenshots to look at)."""

from __future__ import annotations

import pytest
from ui_shots import shot

from segmenter_app.ui import settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    for r, color in (
        (role.Window, "#202124"),
        (role.WindowText, "#e8eaed"),
        (role.Base, "#17181a"),
        (role.AlternateBase, "#2a2b2e"),
        (role.Text, "#e8eaed"),
        (role.Button, "#2d2e31"),
        (role.ButtonText, "#e8eaed"),
        (role.Highlight, "#8ab4f8"),
        (role.HighlightedText, "#202124"),
        (role.ToolTipBase, "#2d2e31"),
        (role.ToolTipText, "#e8eaed"),
        (role.Mid, "#5f6368"),
    ):
        palette.setColor(r, QColor(color))
    return palette


def test_pages_in_dark_mode(qtbot, demo_files, artifacts):
    from PySide6.QtWidgets import QApplication

    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.main_window import MainWindow

    app = ensure_application()
    apply_language(app, "en")
    old_palette, old_style = app.palette(), app.style().name()
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    try:
        win = MainWindow(lang="en")
        win.confirm_discard = lambda: True
        qtbot.addWidget(win)
        win.resize(1200, 800)
        win.show()
        win.page("collect").add_files([str(p) for p in demo_files])
        assert win.tasks.wait_idle(120)
        page = win.page("collect")
        page.tabs.setCurrentIndex(1)
        shot(win, str(artifacts / "dark_collect_columns.png"))
        # The window's background really is dark, and the text light.
        image = win.grab().toImage()
        assert image.pixelColor(600, 790).lightness() < 80
        assert win.palette().color(win.palette().ColorRole.WindowText).lightness() > 180
        win.next()
        assert win.tasks.wait_idle(60)
        qtbot.wait(100)
        shot(win, str(artifacts / "dark_criteria.png"))
        win.next()
        assert win.tasks.wait_idle(120)
        qtbot.wait(100)
        shot(win, str(artifacts / "dark_group.png"))
    finally:
        QApplication.setPalette(old_palette)
        app.setStyle(old_style)
