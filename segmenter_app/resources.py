"""Where the bundled resources (demo data, icons, translations) are, in every way the app runs.

From a source checkout they are in ``resources/`` at the repository root; in an installed wheel
in ``segmenter_app/resources/``; in a PyInstaller bundle under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder that holds ``demo/``, ``icons/`` and ``translations/``."""
    here = Path(__file__).resolve().parent
    candidates = [here.parent / "resources", here / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "demo").is_dir():
            return candidate
    raise FileNotFoundError("Segmenter's resources folder is missing; reinstall the application.")


def demo_files() -> list[Path]:
    """The demo shop's input files, in import order."""
    return sorted((resources_dir() / "demo").glob("*.csv"))


def icon_path(name: str = "segmenter.png") -> Path:
    """An icon file of ``resources/icons``."""
    return resources_dir() / "icons" / name


def translations_dir() -> Path:
    """The compiled ``.qm`` translation files."""
    return resources_dir() / "translations"
