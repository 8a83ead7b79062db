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

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress
from segmenter_app.core.segmentation import rule_presets
from segmenter_app.core.segmentation.common import MESSAGES as COMMON
from segmenter_app.core.segmentation.common import make_segmentation, require_customers
from segmenter_app.core.segmentation.labels import label
from segmenter_app.core.segmentation.rule_text import TEXTS, condition_text, rule_name, values_text

__all__ = [
    "condition_text",
    "evaluate",
    "load_rules",
    "normalize_rules",
    "rule_name",
    "run_rules",
    "save_rules",
]

OPS = ("==", "!=", ">", ">=", "<", "<=", "between", "in", "not_in", "contains", "missing", "present")
OTHERS_KEY = "rule:others"
LISTED = 1000  # ids listed in the details (all of them are in the assignments)
MAX_DEPTH = 32  # conditions nested deeper are refused (a hand-written rule never needs more)

MESSAGES = Messages(
    {
        "bad_json": (
            "The rules file {path} is not valid JSON ({error}). Check it in a text editor.",
            "Le fichier de règles {path} n'est pas du JSON valide ({error}). Vérifiez-le dans un éditeur de texte.",
        ),
        "unreadable": (
            "The rules file {path} cannot be read: {error}.",
            "Le fichier de règles {path} est illisible : {error}.",
        ),
        "bad_rule": (
            'Rule {rule}: {problem}. A rule is {{"id", "name", "when": condition}} or {{"preset": name}}.',
            'Règle {rule} : {problem}. Une règle s\'écrit {{"id", "name", "when": condition}} ou {{"preset": nom}}.',
        ),
        "unknown_field": (
            "Rule {rule} uses '{field}', which the customer table does not have. Available: {fields}.",
            "La règle {rule} utilise « {field} », absent de la table clients. Disponibles : {fields}.",
        ),
        "no_rules": ("Give at least one rule.", "Donnez au moins une règle."),
        "not_text": ("it is not UTF-8 text", "ce n'est pas du texte UTF-8"),
        "too_deep": ("nested too deeply", "imbrication trop profonde"),
        "bad_value": (
            "The condition '{field} {op} {value}' cannot be checked: '{field}' holds {kind}. Compare numbers with numbers, dates with dates (YYYY-MM-DD) and text with text, then run again.",
            "La condition « {field} {op} {value} » ne peut pas être vérifiée : « {field} » contient {kind}. Comparez des nombres à des nombres, des dates à des dates (AAAA-MM-JJ) et du texte à du texte, puis relancez.",
        ),
        "k_number": ("numbers", "des nombres"),
        "k_date": ("dates", "des dates"),
        "k_bool": ("yes/no values", "des valeurs oui/non"),
        "k_text": ("text", "du texte"),
        "p_unknown_preset": (
            "unknown preset '{value}' (known: {known})",
            "préréglage « {value} » inconnu (connus : {known})",
        ),
        "p_condition": ('a condition is needed under "when"', "une condition est nécessaire sous « when »"),
        "p_not_rule": ("{value} is not a rule", "{value} n'est pas une règle"),
        "p_field": (
            '"field" must name a criterion, not {value}',
            "« field » doit nommer un critère, pas {value}",
        ),
        "p_deep": (
            "conditions are nested more than {depth} levels deep",
            "les conditions sont imbriquées sur plus de {depth} niveaux",
        ),
        "p_bad_value": (
            "'{op}' cannot compare with {value}: give a number, a text or a date YYYY-MM-DD, "
            'or {{"quantile": 0.9}}, or {{"field": "name", "times": 1.5}}',
            "« {op} » ne peut pas comparer avec {value} : donnez un nombre, un texte ou une date AAAA-MM-JJ, "
            'ou {{"quantile": 0.9}}, ou {{"field": "nom", "times": 1.5}}',
        ),
        "p_op": (
            "unknown comparison '{value}' (use one of {known})",
            "comparaison « {value} » inconnue (utilisez l'une de {known})",
        ),
        "p_value": ("'{op}' needs {what}", "« {op} » demande {what}"),
        "w_number": ("a value", "une valeur"),
        "w_pair": ("a list of two values [low, high]", "une liste de deux valeurs [bas, haut]"),
        "w_list": ("a list of values", "une liste de valeurs"),
        "p_duplicate": ("the id '{value}' is used twice", "l'identifiant « {value} » est utilisé deux fois"),
        "reason": ("{name}: {condition} ({values})", "{name} : {condition} ({values})"),
        "also": (" · also matches: {names}", " · correspond aussi à : {names}"),
        "none": ("No rule matched ({values})", "Aucune règle ne correspond ({values})"),
        "skipped": (
            "Preset '{name}' left out: the data has no {field}.",
            "Préréglage « {name} » écarté : les données n'ont pas de {field}.",
        ),
    }
)


@dataclass(frozen=True)
class _Part:
    """A part of a message (a message key and its parameters) rendered in the error's language."""

    key: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


def _render(value: Any, lang: str) -> Any:
    if isinstance(value, _Part):
        return MESSAGES(value.key, lang, **{k: _render(v, lang) for k, v in value.params.items()})
    return value


class RuleError(UserError):
    """A rules problem whose parts (``_Part``) are said in the message's language too."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(MESSAGES, key, **{k: _render(v, "en") for k, v in params.items()})
        self.parts = params

    def text(self, lang: str) -> str:
        """The message in ``lang``, its parts included."""
        return MESSAGES(self.key, lang, **{k: _render(v, lang) for k, v in self.parts.items()})


def _bad_rule(index: int, problem: str, **params: Any) -> RuleError:
    return RuleError("bad_rule", rule=index, problem=_Part(problem, params))


# --- Reading and checking rules -----------------------------------------------------------------


def load_rules(path: str | Path) -> list[dict[str, Any]]:
    """Read and check a rules file (``{"rules": [...]}`` or a bare list); presets are expanded."""
    target = Path(path)
    try:
        text = target.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RuleError("unreadable", path=str(target), error=_Part("not_text")) from None
    except OSError as exc:
        raise UserError(MESSAGES, "unreadable", path=str(target), error=exc.strerror or str(exc)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            MESSAGES, "bad_json", path=str(target), error=f"line {exc.lineno}: {exc.msg}"
        ) from exc
    except RecursionError:  # brackets nested thousands deep
        raise RuleError("bad_json", path=str(target), error=_Part("too_deep")) from None
    rules = data.get("rules") if isinstance(data, dict) else data
    return normalize_rules(rules)


def save_rules(rules: list[dict[str, Any]], path: str | Path) -> None:
    """Write rules as a JSON file :func:`load_rules` reads back."""
    Path(path).write_text(json.dumps({"rules": rules}, ensure_ascii=False, indent=2), encoding="utf-8")


def normalize_rules(rules: Any) -> list[dict[str, Any]]:
    """Check rules and return them with presets expanded and every rule given an id and a name."""
    if not isinstance(rules, list) or not rules:
        raise UserError(MESSAGES, "no_rules")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, raw in enumerate(rules, start=1):
        if not isinstance(raw, dict):
            raise _bad_rule(index, "p_not_rule", value=json.dumps(raw, ensure_ascii=False)[:60])
        rule = dict(raw)
        if "preset" in rule and "when" not in rule:
            name = rule["preset"]
            if not isinstance(name, str) or name not in rule_presets.PRESET_IDS:
                raise _bad_rule(
                    index, "p_unknown_preset", value=name, known=", ".join(rule_presets.PRESET_IDS)
                )
            base = rule_presets.preset(name)
            base.update({k: v for k, v in rule.items() if k != "preset"})
            rule = base
        rule_id = str(rule.get("id") or index)
        if rule_id in seen:
            raise _bad_rule(index, "p_duplicate", value=rule_id)
        seen.add(rule_id)
        rule["id"] = rule_id
        if "when" not in rule:
            raise _bad_rule(index, "p_condition")
        _check_condition(rule["when"], index)
        rule.setdefault("name", {"en": TEXTS("rule", "en", n=index), "fr": TEXTS("rule", "fr", n=index)})
        out.append(rule)
    return out


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float)  # bool is an int


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _valid_value(value: Any) -> bool:
    """A value a comparison can use: a number, a text, or a relative value."""
    if _is_scalar(value):
        return True
    if not isinstance(value, dict):
        return False
    if "quantile" in value:
        return _is_number(value["quantile"]) and 0 <= value["quantile"] <= 1
    if "field" in value:
        return isinstance(value["field"], str) and all(
            _is_number(value[k]) for k in ("times", "plus") if k in value
        )
    return False


def _check_condition(cond: Any, index: int, depth: int = 0) -> None:
    """Refuse a condition that is not well formed, saying what is wrong (rule ``index``)."""
    if depth > MAX_DEPTH:
        raise _bad_rule(index, "p_deep", depth=MAX_DEPTH)
    if not isinstance(cond, dict):
        raise _bad_rule(index, "p_condition")
    for group in ("all", "any"):
        if group in cond:
            if not isinstance(cond[group], list) or not cond[group]:
                raise _bad_rule(index, "p_condition")
            for item in cond[group]:
                _check_condition(item, index, depth + 1)
            return
    if "not" in cond:
        _check_condition(cond["not"], index, depth + 1)
        return
    op = cond.get("op")
    if not isinstance(op, str) or op not in OPS:
        raise _bad_rule(index, "p_op", value=op, known=" ".join(OPS))
    if not isinstance(cond.get("field"), str) or not cond["field"]:
        raise _bad_rule(index, "p_field", value=json.dumps(cond.get("field"), ensure_ascii=False)[:60])
    value = cond.get("value")
    if op in ("missing", "present"):
        return
    if op == "between" and not (isinstance(value, list) and len(value) == 2):
        raise _bad_rule(index, "p_value", op=op, what=_Part("w_pair"))
    if op in ("in", "not_in") and not isinstance(value, list):
        raise _bad_rule(index, "p_value", op=op, what=_Part("w_list"))
    if value is None:
        raise _bad_rule(index, "p_value", op=op, what=_Part("w_number"))
    if op == "between":
        fine = all(_valid_value(v) for v in value)
    elif op in ("in", "not_in"):
        fine = all(_is_scalar(v) for v in value)
    elif op == "contains":
        fine = _is_scalar(value)
    else:
        fine = _valid_value(value)
    if not fine:
        raise _bad_rule(index, "p_bad_value", op=op, value=json.dumps(value, ensure_ascii=False)[:60])


def fields_of(cond: dict[str, Any]) -> list[str]:
    """Every column a condition reads, in order of appearance, without repeats."""
    out: list[str] = []
    if "all" in cond or "any" in cond:
        for item in cond.get("all", cond.get("any", [])):
            out.extend(f for f in fields_of(item) if f not in out)
    elif "not" in cond:
        out.extend(fields_of(cond["not"]))
    else:
        out.append(cond["field"])
        value = cond.get("value")
        if isinstance(value, dict) and "field" in value and value["field"] not in out:
            out.append(value["field"])
    return out


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
    names = [rule_name(r, lang) for r in rules]
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
