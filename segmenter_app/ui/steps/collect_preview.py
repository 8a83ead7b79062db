"""Pieces of the Collect step: the reading controls and preview, and the column-role table.

Reading and role detection are the core's (``segmenter_app.core.reading``); these widgets show
what the core detected and collect the user's overrides (encoding, delimiter, sheet, header row,
roles) as a per-file mapping in the core's mapping format (``reading/roles.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.ui.table_model import DataFrameModel

PREVIEW_ROWS = 200
LOW_CONFIDENCE = 0.7  # roles detected below this are highlighted for the user to check
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16")
DELIMITERS = (",", ";", "\t", "|", " ", "  ")  # the last two: columns aligned with spaces


@dataclass
class Preview:
    """The first rows of one file as read, the reading settings detected, and the roles guessed."""

    path: str
    frame: pd.DataFrame
    format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: list[dict[str, Any]]
    header_row: int
    source_rows: list[int] = field(default_factory=list)  # 1-based row number in the file of each row
    roles: dict[str, tuple[str, float, str]] = field(
        default_factory=dict
    )  # column -> (role, confidence, why)


def load_preview(
    path: str,
    settings: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Preview:
    """Read the first rows of ``path`` with the user's settings and guess the roles (worker thread)."""
    from segmenter_app.core import collect

    reading = {
        k: v for k, v in (settings or {}).items() if k in ("sheet", "encoding", "delimiter", "header_row")
    }
    found = collect.preview_file(path, rows=PREVIEW_ROWS, **reading)
    return Preview(
        path=path,
        frame=found["rows"],
        format=found["format"],
        encoding=found.get("encoding"),
        delimiter=found.get("delimiter"),
        sheet=found.get("sheet"),
        sheets=list(found.get("sheets") or []),
        header_row=int(found["header_row"]) if found.get("header_row") is not None else 1,
        source_rows=[int(r) for r in found.get("source_rows") or []],
        roles={c: (g.role, float(g.confidence), g.reason) for c, g in found["roles"].items()},
    )


def column_title(name: str) -> str:
    """A column's name as shown: the generic names the import gives the columns of a file without
    a header ("Column 3") in the interface's language; they stay "Column 3" inside, where mapping
    files refer to them."""
    number = name[len("Column ") :] if name.startswith("Column ") else ""
    if number.isdigit():
        return QCoreApplication.translate("columns", "Column %1").replace("%1", number)
    return name


def role_label(role: str) -> str:
    """A column role in the interface language."""
    labels = {
        "customer_id": QCoreApplication.translate("roles", "Customer id"),
        "email": QCoreApplication.translate("roles", "E-mail"),
        "phone": QCoreApplication.translate("roles", "Phone"),
        "first_name": QCoreApplication.translate("roles", "First name"),
        "last_name": QCoreApplication.translate("roles", "Last name"),
        "order_id": QCoreApplication.translate("roles", "Order number"),
        "order_date": QCoreApplication.translate("roles", "Order date"),
        "amount": QCoreApplication.translate("roles", "Amount"),
        "quantity": QCoreApplication.translate("roles", "Quantity"),
        "unit_price": QCoreApplication.translate("roles", "Unit price"),
        "product": QCoreApplication.translate("roles", "Product"),
        "product_code": QCoreApplication.translate("roles", "Product code"),
        "category": QCoreApplication.translate("roles", "Category"),
        "discount": QCoreApplication.translate("roles", "Discount"),
        "coupon": QCoreApplication.translate("roles", "Coupon code"),
        "channel": QCoreApplication.translate("roles", "Channel"),
        "city": QCoreApplication.translate("roles", "City"),
        "postcode": QCoreApplication.translate("roles", "Postcode"),
        "region": QCoreApplication.translate("roles", "Region"),
        "country": QCoreApplication.translate("roles", "Country"),
        "age": QCoreApplication.translate("roles", "Age"),
        "birth_date": QCoreApplication.translate("roles", "Birth date"),
        "gender": QCoreApplication.translate("roles", "Gender"),
        "consent": QCoreApplication.translate("roles", "Marketing consent"),
        "opt_out": QCoreApplication.translate("roles", "Opted out"),
        "status": QCoreApplication.translate("roles", "Order status"),
        "ignore": QCoreApplication.translate("roles", "(ignore this column)"),
    }
    return labels.get(role, role)


def missing_columns_text(key: str, params: dict[str, Any]) -> str | None:
    """The interface's own words for the import's "no customer column" errors, or None for others.

    The core's message is written for both front ends and tells command-line users to pass
    ``--mapping``; in the window the user picks the sheet or the roles right there, so the message
    says where, and names the roles as the Columns tab does.
    """
    if key not in ("missing_roles", "missing_roles_sheet"):
        return None
    # "customer_id / email / phone, order_date": alternatives within a group, groups by commas.
    groups = [part.split("/") for part in str(params.get("roles", "")).split(",")]
    roles = ", ".join(" / ".join(role_label(w.strip()) for w in group if w.strip()) for group in groups)
    if key == "missing_roles_sheet":
        text = QCoreApplication.translate(
            "CollectPage",
            "In {path}, sheet {sheet}, no column was recognised as {roles}. The workbook has other "
            "sheets ({others}): choose the one with your customers' sales in “Sheet” above the preview, then "
            "click “Read again”.",
        )
    else:
        text = QCoreApplication.translate(
            "CollectPage",
            "In {path}, no column was recognised as {roles}. Give the columns their roles in the "
            "Columns tab: the file is read again at once.",
        )
    for name in ("path", "sheet", "others"):
        text = text.replace("{" + name + "}", str(params.get(name, "")))
    return text.replace("{roles}", roles)


def all_roles() -> tuple[str, ...]:
    """Every role a column can take, as the core defines them."""
    try:
        from segmenter_app.core.reading.roles import ALL_ROLES

        return tuple(ALL_ROLES)
    except ImportError:
        from segmenter_app.core.schema import IGNORE, ROLES

        return (*ROLES, IGNORE)


def compact_rows(view: QTableView) -> None:
    """One text line per row, no wrapping: more rows on screen, the full text in the tooltip."""
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    # Fitting columns looks at 40 rows, not every fetched row (a second on a big table).
    view.horizontalHeader().setResizeContentsPrecision(40)


class HeaderRowBox(QSpinBox):
    """The header row: "automatic" (-1, found below titles and blank rows), "none" (0: the file
    starts with data, like CDNOW's), or the row number the user sees in the file."""

    AUTOMATIC = -1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(self.AUTOMATIC, 1000)
        self.setSpecialValueText(self.tr("automatic"))

    def textFromValue(self, value: int) -> str:
        """Row numbers as numbers; 0 as the word "none"."""
        return self.tr("none") if value == 0 else super().textFromValue(value)

    def valueFromText(self, text: str) -> int:
        """The word "none" typed back is 0."""
        return 0 if text.strip().lower() == self.tr("none").lower() else super().valueFromText(text)

    def validate(self, text: str, pos: int) -> object:
        """Accept the words as well as numbers."""
        words = (self.tr("none").lower(), self.specialValueText().lower())
        if text.strip().lower() in words:
            return (QValidator.State.Acceptable, text, pos)
        if any(w.startswith(text.strip().lower()) for w in words if text.strip()):
            return (QValidator.State.Intermediate, text, pos)
        return super().validate(text, pos)


class ReadingControls(QWidget):
    """Encoding, delimiter, sheet and header row of the selected file, with an Apply button."""

    applied = Signal(dict)  # the settings to read the file with

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.encoding = QComboBox(self)
        self.encoding.setEditable(True)
        self.encoding.addItems(ENCODINGS)
        self.encoding.setAccessibleName(self.tr("Encoding"))
        self.delimiter = QComboBox(self)
        labels = {
            "\t": self.tr("Tab"),
            " ": self.tr("Spaces"),
            "  ": self.tr("Two or more spaces"),
        }
        for value in DELIMITERS:
            self.delimiter.addItem(labels.get(value, value), value)
        self.delimiter.setAccessibleName(self.tr("Delimiter"))
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName(self.tr("Sheet"))
        # As wide as the longest sheet name: "Ventes 2026" showed as "Ventes 2".
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Another sheet has its own header row: find it again unless the user sets one.
        self.sheet.activated.connect(lambda _i: self.header_row.setValue(HeaderRowBox.AUTOMATIC))
        self.header_row = HeaderRowBox(self)
        self.header_row.setAccessibleName(self.tr("Header row"))
        self.apply_button = QPushButton(self.tr("Read &again"), self)
        self.apply_button.clicked.connect(lambda: self.applied.emit(self.settings()))
        self.labels: dict[QWidget, QLabel] = {}
        for label, widget in (
            (self.tr("E&ncoding:"), self.encoding),
            (self.tr("De&limiter:"), self.delimiter),
            (self.tr("S&heet:"), self.sheet),
            (self.tr("Header ro&w:"), self.header_row),
        ):
            cell = QHBoxLayout()
            lab = QLabel(label, self)
            lab.setBuddy(widget)
            cell.addWidget(lab)
            cell.addWidget(widget)
            layout.addLayout(cell)
            self.labels[widget] = lab
        layout.addStretch(1)
        layout.addWidget(self.apply_button)
        self._format = "csv"

    def show_preview(self, preview: Preview) -> None:
        """Show the settings the file was read with; text controls only for text files."""
        self._format = preview.format
        is_text = preview.format == "csv"
        self.encoding.setEnabled(is_text)
        self.delimiter.setEnabled(is_text)
        self.sheet.setEnabled(not is_text and len(preview.sheets) > 1)
        # Only the controls that mean something for this file: the four side by side did not fit
        # a 1200-pixel window in French, and an empty "Sheet" box beside a CSV says nothing.
        for widget, shown in ((self.encoding, is_text), (self.delimiter, is_text), (self.sheet, not is_text)):
            widget.setVisible(shown)
            self.labels[widget].setVisible(shown)
        # Encoding and delimiter mean nothing for a workbook: show them empty rather than a guess.
        self.encoding.setCurrentText(preview.encoding or "" if is_text else "")
        self.delimiter.setCurrentIndex(self.delimiter.findData(preview.delimiter) if is_text else -1)
        self.sheet.clear()
        for sheet in preview.sheets:
            hidden = sheet.get("state", "visible") != "visible"
            label = sheet["name"] + (self.tr(" (hidden)") if hidden else "")
            self.sheet.addItem(label, sheet["name"])
        index = self.sheet.findData(preview.sheet)
        if index >= 0:
            self.sheet.setCurrentIndex(index)
        self.header_row.setValue(max(0, preview.header_row))  # 0: the file has no header row

    def settings(self) -> dict[str, Any]:
        """The reading settings as chosen."""
        value = self.header_row.value()
        header_row = None if value == HeaderRowBox.AUTOMATIC else value
        if self._format == "csv":
            return {
                "encoding": self.encoding.currentText().strip() or None,
                "delimiter": self.delimiter.currentData(),
                "header_row": header_row,
            }
        return {"sheet": self.sheet.currentData(), "header_row": header_row}


class PreviewGrid(QWidget):
    """The reading controls above the first rows of the file as read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.controls = ReadingControls(self)
        # Hidden until a file's preview fills them: during a long import the defaults (utf-8, ',',
        # header "none") were shown beside a cp1252 ';' file, and the four boxes overflowed.
        self.controls.setVisible(False)
        layout.addWidget(self.controls)
        self.model = DataFrameModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Preview of the file"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        compact_rows(self.table)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)

    def show_message(self, text: str) -> None:
        """Say why the file cannot be previewed, in place of its rows."""
        self.model.set_frame(pd.DataFrame())
        self.message.setText(text)
        self.message.setVisible(True)

    def show_preview(self, preview: Preview | None) -> None:
        """Show a file's first rows."""
        self.message.setVisible(False)
        if preview is None:
            self.controls.setVisible(False)
            self.model.set_frame(pd.DataFrame())
            return
        self.controls.show_preview(preview)
        self.controls.setVisible(True)
        # Row numbers as the user sees them in the file (the header and titles come first). Set
        # before the frame: the model's reset is what sizes the side header, and labels set after
        # it left a header sized for "1".."8" showing "12" as "1".
        self.model.row_labels = [str(r) for r in preview.source_rows] if preview.source_rows else None
        self.model.set_frame(preview.frame, headers={c: column_title(str(c)) for c in preview.frame.columns})
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its title and its widest text among all the preview's rows (a
        200,000-line file's 'Produit 123' further down read 'Produit …' when only the first 40
        rows were looked at). Only each column's longest texts are measured: Qt's own fit asks the
        model for every cell, 1,600 Python calls for 8 columns of 200 rows, on the window's thread
        while an import runs."""
        frame = self.model.frame()
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1
        for c in range(frame.shape[1]):
            texts = frame.iloc[:, c].dropna().astype(str)
            widest = 0
            if len(texts):
                lengths = texts.str.len().to_numpy()
                # The longest by characters first, and those close to it (a proportional font's
                # "WWW" is wider than "iiii"): a few dozen measures at most.
                order = np.argsort(-lengths, kind="stable")[:40]
                for text in pd.unique(texts.to_numpy()[order]):
                    widest = max(widest, metrics.horizontalAdvance(str(text)))
            header.resizeSection(c, max(header.sectionSizeHint(c), widest + 2 * margin + 4))


class RoleTable(QTableWidget):
    """One row per input column: examples, the role (a combo box) and the detection confidence."""

    roleChanged = Signal(str, str)  # column, new role

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setAccessibleName(self.tr("Column roles"))
        self.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Examples"), self.tr("Role"), self.tr("Confidence")]
        )
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}

    def show_roles(self, frame: pd.DataFrame, roles: dict[str, tuple[str, float, str]], locale: Any) -> None:
        """Fill the table from the preview's columns and the detected (or chosen) roles."""
        for old in self.combos.values():
            old.hide()  # replaced below; hidden now rather than at their deferred deletion
        self.combos = {}
        self.setRowCount(len(frame.columns))
        warn = QBrush(QColor(255, 196, 0, 90))
        for row, column in enumerate(frame.columns):
            role, confidence, why = roles.get(column, ("ignore", 0.0, ""))
            name = QTableWidgetItem(column_title(str(column)))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            values = frame[column].dropna().astype(str).str.strip()
            samples = values[values != ""].head(4).tolist()
            examples = QTableWidgetItem(" · ".join(samples))
            examples.setFlags(examples.flags() & ~Qt.ItemFlag.ItemIsEditable)
            combo = QComboBox(self)
            combo.setAccessibleName(self.tr("Role of column %1").replace("%1", str(column)))
            for value in all_roles():
                combo.addItem(role_label(value), value)
            combo.setCurrentIndex(max(0, combo.findData(role)))
            combo.activated.connect(
                lambda _i, c=column, box=combo: self.roleChanged.emit(c, box.currentData())
            )
            # A column left aside by default has no certainty to show: "0 %" beside "(ignore this
            # column)" read as "surely not to ignore" on the 16 unused columns of a Stripe export.
            unused = role == "ignore" and confidence <= 0
            sure = QTableWidgetItem("" if unused else locale.toString(confidence * 100, "f", 0) + "\u00a0%")
            sure.setFlags(sure.flags() & ~Qt.ItemFlag.ItemIsEditable)
            sure.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            sure.setToolTip(self._why(why))
            low = role != "ignore" and confidence < LOW_CONFIDENCE
            if low:
                tip = self.tr("Not sure: please check this role.")
                for item in (name, examples, sure):
                    item.setBackground(warn)
                    item.setToolTip(tip)
                combo.setToolTip(tip)
                combo.setProperty("lowConfidence", True)
            self.setItem(row, 0, name)
            self.setItem(row, 1, examples)
            self.setCellWidget(row, 2, combo)
            self.setItem(row, 3, sure)
            self.combos[str(column)] = combo
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(2)
        self.setColumnWidth(0, min(self.columnWidth(0), 260))

    def _why(self, reason: str) -> str:
        if reason.startswith("preset:"):
            return self.tr("Recognised export format: %1").replace("%1", reason.split(":", 1)[1])
        return {
            "header": self.tr("From the column name"),
            "header-word": self.tr("From a word in the column name"),
            "values": self.tr("From the values"),
            "memory": self.tr("As you chose for a file with the same columns"),
            "mapping": self.tr("From the mapping file"),
            "user": self.tr("Chosen by you"),
        }.get(reason, reason)

    def low_confidence_columns(self) -> list[str]:
        """Columns whose role is highlighted for checking."""
        return [c for c, box in self.combos.items() if box.property("lowConfidence")]
