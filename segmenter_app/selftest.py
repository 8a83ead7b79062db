"""``segmenter --self-test``: checks that an installation or a bundle has everything it needs.

It runs without a screen (``QT_QPA_PLATFORM=offscreen`` unless the caller set a platform) and
exercises every part a user relies on, in the order a user does: the modules the app imports only
when first needed (a bundle that lacks one opens fine and breaks later, which is why they are
imported here), the XML-bomb protection of openpyxl, the translations, one small file of each
input format shipped in ``resources/selftest/``, a segmentation, a workbook written and read back,
the main window built and grabbed. It also checks that nothing was written beside the executable
and that logs and settings go to the platform's folders.

Each check is a function; the first failure does not stop the others (those that need its
result are reported as skipped), so one run names everything that is broken. The JSON report
lists every check with its outcome, time and details; the exit code is 0 when all passed, 1
otherwise, with the failing checks named on standard error.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pkgutil
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

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
    "scipy.optimize",
    "scipy.special",
    "scipy.stats",
    "sklearn.cluster",
    "sklearn.metrics",
    "sklearn.preprocessing",
    "sklearn.utils._openmp_helpers",
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
FORMATS = ("csv", "xlsx", "xls", "ods")


@dataclass
class CheckResult:
    """The outcome of one check: ``status`` is "ok", "failed" or "skipped"."""

    name: str
    status: str = "ok"
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class CheckFailed(Exception):
    """A check found something wrong (the message says what, for the report)."""


class Context:
    """What the checks share: the scratch folder, results of earlier checks, the baseline."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.analyses: dict[str, Any] = {}  # format -> Analysis imported from that file
        self.expected: dict[str, Any] = {}
        self.results: dict[str, CheckResult] = {}
        self.app_root = app_root()
        # Only a bundle is watched: in a source checkout the others' edits would show as writes.
        self.frozen = bool(getattr(sys, "frozen", False))
        self.snapshot = snapshot(self.app_root) if self.frozen else {}

    def need(self, *names: str) -> None:
        """Skip the current check unless the checks it builds on passed."""
        missing = [n for n in names if self.results.get(n) is None or self.results[n].status != "ok"]
        if missing:
            raise _Skipped(f"needs {', '.join(missing)}")


class _Skipped(Exception):
    pass


# --- where the app lives, and what is beside it -------------------------------------------------


def app_root() -> Path:
    """The folder the app runs from: the bundle's folder when frozen, else the package's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``root`` (bytecode caches left out)."""
    files: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            path = Path(dirpath, name)
            with contextlib.suppress(OSError):
                st = path.stat()
                files[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return files


def selftest_files_dir() -> Path:
    """``resources/selftest``: the four small files and what an import must find in them."""
    from segmenter_app.resources import resources_dir

    return resources_dir() / "selftest"


def short_error(exc: BaseException | None) -> str:
    """One line for an exception: its type, its first line and, when longer, its last line.

    numpy's import error, for one, spans twenty lines and names the real cause on the last.
    """
    if exc is None:
        return "unknown error"
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    text = lines[0] if len(lines) == 1 else f"{lines[0]} ... {lines[-1]}"
    cause = exc.__cause__ or exc.__context__
    if len(lines) == 1 and cause is not None and str(cause).strip():
        text += f" (caused by {type(cause).__name__}: {str(cause).strip().splitlines()[-1]})"
    return f"{type(exc).__name__}: {text}"[:400]


# --- the checks -------------------------------------------------------------------------------


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


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
)


def check_defusedxml(ctx: Context) -> dict[str, Any]:
    """openpyxl must parse through defusedxml, so a workbook with an XML bomb is refused."""
    import defusedxml
    import openpyxl.xml
    import openpyxl.xml.functions as xml_functions

    if not openpyxl.xml.DEFUSEDXML:
        raise CheckFailed(
            "openpyxl does not use defusedxml (is defusedxml installed? is OPENPYXL_DEFUSEDXML set to False?)"
        )
    for name in ("fromstring", "iterparse"):
        module = getattr(getattr(xml_functions, name), "__module__", "")
        if not module.startswith("defusedxml"):
            raise CheckFailed(f"openpyxl's {name} comes from {module}, not defusedxml")
    try:
        xml_functions.fromstring(BOMB)
    except defusedxml.DefusedXmlException as exc:
        return {"bomb_refused_with": type(exc).__name__, "defusedxml": defusedxml.__version__}
    raise CheckFailed("openpyxl parsed an XML document with entity declarations (an XML bomb)")


def check_translations(ctx: Context) -> dict[str, Any]:
    """Every core text exists in English and French, and the Qt translation files load."""
    from segmenter_app.core import i18n

    groups = i18n.all_messages()
    keys = 0
    problems: list[str] = []
    for group in groups:
        for key, (en, fr) in group.texts.items():
            keys += 1
            if not en.strip() or not fr.strip():
                problems.append(f"{key}: empty text")
            elif i18n.placeholders(en) != i18n.placeholders(fr):
                problems.append(f"{key}: placeholders differ")
    if not groups:
        problems.append("no core messages were registered (the app's modules did not load)")
    from segmenter_app.resources import translations_dir

    folder = translations_dir()
    if not folder.is_dir():
        raise CheckFailed(f"the translations folder is missing: {folder}")
    # The window's own loader, as at start-up: Qt's strings and the app's, for each language.
    from segmenter_app.ui.app import apply_language, ensure_application

    app = ensure_application()
    loaded: dict[str, list[str]] = {}
    for lang in ("fr", "en"):
        loaded[lang] = apply_language(app, lang)
        wanted = [f"segmenter_{lang}"] + (["qtbase_fr"] if lang == "fr" else [])
        missing = [name for name in wanted if name not in loaded[lang]]
        if missing:
            problems.append(f"{', '.join(missing)} did not load (looked in {folder})")
    if problems:
        raise CheckFailed("; ".join(problems[:10]))
    return {"core_message_groups": len(groups), "core_keys": keys, "qt_translations": loaded}


def _check_read(ctx: Context, fmt: str) -> dict[str, Any]:
    """Import one of the shipped files and compare the row account with ``expected.json``."""
    from segmenter_app.core import collect
    from segmenter_app.core.analysis import Analysis

    folder = selftest_files_dir()
    if not ctx.expected:
        ctx.expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    path = folder / f"orders.{fmt}"
    if not path.is_file():
        raise CheckFailed(f"the self-test file is missing: {path}")
    analysis = Analysis(lang="en")
    collect.import_files(analysis, [str(path)])
    want = ctx.expected["rows"]
    account = analysis.account
    if account.read != want or account.kept != want or not account.balanced:
        raise CheckFailed(
            f"{path.name}: read {account.read}, kept {account.kept}, excluded {account.excluded}; expected {want} rows kept"
        )
    detected = analysis.inputs[0].format if analysis.inputs else None
    if detected != fmt:
        raise CheckFailed(f"{path.name} was detected as {detected!r}, not {fmt!r}")
    tx = analysis.transactions
    customers = int(tx["customer_id"].nunique())
    revenue = round(float(tx["amount"].sum()), 2)
    if customers != ctx.expected["customers"] or abs(revenue - ctx.expected["revenue"]) > 0.01:
        raise CheckFailed(
            f"{path.name}: {customers} customers and {revenue} revenue; expected {ctx.expected['customers']} and {ctx.expected['revenue']}"
        )
    ctx.analyses[fmt] = analysis
    return {"rows": account.read, "customers": customers, "revenue": revenue}


def check_segmentation(ctx: Context) -> dict[str, Any]:
    """Customer table and RFM segments on the CSV import; every customer in exactly one segment."""
    ctx.need("read_csv")
    from segmenter_app.core import customers, segmentation

    analysis = ctx.analyses["csv"]
    customers.build_customer_table(analysis)
    n = len(analysis.customers)
    if n != ctx.expected["customers"]:
        raise CheckFailed(f"the customer table has {n} customers, expected {ctx.expected['customers']}")
    result = segmentation.segment(analysis, "rfm")
    counts = result.counts()
    if int(counts.sum()) != n or result.assignments.index.nunique() != n:
        raise CheckFailed(f"segments hold {int(counts.sum())} customers, expected {n}")
    return {"customers": n, "segments": {str(k): int(v) for k, v in counts.items() if v}}


def check_clusters(ctx: Context) -> dict[str, Any]:
    """k-means clusters on the same customers: scikit-learn and its compiled parts work."""
    ctx.need("segmentation")
    from segmenter_app.core import segmentation

    analysis = ctx.analyses["csv"]
    rfm = analysis.segmentation
    try:
        result = segmentation.segment(analysis, "clusters", {"k": 3})
        counts = result.counts()
        if int(counts.sum()) != len(analysis.customers):
            raise CheckFailed(
                f"clusters hold {int(counts.sum())} customers, expected {len(analysis.customers)}"
            )
        return {"clusters": {str(k): int(v) for k, v in counts.items() if v}}
    finally:
        analysis.segmentation = rfm  # the workbook check exports the RFM segments


def check_workbook(ctx: Context) -> dict[str, Any]:
    """Plans, control group, the segmented workbook written, then read back with openpyxl."""
    ctx.need("segmentation")
    import openpyxl

    from segmenter_app.core import actions, export

    analysis = ctx.analyses["csv"]
    actions.suggest_plans(analysis)
    actions.draw_control(analysis)
    path = ctx.scratch / "selftest-segments.xlsx"
    stats = export.write_workbook(analysis, str(path))
    if not path.is_file() or path.stat().st_size == 0:
        raise CheckFailed(f"write_workbook did not write {path}")
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        sheets = {ws.title: ws.max_row for ws in workbook.worksheets}
    finally:
        workbook.close()
    segments = int((analysis.segmentation.counts() > 0).sum())
    if len(sheets) < segments + 1:
        raise CheckFailed(f"the workbook has {len(sheets)} sheets for {segments} segments and a summary")
    expected_sheets = stats.get("sheets") if isinstance(stats, dict) else None
    if isinstance(expected_sheets, list | tuple) and list(sheets) != list(expected_sheets):
        raise CheckFailed(f"sheets read back {list(sheets)} differ from those written {expected_sheets}")
    return {"sheets": sheets, "bytes": path.stat().st_size}


def check_window(ctx: Context) -> dict[str, Any]:
    """Build the main window offscreen, show it, grab it to a PNG, close it."""
    from PySide6.QtWidgets import QApplication

    from segmenter_app.ui import main_window

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "segmenter"])
    window = main_window.MainWindow()
    try:
        window.resize(1100, 720)
        window.show()
        for _ in range(5):
            app.processEvents()
        pixmap = window.grab()
        if pixmap.isNull() or pixmap.width() < 100:
            raise CheckFailed("the main window grabbed as an empty image")
        image = pixmap.toImage()
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), max(1, image.width() // 40))
            for y in range(0, image.height(), max(1, image.height() // 40))
        }
        if len(colours) < 3:
            raise CheckFailed("the main window grabbed as a blank image (nothing was drawn)")
        shot = ctx.scratch / "selftest-window.png"
        pixmap.save(str(shot), "PNG")
        platform_name = QApplication.platformName()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return {"size": [pixmap.width(), pixmap.height()], "qt_platform": platform_name}


def check_places(ctx: Context) -> dict[str, Any]:
    """Logs and settings in the user's folders, and nothing written beside the executable."""
    from segmenter_app.logs import log_dir

    root = ctx.app_root
    logs = log_dir()
    details: dict[str, Any] = {"app_root": str(root), "log_dir": str(logs)}
    problems: list[str] = []
    if _inside(logs, root):
        problems.append(f"the log folder {logs} is inside the application folder")
    try:
        from PySide6.QtCore import QSettings

        from segmenter_app.ui.settings import settings as app_settings

        store = app_settings()
        details["settings"] = store.fileName()
        details["settings_format"] = "native" if store.format() == QSettings.Format.NativeFormat else "ini"
        if store.fileName() and _inside(Path(store.fileName()), root):
            problems.append(f"settings are stored inside the application folder: {store.fileName()}")
    except ImportError as exc:
        problems.append(f"the settings store is unavailable: {short_error(exc)}")
    if ctx.frozen:
        after = snapshot(root)
        changed = sorted(k for k in after if ctx.snapshot.get(k) != after[k])
        if changed:
            problems.append("written beside the executable: " + ", ".join(changed[:10]))
        details["files_checked"] = len(after)
    if problems:
        raise CheckFailed("; ".join(problems))
    return details


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


CHECKS: tuple[tuple[str, Callable[[Context], dict[str, Any]]], ...] = (
    ("imports", check_imports),
    ("defusedxml", check_defusedxml),
    ("translations", check_translations),
    *((f"read_{fmt}", lambda ctx, fmt=fmt: _check_read(ctx, fmt)) for fmt in FORMATS),
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
            except _Skipped as exc:
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
