"""One command builds the installable bundle of this platform: ``python packaging/build.py``.

Steps: (1) make the icons if they are missing, (2) run PyInstaller on ``packaging/segmenter.spec``
(one-folder bundle in ``dist/segmenter/``, or ``dist/Segmenter.app`` on macOS), (3) on Linux,
trim Qt's ICU data to the app's languages (``icu_data.py``), replace the libraries that are
linked but never called by empty ones (``stub_libs.py``), strip the libraries' symbols
(``strip_libs.py``) and link identical copies of a file to one, (4) run the bundle's own
``--self-test`` without a screen, (5) print the bundle's size and what takes it.
Exit code 0 only when the build and its self-test passed.

On Linux the bundle also gets ``install.sh``, the desktop entry and the icon at its top level
(``./install.sh`` installs it for the user). Options: ``--archive`` (also pack the bundle into
``dist/segmenter-VERSION-PLATFORM.tar.gz``, ``.zip`` on Windows), ``--skip-self-test``, ``--clean`` (drop PyInstaller's cache first), ``--dist DIR`` and
``--work DIR`` (where the bundle and the intermediate files go; defaults ``dist/`` and
``build/``), ``--report FILE`` (the self-test's JSON report; default ``dist/selftest-report.json``).
Needs the packaging requirements: ``pip install -r requirements/packaging.lock``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import platform_info  # noqa: E402
from bundle_contents import link_duplicates  # noqa: E402
from icu_data import trim_library  # noqa: E402
from strip_libs import strip_bundle  # noqa: E402
from stub_libs import stub_unused  # noqa: E402


def bundle_dir(dist: Path) -> Path:
    """The folder the build produces (the .app on macOS)."""
    if sys.platform == "darwin":
        return dist / f"{platform_info.APP_NAME}.app"
    return dist / platform_info.EXE_NAME


def executable(dist: Path) -> Path:
    """The bundle's executable to start (the console one on Windows, so the self-test can print)."""
    if sys.platform.startswith("win"):
        return dist / platform_info.EXE_NAME / f"{platform_info.CLI_EXE_NAME}.exe"
    if sys.platform == "darwin":
        return bundle_dir(dist) / "Contents" / "MacOS" / platform_info.APP_NAME
    return dist / platform_info.EXE_NAME / platform_info.EXE_NAME


def folder_size(path: Path) -> int:
    """Bytes on disk of every file under ``path`` (symbolic links not followed)."""
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            file = Path(dirpath, name)
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def size_breakdown(root: Path, top: int = 12) -> list[tuple[str, int]]:
    """The biggest parts of a bundle, grouped by package (first folder under ``_internal``)."""
    internal = next((p for p in (root / "_internal", root / "Contents" / "Frameworks") if p.is_dir()), root)
    groups: dict[str, int] = {}
    for dirpath, _, filenames in os.walk(internal):
        rel = Path(dirpath).relative_to(internal)
        for name in filenames:
            file = Path(dirpath, name)
            if file.is_symlink():
                continue
            key = rel.parts[0] if rel.parts else _library_group(name)
            groups[key] = groups.get(key, 0) + file.stat().st_size
    return sorted(groups.items(), key=lambda kv: -kv[1])[:top]


def _library_group(name: str) -> str:
    # Top-level shared libraries: group the Python runtime and the rest.
    if name.startswith(("libpython", "python3", "Python")):
        return "Python runtime"
    if name == "base_library.zip" or name.endswith(".pyz"):
        return "Python standard library"
    return "other shared libraries"


def add_linux_desktop_files(root: Path) -> None:
    """Put the installer script, the desktop entry and the icon at the top of the Linux bundle."""
    shutil.copy2(HERE / "linux" / "install.sh", root / "install.sh")
    shutil.copy2(HERE / "linux" / "segmenter.desktop", root / "segmenter.desktop")
    shutil.copy2(REPO / "resources" / "icons" / "segmenter.png", root / "segmenter.png")


def make_archive(root: Path, dist: Path) -> Path:
    """One file to download: ``segmenter-VERSION-PLATFORM.tar.gz`` (``.zip`` on Windows)."""
    machine = platform.machine().lower() or "unknown"
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = dist / f"{platform_info.EXE_NAME}-{platform_info.app_version()}-{system}-{machine}"
    fmt = "zip" if sys.platform.startswith("win") else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=root.parent, base_dir=root.name))


def run_self_test(dist: Path, report: Path) -> int:
    """Run the built executable's ``--self-test`` offscreen; return its exit code."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [str(executable(dist)), "--self-test", "--self-test-report", str(report)]
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, env=env, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    """Build, self-test and measure the bundle; return the exit code."""
    parser = argparse.ArgumentParser(description="Build Segmenter's installable bundle for this platform.")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--work", type=Path, default=REPO / "build")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache before building")
    parser.add_argument("--skip-self-test", action="store_true")
    parser.add_argument("--archive", action="store_true", help="also pack the bundle into one file")
    parser.add_argument("--report", type=Path, default=None, help="the self-test's JSON report")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()

    icons = REPO / "resources" / "icons"
    if not all((icons / f"segmenter.{ext}").exists() for ext in ("png", "ico", "icns")):
        subprocess.run([sys.executable, str(icons / "make_icons.py")], check=True)

    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(HERE / "segmenter.spec"),
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
    ]
    if args.clean:
        command.append("--clean")
    print("+", " ".join(command), flush=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, check=False)
    build_s = time.perf_counter() - start
    if result.returncode != 0:
        print(f"PyInstaller failed (exit {result.returncode})", file=sys.stderr)
        return result.returncode or 1

    root = bundle_dir(dist)
    if sys.platform.startswith("linux"):
        for icu in (root / "_internal").glob("PySide6/Qt/lib/libicudata.so.*"):
            print(f"ICU data trimmed to the app's languages: {trim_library(icu) / 1e6:.1f} MB saved")
        saved, kept = stub_unused(root / "_internal")
        print(f"linked but never called, replaced by empty libraries: {saved / 1e6:.1f} MB saved")
        if kept:
            print(f"  kept whole (something calls them): {', '.join(kept)}")
        saved, kept = strip_bundle(root / "_internal")
        print(f"stripped symbols: {saved / 1e6:.1f} MB saved ({len(kept)} kept whole: {', '.join(kept)})")
        print(f"identical copies linked: {link_duplicates(root / '_internal') / 1e6:.1f} MB saved")
        add_linux_desktop_files(root)
    size = folder_size(root)
    print(f"\nbuilt {root} in {build_s:.0f} s: {size / 1e6:.1f} MB on disk")
    for name, part in size_breakdown(root):
        print(f"  {part / 1e6:8.1f} MB  {name}")
    summary = {"bundle": str(root), "build_s": round(build_s, 1), "size_bytes": size}

    status = 0
    if not args.skip_self_test:
        report = (args.report or dist / "selftest-report.json").resolve()
        start = time.perf_counter()
        status = run_self_test(dist, report)
        summary["self_test_s"] = round(time.perf_counter() - start, 1)
        summary["self_test_exit"] = status
        print(f"self-test exit code {status} ({summary['self_test_s']} s); report {report}")
    if args.archive and status == 0:
        archive = make_archive(root, dist)
        summary["archive"] = str(archive)
        summary["archive_bytes"] = archive.stat().st_size
        print(f"archive {archive}: {archive.stat().st_size / 1e6:.1f} MB")
    (dist / "build-summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
