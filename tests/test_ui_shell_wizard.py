"""The whole wizard on the demo data, in both languages: files in, through every step, workbook out.

Screenshots of every step land in tests/_artifacts/wizard_<lang>_<n>_<step>.png.
"""

from __future__ import annotations

import openpyxl
import pytest
from ui_shots import shot

from segmenter_app.ui import errors, settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    settings.use_settings_file(tmp_path / "settings.ini")
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    yield
    settings.use_settings_file(None)


def _dialogs() -> list[str]:
    texts = [b.text() for b in errors.open_dialogs()]
    for box in errors.open_dialogs():
        box.done(0)
    return texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_wizard_from_demo_files_to_workbook(qtbot, tmp_path, artifacts, lang):
    from segmenter_app.ui.app import apply_language, create_window, ensure_application

    window = create_window([], demo=True, lang=lang)
    qtbot.addWidget(window)
    window.confirm_discard = lambda: True
    window.resize(1280, 800)
    try:
        # --demo imports the bundled files right after the window shows.
        qtbot.waitUntil(
            lambda: window.tasks.is_busy() or window.ctx.analysis.customers is not None, timeout=5000
        )
        assert window.tasks.wait_idle(120)
        assert _dialogs() == []
        analysis = window.ctx.analysis
        assert analysis.customers is not None and len(analysis.customers) > 200
        assert analysis.account.balanced
        expected_titles = {
            "en": ["Collect", "Choose criteria", "Group", "Act", "Measure"],
            "fr": ["Collecter", "Choisir les critères", "Regrouper", "Agir", "Mesurer"],
        }[lang]
        for index, step_id in enumerate(["collect", "criteria", "group", "act", "measure"]):
            if index:
                assert window.next_button.isEnabled(), f"step {index} did not open"
                window.next()
            assert window.current_index() == index
            assert window.tasks.wait_idle(180)
            assert _dialogs() == []
            qtbot.wait(50)
            shot(window, str(artifacts / f"wizard_{lang}_{index + 1}_{step_id}.png"))
            assert window.heading.text() == f"{index + 1}. {expected_titles[index]}" or step_id in (
                "act",
                "measure",
            )
        assert analysis.segmentation is not None
        assert window.export_action.isEnabled()
        # Going back keeps the segments and the choices.
        window.go_to(0)
        assert analysis.segmentation is not None and window.step_open(4)

        window.export_action.trigger()
        dialog = window.export_dialog
        target = tmp_path / "demo.xlsx"
        dialog.workbook_path.setText(str(target))
        dialog.start()
        assert window.tasks.wait_idle(120)
        assert _dialogs() == []
        assert target.exists() and dialog.open_folder_button.isVisible()
        shot(dialog, str(artifacts / f"wizard_{lang}_6_export.png"))
        sheets = openpyxl.load_workbook(target, read_only=True).sheetnames
        assert sheets[0] == {"en": "Summary", "fr": "Synthèse"}[lang]
        assert len(sheets) >= 3
        dialog.close()
    finally:
        window.tasks.cancel_all()
        window.tasks.wait_idle(10)
        window.close()
        apply_language(ensure_application(), "en")


def test_language_switch_keeps_the_analysis(qtbot, demo_files):
    from segmenter_app.ui.app import apply_language, create_window, ensure_application

    window = create_window([str(p) for p in demo_files], demo=False, lang="en")
    qtbot.addWidget(window)
    window.confirm_discard = lambda: True
    try:
        qtbot.waitUntil(lambda: window.ctx.analysis.customers is not None, timeout=60000)
        assert window.tasks.wait_idle(60)
        customers = window.ctx.analysis.customers
        window.next()
        assert window.current_index() == 1
        window.language_actions["fr"].trigger()
        assert settings.language() == "fr"
        assert window.ctx.analysis.customers is customers
        assert window.current_index() == 1
        assert window.file_menu.title() == "&Fichier"
        assert window.navigator.item(0).text().startswith("1. Collecter")
        assert window.next_button.text() == "&Suivant >"
        window.language_actions[None].trigger()
        assert settings.language() is None
    finally:
        window.tasks.cancel_all()
        window.tasks.wait_idle(10)
        window.close()
        apply_language(ensure_application(), "en")


def test_qt_own_dialog_texts_are_translated(qtbot):
    from PySide6.QtCore import QCoreApplication

    from segmenter_app.ui.app import apply_language, ensure_application

    app = ensure_application()
    try:
        loaded = apply_language(app, "fr")
        assert "qtbase_fr" in loaded and "segmenter_fr" in loaded
        # A standard button text from Qt's own catalogue.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        apply_language(app, "en")


def test_switching_language_during_an_import_is_safe(qtbot, demo_files):
    from segmenter_app.ui.app import apply_language, create_window, ensure_application

    window = create_window([], demo=False, lang="en")
    qtbot.addWidget(window)
    window.confirm_discard = lambda: True
    try:
        window.page("collect").add_files([str(p) for p in demo_files])
        assert window.tasks.is_busy()
        window.language_actions["fr"].trigger()
        assert window.tasks.wait_idle(30)
        assert _dialogs() == []
        assert window.page("collect").title() == "Collecter"
        window.page("collect").add_files([str(p) for p in demo_files])
        assert window.tasks.wait_idle(120)
        assert _dialogs() == []
        assert window.ctx.analysis.customers is not None
    finally:
        window.tasks.cancel_all()
        window.tasks.wait_idle(10)
        window.close()
        settings.set_language(None)
        apply_language(ensure_application(), "en")
