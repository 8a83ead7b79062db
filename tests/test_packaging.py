"""Packaging: what the bundle leaves out, the Linux desktop entry, the icon files, platform data."""

from __future__ import annotations

import configparser
import plistlib
import struct
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))
import bundle_contents  # noqa: E402
import platform_info  # noqa: E402

ICONS = REPO / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _png_size(blob: bytes) -> tuple[int, int]:
    assert blob[:8] == PNG_MAGIC
    return struct.unpack(">II", blob[16:24])


def test_excludes_other_toolkits_and_every_unused_pyside6_module():
    import PySide6

    excludes = set(bundle_contents.EXCLUDES)
    assert {"tkinter", "_tkinter", "matplotlib", "PyQt5", "PyQt6", "PySide2"} <= excludes
    installed = {p.name.split(".")[0] for p in Path(PySide6.__file__).parent.glob("Qt*.abi3.so")}
    installed |= {p.name.split(".")[0] for p in Path(PySide6.__file__).parent.glob("Qt*.pyd")}
    assert installed, "no PySide6 modules found"
    # QtPrintSupport is left to PyInstaller's analysis (pyqtgraph's print exporter may import it).
    for module in sorted(installed - set(bundle_contents.QT_MODULES_USED) - {"QtPrintSupport"}):
        assert f"PySide6.{module}" in excludes, f"PySide6.{module} would be bundled"
    for module in bundle_contents.QT_MODULES_USED:
        assert f"PySide6.{module}" not in excludes


def test_file_filters_drop_unused_parts_and_keep_needed_ones():
    keep = bundle_contents.keep_binary
    assert not keep("pyarrow/libarrow_flight.so.2600")
    assert not keep("pyarrow/libarrow_s3.so.2600")
    assert not keep("pyarrow/libarrow.so.2600.1.0")  # duplicate copy of the soname
    assert keep("pyarrow/libarrow.so.2600")
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not keep("PySide6/Qt/plugins/sqldrivers/libqsqlite.so")
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("PySide6/Qt/plugins/platforms/libqoffscreen.so")
    data = bundle_contents.keep_data
    assert not data("PySide6/Qt/translations/qtbase_de.qm")
    assert data("PySide6/Qt/translations/qtbase_fr.qm")
    assert not data("pyarrow/include/arrow/api.h")
    assert not data("pyarrow/tests/data/orc/x.orc")
    assert not data("resources/selftest/make_files.py")
    assert data("resources/selftest/orders.xls")


def test_prune_orphans_keeps_what_roots_need():
    entries = [
        ("numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so", "ext", "BINARY"),
        ("numpy.libs/libopenblas.so", "blas", "BINARY"),
        ("libgtk-3.so.0", "gtk", "BINARY"),
    ]
    needed = {"ext": ["libopenblas.so"], "blas": [], "gtk": []}
    kept = bundle_contents.prune_orphans(entries, needed=lambda src: needed[src])
    if sys.platform.startswith("linux"):
        assert [e[0] for e in kept] == [entries[0][0], entries[1][0]]
    else:
        assert kept == entries


def test_desktop_entry_fields():
    parser = configparser.RawConfigParser(strict=True)
    parser.optionxform = str
    parser.read(REPO / "packaging" / "linux" / "segmenter.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Segmenter"
    assert entry["Exec"] == "segmenter %F"
    assert entry["Icon"] == "segmenter"
    assert entry["Terminal"] == "false"
    assert "Comment[fr]" in entry and "GenericName[fr]" in entry
    mimes = set(entry["MimeType"].rstrip(";").split(";"))
    assert {"text/csv", "application/vnd.ms-excel", "application/vnd.oasis.opendocument.spreadsheet"} <= mimes
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in mimes


def test_ico_holds_valid_pngs_of_every_size():
    data = (ICONS / "segmenter.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for i in range(count):
        w, _h, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i : 22 + 16 * i])
        size = w or 256
        assert _png_size(data[offset : offset + length]) == (size, size)
        sizes.append(size)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_valid_pngs_and_its_length_is_right():
    data = (ICONS / "segmenter.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    pos, found = 8, {}
    while pos < len(data):
        kind, length = data[pos : pos + 4].decode(), struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        found[kind] = _png_size(data[pos + 8 : pos + length])[0]
        pos += length
    assert found == dict(bundle_contents_icns_types())
    assert _png_size((ICONS / "segmenter.png").read_bytes()) == (256, 256)


def bundle_contents_icns_types():
    sys.path.insert(0, str(ICONS))
    import make_icons

    return make_icons.ICNS_TYPES


def test_platform_data():
    assert platform_info.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert platform_info.version_tuple("0.1.0rc2") == (0, 1, 0, 0)
    plist = platform_info.macos_info_plist("1.2.3")
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert plist["CFBundleIdentifier"] == "org.segmenter.Segmenter"
    exts = {e for t in plist["CFBundleDocumentTypes"] for e in t["CFBundleTypeExtensions"]}
    assert {"csv", "xlsx", "xls", "ods"} <= exts
    plistlib.dumps(plist)  # serializable as an Info.plist
    import segmenter_app

    assert platform_info.app_version() == segmenter_app.__version__


def test_windows_version_info_when_pyinstaller_is_installed():
    pytest.importorskip("PyInstaller")
    pytest.importorskip("pefile")  # installed with PyInstaller on Windows only
    info = platform_info.windows_version_info("1.2.3")
    text = str(info)
    assert "filevers=(1, 2, 3, 0)" in text and "'ProductName', 'Segmenter'" in text
