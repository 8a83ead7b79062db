"""What each platform shows about the app: Windows version resource, macOS Info.plist, names.

Read by ``segmenter.spec`` (and by the tests). The version comes from ``segmenter_app.__version__``
so there is one place to bump it.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

APP_NAME = "Segmenter"
EXE_NAME = "segmenter"  # the executable on Linux and the bundle's folder name everywhere
CLI_EXE_NAME = "segmenter-cli"  # Windows only: a console executable for the command line
BUNDLE_ID = "org.segmenter.Segmenter"
COMPANY = "Segmenter developers"
DESCRIPTION = "Customer segmentation for small shops, offline"
COPYRIGHT = "Copyright (c) 2026 Segmenter developers. MIT licence."

# Files the app opens, for the macOS "Open with" list and the Linux desktop entry.
DOCUMENT_TYPES = (
    (
        "CSV or text export",
        ("csv", "tsv", "txt"),
        ("public.comma-separated-values-text", "public.plain-text"),
    ),
    ("Excel workbook", ("xlsx", "xlsm"), ("org.openxmlformats.spreadsheetml.sheet",)),
    ("Excel 97-2003 workbook", ("xls",), ("com.microsoft.excel.xls",)),
    ("OpenDocument spreadsheet", ("ods",), ("org.oasis-open.opendocument.spreadsheet",)),
)


def app_version() -> str:
    """``segmenter_app.__version__``, read from the source without importing the package."""
    text = (REPO / "segmenter_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise ValueError("segmenter_app/__init__.py has no __version__")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3"`` (or ``"1.2.3rc1"``) as the four numbers Windows wants."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return tuple(numbers[:4])  # type: ignore[return-value]


def windows_version_info(version: str | None = None):
    """The Windows version resource (Explorer's Properties > Details tab)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    version = version or app_version()
    numbers = version_tuple(version)
    strings = [
        vi.StringStruct("CompanyName", COMPANY),
        vi.StringStruct("FileDescription", f"{APP_NAME}: {DESCRIPTION}"),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", EXE_NAME),
        vi.StringStruct("LegalCopyright", COPYRIGHT),
        vi.StringStruct("OriginalFilename", f"{APP_NAME}.exe"),
        vi.StringStruct("ProductName", APP_NAME),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(
            filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1
        ),
        kids=[
            # 0x0409 = US English, 1200 = Unicode: the language block Windows reads by default.
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )


def macos_info_plist(version: str | None = None) -> dict:
    """Info.plist entries for ``Segmenter.app`` (PyInstaller fills the executable and icon keys)."""
    version = version or app_version()
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "fr"],
        "LSApplicationCategoryType": "public.app-category.business",
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": COPYRIGHT,
        # Light and dark appearance follow the system; Qt supports both.
        "NSRequiresAquaSystemAppearance": False,
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": name,
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "CFBundleTypeExtensions": list(extensions),
                "LSItemContentTypes": list(utis),
            }
            for name, extensions, utis in DOCUMENT_TYPES
        ],
    }
