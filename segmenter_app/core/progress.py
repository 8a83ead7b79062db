"""Progress reporting and cancellation for long core functions.

Every long function takes a ``progress`` callable and a ``cancel`` token. It reports a
fraction in [0, 1] with a short message, and calls :meth:`CancelToken.check` often enough
that a cancel request stops it within a second. The GUI's task runner wires both to signals;
the command line passes a no-op or a terminal printer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

ProgressFn = Callable[[float, str], None]


class Cancelled(Exception):
    """Raised inside a long function when the user asked to stop it."""


def no_progress(fraction: float, message: str) -> None:
    """A progress callback that ignores everything (command line, tests)."""


@dataclass
class CancelToken:
    """A thread-safe cancel flag that long functions poll through :meth:`check`."""

    _event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Ask the running function to stop at its next check."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if a cancel was requested."""
        if self._event.is_set():
            raise Cancelled()


class StageProgress:
    """Maps a sub-task's 0..1 progress into a slice [start, end] of the parent's progress.

    It also throttles calls so that a tight loop reporting every row does not flood the GUI
    thread with signals (at most one report every 50 ms, plus the final one).
    """

    def __init__(self, parent: ProgressFn, start: float, end: float, cancel: CancelToken | None = None):
        self.parent = parent
        self.start = start
        self.end = end
        self.cancel = cancel
        self._last = 0.0

    def __call__(self, fraction: float, message: str) -> None:
        if self.cancel is not None:
            self.cancel.check()
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < 0.05:
            return
        self._last = now
        fraction = min(max(fraction, 0.0), 1.0)
        self.parent(self.start + (self.end - self.start) * fraction, message)
