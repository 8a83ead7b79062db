"""The parameter panels of the Group step, one per method (the rule builder is in group_rules.py).

Each panel shows the parameters of its method and emits ``parametersChanged(dict)`` with the
whole new parameter dict when the user changes one; the page debounces and recomputes in the
background. :meth:`set_state` fills the widgets from the current segmentation without emitting,
so an undo or a refresh never triggers a second computation.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

DIMENSIONS = ("recency", "frequency", "monetary")


def _label(column: str, lang: str) -> str:
    from segmenter_app.core.segmentation.labels import label

    return label(column, lang)


def format_cut_points(values: list[float], locale: QLocale | None = None) -> str:
    """Cut points as the user reads and types them: "30 ; 90 ; 180" (";" never clashes with decimals)."""
    locale = locale or QLocale()
    out = []
    for value in values:
        number = float(value)
        out.append(locale.toString(int(number)) if number.is_integer() else locale.toString(number, "f", 2))
    return " ; ".join(out)


def parse_cut_points(text: str, locale: QLocale | None = None) -> list[float] | None:
    """The numbers of a cut-point field, or None when one cannot be read (empty gives [])."""
    locale = locale or QLocale()
    parts = [p.strip() for p in text.replace("\n", ";").split(";")]
    values: list[float] = []
    for part in parts:
        if not part:
            continue
        cleaned = part.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        number, ok = locale.toDouble(cleaned)
        if not ok:
            # Accept the other decimal mark too: "12.5" typed on a French keyboard is still 12.5.
            try:
                number, ok = float(cleaned.replace(",", ".")), True
            except ValueError:
                return None
        values.append(int(number) if float(number).is_integer() else float(number))
    return values


class RfmParams(QWidget):
    """Scores (automatic, 5 or 3) and the editable cut points, with each score's rule in words."""

    parametersChanged = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cut_points: dict[str, list[float]] = {}
        self._edited: set[str] = set()
        self.scores = QComboBox()
        # Its first item is renamed after each run ("Automatic: 5 scores..."): keep it whole.
        self.scores.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scores.addItem(self.tr("Automatic (3 scores below 200 customers)"), "auto")
        self.scores.setItemData(
            0, self.tr("3 scores below 200 customers, 5 from 200 customers up"), Qt.ItemDataRole.ToolTipRole
        )
        self.scores.addItem(self.tr("5 scores"), 5)
        self.scores.addItem(self.tr("3 scores (small data)"), 3)
        self.scores.setAccessibleName(self.tr("Number of RFM scores"))
        self.scores.currentIndexChanged.connect(self._emit)

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        scores_label = QLabel(self.tr("Scores"))
        scores_label.setBuddy(self.scores)
        grid.addWidget(scores_label, 0, 0)
        grid.addWidget(self.scores, 0, 1)
        titles = {
            "recency": self.tr("Recency cut points (days)"),
            "frequency": self.tr("Frequency cut points (orders)"),
            "monetary": self.tr("Monetary cut points (spend)"),
        }
        self.fields: dict[str, QLineEdit] = {}
        self.rules: dict[str, QLabel] = {}
        for col, dim in enumerate(DIMENSIONS):
            label = QLabel(titles[dim])
            field = QLineEdit()
            field.setAccessibleName(titles[dim])
            field.setToolTip(self.tr("Numbers separated by ';', in increasing order. Press Enter to apply."))
            field.editingFinished.connect(lambda d=dim: self._field_edited(d))
            label.setBuddy(field)
            rules = QLabel()
            rules.setWordWrap(True)
            rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = rules.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            rules.setFont(font)
            self.fields[dim], self.rules[dim] = field, rules
            grid.addWidget(label, 0, 2 + col)
            grid.addWidget(field, 1, 2 + col)
            grid.addWidget(rules, 2, 2 + col)
        for col in range(2, 5):
            grid.setColumnStretch(col, 1)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #D55E00;")
        self.error.setVisible(False)
        self.reset = QPushButton(self.tr("Compute the cut points again"))
        self.reset.setToolTip(
            self.tr("Forget the edited cut points and let the app choose them from the data")
        )
        self.reset.clicked.connect(self._reset)
        grid.addWidget(self.reset, 1, 0, 1, 2)
        grid.addWidget(self.error, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)

    def set_state(self, parameters: dict[str, Any], details: dict[str, Any]) -> None:
        """Show the parameters and cut points of an RFM result (no signal)."""
        self.blockSignals(True)
        try:
            requested = parameters.get("scores", "auto")
            index = self.scores.findData(requested)
            self.scores.setCurrentIndex(index if index >= 0 else 0)
            # The automatic choice says what it chose: "3 scores below 200 customers" read as the
            # choice made on a shop of 23,570 customers scored 1 to 5.
            used = int(details.get("scores") or 0) if requested == "auto" else 0
            if used == 3:
                auto = self.tr("Automatic: 3 scores (under 200 customers)")
            elif used == 5:
                auto = self.tr("Automatic: 5 scores (200 customers or more)")
            else:
                auto = self.tr("Automatic (3 scores below 200 customers)")
            self.scores.setItemText(0, auto)
            self._cut_points = {k: list(v) for k, v in (details.get("cut_points") or {}).items()}
            sources = details.get("cut_points_source") or {}
            self._edited = {d for d, src in sources.items() if src == "edited"}
            texts = details.get("cut_points_text") or {}
            for dim in DIMENSIONS:
                self.fields[dim].setText(format_cut_points(self._cut_points.get(dim, [])))
                # Show the first cut points: setText leaves the cursor at the end, and a narrow
                # field showed "! 718,89 ; 13 860,67" with the start of the first number cut off.
                self.fields[dim].setCursorPosition(0)
                # Four cut points of a big shop's spend do not fit the field: the tooltip has them all.
                hint = self.tr("Numbers separated by ';', in increasing order. Press Enter to apply.")
                shown = self.fields[dim].text()
                self.fields[dim].setToolTip(f"{shown}\n{hint}" if shown else hint)
                # Non-breaking spaces before French colons and before the separator (the wrapped
                # label began lines with ": 3 ou plus" or "· R 2"),
                # and "R" with its score: lines ended "· R" and went on "1: last purchase".
                rules = [
                    re.sub(r"\b([RFM]) (\d)", "\\1\u00a0\\2", str(t)).replace(" :", "\u00a0:")
                    for t in texts.get(dim, [])
                ]
                if not rules and not self._cut_points.get(dim) and details.get("cut_points"):
                    # An empty field and nothing under it looked broken: one value for all (every
                    # customer ordered 5 times) leaves nothing to cut.
                    rules = [self.tr("Every customer has the same value: no cut point, one score for all.")]
                self.rules[dim].setText("\u00a0· ".join(rules))
                font = self.fields[dim].font()
                font.setItalic(dim not in self._edited)  # italic: computed, upright: the user's
                self.fields[dim].setFont(font)
            self.reset.setEnabled(bool(self._edited))
            self.error.setVisible(False)
        finally:
            self.blockSignals(False)

    def parameters(self) -> dict[str, Any]:
        """The parameters for ``segment(analysis, "rfm", ...)``: scores and the edited cut points."""
        params: dict[str, Any] = {"scores": self.scores.currentData()}
        edited = {d: self._cut_points[d] for d in sorted(self._edited) if d in self._cut_points}
        if edited:
            params["cut_points"] = edited
        return params

    def _field_edited(self, dim: str) -> None:
        values = parse_cut_points(self.fields[dim].text())
        if values is None:
            self.error.setText(
                self.tr("Write the cut points as numbers separated by ';', e.g. 30 ; 90 ; 180.")
            )
            self.error.setVisible(True)
            return
        self.error.setVisible(False)
        if values == self._cut_points.get(dim):
            return
        self._cut_points[dim] = values
        if values:
            self._edited.add(dim)
        else:
            self._edited.discard(dim)
        self._emit()

    def _reset(self) -> None:
        self._edited.clear()
        self._emit()

    def _emit(self, *_: object) -> None:
        if not self.signalsBlocked():
            self.parametersChanged.emit(self.parameters())


class ClusterParams(QWidget):
    """The number of clusters (automatic, or fixed) and the criteria they are built on."""

    parametersChanged = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auto = QCheckBox(self.tr("Choose the number of groups automatically"))
        self.auto.setChecked(True)
        self.k = QSpinBox()
        self.k.setRange(2, 10)
        self.k.setValue(4)
        self.k.setEnabled(False)
        self.k.setAccessibleName(self.tr("Number of groups"))
        # A number from 2 to 10: the form stretched it across the page like a text field.
        self.k.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.criteria = QLabel()
        self.criteria.setWordWrap(True)
        self.auto.toggled.connect(self._auto_toggled)
        self.k.valueChanged.connect(self._emit)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.auto)
        form.addRow(self.tr("Number of groups"), self.k)
        form.addRow(self.tr("Criteria"), self.criteria)

    def set_state(
        self, parameters: dict[str, Any], details: dict[str, Any], criteria: list[str], lang: str = "en"
    ) -> None:
        """Show the parameters of a clustering (no signal)."""
        self.blockSignals(True)
        try:
            k = parameters.get("k", "auto")
            self.auto.setChecked(k in (None, "auto"))
            self.k.setEnabled(not self.auto.isChecked())
            chosen = details.get("k") or (k if isinstance(k, int) else None)
            if chosen:
                self.k.setValue(int(chosen))
            used = details.get("criteria") or parameters.get("criteria") or criteria
            text = (
                ", ".join(_label(str(c), lang) for c in used)
                if used
                else self.tr("recency, frequency, spend")
            )
            if details.get("silhouette") is not None:
                loc = QLocale()
                text += "\n" + (
                    self.tr(
                        "Silhouette {s} (how well the groups separate, from -1 to 1); stability {t} ({verdict})."
                    )
                    .replace("{s}", loc.toString(float(details["silhouette"]), "f", 2))
                    .replace("{t}", loc.toString(float(details.get("stability") or 0.0), "f", 2))
                    .replace("{verdict}", str(details.get("stability_verdict") or ""))
                )
            self.criteria.setText(text)
        finally:
            self.blockSignals(False)

    def parameters(self) -> dict[str, Any]:
        """The parameters for ``segment(analysis, "clusters", ...)``."""
        return {"k": "auto" if self.auto.isChecked() else int(self.k.value())}

    def set_k(self, k: int) -> None:
        """Fix k (e.g. from a click on the silhouette chart) and emit."""
        self.blockSignals(True)
        self.auto.setChecked(False)
        self.k.setEnabled(True)
        self.k.setValue(int(k))
        self.blockSignals(False)
        self._emit()

    def _auto_toggled(self, on: bool) -> None:
        self.k.setEnabled(not on)
        self._emit()

    def _emit(self, *_: object) -> None:
        if not self.signalsBlocked():
            self.parametersChanged.emit(self.parameters())


class PredictiveParams(QWidget):
    """The horizon of the predictions (expected purchases and lifetime value), in days."""

    parametersChanged = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizon = QSpinBox()
        self.horizon.setRange(30, 1095)
        self.horizon.setSingleStep(30)
        self.horizon.setValue(365)
        self.horizon.setSuffix(self.tr(" days"))
        self.horizon.setAccessibleName(self.tr("Prediction horizon in days"))
        self.horizon.valueChanged.connect(self._emit)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Predict over"), self.horizon)
        form.addRow(self.note)

    def set_state(self, parameters: dict[str, Any], details: dict[str, Any]) -> None:
        """Show the horizon, the fitted models and their check against a later period (no signal)."""
        self.blockSignals(True)
        try:
            self.horizon.setValue(int(parameters.get("horizon_days") or 365))
            self.note.setText(self.model_summary(details))
            self.note.setVisible(bool(self.note.text()))
        finally:
            self.blockSignals(False)

    def model_summary(self, details: dict[str, Any]) -> str:
        """The fitted parameters and the validation, in a few lines."""
        loc = QLocale()

        def num(value: Any, decimals: int = 3) -> str:
            return loc.toString(float(value), "f", decimals) if value is not None else "–"

        lines = []
        bg = details.get("bgnbd") or {}
        if bg:
            lines.append(
                self.tr(
                    "Purchases (BG/NBD) fitted on {n} customers: r {r}, alpha {alpha} {unit}, a {a}, b {b}; log-likelihood {ll}."
                )
                .replace("{n}", loc.toString(int(details.get("customers_fitted") or 0)))
                .replace("{r}", num(bg.get("r")))
                .replace("{alpha}", num(bg.get("alpha")))
                .replace("{unit}", str(bg.get("alpha_unit") or details.get("time_unit") or ""))
                .replace("{a}", num(bg.get("a")))
                .replace("{b}", num(bg.get("b")))
                .replace("{ll}", num(bg.get("log_likelihood"), 1))
            )
        gg = details.get("gamma_gamma") or {}
        if gg.get("refused"):
            lines.append(str(gg["refused"]))
        elif gg:
            lines.append(
                self.tr("Basket (Gamma-Gamma): p {p}, q {q}, gamma {g}.")
                .replace("{p}", num(gg.get("p")))
                .replace("{q}", num(gg.get("q")))
                .replace("{g}", num(gg.get("gamma")))
            )
        check = details.get("validation")
        if check:
            lines.append(
                self.tr(
                    "Checked on {start} to {end}: {predicted} purchases predicted, {actual} made ({error} %)."
                )
                .replace("{start}", str(check.get("period_start")))
                .replace("{end}", str(check.get("period_end")))
                .replace("{predicted}", num(check.get("predicted_purchases"), 0))
                .replace("{actual}", num(check.get("actual_purchases"), 0))
                .replace("{error}", num(check.get("total_error_pct"), 1))
            )
        else:
            lines.append(
                self.tr(
                    "Set an analysis date before the last sale to check the predictions against what happened."
                )
            )
        return "\n".join(lines)

    def parameters(self) -> dict[str, Any]:
        """The parameters for ``segment(analysis, "predictive", ...)``."""
        return {"horizon_days": int(self.horizon.value())}

    def _emit(self, *_: object) -> None:
        if not self.signalsBlocked():
            self.parametersChanged.emit(self.parameters())
