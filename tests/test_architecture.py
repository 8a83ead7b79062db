"""Architecture rules: a Qt-free core, complete translations, small modules."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import segmenter_app
from segmenter_app.core import i18n

REPO = Path(__file__).resolve().parents[1]


def test_core_never_imports_qt():
    """The import-linter contract of pyproject.toml holds (core imports no PySide6/pyqtgraph)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the test dependencies"
    result = subprocess.run([lint, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_core_imports_without_qt_in_a_fresh_process():
    """Importing every core module loads no Qt module (what the command line relies on)."""
    code = (
        "import pkgutil, importlib, sys, segmenter_app.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'segmenter_app.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_core_message_exists_in_both_languages_with_the_same_placeholders():
    """Each Messages key has an English and a French text using the same {placeholders}."""
    for module in pkgutil.walk_packages(segmenter_app.__path__, "segmenter_app."):
        if ".ui" not in module.name and module.name != "segmenter_app.__main__":
            importlib.import_module(module.name)
    groups = i18n.all_messages()
    assert groups, "the core declares its texts with i18n.Messages"
    for group in groups:
        for key, (en, fr) in group.texts.items():
            assert en.strip() and fr.strip(), key
            assert i18n.placeholders(en) == i18n.placeholders(fr), key


def test_language_tags_are_normalised():
    """Any French locale tag gives French; anything else English."""
    assert i18n.normalize_lang("fr_FR.UTF-8") == "fr"
    assert i18n.normalize_lang("FR") == "fr"
    assert i18n.normalize_lang("en_GB") == "en"
    assert i18n.normalize_lang(None) == "en"
    assert i18n.normalize_lang("de_DE") == "en"
