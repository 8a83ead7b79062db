"""The core package turns NumPy's huge-page requests off (see segmenter_app.core.memory)."""

import importlib
import subprocess
import sys

from segmenter_app.core.memory import prefer_small_pages

_NAMES = ("numpy._core.multiarray", "numpy.core.multiarray")


def _setter():
    for name in _NAMES:
        try:
            return importlib.import_module(name)._set_madvise_hugepage
        except (ImportError, AttributeError):
            continue
    return None


def test_prefer_small_pages_switches_numpy_off():
    setter = _setter()
    assert setter is not None, "this NumPy has no huge-page switch"
    setter(True)  # as NumPy starts
    assert prefer_small_pages() is True
    assert setter(False) is False  # it was off: prefer_small_pages switched it


def test_importing_the_core_package_does_it():
    code = (
        "import segmenter_app.core, importlib\n"
        f"for name in {_NAMES!r}:\n"
        "    try:\n"
        "        print(importlib.import_module(name)._set_madvise_hugepage(False)); break\n"
        "    except (ImportError, AttributeError):\n"
        "        pass\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
