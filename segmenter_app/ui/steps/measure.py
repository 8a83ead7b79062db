"""Step 5, Measure: import the results, see per segment what worked, and how the segments moved.

The user imports a campaign results sheet or a later sales export (then a conversion is a
purchase within a window after the campaign date); ``core.measure.measure_results`` reads and
measures it on the task runner and the measurement is added to ``analysis.measurements``
(undoably). The page shows the selected measurement: the per-segment table, conversions and
revenue as bars, the uplift over the control group with its 95% interval as error bars (for
conversion and for revenue per customer), the core's plain-words verdicts and alerts, the
migration matrix as a heatmap, and the segment sizes across the snapshots measured so far. The
background work and the chart data are in ``measure_compute.py``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.ui.charts import MigrationHeatmap, SegmentBarsChart, SnapshotSizesChart, UpliftChart
from segmenter_app.ui.charts.base import ArrayTableModel, format_money, format_number, format_percent
from segmenter_app.ui.steps.base import CHANGE_MEASUREMENTS, AnalysisAttributeCommand, StepPage
from segmenter_app.ui.steps.measure_compute import compare_with_project, measure_file, snapshot_sizes

RESULT_FILTER = "*.csv *.tsv *.txt *.gz *.xlsx *.xlsm *.xls *.ods"


class MeasurePage(StepPage):
    """Results, uplift and migration (see the module docstring)."""

    step_id = "measure"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.import_button = QPushButton(self.tr("Import results…"))
        self.import_button.setToolTip(
            self.tr(
                "A campaign results sheet (customer, converted yes/no, revenue) "
                "or a later sales export of your till or web shop"
            )
        )
        self.import_button.clicked.connect(self._choose_file)
        self.compare_button = QPushButton(self.tr("Compare with a saved project…"))
        self.compare_button.setToolTip(
            self.tr("See how customers moved between segments since an earlier project was saved")
        )
        self.compare_button.clicked.connect(self._choose_project)
        self.comparison: dict[str, Any] | None = None  # a migration from a saved project (not saved)
        self.campaign_date = QDateEdit()
        self.campaign_date.setCalendarPopup(True)
        self.campaign_date.setDate(QDate.currentDate())
        self.campaign_date.setAccessibleName(self.tr("Campaign date"))
        # Once the user picked a date, refreshing the page no longer replaces it by the analysis date.
        self.campaign_date.editingFinished.connect(lambda: self.campaign_date.setProperty("touched", True))
        self.window = QSpinBox()
        self.window.setRange(1, 366)
        self.window.setValue(30)
        self.window.setSuffix(self.tr(" days"))
        self.window.setAccessibleName(self.tr("Days after the campaign that count as a conversion"))
        date_label = QLabel(self.tr("Campaign &date"))
        date_label.setBuddy(self.campaign_date)
        window_label = QLabel(self.tr("&Window (sales exports)"))
        window_label.setBuddy(self.window)
        self.chooser = QComboBox()
        self.chooser.setAccessibleName(self.tr("Measurement shown"))
        # Sized to its labels (a results file's name, a date): sized once while still empty, it
        # showed 'yen_resu' of 'yen_results.csv'; capped so a long name cannot push the page
        # sideways (the whole label is then its tooltip).
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.chooser.setMaximumWidth(360)
        self.chooser.currentIndexChanged.connect(lambda _i: self._show_selected())
        # Two rows: what to import, then how a sales export is read. On one row the French labels
        # made the page scroll sideways in a 1200-pixel window and cut its explanation.
        top = QVBoxLayout()
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        self.chooser_label = QLabel(self.tr("Showing"))
        self.chooser_label.setBuddy(self.chooser)
        buttons.addWidget(self.chooser_label)
        buttons.addWidget(self.chooser)
        reading = QHBoxLayout()
        reading.addWidget(date_label)
        reading.addWidget(self.campaign_date)
        reading.addWidget(window_label)
        reading.addWidget(self.window)
        reading.addStretch(1)
        top.addLayout(buttons)
        top.addLayout(reading)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        self.alerts.setStyleSheet("color: #D55E00;")
        self.empty = QLabel(
            self.tr(
                "After the campaign, import its results here: a sheet with one row per customer "
                "(customer, converted yes/no, revenue), or your next sales export with the campaign date. "
                "The control group kept aside in step 4 tells what the campaign changed."
            )
        )
        self.empty.setWordWrap(True)

        self.table_model = ArrayTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Results per segment"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.results_bars = SegmentBarsChart()
        self.results_bars.set_title(self.tr("Conversions and revenue per segment"))
        self.results_bars.set_value_titles(
            self.tr("Conversions"), self.tr("Revenue"), (self.tr("Conversions"), self.tr("Revenue"))
        )
        self.uplift = UpliftChart()
        self.revenue_uplift = UpliftChart()
        self.revenue_uplift.set_title(self.tr("Revenue per customer over the control group (95% interval)"))
        self.migration = MigrationHeatmap()
        self.sizes = SnapshotSizesChart()
        self.left_best_model = ArrayTableModel(parent=self)
        self.left_best = QTableView()
        self.left_best.setModel(self.left_best_model)
        self.left_best.setSortingEnabled(True)
        self.left_best.setAccessibleName(self.tr("Customers who left the best segments"))
        self.charts = QTabWidget()
        self.charts.addTab(self.uplift, self.tr("Conversion uplift"))
        self.charts.addTab(self.revenue_uplift, self.tr("Revenue uplift"))
        self.charts.addTab(self.results_bars, self.tr("Conversions and revenue"))
        self.charts.addTab(self.migration, self.tr("Migration"))
        self.charts.addTab(self.sizes, self.tr("Sizes across snapshots"))
        self.charts.addTab(self.left_best, self.tr("Left the best segments"))
        self.uplift.segmentClicked.connect(self._select_row)
        self.revenue_uplift.segmentClicked.connect(self._select_row)

        self.body = QSplitter(Qt.Orientation.Vertical)
        self.body.addWidget(self.table)
        self.body.addWidget(self.charts)
        self.body.setStretchFactor(0, 2)
        self.body.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.verdict)
        layout.addWidget(self.source)
        layout.addWidget(self.alerts)
        layout.addWidget(self.body, 1)
        self._keys: list[str] = []

    def title(self) -> str:
        """The step's name in the navigator."""
        return self.tr("Measure")

    def is_complete(self) -> bool:
        """The last step: done once segments exist (measuring comes weeks later)."""
        return self.ctx is not None and self.ctx.analysis.segmentation is not None

    # --- importing ---------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import campaign results"),
            "",
            self.tr("Results or sales files") + f" ({RESULT_FILTER})",
        )
        if path:
            self.import_results(path)

    def import_results(self, path: str) -> None:
        """Measure a results file in the background, then add it (undoably)."""
        if self.ctx is None or self.ctx.analysis.segmentation is None:
            return
        date = self.campaign_date.date()
        campaign_date = f"{date.year():04d}-{date.month():02d}-{date.day():02d}"
        self.ctx.tasks.run(
            measure_file,
            self.ctx.snapshot(),
            path,
            campaign_date=campaign_date,
            window_days=int(self.window.value()),
            title=self.tr("Measuring the results"),
            key="measure",
            on_done=self._add,
        )

    def _choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Compare with a saved project"), "", self.tr("Segmenter projects (*.segmenter)")
        )
        if path:
            self.compare_project(path)

    def compare_project(self, path: str) -> None:
        """Load a saved project in the background and show how customers moved since then."""
        if self.ctx is None or self.ctx.analysis.segmentation is None:
            return
        self.ctx.tasks.run(
            compare_with_project,
            self.ctx.snapshot(),
            path,
            title=self.tr("Comparing with the saved project"),
            key="measure-compare",
            on_done=self._show_comparison,
        )

    def _show_comparison(self, migration: dict[str, Any]) -> None:
        self.comparison = migration
        self.refresh()
        self.charts.setCurrentWidget(self.migration)

    def _add(self, measurements: list[dict[str, Any]]) -> None:
        self.ctx.undo_stack.push(
            AnalysisAttributeCommand(
                self.ctx, "measurements", measurements, CHANGE_MEASUREMENTS, self.tr("Import results")
            )
        )
        self.chooser.setCurrentIndex(self.chooser.count() - 1)

    # --- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the measurements and show the selected one (the latest after an import)."""
        if self.ctx is None:
            return
        analysis = self.ctx.analysis
        self.import_button.setEnabled(analysis.segmentation is not None)
        if analysis.as_of is not None and not self.campaign_date.property("touched"):
            stamp = pd.Timestamp(analysis.as_of)
            self.campaign_date.setDate(QDate(stamp.year, stamp.month, stamp.day))
        measurements = analysis.measurements
        current = self.chooser.currentIndex()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for m in measurements:
            self.chooser.addItem(str(m.get("label") or m.get("id", "")))
        if measurements:
            self.chooser.setCurrentIndex(
                current if 0 <= current < len(measurements) else len(measurements) - 1
            )
        self.chooser.blockSignals(False)
        self.compare_button.setEnabled(analysis.segmentation is not None)
        self.empty.setVisible(not measurements and self.comparison is None)
        self.body.setVisible(bool(measurements) or self.comparison is not None)
        self.chooser.setEnabled(len(measurements) > 1)
        # Before any results "Showing" stood beside an empty, greyed box: nothing to choose yet.
        self.chooser_label.setVisible(bool(measurements))
        self.chooser.setVisible(bool(measurements))
        self._show_selected()

    def selected(self) -> dict[str, Any] | None:
        """The measurement shown."""
        if self.ctx is None:
            return None
        index = self.chooser.currentIndex()
        measurements = self.ctx.analysis.measurements
        return measurements[index] if 0 <= index < len(measurements) else None

    def _show_selected(self) -> None:
        self.chooser.setToolTip(self.chooser.currentText())
        m = self.selected()
        if m is None:
            self.verdict.setText("")
            self.verdict.setVisible(False)
            self.source.setVisible(False)
            self.alerts.setText("")
            self.alerts.setVisible(False)
            self._show_results_tabs(False)
            self._show_migration({"migration": self.comparison})
            if self.comparison is not None:
                mig = self.comparison
                moved = sum(int(move["customers"]) for move in mig.get("moves", []))
                self.verdict.setText(
                    self.tr("From {before} to {after}: {moved} customers changed segment.")
                    .replace("{before}", str(mig.get("from", "")))
                    .replace("{after}", str(mig.get("to", "")))
                    .replace("{moved}", self.ctx.locale().toString(moved))
                )
                self.verdict.setVisible(True)
                alerts = [a["text"] for a in mig.get("alerts") or []]
                self.alerts.setText("\n".join(alerts))
                self.alerts.setVisible(bool(alerts))
            return
        self._show_results_tabs(True)
        currency = m.get("currency") or ""
        rows = [r for r in m["segments"] if r.get("customers")]
        self._keys = [str(r["key"]) for r in rows]
        total = m.get("total") or {}
        verdict = self.tr("All segments: {text}").replace("{text}", str(total.get("uplift_text") or ""))
        if not m.get("control_observed"):
            verdict = self.tr(
                "The results say nothing about the control group: the uplift cannot be measured."
            )
        self.verdict.setText(verdict)
        self.verdict.setVisible(True)
        self.source.setText(self._source_text(m))
        self.source.setVisible(bool(self.source.text()))
        alerts = [a["text"] for a in m.get("alerts") or []]
        self.alerts.setText("\n".join(alerts))
        self.alerts.setVisible(bool(alerts))
        self._fill_table(rows, currency)
        self.results_bars.set_segments(
            self._keys,
            [str(r["name"]) for r in rows],
            [float(r.get("conversions") or 0) for r in rows],
            [float(r.get("revenue") or 0.0) for r in rows],
        )
        self._show_uplift(rows, currency)
        self._show_migration(
            m if m.get("migration") or self.comparison is None else {"migration": self.comparison}
        )

    def _show_results_tabs(self, on: bool) -> None:
        self.table.setVisible(on)
        for widget in (self.uplift, self.revenue_uplift, self.results_bars):
            self.charts.setTabVisible(self.charts.indexOf(widget), on)

    def _source_text(self, m: dict[str, Any]) -> str:
        """What was read: rows, rows left out, customers unknown to the analysis (nothing silent)."""
        source = m.get("source") or {}
        if not source:
            return ""
        excluded = sum(int(v) for v in (source.get("excluded") or {}).values())
        # Each count with its own plural ("1 customers of the file are not..." before), and none
        # unknown said as such rather than as "0 customers ... are not".
        unknown = int(source.get("unmatched_customers") or 0)
        if unknown:
            known = self.tr("%Ln customer(s) of the file not in the analysis.", "", unknown)
        else:
            known = self.tr("every customer of the file is in the analysis.")
        text = (
            self.tr("%1, %2; %3")
            .replace("%1", self.tr("%Ln row(s) read", "", int(source.get("rows_read") or 0)))
            .replace("%2", self.tr("%Ln left out", "", excluded))
            .replace("%3", known)
        )
        missing = int(m.get("contacted_not_in_results") or 0)
        if missing:
            text += " " + self.tr(
                "%n contacted customer(s) missing from the results count as not converted.", "", missing
            )
        return text

    def _fill_table(self, rows: list[dict[str, Any]], currency: str) -> None:
        def money(v: Any) -> str:
            return format_money(v, 0, currency)

        def rate(v: Any) -> str:
            return format_percent(v, 1)

        def control_rate(v: Any) -> str:
            # No control group, no rate: a dash, where a blank cell looked like a failed reading.
            return format_percent(v, 1) or "\u2014"

        columns = [
            ("name", self.tr("Segment"), None),
            ("contacted", self.tr("Contacted"), format_number),
            ("control", self.tr("Control group"), format_number),
            ("conversions", self.tr("Conversions"), format_number),
            ("conversion_rate", self.tr("Conversion rate"), rate),
            ("control_rate", self.tr("Control rate"), control_rate),
            ("revenue", self.tr("Revenue"), money),
            ("avg_basket", self.tr("Average basket"), money),
            ("roi", self.tr("ROI"), format_percent),
            ("rate", self.tr("Retention or reactivation"), None),
            ("uplift_text", self.tr("Conversion uplift"), None),
            ("revenue_text", self.tr("Revenue uplift"), None),
        ]
        data = []
        for field, _title, _fmt in columns:
            if field == "rate":
                data.append([self._rate_text(r) for r in rows])
            else:
                data.append([r.get(field) for r in rows])
        self.table_model.set_data([c[1] for c in columns], data, [c[2] for c in columns])
        self.table.resizeColumnsToContents()
        self._fit_table_height(self.table_model.rowCount())

    def _fit_table_height(self, rows: int) -> None:
        """Give the results table the height of its rows (up to eight), the charts the rest.

        Split 2:3 with the charts, a 1200x800 window showed three of seven segments in a table
        scrolling by itself; the per-segment figures are what the user reads first.
        """
        shown = min(rows, 8)
        needed = (
            self.table.horizontalHeader().sizeHint().height()
            + shown * self.table.verticalHeader().defaultSectionSize()
            + self.table.horizontalScrollBar().sizeHint().height()
            + 2 * self.table.frameWidth()
        )
        total = max(sum(self.body.sizes()), needed + self.charts.minimumSizeHint().height())
        self.body.setSizes([needed, total - needed])

    def _rate_text(self, row: dict[str, Any]) -> str:
        if row.get("reactivation_rate") is not None:
            return self.tr("reactivation {rate}").replace(
                "{rate}", format_percent(row["reactivation_rate"], 1)
            )
        if row.get("retention_rate") is not None:
            return self.tr("retention {rate}").replace("{rate}", format_percent(row["retention_rate"], 1))
        return ""

    def _show_uplift(self, rows: list[dict[str, Any]], currency: str) -> None:
        def series(field: str, scale: float) -> tuple[list[float], list[float], list[float]]:
            def get(r: dict[str, Any], f: str) -> float:
                v = r.get(f)
                return float(v) * scale if v is not None else float("nan")

            return (
                [get(r, field) for r in rows],
                [get(r, field + "_low") for r in rows],
                [get(r, field + "_high") for r in rows],
            )

        names = [str(r["name"]) for r in rows]
        est, low, high = series("uplift", 100.0)  # fractions shown as percentage points
        self.uplift.set_uplift(
            self._keys,
            names,
            est,
            low,
            high,
            unit_label=self.tr("Conversion uplift (percentage points)"),
            formatter=lambda v: format_number(v, 1),
            verdicts=[str(r.get("uplift_text") or "") for r in rows],
        )
        est, low, high = series("revenue_uplift", 1.0)
        from segmenter_app.core.currency import currency_info

        cents = min(2, currency_info(currency).decimals)  # none for the yen or the won
        self.revenue_uplift.set_uplift(
            self._keys,
            names,
            est,
            low,
            high,
            unit_label=self.tr("Revenue per customer, contacted minus control"),
            formatter=lambda v: format_money(v, cents, currency),
            verdicts=[str(r.get("revenue_text") or "") for r in rows],
        )

    def _show_migration(self, m: dict[str, Any]) -> None:
        mig = m.get("migration")
        has = bool(mig)
        for widget in (self.migration, self.sizes, self.left_best):
            self.charts.setTabVisible(self.charts.indexOf(widget), has)
        if not has:
            return
        names = mig.get("names", {})

        def label(key: str) -> str:
            if key == "(new)":
                return self.tr("(new customers)")
            if key == "(gone)":
                return self.tr("(no longer there)")
            return str(names.get(key, key))

        matrix = mig["matrix"]
        self.migration.set_migration(
            matrix["counts"], [label(k) for k in matrix["rows"]], [label(k) for k in matrix["columns"]]
        )
        if mig is self.comparison:
            sizes = snapshot_sizes([{"migration": mig}])
        else:
            sizes = snapshot_sizes(self.ctx.analysis.measurements[: self.chooser.currentIndex() + 1])
        if sizes is not None:
            labels, _keys, seg_names, values = sizes
            self.sizes.set_sizes(labels, seg_names, values)
        left = mig.get("left_best") or []
        self.left_best_model.set_data(
            [self.tr("Customer"), self.tr("Was in"), self.tr("Is now in")],
            [
                [r["customer_id"] for r in left],
                [label(r["from"]) for r in left],
                [label(r["to"]) for r in left],
            ],
        )

    def _select_row(self, key: str) -> None:
        if key in self._keys:
            row = self.table_model.visible_row(self._keys.index(key))
            self.table.selectRow(row)
