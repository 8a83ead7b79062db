"""One segment's card on the Act page: persona, the editable plan, the budget calculator, the control group.

The card shows a plan dict of ``analysis.plans`` (fields in ``core.actions.plans``) and emits
``edited(key, field, value)`` for every change; the page applies it with ``actions.update_plan``
(undoably) and calls :meth:`PlanCard.show_figures` with the recomputed plan. Texts are committed
when the field loses focus; numbers as they change (the page merges a burst into one undo step).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from segmenter_app.core.currency import currency_info
from segmenter_app.ui.charts.base import format_money, format_number, format_percent

CHANNELS = ("email", "sms", "phone", "letter", "in_store")
WARNING_STYLE = "color: #D55E00;"


class CommitTextEdit(QPlainTextEdit):
    """A multi-line text field that reports its text when the user leaves it (one edit, not one per key)."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last = ""
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field (keyboard navigation)
        self.setMaximumHeight(64)

    def set_text(self, text: str) -> None:
        """Set the text without reporting it."""
        self._last = text
        self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Report the text if it changed."""
        super().focusOutEvent(event)
        self.commit()

    def commit(self) -> None:
        """Report the text now if it changed (also used by tests)."""
        text = self.toPlainText()
        if text != self._last:
            self._last = text
            self.committed.emit(text)


class PlanCard(QGroupBox):
    """The card of one segment (see the module docstring)."""

    edited = Signal(str, str, object)  # segment key, plan field, new value
    resetRequested = Signal(str)  # segment key: back to the suggestion

    def __init__(self, plan: dict[str, Any], currency: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = str(plan["key"])
        self.currency = currency
        self._filling = False
        self.persona = QLabel()
        self.persona.setWordWrap(True)
        font = self.persona.font()
        font.setItalic(True)
        self.persona.setFont(font)

        self.texts: dict[str, QLineEdit | CommitTextEdit] = {}
        text_form = QFormLayout()
        for field, label, multi in (
            ("objective", self.tr("Objective"), False),
            ("message", self.tr("Message"), True),
            ("offer", self.tr("Offer"), False),
            # The channel's notes, under "Channel used": a second "Channel" beside it read as a twin.
            ("channel", self.tr("How to reach them"), False),
            ("timing", self.tr("Timing"), False),
            ("kpi", self.tr("KPI to watch"), False),
            ("avoid", self.tr("Avoid"), False),
        ):
            widget: QLineEdit | CommitTextEdit
            if multi:
                widget = CommitTextEdit()
                widget.committed.connect(lambda text, f=field: self._emit(f, text))
            else:
                widget = QLineEdit()
                widget.editingFinished.connect(lambda f=field, w=widget: self._line_done(f, w))
            widget.setAccessibleName(label)
            self.texts[field] = widget
            text_form.addRow(label, widget)
        self.channel_key = QComboBox()
        for key, text in (
            ("email", self.tr("Email")),
            ("sms", self.tr("SMS")),
            ("phone", self.tr("Phone call")),
            ("letter", self.tr("Letter")),
            ("in_store", self.tr("In-store voucher")),
        ):
            self.channel_key.addItem(text, key)
        self.channel_key.setAccessibleName(self.tr("Channel used"))
        self.channel_key.currentIndexChanged.connect(
            lambda _i: self._emit("channel_key", self.channel_key.currentData())
        )
        text_form.insertRow(3, self.tr("Channel used"), self.channel_key)

        self.cost = self._money_spin(self.tr("Cost per contact"), 0.0, 1000.0, "cost_per_contact")
        self.response = self._percent_spin(self.tr("Expected response rate"), 100.0, "response_rate")
        self.basket = self._money_spin(self.tr("Average basket"), 0.0, 1_000_000.0, "avg_basket")
        self.control = self._percent_spin(self.tr("Control group share"), 50.0, "control_share")
        self.priority = QSpinBox()
        self.priority.setRange(1, 99)
        self.priority.setAccessibleName(self.tr("Priority"))
        self.priority.valueChanged.connect(lambda v: self._emit("priority", int(v)))
        budget_form = QFormLayout()
        budget_form.addRow(self.tr("Priority"), self.priority)
        budget_form.addRow(self.tr("Cost per contact"), self.cost)
        budget_form.addRow(self.tr("Expected response rate"), self.response)
        budget_form.addRow(self.tr("Average basket"), self.basket)
        budget_form.addRow(self.tr("Control group share"), self.control)
        self.figures: dict[str, QLabel] = {}
        for field, label in (
            ("contacts", self.tr("Customers contacted")),
            ("expected_conversions", self.tr("Expected conversions")),
            ("expected_revenue", self.tr("Expected revenue")),
            ("budget", self.tr("Budget")),
            ("expected_return", self.tr("Expected return")),
            ("roi", self.tr("Return on investment")),
        ):
            value = QLabel()
            value.setAccessibleName(label)
            self.figures[field] = value
            budget_form.addRow(label, value)
        self.control_note = QLabel()
        self.control_note.setWordWrap(True)
        self.reset = QPushButton(self.tr("Back to the suggestion"))
        self.reset.setToolTip(self.tr("Forget your changes to this plan"))
        self.reset.clicked.connect(lambda: self.resetRequested.emit(self.key))

        grid = QGridLayout(self)
        grid.addWidget(self.persona, 0, 0, 1, 2)
        grid.addLayout(text_form, 1, 0)
        grid.addLayout(budget_form, 1, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.control_note, 1)
        bottom.addWidget(self.reset)
        grid.addLayout(bottom, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.set_plan(plan)

    def _money_spin(self, name: str, low: float, high: float, field: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        # The currency's own decimals: none for yen or won ("8 ¥", not "8,00 ¥").
        decimals = min(2, currency_info(self.currency).decimals) if self.currency else 2
        spin.setDecimals(decimals)
        spin.setSingleStep((0.05 if high <= 1000 else 5.0) if decimals else (1.0 if high <= 1000 else 100.0))
        # Thousands grouped as in the figures beside it: "1272,95 €" sat next to "1 273 €".
        spin.setGroupSeparatorShown(True)
        if self.currency:
            # The symbol where the locale writes it, as in the figures beside ("£0.30", "0,30 €").
            sample = QLocale().toCurrencyString(1.0, self.currency, 0)
            if sample.startswith(self.currency):
                spin.setPrefix(self.currency)
            else:
                spin.setSuffix("\u00a0" + self.currency)
        spin.setAccessibleName(name)
        spin.valueChanged.connect(lambda v, f=field: self._emit(f, float(v)))
        return spin

    def _percent_spin(self, name: str, high: float, field: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(0.0, high)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setSuffix("\u00a0%")
        spin.setAccessibleName(name)
        spin.valueChanged.connect(lambda v, f=field: self._emit(f, round(float(v) / 100.0, 4)))
        return spin

    # --- showing -----------------------------------------------------------------------------
    def set_plan(self, plan: dict[str, Any]) -> None:
        """Fill every field from a plan (no signal)."""
        self._filling = True
        try:
            size = format_number(plan.get("size"))
            count = int(plan.get("size") or 0)
            self.setTitle(
                # Plural by the count ("1 customer"); {size} keeps the locale's digit grouping.
                self.tr("{priority}. {name}: {size} customer(s)", "", count)
                .replace("{priority}", str(plan.get("priority", "")))
                .replace("{name}", str(plan.get("name", self.key)))
                .replace("{size}", size)
            )
            self.setAccessibleName(self.title())
            self.persona.setText(str(plan.get("persona", "")))
            for field, widget in self.texts.items():
                value = str(plan.get(field) or "")
                if isinstance(widget, CommitTextEdit):
                    widget.set_text(value)
                else:
                    widget.setText(value)
                    widget.setCursorPosition(0)
                    # One line shows the start of a long offer or channel ("Bon remis en caisse ou
                    # glissé dans le colis : les données ne contienn"): the whole text on hover.
                    widget.setToolTip(value)
            index = self.channel_key.findData(plan.get("channel_key"))
            self.channel_key.setCurrentIndex(max(index, 0))
            self.priority.setValue(int(plan.get("priority") or 1))
            self.cost.setValue(float(plan.get("cost_per_contact") or 0.0))
            self.response.setValue(100.0 * float(plan.get("response_rate") or 0.0))
            self.basket.setValue(float(plan.get("avg_basket") or 0.0))
            self.control.setValue(100.0 * float(plan.get("control_share") or 0.0))
        finally:
            self._filling = False
        self.show_figures(plan)

    def show_figures(self, plan: dict[str, Any]) -> None:
        """Show the computed budget and control-group figures of a plan."""
        self.figures["contacts"].setText(format_number(plan.get("contacts")))
        self.figures["expected_conversions"].setText(format_number(plan.get("expected_conversions"), 1))
        self.figures["expected_revenue"].setText(format_money(plan.get("expected_revenue"), 0, self.currency))
        self.figures["budget"].setText(format_money(plan.get("budget"), 2, self.currency))
        net = plan.get("expected_return")
        self.figures["expected_return"].setText(format_money(net, 0, self.currency))
        self.figures["expected_return"].setStyleSheet(WARNING_STYLE if net is not None and net < 0 else "")
        roi = plan.get("roi")
        if roi is not None:
            self.figures["roi"].setText(format_percent(roi))
        elif not int(plan.get("contacts") or 0):
            # No budget because nobody is in the segment, not because the cost is missing: an empty
            # segment's card read "no cost entered" beside its cost of ¥51.
            self.figures["roi"].setText(self.tr("no one to contact"))
        else:
            self.figures["roi"].setText(self.tr("no cost entered"))
        note = str(plan.get("control_note") or "")
        size, share = int(plan.get("size") or 0), float(plan.get("control_share") or 0.0)
        if size >= 2 and share > 0 and not int(plan.get("control_size") or 0):
            # "Control group share 10 %" beside "No control group" read as a contradiction: the
            # share of so few customers rounds to no one, and raising it helps.
            note = (
                self.tr(
                    "{share} of {customers} rounds to no one: there is no control group, so the "
                    "campaign's effect cannot be compared with customers who were not contacted. Raise "
                    "the control share, or measure this segment together with a similar one."
                )
                .replace("{share}", format_percent(share))
                .replace("{customers}", self.tr("%Ln customer(s)", "", size))
            )
        self.control_note.setText(note)
        self.control_note.setStyleSheet(WARNING_STYLE if plan.get("control_too_small") else "")
        self.reset.setEnabled(bool(plan.get("edited")))

    # --- editing -----------------------------------------------------------------------------
    def _line_done(self, field: str, widget: QLineEdit) -> None:
        if widget.isModified():
            widget.setModified(False)
            self._emit(field, widget.text())

    def _emit(self, field: str, value: Any) -> None:
        if not self._filling:
            self.edited.emit(self.key, field, value)
