"""Rules in words: a condition as a sentence ("orders > 5 and average basket > 100"), a rule's
name in the analysis language, and a customer's values on the fields a rule reads."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core.i18n import Messages, normalize_lang
from segmenter_app.core.segmentation.common import format_number
from segmenter_app.core.segmentation.labels import label

TEXTS = Messages(
    {
        "rule": ("Rule {n}", "Règle {n}"),
        "and": (" and ", " et "),
        "or": (" or ", " ou "),
        "not": ("not ", "non "),
        "between": ("between {low} and {high}", "entre {low} et {high}"),
        "in": ("is one of {values}", "vaut l'un de {values}"),
        "not_in": ("is none of {values}", "ne vaut aucun de {values}"),
        "contains": ("contains {value}", "contient {value}"),
        "missing": ("is missing", "est absent"),
        "present": ("is known", "est connu"),
        "top": ("top {share}% (≥ {value})", "les {share} % du haut (≥ {value})"),
        "bottom": ("bottom {share}% (≤ {value})", "les {share} % du bas (≤ {value})"),
        "quantile": ("the {share}% quantile ({value})", "le quantile {share} % ({value})"),
        "times": ("{times} × {field}", "{times} × {field}"),
        "more": ("… ({count} values)", "… ({count} valeurs)"),
    }
)

# A condition's text is in every matching customer's reason: long lists and texts are cut.
LISTED_VALUES = 10
VALUE_CHARS = 60

SYMBOLS = {"==": "=", "!=": "≠", ">": ">", ">=": "≥", "<": "<", "<=": "≤"}


def rule_name(rule: dict[str, Any], lang: str) -> str:
    """A rule's name in ``lang`` (names are a string or ``{"en": ..., "fr": ...}``)."""
    name = rule.get("name")
    if isinstance(name, dict):
        return str(name.get(normalize_lang(lang)) or name.get("en") or next(iter(name.values()), rule["id"]))
    return str(name) if name else str(rule["id"])


def _value_text(value: Any, column: pd.Series | None, customers: pd.DataFrame | None, lang: str) -> str:
    if isinstance(value, dict):
        if "quantile" in value:
            q = float(value["quantile"])
            resolved = "…" if column is None else format_number(float(column.astype(float).quantile(q)), lang)
            return TEXTS("quantile", lang, share=format_number(q * 100, lang), value=resolved)
        if "field" in value:
            text = TEXTS(
                "times",
                lang,
                times=format_number(float(value.get("times", 1)), lang, 1),
                field=label(value["field"], lang),
            )
            plus = float(value.get("plus", 0))
            return text + (f" + {format_number(plus, lang)}" if plus else "")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return format_number(float(value), lang, 0 if float(value).is_integer() else 2)
    return _clip(str(value))


def _clip(text: str) -> str:
    """A value of a condition as the reasons show it: cut past :data:`VALUE_CHARS` characters."""
    return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS] + "…"


def condition_text(
    cond: dict[str, Any], lang: str, customers: pd.DataFrame | None = None, nested: bool = False
) -> str:
    """A condition in words: "orders > 5 and average basket > 100"."""
    for group in ("all", "any"):
        if group in cond:
            joiner = TEXTS("and" if group == "all" else "or", lang)
            text = joiner.join(condition_text(c, lang, customers, True) for c in cond[group])
            return f"({text})" if nested and len(cond[group]) > 1 else text
    if "not" in cond:
        return TEXTS("not", lang) + condition_text(cond["not"], lang, customers, True)
    field = label(cond["field"], lang)
    column = customers[cond["field"]] if customers is not None and cond["field"] in customers else None
    op = cond["op"]
    value = cond.get("value")
    if op in ("missing", "present"):
        return f"{field} {TEXTS(op, lang)}"
    if op == "between":
        low, high = (_value_text(v, column, customers, lang) for v in value)
        return f"{field} {TEXTS('between', lang, low=low, high=high)}"
    if op in ("in", "not_in"):
        # Every customer's reason holds this text: a long list is shown by its first values.
        shown = ", ".join(_clip(str(v)) for v in value[:LISTED_VALUES])
        if len(value) > LISTED_VALUES:
            shown += " " + TEXTS("more", lang, count=format_number(len(value), lang, 0))
        return f"{field} {TEXTS(op, lang, values=shown)}"
    if op == "contains":
        return f"{field} {TEXTS('contains', lang, value=_clip(str(value)))}"
    if isinstance(value, dict) and "quantile" in value and column is not None:
        q = float(value["quantile"])
        threshold = format_number(float(column.astype(float).quantile(q)), lang)
        if op in (">", ">=") and q >= 0.5:
            return f"{field} {TEXTS('top', lang, share=format_number((1 - q) * 100, lang), value=threshold)}"
        if op in ("<", "<=") and q <= 0.5:
            return f"{field} {TEXTS('bottom', lang, share=format_number(q * 100, lang), value=threshold)}"
    return f"{field} {SYMBOLS[op]} {_value_text(value, column, customers, lang)}"


def values_text(
    customers: pd.DataFrame, rows: np.ndarray, fields: list[str], lang: str, labelled: bool | None = None
) -> list[str]:
    """Per customer of ``rows``: "orders 7, average basket 140" for the given fields (the bare
    value when there is one field: the condition just before already names it)."""
    parts: list[list[str]] = [[] for _ in range(len(rows))]
    for field in fields[:4]:
        column = customers[field].iloc[rows]
        name = label(field, lang) + " " if (labelled if labelled is not None else len(fields) > 1) else ""
        if (
            pd.api.types.is_bool_dtype(column)
            or pd.api.types.is_object_dtype(column)
            or pd.api.types.is_string_dtype(column)
        ):
            texts = [
                "–" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else str(v)
                for v in column.tolist()
            ]
        elif pd.api.types.is_datetime64_any_dtype(column):
            texts = ["–" if pd.isna(v) else v.date().isoformat() for v in column.tolist()]
        else:
            values = column.astype(float).to_numpy()
            whole = np.all(np.isnan(values) | (values == np.round(values)))
            texts = []
            for v in values.tolist():
                texts.append("–" if v != v else format_number(v, lang, 0 if whole or abs(v) >= 100 else 2))
        for i, text in enumerate(texts):
            parts[i].append(f"{name}{text}")
    return [", ".join(p) for p in parts]
