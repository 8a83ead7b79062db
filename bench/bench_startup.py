"""Time from launch to the window shown, from the source install and from the built bundle.

The app writes the wall-clock time into the file named by ``SEGMENTER_STARTUP_PROBE`` once its
event loop has painted the window, then quits; the launch time is taken just before starting the
process. The baseline is the same measure for a bare PySide6 window (interpreter start, Qt
import, an empty QMainWindow shown), so the ratio says what the app adds. Goal: the window within
3 s (absolute, issue 8), medians of 5 launches.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BARE = (
    "import os, sys, time\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv); w = QMainWindow(); w.show()\n"
    "QTimer.singleShot(0, lambda: (open(os.environ['SEGMENTER_STARTUP_PROBE'], 'w').write(repr(time.time())), app.quit()))\n"
    "app.exec()\n"
)


def bundle_executable() -> Path | None:
    """The most recently built Linux bundle's executable (packaging/build.py or ci_build.sh), if any.

    The newest one, because an older build may predate the start-up probe and would never quit.
    """
    built = [d / "segmenter" / "segmenter" for d in (REPO / "build" / "ci" / "dist", REPO / "dist")]
    built = [exe for exe in built if exe.exists()]
    return max(built, key=lambda exe: exe.stat().st_mtime) if built else None


def launch(command: list[str]) -> float:
    """Seconds from starting ``command`` to its probe file being written."""
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "shown"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            SEGMENTER_STARTUP_PROBE=str(probe),
        )
        start = time.time()
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
        return float(probe.read_text(encoding="utf-8")) - start


def median_launch(command: list[str], runs: int = 5) -> float:
    """Median of several launches (the first warms the disk cache and is dropped)."""
    launch(command)
    return sorted(launch(command) for _ in range(runs))[runs // 2]


def run(workdir: Path) -> list[dict]:
    """Launch-to-window from source and from the bundle, against a bare PySide6 window."""
    bare = median_launch([sys.executable, "-c", BARE])
    rows = [
        {
            "name": "window shown, source install (python -m segmenter_app)",
            "value": round(median_launch([sys.executable, "-m", "segmenter_app"]), 2),
            "unit": "s",
            "baseline": round(bare, 2),
            "ratio": None,
            "goal": 3.0,
        }
    ]
    exe = bundle_executable()
    if exe is None:
        print("  bundle not built (python packaging/build.py): only the source install was measured")
    else:
        rows.append(
            {
                "name": "window shown, Linux bundle",
                "value": round(median_launch([str(exe)]), 2),
                "unit": "s",
                "baseline": round(bare, 2),
                "ratio": None,
                "goal": 3.0,
            }
        )
    return rows
