"""Step 2, Choose criteria: what the data allows, by family, with coverage and distribution; goals.

The catalogue (families, coverage, distributions) and the goal presets come from the core
(``segmenter_app.core.segmentation.criteria``); this page only shows them and records the choice
in ``analysis.criteria`` and ``analysis.goal`` through undoable commands.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from PySide6.QtCore import QCoreApplication, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.ui.steps.base import (
    CHANGE_CRITERIA,
    CHANGE_CUSTOMERS,
    CHANGE_INPUTS,
    CHANGE_PROJECT,
    CallbackCommand,
    StepPage,
)


@dataclasses.dataclass
class CriterionView:
    """One criterion as the page shows it (from the core's catalogue and histogram)."""

    key: str
    family: str
    family_label: str
    label: str
    kind_label: str
    coverage: float  # share of customers that have a value, 0..1
    counts: list[float]  # histogram bar heights (or category counts)
    bins: list[str]  # a label per bar, for the tooltip and screen readers


MAX_CATEGORY_BARS = 12
# Column names listed per reason in the tooltip of the note on the columns not offered.
MAX_LISTED = 40


def _bins_and_counts(hist: pd.DataFrame, locale: QLocale) -> tuple[list[str], list[float]]:
    if hist.empty:
        return [], []
    counts = [float(c) for c in hist["customers"]]
    if "left" in hist.columns:
        bins = [
            f"{locale.toString(float(lo), 'g', 4)} – {locale.toString(float(hi), 'g', 4)}"
            for lo, hi in zip(hist["left"], hist["right"], strict=True)
        ]
        return bins, counts
    bins = [str(v) for v in hist["value"]]
    if "start" in hist.columns:
        # Calendar periods in date order: the core already keeps their number small; all show.
        return bins, counts
    return bins[:MAX_CATEGORY_BARS], counts[:MAX_CATEGORY_BARS]


def load_catalogue(
    analysis: Analysis, *, progress: ProgressFn = no_progress, cancel: CancelToken | None = None
) -> tuple[list[CriterionView], list[dict[str, Any]], str | None]:
    """The catalogue with a histogram per criterion, the goals, and the sentence saying which
    columns of the files are not offered (worker thread)."""
    from segmenter_app.core.segmentation import criteria

    table = criteria.catalogue(analysis)
    locale = QLocale()
    views: list[CriterionView] = []
    for n, row in enumerate(table.itertuples(index=False)):
        if cancel is not None:
            cancel.check()
        progress(n / max(len(table), 1), "")
        bins, counts = _bins_and_counts(criteria.histogram(analysis, row.criterion), locale)
        views.append(
            CriterionView(
                key=str(row.criterion),
                family=str(row.family),
                family_label=str(row.family_label),
                label=str(row.label),
                kind_label=str(row.kind_label),
                coverage=float(row.coverage),
                counts=counts,
                bins=bins,
            )
        )
    goals = [
        {
            "key": str(g.id),
            "label": str(g.name),
            "why": str(g.why),
            "method": str(g.method),
            "criteria": list(g.criteria),
        }
        for g in criteria.goals(analysis.lang).itertuples(index=False)
    ]
    return views, goals, left_out_note(table, analysis.lang)


class LeftOutText(str):
    """The sentence about the columns not offered, with ``columns``: which ones, per reason."""

    columns: str = ""


def left_out_note(table: pd.DataFrame, lang: str) -> LeftOutText | None:
    """The core's sentence on the columns not offered ("39 more columns..."), carrying the names of
    those columns per reason for its tooltip: the sentence alone did not say which they were."""
    from segmenter_app.core.segmentation import criteria

    text = criteria.left_out_text(table, lang)
    if text is None:
        return None
    note = LeftOutText(text)
    left_out: dict[str, list[str]] = table.attrs.get("left_out", {})
    layout = QCoreApplication.translate("CriteriaPage", "{reason}: {columns}")
    lines = []
    for reason in criteria.LEFT_OUT_REASONS:
        names = [str(n) for n in left_out.get(reason) or []]
        if names:
            shown = ", ".join(names[:MAX_LISTED]) + (", …" if len(names) > MAX_LISTED else "")
            why = criteria.MESSAGES(f"reason_{reason}", lang, n=len(names), limit=criteria.MAX_ATTRIBUTES)
            lines.append(layout.replace("{reason}", why).replace("{columns}", shown))
    note.columns = "\n".join(lines)
    return note


class Histogram(QWidget):
    """A small bar chart of a criterion's distribution (palette colours, so dark mode works)."""

    def __init__(self, counts: Sequence[float], bins: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = [0.0 if (c is None or math.isnan(c)) else float(c) for c in counts]
        self.bins = list(bins)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        total = sum(self.counts) or 1.0
        parts = [
            f"{b}: {c / total:.0%}" if b else f"{c / total:.0%}"
            for b, c in zip(self.bins, self.counts, strict=False)
        ]
        self.setToolTip("\n".join(parts))
        self.setAccessibleName(self.tr("Distribution"))
        self.setAccessibleDescription("; ".join(parts))

    def sizeHint(self) -> QSize:
        """Small and fixed."""
        return QSize(140, 30)

    def paintEvent(self, event: object) -> None:
        """Draw the bars."""
        if not self.counts:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = max(self.counts) or 1.0
        width = self.width() / len(self.counts)
        color = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for i, count in enumerate(self.counts):
            h = (self.height() - 2) * count / top
            painter.drawRect(QRectF(i * width + 1, self.height() - h - 1, max(width - 2, 1), h))
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()


class CriteriaPage(StepPage):
    """Choose which customer attributes the grouping may use, helped by a goal."""

    step_id = "criteria"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.views: list[CriterionView] = []
        self.goals: list[dict[str, Any]] = []
        self.checks: dict[str, QCheckBox] = {}
        self._loaded_for: int | None = None  # id of the customer table the catalogue describes
        layout = QVBoxLayout(self)
        goal_row = QHBoxLayout()
        self.goal_label = QLabel(self.tr("&Goal:"), self)
        self.goal_combo = QComboBox(self)
        self.goal_combo.setAccessibleName(self.tr("Goal"))
        self.goal_label.setBuddy(self.goal_combo)
        self.goal_combo.activated.connect(self._on_goal_chosen)
        goal_row.addWidget(self.goal_label)
        goal_row.addWidget(self.goal_combo, 1)
        layout.addLayout(goal_row)
        self.goal_help = QLabel(self)
        self.goal_help.setWordWrap(True)
        layout.addWidget(self.goal_help)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll, 1)
        # A wide customers file offers its best filled columns only: which others were left out.
        self.left_out = QLabel(self)
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: palette(mid);")
        self.left_out.setVisible(False)
        layout.addWidget(self.left_out)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)

    def title(self) -> str:
        """Step name."""
        return self.tr("Choose criteria")

    def is_complete(self) -> bool:
        """Criteria are optional (RFM needs none): complete once a customer table exists."""
        return self.ctx is not None and self.ctx.analysis.customers is not None

    def on_context_changed(self, what: str) -> None:
        """A new customer table needs a new catalogue; criteria changes only re-tick the boxes."""
        if what in (CHANGE_INPUTS, CHANGE_CUSTOMERS, CHANGE_PROJECT):
            self._loaded_for = None
        if self.isVisible():
            if what == CHANGE_CRITERIA:
                self._sync_checks()
            else:
                self.refresh()
        self.completeChanged.emit()

    def refresh(self) -> None:
        """Load the catalogue for the current customer table (in the background), then show it."""
        customers = self.ctx.analysis.customers
        if customers is None:
            self._show([], [])
            return
        if self._loaded_for == id(customers):
            self._sync_checks()
            return
        self._loaded_for = id(customers)
        self.ctx.tasks.run(
            load_catalogue,
            self.ctx.snapshot(),
            title=self.tr("Describing the criteria"),
            key="criteria",
            on_done=self._loaded,
            on_error=self._on_error,
        )

    def _on_error(self, error: BaseException) -> bool:
        if isinstance(error, ImportError):  # the catalogue is not in this version of the core
            self._show([], [])
            self.summary.setText(self.tr("The criteria catalogue is coming in a later version of Segmenter."))
            return True
        self._loaded_for = None  # try again on the next visit
        return False

    def _loaded(self, result: tuple[list[CriterionView], list[dict[str, Any]], str | None]) -> None:
        self._show(*result)

    def _show(
        self, views: list[CriterionView], goals: list[dict[str, Any]], left_out: str | None = None
    ) -> None:
        self.views, self.goals = views, goals
        self.left_out.setText(left_out or "")
        self.left_out.setToolTip(getattr(left_out, "columns", ""))
        self.left_out.setVisible(bool(left_out))
        self.checks = {}
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        families = list(dict.fromkeys(v.family for v in views))  # in the core's order
        for family in families:
            members = [v for v in views if v.family == family]
            box = QGroupBox(members[0].family_label, self.body)
            grid = QGridLayout(box)
            grid.setColumnStretch(0, 1)
            for row, view in enumerate(members):
                check = QCheckBox(view.label, box)
                check.setObjectName(f"criterion_{view.key}")
                check.setToolTip(view.kind_label)
                check.toggled.connect(lambda on, key=view.key: self._on_toggled(key, on))
                coverage = QLabel(
                    self.tr("%1 of customers").replace("%1", _percent(self.locale(), view.coverage)), box
                )
                coverage.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                coverage.setToolTip(self.tr("Share of customers with a value for this criterion"))
                filled = [b for b, c in zip(view.bins, view.counts, strict=False) if c > 0]
                if view.coverage > 0 and len(filled) == 1 and sum(view.counts) > 1:
                    # "has an e-mail: 100 % of customers" for a file without any e-mail read as if
                    # every customer had one: a criterion whose value is the same for everyone
                    # (no e-mail, no return, no discount in the data) says so instead.
                    coverage.setText(self.tr("same for every customer"))
                    coverage.setToolTip(
                        self.tr(
                            "Every customer has the same value (%1): this criterion cannot tell them apart."
                        ).replace("%1", self._value_text(filled[0]))
                    )
                    coverage.setStyleSheet("color: palette(mid);")
                elif view.coverage <= 0:
                    # "0 % of customers" for the days since the last purchase of a customers list
                    # without orders read as a measured zero: the files simply do not hold it.
                    coverage.setText(self.tr("not in your files"))
                    coverage.setToolTip(self.tr("None of your files gives a value for this criterion."))
                    coverage.setStyleSheet("color: palette(mid);")
                elif view.coverage < 0.5:
                    coverage.setStyleSheet("color: palette(mid);")
                grid.addWidget(check, row, 0)
                grid.addWidget(coverage, row, 1)
                grid.addWidget(Histogram(view.counts, view.bins, box), row, 2)
                self.checks[view.key] = check
            self.body_layout.addWidget(box)
        if not views:
            empty = QLabel(
                self.tr("Import your files in step 1 to see the criteria your data allows."), self.body
            )
            empty.setWordWrap(True)
            self.body_layout.addWidget(empty)
        self.body_layout.addStretch(1)
        self.goal_combo.blockSignals(True)
        self.goal_combo.clear()
        self.goal_combo.addItem(self.tr("No particular goal"), "")
        for goal in goals:
            self.goal_combo.addItem(goal["label"], goal["key"])
        self.goal_combo.blockSignals(False)
        self._sync_checks()

    def _value_text(self, value: str) -> str:
        """A histogram value as the user reads it: yes/no for flags, numbers in the locale."""
        if value in ("True", "False"):
            return self.tr("yes") if value == "True" else self.tr("no")
        try:
            return self.locale().toString(float(value), "g", 6)
        except ValueError:
            return value

    def _sync_checks(self) -> None:
        analysis = self.ctx.analysis
        chosen = set(analysis.criteria)
        for key, check in self.checks.items():
            check.blockSignals(True)
            check.setChecked(key in chosen)
            check.blockSignals(False)
        index = max(0, self.goal_combo.findData(analysis.goal or ""))
        self.goal_combo.setCurrentIndex(index)
        goal = next((g for g in self.goals if g["key"] == analysis.goal), None)
        if goal:
            self.goal_help.setText(
                self.tr("%1 Suggested method: %2.")
                .replace("%1", goal["why"])
                .replace("%2", self._method_name(goal["method"]))
            )
        else:
            self.goal_help.setText(
                self.tr(
                    "Choose a goal to have criteria and a method proposed, or tick the criteria yourself."
                )
            )
        self.summary.setText(
            self.tr("%Ln criteria chosen.", "", len([k for k in analysis.criteria if k in self.checks]))
        )

    def _set_choice(
        self, criteria: list[str], goal: str | None, text: str, method: str | None = None
    ) -> None:
        """Set the chosen criteria, goal and the goal's proposed method (undoable)."""
        analysis = self.ctx.analysis
        old = (list(analysis.criteria), analysis.goal, analysis.suggested_method)
        new = (list(criteria), goal, method if goal else None)

        def apply(values: tuple[list[str], str | None, str | None]) -> None:
            analysis.criteria, analysis.goal, analysis.suggested_method = (
                list(values[0]),
                values[1],
                values[2],
            )
            self.ctx.notify(CHANGE_CRITERIA)

        self.ctx.undo_stack.push(CallbackCommand(text, lambda: apply(new), lambda: apply(old)))

    def _on_toggled(self, key: str, on: bool) -> None:
        current = [k for k in self.ctx.analysis.criteria if k != key]
        if on:
            current.append(key)
        analysis = self.ctx.analysis
        self._set_choice(current, analysis.goal, self.tr("Choose criteria"), analysis.suggested_method)

    def _method_name(self, method: str) -> str:
        return {
            "rfm": self.tr("RFM scores"),
            "rules": self.tr("rules"),
            "clusters": self.tr("clusters"),
            "predictive": self.tr("predictions"),
        }.get(method, method)

    def _on_goal_chosen(self, index: int) -> None:
        key = self.goal_combo.itemData(index) or None
        if key == self.ctx.analysis.goal:
            return
        if key:
            from segmenter_app.core.segmentation import criteria

            # The core proposes the goal's criteria that this data actually has, and a method
            # that the Group step starts with.
            proposal = criteria.propose(self.ctx.analysis, key)
            criteria_list, method = list(proposal["criteria"]), str(proposal["method"])
        else:
            criteria_list, method = list(self.ctx.analysis.criteria), None
        self._set_choice(criteria_list, key, self.tr("Choose a goal"), method)


def _percent(locale: Any, fraction: float) -> str:
    return locale.toString(fraction * 100, "f", 0) + "\u00a0%"
