"""The transaction table and the customer attributes, assembled from the cleaned files.

Order files are appended into one transaction table (a line without an order number gets one per
customer and day); customer attributes come from customers files first, then from the latest
non-empty value in the order files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core import codes as id_codes
from segmenter_app.core import schema
from segmenter_app.core.cleaning import CUSTOMERS, ORDERS, CleanResult
from segmenter_app.core.reading import roles as roles_mod
from segmenter_app.core.reading.values import STR


def assemble(results: list[CleanResult], customer_ids: list[pd.Series]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The transaction table and the customer attributes, from the kept rows and their customer ids."""
    parts = []
    attr_parts = []
    for result, ids in zip(results, customer_ids, strict=True):
        kept = result.kept
        kept[schema.T_CUSTOMER] = ids.astype("str").set_axis(kept.index)  # stays an Arrow string column
        if result.kind == ORDERS:
            parts.append(kept)
        attr_cols = [
            c
            for c in kept.columns
            if c in schema.CUSTOMER_ROLES or (result.kind == CUSTOMERS and c not in _INTERNAL)
        ]
        if attr_cols:
            attrs = kept[[schema.T_CUSTOMER, *[c for c in attr_cols if c != schema.T_CUSTOMER]]]
            attr_parts.append((result.kind, attrs))
    if not parts:
        # Customer-level files only (one row per customer): no transactions, attributes only.
        return empty_transactions(), customer_attributes(attr_parts)
    orders = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    missing = orders[schema.T_ORDER].isna()
    if missing.any():
        # No order number: one order per customer and day (no column at all: no filling to do).
        made = day_orders(orders)
        orders[schema.T_ORDER] = made if missing.all() else orders[schema.T_ORDER].fillna(made)
    transactions = pd.DataFrame(
        {
            schema.T_CUSTOMER: orders[schema.T_CUSTOMER].astype("str"),
            schema.T_ORDER: orders[schema.T_ORDER].astype("str"),
            schema.T_DATE: orders[schema.T_DATE].astype("datetime64[ns]"),
            schema.T_AMOUNT: orders[schema.T_AMOUNT].astype("float64"),
            schema.T_QUANTITY: orders[schema.T_QUANTITY].astype("float64"),
            schema.T_PRODUCT: orders[schema.T_PRODUCT],
            schema.T_CATEGORY: orders[schema.T_CATEGORY],
            schema.T_DISCOUNT: orders[schema.T_DISCOUNT].astype("float64"),
            schema.T_COUPON: orders[schema.T_COUPON],
            schema.T_CHANNEL: orders[schema.T_CHANNEL],
            schema.T_IS_RETURN: orders[schema.T_IS_RETURN].astype(bool),
            schema.T_SOURCE: orders[schema.T_SOURCE].astype("int64"),
            schema.T_SOURCE_ROW: orders[schema.T_SOURCE_ROW].astype("int64"),
        },
        copy=False,  # the columns already have their types: no second copy of a million rows
    )
    return transactions, customer_attributes(attr_parts)


def day_orders(orders: pd.DataFrame) -> pd.Series:
    """The order id a line without one gets: its customer id and its day, "17850|2011-12-09".

    Each distinct day is written once (pandas writes a date per line, a third of a second for a
    million lines) and joined to the ids by Arrow."""
    dates = orders[schema.T_DATE]
    if not (dates.dtype == "datetime64[ns]" and orders[schema.T_CUSTOMER].dtype == STR):
        return orders[schema.T_CUSTOMER] + "|" + dates.dt.strftime("%Y-%m-%d")
    day = dates.to_numpy().astype("datetime64[D]").view("int64")  # a floor to the day
    dated = ~dates.isna().to_numpy()
    first = int(day[dated].min()) if dated.any() else 0
    offset = np.where(dated, day - first, 0)
    seen = np.zeros(int(offset.max()) + 1 if len(offset) else 1, dtype=bool)
    seen[offset[dated]] = True
    present = np.flatnonzero(seen)
    written = np.full(len(seen), None, dtype=object)
    # The same formatting as dates.dt.strftime, on one midnight per distinct day.
    midnights = pd.DatetimeIndex((present + first).astype("datetime64[D]").astype("datetime64[ns]"))
    written[present] = np.asarray(midnights.strftime("%Y-%m-%d"), dtype=object)
    day_text = pa.array(written, pa.large_string()).take(pa.array(offset, mask=~dated))
    bar = pa.scalar("|", pa.large_string())
    joined = pc.binary_join_element_wise(pa.array(orders[schema.T_CUSTOMER].array), day_text, bar)
    return pd.Series(joined, dtype=STR, index=orders.index)


def empty_transactions() -> pd.DataFrame:
    """A transaction table with the schema's columns and no row."""
    return pd.DataFrame(
        {
            schema.T_CUSTOMER: pd.Series(dtype="str"),
            schema.T_ORDER: pd.Series(dtype="str"),
            schema.T_DATE: pd.Series(dtype="datetime64[ns]"),
            schema.T_AMOUNT: pd.Series(dtype="float64"),
            schema.T_QUANTITY: pd.Series(dtype="float64"),
            schema.T_PRODUCT: pd.Series(dtype="str"),
            schema.T_CATEGORY: pd.Series(dtype="str"),
            schema.T_DISCOUNT: pd.Series(dtype="float64"),
            schema.T_COUPON: pd.Series(dtype="str"),
            schema.T_CHANNEL: pd.Series(dtype="str"),
            schema.T_IS_RETURN: pd.Series(dtype="bool"),
            schema.T_SOURCE: pd.Series(dtype="int64"),
            schema.T_SOURCE_ROW: pd.Series(dtype="int64"),
        }
    )


_INTERNAL = {
    "email_norm",
    "phone_norm",
    schema.T_SOURCE,
    schema.T_SOURCE_ROW,
    schema.T_ORDER,
    schema.T_DATE,
    schema.T_AMOUNT,
    schema.T_QUANTITY,
    schema.T_IS_RETURN,
    schema.T_DISCOUNT,
    schema.T_PRODUCT,
    schema.T_CATEGORY,
    schema.T_COUPON,
    schema.T_CHANNEL,
    roles_mod.PRODUCT_CODE,
}


def customer_attributes(parts: list[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """One row per customer: customers files first, then the latest non-empty value in order files."""
    if not parts:
        return pd.DataFrame(index=pd.Index([], name=schema.T_CUSTOMER, dtype="str"))
    ordered = [df for kind, df in parts if kind == CUSTOMERS] + [df for kind, df in parts if kind == ORDERS]
    combined: pd.DataFrame | None = None
    for df in ordered:
        per_customer = _latest_per_customer(df)
        combined = per_customer if combined is None else combined.combine_first(per_customer)
    assert combined is not None
    combined.index = combined.index.astype("str")
    combined.index.name = schema.T_CUSTOMER
    return combined


# Column types whose latest value is taken at its row (their missing value is the one pandas'
# group-by gives); other types (object columns) go through the group-by.
_TAKEN_DTYPES = (
    np.dtype("float64"),
    np.dtype("int64"),
    np.dtype(bool),
    np.dtype("datetime64[ns]"),
    pd.BooleanDtype(),
    STR,
)


def _latest_per_customer(df: pd.DataFrame) -> pd.DataFrame:
    """One row per customer of ``df`` (indexed by customer id): the last non-empty value of each
    column, the most recent in an order file, which lists a customer on many rows.

    The same frame as ``df.groupby(customer_id, sort=False).last()``, from one factorize of the ids
    and the last row of each customer (pandas' group-by factorizes the ids twice, with the check for
    duplicates)."""
    ids = df[schema.T_CUSTOMER]
    codes, uniques = id_codes.factorize(ids)
    distinct = len(uniques) + int((codes < 0).any())  # a missing id counts as one value
    if distinct == len(df):
        return df.set_index(schema.T_CUSTOMER)  # one row per customer already
    columns = [c for c in df.columns if c != schema.T_CUSTOMER]
    if not all(any(df[c].dtype == dtype for dtype in _TAKEN_DTYPES) for c in columns):
        return df.groupby(schema.T_CUSTOMER, sort=False).last()
    rows = np.arange(len(df), dtype=np.int64)
    named = codes >= 0  # rows without an id belong to no customer (the group-by drops them)

    def last_rows(keep: np.ndarray) -> np.ndarray:
        last = np.full(len(uniques), -1, dtype=np.int64)  # -1: no such row, an empty cell
        np.maximum.at(last, codes[keep], rows[keep])
        return last

    any_last = last_rows(named)
    out = {}
    for column in columns:
        filled = df[column].notna().to_numpy()
        where = any_last if filled.all() else last_rows(named & filled)
        out[column] = df[column].array.take(where, allow_fill=True)
    return pd.DataFrame(
        out, index=uniques.rename(schema.T_CUSTOMER), columns=pd.Index(columns, dtype=df.columns.dtype)
    )
