"""``segmenter --self-test``: checks that an installation or a bundle has everything it needs.

It runs without a screen (``QT_QPA_PLATFORM=offscreen`` unless the caller set a platform) and
exercises every part a user relies on, in the order a user does: the modules the app imports only
when first needed (a bundle that lacks one opens fine and breaks later, which is why they are
imported here), the XML-bomb protection of openpyxl, the translations, one small file of each
input format shipped in ``resources/selftest/``, a segmentation, a workbook written and read back,
the main window built and grabbed. It also checks that nothing was written beside the executable
and that logs and settings go to the platform's folders.

Each check is a function, in a module of this package by kind (``imports``, ``xml_safety``,
``translations``, ``data``, ``window``, ``places``); this module lists them in order and runs
them. The first failure does not stop the others (those that need its result are reported as
skipped), so one run names everything that is broken. The JSON report lists every check with its
outcome, time and details; the exit code is 0 when all passed, 1 otherwise, with the failing
checks named on standard error.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from segmenter_app.selftest.context import (
    CheckFailed,
    CheckResult,
    Context,
    Skipped,
    app_root,
    short_error,
    snapshot,
)
from segmenter_app.selftest.data import (
    FORMATS,
    check_clusters,
    check_read,
    check_segmentation,
    check_workbook,
    selftest_files_dir,
)
from segmenter_app.selftest.imports import APP_MODULES, LAZY_MODULES, SKIP_SUFFIXES, check_imports
from segmenter_app.selftest.places import check_places
from segmenter_app.selftest.translations import check_translations
from segmenter_app.selftest.window import check_window
from segmenter_app.selftest.xml_safety import check_defusedxml

__all__ = [
    "APP_MODULES",
    "CHECKS",
    "FORMATS",
    "LAZY_MODULES",
    "SKIP_SUFFIXES",
    "CheckFailed",
    "CheckResult",
    "Context",
    "app_root",
    "build_report",
    "check_clusters",
    "check_defusedxml",
    "check_imports",
    "check_places",
    "check_read",
    "check_segmentation",
    "check_translations",
    "check_window",
    "check_workbook",
    "default_report_path",
    "run_checks",
    "run_self_test",
    "selftest_files_dir",
    "short_error",
    "snapshot",
]

CHECKS: tuple[tuple[str, Callable[[Context], dict[str, Any]]], ...] = (
    ("imports", check_imports),
    ("defusedxml", check_defusedxml),
    ("translations", check_translations),
    *((f"read_{fmt}", lambda ctx, fmt=fmt: check_read(ctx, fmt)) for fmt in FORMATS),
    ("segmentation", check_segmentation),
    ("clusters", check_clusters),
    ("workbook", check_workbook),
    ("window", check_window),
    ("places", check_places),
)


# --- running ----------------------------------------------------------------------------------


def default_report_path() -> Path:
    """Where the report goes when no path is given: the user's log folder, never the app's."""
    from segmenter_app.logs import log_dir

    return log_dir() / "selftest-report.json"


def _say(text: str, *, error: bool = False) -> None:
    # A windowed executable has no console: sys.stdout and sys.stderr may be None.
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        with contextlib.suppress(OSError, ValueError):
            print(text, file=stream, flush=True)


def run_checks(only: list[str] | None = None) -> list[CheckResult]:
    """Run the checks (all, or those named in ``only``) and return their results in order."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: list[CheckResult] = []
    with tempfile.TemporaryDirectory(prefix="segmenter-selftest-") as scratch:
        ctx = Context(Path(scratch))
        for name, func in CHECKS:
            if only and name not in only:
                continue
            result = CheckResult(name)
            start = time.perf_counter()
            try:
                result.details = func(ctx) or {}
            except Skipped as exc:
                result.status, result.error = "skipped", str(exc)
            except CheckFailed as exc:
                result.status, result.error = "failed", str(exc)
            except Exception as exc:
                result.status = "failed"
                result.error = short_error(exc)
                result.details["traceback"] = traceback.format_exc(limit=8)
            result.seconds = round(time.perf_counter() - start, 3)
            ctx.results[name] = result
            results.append(result)
            mark = {"ok": "ok  ", "failed": "FAIL", "skipped": "skip"}[result.status]
            _say(f"{mark} {name:<13} {result.seconds:6.2f} s  {result.error or ''}".rstrip())
    return results


def build_report(results: list[CheckResult], seconds: float) -> dict[str, Any]:
    """The JSON report: environment, every check, and the overall verdict."""
    from segmenter_app import __version__

    failed = [r.name for r in results if r.status != "ok"]
    return {
        "ok": not failed,
        "failed": failed,
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "qt_platform": os.environ.get("QT_QPA_PLATFORM"),
        "seconds": round(seconds, 2),
        "checks": [asdict(r) for r in results],
    }


def run_self_test(report_path: str | None) -> int:
    """Run every check, write the JSON report, return 0 when all passed and 1 otherwise.

    ``report_path`` defaults to ``selftest-report.json`` in the user's log folder. The failing
    checks are named on standard error, each with what went wrong.
    """
    start = time.perf_counter()
    results = run_checks()
    report = build_report(results, time.perf_counter() - start)
    target = Path(report_path) if report_path else default_report_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        _say(f"report: {target}")
    except OSError as exc:
        _say(f"could not write the report {target}: {exc}", error=True)
        report["failed"].append("report")
    if report["failed"]:
        for r in results:
            if r.status == "failed":
                _say(f"self-test failed: {r.name}: {r.error}", error=True)
            elif r.status == "skipped":
                _say(f"self-test skipped: {r.name} ({r.error})", error=True)
        return 1
    _say(f"self-test passed: {len(results)} checks in {report['seconds']} s")
    return 0
