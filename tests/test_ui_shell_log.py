"""The log: in the user's log folder, technical events only, never customer data."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from segmenter_app.ui import errors, settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)


def test_log_has_no_customer_data(qtbot, demo_files, caplog, tmp_path):
    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.main_window import MainWindow

    caplog.set_level(logging.DEBUG, logger="segmenter_app")
    apply_language(ensure_application(), "en")
    win = MainWindow(lang="en")
    win.confirm_discard = lambda: True
    qtbot.addWidget(win)
    win.show()
    win.page("collect").add_files([str(p) for p in demo_files])
    assert win.tasks.wait_idle(120)
    win.next()
    win.next()
    assert win.tasks.wait_idle(120)
    # An internal error whose message quotes a customer's e-mail: logged without the message.
    email = str(win.ctx.analysis.customers["email"].dropna().iloc[0])

    def bug(*, progress, cancel):
        raise ValueError(f"could not parse {email}")

    win.tasks.run(bug, title="x")
    assert win.tasks.wait_idle(10)
    for box in errors.open_dialogs():
        box.done(0)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "unexpected error: ValueError" in text
    assert "task" in text  # the runner logs its tasks
    raw = pd.read_csv(demo_files[0], sep=None, engine="python", dtype=str)
    emails = raw.filter(like="mail").stack().dropna().astype(str).unique()
    names = raw.filter(like="Nom").stack().dropna().astype(str).unique()
    leaked = [v for v in [*emails, *names] if len(v) > 3 and v in text]
    assert leaked == []
    assert email not in text


def test_log_file_is_in_the_user_log_folder():
    from platformdirs import user_log_dir

    from segmenter_app.ui.logging_setup import log_path

    assert str(log_path()).startswith(user_log_dir("Segmenter", appauthor=False))
