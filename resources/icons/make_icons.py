"""Makes every icon file of the app from one source image, ``segmenter.svg``.

Outputs, beside this script: ``segmenter.png`` (256 px, the window icon and the Linux desktop
icon), ``segmenter.ico`` (Windows: 16 to 256 px) and ``segmenter.icns`` (macOS: 16 to 1024 px).
Rendering uses Qt's SVG renderer (in PySide6-Essentials, already a dependency), and the .ico and
.icns containers are written by hand with PNG-compressed entries, which every supported Windows
(Vista and later) and macOS (10.7 and later) reads, so no image library is needed.

Run: ``python resources/icons/make_icons.py`` (needs no screen). The outputs are committed; run it
again after changing the SVG. Deterministic: the same SVG gives the same bytes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "segmenter.svg"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (OSType, pixel size): PNG-carrying icns entries; the @2x types reuse the doubled size.
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),
    ("ic11", 32),
    ("ic12", 64),
    ("ic13", 256),
    ("ic14", 512),
)


def render_png(source: Path, size: int) -> bytes:
    """The SVG rendered to a ``size`` x ``size`` PNG with transparency."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO container holding one PNG entry per size (a 256 px size is written as 0)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries = b""
    blobs = b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS container with the PNG entries of :data:`ICNS_TYPES`."""
    body = b""
    for ostype, size in ICNS_TYPES:
        blob = pngs[size]
        body += ostype.encode("ascii") + struct.pack(">I", len(blob) + 8) + blob
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    """Render the sizes and write the PNG, ICO and ICNS files; return 0."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (kept alive while painting)
    sizes = sorted(set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(SOURCE, size) for size in sizes}
    (HERE / "segmenter.png").write_bytes(pngs[256])
    (HERE / "segmenter.ico").write_bytes(build_ico({s: pngs[s] for s in ICO_SIZES}))
    (HERE / "segmenter.icns").write_bytes(build_icns(pngs))
    for name in ("segmenter.png", "segmenter.ico", "segmenter.icns"):
        print(f"wrote {HERE / name} ({(HERE / name).stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
