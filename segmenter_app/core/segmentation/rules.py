"""Rules: segments defined by conditions on any criterion, in priority order.

Each customer gets the first rule that matches; those matching several rules and those matching
none ("Others") are counted and listed, never silent. Rules are JSON (``--rules FILE.json``)::

    {"rules": [
      {"id": "vip", "name": {"en": "VIP", "fr": "VIP"},
       "when": {"all": [{"field": "frequency", "op": ">", "value": 5},
                        {"field": "avg_basket", "op": ">", "value": 100}]}},
      {"preset": "dormant"},
      {"id": "lyon", "name": "Lyon", "when": {"any": [{"field": "city", "op": "in", "value": ["Lyon", "Villeurbanne"]},
                                                       {"field": "postcode", "op": "between", "value": [69001, 69009]}]}}
    ]}

Conditions: ``{"all": [...]}`` (AND), ``{"any": [...]}`` (OR), ``{"not": {...}}``, or a test
``{"field", "op", "value"}`` with ``op`` one of ``== != > >= < <= between in not_in contains missing
present``. Text comparisons ignore case. A missing value matches only ``missing`` (never a
comparison, ``!=`` or ``not_in`` included). ``value`` may be relative: ``{"quantile": 0.9}`` (of that
field over all customers) or ``{"field": "mean_gap_days", "times": 1.5, "plus": 0}``.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import UserError
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.core.segmentation import rule_presets
from segmenter_app.core.segmentation.common import MESSAGES as COMMON
from segmenter_app.core.segmentation.common import make_segmentation, require_customers
from segmenter_app.core.segmentation.labels import label
from segmenter_app.core.segmentation.rule_files import (
    MESSAGES,
    OPS,
    RuleError,
    _Part,
    fields_of,
    load_rules,
    normalize_rules,
    save_rules,
)
from segmenter_app.core.segmentation.rule_text import condition_text, rule_name, values_text

__all__ = [
    "OPS",
    "RuleError",
    "condition_text",
    "evaluate",
    "fields_of",
    "load_rules",
    "normalize_rules",
    "rule_name",
    "run_rules",
    "save_rules",
]

OTHERS_KEY = "rule:others"
LISTED = 1000  # ids listed in the details (all of them are in the assignments)


# --- Evaluating ---------------------------------------------------------------------------------


def _resolve(value: Any, column: pd.Series, customers: pd.DataFrame) -> Any:
    """A relative value ({"quantile"} or {"field", "times", "plus"}) as a number or a column."""
    if isinstance(value, dict):
        if "quantile" in value:
            return float(column.astype(float).quantile(float(value["quantile"])))
        if "field" in value:
            other = customers[value["field"]].astype(float)
            return other * float(value.get("times", 1.0)) + float(value.get("plus", 0.0))
    return value


def _as_comparable(column: pd.Series, value: Any) -> tuple[pd.Series, Any]:
    """Column and value in a form where comparisons work: numbers, dates, or case-folded text."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column, pd.Timestamp(value) if not isinstance(value, pd.Series) else value
    if pd.api.types.is_bool_dtype(column) or isinstance(value, bool):
        return column.astype("boolean"), value
    if pd.api.types.is_numeric_dtype(column) or isinstance(value, int | float | pd.Series):
        return pd.to_numeric(column, errors="coerce"), value
    return column.astype("string").str.casefold(), str(value).casefold()


def _fold(values: list[Any]) -> list[Any]:
    return [v.casefold() if isinstance(v, str) else v for v in values]


def evaluate(cond: dict[str, Any], customers: pd.DataFrame) -> np.ndarray:
    """Which customers a condition matches (a boolean array in the table's order)."""
    if "all" in cond:
        result = np.ones(len(customers), dtype=bool)
        for item in cond["all"]:
            result &= evaluate(item, customers)
        return result
    if "any" in cond:
        result = np.zeros(len(customers), dtype=bool)
        for item in cond["any"]:
            result |= evaluate(item, customers)
        return result
    if "not" in cond:
        return ~evaluate(cond["not"], customers)
    try:
        return _evaluate_test(cond, customers)
    except (TypeError, ValueError):  # e.g. a text compared with numbers, an unreadable date
        column = customers[cond["field"]]
        if pd.api.types.is_datetime64_any_dtype(column):
            kind = "k_date"
        elif pd.api.types.is_bool_dtype(column):
            kind = "k_bool"
        elif pd.api.types.is_numeric_dtype(column):
            kind = "k_number"
        else:
            kind = "k_text"
        value = json.dumps(cond.get("value"), ensure_ascii=False)[:60]
        raise RuleError(
            "bad_value", field=cond["field"], op=cond["op"], value=value, kind=_Part(kind)
        ) from None


def _evaluate_test(cond: dict[str, Any], customers: pd.DataFrame) -> np.ndarray:
    """Which customers one test ``{"field", "op", "value"}`` matches."""
    column = customers[cond["field"]]
    op = cond["op"]
    present = column.notna().to_numpy().copy()
    if op == "missing":
        return ~present
    if op == "present":
        return present
    value = _resolve(cond.get("value"), column, customers)
    if op in ("in", "not_in"):
        if pd.api.types.is_numeric_dtype(column):
            hit = column.isin(value).to_numpy()
        else:
            hit = column.astype("string").str.casefold().isin(_fold(value)).fillna(False).to_numpy(dtype=bool)
        return present & (hit if op == "in" else ~hit)
    if op == "contains":
        text = column.astype("string").str.casefold()
        return text.str.contains(str(value).casefold(), regex=False).fillna(False).to_numpy(dtype=bool)
    if op == "between":
        low, high = (_resolve(v, column, customers) for v in value)
        col, low = _as_comparable(column, low)
        _, high = _as_comparable(column, high)
        result = (col >= low) & (col <= high)
    else:
        col, value = _as_comparable(column, value)
        result = {
            "==": lambda: col == value,
            "!=": lambda: col != value,
            ">": lambda: col > value,
            ">=": lambda: col >= value,
            "<": lambda: col < value,
            "<=": lambda: col <= value,
        }[op]()
    result = pd.Series(result).fillna(False).to_numpy(dtype=bool)
    # A missing value never matches a comparison, "!=" included.
    if isinstance(value, pd.Series):
        present &= value.notna().to_numpy()
    return result & present


# --- The method ---------------------------------------------------------------------------------


def _available(rule: dict[str, Any], customers: pd.DataFrame, informative: bool = False) -> str | None:
    """The first column a rule needs that the table lacks, or None. With ``informative``, a column
    with a single value (e.g. no discount anywhere) counts as lacking too: a preset on it would
    only produce an empty segment."""
    for field in fields_of(rule["when"]):
        if field not in customers.columns:
            return field
        if informative and customers[field].nunique(dropna=True) < 2:
            return field
    return None


def unique_names(names: list[str], others: str) -> list[str]:
    """The rules' segment names, a repeated one (or one spelled like ``others``, the name of the
    customers no rule matches) numbered "Name (2)": the workbook's Segment column and sheets
    name segments, and two segments with one name could not be told apart there."""
    taken = {others.strip().casefold()}
    out: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate.strip().casefold() in taken:
            n += 1
            candidate = f"{name} ({n})"
        taken.add(candidate.strip().casefold())
        out.append(candidate)
    return out


def run_rules(
    analysis: Analysis,
    parameters: dict[str, Any] | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> Segmentation:
    """Assign each customer to the first matching rule; count and list overlaps and "Others".

    ``parameters``: ``{"rules": [...]}``, ``{"rules_file": path}``, or ``{"preset": "default"}``
    (all presets in priority order; also the default when no rules are given), or ``{"preset":
    id or [ids]}`` for chosen presets. Presets whose
    columns the data lacks are left out with a note; a user rule on a missing column is an error.
    """
    parameters = dict(parameters or {})
    customers = require_customers(analysis)
    lang = analysis.lang
    skipped: list[str] = []
    if parameters.get("rules"):
        rules = normalize_rules(parameters["rules"])
    elif parameters.get("rules_file"):
        rules = load_rules(parameters["rules_file"])
    else:
        rules = []
        wanted = parameters.get("preset") or "default"
        if wanted in ("default", "all"):
            candidates = rule_presets.default_rules(lang)
        else:
            ids = [wanted] if isinstance(wanted, str) else list(wanted)
            candidates = normalize_rules([{"preset": p} for p in ids])
        for rule in candidates:
            missing = _available(rule, customers, informative=True)
            if missing is None:
                rules.append(rule)
            else:
                skipped.append(
                    MESSAGES("skipped", lang, name=rule_name(rule, lang), field=label(missing, lang))
                )
    for index, rule in enumerate(rules, start=1):
        missing = _available(rule, customers)
        if missing is not None:
            raise UserError(
                MESSAGES,
                "unknown_field",
                rule=index,
                field=missing,
                fields=", ".join(map(str, customers.columns)),
            )

    n = len(customers)
    matches = np.zeros((n, len(rules)), dtype=bool)
    for j, rule in enumerate(rules):
        matches[:, j] = evaluate(rule["when"], customers)
        progress(0.6 * (j + 1) / len(rules), "rules")
        if cancel is not None:
            cancel.check()
    count = matches.sum(axis=1)
    # With no usable rule (every preset left out for lack of data), everyone is in "Others".
    first = np.where(count > 0, matches.argmax(axis=1), -1) if rules else np.full(n, -1)
    keys = [f"rule:{r['id']}" for r in rules]
    names = unique_names([rule_name(r, lang) for r in rules], COMMON("others", lang))
    key_array = np.array([*keys, OTHERS_KEY], dtype=object)
    assignments = pd.DataFrame(index=customers.index.astype(str))
    assignments[s.A_SEGMENT] = key_array[first]  # -1 picks the last entry, "Others"
    assignments["matches"] = count
    matched_names = np.full(n, "", dtype=object)
    multi = np.flatnonzero(count > 1)
    name_array = np.array(names, dtype=object)
    for i in multi:
        matched_names[i] = "; ".join(name_array[matches[i]])
    assignments["matched_rules"] = matched_names

    reasons = np.empty(n, dtype=object)
    used_fields: list[str] = []
    for rule in rules:
        used_fields.extend(f for f in fields_of(rule["when"]) if f not in used_fields)
    for j, rule in enumerate(rules):
        rows = np.flatnonzero(first == j)
        if rows.size == 0:
            continue
        head = MESSAGES(
            "reason",
            lang,
            name=names[j],
            condition=condition_text(rule["when"], lang, customers),
            values="{values}",
        )
        values = values_text(customers, rows, fields_of(rule["when"]), lang)
        reasons[rows] = [head.replace("{values}", v) for v in values]
    others = np.flatnonzero(first == -1)
    if others.size:
        fallback = [
            f for f in (s.C_RECENCY, s.C_FREQUENCY, s.C_MONETARY) if f in customers.columns
        ] or used_fields
        reasons[others] = [
            MESSAGES("none", lang, values=v) for v in values_text(customers, others, fallback, lang)
        ]
    for i in multi:
        also = [name_array[k] for k in np.flatnonzero(matches[i]) if k != first[i]]
        reasons[i] = reasons[i] + MESSAGES("also", lang, names=", ".join(also))
    assignments[s.A_REASON] = reasons
    progress(0.9, "rules")

    ids = assignments.index.to_numpy()
    overlaps: dict[str, int] = {}
    for a in range(len(rules)):
        for b in range(a + 1, len(rules)):
            both = int((matches[:, a] & matches[:, b]).sum())
            if both:
                overlaps[f"{keys[a]} & {keys[b]}"] = both
    details = {
        "rules": [
            {
                "key": keys[j],
                "name": names[j],
                "condition": condition_text(r["when"], lang, customers),
                "rule": r,
            }
            for j, r in enumerate(rules)
        ],
        "matched": {keys[j]: int(matches[:, j].sum()) for j in range(len(rules))},
        "assigned": {k: int((first == j).sum()) for j, k in enumerate(keys)},
        "multi_match": int(multi.size),
        "multi_match_listed": sorted(ids[multi].tolist())[:LISTED],
        "others": int(others.size),
        "others_listed": sorted(ids[others].tolist())[:LISTED],
        "overlaps": overlaps,
        "skipped_presets": skipped,
    }
    segments = [*zip(keys, names, strict=True), (OTHERS_KEY, COMMON("others", lang))]
    progress(1.0, "rules")
    return make_segmentation("rules", {"rules": rules}, assignments, segments, details)


def overlaps_table(segmentation: Segmentation) -> pd.DataFrame:
    """The customers who matched several rules, with the rules they matched (for the GUI list)."""
    a = segmentation.assignments
    return a.loc[a["matches"] > 1, [s.A_SEGMENT, "matched_rules"]]


def others_table(segmentation: Segmentation) -> pd.DataFrame:
    """The customers no rule matched, with the reason (for the GUI list)."""
    a = segmentation.assignments
    return a.loc[a[s.A_SEGMENT] == OTHERS_KEY, [s.A_REASON]]
