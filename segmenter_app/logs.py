"""The application log: one file in the user's log folder, never customer data.

Only technical events are logged (stages, timings, counts, exception tracebacks from internal
errors); file paths are reduced to their names, and no cell value is ever written.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import tempfile
from pathlib import Path

from platformdirs import user_log_dir

LOG_NAME = "segmenter.log"


def log_dir() -> Path:
    """The platform's log folder for the app (created on first use)."""
    return Path(user_log_dir("Segmenter", appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``segmenter_app`` loggers to a rotating file; return the file's path.

    When the log folder cannot be written (a read-only or missing home), the log goes to a
    private folder in the temporary folder instead, because a read-only home must not stop the
    app. Should that fail too, nothing is logged: without any handler, Python's last resort would
    print an internal error's traceback, which may quote customer data, on the user's screen.
    """
    logger = logging.getLogger("segmenter_app")
    logger.setLevel(level)
    for existing in logger.handlers:
        if isinstance(existing, logging.handlers.RotatingFileHandler):
            return Path(existing.baseFilename)
    path = log_dir() / LOG_NAME
    for folder in (path.parent, _fallback_dir()):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
                continue  # a folder of that name someone else made: not ours to write into
            handler = logging.handlers.RotatingFileHandler(
                folder / LOG_NAME, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            continue
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        return folder / LOG_NAME
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())
    return path


def _fallback_dir() -> Path:
    """The log folder used when the user's cannot be written: one per user in the temporary folder."""
    owner = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"Segmenter-log-{owner}"
