"""Pieces of the Collect step: the row account with the excluded rows, and the matches across files.

Every input row is kept or excluded with a reason (the core's account); these panels show the
totals, the count per reason in the core's wording, the excluded rows themselves (filtered by
reason, lazily listed), and the customers the import recognised in several files.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import input_warnings
from segmenter_app.ui.steps.collect_preview import compact_rows
from segmenter_app.ui.table_model import DataFrameModel


@functools.lru_cache(maxsize=256)
def reason_text(key: str, lang: str) -> str:
    """The label of an exclusion reason in ``lang`` (the core's wording)."""
    try:
        from segmenter_app.core.export.labels import reason_label

        return reason_label(key, lang)
    except ImportError:
        return key


def _ids_text(ids: Any) -> str:
    """The customer ids each file used for a matched customer: "shop.csv: A1; web.csv: –"."""
    if isinstance(ids, dict):
        return "; ".join(f"{Path(str(f)).name}: {', '.join(map(str, v)) or '–'}" for f, v in ids.items())
    return ", ".join(str(i) for i in ids or [])


def cross_file_matches(analysis: Analysis) -> pd.DataFrame | None:
    """Customers matched across files (on normalized e-mail or phone), as the import listed them.

    One row per matched customer: customer_id, via ("email", "phone", "id"), files, ids.
    """
    seen: dict[str, dict[str, Any]] = {}
    for item in analysis.inputs:
        for match in item.details.get("matches") or []:
            key = str(match.get("customer_id"))
            if key in seen:
                continue
            sources = match.get("sources") or []
            seen[key] = {
                "customer_id": key,
                "via": match.get("via", ""),
                "files": ", ".join(Path(str(s)).name for s in sources),
                "ids": _ids_text(match.get("ids")),
            }
    if not seen:
        return None
    return pd.DataFrame(list(seen.values())).set_index("customer_id", drop=False)


class AccountPanel(QWidget):
    """Rows read, kept and excluded per reason, and the excluded rows filtered by reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analysis: Analysis | None = None
        self.lang = "en"
        # Why the last import failed ("" when it did not): said here too, so the tab does not
        # read "No file imported yet." beside the files listed once the message box is closed.
        self.failure = ""
        self._needs_fit = False
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.account = QTableWidget(0, 2, self)
        self.account.setAccessibleName(self.tr("Row account"))
        self.account.setHorizontalHeaderLabels([self.tr("Rows"), self.tr("Count")])
        self.account.horizontalHeader().setStretchLastSection(True)
        self.account.verticalHeader().setVisible(False)
        self.account.setMaximumHeight(220)
        self.account.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.account)
        excluded_row = QHBoxLayout()
        label = QLabel(self.tr("E&xcluded rows:"), self)
        self.reason_filter = QComboBox(self)
        self.reason_filter.setAccessibleName(self.tr("Show excluded rows for this reason"))
        label.setBuddy(self.reason_filter)
        self.reason_filter.currentIndexChanged.connect(self._show_excluded)
        excluded_row.addWidget(label)
        excluded_row.addWidget(self.reason_filter, 1)
        layout.addLayout(excluded_row)
        self.excluded_model = DataFrameModel(parent=self)
        self.excluded_view = QTableView(self)
        self.excluded_view.setModel(self.excluded_model)
        self.excluded_view.setSortingEnabled(True)
        self.excluded_view.setAccessibleName(self.tr("Excluded rows"))
        compact_rows(self.excluded_view)
        layout.addWidget(self.excluded_view, 1)

    def show_account(self, analysis: Analysis, lang: str) -> None:
        """Show the account of ``analysis`` (reason labels in ``lang``)."""
        self.analysis, self.lang = analysis, lang
        account = analysis.account
        loc = self.locale()
        if not analysis.inputs:
            if self.failure:
                self.summary.setText(self.tr("Nothing was imported. %1").replace("%1", self.failure))
            else:
                self.summary.setText(self.tr("No file imported yet."))
            self.account.setRowCount(0)
            self.reason_filter.clear()
            self.excluded_model.set_frame(pd.DataFrame())
            return
        customers = 0 if analysis.customers is None else len(analysis.customers)
        text = ""
        if self.failure:
            text = (
                self.tr(
                    "The files were not read again. %1 The account below is the previous reading's."
                ).replace("%1", self.failure)
                + "\n"
            )
        # Each count is its own plural ("1 exclue", "2 exclues" in French), put in one translated layout.
        excluded = sum(account.excluded.values())
        text += (
            self.tr("{read}: {kept}, {excluded}. {customers}.")
            .replace("{read}", self.tr("%Ln row(s) read", "", account.read))
            .replace("{kept}", self.tr("%Ln kept", "", account.kept))
            .replace("{excluded}", self.tr("%Ln excluded", "", excluded))
            .replace("{customers}", self.tr("%Ln customer(s)", "", customers))
        )
        if analysis.rows_after_as_of:
            text += " " + self.tr(
                "%1 kept rows are dated after the analysis date and are left out of the segments."
            ).replace("%1", loc.toString(analysis.rows_after_as_of))
        unreadable = [
            (Path(i.path).name, column, count)
            for i in analysis.inputs
            for column, count in (i.details.get("unreadable") or {}).items()
            if count
        ]
        if unreadable:
            # One translated pattern: French puts a space before the colon ("Date : 3").
            count = self.tr("%1 › %2: %3")
            listed = "; ".join(
                count.replace("%1", name).replace("%2", str(column)).replace("%3", loc.toString(int(n)))
                for name, column, n in unreadable
            )
            text += "\n" + self.tr("Values that could not be read:") + " " + listed
        # With several files each warning says which file it is about: the core's wording is
        # per file ("15 customer ids of this file...") and the account adds the files up.
        several = len(analysis.inputs) > 1
        warnings = [
            self.tr("%1 › %2").replace("%1", Path(i.path).name).replace("%2", w) if several else w
            for i in analysis.inputs
            for w in input_warnings(i, lang)
        ]
        if warnings:
            text += "\n" + "\n".join(f"• {w}" for w in warnings)
        self.summary.setText(text)
        rows = [(self.tr("Kept"), account.kept, "")]
        rows += [
            (reason_text(k, lang), v, k) for k, v in sorted(account.excluded.items(), key=lambda kv: -kv[1])
        ]
        self.account.setRowCount(len(rows))
        for r, (label, count, _key) in enumerate(rows):
            self.account.setItem(r, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(loc.toString(int(count)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.account.setItem(r, 1, item)
        self.account.resizeColumnToContents(0)
        self.reason_filter.blockSignals(True)
        self.reason_filter.clear()
        self.reason_filter.addItem(self.tr("All reasons"), "")
        for label, count, key in rows[1:]:
            if count:
                self.reason_filter.addItem(f"{label} ({loc.toString(int(count))})", key)
        self.reason_filter.blockSignals(False)
        self._show_excluded()

    def show_failure(self, text: str) -> None:
        """Say why the last import failed (``text``: the message shown), or clear it ("")."""
        self.failure = text
        if self.analysis is not None:
            self.show_account(self.analysis, self.lang)
        elif text:
            self.summary.setText(self.tr("Nothing was imported. %1").replace("%1", text))

    def _show_excluded(self) -> None:
        analysis = self.analysis
        excluded = analysis.excluded if analysis is not None else None
        if excluded is None or not len(excluded):
            self.excluded_model.set_frame(pd.DataFrame())
            return
        key = self.reason_filter.currentData()
        frame = excluded[excluded["reason"] == key] if key else excluded
        names = [Path(i.path).name for i in analysis.inputs]
        lang, loc = self.lang, self.locale()
        old = self.excluded_model
        self.excluded_model = DataFrameModel(
            frame,
            self,
            headers={
                "source": self.tr("File"),
                "source_row": self.tr("Row in the file"),
                "reason": self.tr("Reason"),
            },
            formatters={
                "source": lambda v: names[int(v)] if 0 <= int(v) < len(names) else str(v),
                "source_row": lambda v: loc.toString(int(v)),
                "reason": lambda v: reason_text(str(v), lang),
            },
        )
        self.excluded_view.setModel(self.excluded_model)
        # Fitting the columns is the slowest part of showing a big account: only when the tab is
        # on screen, and after the current event.
        self._needs_fit = True
        if self.isVisible():
            QTimer.singleShot(0, self._fit_columns)
        old.deleteLater()

    def _fit_columns(self) -> None:
        if self._needs_fit:
            self._needs_fit = False
            self.excluded_view.resizeColumnsToContents()

    def showEvent(self, event: Any) -> None:
        """Fit the excluded rows' columns the first time they are seen."""
        super().showEvent(event)
        if self._needs_fit:
            QTimer.singleShot(0, self._fit_columns)


class MatchesPanel(QWidget):
    """The customers the import recognised in several files, for the user to review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.model = DataFrameModel(parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.setAccessibleName(self.tr("Customers matched across files"))
        compact_rows(self.view)
        # No stretched last column: stretched, it was squeezed to what the window left and cut
        # the ids each file used ('commandes.csv: 00042; clie…'), the very thing to check when
        # a spreadsheet dropped the leading zeros. Too wide, the table scrolls sideways.
        self.view.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.view, 1)

    def show_matches(self, analysis: Analysis, files: int) -> None:
        """Show the matches of ``analysis`` (``files``: how many files are imported)."""
        matches = cross_file_matches(analysis)
        if files < 2:
            self.note.setText(self.tr("Customers are matched across files when you import several files."))
            self.model.set_frame(pd.DataFrame())
            return
        if matches is None:
            self.note.setText(self.tr("No customer was found in more than one file."))
            self.model.set_frame(pd.DataFrame())
            return
        self.note.setText(
            self.tr(
                "%Ln customer(s) recognised in several files by the same customer id, e-mail or phone. Check them below.",
                "",
                len(matches),
            )
        )
        via = {"email": self.tr("e-mail"), "phone": self.tr("phone"), "id": self.tr("customer id")}
        old = self.model
        self.model = DataFrameModel(
            matches,
            self,
            headers={
                "customer_id": self.tr("Customer"),
                "via": self.tr("Matched on"),
                "files": self.tr("Files"),
                "ids": self.tr("Ids in the files"),
            },
            formatters={"via": lambda v: via.get(str(v), str(v))},
        )
        self.view.setModel(self.model)
        # A new model starts with default widths: "identifiant cli…", "de_kunden.c…" and a cut
        # header beside an empty half of the table. Fit the columns to their texts.
        self.view.resizeColumnsToContents()
        old.deleteLater()
