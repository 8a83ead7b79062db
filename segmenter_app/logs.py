"""The application log: one file in the user's log folder, never customer data.

Only technical events are logged (stages, timings, counts, exception tracebacks from internal
errors); file paths are reduced to their names, and no cell value is ever written.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from platformdirs import user_log_dir

LOG_NAME = "segmenter.log"


def log_dir() -> Path:
    """The platform's log folder for the app (created on first use)."""
    return Path(user_log_dir("Segmenter", appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``segmenter_app`` loggers to a rotating file; return the file's path.

    Falls back to no file (stderr warnings only) when the folder cannot be written, because a
    read-only home must not stop the app.
    """
    path = log_dir() / LOG_NAME
    logger = logging.getLogger("segmenter_app")
    logger.setLevel(level)
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logger.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return path
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return path
