"""Work around shiboken6 6.12 releasing a reference to ``None`` on every void Qt call (Python < 3.12).

Measured here with PySide6 6.12.0 on CPython 3.11: each call of a C++ method that returns
nothing (``QPainter.drawLine``, ``QLabel.setText``, ``QTimer.stop``...) lowers ``None``'s
reference count by one. Python 3.12 made ``None`` immortal, so the bug is invisible there; on
3.11 the count (a few thousand at start) reaches zero after a few thousand calls and the process
aborts with "Fatal Python error: none_dealloc" -- within seconds of painting a pyqtgraph chart.

The fix: give ``None`` a reference count so large (2**40) that no session can use it up, which is
what Python 3.12 does by design. It touches only ``ob_refcnt``, the first field of every CPython
object, and does nothing on 3.12+ or other interpreters. Remove it once the locked shiboken6 is
fixed (check with :func:`leaks_none`).
"""

from __future__ import annotations

import ctypes
import platform
import sys

_HEADROOM = 1 << 40
_applied = False


def leaks_none(calls: int = 200) -> bool:
    """True when void Qt calls lower ``None``'s reference count (the bug is present)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - calls // 2


def apply() -> bool:
    """Make ``None``, ``True`` and ``False`` effectively immortal on CPython < 3.12; True when applied."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return _applied
    # True and False are released one time too many on some paths as well (seen at exit, after
    # Python overrides of Qt virtuals returned booleans), so they get the same headroom.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _applied = True
    return True
