"""What every step page shares: :class:`StepPage` (the base class) and :class:`StepContext`.

How a step page plugs into the main window
------------------------------------------
The main window creates each page with no arguments (``GroupPage()``), then calls
``page.set_context(ctx)`` once, before the page is ever shown. From then on:

* ``title()`` gives the step's name for the navigator (translated, short: "Group").
* ``refresh()`` is called every time the page becomes the current step, and also when the shared
  :class:`~segmenter_app.core.analysis.Analysis` changed while the page is visible. It must
  rebuild the whole view from ``self.ctx.analysis`` (never from state kept only in widgets):
  the window rebuilds every page when the user switches language, and replaces the analysis when
  a project is opened; both go through ``set_context`` + ``refresh``.
* ``is_complete()`` says whether the step is done (Group: a segmentation exists). A step opens in
  the navigator only when every step before it is complete; Next is enabled when the current page
  is complete. Emit ``completeChanged`` whenever the answer may have changed.
* Every visible string goes through ``self.tr("...")`` (Qt's translation system; the ``.ts`` files
  are generated from the source by ``resources/translations/build.py``). Override
  ``retranslate()`` only if you keep texts that must change without a rebuild (rarely needed).

The context (``self.ctx``, a :class:`StepContext`)
--------------------------------------------------
* ``ctx.analysis`` -- the one shared ``Analysis`` (read it on the GUI thread only).
* ``ctx.tasks`` -- the :class:`~segmenter_app.ui.tasks.TaskRunner`. Long work (anything that may take
  more than ~50 ms on a million order lines: segmentation, fitting, import, export) must run there,
  never on the GUI thread::

      scratch = self.ctx.snapshot()          # shallow copy: the worker never mutates ctx.analysis
      self.ctx.tasks.run(
          segmentation.segment, scratch, "clusters", {"k": "auto"},
          title=self.tr("Grouping customers"),
          key="group",                         # a newer run with the same key replaces this one
          on_done=self._apply,                 # GUI thread: copy the result into ctx.analysis
      )

  ``on_done`` receives the function's return value; then the page writes into ``ctx.analysis`` and
  calls ``ctx.notify("segmentation")``. Errors are shown by the runner (``i18n.UserError`` as a
  friendly message in the interface language; anything else as the "unexpected error" dialog).
  ``ctx.tasks.wait_idle()`` lets tests wait for the result.
* ``ctx.undo_stack`` -- the window's ``QUndoStack`` (Edit > Undo/Redo). Push a command for every
  user edit that changes the analysis (mapping, rules, renames, merges, moves, plans). Use
  :class:`CallbackCommand` (two callables) or :class:`AnalysisAttributeCommand` (set one attribute
  of the analysis). Commands must call ``ctx.notify(...)`` so the pages refresh.
* ``ctx.notify(what)`` -- emits ``ctx.changed(what)`` after a page changed the analysis. ``what`` is
  one of the ``CHANGE_*`` names below. The window then marks the project as modified, re-evaluates
  which steps are open, enables Export once a segmentation exists, and refreshes the visible page.
* ``ctx.lang`` -- the interface language ("en" or "fr"), for core functions that take ``lang``.
* ``ctx.locale()`` -- the QLocale for numbers, dates and money (``ui.table_model`` formats with it).
* ``ctx.request_export()`` -- opens the Export dialog (e.g. a button on the Act page).

Shared widgets: ``segmenter_app.ui.table_model.DataFrameModel`` (lazy, sortable, filterable table
of a DataFrame, e.g. the customer table filtered by a chart selection).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from segmenter_app.core.analysis import Analysis

if TYPE_CHECKING:
    from segmenter_app.ui.tasks import TaskRunner

# What changed in the analysis (the argument of ctx.notify / ctx.changed).
CHANGE_INPUTS = "inputs"  # import: inputs, transactions, excluded, account
CHANGE_CUSTOMERS = "customers"  # customer table, analysis date
CHANGE_CRITERIA = "criteria"  # chosen criteria, goal
CHANGE_SEGMENTATION = "segmentation"  # a new segmentation (method, parameters, assignments)
CHANGE_EDITS = "edits"  # renames, merges, moves on the current segmentation
CHANGE_PLANS = "plans"  # action plans, control share, control group
CHANGE_MEASUREMENTS = "measurements"  # imported results
CHANGE_PROJECT = "project"  # a whole new analysis (project opened, new project)


class StepContext(QObject):
    """Shared access to the analysis, the task runner and the undo stack (one per window)."""

    changed = Signal(str)  # a CHANGE_* name; emitted on the GUI thread
    exportRequested = Signal()

    def __init__(
        self,
        analysis: Analysis,
        tasks: TaskRunner,
        undo_stack: QUndoStack,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._analysis = analysis
        self.tasks = tasks
        self.undo_stack = undo_stack

    @property
    def analysis(self) -> Analysis:
        """The shared analysis (GUI thread only)."""
        return self._analysis

    def replace_analysis(self, analysis: Analysis) -> None:
        """Swap in a whole new analysis (opened project) and tell every page."""
        self._analysis = analysis
        self.undo_stack.clear()
        self.notify(CHANGE_PROJECT)

    @property
    def lang(self) -> str:
        """The interface language, "en" or "fr" (also the analysis language)."""
        return self._analysis.lang

    def locale(self) -> QLocale:
        """The locale numbers, dates and money are shown in."""
        return QLocale()

    def snapshot(self) -> Analysis:
        """A shallow copy of the analysis for a worker thread to fill without racing the GUI.

        DataFrames are shared, not copied (core functions replace attributes rather than mutate
        frames in place); lists and dicts the core appends to are copied.
        """
        scratch = copy.copy(self._analysis)
        scratch.inputs = list(self._analysis.inputs)
        scratch.criteria = list(self._analysis.criteria)
        scratch.edits = [dict(e) for e in self._analysis.edits]
        scratch.plans = {k: dict(v) for k, v in self._analysis.plans.items()}
        scratch.measurements = list(self._analysis.measurements)
        scratch.timings_s = dict(self._analysis.timings_s)
        return scratch

    def notify(self, what: str) -> None:
        """Say that the analysis changed (``what`` is a CHANGE_* name)."""
        self.changed.emit(what)

    def request_export(self) -> None:
        """Open the Export dialog."""
        self.exportRequested.emit()


class StepPage(QWidget):
    """Base class of the five step pages. Subclasses override title, refresh and is_complete."""

    completeChanged = Signal()

    #: Stable id of the step: "collect", "criteria", "group", "act" or "measure".
    step_id: str = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: StepContext | None = None

    def title(self) -> str:
        """The step's name in the navigator (translated)."""
        raise NotImplementedError

    def set_context(self, ctx: StepContext) -> None:
        """Attach the shared context; called once by the window before the page is shown.

        Subclasses that override it must call ``super().set_context(ctx)`` first.
        """
        self.ctx = ctx
        ctx.changed.connect(self.on_context_changed)

    def on_context_changed(self, what: str) -> None:
        """The analysis changed (``what`` is a CHANGE_* name): refresh if visible, re-check completion.

        Override to react to specific changes only; the default refreshes a visible page.
        """
        if self.isVisible():
            self.refresh()
        self.completeChanged.emit()

    def refresh(self) -> None:
        """Rebuild the view from ``self.ctx.analysis``; called each time the page is shown."""

    def is_complete(self) -> bool:
        """True when the step is done and the next one may open."""
        return False

    def retranslate(self) -> None:
        """Re-set texts after a language change (the window normally rebuilds pages instead)."""


class PlaceholderPage(StepPage):
    """Stands in for a step whose page is not available in this version."""

    def __init__(self, step_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step_id = step_id
        self._title = title
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setText(
            self.tr("The “%1” step is coming in a later version of Segmenter.").replace("%1", title)
        )
        layout.addWidget(self.label)
        layout.addStretch(1)

    def title(self) -> str:
        """The step's name."""
        return self._title

    def is_complete(self) -> bool:
        """A missing Group step is complete once segments exist (e.g. from a project); others always."""
        if self.step_id == "group" and self.ctx is not None:
            return self.ctx.analysis.segmentation is not None
        return True


class CallbackCommand(QUndoCommand):
    """An undoable edit given as two callables (each should end with ``ctx.notify(...)``)."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo

    def redo(self) -> None:
        """Apply (also called by ``QUndoStack.push``)."""
        self._redo()

    def undo(self) -> None:
        """Revert."""
        self._undo()


class AnalysisAttributeCommand(QUndoCommand):
    """Set one attribute of the shared analysis, undoably, then ``ctx.notify(change)``."""

    def __init__(self, ctx: StepContext, attribute: str, value: Any, change: str, text: str) -> None:
        super().__init__(text)
        self.ctx, self.attribute, self.change = ctx, attribute, change
        self.new = value
        self.old = copy.deepcopy(getattr(ctx.analysis, attribute))

    def redo(self) -> None:
        """Set the new value."""
        setattr(self.ctx.analysis, self.attribute, copy.deepcopy(self.new))
        self.ctx.notify(self.change)

    def undo(self) -> None:
        """Put the old value back."""
        setattr(self.ctx.analysis, self.attribute, copy.deepcopy(self.old))
        self.ctx.notify(self.change)
