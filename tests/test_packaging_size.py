"""Packaging: what makes the Linux bundle smaller stays safe (stripping the libraries).

These tests work on the libraries of the installed wheels (copied to a temporary folder), without
PyInstaller: the bundle build itself is checked by ``packaging/ci_build.sh``.
"""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))
import strip_libs  # noqa: E402

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: Linux only")
needs_binutils = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("strip", "readelf", "as", "ld")), reason="binutils not installed"
)


def _site_file(package: str, pattern: str) -> Path:
    module = __import__(package)
    folder = Path(module.__file__).resolve().parent
    found = sorted(folder.parent.glob(pattern))
    if not found:
        pytest.skip(f"{pattern} not found beside {package}")
    return found[0]


@linux_only
@needs_binutils
def test_strip_saves_symbols_and_keeps_the_library_loadable(tmp_path):
    # pyarrow's Cython module carries its symbol table in the wheel.
    lib = shutil.copy2(_site_file("pyarrow", "pyarrow/_compute.cpython-*.so"), tmp_path / "_compute.so")
    lib = Path(lib)
    assert strip_libs.needs_strip(lib)
    before = lib.stat().st_size
    saved = strip_libs.strip_library(lib)
    assert saved > 100_000 and lib.stat().st_size == before - saved
    assert not strip_libs.needs_strip(lib)
    assert strip_libs.segments_aligned(lib)
    assert ".dynsym" in strip_libs.section_names(lib)  # what the loader needs stays


@linux_only
@needs_binutils
def test_strip_leaves_whole_a_patched_library_it_would_break(tmp_path):
    # numpy's OpenBLAS was rewritten by patchelf; strip moves its segments off page alignment.
    source = _site_file("numpy", "numpy.libs/libscipy_openblas*.so")
    lib = Path(shutil.copy2(source, tmp_path / source.name))
    assert strip_libs.segments_aligned(lib) and strip_libs.needs_strip(lib)
    assert strip_libs.strip_library(lib) == 0
    assert lib.read_bytes() == source.read_bytes()
    assert not (tmp_path / (source.name + ".stripping")).exists()


def test_misaligned_segment_is_detected(tmp_path):
    # A minimal ELF64 header with one PT_LOAD whose offset and address disagree modulo 4096.
    header = bytearray(64)
    header[:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<QQQIHHHHHH", header, 24, 0, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    good = struct.pack("<IIQQQQQQ", 1, 4, 0x2000, 0x3000, 0x3000, 0x10, 0x10, 0x1000)
    bad = struct.pack("<IIQQQQQQ", 1, 4, 0x2600, 0x3000, 0x3000, 0x10, 0x10, 0x1000)
    (tmp_path / "good").write_bytes(bytes(header) + good)
    (tmp_path / "bad").write_bytes(bytes(header) + bad)
    assert strip_libs.segments_aligned(tmp_path / "good")
    assert not strip_libs.segments_aligned(tmp_path / "bad")
    (tmp_path / "text").write_text("not an ELF file")
    assert strip_libs.section_names(tmp_path / "text") == []
