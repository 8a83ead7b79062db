"""Rules files: reading, checking and saving rules (the format is in ``rules.py``), and the
messages that say, in the user's language, what is wrong with a rule and where.

A rules file comes from a user or another tool: every part of it is checked (fields, operators,
values, nesting) before a rule runs, so a mistake is a message naming the rule, never a crash.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from segmenter_app.core.i18n import Messages, Phrase, UserError
from segmenter_app.core.segmentation import rule_presets
from segmenter_app.core.segmentation.common import format_number
from segmenter_app.core.segmentation.rule_text import TEXTS

_SURROGATES = re.compile("[\ud800-\udfff]")

OPS = ("==", "!=", ">", ">=", "<", "<=", "between", "in", "not_in", "contains", "missing", "present")
MAX_DEPTH = 32  # conditions nested deeper are refused (a hand-written rule never needs more)
# More rules or tests than anyone writes by hand: refused, since the overlaps between rules are
# counted pair by pair and every rule becomes a segment with its own sheet (3,000 rules took
# three minutes and a workbook of 3,000 sheets).
MAX_RULES = 100
MAX_TESTS = 2000
# A rules file is a few kilobytes; a 26 MB one (a list of 3 million values) took 80 s and 3 GB.
MAX_FILE_BYTES = 5_000_000
# A segment name is a sheet's and a chart's label: a 10-million-character one took 90 s and 2.5 GB.
MAX_NAME = 200
# Kept for the customers no rule matches (a rule with this id would take their segment's key).
RESERVED_IDS = ("others",)

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
        "p_reserved": (
            "the id '{value}' is kept for the customers no rule matches: choose another id",
            "l'identifiant « {value} » est réservé aux clients qu'aucune règle ne retient : choisissez-en un autre",
        ),
        "too_big": (
            "The rules file {path} is {size} MB, far more than rules need (at most {most} MB). Check that it is a rules file, or shorten its lists of values.",
            "Le fichier de règles {path} fait {size} Mo, bien plus que des règles n'en demandent ({most} Mo au plus). Vérifiez que c'est un fichier de règles, ou raccourcissez ses listes de valeurs.",
        ),
        "p_long_name": (
            "its name has {length} characters: keep it under {most}",
            "son nom compte {length} caractères : gardez-le sous {most}",
        ),
        "too_many_rules": (
            "The rules file has {count} rules; at most {most} can be used (three segments you act on beat "
            "ten you cannot). Merge or remove rules, then run again.",
            "Le fichier de règles contient {count} règles ; {most} au plus peuvent servir (trois segments sur "
            "lesquels on agit valent mieux que dix). Fusionnez ou retirez des règles, puis relancez.",
        ),
        "too_many_tests": (
            "The rules hold more than {most} conditions, more than can be checked. Use 'in' with a list "
            "of values instead of many '==' conditions, then run again.",
            "Les règles contiennent plus de {most} conditions, plus qu'il n'est possible d'en vérifier. Utilisez "
            "« in » avec une liste de valeurs plutôt que de nombreuses conditions « == », puis relancez.",
        ),
        "reason": ("{name}: {condition} ({values})", "{name} : {condition} ({values})"),
        "also": (" · also matches: {names}", " · correspond aussi à : {names}"),
        "none": ("No rule matched ({values})", "Aucune règle ne correspond ({values})"),
        "skipped": (
            "Preset '{name}' left out: the data has no {field}.",
            "Préréglage « {name} » écarté : les données n'ont pas de {field}.",
        ),
    }
)


class _Part(Phrase):
    """A part of a message (a message key and its parameters) said in the language of the
    message it fills (``i18n.Phrase``)."""

    def __init__(self, key: str, params: dict[str, Any] | None = None) -> None:
        self.key, self.params = key, dict(params or {})
        super().__init__(
            lambda lang: MESSAGES(
                key,
                lang,
                **{k: v.render(lang) if isinstance(v, Phrase) else v for k, v in self.params.items()},
            )
        )


class RuleError(UserError):
    """A rules problem; its parts (``_Part``) are said in the message's language too."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(MESSAGES, key, **params)


def _bad_rule(index: int, problem: str, **params: Any) -> RuleError:
    return RuleError("bad_rule", rule=index, problem=_Part(problem, params))


def load_rules(path: str | Path) -> list[dict[str, Any]]:
    """Read and check a rules file (``{"rules": [...]}`` or a bare list); presets are expanded."""
    target = Path(path)
    try:
        size = target.stat().st_size
    except OSError as exc:
        raise UserError(MESSAGES, "unreadable", path=str(target), error=exc.strerror or str(exc)) from exc
    if size > MAX_FILE_BYTES:
        raise UserError(
            MESSAGES,
            "too_big",
            path=str(target),
            size=Phrase(lambda lang: format_number(size / 1e6, lang, 1)),
            most=MAX_FILE_BYTES // 1_000_000,
        )
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
    return normalize_rules(_without_lone_surrogates(rules))


def _without_lone_surrogates(value: Any) -> Any:
    """``value`` with the lone surrogates JSON lets a file write ("\\ud800") removed from its texts:
    they cannot be stored in a table of segments (Arrow refuses them) nor written to a file."""
    if isinstance(value, str):
        return _SURROGATES.sub("", value) if _SURROGATES.search(value) else value
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    return value


def save_rules(rules: list[dict[str, Any]], path: str | Path) -> None:
    """Write rules as a JSON file :func:`load_rules` reads back."""
    Path(path).write_text(json.dumps({"rules": rules}, ensure_ascii=False, indent=2), encoding="utf-8")


def normalize_rules(rules: Any) -> list[dict[str, Any]]:
    """Check rules and return them with presets expanded and every rule given an id and a name."""
    if not isinstance(rules, list) or not rules:
        raise UserError(MESSAGES, "no_rules")
    if len(rules) > MAX_RULES:
        raise UserError(MESSAGES, "too_many_rules", count=len(rules), most=MAX_RULES)
    out: list[dict[str, Any]] = []
    tests = [0]  # conditions counted across every rule
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
        if rule_id.strip().casefold() in RESERVED_IDS:
            raise _bad_rule(index, "p_reserved", value=rule_id)
        seen.add(rule_id)
        rule["id"] = rule_id
        if "when" not in rule:
            raise _bad_rule(index, "p_condition")
        _check_condition(rule["when"], index, tests=tests)
        names = rule.get("name")
        for name in names.values() if isinstance(names, dict) else [names]:
            if isinstance(name, str) and len(name) > MAX_NAME:
                raise _bad_rule(index, "p_long_name", length=len(name), most=MAX_NAME)
        rule.setdefault("name", {"en": TEXTS("rule", "en", n=index), "fr": TEXTS("rule", "fr", n=index)})
        out.append(rule)
    return out


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float)  # bool is an int


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and _finite(value)


def _finite(value: Any) -> bool:
    """False for NaN, infinities and integers too large for a float (JSON allows all three; a
    comparison with them matches no one, or fails)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _valid_value(value: Any) -> bool:
    """A value a comparison can use: a number, a text, or a relative value."""
    if _is_scalar(value):
        return _finite(value)
    if not isinstance(value, dict):
        return False
    if "quantile" in value:
        return _is_number(value["quantile"]) and 0 <= value["quantile"] <= 1
    if "field" in value:
        return isinstance(value["field"], str) and all(
            _is_number(value[k]) for k in ("times", "plus") if k in value
        )
    return False


def _check_condition(cond: Any, index: int, depth: int = 0, tests: list[int] | None = None) -> None:
    """Refuse a condition that is not well formed, saying what is wrong (rule ``index``);
    ``tests`` counts the conditions met so far, across rules."""
    tests = [0] if tests is None else tests
    if depth > MAX_DEPTH:
        raise _bad_rule(index, "p_deep", depth=MAX_DEPTH)
    if not isinstance(cond, dict):
        raise _bad_rule(index, "p_condition")
    for group in ("all", "any"):
        if group in cond:
            if not isinstance(cond[group], list) or not cond[group]:
                raise _bad_rule(index, "p_condition")
            for item in cond[group]:
                _check_condition(item, index, depth + 1, tests)
            return
    if "not" in cond:
        _check_condition(cond["not"], index, depth + 1, tests)
        return
    tests[0] += 1
    if tests[0] > MAX_TESTS:
        raise UserError(MESSAGES, "too_many_tests", most=MAX_TESTS)
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
        fine = all(_is_scalar(v) and _finite(v) for v in value)
    elif op == "contains":
        fine = _is_scalar(value) and _finite(value)
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
