"""Hand edits on the Group page: rename, merge and move, each one undoable.

The edits themselves are ``core.segmentation.edits``; this module applies one to the analysis,
keeps the plans and the control group in step with the new sizes, and pushes an undo command that
restores the whole state before or after the edit (segmentation, edit log, plans).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import UserError
from segmenter_app.ui import errors
from segmenter_app.ui.steps.base import CHANGE_EDITS, CallbackCommand

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QTableView

    from segmenter_app.ui.steps.base import StepContext
    from segmenter_app.ui.table_model import DataFrameModel


class GroupEditsMixin:
    """Rename, merge and move for the Group page (a :class:`StepPage` subclass).

    Uses the page's ``ctx``, its customer table (``customers_view``, ``model``, ``move_combo``)
    and its ``_generation``, ``_recheck``, ``_notify`` and ``_render``.
    """

    ctx: StepContext | None
    customers_view: QTableView
    model: DataFrameModel
    move_combo: QComboBox
    _generation: int

    def rename_segment(self, key: str, name: str) -> None:
        """Rename a segment (undoable)."""
        from segmenter_app.core.segmentation import edits

        self._edit(self.tr("Rename segment"), lambda a: edits.rename(a, key, name))

    def merge_segments(self, keys: list[str]) -> None:
        """Merge segments into the first (undoable)."""
        from segmenter_app.core.segmentation import edits

        self._edit(self.tr("Merge segments"), lambda a: edits.merge(a, keys))

    def move_customers(self, ids: list[str], to: str) -> None:
        """Move customers by hand into segment ``to`` (undoable)."""
        from segmenter_app.core.segmentation import edits

        self._edit(self.tr("Move customers"), lambda a: edits.move(a, ids, to))

    def _move_selected(self) -> None:
        rows = sorted({i.row() for i in self.customers_view.selectionModel().selectedRows()})
        to = self.move_combo.currentData()
        if rows and to:
            self.move_customers([str(self.model.index_value(r)) for r in rows], str(to))

    def _edit(self, text: str, apply: Callable[[Analysis], Any]) -> None:
        """Apply an edit through the core now; push a command that restores either state."""
        from segmenter_app.core import actions

        analysis = self.ctx.analysis
        if analysis.segmentation is None:
            return
        before = _capture(analysis)
        try:
            apply(analysis)
            if analysis.plans:
                actions.suggest_plans(analysis)  # sizes changed: budgets follow, user edits kept
                actions.draw_control(analysis)
        except UserError as error:
            _restore(analysis, before)
            errors.show_user_error(self, error)
            return
        after = _capture(analysis)
        first = [True]

        def redo() -> None:
            if not first[0]:
                _restore(self.ctx.analysis, after)
            first[0] = False
            self._after_edit()

        def undo() -> None:
            _restore(self.ctx.analysis, before)
            self._after_edit()

        self.ctx.undo_stack.push(CallbackCommand(text, redo, undo))

    def _after_edit(self) -> None:
        self._generation += 1
        self._recheck()
        self._notify(CHANGE_EDITS)
        self._render()


def _copy_segmentation(seg: Segmentation) -> Segmentation:
    """A copy that later edits of ``seg`` (or of the copy) leave alone."""
    return Segmentation(
        method=seg.method,
        parameters=copy.deepcopy(seg.parameters),
        assignments=seg.assignments.copy(),
        segments=seg.segments.copy(),
        details=copy.deepcopy(seg.details),
    )


@dataclass
class _State:
    segmentation: Segmentation
    edits: list[dict[str, Any]]
    plans: dict[str, dict[str, Any]]


def _capture(analysis: Analysis) -> _State:
    assert analysis.segmentation is not None
    return _State(
        _copy_segmentation(analysis.segmentation),
        copy.deepcopy(analysis.edits),
        copy.deepcopy(analysis.plans),
    )


def _restore(analysis: Analysis, state: _State) -> None:
    # A copy again: the state may be restored more than once (undo, redo, undo...).
    analysis.segmentation = _copy_segmentation(state.segmentation)
    analysis.edits = copy.deepcopy(state.edits)
    analysis.plans = copy.deepcopy(state.plans)
