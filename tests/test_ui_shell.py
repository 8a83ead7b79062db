"""The window's shell: navigator, step opening, title, menus, task runner, errors, table model."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QMessageBox
from ui_shots import shot

from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.progress import CancelToken
from segmenter_app.ui import errors, settings
from segmenter_app.ui.steps.base import CHANGE_CUSTOMERS, PlaceholderPage
from segmenter_app.ui.table_model import DataFrameModel
from segmenter_app.ui.tasks import TaskRunner

_MSG = Messages(
    {
        "bad": (
            "The file has no date column: map one.",
            "Le fichier n'a pas de colonne de date : associez-en une.",
        )
    }
)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path):
    settings.use_settings_file(tmp_path / "settings.ini")
    yield
    settings.use_settings_file(None)


@pytest.fixture
def window(qtbot):
    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.main_window import MainWindow

    apply_language(ensure_application(), "en")
    win = MainWindow(lang="en")
    win.confirm_discard = lambda: True
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.cancel_all()
    win.tasks.wait_idle(5)
    for box in errors.open_dialogs():
        box.close()


def _close_dialogs() -> list[str]:
    texts = [box.text() + "\n" + box.informativeText() for box in errors.open_dialogs()]
    for box in errors.open_dialogs():
        box.done(0)
    return texts


def test_five_steps_only_the_first_open(window, artifacts):
    nav = window.navigator
    assert nav.count() == 5
    titles = [nav.item(i).text() for i in range(5)]
    assert titles == ["1. Collect", "2. Choose criteria", "3. Group", "4. Act", "5. Measure"]
    assert window.step_open(0) and not window.step_open(1)
    assert not window.next_button.isEnabled()
    assert not window.back_button.isEnabled()
    assert window.go_to(2) is False and window.current_index() == 0
    assert not (nav.item(1).flags() & Qt.ItemFlag.ItemIsEnabled)
    assert not window.export_action.isEnabled()
    assert window.windowTitle() == "Untitled project[*] – Segmenter"
    assert not window.isWindowModified()
    shot(window, str(artifacts / "shell_start_en.png"))


def test_steps_open_when_the_previous_are_done_and_back_keeps_choices(window):
    analysis = window.ctx.analysis
    analysis.customers = pd.DataFrame(
        {"recency_days": [1.0, 20.0]}, index=pd.Index(["a", "b"], name="customer_id")
    )
    analysis.criteria = ["recency_days"]
    window.ctx.notify(CHANGE_CUSTOMERS)
    assert window.isWindowModified()
    assert window.step_open(1)
    assert window.next_button.isEnabled()
    window.next()
    assert window.current_index() == 1
    window.back()
    assert window.current_index() == 0
    assert analysis.criteria == ["recency_days"]  # going back keeps the choice


def test_missing_step_module_gives_a_placeholder(monkeypatch):
    from segmenter_app.ui import main_window

    page = main_window.make_page("measure", "segmenter_app.ui.steps.does_not_exist", "MeasurePage")
    assert isinstance(page, PlaceholderPage)
    assert "later version" in page.label.text()


def test_task_runner_result_progress_and_cancel(qtbot):
    runner = TaskRunner()
    seen: list[float] = []
    results: list[int] = []

    def work(n, *, progress, cancel):
        for i in range(n):
            progress(i / n, "counting")
            time.sleep(0.01)
        return n * 2

    runner.progressed.connect(lambda title, f, m: seen.append(f))
    runner.run(work, 20, title="Counting", on_done=results.append)
    assert runner.is_busy()
    assert runner.wait_idle(10)
    assert results == [40]
    assert seen and max(seen) < 1.0

    def slow(*, progress, cancel: CancelToken):
        for _ in range(10_000):
            cancel.check()
            time.sleep(0.01)
        return "finished"

    cancelled: list[bool] = []
    task = runner.run(slow, title="Slow", on_done=results.append, on_cancelled=lambda: cancelled.append(True))
    qtbot.wait(100)
    start = time.monotonic()
    runner.cancel_all()
    assert runner.wait_idle(5)  # the task would run 100 s: it stopped at the cancel
    assert time.monotonic() - start < 5.0
    assert cancelled == [True] and task.outcome == "cancelled"
    assert results == [40]


def test_task_with_same_key_replaces_the_older(qtbot):
    runner = TaskRunner()
    results: list[str] = []

    def job(name, delay, *, progress, cancel):
        end = time.monotonic() + delay
        while time.monotonic() < end:
            cancel.check()
            time.sleep(0.005)
        return name

    runner.run(job, "old", 0.5, key="group", on_done=results.append)
    runner.run(job, "new", 0.05, key="group", on_done=results.append)
    assert runner.wait_idle(5)
    assert results == ["new"]


def test_user_error_is_friendly_in_the_interface_language(qtbot):
    app = QCoreApplication.instance()
    runner = TaskRunner()

    def fails(*, progress, cancel):
        raise UserError(_MSG, "bad")

    app.setProperty("segmenter_lang", "fr")
    try:
        runner.run(fails, title="x")
        assert runner.wait_idle(5)
        texts = _close_dialogs()
    finally:
        app.setProperty("segmenter_lang", "en")
    assert texts == ["Le fichier n'a pas de colonne de date : associez-en une.\n"]


def test_unexpected_error_dialog_says_where_the_log_is(qtbot):
    runner = TaskRunner()

    def bug(*, progress, cancel):
        raise ZeroDivisionError("boom")

    runner.run(bug, title="x")
    assert runner.wait_idle(5)
    boxes = errors.open_dialogs()
    assert len(boxes) == 1 and boxes[0].icon() == QMessageBox.Icon.Critical
    text = _close_dialogs()[0]
    assert "Something went wrong" in text and "segmenter.log" in text
    assert "boom" not in text  # no technical detail for the user


def test_title_shows_project_name_and_unsaved_mark(window):
    window.ctx.analysis.project_path = "/tmp/ma boutique.segmenter"
    window.ctx.notify("plans")
    assert window.windowTitle() == "ma boutique[*] – Segmenter"
    assert window.isWindowModified()


def test_export_enabled_once_segments_exist(window):
    from segmenter_app.core.analysis import Segmentation

    seg = Segmentation(
        "rfm",
        {},
        pd.DataFrame(
            {"segment": ["rfm:champions"], "reason": ["x"]}, index=pd.Index(["a"], name="customer_id")
        ),
        pd.DataFrame({"key": ["rfm:champions"], "name": ["Champions"]}),
    )
    window.ctx.analysis.segmentation = seg
    window.ctx.notify("segmentation")
    assert window.export_action.isEnabled()


def test_undo_redo_share_the_window_stack(window):
    from segmenter_app.ui.steps.base import AnalysisAttributeCommand

    window.ctx.undo_stack.push(AnalysisAttributeCommand(window.ctx, "goal", "win_back", "criteria", "Goal"))
    assert window.ctx.analysis.goal == "win_back"
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert window.ctx.analysis.goal is None
    window.redo_action.trigger()
    assert window.ctx.analysis.goal == "win_back"


def test_recent_files_and_geometry_are_remembered(tmp_path, qtbot):
    project = tmp_path / "shop.segmenter"
    project.write_text("x")
    settings.add_recent_file(project)
    settings.add_recent_file(project)
    assert settings.recent_files() == [str(project.resolve())]
    from segmenter_app.ui.main_window import MainWindow

    win = MainWindow(lang="en")
    win.confirm_discard = lambda: True
    qtbot.addWidget(win)
    assert next(a.text() for a in win.recent_menu.actions()) == "&1 shop.segmenter"
    win.show()
    # The offscreen screen is small: a size just above the window's minimum, and a position.
    wanted = (win.minimumSizeHint().width() + 7, win.minimumSizeHint().height() + 5)
    win.resize(*wanted)
    win.move(31, 43)
    wanted = (win.width(), win.height())
    win.close()
    again = MainWindow(lang="en")
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == wanted


def test_table_model_lazy_sort_filter_and_locale(qtbot):
    n = 2_000
    frame = pd.DataFrame(
        {
            "monetary": [float(i) * 1000.5 for i in range(n)],
            "last_purchase": pd.to_datetime("2026-01-31") - pd.to_timedelta(range(n), unit="D"),
            "has_email": [i % 2 == 0 for i in range(n)],
        },
        index=pd.Index([f"c{i}" for i in range(n)], name="customer_id"),
    )
    model = DataFrameModel(frame, headers={"monetary": "Spend"}, chunk=500)
    model.locale = QLocale("fr_FR")
    assert model.rowCount() == 500 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 1000
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Spend"
    assert model.text(3, 0) == "3\u202f001,50" or model.text(3, 0) == "3\u00a0001,50"
    assert model.text(0, 1) == "31/01/2026"
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index_value(0) == f"c{n - 1}" and model.rowCount() == 500
    model.set_filter({"c5", "c7", "nobody"})
    assert model.total_rows() == 2 and [model.index_value(r) for r in range(2)] == ["c7", "c5"]
    model.set_filter(None)
    assert model.total_rows() == n
    assert model.row_of("c1500") >= 0


def test_run_app_opens_the_window_and_returns_when_closed(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from segmenter_app.ui import app as app_module
    from segmenter_app.ui.main_window import MainWindow

    monkeypatch.setattr(app_module, "setup_gui_logging", lambda: tmp_path / "segmenter.log")
    seen: list[str] = []

    def close_windows() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.close()

    QTimer.singleShot(300, close_windows)
    assert app_module.run_app([], demo=False, lang="fr") == 0
    assert seen == ["Projet sans titre[*] – Segmenter"]
    app_module.apply_language(QApplication.instance(), "en")


def test_a_task_that_ignores_cancel_is_detached_within_a_second(qtbot):
    runner = TaskRunner()
    results: list[str] = []
    cancelled: list[bool] = []

    def stubborn(*, progress, cancel):
        time.sleep(2.5)  # one long C call that never checks the token
        return "late"

    task = runner.run(
        stubborn, title="Stubborn", on_done=results.append, on_cancelled=lambda: cancelled.append(True)
    )
    qtbot.wait(50)
    start = time.monotonic()
    task.cancel()
    assert runner.wait_idle(5)
    # Control came back before the 2.5 s call ended (the runner lets go after 0.9 s); a tighter
    # bound failed now and then on a busy machine.
    assert time.monotonic() - start < 2.2
    assert task.outcome == "cancelled" and cancelled == [True]
    qtbot.wait(2600)  # the worker returns later: its result is dropped
    assert results == [] and task.outcome == "cancelled"


def test_export_button_follows_the_segments(window):
    assert not window.export_button.isEnabled()
    assert window.export_button.text() == "Expor&t…"


def test_language_follows_the_system_unless_chosen(monkeypatch):
    from segmenter_app.ui.app import choose_language, locale_for

    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_BE.UTF-8")
    assert choose_language(None) == "fr"
    settings.set_language("en")
    assert choose_language(None) == "en"  # the preference wins over the system
    assert choose_language("fr") == "fr"  # and --lang over both
    settings.set_language(None)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert choose_language(None) == "en"
    assert locale_for("fr").language() == QLocale.Language.French
    assert locale_for("fr").toString(1234.5, "f", 1) in ("1\u202f234,5", "1\u00a0234,5")


def test_progress_bar_only_for_work_that_lasts(qtbot):
    from segmenter_app.ui.tasks import TaskProgress

    runner = TaskRunner()
    bar = TaskProgress(runner)
    qtbot.addWidget(bar)
    bar.show()
    bar.setVisible(False)

    def quick(*, progress, cancel):
        return 1

    def slow(*, progress, cancel):
        for i in range(60):
            cancel.check()
            progress(i / 60, "step")
            time.sleep(0.01)

    runner.run(quick, title="Quick")
    assert runner.wait_idle(5)
    qtbot.wait(300)
    assert not bar.isVisible()
    runner.run(slow, title="Slow")
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    assert bar.label.text().startswith("Slow")
    assert runner.wait_idle(5)
    assert not bar.isVisible()
