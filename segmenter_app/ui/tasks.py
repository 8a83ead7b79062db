"""The one task runner: long core work on a worker thread, with progress and Cancel in the status bar.

Every long core function has the shape ``fn(*args, progress=..., cancel=..., **kwargs)`` (see
``core/progress.py``). :class:`TaskRunner.run` calls it on a worker thread of a private
``QThreadPool``; the worker never touches a widget: progress, the result and errors travel back
to the GUI thread through signals only (queued connections), where the callbacks run.

Cancel sets the task's :class:`~segmenter_app.core.progress.CancelToken`; the core function raises
``Cancelled`` at its next check (within a second by the core's contract) and the task ends as
cancelled. A result that arrives after a cancel request is dropped.

Errors: ``i18n.UserError`` is shown as a friendly message in the interface language; any other
exception is logged with its traceback and shown as the "unexpected error" dialog with the log's
location -- unless the caller's ``on_error`` handles it (returns True).

Thread-safety rule for callers: the worker must not mutate objects the GUI reads while it runs.
Run core functions on a scratch copy (``StepContext.snapshot()``) and apply what they produce to the
shared ``Analysis`` in ``on_done``, which runs on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from segmenter_app.core.progress import Cancelled, CancelToken
from segmenter_app.ui import errors

_LOG = logging.getLogger("segmenter_app.ui.tasks")
_PROGRESS_INTERVAL_S = 0.05  # at most 20 progress signals a second reach the GUI thread
_SHOW_DELAY_MS = 250  # the progress bar appears only for work that lasts longer than this
_DETACH_MS = 900  # a cancelled task still running after this is reported cancelled anyway


class Task(QObject):
    """One run of a core function; its signals are delivered on the GUI thread."""

    progressed = Signal(float, str)  # fraction 0..1, message (may be empty)
    succeeded = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception (traceback attached)
    cancelled = Signal()
    finished = Signal()  # always last, whatever the outcome
    cancelRequested = Signal()

    def __init__(self, title: str, key: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.key = key
        self.token = CancelToken()
        self.running = True
        self.outcome: str = ""  # "done", "failed" or "cancelled" once finished
        # The result and the error are not kept: they go to the callbacks and signals only, so a
        # finished task does not hold a segmentation or a traceback's frames in memory.
        self.fraction = 0.0
        self.message = ""
        self.superseded = False  # replaced by a newer task with the same key: callbacks skipped

    def cancel(self) -> None:
        """Ask the function to stop at its next check."""
        if not self.token.cancelled:
            self.token.cancel()
            self.cancelRequested.emit()


class _Bridge(QObject):
    """Carries the worker's reports to the GUI thread (lives on the GUI thread)."""

    progress = Signal(float, str)
    done = Signal(object)
    error = Signal(object)
    stopped = Signal()


class _Runnable(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], args: tuple, kwargs: dict, token: CancelToken, bridge: _Bridge
    ):
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.args, self.kwargs, self.token, self.bridge = fn, args, kwargs, token, bridge
        self._last = 0.0
        self._lock = threading.Lock()

    def _progress(self, fraction: float, message: str = "") -> None:
        # Called on the worker thread: throttle, then hand over to the GUI thread by signal.
        self.token.check()
        now = time.monotonic()
        with self._lock:
            if fraction < 1.0 and now - self._last < _PROGRESS_INTERVAL_S:
                return
            self._last = now
        self.bridge.progress.emit(float(fraction), str(message or ""))

    def run(self) -> None:
        try:
            result = self.fn(*self.args, progress=self._progress, cancel=self.token, **self.kwargs)
        except Cancelled:
            self.bridge.stopped.emit()
        except BaseException as exc:  # reported to the GUI thread, never lost
            self.bridge.error.emit(exc)
        else:
            if self.token.cancelled:
                self.bridge.stopped.emit()
            else:
                self.bridge.done.emit(result)


class TaskRunner(QObject):
    """Runs core functions off the GUI thread, one progress display for all of them."""

    busyChanged = Signal(bool)
    taskStarted = Signal(object)  # Task
    taskFinished = Signal(object)  # Task
    progressed = Signal(str, float, str)  # title, fraction, message of the most recent running task

    def __init__(self, parent: QObject | None = None, dialog_parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)  # one more than the cores: a detached task may still run
        self.dialog_parent = dialog_parent
        self._tasks: list[Task] = []

    # -- running ----------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        title: str = "",
        key: str | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], bool] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        **kwargs: Any,
    ) -> Task:
        """Start ``fn(*args, progress=, cancel=, **kwargs)`` on a worker thread; return its Task.

        ``title`` is shown beside the progress bar (already translated). A task started with the
        ``key`` of a running task replaces it: the older one is cancelled and its callbacks are
        skipped (a page recomputing on every parameter change only sees the last result).
        ``on_done(result)`` runs on the GUI thread. ``on_error(exc)`` may return True to say it
        showed the error itself; otherwise the runner shows the friendly dialog.
        """
        if key is not None:
            for old in self._tasks:
                if old.key == key and old.running:
                    old.superseded = True
                    old.cancel()
        task = Task(title, key, self)
        bridge = _Bridge(task)
        was_busy = self.is_busy()
        self._tasks.append(task)
        timer = QElapsedTimer()
        timer.start()

        def on_progress(fraction: float, message: str) -> None:
            if not task.running:
                return
            task.fraction, task.message = fraction, message
            task.progressed.emit(fraction, message)
            if self.current() is task:
                self.progressed.emit(task.title, fraction, message)

        def finish(outcome: str) -> None:
            if not task.running:  # already detached after a cancel: a late report is ignored
                return False
            task.running = False
            task.outcome = outcome
            _LOG.info("task %r %s after %.2f s", key or title, outcome, timer.elapsed() / 1000)
            self._tasks.remove(task)
            bridge.blockSignals(True)  # late reports of a detached worker go nowhere
            task.finished.emit()
            self.taskFinished.emit(task)
            if not self.is_busy():
                self.busyChanged.emit(False)
            elif self.current() is not None:
                cur = self.current()
                self.progressed.emit(cur.title, cur.fraction, cur.message)
            return True

        def on_result(result: Any) -> None:
            if not finish("done") or task.superseded:
                return
            task.succeeded.emit(result)
            if on_done is not None:
                try:
                    on_done(result)
                except Exception as exc:  # a bug in the callback: same friendly dialog
                    errors.show_exception(self.dialog_parent, exc)

        def on_failure(exc: BaseException) -> None:
            if not finish("failed") or task.superseded:
                return
            task.failed.emit(exc)
            handled = False
            if on_error is not None:
                handled = bool(on_error(exc))
            if not handled:
                errors.show_exception(self.dialog_parent, exc)

        def on_stop() -> None:
            if not finish("cancelled") or task.superseded:
                return
            task.cancelled.emit()
            if on_cancelled is not None:
                on_cancelled()

        def on_cancel_requested() -> None:
            # The core promises to stop within a second; if a long C call keeps it busy longer,
            # the user gets control back anyway: the task is reported cancelled and whatever it
            # returns later is dropped (the worker thread ends on its own).
            def detach() -> None:
                if task.running:
                    _LOG.warning(
                        "task %r still running %d ms after cancel: detached", key or title, _DETACH_MS
                    )
                    on_stop()

            QTimer.singleShot(_DETACH_MS, detach)

        task.cancelRequested.connect(on_cancel_requested)
        bridge.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
        bridge.done.connect(on_result, Qt.ConnectionType.QueuedConnection)
        bridge.error.connect(on_failure, Qt.ConnectionType.QueuedConnection)
        bridge.stopped.connect(on_stop, Qt.ConnectionType.QueuedConnection)
        self.taskStarted.emit(task)
        if not was_busy:
            self.busyChanged.emit(True)
        self.progressed.emit(task.title, 0.0, "")
        _LOG.info("task %r started", key or title)
        self.pool.start(_Runnable(fn, args, kwargs, task.token, bridge))
        return task

    # -- state --------------------------------------------------------------------------------
    def is_busy(self) -> bool:
        """True while at least one task runs."""
        return any(t.running for t in self._tasks)

    def current(self) -> Task | None:
        """The most recently started task still running (the one the status bar shows)."""
        running = [t for t in self._tasks if t.running]
        return running[-1] if running else None

    def running_tasks(self) -> list[Task]:
        """Every running task, oldest first."""
        return [t for t in self._tasks if t.running]

    def cancel_all(self) -> None:
        """Ask every running task to stop."""
        for task in self._tasks:
            task.cancel()

    def wait_idle(self, timeout_s: float = 30.0) -> bool:
        """Process events until no task runs (tests, closing the window); False on timeout."""
        deadline = time.monotonic() + timeout_s
        while self.is_busy():
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents()
            time.sleep(0.005)
        QCoreApplication.processEvents()
        return True


class TaskProgress(QWidget):
    """The status-bar display: what runs, a progress bar and a Cancel button; hidden when idle."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(240)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        runner.progressed.connect(self._on_progress)
        runner.busyChanged.connect(self._on_busy)
        # Work that ends within a quarter of a second shows no progress bar (no flicker).
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(_SHOW_DELAY_MS)
        self._show_timer.timeout.connect(lambda: self.setVisible(self.runner.is_busy()))
        self.retranslate()
        self.setVisible(False)

    def retranslate(self) -> None:
        """Set the texts in the current language."""
        self.cancel_button.setText(QCoreApplication.translate("TaskProgress", "Cancel"))
        self.cancel_button.setAccessibleName(
            QCoreApplication.translate("TaskProgress", "Cancel the running task")
        )
        self.bar.setAccessibleName(QCoreApplication.translate("TaskProgress", "Progress"))

    def _on_progress(self, title: str, fraction: float, message: str) -> None:
        self.cancel_button.setEnabled(True)
        self.label.setText(f"{title} – {message}" if message and title else (title or message))
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._show_timer.start()
        else:
            self._show_timer.stop()
            self.setVisible(False)

    def _cancel(self) -> None:
        self.runner.cancel_all()
        self.cancel_button.setEnabled(False)
        self.label.setText(QCoreApplication.translate("TaskProgress", "Cancelling…"))
