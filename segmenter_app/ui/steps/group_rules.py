"""The rule builder of the Group step: rules in priority order, each a set of conditions.

Each customer lands in the first rule that matches (the core does the matching); the builder
only edits the list: add (empty or from a preset), edit, remove, move up and down, load and save
as JSON through ``core.segmentation.rules``. Every change emits ``parametersChanged`` with the
whole rule list, which the page makes undoable and recomputes.
"""

from __future__ import annotations

import copy
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

OPERATORS = (">", ">=", "<", "<=", "==", "!=", "between", "in", "not in", "missing", "present")


def _rules_module() -> Any:
    from segmenter_app.core.segmentation import rules

    return rules


def describe_rule(rule: dict[str, Any], lang: str) -> str:
    """A rule's conditions in words (the core's wording when it offers one)."""
    try:
        module = _rules_module()
        if hasattr(module, "describe_rule"):
            return str(module.describe_rule(rule, lang))
    except ImportError:
        pass
    join = " OR " if rule.get("combine", rule.get("match", "all")) in ("any", "or") else " AND "
    parts = []
    for cond in rule.get("conditions", []):
        value = cond.get("value", "")
        parts.append(f"{cond.get('criterion', cond.get('field', '?'))} {cond.get('op', '')} {value}".strip())
    return join.join(parts)


class ConditionsDialog(QDialog):
    """Edit one rule: its name, how conditions combine, and the conditions themselves."""

    def __init__(self, rule: dict[str, Any], criteria: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit rule"))
        self.rule = copy.deepcopy(rule)
        self.criteria = criteria
        self.name = QLineEdit(str(rule.get("name", "")))
        self.name.setAccessibleName(self.tr("Segment name"))
        self.combine = QComboBox()
        self.combine.addItem(self.tr("all conditions (AND)"), "all")
        self.combine.addItem(self.tr("any condition (OR)"), "any")
        self.combine.setCurrentIndex(1 if rule.get("combine") in ("any", "or") else 0)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), self.tr("Test"), self.tr("Value")])
        self.table.setAccessibleName(self.tr("Conditions"))
        self.table.horizontalHeader().setStretchLastSection(True)
        for cond in rule.get("conditions", []):
            self._add_row(cond)
        add = QPushButton(self.tr("Add condition"))
        add.clicked.connect(lambda: self._add_row({}))
        remove = QPushButton(self.tr("Remove condition"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Segment name"), self.name)
        form.addRow(self.tr("Customers match"), self.combine)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 340)

    def _add_row(self, cond: dict[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        criterion = QComboBox()
        criterion.setEditable(True)
        criterion.addItems(self.criteria)
        criterion.setCurrentText(
            str(cond.get("criterion", cond.get("field", self.criteria[0] if self.criteria else "")))
        )
        criterion.setAccessibleName(self.tr("Criterion"))
        op = QComboBox()
        op.addItems(OPERATORS)
        op.setCurrentText(str(cond.get("op", ">")))
        op.setAccessibleName(self.tr("Test"))
        self.table.setCellWidget(row, 0, criterion)
        self.table.setCellWidget(row, 1, op)
        value = cond.get("value", "")
        if isinstance(value, list):
            value = " ; ".join(str(v) for v in value)
        self.table.setItem(row, 2, QTableWidgetItem("" if value is None else str(value)))

    def result_rule(self) -> dict[str, Any]:
        """The edited rule (values read as numbers when they are numbers)."""
        rule = copy.deepcopy(self.rule)
        rule["name"] = self.name.text().strip() or rule.get("name", "")
        rule["combine"] = self.combine.currentData()
        conditions = []
        for row in range(self.table.rowCount()):
            criterion = self.table.cellWidget(row, 0).currentText().strip()
            op = self.table.cellWidget(row, 1).currentText()
            item = self.table.item(row, 2)
            text = item.text().strip() if item else ""
            if not criterion:
                continue
            cond: dict[str, Any] = {"criterion": criterion, "op": op}
            if op in ("between", "in", "not in"):
                cond["value"] = [_number_or_text(p) for p in text.split(";") if p.strip()]
            elif op not in ("missing", "present"):
                cond["value"] = _number_or_text(text)
            conditions.append(cond)
        rule["conditions"] = conditions
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
        self.criteria: list[str] = []
        self.lang = "en"
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Rules in priority order"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda *_: self.edit_current())
        self.list.setMaximumHeight(130)
        self.presets = QComboBox()
        self.presets.setAccessibleName(self.tr("Preset rules"))
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("add", self.tr("Add rule"), self.add_rule),
            ("preset", self.tr("Add preset"), self.add_preset),
            ("edit", self.tr("Edit"), self.edit_current),
            ("remove", self.tr("Remove"), self.remove_current),
            ("up", self.tr("Move up"), lambda: self.move_current(-1)),
            ("down", self.tr("Move down"), lambda: self.move_current(1)),
            ("load", self.tr("Load…"), self.load),
            ("save", self.tr("Save…"), self.save),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[name] = button
            buttons.addWidget(button)
            if name == "preset":
                buttons.insertWidget(buttons.count() - 1, self.presets)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.stats)
        self._fill_presets()

    def _fill_presets(self) -> None:
        self.presets.clear()
        try:
            module = _rules_module()
        except ImportError:
            self.presets.setEnabled(False)
            self.buttons["preset"].setEnabled(False)
            return
        for key, label in _preset_items(module, self.lang):
            self.presets.addItem(label, key)

    def set_state(self, parameters: dict[str, Any], details: dict[str, Any], analysis: Analysis) -> None:
        """Show the rules of the current parameters and the overlap/others counts (no signal)."""
        self.lang = analysis.lang
        self._fill_presets()
        self.rules = copy.deepcopy(parameters.get("rules") or details.get("rules") or [])
        if analysis.customers is not None:
            self.criteria = [str(c) for c in analysis.customers.columns]
        self._fill_list()
        overlap = details.get("overlap") or details.get("matched_several")
        others = details.get("others")
        parts = []
        if overlap is not None:
            count = (
                overlap
                if isinstance(overlap, int)
                else len(overlap)
                if hasattr(overlap, "__len__")
                else overlap
            )
            parts.append(
                self.tr("{n} customers matched several rules (each counted in the first).").replace(
                    "{n}", str(count)
                )
            )
        if others is not None:
            count = (
                others if isinstance(others, int) else len(others) if hasattr(others, "__len__") else others
            )
            parts.append(
                self.tr("{n} customers matched no rule and are in Others.").replace("{n}", str(count))
            )
        self.stats.setText(" ".join(parts))

    def _fill_list(self) -> None:
        current = self.list.currentRow()
        self.list.clear()
        for i, rule in enumerate(self.rules, start=1):
            text = f"{i}. {rule.get('name', '')}: {describe_rule(rule, self.lang)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, i - 1)
            self.list.addItem(item)
        if self.rules:
            self.list.setCurrentRow(min(max(current, 0), len(self.rules) - 1))

    def parameters(self) -> dict[str, Any]:
        """The parameters for ``segment(analysis, "rules", ...)``."""
        return {"rules": copy.deepcopy(self.rules)}

    def set_rules(self, rules: list[dict[str, Any]]) -> None:
        """Replace the rules and emit."""
        self.rules = copy.deepcopy(rules)
        self._fill_list()
        self.parametersChanged.emit(self.parameters())

    # --- actions -------------------------------------------------------------------------------
    def add_rule(self) -> None:
        """Append an empty rule and open it for editing."""
        rule = {"id": _new_id(self.rules), "name": self.tr("New segment"), "combine": "all", "conditions": []}
        dialog = ConditionsDialog(rule, self.criteria, self)
        dialog.accepted.connect(lambda: self.set_rules([*self.rules, dialog.result_rule()]))
        dialog.open()

    def add_preset(self) -> None:
        """Append the chosen preset rule."""
        key = self.presets.currentData()
        if key is None:
            return
        rule = _preset_rule(_rules_module(), key, self.lang)
        rule.setdefault("id", _new_id(self.rules))
        self.set_rules([*self.rules, rule])

    def edit_current(self) -> None:
        """Open the selected rule in the conditions editor."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.rules):
            return
        dialog = ConditionsDialog(self.rules[row], self.criteria, self)

        def done() -> None:
            rules = copy.deepcopy(self.rules)
            rules[row] = dialog.result_rule()
            self.set_rules(rules)

        dialog.accepted.connect(done)
        dialog.open()

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
        """Load rules from a JSON file."""
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
    n = 1
    while str(n) in used:
        n += 1
    return str(n)


def _preset_items(module: Any, lang: str) -> list[tuple[str, str]]:
    presets = getattr(module, "PRESETS", None)
    if presets is None:
        return []
    items = []
    for key in presets:
        rule = _preset_rule(module, key, lang)
        items.append((str(key), str(rule.get("name", key))))
    return items


def _preset_rule(module: Any, key: str, lang: str) -> dict[str, Any]:
    if hasattr(module, "preset_rule"):
        return copy.deepcopy(module.preset_rule(key, lang))
    return copy.deepcopy(module.PRESETS[key])
