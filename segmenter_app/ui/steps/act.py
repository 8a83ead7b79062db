"""Step 4, Act: one card per segment with its persona, the editable plan, the budget and the control group.

Plans come from ``core.actions.suggest_plans`` (the Group page suggests them with each new
grouping; this page suggests them if they are missing). Every edit goes through
``core.actions.update_plan`` on the undo stack (a burst of changes to one number is one undo
step); the default control share applies to every plan the user did not set by hand. The page
only shows what the core computes: budgets, ROI, the smallest detectable uplift.
"""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import UserError
from segmenter_app.ui import errors
from segmenter_app.ui.charts.base import format_money, format_percent
from segmenter_app.ui.steps.act_card import PlanCard
from segmenter_app.ui.steps.base import CHANGE_PLANS, StepContext, StepPage

_MERGE_ID = 4201  # QUndoCommand id of plan edits (merged when the same field changes again)


def _control_flags(analysis: Analysis) -> Any:
    seg = analysis.segmentation
    if seg is None or s.A_CONTROL not in seg.assignments.columns:
        return None
    return seg.assignments[s.A_CONTROL].copy()


def _restore(analysis: Analysis, plans: dict[str, dict[str, Any]], control: Any, share: float) -> None:
    analysis.plans = copy.deepcopy(plans)
    analysis.control_share = share
    seg = analysis.segmentation
    if seg is not None and control is not None:
        seg.assignments[s.A_CONTROL] = control.reindex(seg.assignments.index).fillna(False).astype(bool)


class PlanEditCommand(QUndoCommand):
    """Change one field of one plan (or, with ``key=None``, the default control share)."""

    def __init__(self, page: ActPage, key: str | None, field: str, value: Any, text: str) -> None:
        super().__init__(text)
        self.page, self.key, self.field, self.value = page, key, field, value
        analysis = page.ctx.analysis
        self.before = (copy.deepcopy(analysis.plans), _control_flags(analysis), analysis.control_share)

    def id(self) -> int:
        """Edits of numbers merge: dragging a spin box is one undo step."""
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Merge a following change of the same field of the same plan."""
        if not isinstance(other, PlanEditCommand) or (other.key, other.field) != (self.key, self.field):
            return False
        if isinstance(self.value, str):  # texts are committed whole: keep each as its own step
            return False
        self.value = other.value
        return True

    def redo(self) -> None:
        """Apply through the core."""
        from segmenter_app.core import actions

        analysis = self.page.ctx.analysis
        try:
            if self.key is None:
                analysis.control_share = float(self.value)
                actions.suggest_plans(analysis)
                actions.draw_control(analysis)
            else:
                actions.update_plan(analysis, self.key, **{self.field: self.value})
        except UserError as error:
            _restore(analysis, *self.before)
            self.setObsolete(True)
            errors.show_user_error(self.page, error)
        self.page.plans_changed(self.key, self.field)

    def undo(self) -> None:
        """Put the plans and the control group back."""
        _restore(self.page.ctx.analysis, *self.before)
        self.page.plans_changed(self.key, self.field)


class ActPage(StepPage):
    """Plans per segment (see the module docstring)."""

    step_id = "act"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[str, PlanCard] = {}
        self._notifying = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.control_share = QDoubleSpinBox()
        self.control_share.setRange(0.0, 50.0)
        self.control_share.setDecimals(0)
        self.control_share.setSuffix("\u00a0%")
        self.control_share.setAccessibleName(self.tr("Default control group share"))
        self.control_share.setToolTip(
            self.tr("Share of each segment kept out of the campaign to measure its effect")
        )
        self.control_share.valueChanged.connect(self._on_default_share)
        share_label = QLabel(self.tr("Default &control group"))
        share_label.setBuddy(self.control_share)
        self.export_button = QPushButton(self.tr("Export the workbook…"))
        self.export_button.clicked.connect(lambda: self.ctx.request_export() if self.ctx else None)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(share_label)
        top.addWidget(self.control_share)
        top.addWidget(self.export_button)
        self.cards_box = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.cards_box)
        self.scroll.setAccessibleName(self.tr("Plans per segment"))
        self.empty = QLabel(
            self.tr("Group the customers first (step 3): each segment then gets a plan here.")
        )
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroll, 1)

    def title(self) -> str:
        """The step's name in the navigator."""
        return self.tr("Act")

    def set_context(self, ctx: StepContext) -> None:
        """Attach the context."""
        super().set_context(ctx)

    def is_complete(self) -> bool:
        """Done when every segment has a plan."""
        if self.ctx is None or self.ctx.analysis.segmentation is None:
            return False
        keys = set(self.ctx.analysis.segmentation.segments["key"])
        return bool(keys) and keys <= set(self.ctx.analysis.plans)

    def on_context_changed(self, what: str) -> None:
        """Rebuild on outside changes only (our own edits update the cards in place)."""
        if self._notifying:
            self.completeChanged.emit()
            return
        super().on_context_changed(what)

    # --- building ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Suggest plans when they are missing or stale, then draw one card per segment."""
        if self.ctx is None:
            return
        analysis = self.ctx.analysis
        seg = analysis.segmentation
        self.empty.setVisible(seg is None)
        self.scroll.setVisible(seg is not None)
        if seg is None:
            self._clear_cards()
            self.summary.setText("")
            return
        if not self.is_complete() or s.A_CONTROL not in seg.assignments.columns:
            from segmenter_app.core import actions

            actions.suggest_plans(analysis)  # keeps the user's edits of earlier plans
            actions.draw_control(analysis)
            self._notify()
        self.control_share.blockSignals(True)
        self.control_share.setValue(round(100.0 * float(analysis.control_share)))
        self.control_share.blockSignals(False)
        self._build_cards()
        self._update_summary()

    def _clear_cards(self) -> None:
        for card in self.cards.values():
            self.cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = {}

    def _build_cards(self) -> None:
        from segmenter_app.core.actions.wording import currency_of

        analysis = self.ctx.analysis
        self._clear_cards()
        currency = currency_of(analysis)
        order = sorted(analysis.plans.values(), key=lambda p: (int(p.get("priority") or 99), str(p["key"])))
        keys = set(analysis.segmentation.segments["key"])
        for plan in order:
            if plan["key"] not in keys:
                continue
            card = PlanCard(plan, currency)
            card.edited.connect(self.edit_plan)
            card.resetRequested.connect(self.reset_plan)
            self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
            self.cards[str(plan["key"])] = card

    def _update_summary(self) -> None:
        from segmenter_app.core.actions.wording import currency_of

        plans = [p for k, p in self.ctx.analysis.plans.items() if k in self.cards]
        budget = float(np.nansum([p.get("budget") or 0.0 for p in plans]))
        net = float(np.nansum([p.get("expected_return") or 0.0 for p in plans]))
        contacts = int(sum(int(p.get("contacts") or 0) for p in plans))
        currency = currency_of(self.ctx.analysis)
        # Each count with its plural: a shop with one segment read "1 plans, 1 customers to contact".
        text = (
            self.tr("{plans}, {contacts}, budget {budget}, expected return {net}")
            .replace("{plans}", self.tr("%n plan(s)", "", len(plans)))
            .replace("{contacts}", self.tr("%Ln customer(s) to contact", "", contacts))
            # Cents while the budget is small: a 0.30 budget read "budget €0" beside an ROI of 667 %.
            .replace("{budget}", format_money(budget, 2 if budget < 100 else 0, currency))
            .replace("{net}", format_money(net, 0, currency))
        )
        if budget > 0:
            text += " " + self.tr("(ROI {roi}).").replace("{roi}", format_percent(net / budget))
        self.summary.setText(text)

    # --- editing -----------------------------------------------------------------------------
    def edit_plan(self, key: str, field: str, value: Any) -> None:
        """Change a plan's field (undoable)."""
        self.ctx.undo_stack.push(PlanEditCommand(self, key, field, value, self.tr("Edit the plan")))

    def reset_plan(self, key: str) -> None:
        """Forget the user's changes to one plan: back to the suggestion (undoable)."""
        self.ctx.undo_stack.push(_ResetCommand(self, key, self.tr("Back to the suggested plan")))

    def _on_default_share(self, value: float) -> None:
        self.ctx.undo_stack.push(
            PlanEditCommand(
                self, None, "control_share", round(value / 100.0, 4), self.tr("Change the control share")
            )
        )

    def plans_changed(self, key: str | None, field: str) -> None:
        """After an edit or its undo: update the cards in place, or rebuild when the order changed."""
        analysis = self.ctx.analysis
        self._notify()
        self.control_share.blockSignals(True)
        self.control_share.setValue(round(100.0 * float(analysis.control_share)))
        self.control_share.blockSignals(False)
        if field == "priority" or key is None or field == "reset":
            # Later, not inside the signal of the widget being edited (it may be replaced).
            QTimer.singleShot(0, self._rebuild_later)
            return
        card = self.cards.get(key)
        plan = analysis.plans.get(key)
        if card is not None and plan is not None:
            card.set_plan(plan)
        for other_key, other in self.cards.items():  # priorities of the others may have moved
            if other_key in analysis.plans:
                other.show_figures(analysis.plans[other_key])
        self._update_summary()

    def _rebuild_later(self) -> None:
        if self.ctx is not None and self.ctx.analysis.segmentation is not None:
            self._build_cards()
            self._update_summary()

    def _notify(self) -> None:
        self._notifying = True
        try:
            self.ctx.notify(CHANGE_PLANS)
        finally:
            self._notifying = False


class _ResetCommand(QUndoCommand):
    """Drop one plan's edits and suggest it again."""

    def __init__(self, page: ActPage, key: str, text: str) -> None:
        super().__init__(text)
        self.page, self.key = page, key
        analysis = page.ctx.analysis
        self.before = (copy.deepcopy(analysis.plans), _control_flags(analysis), analysis.control_share)

    def redo(self) -> None:
        """Forget the edits of the plan, suggest again, redraw the control group."""
        from segmenter_app.core import actions

        analysis = self.page.ctx.analysis
        analysis.plans.pop(self.key, None)
        actions.suggest_plans(analysis)
        actions.draw_control(analysis)
        self.page.plans_changed(self.key, "reset")

    def undo(self) -> None:
        """Put the edited plan back."""
        _restore(self.page.ctx.analysis, *self.before)
        self.page.plans_changed(self.key, "reset")
