"""What goes into the bundle and what stays out: the lists and filters ``segmenter.spec`` applies.

Kept apart from the spec so that tests can check them without PyInstaller. Four layers:

1. :data:`EXCLUDES`: Python modules never analysed (Tk, matplotlib, other Qt bindings, PySide6
   modules and pyarrow parts the app does not use, test and development tools).
2. :func:`keep_binary` and :func:`keep_data`: files PyInstaller's hooks collect wholesale although
   the app never loads them (pyarrow's Flight and S3 libraries and duplicate copies, Qt plugins
   for embedded devices, image formats the app never reads, headers, other languages).
3. :func:`prune_orphans` (Linux): after (2), system libraries that only the dropped files needed
   (GTK for the GTK theme plugin...) are dropped too, following the ELF ``NEEDED`` entries from
   the binaries that stay.
4. :func:`link_duplicates` (Linux, after the build): identical copies of a file (SciPy's wheel
   repeats numpy's libgfortran and libquadmath) become links to one copy.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# Python packages and modules never bundled.
EXCLUDES: tuple[str, ...] = (
    # GUI toolkits and plotting libraries the app does not use
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "matplotlib",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "qtpy",
    # PySide6 modules outside what the app needs (QtCore, QtGui, QtWidgets, QtSvg)
    "PySide6.QtQml",
    "PySide6.QtQmlFeatures",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtSql",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtSvgWidgets",
    # pyqtgraph parts the app does not use (3D, notebooks, examples, flowcharts, consoles)
    "pyqtgraph.opengl",
    "pyqtgraph.jupyter",
    "pyqtgraph.examples",
    "pyqtgraph.flowchart",
    "pyqtgraph.canvas",
    "pyqtgraph.console",
    # pyarrow parts: RPC, GPU, cloud file systems, its own tests
    "pyarrow.flight",
    "pyarrow._flight",
    "pyarrow.cuda",
    "pyarrow._cuda",
    "pyarrow._azurefs",
    "pyarrow._gcsfs",
    "pyarrow._s3fs",
    "pyarrow._hdfs",
    "pyarrow.tests",
    # Substrait query plans, ORC and Feather files: pyarrow.dataset imports the first only when
    # present (try/except ImportError); the app reads CSV and workbooks and writes Parquet.
    "pyarrow.substrait",
    "pyarrow._substrait",
    "pyarrow.orc",
    "pyarrow._orc",
    "pyarrow.feather",
    "pyarrow._feather",
    # development and test tools that optional imports would otherwise pull in
    "IPython",
    "jupyter_client",
    "ipykernel",
    "notebook",
    "pytest",
    "_pytest",
    "hypothesis",
    "pytestqt",
    "importlinter",
    "grimp",
    "setuptools",
    "pip",
    "sphinx",
    "docutils",
    "pandas.tests",
    "numpy.tests",
    "sqlite3",
    "lib2to3",
    # Terminal niceties some libraries use when present (try/except): rich, which
    # brings pygments and markdown-it; help() topics; the interactive line editor.
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    "pydoc_data",
    "readline",
)

# Qt modules whose Python binding the app imports (pyqtgraph imports QtOpenGL and QtOpenGLWidgets
# when it loads, whether or not a chart uses OpenGL); every other PySide6 module is excluded.
QT_MODULES_USED: tuple[str, ...] = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtOpenGL", "QtOpenGLWidgets")

# Shared libraries dropped by name: pieces that the hooks collect as files.
DROP_BINARY_PATTERNS: tuple[str, ...] = (
    "libarrow_flight",
    "libarrow_python_flight",
    "libarrow_s3",
    "_pyarrow_cpp_tests",
    "_multiarray_tests",  # numpy's C test helpers
    "Qt6Qml",
    "Qt6Quick",
    "Qt6Network",
    "Qt6Pdf",
    "Qt6VirtualKeyboard",
)
# Qt plugin folders the app never needs (QML, SQL, networking, embedded-device input and output).
DROP_PLUGIN_DIRS: frozenset[str] = frozenset(
    {
        "qmltooling",
        "sqldrivers",
        "networkinformation",
        "tls",
        "platforminputcontexts",
        "webview",
        "egldeviceintegrations",
        "generic",
    }
)
# Qt plugins dropped by file stem: platforms for embedded boards (keep xcb, wayland, offscreen,
# minimal, windows, cocoa), the GTK theme (it drags in GTK's libraries for a native look only),
# and image formats the app never reads (it shows PNG and SVG; JPEG, GIF and ICO stay).
DROP_PLUGIN_STEMS: frozenset[str] = frozenset(
    {
        "libqeglfs",
        "libqlinuxfb",
        "libqminimalegl",
        "libqvnc",
        "libqvkkhrdisplay",
        "libqgtk3",
        "libqtiff",
        "qtiff",
        "libqwebp",
        "qwebp",
        "libqtga",
        "qtga",
        "libqwbmp",
        "qwbmp",
        "libqpdf",
        "qpdf",
    }
)
# Qt's own translations: English and French only (the app's languages).
KEEP_QT_LANGS: tuple[str, ...] = ("_en", "_fr")

_EXTENSION = re.compile(r"\.(cpython-[^.]+|abi3)\.(so|pyd)$|\.pyd$")


def keep_binary(dest: str) -> bool:
    """False for a shared library or Qt plugin (by its path in the bundle) the app never loads."""
    path = Path(dest)
    name = path.name
    if any(pattern in name for pattern in DROP_BINARY_PATTERNS):
        return False
    parts = path.parts
    # pyarrow's wheel holds each library three times (libX.so, libX.so.N, libX.so.N.M.P, copies
    # rather than links); the loader only ever asks for the soname, libX.so.N.
    if parts[0] == "pyarrow" and re.search(r"\.so(\.\d+){2,}$|^lib\w+\.so$", name):
        return False
    if "plugins" in parts:
        if DROP_PLUGIN_DIRS & set(parts):
            return False
        if name.split(".")[0] in DROP_PLUGIN_STEMS:
            return False
    return True


def keep_data(dest: str) -> bool:
    """False for headers, Cython sources, Qt translations of other languages, generator scripts."""
    path = Path(dest)
    if path.parts[0] in ("pyarrow", "numpy") and ({"include", "src"} & set(path.parts[:2])):
        return False
    # Packages' own test data (pyarrow ships ORC and Parquet samples): the app reads the user's files only.
    if "tests" in path.parts[:-1]:
        return False
    if path.suffix in (".pxd", ".pyx", ".pxi", ".h", ".hpp", ".cc", ".tp"):  # .tp: Cython templates
        return False
    if "translations" in path.parts and path.suffix == ".qm" and "PySide6" in path.parts:
        return any(lang in path.stem for lang in KEEP_QT_LANGS)
    # The scripts of resources/ make the shipped files; the app never runs them.
    return not (path.parts[0] == "resources" and path.suffix == ".py")


def is_root(dest: str) -> bool:
    """True for binaries loaded by name at run time (extensions, plugins, libpython), not via NEEDED."""
    path = Path(dest)
    if _EXTENSION.search(path.name) or "lib-dynload" in path.parts or "plugins" in path.parts:
        return True
    return path.name.startswith(("libpython", "python3", "Python"))


def elf_needed(path: str) -> list[str]:
    """The ``NEEDED`` sonames of an ELF file (empty when it is not one or readelf is missing)."""
    try:
        out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False).stdout
    except OSError:
        return []
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def prune_orphans(binaries: Iterable[tuple], needed=elf_needed) -> list[tuple]:
    """Drop libraries no kept binary needs (Linux). Entries are PyInstaller's (dest, src, type)."""
    entries = list(binaries)
    if not sys.platform.startswith("linux"):
        return entries
    by_name: dict[str, list[tuple]] = {}
    for entry in entries:
        by_name.setdefault(Path(entry[0]).name, []).append(entry)
    reached: set[int] = set()
    queue = [entry for entry in entries if is_root(entry[0])]
    while queue:
        entry = queue.pop()
        if id(entry) in reached:
            continue
        reached.add(id(entry))
        for soname in needed(entry[1]):
            queue.extend(e for e in by_name.get(soname, []) if id(e) not in reached)
    return [entry for entry in entries if id(entry) in reached]


def link_duplicates(internal: Path, min_size: int = 65536) -> int:
    """Replace each extra copy of an identical file by a relative link to the first; bytes saved.

    The wheels repeat some libraries (SciPy ships the very libgfortran and libquadmath of numpy,
    under the same names) and some pictures; the loader and Python read a link like the file."""
    by_content: dict[tuple[int, str], Path] = {}
    saved = 0
    for path in sorted(internal.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.stat().st_size < min_size:
            continue
        size = path.stat().st_size
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        first = by_content.setdefault((size, digest), path)
        if first is path:
            continue
        path.unlink()
        path.symlink_to(os.path.relpath(first, path.parent))
        saved += size
    return saved
