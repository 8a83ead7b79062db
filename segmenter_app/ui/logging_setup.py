"""Logging for the window: the app's log file, plus Qt's own warnings routed into it.

The log lives in the platform's user log folder (see :mod:`segmenter_app.logs`). It records
technical events only (stages, timings, counts, tracebacks of internal errors) and never customer
data: callers log file names and counts, never cell values, and Qt messages are logged as Qt
wrote them (they are about widgets, not data).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from segmenter_app.logs import log_dir, setup_logging

_LOG = logging.getLogger("segmenter_app.qt")
_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_log_path: Path | None = None


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    _LOG.log(_LEVELS.get(kind, logging.WARNING), "%s", message)


def setup_gui_logging() -> Path:
    """Start logging to the user's log file and capture Qt's messages; return the file's path."""
    global _log_path
    _log_path = setup_logging()
    qInstallMessageHandler(_qt_message)
    return _log_path


def log_path() -> Path:
    """Where the log file is (shown to the user in error dialogs)."""
    return _log_path or (log_dir() / "segmenter.log")
