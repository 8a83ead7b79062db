"""Order lines written under their order's first row, with the order's fields left empty.

Exports that nest an order's lines (Odoo's "Order Lines/Product" columns, some tills and ERPs)
write the order number, the customer and the date on the order's first row only; the rows below
carry a product, a quantity and a price and nothing else. Read as they are, those rows have no
customer and were set aside ("no customer identifier"): the order lost its other products, and,
without an order total column, part of its spend.

A row is such a line when its order number, every customer field and its date are empty while a
product, a quantity or a unit price is filled. It takes the order-level fields (everything mapped
but the line's own product, quantity, prices, discount and amount) of the nearest row above that
is not such a line, provided that row has an order number. So:

- files where every row has its order number (Online Retail, Shopify) are never touched;
- a guest sale with an order number and no customer stays a sale without a customer;
- a blank row stops the filling (it has no order number);
- an order total written on the first row only is not copied: the lines below stay lines
  "whose total is on the first line" (see the cleaning), counted once.

The input's own cells are kept as they are for the excluded rows; only the reading uses the
filled copy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from segmenter_app.core import schema
from segmenter_app.core.reading import values
from segmenter_app.core.reading.roles import PRODUCT_CODE

__all__ = ["fill_order_fields"]

# The line's own fields: never copied from the order's first row.
LINE_ROLES = (
    schema.PRODUCT,
    schema.QUANTITY,
    schema.UNIT_PRICE,
    PRODUCT_CODE,
    schema.CATEGORY,
    schema.DISCOUNT,
    schema.AMOUNT,
)
# Fields that show a line is a line: a product, a quantity or a price.
_LINE_SIGNS = (schema.PRODUCT, PRODUCT_CODE, schema.QUANTITY, schema.UNIT_PRICE)
# Fields that must all be empty on such a line.
_ORDER_SIGNS = (schema.ORDER_ID, schema.CUSTOMER_ID, schema.EMAIL, schema.PHONE, schema.ORDER_DATE)


def _blank(series: pd.Series) -> np.ndarray:
    """Empty cells: missing, empty text or spaces only."""
    if not isinstance(series.dtype, pd.StringDtype):
        return series.isna().to_numpy()
    arr = values.arrow(series)
    if len(arr) == 0:
        return np.zeros(0, dtype=bool)
    if (
        arr.null_count == 0
        and pc.min(pc.binary_length(arr)).as_py() > 0
        and not pc.any(pc.utf8_is_space(arr)).as_py()
    ):
        return np.zeros(len(arr), dtype=bool)  # the usual column: no empty cell, no copy made
    empty = pc.or_(
        pc.fill_null(pc.equal(pc.binary_length(arr), 0), True),  # null or ""
        pc.fill_null(pc.utf8_is_space(arr), False),
    )
    return np.asarray(empty.to_numpy(zero_copy_only=False), dtype=bool)


def fill_order_fields(frame: pd.DataFrame, by_role: dict[str, str]) -> tuple[pd.DataFrame, int]:
    """``frame`` with its order lines' order-level cells taken from the order's first row (see
    the module docstring), and how many rows were filled; the same frame when none was."""
    if schema.ORDER_ID not in by_role or not any(r in by_role for r in _LINE_SIGNS):
        return frame, 0
    order_blank = _blank(frame[by_role[schema.ORDER_ID]])
    if not order_blank.any():
        return frame, 0  # the usual file: every row has its order number
    lines = order_blank.copy()
    for role in _ORDER_SIGNS[1:]:
        if role in by_role:
            lines &= _blank(frame[by_role[role]])
    signs = np.zeros(len(frame), dtype=bool)
    for role in _LINE_SIGNS:
        if role in by_role:
            signs |= ~_blank(frame[by_role[role]])
    lines &= signs
    if not lines.any():
        return frame, 0
    positions = np.arange(len(frame))
    source = np.where(lines, -1, positions)
    np.maximum.accumulate(source, out=source)  # each line: the nearest row above that is not one
    filled = lines & (source >= 0)
    filled[filled] = ~order_blank[source[filled]]  # that row must be an order's first row
    count = int(filled.sum())
    if not count:
        return frame, 0
    take = np.where(filled, source, positions)
    out = frame.copy(deep=False)
    for role, column in by_role.items():
        if role in LINE_ROLES:
            continue
        series = frame[column]
        out[column] = pd.Series(series.array.take(take), index=frame.index, name=column)
    return out, count
