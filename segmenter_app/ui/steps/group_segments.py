"""The segments of the Group step as a quality scorecard: rename, merge, and the advice per segment.

One row per segment with the five checks of a useful segment (measurable, substantial,
accessible, differentiable, actionable) from ``core.segmentation.quality.scorecard``, the number
passed and the core's plain-language advice. The name cell is editable (double-click, F2 or the
Rename button): that is the rename. Selecting two or more rows enables Merge. The panel only
emits requests; the page applies them through ``core.segmentation.edits``, undoably.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.ui.charts.base import format_number, format_percent

PASS = QColor("#009E73")
FAIL = QColor("#D55E00")
CHECKS = ("measurable", "substantial", "accessible", "differentiable", "actionable")
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
FIRST_CHECK = 5  # columns of the five checks


class SegmentsPanel(QWidget):
    """The scorecard table with Rename and Merge (see the module docstring)."""

    renameRequested = Signal(str, str)  # key, new name
    mergeRequested = Signal(list)  # keys, first = the one kept
    selectionChanged = Signal(list)  # selected keys

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: list[str] = []
        self._names: dict[str, str] = {}
        self._advice: dict[str, list[str]] = {}
        self._customers: dict[str, int] = {}
        self._passed: dict[str, int] = {}
        self._filling = False
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #D55E00;")
        self.warnings.setVisible(False)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(self.tr("Segments and their quality check"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(self._on_item_changed)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName(self.tr("Advice"))
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.setToolTip(self.tr("Rename the selected segment (or double-click its name)"))
        self.rename_button.clicked.connect(self._start_rename)
        self.merge_button = QPushButton(self.tr("Merge selected"))
        self.merge_button.setToolTip(self.tr("Merge the selected segments into the first one"))
        self.merge_button.clicked.connect(self._merge)
        buttons = QHBoxLayout()
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.warnings)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.advice)
        layout.addLayout(buttons)
        self._update_buttons()

    def headers(self) -> list[str]:
        """Column titles, translated."""
        return [
            self.tr("Segment"),
            self.tr("Customers"),
            self.tr("Share"),
            self.tr("Revenue share"),
            self.tr("Checks"),
            # Short, plain headers (the full criterion is in each header's tooltip) so that the
            # scorecard fits beside the charts; the advice is written out below the table.
            self.tr("Data"),
            self.tr("Size"),
            self.tr("Reach"),
            self.tr("Distinct"),
            self.tr("Plan"),
        ]

    def header_tooltips(self) -> list[str]:
        """What each check column means (the five criteria of a useful segment)."""
        return [
            self.tr("Measurable: it has customers and revenue to measure"),
            self.tr("Substantial: big enough to be worth a campaign"),
            self.tr("Accessible: enough of its customers can be reached"),
            self.tr("Differentiable: not a near copy of another segment"),
            self.tr("Actionable: it has a plan (step 4)"),
        ]

    def set_scorecard(self, card: pd.DataFrame, warnings: Sequence[str] = ()) -> None:
        """Show the scorecard (``quality.scorecard``) and the warnings about the whole grouping."""
        self._filling = True
        selected = self.selected_keys()
        try:
            self.warnings.setText("\n".join(warnings))
            self.warnings.setVisible(bool(warnings))
            headers = self.headers()
            self.table.clear()
            self.table.setColumnCount(len(headers))
            self.table.setHorizontalHeaderLabels(headers)
            self.table.setRowCount(len(card))
            self.keys = card["key"].astype(str).tolist() if len(card) else []
            self._names, self._advice, self._passed, self._customers = {}, {}, {}, {}
            for row, rec in enumerate(card.to_dict(orient="records")):
                key = str(rec["key"])
                self._names[key] = str(rec["name"])
                name = QTableWidgetItem(str(rec["name"]))
                name.setData(KEY_ROLE, key)
                name.setFlags(name.flags() | Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, 0, name)
                self._set(row, 1, format_number(rec["customers"]))
                self._set(row, 2, format_percent(rec["share"], 1))
                self._set(row, 3, format_percent(rec["revenue_share"], 1))
                self._set(row, 4, f"{int(rec['passed'])}/5")
                advice = rec.get("advice") or []
                self._advice[key] = list(advice) if isinstance(advice, list) else [str(advice)]
                self._passed[key] = int(rec["passed"])
                self._customers[key] = int(rec["customers"])
                name.setToolTip("\n".join(self._advice[key]))
                for col, check in enumerate(CHECKS, start=FIRST_CHECK):
                    self._set_check(row, col, bool(rec[check]), self._check_tooltip(check, rec))
            for col, tip in enumerate(self.header_tooltips(), start=FIRST_CHECK):
                self.table.horizontalHeaderItem(col).setToolTip(tip)
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(False)
            for row, key in enumerate(self.keys):
                if key in selected:
                    self.table.selectRow(row)
        finally:
            self._filling = False
        self._update_buttons()
        self._show_advice()

    def advice_text(self) -> str:
        """The advice shown under the table: for the selected segments, else for those to improve."""
        keys = self.selected_keys() or [k for k in self.keys if self._passed.get(k, 5) < 5]
        # French puts a space before the colon: the layout is a translated text, not an f-string.
        line = self.tr("{segment}: {advice}")
        # Advice every segment shares ("no contact details in the data") is said once, not once
        # per segment: ten identical sentences hid the one that differed.
        shared: list[str] = []
        # An empty segment has its own advice ("no customer"): what the others share still applies.
        filled = [k for k in keys if self._customers.get(k, 1) > 0]
        if len(filled) > 1 and set(keys) == set(self.keys):
            shared = [
                a
                for a in self._advice.get(filled[0], [])
                if all(a in self._advice.get(k, []) for k in filled)
            ]
        lines = [self.tr("All segments: {advice}").replace("{advice}", " ".join(shared))] if shared else []
        # Segments with the very same advice share one line ("New customers, Promising: No
        # customer is in this segment."): CDNOW's empty segments repeated it line after line.
        groups: dict[tuple[str, ...], list[str]] = {}
        for k in keys:
            own = tuple(a for a in self._advice.get(k, []) if a not in shared)
            if own or not shared:
                groups.setdefault(own, []).append(self._names.get(k, k))
        for own, names in groups.items():
            lines.append(line.replace("{segment}", ", ".join(names)).replace("{advice}", " ".join(own)))
        if not lines and self.keys:
            return self.tr("Every segment passes the five checks.")
        return "\n".join(lines)

    def _show_advice(self) -> None:
        self.advice.setText(self.advice_text())

    def _set(self, row: int, col: int, text: str, *, align: bool = True) -> None:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if align:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, col, item)

    def _set_check(self, row: int, col: int, ok: bool, tooltip: str) -> None:
        item = QTableWidgetItem("✓" if ok else "✗")
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        item.setForeground(PASS if ok else FAIL)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr("passed") if ok else self.tr("not passed"))
        item.setToolTip(tooltip)
        self.table.setItem(row, col, item)

    def _check_tooltip(self, check: str, rec: dict) -> str:
        if check == "substantial":
            return self.tr("At least {n} customers are needed for a campaign.").replace(
                "{n}", format_number(rec.get("substantial_threshold"))
            )
        if check == "accessible":
            share = rec.get("reachable_share")
            if share is None or pd.isna(share):
                return self.tr("No contact details in the data.")
            return self.tr("{share} can be reached by email or phone.").replace(
                "{share}", format_percent(share)
            )
        if check == "differentiable" and rec.get("nearest"):
            return self.tr("Nearest segment: {name}").replace(
                "{name}", self._names.get(str(rec["nearest"]), str(rec["nearest"]))
            )
        if check == "actionable":
            return self.tr("Has a plan in step 4 (Act).")
        return self.tr("Has customers and revenue to measure.")

    # --- requests ----------------------------------------------------------------------------
    def selected_keys(self) -> list[str]:
        """The keys of the selected rows, in display order."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.keys[r] for r in rows if r < len(self.keys)]

    def select_keys(self, keys: Sequence[str]) -> None:
        """Select the rows of these segments (from a chart click), without emitting back."""
        self._filling = True
        try:
            self.table.clearSelection()
            mode = self.table.selectionMode()
            self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
            for row, key in enumerate(self.keys):
                if key in keys:
                    self.table.selectRow(row)
            self.table.setSelectionMode(mode)
        finally:
            self._filling = False
        self._update_buttons()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        key = str(item.data(KEY_ROLE))
        name = item.text().strip()
        if name and name != self._names.get(key):
            self.renameRequested.emit(key, name)
        elif not name:
            self._filling = True
            item.setText(self._names.get(key, ""))  # an empty name is refused: put the old one back
            self._filling = False

    def _on_selection(self) -> None:
        self._update_buttons()
        self._show_advice()
        if not self._filling:
            self.selectionChanged.emit(self.selected_keys())

    def _start_rename(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        if rows:
            item = self.table.item(rows[0], 0)
            self.table.setCurrentItem(item)
            self.table.editItem(item)

    def _merge(self) -> None:
        keys = self.selected_keys()
        if len(keys) >= 2:
            self.mergeRequested.emit(keys)

    def _update_buttons(self) -> None:
        count = len(self.selected_keys())
        self.rename_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count >= 2)
