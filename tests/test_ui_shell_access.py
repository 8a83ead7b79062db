"""Keyboard and screen readers: every control reachable by Tab, named for assistive technology."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from segmenter_app.ui import settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls a screen reader could not name: no text, no accessible name, no label buddy."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.accessibleName():
            continue
        if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
            continue  # Qt's own parts of a table (corner button, headers) are named by the table
        if isinstance(widget, QAbstractButton):
            if not widget.text().replace("&", "").strip():
                missing.append(f"{type(widget).__name__} {widget.objectName() or widget.toolTip()!r}")
        elif isinstance(widget, QAbstractItemView | QComboBox | QLineEdit | QAbstractSpinBox):
            if id(widget) in buddies:
                continue
            parent = widget.parentWidget()
            if isinstance(parent, QComboBox | QAbstractSpinBox):  # a combo's own line edit or view
                continue
            if type(widget).__name__ in ("QComboBoxListView", "QCalendarView"):
                continue
            missing.append(f"{type(widget).__name__} in {type(parent).__name__}")
    return missing


@pytest.fixture
def window(qtbot, demo_files):
    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.main_window import MainWindow

    apply_language(ensure_application(), "en")
    win = MainWindow(lang="en")
    win.confirm_discard = lambda: True
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    win.page("collect").add_files([str(p) for p in demo_files])
    assert win.tasks.wait_idle(120)
    yield win
    win.tasks.wait_idle(10)


def test_collect_and_criteria_controls_are_named(window):
    collect = window.page("collect")
    for tab in range(collect.tabs.count()):
        collect.tabs.setCurrentIndex(tab)
        assert unnamed_controls(collect) == [], collect.tabs.tabText(tab)
    window.next()
    assert window.tasks.wait_idle(60)
    assert unnamed_controls(window.page("criteria")) == []
    window_level = [
        w for w in (window.navigator, window.back_button, window.next_button) if not w.accessibleName()
    ]
    assert window_level == []


def test_every_step_reports_unnamed_controls(window, capsys):
    """Walks every step (the other pages too) and lists what a screen reader cannot name."""
    report = {}
    for index in range(5):
        if window.step_open(index):
            window.go_to(index)
            window.tasks.wait_idle(120)
            report[window.current_page().step_id] = unnamed_controls(window.current_page())
    print(report)
    assert report["collect"] == [] and report["criteria"] == []


def test_tab_reaches_the_navigator_the_pages_and_next(window):
    from PySide6.QtWidgets import QApplication
    from shiboken6 import getCppPointer

    window.activateWindow()
    window.navigator.setFocus()
    seen = set()
    for _ in range(300):
        widget = QApplication.focusWidget()
        if widget is not None:
            seen.add(getCppPointer(widget)[0])  # Python wrappers come and go; the C++ object stays
        window.focusNextChild()
    collect = window.page("collect")
    for widget in (
        window.navigator,
        window.next_button,
        collect.open_button,
        collect.files,
        collect.tabs.tabBar(),
    ):
        assert getCppPointer(widget)[0] in seen, widget
