"""End to end: the ``segment`` command on the real Online Retail file against a bare read of it.

The baseline is pyarrow reading the same gzip CSV into a DataFrame, in the same process run, so
the ratio says what the whole path (import, cleaning, customer table, RFM, plans, workbook)
costs on top of just reading the data.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail" / "online_retail.csv.gz"


def _bare_read() -> float:
    import pyarrow.csv as pacsv

    start = time.perf_counter()
    pacsv.read_csv(DATA).to_pandas()
    return time.perf_counter() - start


def _segment(workdir: Path) -> float:
    # A fresh process, as a user runs it (imports included).
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "segmenter_app", "segment", str(DATA), "--out", str(workdir / "e2e.xlsx")],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def run(workdir: Path) -> list[dict]:
    """Median of three runs each; ratio of the full command to the bare read."""
    if not DATA.exists():
        print(f"  skipped: {DATA} is absent")
        return []
    bare = sorted(_bare_read() for _ in range(3))[1]
    full = sorted(_segment(workdir) for _ in range(3))[1]
    return [
        {
            "name": "segment command, Online Retail (541,909 lines)",
            "value": round(full, 2),
            "unit": "s",
            "baseline": round(bare, 3),
            "ratio": round(full / bare, 1),
            "goal": None,
        }
    ]
