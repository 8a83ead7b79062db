"""Screenshots for the GUI tests: settle pending layouts first, then save the PNG to look at."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def shot(widget: QWidget, path: Path | str) -> None:
    """Let Qt finish pending layouts (a scroll area resizes its content a round later), then grab."""
    end = time.monotonic() + 0.1
    while time.monotonic() < end:
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        time.sleep(0.005)
    widget.grab().save(str(path))
