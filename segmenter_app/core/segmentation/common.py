"""Helpers every segmentation method shares: checks on the customer table, number formatting for
the per-customer reasons, and building the :class:`Segmentation` result."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.i18n import Messages, UserError, normalize_lang

MESSAGES = Messages(
    {
        "no_customers": (
            "There is no customer table yet: import order files first (step 1), then group the customers.",
            "Il n'y a pas encore de table clients : importez d'abord les fichiers de commandes (étape 1), "
            "puis regroupez les clients.",
        ),
        "empty_customers": (
            "The customer table is empty: no customer has a kept purchase up to the analysis date. "
            "Check the analysis date and the import account.",
            "La table clients est vide : aucun client n'a d'achat retenu jusqu'à la date d'analyse. "
            "Vérifiez la date d'analyse et le bilan de l'import.",
        ),
        "missing_column": (
            "The customer table has no column '{column}', which this method needs.",
            "La table clients n'a pas de colonne « {column} », nécessaire à cette méthode.",
        ),
        "unknown_method": (
            "Unknown grouping method '{method}': use one of {choices}.",
            "Méthode de regroupement « {method} » inconnue : utilisez l'une de {choices}.",
        ),
        "others": ("Others", "Autres"),
    }
)

CURRENCY_DEFAULT = "€"


@contextmanager
def single_threaded() -> Iterator[None]:
    """Run numeric libraries (OpenBLAS, OpenMP) on one thread.

    Measured on a machine whose cores were busy: k-means for k = 2..10 took 16.7 s with threads
    against 1.7 s with one, and a 43,000-element ``np.dot`` 8 ms against well under 1 ms; the
    waits of spinning threads cost far more than they bring at these sizes.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


def require_customers(analysis: Analysis, columns: Iterable[str] = ()) -> pd.DataFrame:
    """The customer table, or a :class:`UserError` saying what to do when it is missing or empty."""
    customers = analysis.customers
    if customers is None:
        raise UserError(MESSAGES, "no_customers")
    if len(customers) == 0:
        raise UserError(MESSAGES, "empty_customers")
    for column in columns:
        if column not in customers.columns:
            raise UserError(MESSAGES, "missing_column", column=column)
    return customers


def currency_symbol(analysis: Analysis) -> str:
    """The currency shown in reasons (the shop's, see ``core.currency``; the euro when nothing tells)."""
    from segmenter_app.core.currency import currency_symbol as shop_symbol

    return shop_symbol(analysis, CURRENCY_DEFAULT)


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """A number with the thousands separator of the language (``1,234.5`` / ``1 234,5``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = round(float(value), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0 (no "-0 €")
    text = f"{value:,.{decimals}f}"
    if normalize_lang(lang) == "fr":
        # Narrow no-break space for thousands, comma for decimals (French typography).
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_numbers(values: Sequence[float] | np.ndarray, lang: str, decimals: int = 0) -> list[str]:
    """:func:`format_number` over an array, fast enough for 100,000 reasons: each distinct rounded
    value is formatted once (days, order counts and rounded amounts repeat a lot)."""
    array = np.round(np.asarray(values, dtype=float), decimals) + 0.0  # + 0.0: no "-0"
    distinct, inverse = np.unique(array, return_inverse=True)
    fr = normalize_lang(lang) == "fr"
    texts: list[str] = []
    for value in distinct.tolist():
        if value != value:  # NaN
            texts.append("–")
            continue
        text = f"{value:,.{decimals}f}"
        if fr:
            text = text.replace(",", "\u202f").replace(".", ",")
        texts.append(text)
    lookup = np.array(texts, dtype=object)
    return lookup[inverse.reshape(-1)].tolist()


def make_segmentation(
    method: str,
    parameters: dict[str, Any],
    assignments: pd.DataFrame,
    segments: Sequence[tuple[str, str]],
    details: dict[str, Any],
) -> Segmentation:
    """Build the result: ``segments`` is ``[(key, name), ...]`` in display order."""
    table = pd.DataFrame(list(segments), columns=["key", "name"])
    assignments.index = assignments.index.astype(str)
    assignments.index.name = s.T_CUSTOMER
    return Segmentation(
        method=method, parameters=parameters, assignments=assignments, segments=table, details=details
    )


def jsonable_float(value: float, digits: int = 6) -> float | None:
    """A float rounded for the report, or None for NaN/inf."""
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    return round(value, digits)
