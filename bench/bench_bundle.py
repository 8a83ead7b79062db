"""Size on disk of the Linux bundle, and what takes the space (goal: under 300 MB, issue 8).

Measures the bundle built by ``python packaging/build.py`` (or ``packaging/ci_build.sh``); builds
it first, without its self-test, when none exists. Prints the ten largest parts so the README can
say what takes the space.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

from bench_startup import REPO, bundle_executable


def folder_size(path: Path) -> int:
    """Bytes of every regular file below ``path`` (links not followed)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(bundle: Path, top: int = 10) -> list[tuple[str, int]]:
    """The biggest first- and second-level entries of the bundle's ``_internal`` folder."""
    internal = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    sizes: Counter[str] = Counter()
    for item in internal.iterdir():
        if item.is_symlink():  # links (some dangle on purpose, to dropped files) take no space
            continue
        if item.is_dir() and item.name in ("PySide6", "pyarrow", "numpy", "pandas"):
            for sub in item.iterdir():
                sizes[f"{item.name}/{sub.name}"] = folder_size(sub) if sub.is_dir() else sub.stat().st_size
        else:
            sizes[item.name] = folder_size(item) if item.is_dir() else item.stat().st_size
    return sizes.most_common(top)


def run(workdir: Path) -> list[dict]:
    """The bundle's size in MB against the 300 MB goal."""
    exe = bundle_executable()
    if exe is None:
        subprocess.run([sys.executable, str(REPO / "packaging" / "build.py"), "--skip-self-test"], check=True)
        exe = bundle_executable()
    if exe is None:
        print("  no bundle could be built")
        return []
    bundle = exe.parent
    for name, size in largest_parts(bundle):
        print(f"    {size / 1e6:8.1f} MB  {name}")
    return [
        {
            "name": "Linux bundle on disk",
            "value": round(folder_size(bundle) / 1e6, 1),
            "unit": "MB",
            "baseline": None,
            "ratio": None,
            "goal": 300.0,
        }
    ]
