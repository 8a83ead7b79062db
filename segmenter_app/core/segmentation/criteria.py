"""Step 2, Choose criteria: what the data allows, by family, with coverage and distribution, and
goals that propose criteria and a method (the user can change both).

:func:`catalogue` lists every usable column of the customer table (identifying columns such as
names and emails are not criteria); :func:`propose` turns a goal into criteria and a method;
:func:`apply_goal` records them in the analysis.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages, UserError, count_text
from segmenter_app.core.segmentation.common import require_customers
from segmenter_app.core.segmentation.labels import (
    FAMILIES,
    IDENTIFYING,
    KNOWN_FAMILIES,
    LABELS,
    family,
    family_label,
    label,
)

GOALS = ("keep_best", "grow_value", "win_back", "convert_first")
TOP_VALUES = 10
# A customers file may hold hundreds of columns (custom fields, tags, scores): a shop owner
# cannot choose among 200 criteria. Of the files' own columns (the app's criteria all stay),
# the catalogue offers at most MAX_ATTRIBUTES, the best filled first, and leaves out the ones
# that cannot group customers: no value, the same value for every customer, a category with
# more than MAX_CATEGORY_VALUES values. What was left out is in ``table.attrs["left_out"]``
# and said by :func:`left_out_text`.
MAX_ATTRIBUTES = 20
MAX_CATEGORY_VALUES = 50
LEFT_OUT_REASONS = ("no_value", "one_value", "too_many_values", "over_limit")

MESSAGES = Messages(
    {
        "keep_best": ("Keep the best", "Garder les meilleurs"),
        "grow_value": ("Grow value", "Faire croître la valeur"),
        "win_back": ("Win back", "Reconquérir"),
        "convert_first": ("Convert first-time buyers", "Convertir les primo-acheteurs"),
        "why_keep_best": (
            "Recency, frequency and spend find your best customers; RFM names them on a grid you can read.",
            "Récence, fréquence et dépense repèrent vos meilleurs clients ; le RFM les nomme sur une grille lisible.",
        ),
        "why_grow_value": (
            "Basket, frequency, favourite category and discount use show who could buy more; clusters find "
            "groups with similar habits.",
            "Panier, fréquence, catégorie préférée et usage des remises montrent qui pourrait acheter plus ; "
            "les groupes automatiques rassemblent les habitudes semblables.",
        ),
        "why_win_back": (
            "Recency against each customer's usual rhythm shows who is slipping away; the predictive model "
            "estimates who is still active and flags valuable customers at risk.",
            "La récence comparée au rythme habituel de chaque client montre qui s'éloigne ; le modèle prédictif "
            "estime qui est encore actif et signale les bons clients en risque de départ.",
        ),
        "why_convert_first": (
            "Orders, time since the first purchase and what they bought single out first-time buyers; rules "
            "put new and one-time buyers in their own segments.",
            "Le nombre de commandes, l'ancienneté et ce qu'ils ont acheté isolent les primo-acheteurs ; des "
            "règles placent les nouveaux clients et les clients d'un seul achat dans leurs propres segments.",
        ),
        "unknown_goal": (
            "Unknown goal '{goal}': choose one of {choices}.",
            "Objectif « {goal} » inconnu : choisissez l'un de {choices}.",
        ),
        "left_out": (
            "{n} more columns of your files are not offered as criteria: {reasons}.",
            "{n} autres colonnes de vos fichiers ne sont pas proposées comme critères : {reasons}.",
        ),
        "left_out_one": (
            "1 more column of your files is not offered as a criterion: {reasons}.",
            "1 autre colonne de vos fichiers n'est pas proposée comme critère : {reasons}.",
        ),
        "reason_no_value": ("{n} without any value", "{n} sans aucune valeur"),
        "reason_one_value": (
            "{n} with the same value for every customer",
            "{n} avec la même valeur pour tous",
        ),
        "reason_too_many_values": (
            "{n} with too many different values to group customers",
            "{n} avec trop de valeurs différentes pour grouper les clients",
        ),
        "reason_over_limit": (
            "{n} past the {limit} offered (the best filled come first)",
            "{n} au-delà des {limit} proposées (les mieux remplies d'abord)",
        ),
        "kind_number": ("number", "nombre"),
        "kind_category": ("category", "catégorie"),
        "kind_yes_no": ("yes/no", "oui/non"),
        "kind_date": ("date", "date"),
    }
)

GOAL_PLANS: dict[str, dict[str, Any]] = {
    "keep_best": {"criteria": [s.C_RECENCY, s.C_FREQUENCY, s.C_MONETARY], "method": "rfm", "parameters": {}},
    "grow_value": {
        "criteria": [s.C_AVG_BASKET, s.C_FREQUENCY, s.C_MONETARY, s.C_DISCOUNT_SHARE, s.C_FAV_CATEGORY],
        "method": "clusters",
        "parameters": {"k": "auto"},
    },
    "win_back": {
        "criteria": [s.C_RECENCY, s.C_GAP, s.C_FREQUENCY, s.C_MONETARY],
        "method": "predictive",
        "parameters": {"horizon_days": 365},
    },
    "convert_first": {
        "criteria": [
            s.C_FREQUENCY,
            s.C_TENURE,
            s.C_RECENCY,
            s.C_AVG_BASKET,
            s.C_FAV_CATEGORY,
            s.C_MAIN_CHANNEL,
        ],
        "method": "rules",
        "parameters": {
            "rules": [
                {"preset": "new_customers"},
                {"preset": "one_time_buyers"},
                {"preset": "due_to_reorder"},
            ]
        },
    },
}


def kind(column: pd.Series) -> str:
    """ "number", "category", "yes_no" or "date"."""
    if pd.api.types.is_bool_dtype(column):
        return "yes_no"
    if pd.api.types.is_datetime64_any_dtype(column):
        return "date"
    if pd.api.types.is_numeric_dtype(column):
        return "number"
    return "category"


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and (np.isnan(value) or np.isinf(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def distribution_summary(column: pd.Series) -> dict[str, Any]:
    """A JSON-friendly summary: quantiles and mean for numbers and dates, top values for the rest."""
    values = column.dropna()
    what = kind(column)
    if values.empty:
        return {}
    if what == "number":
        numbers = values.astype(float)
        q = numbers.quantile([0.0, 0.25, 0.5, 0.75, 1.0]).tolist()
        return {
            "min": _jsonable(q[0]),
            "p25": _jsonable(q[1]),
            "median": _jsonable(q[2]),
            "p75": _jsonable(q[3]),
            "max": _jsonable(q[4]),
            "mean": _jsonable(float(numbers.mean())),
            "skewed": bool(abs(float(numbers.skew())) > 1) if len(numbers) > 2 else False,
        }
    if what == "date":
        return {
            "min": _jsonable(values.min()),
            "median": _jsonable(values.quantile(0.5)),
            "max": _jsonable(values.max()),
        }
    counts = values.astype(str).value_counts()
    total = int(counts.sum())
    top = {str(k): round(int(v) / total, 4) for k, v in counts.head(TOP_VALUES).items()}
    return {"top": top, "other_share": round(1 - sum(top.values()), 4)}


def _tells_apart(filled: int, distinct: int) -> bool:
    """Whether a text column with ``filled`` values, ``distinct`` of them different, gives nearly
    every customer a value of their own (a customers file's "Name" or "Address" the import did not
    recognise): it tells customers apart, it does not group them, and it is personal data, so it
    is no criterion."""
    return filled >= 20 and distinct >= 0.9 * filled


def catalogue(analysis: Analysis) -> pd.DataFrame:
    """Every criterion of the customer table, by family, with coverage and distribution.

    Columns: criterion, label, family, family_label, kind, kind_label, coverage (share of customers
    with a value), distinct, distribution (dict: quantiles or top values with shares),
    suggested (proposed by the current goal), chosen (in ``analysis.criteria``).
    """
    customers = require_customers(analysis)
    lang = analysis.lang
    suggested = set(GOAL_PLANS[analysis.goal]["criteria"]) if analysis.goal in GOAL_PLANS else set()
    chosen = set(analysis.criteria)
    rows = []
    left_out: dict[str, list[str]] = {reason: [] for reason in LEFT_OUT_REASONS}
    attributes: list[tuple[float, int, str, pd.Series, str, int]] = []
    for position, criterion in enumerate(customers.columns):
        if criterion in IDENTIFYING:
            continue
        column = customers[criterion]
        what = kind(column)
        distinct = int(column.nunique())  # once: on 100,000 texts it holds the GIL a while
        if what == "category" and _tells_apart(int(column.count()), distinct):
            continue  # a name, an address, a code of a customers file: it identifies, not groups
        coverage = float(column.notna().mean())
        if not _app_criterion(str(criterion)) and criterion not in suggested | chosen:
            reason = _cannot_group(what, coverage, distinct)
            if reason is not None:
                left_out[reason].append(str(criterion))
            else:
                attributes.append((-coverage, position, criterion, column, what, distinct))
            continue
        rows.append(_entry(criterion, column, what, distinct, lang, suggested, chosen))
    # The best filled of the files' own columns, in the order of the table.
    offered = sorted(sorted(attributes)[:MAX_ATTRIBUTES], key=lambda a: a[1])
    left_out["over_limit"] = [str(a[2]) for a in sorted(attributes)[MAX_ATTRIBUTES:]]
    for _, _, criterion, column, what, distinct in offered:
        rows.append(_entry(criterion, column, what, distinct, lang, suggested, chosen))
    table = pd.DataFrame(rows)
    table.attrs["left_out"] = {reason: names for reason, names in left_out.items() if names}
    if table.empty:
        return table
    table["_order"] = table["family"].map({f: i for i, f in enumerate(FAMILIES)})
    return table.sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)


def _app_criterion(column: str) -> bool:
    """Whether the app knows the column (its own measures and the roles of the import)."""
    return column in KNOWN_FAMILIES or LABELS.has(column)


def _cannot_group(what: str, coverage: float, distinct: int) -> str | None:
    """Why a column of the files cannot group customers (a ``LEFT_OUT_REASONS`` key), or None.

    A value held by some customers only still groups them (a "VIP" tag on 3 % of them)."""
    if distinct == 0:
        return "no_value"
    if distinct == 1 and coverage >= 1.0:
        return "one_value"
    if what == "category" and distinct > MAX_CATEGORY_VALUES:
        return "too_many_values"
    return None


def _entry(
    criterion: Any, column: pd.Series, what: str, distinct: int, lang: str, suggested: set, chosen: set
) -> dict[str, Any]:
    """One row of the catalogue."""
    fam = family(str(criterion))
    return {
        "criterion": criterion,
        "label": label(str(criterion), lang),
        "family": fam,
        "family_label": family_label(fam, lang),
        "kind": what,
        "kind_label": MESSAGES(f"kind_{what}", lang),
        "coverage": round(float(column.notna().mean()), 4),
        "distinct": distinct,
        "distribution": distribution_summary(column),
        "suggested": criterion in suggested,
        "chosen": criterion in chosen,
    }


def left_out_text(table: pd.DataFrame, lang: str) -> str | None:
    """The sentence that says which columns of the files the catalogue does not offer, and why
    ("12 more columns of your files are not offered as criteria: 3 without any value, 9 less
    filled than the 20 offered."); None when every column is offered."""
    left_out: dict[str, list[str]] = table.attrs.get("left_out", {})
    total = sum(len(names) for names in left_out.values())
    if not total:
        return None
    reasons = ", ".join(
        MESSAGES(f"reason_{reason}", lang, n=len(left_out[reason]), limit=MAX_ATTRIBUTES)
        for reason in LEFT_OUT_REASONS
        if left_out.get(reason)
    )
    return count_text(MESSAGES, "left_out", total, lang, reasons=reasons)


# Date periods for a histogram, finest first: (pandas period code, label format). The finest
# period giving at most DATE_BARS bars is used, so a year of orders shows as months.
DATE_PERIODS = (("D", "%Y-%m-%d"), ("W", "%Y-%m-%d"), ("M", "%Y-%m"), ("Q", "%Y-Q"), ("Y", "%Y"))
DATE_BARS = 24


def date_histogram(column: pd.Series, max_bars: int = DATE_BARS) -> pd.DataFrame:
    """Customers per calendar period (day, week, month, quarter or year, the finest that gives at
    most ``max_bars`` bars), in date order, empty periods included so gaps show as gaps.

    Columns: value (period label such as "2011-03"), start, end (timestamps), customers.
    """
    dates = pd.to_datetime(column.dropna())
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    if dates.empty:
        return pd.DataFrame({"value": [], "start": [], "end": [], "customers": []})
    code, fmt = DATE_PERIODS[-1]
    for code, fmt in DATE_PERIODS:  # noqa: B007 - the chosen pair is used after the loop
        periods = dates.dt.to_period(code)
        if periods.max().ordinal - periods.min().ordinal + 1 <= max_bars:
            break
    periods = dates.dt.to_period(code)
    span = pd.period_range(periods.min(), periods.max(), freq=periods.min().freq)
    counts = periods.value_counts().reindex(span, fill_value=0)
    if code == "Q":
        labels = [f"{p.year}-Q{p.quarter}" for p in span]
    else:
        labels = [p.start_time.strftime(fmt) for p in span]
    return pd.DataFrame(
        {
            "value": labels,
            "start": span.start_time,
            "end": span.end_time.normalize(),
            "customers": counts.to_numpy().astype(int),
        }
    )


def histogram(analysis: Analysis, criterion: str, bins: int = 20) -> pd.DataFrame:
    """Counts for a chart: bins (left, right, customers) for numbers, calendar periods (value,
    start, end, customers; see :func:`date_histogram`) for dates, values (value, customers) otherwise."""
    customers = require_customers(analysis, [criterion])
    column = customers[criterion].dropna()
    if kind(column) == "date":
        # Each distinct date as its own bar means nothing; count customers per period instead.
        return date_histogram(column)
    if kind(column) == "number" and column.nunique() > bins:
        counts, edges = np.histogram(column.astype(float), bins=bins)
        return pd.DataFrame({"left": edges[:-1], "right": edges[1:], "customers": counts})
    counts = column.astype(str).value_counts()
    return pd.DataFrame({"value": counts.index, "customers": counts.to_numpy()})


def goals(lang: str) -> pd.DataFrame:
    """The goals for a picker: id, name, why (in ``lang``), method and criteria proposed."""
    return pd.DataFrame(
        [
            {
                "id": g,
                "name": MESSAGES(g, lang),
                "why": MESSAGES(f"why_{g}", lang),
                "method": GOAL_PLANS[g]["method"],
                "criteria": list(GOAL_PLANS[g]["criteria"]),
            }
            for g in GOALS
        ]
    )


def propose(analysis: Analysis, goal: str) -> dict[str, Any]:
    """Criteria (those the data has), a method and its parameters for ``goal``, and why."""
    if goal not in GOAL_PLANS:
        raise UserError(MESSAGES, "unknown_goal", goal=goal, choices=", ".join(GOALS))
    customers = require_customers(analysis)
    plan = GOAL_PLANS[goal]
    available = [c for c in plan["criteria"] if c in customers.columns and customers[c].notna().any()]
    return {
        "goal": goal,
        "criteria": available,
        "method": plan["method"],
        "parameters": dict(plan["parameters"]),
        "why": MESSAGES(f"why_{goal}", analysis.lang),
    }


def apply_goal(analysis: Analysis, goal: str) -> dict[str, Any]:
    """Record the goal, its proposed criteria and method in the analysis; returns the proposal."""
    proposal = propose(analysis, goal)
    analysis.goal = goal
    analysis.criteria = list(proposal["criteria"])
    analysis.suggested_method = str(proposal["method"])
    return proposal
