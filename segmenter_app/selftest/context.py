"""What the self-test's checks share: their result, their failure, the context they run in.

Also the helpers several checks use: where the app runs from, a snapshot of the files there, and
a one-line summary of an exception for the report.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class CheckResult:
    """The outcome of one check: ``status`` is "ok", "failed" or "skipped"."""

    name: str
    status: str = "ok"
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class CheckFailed(Exception):
    """A check found something wrong (the message says what, for the report)."""


class Context:
    """What the checks share: the scratch folder, results of earlier checks, the baseline."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.analyses: dict[str, Any] = {}  # format -> Analysis imported from that file
        self.expected: dict[str, Any] = {}
        self.results: dict[str, CheckResult] = {}
        self.app_root = app_root()
        # Only a bundle is watched: in a source checkout the others' edits would show as writes.
        self.frozen = bool(getattr(sys, "frozen", False))
        self.snapshot = snapshot(self.app_root) if self.frozen else {}

    def need(self, *names: str) -> None:
        """Skip the current check unless the checks it builds on passed."""
        missing = [n for n in names if self.results.get(n) is None or self.results[n].status != "ok"]
        if missing:
            raise Skipped(f"needs {', '.join(missing)}")


class Skipped(Exception):
    """A check cannot run because a check it builds on did not pass (reported as skipped)."""


# --- where the app lives, and what is beside it -------------------------------------------------


def app_root() -> Path:
    """The folder the app runs from: the bundle's folder when frozen, else the package's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    # The package's folder (segmenter_app/), one level above this subpackage.
    return Path(__file__).resolve().parents[1]


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file under ``root`` (bytecode caches left out)."""
    files: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        for name in filenames:
            path = Path(dirpath, name)
            with contextlib.suppress(OSError):
                st = path.stat()
                files[str(path.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return files


def short_error(exc: BaseException | None) -> str:
    """One line for an exception: its type, its first line and, when longer, its last line.

    numpy's import error, for one, spans twenty lines and names the real cause on the last.
    """
    if exc is None:
        return "unknown error"
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    text = lines[0] if len(lines) == 1 else f"{lines[0]} ... {lines[-1]}"
    cause = exc.__cause__ or exc.__context__
    if len(lines) == 1 and cause is not None and str(cause).strip():
        text += f" (caused by {type(cause).__name__}: {str(cause).strip().splitlines()[-1]})"
    return f"{type(exc).__name__}: {text}"[:400]
