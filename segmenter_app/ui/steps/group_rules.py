"""The rule builder of the Group step: rules in priority order, each a set of conditions.

Each customer lands in the first rule that matches (the core does the matching); the builder
only edits the list: add (empty or from a preset), edit, remove, move up and down, load and save
as JSON through ``core.segmentation.rules``. Every change emits ``parametersChanged`` with the
whole rule list, which the page makes undoable and recomputes.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from segmenter_app.core.analysis import Analysis

#: Comparisons offered in the editor (the core's ``rules.OPS``, listed here to stay importable early).
OPERATORS = ("==", "!=", ">", ">=", "<", "<=", "between", "in", "not_in", "contains", "missing", "present")
LIST_OPERATORS = ("between", "in", "not_in")
NO_VALUE = ("missing", "present")


def _rules_module() -> Any:
    from segmenter_app.core.segmentation import rules

    return rules


def rule_name(rule: dict[str, Any], lang: str) -> str:
    """A rule's name in ``lang`` (the core's reading of ``{"en", "fr"}`` names)."""
    return str(_rules_module().rule_name(rule, lang))


def describe_rule(rule: dict[str, Any], lang: str, customers: Any = None) -> str:
    """A rule's condition in words (the core's wording)."""
    when = rule.get("when")
    if not when:
        return ""
    try:
        return str(_rules_module().condition_text(when, lang, customers))
    except (KeyError, TypeError, ValueError):
        return json.dumps(when, ensure_ascii=False)


def simple_tests(when: dict[str, Any] | None) -> tuple[str, list[dict[str, Any]]] | None:
    """("all" | "any", tests) when a condition is one level of field tests, else None (nested)."""
    if not when:
        return "all", []
    if "field" in when:
        return "all", [dict(when)]
    for group in ("all", "any"):
        items = when.get(group)
        if isinstance(items, list) and all(isinstance(i, dict) and "field" in i for i in items):
            return group, [dict(i) for i in items]
    return None


def value_text(value: Any) -> str:
    """A test's value as typed in the editor: numbers, "a ; b" lists, JSON for relative values."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return " ; ".join(str(v) for v in value)
    return str(value)


def parse_value(text: str, op: str) -> Any:
    """The value of a test from the editor's text (see :func:`value_text`)."""
    text = text.strip()
    if op in NO_VALUE:
        return None
    if text.startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text
    if op in LIST_OPERATORS:
        return [_number_or_text(p) for p in text.split(";") if p.strip()]
    return _number_or_text(text)


class ConditionsDialog(QDialog):
    """Edit one rule: its name, whether all or any test must hold, and the tests themselves.

    A rule whose condition is nested (groups inside groups, "not") keeps it unless the user adds
    or changes tests here; the dialog says so.
    """

    def __init__(
        self, rule: dict[str, Any], fields: list[tuple[str, str]], lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit rule"))
        self.rule = copy.deepcopy(rule)
        self.fields = fields  # (column, label in the analysis language)
        self.lang = lang
        self.name = QLineEdit(rule_name(rule, lang) if rule.get("name") else "")
        self.name.setAccessibleName(self.tr("Segment name"))
        self.combine = QComboBox()
        self.combine.addItem(self.tr("all the tests (AND)"), "all")
        self.combine.addItem(self.tr("any of the tests (OR)"), "any")
        self.combine.setAccessibleName(self.tr("Customers must pass"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), self.tr("Test"), self.tr("Value")])
        self.table.setAccessibleName(self.tr("Tests of the rule"))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        parsed = simple_tests(rule.get("when"))
        self._nested = parsed is None
        if parsed is not None:
            group, tests = parsed
            self.combine.setCurrentIndex(1 if group == "any" else 0)
            for test in tests:
                self.add_test(test)
        else:
            self.note.setText(
                self.tr("This rule has nested conditions: {text}. Adding tests here replaces them.").replace(
                    "{text}", describe_rule(rule, lang)
                )
            )
        add = QPushButton(self.tr("Add test"))
        add.clicked.connect(lambda: self.add_test({}))
        remove = QPushButton(self.tr("Remove test"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        hint = QLabel(
            self.tr(
                "Values: a number or a text; two values for 'between' and several for 'in', "
                "separated by ';'. Dates as YYYY-MM-DD."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Segment name"), self.name)
        form.addRow(self.tr("Customers must pass"), self.combine)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def add_test(self, test: dict[str, Any]) -> None:
        """Add a row for a test ``{"field", "op", "value"}`` (empty: the first criterion)."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        field = QComboBox()
        for column, text in self.fields:
            field.addItem(text, column)
        index = field.findData(test.get("field"))
        field.setCurrentIndex(max(index, 0))
        field.setAccessibleName(self.tr("Criterion"))
        op = QComboBox()
        op.addItems(OPERATORS)
        op.setCurrentText(str(test.get("op", ">")))
        op.setAccessibleName(self.tr("Test"))
        self.table.setCellWidget(row, 0, field)
        self.table.setCellWidget(row, 1, op)
        self.table.setItem(row, 2, QTableWidgetItem(value_text(test.get("value"))))

    def tests(self) -> list[dict[str, Any]]:
        """The tests as the core reads them."""
        out = []
        for row in range(self.table.rowCount()):
            field = self.table.cellWidget(row, 0).currentData()
            op = self.table.cellWidget(row, 1).currentText()
            item = self.table.item(row, 2)
            if not field:
                continue
            test: dict[str, Any] = {"field": field, "op": op}
            if op not in NO_VALUE:
                test["value"] = parse_value(item.text() if item else "", op)
            out.append(test)
        return out

    def result_rule(self) -> dict[str, Any]:
        """The edited rule."""
        rule = copy.deepcopy(self.rule)
        name = self.name.text().strip()
        if name and name != (rule_name(rule, self.lang) if rule.get("name") else ""):
            rule["name"] = name
        tests = self.tests()
        if tests or not self._nested:
            rule["when"] = {str(self.combine.currentData()): tests} if tests else {}
        rule.pop("preset", None)  # edited: no longer the preset as shipped
        return rule


def _number_or_text(text: str) -> Any:
    text = text.strip()
    try:
        number = float(text.replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


class RulesParams(QWidget):
    """The list of rules with Add, Preset, Edit, Remove, Up, Down, Load and Save."""

    parametersChanged = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules: list[dict[str, Any]] = []
        self.fields: list[tuple[str, str]] = []
        self.customers: Any = None
        self.lang = "en"
        self.details: dict[str, Any] = {}
        self.dialog: ConditionsDialog | None = None
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Rules in priority order"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_current())
        self.list.setMaximumHeight(140)
        self.presets = QComboBox()
        self.presets.setAccessibleName(self.tr("Preset rules"))
        self.presets.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("add", self.tr("Add rule"), self.add_rule),
            ("edit", self.tr("Edit"), self.edit_current),
            ("remove", self.tr("Remove"), self.remove_current),
            ("up", self.tr("Move up"), lambda: self.move_current(-1)),
            ("down", self.tr("Move down"), lambda: self.move_current(1)),
            ("preset", self.tr("Add preset"), self.add_preset),
            ("load", self.tr("Load…"), self.load),
            ("save", self.tr("Save…"), self.save),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[name] = button
            if name == "preset":
                buttons.addWidget(self.presets)
            buttons.addWidget(button)
        self.buttons["up"].setToolTip(self.tr("Higher priority: customers are checked against it first"))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.stats)

    def _fill_presets(self) -> None:
        from segmenter_app.core.segmentation import rule_presets

        self.presets.clear()
        table = rule_presets.presets_table(self.lang)
        for rec in table.to_dict(orient="records"):
            self.presets.addItem(str(rec["name"]), str(rec["id"]))
            self.presets.setItemData(
                self.presets.count() - 1, str(rec["description"]), Qt.ItemDataRole.ToolTipRole
            )

    def set_state(self, parameters: dict[str, Any], details: dict[str, Any], analysis: Analysis) -> None:
        """Show the rules and the overlap and "Others" counts of the result (no signal)."""
        from segmenter_app.core.segmentation.labels import label

        self.lang = analysis.lang
        self.details = details
        self._fill_presets()
        used = [r["rule"] for r in details.get("rules", []) if isinstance(r, dict) and "rule" in r]
        self.rules = copy.deepcopy(parameters.get("rules") or used)
        self.customers = analysis.customers
        if analysis.customers is not None:
            self.fields = [(str(c), label(str(c), self.lang)) for c in analysis.customers.columns]
        self._fill_list()
        parts = [
            self.tr(
                "%n customer(s) matched several rules and went to the first.",
                "",
                int(details.get("multi_match", 0)),
            ),
            self.tr("%n customer(s) matched no rule: they are in Others.", "", int(details.get("others", 0))),
        ]
        parts += [str(t) for t in details.get("skipped_presets", [])]
        self.stats.setText(" ".join(parts))

    def _fill_list(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        assigned = self.details.get("assigned", {})
        matched = self.details.get("matched", {})
        for i, rule in enumerate(self.rules, start=1):
            key = f"rule:{rule.get('id')}"
            text = (
                self.tr("{number}. {rule}: {condition}")
                .replace("{number}", str(i))
                .replace("{rule}", rule_name(rule, self.lang))
                .replace("{condition}", describe_rule(rule, self.lang, self.customers))
            )
            if key in assigned:
                text += "  " + self.tr("({assigned} customers, {matched} matching)").replace(
                    "{assigned}", str(assigned[key])
                ).replace("{matched}", str(matched.get(key, assigned[key])))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, i - 1)
            self.list.addItem(item)
        if self.rules:
            self.list.setCurrentRow(min(max(current, 0), len(self.rules) - 1))

    def parameters(self) -> dict[str, Any]:
        """The parameters for ``segment(analysis, "rules", ...)``."""
        return {"rules": copy.deepcopy(self.rules)}

    def set_rules(self, rules: list[dict[str, Any]]) -> None:
        """Replace the rules and emit (the page recomputes, undoably)."""
        self.rules = copy.deepcopy(rules)
        self._fill_list()
        self.parametersChanged.emit(self.parameters())

    # --- actions -------------------------------------------------------------------------------
    def add_rule(self) -> None:
        """Open an empty rule in the editor; OK appends it (lowest priority)."""
        rule = {"id": _new_id(self.rules), "name": self.tr("New segment"), "when": {}}
        self._open(rule, lambda edited: self.set_rules([*self.rules, edited]))

    def add_preset(self) -> None:
        """Append the chosen preset rule."""
        from segmenter_app.core.segmentation import rule_presets

        preset_id = self.presets.currentData()
        if preset_id is None:
            return
        rule = rule_presets.preset(str(preset_id), self.lang)
        if any(str(r.get("id")) == rule["id"] for r in self.rules):
            rule["id"] = _new_id(self.rules)
        self.set_rules([*self.rules, rule])

    def edit_current(self) -> None:
        """Open the selected rule in the editor."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.rules):
            return

        def done(edited: dict[str, Any]) -> None:
            rules = copy.deepcopy(self.rules)
            rules[row] = edited
            self.set_rules(rules)

        self._open(self.rules[row], done)

    def _open(self, rule: dict[str, Any], done: Any) -> None:
        self.dialog = ConditionsDialog(rule, self.fields, self.lang, self)
        dialog = self.dialog
        dialog.accepted.connect(lambda: done(dialog.result_rule()))
        dialog.open()  # window-modal, the event loop keeps running

    def remove_current(self) -> None:
        """Remove the selected rule."""
        row = self.list.currentRow()
        if 0 <= row < len(self.rules):
            self.set_rules([r for i, r in enumerate(self.rules) if i != row])

    def move_current(self, step: int) -> None:
        """Move the selected rule up (-1) or down (+1) in priority."""
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.rules) and 0 <= target < len(self.rules):
            rules = copy.deepcopy(self.rules)
            rules[row], rules[target] = rules[target], rules[row]
            self.set_rules(rules)
            self.list.setCurrentRow(target)

    def load(self) -> None:
        """Load rules from a JSON file (the format of ``--rules FILE.json``)."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load rules"), "", self.tr("Rules (*.json)"))
        if path:
            self.set_rules(list(_rules_module().load_rules(path)))

    def save(self) -> None:
        """Save the rules to a JSON file."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save rules"), "", self.tr("Rules (*.json)"))
        if path:
            _rules_module().save_rules(self.rules, path)


def _new_id(rules: list[dict[str, Any]]) -> str:
    used = {str(r.get("id")) for r in rules}
    n = len(rules) + 1
    while str(n) in used:
        n += 1
    return str(n)
