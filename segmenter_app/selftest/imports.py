"""The ``imports`` check: the modules the app loads lazily, and every module of the app itself."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from typing import Any

from segmenter_app.selftest.context import CheckFailed, Context, short_error

# Modules the app imports lazily (inside functions), or that their packages import lazily, so
# that a bundle missing them would start and fail only later, in front of the user.
LAZY_MODULES: tuple[str, ...] = (
    "pandas",
    "numpy",
    "pyarrow",
    "pyarrow.csv",
    "pyarrow.compute",
    "fastexcel",
    "python_calamine",
    "openpyxl",
    "defusedxml",
    "defusedxml.ElementTree",
    "xlsxwriter",
    "threadpoolctl",
    "platformdirs",
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
    "PySide6.QtOpenGL",  # pyqtgraph imports it by name (importlib) at import time
    "PySide6.QtOpenGLWidgets",  # pyqtgraph imports it at import time too
    "pyqtgraph",
    "encodings.cp1252",
    "encodings.latin_1",
    "encodings.utf_16",
    "encodings.mac_roman",
)
# The app's own modules that the contracts name (they must be there, not only importable if found).
APP_MODULES: tuple[str, ...] = (
    "segmenter_app.cli",
    "segmenter_app.core.collect",
    "segmenter_app.core.customers",
    "segmenter_app.core.segmentation",
    "segmenter_app.core.actions",
    "segmenter_app.core.export",
    "segmenter_app.core.pipeline",
    "segmenter_app.core.report",
    "segmenter_app.core.summary",
    "segmenter_app.ui.app",
    "segmenter_app.ui.main_window",
)
# Never imported by the walk: running them has side effects (``__main__`` exits the process).
SKIP_SUFFIXES = ("__main__",)


def check_imports(ctx: Context) -> dict[str, Any]:
    """Import the lazily loaded third-party modules and every module of the app."""
    times: dict[str, float] = {}
    failures: dict[str, str] = {}

    def try_import(name: str) -> None:
        start = time.perf_counter()
        try:
            importlib.import_module(name)
        except Exception as exc:
            failures[name] = short_error(exc)
        times[name] = round(time.perf_counter() - start, 3)

    for name in LAZY_MODULES + APP_MODULES:
        try_import(name)
    import segmenter_app

    def walk_error(name: str) -> None:
        failures[name] = short_error(sys.exc_info()[1])

    walked = [
        m.name
        for m in pkgutil.walk_packages(segmenter_app.__path__, "segmenter_app.", onerror=walk_error)
        if not m.name.endswith(SKIP_SUFFIXES)
    ]
    for name in walked:
        if name not in times:
            try_import(name)
    if failures:
        by_cause: dict[str, list[str]] = {}
        for name, cause in failures.items():
            by_cause.setdefault(cause, []).append(name)
        raise CheckFailed(
            "cannot import " + "; ".join(f"{', '.join(names)} ({cause})" for cause, names in by_cause.items())
        )
    slowest = sorted(times.items(), key=lambda kv: -kv[1])[:5]
    return {"modules": len(times), "app_modules": len(walked), "slowest_s": dict(slowest)}
