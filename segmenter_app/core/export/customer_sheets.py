"""One sheet per segment and the All customers sheet, from a single set of prepared columns.

The customers are put once in display order (segment by segment, biggest spenders first within
a segment); every column is converted and cleaned once; each segment sheet writes its slice of
those columns and All customers writes them whole. So the segment sheets hold every customer
exactly once, in the same order as All customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.export import columns as k
from segmenter_app.core.export.book import Book, SheetInfo
from segmenter_app.core.export.labels import SHEETS, header
from segmenter_app.core.export.pseudonymize import unknown_text_attributes

# Identifying columns, first after the id; left out of pseudonymized exports.
IDENTIFYING = (s.FIRST_NAME, s.LAST_NAME, s.EMAIL, s.PHONE)
# Key figures in reading order, with their cell kind.
FIGURES: tuple[tuple[str, str], ...] = (
    (s.C_RECENCY, k.INTEGER),
    (s.C_FREQUENCY, k.INTEGER),
    (s.C_MONETARY, k.CURRENCY),
    (s.C_AVG_BASKET, k.CURRENCY),
    (s.C_FIRST, k.DATE),
    (s.C_LAST, k.DATE),
    (s.C_TENURE, k.INTEGER),
    (s.C_GAP, k.NUMBER),
    (s.C_NEXT, k.DATE),
    (s.C_RETURNS_SHARE, k.PERCENT),
    (s.C_DISCOUNT_SHARE, k.PERCENT),
    (s.C_FAV_CATEGORY, k.TEXT),
    (s.C_MAIN_CHANNEL, k.TEXT),
    (s.C_CONTACTABLE, k.BOOL),
    (s.C_HAS_EMAIL, k.BOOL),
    (s.C_HAS_PHONE, k.BOOL),
    (s.CITY, k.TEXT),
    (s.POSTCODE, k.TEXT),
    (s.REGION, k.TEXT),
    (s.COUNTRY, k.TEXT),
    (s.AGE, k.INTEGER),
    (s.C_AGE_BAND, k.TEXT),
    (s.BIRTH_DATE, k.DATE),
    (s.GENDER, k.TEXT),
    (s.CONSENT, k.TEXT),
    (s.OPT_OUT, k.TEXT),
)
# Assignment columns every method has, written in their own places.
_ASSIGNMENT_CORE = {s.A_SEGMENT, s.A_REASON, s.A_CONTROL}
ACTION_FIELDS = ("action", "objective", "offer", "message")


@dataclass
class CustomerRows:
    """Customers in display order and the segment boundaries in that order."""

    table: pd.DataFrame  # one row per customer, display order, index customer id
    bounds: list[tuple[str, int, int]]  # (segment key, start, stop) in display order


def order_customers(analysis: Analysis) -> CustomerRows:
    """Join assignments and customer figures, sorted by segment order then net spend."""
    seg = analysis.segmentation
    if seg is None:
        raise ValueError("the workbook needs a segmentation")
    assignments = seg.assignments
    customers = (
        analysis.customers if analysis.customers is not None else pd.DataFrame(index=assignments.index)
    )
    table = assignments.join(
        customers.drop(columns=[c for c in assignments.columns if c in customers.columns]), how="left"
    )
    keys = seg.segments["key"].astype(str).tolist()
    # Segments the list does not know (should not happen) go last rather than vanish.
    extra = [key for key in pd.unique(table[s.A_SEGMENT].astype(str)) if key not in keys]
    order = {key: index for index, key in enumerate(keys + extra)}
    rank = table[s.A_SEGMENT].astype(str).map(order).to_numpy()
    spend = (
        pd.to_numeric(table[s.C_MONETARY], errors="coerce").fillna(-np.inf).to_numpy()
        if s.C_MONETARY in table
        else np.zeros(len(table))
    )
    ids = table.index.astype(str).to_numpy()
    positions = np.lexsort((ids, -spend, rank))
    table = table.iloc[positions]
    ranks = rank[positions]
    bounds = []
    for key in keys + extra:
        index = order[key]
        start = int(np.searchsorted(ranks, index, side="left"))
        stop = int(np.searchsorted(ranks, index, side="right"))
        bounds.append((key, start, stop))
    return CustomerRows(table, bounds)


def customer_columns(
    analysis: Analysis,
    rows: CustomerRows,
    *,
    pseudonym: Callable[[list[str]], list[str]] | None = None,
) -> tuple[list[k.Column], k.Column]:
    """The columns of All customers, in the user's language, and its segment column.

    A segment sheet writes the same columns without the segment column.
    """
    lang = analysis.lang
    seg = analysis.segmentation
    assert seg is not None
    table = rows.table
    cols: list[k.Column] = []
    ids = table.index.astype(str).tolist()
    if pseudonym is not None:
        cols.append(k.text_column(header("customer_pseudonym", lang), pseudonym(ids)))
    else:
        cols.append(k.text_column(header(s.CUSTOMER_ID, lang), ids))
        for role in IDENTIFYING:
            if role in table.columns:
                cols.append(k.text_column(header(role, lang), table[role]))
    keys = table[s.A_SEGMENT].astype(str)
    names = {key: seg.name_of(key) for key in pd.unique(keys)}
    segment_col = k.text_column(header("segment", lang), keys.map(names))
    cols.append(segment_col)
    if s.A_REASON in table.columns:
        cols.append(k.text_column(header("reason", lang), table[s.A_REASON], width=40.0))
    actions = {key: action_text(analysis.plans.get(key)) for key in pd.unique(keys)}
    if any(actions.values()):
        cols.append(k.text_column(header("action", lang), keys.map(actions), width=40.0))
    if s.A_CONTROL in table.columns:
        cols.append(k.bool_column(header("control", lang), table[s.A_CONTROL].astype(object)))
    used = {s.CUSTOMER_ID, *IDENTIFYING, *_ASSIGNMENT_CORE}
    for name, kind in FIGURES:
        if name in table.columns:
            used.add(name)
            if pseudonym is not None and name in (s.BIRTH_DATE,):
                continue  # a birth date identifies almost as well as a name
            cols.append(k.column_for_series(header(name, lang), table[name], _kind_for(table[name], kind)))
    # Whatever else the method or the import added (scores, probabilities, other attributes).
    if pseudonym is not None:
        used.update(unknown_text_attributes(analysis.customer_attributes))
    for name in table.columns:
        if name in used or str(name).startswith("_"):
            continue
        series = table[name]
        if series.dtype == object and series.map(lambda v: isinstance(v, (dict, list))).any():
            continue  # nested structures do not belong in a customer row
        cols.append(
            k.column_for_series(header(str(name), lang), series, k.CURRENCY if name == "clv" else None)
        )
    return cols, segment_col


def _kind_for(series: pd.Series, wanted: str) -> str:
    """The wanted kind unless the data cannot be it (a text age, a numeric postcode...)."""
    natural = k.kind_of(series)
    if wanted == k.TEXT and natural == k.BOOL:
        return k.BOOL
    if wanted == k.TEXT or natural == wanted:
        return wanted
    if wanted in k.NUMERIC_KINDS and natural in (k.INTEGER, k.NUMBER):
        return wanted
    if wanted == k.DATE and natural == k.DATE:
        return wanted
    if wanted == k.BOOL and natural == k.BOOL:
        return wanted
    return natural


def action_text(plan: dict[str, Any] | None) -> str | None:
    """The suggested action of a plan, in one line (the first field the plan has)."""
    if not plan:
        return None
    for name in ACTION_FIELDS:
        value = plan.get(name)
        if value:
            return str(value)
    return None


def write_customer_sheets(
    book: Book,
    analysis: Analysis,
    rows: CustomerRows,
    *,
    pseudonym: Callable[[list[str]], list[str]] | None = None,
) -> list[SheetInfo]:
    """One sheet per segment (empty segments too, so the list matches the Summary), then All."""
    seg = analysis.segmentation
    assert seg is not None
    everyone, segment_col = customer_columns(analysis, rows, pseudonym=pseudonym)
    book.count_removed(everyone)
    per_segment = [col for col in everyone if col is not segment_col]
    written: list[SheetInfo] = []
    for key, start, stop in rows.bounds:
        written += book.write_table(
            seg.name_of(key), per_segment, kind="segment", start=start, stop=stop, segment=key, freeze_cols=1
        )
    written += book.write_table(SHEETS("all", analysis.lang), everyone, kind="all", freeze_cols=1)
    return written
