"""Step 3, Group: choose a method, see the segments, check them, edit them by hand.

The page runs ``core.segmentation.segment`` on the task runner whenever the method or one of its
parameters changes (debounced, so typing three cut points runs one computation), then suggests
the plans and draws the control group so the next steps and the scorecard's "actionable" check
see them. Everything shown is rebuilt from ``ctx.analysis`` in :meth:`refresh`.

Interactions: a click on a segment bar, an RFM cell, a scorecard row or a rectangle of the cluster
map filters the customer table (each row shows the customer's reason); renames, merges and moves
go through ``core.segmentation.edits`` and onto the undo stack; parameter changes are undoable
too. No grouping logic lives here: the background work is ``group_compute.py``, the hand edits
``group_edits.py`` and the data behind the table and charts ``group_view.py``.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Segmentation
from segmenter_app.core.i18n import UserError
from segmenter_app.ui.charts import ClusterMapChart, RfmGridChart, SegmentBarsChart, SilhouetteChart
from segmenter_app.ui.steps.base import CHANGE_SEGMENTATION, CallbackCommand, StepPage
from segmenter_app.ui.steps.group_compute import (
    GroupResult,
    check_segments,
    compute_group,
    default_parameters,
)
from segmenter_app.ui.steps.group_edits import GroupEditsMixin
from segmenter_app.ui.steps.group_filter import GroupFilterMixin
from segmenter_app.ui.steps.group_params import ClusterParams, PredictiveParams, RfmParams
from segmenter_app.ui.steps.group_rules import RulesParams
from segmenter_app.ui.steps.group_segments import SegmentsPanel
from segmenter_app.ui.steps.group_view import (
    cluster_points,
    customer_frame,
    customer_headers,
    rfm_grid_data,
    silhouette_series,
)
from segmenter_app.ui.table_model import DataFrameModel

METHODS = ("rfm", "rules", "clusters", "predictive")


def has_buyers(customers: pd.DataFrame | None) -> bool:
    """Whether any customer has a purchase to score (RFM needs one); True while nothing is known."""
    if customers is None or s.C_FREQUENCY not in customers or s.C_RECENCY not in customers:
        return customers is None
    return bool(((customers[s.C_FREQUENCY].fillna(0) > 0) & customers[s.C_RECENCY].notna()).any())


DEBOUNCE_MS = 400
STALE_CHANGES = ("inputs", "customers", "project")


class GroupPage(GroupEditsMixin, GroupFilterMixin, StepPage):
    """Methods, charts, scorecard and customer table of step 3 (see the module docstring)."""

    step_id = "group"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.requested: dict[str, dict[str, Any]] = default_parameters()
        self.method = "rfm"
        # Set once the user picks a method here; until then the goal's proposed method is used.
        self._method_chosen = False
        self.card = pd.DataFrame()
        self.summary = pd.DataFrame()
        self._stale = False
        self._generation = 0  # bumped by every hand edit; an older background result is recomputed
        self._filter_text = ""
        self._notifying = False
        self._shown: Segmentation | None = None  # the segmentation whose parameters the panels show
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.compute_now)
        self._build()

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.method_combo = QComboBox()
        for method, label in (
            ("rfm", self.tr("RFM scores (recency, frequency, spend)")),
            ("rules", self.tr("Rules you write, in priority order")),
            ("clusters", self.tr("Clusters found in the data")),
            ("predictive", self.tr("Predictions (still active, lifetime value)")),
        ):
            self.method_combo.addItem(label, method)
        self.method_combo.setAccessibleName(self.tr("Grouping method"))
        self.method_combo.currentIndexChanged.connect(self._on_method_chosen)
        method_label = QLabel(self.tr("&Method"))
        method_label.setBuddy(self.method_combo)
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(method_label)
        top.addWidget(self.method_combo)
        top.addWidget(self.status, 1)

        self.rfm_params = RfmParams()
        self.rules_params = RulesParams()
        self.cluster_params = ClusterParams()
        self.predictive_params = PredictiveParams()
        self.params_stack = QStackedWidget()
        self.panels = {
            "rfm": self.rfm_params,
            "rules": self.rules_params,
            "clusters": self.cluster_params,
            "predictive": self.predictive_params,
        }
        for method, panel in self.panels.items():
            self.params_stack.addWidget(panel)
            panel.parametersChanged.connect(lambda params, m=method: self.change_parameters(m, params))

        self.bars = SegmentBarsChart()
        self.rfm_grid = RfmGridChart()
        self.cluster_map = ClusterMapChart()
        self.silhouette = SilhouetteChart()
        self.charts = QTabWidget()
        self.charts.setAccessibleName(self.tr("Charts"))
        self.charts.addTab(self.bars, self.tr("Segments"))
        self.charts.addTab(self.rfm_grid, self.tr("RFM grid"))
        self.charts.addTab(self.cluster_map, self.tr("Cluster map"))
        self.charts.addTab(self.silhouette, self.tr("Silhouette"))
        self.bars.selectionChanged.connect(self._on_segments_selected)
        self.rfm_grid.scoresSelected.connect(self._on_cells_selected)
        self.cluster_map.pointsSelected.connect(self._on_points_selected)
        self.silhouette.kClicked.connect(self.cluster_params.set_k)

        self.segments = SegmentsPanel()
        self.segments.renameRequested.connect(self.rename_segment)
        self.segments.mergeRequested.connect(self.merge_segments)
        self.segments.selectionChanged.connect(lambda keys: self._on_segments_selected(keys, reveal=False))

        self.model = DataFrameModel(
            parent=self, decimals={s.C_RECENCY: 0, s.C_FREQUENCY: 0, s.C_MONETARY: 2, s.C_AVG_BASKET: 2}
        )
        self.customers_view = QTableView()
        self.customers_view.setModel(self.model)
        self.customers_view.setSortingEnabled(True)
        self.customers_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.customers_view.setAccessibleName(self.tr("Customers and the reason for their segment"))
        self.customers_view.horizontalHeader().setStretchLastSection(True)
        # Fit columns to the first rows only: measuring every loaded row stalls the window.
        self.customers_view.horizontalHeader().setResizeContentsPrecision(40)
        self.filter_label = QLabel()
        # Wraps rather than widening the page: on one line the French "Les 9 000 clients. Cliquez
        # sur un graphique pour filtrer." and its button made Group scroll sideways.
        self.filter_label.setWordWrap(True)
        self.clear_filter_button = QPushButton(self.tr("Show all customers"))
        self.clear_filter_button.clicked.connect(self.clear_filter)
        self.move_combo = QComboBox()
        self.move_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.move_combo.setAccessibleName(self.tr("Segment to move the selected customers to"))
        self.move_button = QPushButton(self.tr("Move selected customers to"))
        self.move_button.clicked.connect(self._move_selected)
        table_bar = QHBoxLayout()
        table_bar.addWidget(self.filter_label, 1)
        table_bar.addWidget(self.clear_filter_button)
        move_bar = QHBoxLayout()
        move_bar.addWidget(self.move_button)
        move_bar.addWidget(self.move_combo)
        move_bar.addStretch(1)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(table_bar)
        table_layout.addWidget(self.customers_view, 1)
        table_layout.addLayout(move_bar)

        # Right of the charts: the quality check and the customers, as tabs, so the page fits a
        # laptop screen; a chart selection brings the customers tab forward.
        self.side = QTabWidget()
        self.side.setAccessibleName(self.tr("Segments and customers"))
        self.side.addTab(self.segments, self.tr("Quality check"))
        self.side.addTab(table_box, self.tr("Customers"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.charts)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 640])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.params_stack)
        layout.addWidget(self.splitter, 1)

    def title(self) -> str:
        """The step's name in the navigator."""
        return self.tr("Group")

    def is_complete(self) -> bool:
        """Done once the customers are grouped."""
        return self.ctx is not None and self.ctx.analysis.segmentation is not None

    # --- computing ---------------------------------------------------------------------------
    def on_context_changed(self, what: str) -> None:
        """A new customer table (or project) makes the segments stale; criteria matter to clusters."""
        if self._notifying:
            self.completeChanged.emit()
            return
        if what == "project" and self.ctx is not None:
            # An opened project's grouping was chosen by someone: keep it over the goal's proposal.
            self._method_chosen = self.ctx.analysis.segmentation is not None
        if what == "criteria" and self._adopt_suggested_method():
            self._stale = True
        if what in STALE_CHANGES or (what == "criteria" and self.method == "clusters"):
            self._stale = what != "project"
            if what == "project":
                self.requested = {}  # the opened project's own parameters are shown
        super().on_context_changed(what)

    def _adopt_suggested_method(self) -> bool:
        """Switch to the method the goal of step 2 proposes, unless the user chose one here.

        Returns True when the method changed (the segments must then be recomputed)."""
        if self.ctx is None or self._method_chosen:
            return False
        suggested = self.ctx.analysis.suggested_method
        if suggested not in METHODS:
            suggested = self.method
        if suggested == "rfm" and not has_buyers(self.ctx.analysis.customers):
            # A customers file alone (no purchases) cannot be scored on RFM: the page opened on
            # an error dialog. Its attributes can be grouped into clusters.
            suggested = "clusters"
        if suggested == self.method:
            return False
        self.method = suggested
        return True

    def refresh(self) -> None:
        """Rebuild the page from the analysis; start a computation when the segments are missing or stale."""
        if self.ctx is None:
            return
        analysis = self.ctx.analysis
        seg = analysis.segmentation
        if seg is None:
            self._adopt_suggested_method()  # nothing computed yet: start with the goal's method
        if seg is not None and not self._stale:
            self.method = seg.method
            if seg is not self._shown and seg.method != "rfm":
                # A grouping this page did not compute (project opened, language switched): its
                # own parameters are the ones to show and to start from. RFM keeps "automatic"
                # scores; its cut points come from the result's details.
                self.requested[seg.method] = copy.deepcopy(seg.parameters)
            self._shown = seg
        self._show_method()
        if analysis.customers is None:
            self.status.setText(self.tr("Import the customers' orders first (step 1)."))
            return
        if (seg is None or self._stale) and not self._computing():
            self._stale = False
            self.compute_now()
        if seg is not None:
            if (
                self.card.empty
                or len(self.card) != len(seg.segments)
                or set(self.card["key"]) != set(seg.segments["key"])
            ):
                self._recheck()
            self._render()

    def change_parameters(self, method: str, parameters: dict[str, Any], text: str | None = None) -> None:
        """Use ``method`` with ``parameters`` (undoable) and recompute after a short pause."""
        old_method, old_params = self.method, copy.deepcopy(self.requested.get(method, {}))
        old_all = copy.deepcopy(self.requested)
        new_params = copy.deepcopy(parameters)
        if method == old_method and new_params == old_params:
            return

        def redo() -> None:
            self.requested[method] = copy.deepcopy(new_params)
            self.method = method
            self._show_method()
            self.schedule()

        def undo() -> None:
            self.requested = copy.deepcopy(old_all)
            self.method = old_method
            self._show_method()
            self.schedule()

        label = text or self.tr("Change the grouping settings")
        if self.ctx is not None:
            self.ctx.undo_stack.push(CallbackCommand(label, redo, undo))
        else:
            redo()

    def _on_method_chosen(self, _index: int) -> None:
        method = str(self.method_combo.currentData())
        if method != self.method:
            self._method_chosen = True
            params = self.requested.get(method, default_parameters()[method])
            self.change_parameters(method, params, self.tr("Change the grouping method"))

    def _computing(self) -> bool:
        return self.ctx is not None and any(t.key == "group" for t in self.ctx.tasks.running_tasks())

    def schedule(self) -> None:
        """Recompute after :data:`DEBOUNCE_MS` without a new change (restarts the pause)."""
        self.status.setText(self.tr("Updating the segments…"))
        self._timer.start()

    def compute_now(self) -> None:
        """Start the background computation with the current method and parameters."""
        self._timer.stop()
        if self.ctx is None or self.ctx.analysis.customers is None:
            return
        generation = self._generation
        method = self.method
        parameters = copy.deepcopy(self.requested.get(method, {}))
        if method == "clusters" and self.ctx.analysis.criteria:
            # Cluster on the criteria checked in step 2 (the core's default is analysis.criteria),
            # not on a list left in the parameters by an opened project or the command line.
            parameters.pop("criteria", None)
        self.status.setText(self.tr("Updating the segments…"))
        self.ctx.tasks.run(
            compute_group,
            self.ctx.snapshot(),
            method,
            parameters,
            title=self.tr("Grouping the customers"),
            key="group",
            on_done=lambda result: self._apply(result, generation),
            on_error=self._on_error,
        )

    def _apply(self, result: GroupResult, generation: int) -> None:
        if self.ctx is None:
            return
        if generation != self._generation:
            self.compute_now()  # an edit or an undo happened meanwhile: its state must be included
            return
        analysis = self.ctx.analysis
        analysis.segmentation = result.analysis.segmentation
        analysis.plans = result.analysis.plans
        self._shown = analysis.segmentation
        self.card, self.summary = result.card, result.summary
        self.clear_filter(render=False)
        self._notify(CHANGE_SEGMENTATION)
        self._render(result.customers)

    def _on_error(self, error: BaseException) -> bool:
        if isinstance(error, UserError):
            self.status.setText(error.text(self.ctx.lang if self.ctx else "en"))
        else:
            self.status.setText(self.tr("The segments could not be computed."))
        return False  # the runner still shows its dialog

    # --- showing -----------------------------------------------------------------------------
    def _show_method(self) -> None:
        self.method_combo.blockSignals(True)
        self.method_combo.setCurrentIndex(max(0, self.method_combo.findData(self.method)))
        self.method_combo.blockSignals(False)
        self.params_stack.setCurrentWidget(self.panels[self.method])
        # A stacked widget is as tall as its tallest page: let only the current one count.
        for method, panel in self.panels.items():
            policy = QSizePolicy.Policy.Preferred if method == self.method else QSizePolicy.Policy.Ignored
            panel.setSizePolicy(policy, policy)
        self.params_stack.adjustSize()
        self.charts.setTabVisible(1, self.method == "rfm")
        self.charts.setTabVisible(2, self.method == "clusters")
        self.charts.setTabVisible(3, self.method == "clusters")

    def _recheck(self) -> None:
        """Scorecard and summary of the current segmentation (after a hand edit or a reload)."""
        self.card, self.summary = check_segments(self.ctx.analysis)

    def _render(self, customers: pd.DataFrame | None = None) -> None:
        """Show the current segmentation; ``customers`` is its customer table's frame when the
        worker already made it (otherwise it is made here)."""
        analysis = self.ctx.analysis
        seg = analysis.segmentation
        if seg is None:
            return
        details = seg.details
        requested = self.requested.get(seg.method, seg.parameters)
        if seg.method == "rfm":
            self.rfm_params.set_state(requested, details)
            self.rfm_grid.set_grid(*rfm_grid_data(seg, self.ctx.lang))
        elif seg.method == "clusters":
            self.cluster_params.set_state(requested, details, list(analysis.criteria), analysis.lang)
            self._render_clusters(seg)
        elif seg.method == "predictive":
            self.predictive_params.set_state(requested, details)
        elif seg.method == "rules":
            if not requested.get("rules"):
                # The presets the core chose become the list the user edits from now on.
                self.requested["rules"] = requested = {
                    "rules": copy.deepcopy(seg.parameters.get("rules", []))
                }
            self.rules_params.set_state(requested, details, analysis)
        self.bars.set_summary(self.summary)
        warnings = list(details.get("quality_warnings") or [])
        self.segments.set_scorecard(self.card, warnings)
        frame = customers if customers is not None else customer_frame(analysis)
        self.model.set_frame(frame, customer_headers(self))
        self.customers_view.resizeColumnsToContents()
        self.move_combo.clear()
        for key, name in zip(seg.segments["key"], seg.segments["name"], strict=True):
            self.move_combo.addItem(str(name), str(key))
        counts = seg.counts()
        self.status.setText(
            self.tr("{customers} customers in {segments} segments.")
            .replace("{customers}", self.ctx.locale().toString(int(counts.sum())))
            .replace("{segments}", str(int((counts > 0).sum())))
        )
        self._update_filter_label()

    def _render_clusters(self, seg: Segmentation) -> None:
        points = cluster_points(seg)
        if points is not None:
            self.cluster_map.set_points(*points)
        series = silhouette_series(seg.details)
        if series is not None:
            self.silhouette.set_scores(*series)

    def _on_points_selected(self, ids: list[str]) -> None:
        # Here, not in GroupFilterMixin: PySide's tr() in a mixin finds this page's context first,
        # and for a plural it takes the untranslated text it gets there ("2 customer(s)").
        if not ids:
            self.clear_filter()
            return
        self._set_filter(ids, self.tr("%n customer(s) picked on the map", "", len(ids)))

    def _notify(self, what: str) -> None:
        # The page already shows the change: skip the refresh the notification would trigger.
        self._notifying = True
        try:
            self.ctx.notify(what)
        finally:
            self._notifying = False
