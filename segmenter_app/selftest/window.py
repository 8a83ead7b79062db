"""The ``window`` check: the main window builds, shows and draws without a screen."""

from __future__ import annotations

import sys
from typing import Any

from segmenter_app.selftest.context import CheckFailed, Context


def check_window(ctx: Context) -> dict[str, Any]:
    """Build the main window offscreen, show it, grab it to a PNG, close it."""
    from PySide6.QtWidgets import QApplication

    from segmenter_app.ui import main_window

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "segmenter"])
    window = main_window.MainWindow()
    try:
        window.resize(1100, 720)
        window.show()
        for _ in range(5):
            app.processEvents()
        pixmap = window.grab()
        if pixmap.isNull() or pixmap.width() < 100:
            raise CheckFailed("the main window grabbed as an empty image")
        image = pixmap.toImage()
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), max(1, image.width() // 40))
            for y in range(0, image.height(), max(1, image.height() // 40))
        }
        if len(colours) < 3:
            raise CheckFailed("the main window grabbed as a blank image (nothing was drawn)")
        shot = ctx.scratch / "selftest-window.png"
        pixmap.save(str(shot), "PNG")
        platform_name = QApplication.platformName()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return {"size": [pixmap.width(), pixmap.height()], "qt_platform": platform_name}
