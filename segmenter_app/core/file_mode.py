"""The permissions a new ordinary file gets, read without changing the process's umask.

Saving writes a temporary file (``mkstemp`` makes it private, 0600) and moves it into place, so
the saved file would stay private unless given the usual mode. The usual mode is 0666 less the
umask; the only portable call that reads the umask, ``os.umask``, sets it too, and for that
moment every file another thread creates gets the wrong permissions (the umask is shared by the
whole process). So the umask is read from ``/proc/self/status`` where Linux gives it, and
elsewhere from a probe file created beside the target with the default mode.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

PROC_STATUS = "/proc/self/status"  # its "Umask:" line, Linux 4.7 and later


def new_file_mode(folder: str | os.PathLike[str]) -> int:
    """The permission bits (e.g. 0o644) a file newly created in ``folder`` gets by default.

    Never calls ``os.umask``. Falls back to 0o644 when neither the status file nor a probe file
    can tell (a folder where nothing can be created will fail the save anyway).
    """
    umask = _umask_from_proc()
    if umask is not None:
        return 0o666 & ~umask
    probed = _probe(Path(folder))
    return probed if probed is not None else 0o644


def _umask_from_proc() -> int | None:
    try:
        with open(PROC_STATUS, encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        return None
    return None


def _probe(folder: Path) -> int | None:
    """Create an empty file asking for 0666 (the system applies the umask), read its mode, remove it."""
    probe = folder / f".segmenter-mode-{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
    except OSError:
        return None
    try:
        return os.fstat(fd).st_mode & 0o666
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(probe)
