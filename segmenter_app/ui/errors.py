"""Friendly error dialogs: what went wrong in the user's words, what to do, where the log is.

Two kinds of trouble reach the user. Input the app cannot use raises ``i18n.UserError``: its text
already says what to do, in the interface language; it is shown as a warning and not logged as
an error. Anything else is a bug: its traceback goes to the log file (never customer data), and
the user sees an apology, a suggestion, and the log's location to send to support.

Dialogs are opened with ``open()`` (window-modal, non-blocking) so the event loop keeps running
and tests can find and close them.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from segmenter_app.core.i18n import UserError
from segmenter_app.ui.logging_setup import log_path

_LOG = logging.getLogger("segmenter_app.ui")
_open_dialogs: list[QMessageBox] = []  # keeps Python wrappers alive until closed


def current_language() -> str:
    """The interface language ("en"/"fr"), as set by the application."""
    app = QCoreApplication.instance()
    lang = app.property("segmenter_lang") if app is not None else None
    return str(lang) if lang in ("en", "fr") else "en"


def _show(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, detail: str = ""
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("friendlyError")
    if detail:
        box.setInformativeText(detail)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_dialogs.append(box)
    box.finished.connect(lambda *_: _open_dialogs.remove(box) if box in _open_dialogs else None)
    box.open()
    return box


def open_dialogs() -> list[QMessageBox]:
    """The error dialogs currently open (tests read their text and close them)."""
    return list(_open_dialogs)


def safe_traceback(error: BaseException, tb: TracebackType | None = None) -> str:
    """Where an exception happened (files, lines, functions) without its message.

    Exception messages can quote cell values ("could not convert 'Jean Dupont' to float"), and the
    log must never hold customer data, so only the exception's type and the stack are kept.
    """
    frames = traceback.extract_tb(tb or error.__traceback__)
    lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    cause = error.__cause__ or error.__context__
    if cause is not None and cause is not error:
        lines.append(f"caused by {type(cause).__name__}")
    return "\n".join([*lines, type(error).__name__])


def show_user_error(parent: QWidget | None, error: UserError) -> QMessageBox:
    """Show an ``i18n.UserError`` in the interface language, without a traceback."""
    _LOG.info("user error: %s", error.key)  # the key only: the text may quote customer data
    return _show(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("errors", "This cannot be used as it is"),
        error.text(current_language()),
    )


def show_user_text(parent: QWidget | None, text: str) -> QMessageBox:
    """Show input the app cannot use, in the interface's own words (already translated), as
    :func:`show_user_error` does."""
    return _show(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("errors", "This cannot be used as it is"),
        text,
    )


def show_message(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """Show a plain information message (already translated)."""
    return _show(parent, QMessageBox.Icon.Information, title, text)


def show_unexpected_error(
    parent: QWidget | None, error: BaseException, tb: TracebackType | None = None
) -> QMessageBox:
    """Log an unexpected exception with its traceback and tell the user what to do."""
    _LOG.error("unexpected error: %s\n%s", type(error).__name__, safe_traceback(error, tb))
    text = QCoreApplication.translate(
        "errors",
        "Something went wrong inside Segmenter. Your files were not changed.\n\n"
        "Try the last action again; if it fails again, save your project under a new name, "
        "restart Segmenter and send the log file to support.",
    )
    detail = QCoreApplication.translate("errors", "The log file is here:\n%1").replace("%1", str(log_path()))
    return _show(
        parent,
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("errors", "Unexpected error"),
        text,
        detail,
    )


def show_exception(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """Show any exception the right way: a UserError as itself, anything else as a bug."""
    if isinstance(error, UserError):
        return show_user_error(parent, error)
    return show_unexpected_error(parent, error)


def install_excepthook() -> None:
    """Turn uncaught exceptions on the GUI thread into the friendly dialog instead of a crash."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        parent = QApplication.activeWindow()
        if isinstance(error, UserError):
            show_user_error(parent, error)
        else:
            show_unexpected_error(parent, error, tb)

    sys.excepthook = hook
