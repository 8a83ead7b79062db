"""Packaging: what makes the Linux bundle smaller stays safe (stripping, the trimmed ICU data).

These tests work on the libraries of the installed wheels (copied to a temporary folder), without
PyInstaller: the bundle build itself is checked by ``packaging/ci_build.sh``.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))
import icu_data  # noqa: E402
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


def test_icu_items_kept_and_dropped():
    keep = icu_data.keep_item
    for name in (
        "icudt73l/root.res",
        "icudt73l/fr.res",
        "icudt73l/fr_CA.res",
        "icudt73l/en_GB.res",
        "icudt73l/zone/fr.res",
        "icudt73l/coll/sv.res",  # collation of every language stays
        "icudt73l/coll/ucadata.icu",
        "icudt73l/ibm-943_P15A-2003.cnv",  # converters stay
        "icudt73l/ucase.icu",
        "icudt73l/supplementalData.res",
        "icudt73l/zoneinfo64.res",
        "icudt73l/pool.res",
        "icudt73l/res_index.res",
        "icudt73l/brkitr/word.brk",
    ):
        assert keep(name), name
    for name in (
        "icudt73l/de.res",
        "icudt73l/zh_Hant_TW.res",
        "icudt73l/zone/ja.res",
        "icudt73l/curr/es_419.res",
        "icudt73l/brkitr/cjdict.dict",
        "icudt73l/translit/root.res",
    ):
        assert not keep(name), name


def _icu_lib() -> Path:
    return _site_file("PySide6", "PySide6/Qt/lib/libicudata.so.*")


@linux_only
@needs_binutils
def test_icu_package_round_trip_is_byte_identical():
    symbol, offset, size = icu_data.data_symbol(_icu_lib())
    assert symbol.startswith("icudt") and symbol.endswith("_dat")
    blob = _icu_lib().read_bytes()[offset : offset + size]
    header, items = icu_data.read_package(blob)
    assert len(items) > 3000 and [n for n, _ in items] == sorted(n for n, _ in items)
    assert icu_data.write_package(header, items) == blob


# What Qt Core asks ICU (the only ICU functions it imports): collation, converters, case mapping,
# time-zone names. Run in a child process on a given folder of ICU libraries; prints JSON.
PROBE = r"""
import ctypes, json, sys
from pathlib import Path
lib = Path(sys.argv[1]); ver = sys.argv[2]
ctypes.CDLL(str(lib / f"libicudata.so.{ver}"), mode=ctypes.RTLD_GLOBAL)
uc = ctypes.CDLL(str(lib / f"libicuuc.so.{ver}"), mode=ctypes.RTLD_GLOBAL)
i18n = ctypes.CDLL(str(lib / f"libicui18n.so.{ver}"), mode=ctypes.RTLD_GLOBAL)
def fn(l, n, res=ctypes.c_int):
    f = getattr(l, f"{n}_{ver}"); f.restype = res; return f
def u16(s):
    b = s.encode("utf-16-le"); return ctypes.create_string_buffer(b, len(b) + 2), len(b) // 2
def read16(buf, n):
    return ctypes.string_at(buf, 2 * n).decode("utf-16-le")
out, err = {}, ctypes.c_int(0)
ucol_open, ucol_strcoll = fn(i18n, "ucol_open", ctypes.c_void_p), fn(i18n, "ucol_strcoll")
for loc, a, b in [("fr", "côte", "coté"), ("sv", "ö", "z"), ("de", "ä", "b"), ("en", "a", "B")]:
    err.value = 0
    c = ucol_open(loc.encode(), ctypes.byref(err))
    (ba, na), (bb, nb) = u16(a), u16(b)
    out[f"coll_{loc}"] = [err.value, ucol_strcoll(ctypes.c_void_p(c), ba, na, bb, nb)]
ucnv_open, to_u = fn(uc, "ucnv_open", ctypes.c_void_p), fn(uc, "ucnv_toUChars")
for name, codec, text in [("Shift_JIS", "shift_jis", "日本語"), ("windows-1252", "cp1252", "€été"),
                          ("GB18030", "gb18030", "中文"), ("ISO-8859-15", "iso8859_15", "€")]:
    err.value = 0; raw = text.encode(codec)
    c = ucnv_open(name.encode(), ctypes.byref(err)); dest = ctypes.create_string_buffer(200)
    n = to_u(ctypes.c_void_p(c), dest, 100, raw, len(raw), ctypes.byref(err)) if c else 0
    out[f"cnv_{name}"] = [err.value, read16(dest, n)]
up = fn(uc, "u_strToUpper")
for loc, s in [("tr", "istanbul"), ("fr", "élève"), ("de", "straße")]:
    err.value = 0; src, n = u16(s); dest = ctypes.create_string_buffer(200)
    out[f"upper_{loc}"] = [err.value, read16(dest, up(dest, 100, src, n, loc.encode(), ctypes.byref(err)))]
ucal_open, tzname = fn(i18n, "ucal_open", ctypes.c_void_p), fn(i18n, "ucal_getTimeZoneDisplayName")
for loc in ("fr", "en", "fr_CA", "en_GB"):
    err.value = 0; z, nz = u16("Europe/Paris"); dest = ctypes.create_string_buffer(400)
    c = ucal_open(z, nz, loc.encode(), 0, ctypes.byref(err))
    out[f"tzname_{loc}"] = [err.value, read16(dest, tzname(ctypes.c_void_p(c), 0, loc.encode(), dest, 200, ctypes.byref(err)))]
err.value = 0; z, nz = u16("US/Eastern"); dest = ctypes.create_string_buffer(200); ok = ctypes.c_byte(0)
n = fn(i18n, "ucal_getCanonicalTimeZoneID")(z, nz, dest, 100, ctypes.byref(ok), ctypes.byref(err))
out["canonical"] = [err.value, read16(dest, n)]
print(json.dumps(out, ensure_ascii=False))
"""


def _probe(folder: Path, version: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(folder), version], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@linux_only
@needs_binutils
def test_trimmed_icu_answers_qt_like_the_whole_one(tmp_path):
    source = _icu_lib()
    version = source.name.rsplit(".", 1)[-1]
    trimmed = tmp_path / "icu"
    trimmed.mkdir()
    for name in ("libicudata", "libicuuc", "libicui18n"):
        shutil.copy2(source.with_name(f"{name}.so.{version}"), trimmed / f"{name}.so.{version}")
    saved = icu_data.trim_library(trimmed / f"libicudata.so.{version}")
    assert saved > 15_000_000  # 32 MB of data down to about 12
    assert icu_data.soname(trimmed / f"libicudata.so.{version}") == f"libicudata.so.{version}"
    whole, cut = _probe(source.parent, version), _probe(trimmed, version)
    assert cut == whole
    # The probe really exercised the data: French collation, a CJK converter, time-zone names.
    assert cut["cnv_Shift_JIS"][1] == "日本語" and cut["upper_tr"][1] == "İSTANBUL"
    assert cut["tzname_fr"] == [0, "heure normale d’Europe centrale"]
    assert all(status <= 0 for status, _ in cut.values())  # no ICU error (warnings are negative)


def test_identical_copies_become_links_and_read_the_same(tmp_path):
    import bundle_contents

    blob = bytes(range(256)) * 1024
    for folder in ("numpy.libs", "scipy.libs"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "libgfortran-x.so.5").write_bytes(blob)
    (tmp_path / "scipy.libs" / "libother.so").write_bytes(blob[:-1] + b"\x01")  # same size, other bytes
    (tmp_path / "small.txt").write_bytes(b"x")
    (tmp_path / "small-copy.txt").write_bytes(b"x")
    saved = bundle_contents.link_duplicates(tmp_path)
    assert saved == len(blob)
    copy = tmp_path / "scipy.libs" / "libgfortran-x.so.5"
    assert copy.is_symlink() and copy.read_bytes() == blob
    assert not (tmp_path / "numpy.libs" / "libgfortran-x.so.5").is_symlink()
    assert not (tmp_path / "scipy.libs" / "libother.so").is_symlink()
    assert not (tmp_path / "small-copy.txt").is_symlink()  # below the size worth a link


def test_new_filters_drop_unused_parts():
    import bundle_contents

    assert {"rich", "pygments", "pyarrow._substrait", "pyarrow._orc", "readline"} <= set(
        bundle_contents.EXCLUDES
    )
    # pyarrow.dataset needs these; parquet is the project file.
    assert not {"pyarrow.dataset", "pyarrow._dataset", "pyarrow.parquet", "pyarrow._json"} & set(
        bundle_contents.EXCLUDES
    )
    assert not bundle_contents.keep_binary("numpy/_core/_multiarray_tests.cpython-311-x86_64-linux-gnu.so")
    assert bundle_contents.keep_binary("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so")
    data = bundle_contents.keep_data
    assert not data("pyarrow/tests/data/orc/TestOrcFile.test1.orc")
    assert not data("numpy/random/_bounded_integers.pxd")
    assert not data("pandas/_libs/algos_common_helper.pxi.tp")
    assert data("pyqtgraph/icons/auto.png")


@linux_only
@needs_binutils
def test_substrait_library_is_called_only_by_the_module_the_bundle_leaves_out(tmp_path):
    import ctypes

    import bundle_contents
    import stub_libs

    assert "pyarrow._substrait" in bundle_contents.EXCLUDES
    substrait = _site_file("pyarrow", "pyarrow/libarrow_substrait.so.*")
    files = [p for p in substrait.parent.glob("*.so*") if p.is_file()]
    assert [p.name.split(".")[0] for p in stub_libs.callers(substrait, files)] == ["_substrait"]
    without_module = [p for p in files if not p.name.startswith("_substrait")]
    assert stub_libs.callers(substrait, without_module) == []
    # A library pyarrow does call is never replaced.
    dataset = next(substrait.parent.glob("libarrow_dataset.so.*"))
    assert stub_libs.callers(dataset, without_module)
    stub = tmp_path / substrait.name
    stub_libs.write_empty_library(stub_libs.soname(substrait), stub)
    assert stub.stat().st_size < 20_000 and stub_libs.soname(stub) == substrait.name
    ctypes.CDLL(str(stub))  # loadable
