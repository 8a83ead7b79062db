"""Starting the window: QApplication, language and translators, high-DPI, logging, the demo data.

Start-up stays fast: nothing here imports the Group step's numeric modules (clusters, predictive
models); they load when that step first needs them, after the window shows.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from segmenter_app.core.i18n import normalize_lang, system_language
from segmenter_app.resources import demo_files, icon_path, translations_dir
from segmenter_app.ui import settings
from segmenter_app.ui.errors import install_excepthook
from segmenter_app.ui.logging_setup import setup_gui_logging
from segmenter_app.ui.main_window import MainWindow

_LOG = logging.getLogger("segmenter_app.ui")
_translators: list[QTranslator] = []
# The locale used for numbers and dates when the system's language is not the interface's.
_DEFAULT_LOCALES = {"en": "en_GB", "fr": "fr_FR"}


def qt_translations_dir() -> Path:
    """Where Qt's own translations (qtbase_fr.qm...) are: PySide6's translations folder."""
    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (path / "qtbase_fr.qm").exists():
        import PySide6

        candidate = Path(PySide6.__file__).parent / "Qt" / "translations"
        if candidate.is_dir():
            return candidate
    return path


def choose_language(lang: str | None) -> str:
    """The interface language: the command line's, else the preference, else the system's."""
    return normalize_lang(lang or settings.language() or system_language())


def locale_for(lang: str) -> QLocale:
    """The system locale when it speaks ``lang`` (fr_BE, en_US...), else a default for ``lang``."""
    system = QLocale.system()
    if normalize_lang(system.name()) == lang and system.name().lower().startswith(lang):
        return system
    return QLocale(_DEFAULT_LOCALES[lang])


def apply_language(app: QCoreApplication, lang: str) -> list[str]:
    """Install Qt's and Segmenter's translators for ``lang`` and set the default locale.

    Returns the names of the ``.qm`` files loaded (for the log and the tests).
    """
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    loaded: list[str] = []
    for folder, name in (
        (qt_translations_dir(), f"qtbase_{lang}"),
        (translations_dir(), f"segmenter_{lang}"),
    ):
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded.append(name)
        elif lang != "en" or name.startswith("segmenter"):
            _LOG.warning("translation %s not found in %s", name, folder)
    QLocale.setDefault(locale_for(lang))
    app.setProperty("segmenter_lang", lang)
    return loaded


def ensure_application() -> QApplication:
    """The QApplication, created with high-DPI settings if it does not exist yet."""
    app = QApplication.instance()
    if app is None:
        # Fractional scale factors (125 %, 150 %) stay sharp instead of being rounded.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationDisplayName("Segmenter")
    app.setWindowIcon(QIcon(str(icon_path())))
    return app  # type: ignore[return-value]


def create_window(files: list[str], demo: bool, lang: str | None) -> MainWindow:
    """Create and show the main window in the chosen language; import the files or the demo data.

    The import starts right after the window shows (on the event loop), in the background.
    """
    app = ensure_application()
    chosen = choose_language(lang)
    loaded = apply_language(app, chosen)
    _LOG.info("interface language %s (translations: %s)", chosen, ", ".join(loaded) or "none")
    window = MainWindow(lang=chosen)

    def change_language(code: str | None) -> None:
        settings.set_language(code)
        new = choose_language(code)
        apply_language(app, new)
        window.rebuild_for_language(new)

    window.languageChangeRequested.connect(change_language)
    window.show()
    paths = [str(p) for p in demo_files()] if demo else list(files)
    if demo and files:
        paths += list(files)
    if paths:
        QTimer.singleShot(0, lambda: window.import_files(paths))
    return window


def run_app(files: list[str], demo: bool, lang: str | None) -> int:
    """Open Segmenter's window and run until it closes; return the exit code."""
    started = time.perf_counter()
    log_file = setup_gui_logging()
    install_excepthook()
    app = ensure_application()
    window = create_window(files, demo, lang)
    _LOG.info("window shown in %.2f s (log: %s)", time.perf_counter() - started, log_file.name)
    probe = os.environ.get("SEGMENTER_STARTUP_PROBE")
    if probe:
        # bench/bench_startup.py measures launch-to-window: once the event loop has run (the window
        # is painted), note the wall-clock time in the probe file and quit.
        QTimer.singleShot(
            0, lambda: (Path(probe).write_text(repr(time.time()), encoding="utf-8"), app.quit())
        )
    code = app.exec()
    del window
    return int(code)
