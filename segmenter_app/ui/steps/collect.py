"""Step 1, Collect: open or drop files, see how they were read, the column roles and the row account."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.progress import CancelToken, ProgressFn, StageProgress, no_progress
from segmenter_app.ui.steps.base import CHANGE_INPUTS, StepPage


def import_and_build(
    analysis: Analysis,
    paths: Sequence[str],
    mapping: dict[str, Any] | None = None,
    options: Any = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Analysis:
    """Import the files into ``analysis`` and build its customer table (runs on a worker thread)."""
    from segmenter_app.core import collect, customers

    cancel = cancel or CancelToken()
    collect.import_files(
        analysis,
        list(paths),
        mapping=mapping,
        options=options,
        progress=StageProgress(progress, 0, 0.85, cancel),
        cancel=cancel,
    )
    customers.build_customer_table(
        analysis, progress=StageProgress(progress, 0.85, 1.0, cancel), cancel=cancel
    )
    return analysis


class CollectPage(StepPage):
    """Open the shop's files and check how they were read."""

    step_id = "collect"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[str] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open files…"), self)
        self.open_button.clicked.connect(self.open_files_dialog)
        self.hint = QLabel(
            self.tr("Open your sales or customer files (CSV, Excel, OpenDocument), or drop them here."), self
        )
        self.hint.setWordWrap(True)
        top.addWidget(self.open_button)
        top.addWidget(self.hint, 1)
        layout.addLayout(top)
        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("Imported files"))
        self.files.setMaximumHeight(90)
        layout.addWidget(self.files)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.account = QTableWidget(0, 2, self)
        self.account.setAccessibleName(self.tr("Row account"))
        self.account.setHorizontalHeaderLabels([self.tr("Rows"), self.tr("Count")])
        self.account.horizontalHeader().setStretchLastSection(True)
        self.account.verticalHeader().setVisible(False)
        layout.addWidget(self.account, 1)

    def title(self) -> str:
        """Step name."""
        return self.tr("Collect")

    def is_complete(self) -> bool:
        """Done when a customer table with at least one customer exists."""
        customers = self.ctx.analysis.customers if self.ctx else None
        return customers is not None and len(customers) > 0

    def open_files_dialog(self) -> None:
        """Ask for files to import."""
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open sales or customer files"),
            "",
            self.tr("Spreadsheets (*.csv *.tsv *.txt *.gz *.xlsx *.xlsm *.xls *.ods);;All files (*)"),
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Sequence[str]) -> None:
        """Import ``paths`` (with the files already open) in the background."""
        self.paths = list(dict.fromkeys([*self.paths, *map(str, paths)]))
        self.run_import()

    def run_import(self, mapping: dict[str, Any] | None = None, options: Any = None) -> None:
        """(Re-)import every file of the page in the background."""
        from segmenter_app.core.analysis import Analysis

        scratch = Analysis(
            lang=self.ctx.lang, control_share=self.ctx.analysis.control_share, seed=self.ctx.analysis.seed
        )
        self.ctx.tasks.run(
            import_and_build,
            scratch,
            list(self.paths),
            mapping,
            options,
            title=self.tr("Reading the files"),
            key="import",
            on_done=self._apply,
        )

    def _apply(self, result: Analysis) -> None:
        analysis = self.ctx.analysis
        for name in (
            "inputs",
            "transactions",
            "customer_attributes",
            "excluded",
            "account",
            "as_of",
            "rows_after_as_of",
            "customers",
        ):
            setattr(analysis, name, getattr(result, name))
        analysis.segmentation = None
        analysis.plans = {}
        analysis.edits = []
        self.ctx.notify(CHANGE_INPUTS)
        self.refresh()

    def refresh(self) -> None:
        """Show the files and the account of the analysis."""
        analysis = self.ctx.analysis
        self.files.clear()
        for item in analysis.inputs:
            self.files.addItem(item.path)
        account = analysis.account
        if not analysis.inputs:
            self.summary.setText("")
            self.account.setRowCount(0)
            return
        customers = 0 if analysis.customers is None else len(analysis.customers)
        self.summary.setText(
            self.tr("%1 rows read, %2 kept, %3 customers.")
            .replace("%1", self.locale().toString(account.read))
            .replace("%2", self.locale().toString(account.kept))
            .replace("%3", self.locale().toString(customers))
        )
        rows = list(account.excluded.items())
        self.account.setRowCount(len(rows))
        for r, (reason, count) in enumerate(rows):
            self.account.setItem(r, 0, QTableWidgetItem(reason))
            item = QTableWidgetItem(self.locale().toString(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.account.setItem(r, 1, item)
