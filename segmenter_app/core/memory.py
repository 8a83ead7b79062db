"""Process-wide memory settings for the import of large files.

NumPy asks Linux for transparent huge pages (``madvise(MADV_HUGEPAGE)``) on every array of 4 MB or
more. Where the kernel compacts memory synchronously for such requests (``defrag=madvise``, the
default of Ubuntu, Debian and Fedora), each new 2 MB page can wait for the kernel to move other
pages out of the way. An import allocates and frees hundreds of those short-lived arrays: measured
on a million order lines, that waiting was a fifth to a third of the whole import, and the time
varied twice as much. Small pages cost a few more page faults and no waiting.
"""

from __future__ import annotations

import importlib

__all__ = ["prefer_small_pages"]


def prefer_small_pages() -> bool:
    """Stop NumPy from asking for huge pages; return whether the setting could be changed.

    Called once when the core package is imported. NumPy offers the switch as
    ``multiarray._set_madvise_hugepage`` (and the ``NUMPY_MADVISE_HUGEPAGE`` variable, read only
    when NumPy starts); a NumPy without it keeps its default, which is only slower.
    """
    for name in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            setter = getattr(importlib.import_module(name), "_set_madvise_hugepage", None)
        except ImportError:
            continue
        if setter is not None:
            setter(False)
            return True
    return False
