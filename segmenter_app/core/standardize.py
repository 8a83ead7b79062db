"""One file's mapped columns read into the standard columns the rules and the later steps use.

Customer ids, emails and phones normalized; order dates, order ids and amounts read (an amount from
its column, or quantity times unit price), with the masks the cleaning rules need (unreadable
amount, zero price, continuation lines of an order, returns, cancellation-style order numbers);
customer attributes (birth date, age, consent, gender, postcode...) read; a customers file's own
columns kept as numbers where they are numbers.

Long text columns are dictionary-encoded once (:func:`encode_columns`) and read once per distinct
value; the same codes serve the duplicate search of the cleaning.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from segmenter_app.core import schema
from segmenter_app.core.i18n import Messages
from segmenter_app.core.reading import dates as date_reader
from segmenter_app.core.reading import numbers as number_reader
from segmenter_app.core.reading import values
from segmenter_app.core.reading.roles import PRODUCT_CODE
from segmenter_app.core.reading.table import RawTable

__all__ = ["ENCODED_ROLES", "T", "Unreadable", "encode_columns", "note_unreadable_cells", "standardize"]

ORDERS, CUSTOMERS = "orders", "customers"

T = Messages(
    {
        "unreadable_values": (
            '{count} values of column {column} could not be read as {what} (first: row {row}, "{value}"); '
            "those rows were set aside.",
            "{count} valeurs de la colonne {column} n'ont pas pu être lues comme {what} (première : ligne "
            "{row}, « {value} ») ; ces lignes ont été mises de côté.",
        ),
        "unreadable_attribute": (
            '{count} values of column {column} could not be read as {what} (first: row {row}, "{value}"); '
            "they were left empty, the rows were kept.",
            "{count} valeurs de la colonne {column} n'ont pas pu être lues comme {what} (première : ligne "
            "{row}, « {value} ») ; elles ont été laissées vides, les lignes ont été conservées.",
        ),
        "unreadable_value": (
            'One value of column {column} could not be read as {what} (row {row}, "{value}"); that row '
            "was set aside.",
            "Une valeur de la colonne {column} n'a pas pu être lue comme {what} (ligne {row}, « {value} ») ; "
            "cette ligne a été mise de côté.",
        ),
        "unreadable_attribute_one": (
            'One value of column {column} could not be read as {what} (row {row}, "{value}"); it was left '
            "empty, the row was kept.",
            "Une valeur de la colonne {column} n'a pas pu être lue comme {what} (ligne {row}, « {value} ») ; "
            "elle a été laissée vide, la ligne a été conservée.",
        ),
        "ambiguous_dates": (
            "Column {column}: every date fits both day/month and month/day; read as {order} ({example} = "
            "{reading}). If that is wrong, choose {other_order} (in the Collect step's question, or "
            "with --date-order {other} on the command line).",
            "Colonne {column} : toutes les dates se lisent aussi bien jour/mois que mois/jour ; lues en "
            "{order} ({example} = {reading}). Si c'est faux, choisissez {other_order} (dans la question "
            "de l'étape Collecter, ou avec --date-order {other} en ligne de commande).",
        ),
        "what_date": ("dates", "des dates"),
        "what_number": ("numbers", "des nombres"),
        "what_date_one": ("a date", "une date"),
        "what_number_one": ("a number", "un nombre"),
        "order_dmy": ("day/month/year", "jour/mois/année"),
        "order_mdy": ("month/day/year", "mois/jour/année"),
    }
)

# Text columns read once per distinct value (see values.distinct_values) whose dictionary codes
# also serve the duplicate search.
ENCODED_ROLES = (
    schema.CUSTOMER_ID,
    schema.ORDER_ID,
    schema.ORDER_DATE,
    schema.EMAIL,
    schema.PHONE,
    PRODUCT_CODE,
    schema.PRODUCT,
    schema.CATEGORY,
)


def encode_columns(frame: pd.DataFrame, by_role: dict[str, str]) -> dict[str, values.Encoded]:
    """The dictionary encoding of each mapped text column of a long file, computed once, two columns
    at a time (Arrow's kernels free the GIL, so both cores work)."""
    if len(frame) < values.DISTINCT_MIN_ROWS:
        return {}
    columns = list(dict.fromkeys(by_role[r] for r in ENCODED_ROLES if r in by_role))
    series = [frame[c] for c in columns]  # taken here: pandas objects stay in this thread
    with cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="segmenter-encode") as pool:
        encodings = list(pool.map(values.encode, series))
    return {c: e for c, e in zip(columns, encodings, strict=True) if e is not None}


def standardize(
    raw: RawTable,
    by_role: dict[str, str],
    kind: str,
    date_order: str,
    details: dict[str, Any],
    warnings: list[tuple[Messages, str, dict[str, Any]]],
    tick: Callable[[float], None],
    encoded: dict[str, values.Encoded],
    unreadable: list[Unreadable] | None = None,
) -> pd.DataFrame:
    """The mapped columns read into standard typed columns (ids, dates, amounts, attributes).

    ``encoded``: the columns' dictionary encodings (see :func:`encode_columns`). ``unreadable``
    collects the cells that could not be read, per column, for :func:`note_unreadable` to count
    and say once the cleaning knows which rows are no data at all (a header repeated mid-file,
    a footer); without it they are said at once."""
    frame = raw.frame
    n = len(frame)
    index = frame.index
    out: dict[str, Any] = {}

    def col(role: str) -> pd.Series | None:
        return frame[by_role[role]] if role in by_role else None

    def enc(role: str) -> values.Encoded | None:
        return encoded.get(by_role[role]) if role in by_role else None

    def numbers(role: str) -> number_reader.NumberResult:
        return number_reader.parse_numbers(frame[by_role[role]])

    pending: list[Unreadable] = unreadable if unreadable is not None else []

    def note_unreadable(role: str, mask: pd.Series, what: str, kept: bool = False) -> None:
        cells = np.asarray(mask.to_numpy(), dtype=bool)
        if cells.any():
            pending.append(Unreadable(by_role[role], cells, what, kept))

    # Dates and order numbers are read in a worker thread while the customer ids and contacts are
    # read here: Arrow's kernels free the GIL, so the second core shares the work.
    pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="segmenter-values")
    if kind == ORDERS:
        later_dates = pool.submit(
            date_reader.parse_dates, col(schema.ORDER_DATE), date_order, enc(schema.ORDER_DATE)
        )
        later_orders = pool.submit(_order_ids, col(schema.ORDER_ID), enc(schema.ORDER_ID), index)
    pool.shutdown(wait=False)
    # The amounts too, in a worker of their own: a million order totals, nearly all different, take
    # over a second, and this thread keeps reporting progress (and honouring a cancel) meanwhile.
    later_numbers = {}
    # "1.234" alone: a decimal point, unless the file's other columns show comma decimals.
    file_decimal = number_reader.FileDecimal(frame)
    if kind == ORDERS:
        number_pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="segmenter-numbers")
        later_numbers = {
            role: number_pool.submit(number_reader.parse_numbers, frame[by_role[role]], context=file_decimal)
            for role in (schema.QUANTITY, schema.UNIT_PRICE, schema.AMOUNT)
            if role in by_role
        }
        number_pool.shutdown(wait=False)
    ids = col(schema.CUSTOMER_ID)
    out[schema.T_CUSTOMER] = (
        _coded_ids(ids, enc(schema.CUSTOMER_ID)) if ids is not None else values.no_text(index)
    )
    tick(0.05)
    email = col(schema.EMAIL)
    out["email_norm"] = (
        values.normalize_emails(email, enc(schema.EMAIL)) if email is not None else values.no_text(index)
    )
    phone = col(schema.PHONE)
    out["phone_norm"] = (
        values.normalize_phones(phone, encoded=enc(schema.PHONE))
        if phone is not None
        else values.no_text(index)
    )
    tick(0.1)
    if kind == ORDERS:
        qty, price, amount = (
            _awaited(later_numbers[role], tick, 0.12) if role in later_numbers else None
            for role in (schema.QUANTITY, schema.UNIT_PRICE, schema.AMOUNT)
        )
        dates = _awaited(later_dates, tick, 0.15)
        _note_dates(by_role[schema.ORDER_DATE], dates, col(schema.ORDER_DATE), details, warnings)
        note_unreadable(schema.ORDER_DATE, dates.unreadable, "what_date")
        out[schema.T_DATE] = dates.values
        tick(0.2)
        out[schema.T_ORDER], cancellation_like = _awaited(later_orders, tick, 0.25)
        tick(0.3)
        for role, result in ((schema.AMOUNT, amount), (schema.QUANTITY, qty), (schema.UNIT_PRICE, price)):
            if result is not None:
                note_unreadable(role, result.unreadable, "what_number")
                if (note := number_reader.decimal_note(by_role[role], result)) is not None:
                    warnings.append(note)
                if role != schema.QUANTITY:  # the amount's currency sign, else the unit price's
                    details["currency"] = details.get("currency") or number_reader.detect_currency(col(role))
        amounts = _amounts(amount, qty, price)
        out[schema.T_AMOUNT] = pd.Series(amounts["amount"], index=index, copy=False)
        out[schema.T_QUANTITY] = pd.Series(amounts["quantity"], index=index, copy=False)
        out["_amount_unreadable"] = amounts["unreadable"]
        out["_zero_price"] = amounts["zero"]
        amt = amounts["amount"]
        # Shopify-style exports put the order total on the first line only: the other lines of the
        # same order have an empty total. They are not "missing price" lines.
        continuation = np.zeros(n, dtype=bool)
        if amount is not None and schema.ORDER_ID in by_role:
            no_amount = np.isnan(amt) & ~amounts["unreadable"] & out[schema.T_ORDER].notna().to_numpy()
            if no_amount.any():
                with_total = out[schema.T_ORDER][~np.isnan(amt) & (amt != 0)]
                continuation = no_amount & out[schema.T_ORDER].isin(set(with_total.unique())).to_numpy()
        out["_continuation"] = continuation
        is_return = (amt < 0) | (amounts["quantity"] < 0)  # NaN compares False: not a return
        out[schema.T_IS_RETURN] = is_return
        out["_cancellation"] = cancellation_like & is_return
        tick(0.4)
        for role, name in (
            (schema.PRODUCT, schema.T_PRODUCT),
            (schema.CATEGORY, schema.T_CATEGORY),
            (schema.COUPON, schema.T_COUPON),
            (schema.CHANNEL, schema.T_CHANNEL),
            (PRODUCT_CODE, PRODUCT_CODE),
        ):
            out[name] = values.cell_text(col(role)) if role in by_role else values.no_text(index)
        if schema.DISCOUNT in by_role:
            discount = numbers(schema.DISCOUNT)
            note_unreadable(schema.DISCOUNT, discount.unreadable, "what_number", kept=True)
            out[schema.T_DISCOUNT] = discount.values.abs().fillna(0.0)
        else:
            out[schema.T_DISCOUNT] = pd.Series(0.0, index=index)
    for role in schema.CUSTOMER_ROLES:
        if role not in by_role or role in (schema.EMAIL, schema.PHONE):
            continue
        series = frame[by_role[role]]
        if role == schema.BIRTH_DATE:
            parsed = date_reader.parse_dates(series, date_order)
            _note_dates(by_role[role], parsed, series, details, warnings)
            note_unreadable(role, parsed.unreadable, "what_date", kept=True)
            out[role] = parsed.values
        elif role == schema.AGE:
            ages = number_reader.parse_numbers(series)
            note_unreadable(role, ages.unreadable, "what_number", kept=True)
            out[role] = ages.values
        elif role in (schema.CONSENT, schema.OPT_OUT):
            out[role] = values.parse_booleans(series)
        elif role == schema.GENDER:
            out[role] = values.normalize_gender(series)
        elif role == schema.POSTCODE:
            out[role] = values.normalize_ids(series)
        else:
            out[role] = values.cell_text(series)
    if email is not None:
        out[schema.EMAIL] = out["email_norm"].fillna(email)
    if phone is not None:
        out[schema.PHONE] = values.cell_text(phone)
    if kind == CUSTOMERS:
        # A customer-level file keeps its own columns (income, spending score...) as criteria.
        mapped = set(by_role.values())
        for column in frame.columns:
            if column in mapped:
                continue
            parsed = number_reader.parse_numbers(frame[column], context=file_decimal)
            filled = frame[column].notna().sum()
            readable = filled - parsed.unreadable.sum()
            out[column] = (
                parsed.values if filled and readable >= 0.9 * filled else values.cell_text(frame[column])
            )
            if filled and readable >= 0.9 * filled and (note := number_reader.decimal_note(column, parsed)):
                warnings.append(note)
    # copy=False: the table keeps its own array, and a copy of a million rows is not free.
    out[schema.T_SOURCE_ROW] = pd.Series(raw.source_rows[:n], index=index, copy=False)
    std = pd.DataFrame(out, index=index, copy=False)  # no copy: see values.filter_rows
    if unreadable is None:
        note_unreadable_cells(pending, raw, np.zeros(n, dtype=bool), details, warnings)
    return std


@dataclass
class Unreadable:
    """The cells of one column that could not be read as ``what`` (a date, a number); ``kept``:
    the rows are kept all the same (an attribute left empty)."""

    column: str
    cells: np.ndarray
    what: str
    kept: bool


def note_unreadable_cells(
    found: list[Unreadable],
    raw: RawTable,
    skip: np.ndarray,
    details: dict[str, Any],
    warnings: list[tuple[Messages, str, dict[str, Any]]],
) -> None:
    """Count and say the unreadable cells of each column, leaving out the rows in ``skip`` (rows
    that are no data: a header repeated mid-file, a footer, a totals row)."""
    for item in found:
        cells = item.cells & ~skip
        count = int(cells.sum())
        if not count:
            continue
        column = item.column
        details["unreadable"][column] = details["unreadable"].get(column, 0) + count
        first = int(np.flatnonzero(cells)[0])
        # One value gets its own sentence ("1 values" reads wrong in both languages).
        key = (
            ("unreadable_attribute" if item.kept else "unreadable_values")
            if count > 1
            else ("unreadable_attribute_one" if item.kept else "unreadable_value")
        )
        warnings.append(
            (
                T,
                key,
                {
                    "count": count,
                    "column": column,
                    "what": (T, item.what if count > 1 else f"{item.what}_one"),
                    "row": int(raw.source_rows[first]),
                    "value": str(raw.frame[column].iloc[first])[:40],
                },
            )
        )


def _awaited(future: Any, tick: Callable[[float], None], fraction: float) -> Any:
    """The worker's result, reporting progress (and so honouring a cancel) every 0.2 s while it
    works: a million dates with their times, nearly all different, take about a second."""
    while True:
        try:
            return future.result(timeout=0.2)
        except cf.TimeoutError:
            tick(fraction)


def _amounts(
    amount: number_reader.NumberResult | None,
    qty: number_reader.NumberResult | None,
    price: number_reader.NumberResult | None,
) -> dict[str, np.ndarray]:
    """Each line's amount (its amount column, else quantity times unit price) and quantity, with the
    masks of the amounts that cannot be read and of the lines without a price (NumPy arrays: NaN
    compares False, which is what every rule below wants for an empty cell)."""
    q = qty.values.to_numpy(dtype="float64") if qty is not None else None
    p = price.values.to_numpy(dtype="float64") if price is not None else None
    if amount is not None:
        amt = amount.values.to_numpy(dtype="float64")
        unreadable = amount.unreadable.to_numpy(dtype=bool).copy()
        zero = np.isnan(amt) | (amt == 0)
        if q is not None and p is None:
            # Items with a zero total and no unit price to tell otherwise: a free order (a gift, a
            # full discount). The customer came, so it is a purchase of no value, not a line without
            # a price.
            zero &= ~((amt == 0) & (q > 0))
    else:
        amt = q * p if q is not None and p is not None else (p if p is not None else np.array([]))
        unreadable = np.zeros(len(amt), dtype=bool)
        zero = np.zeros(len(amt), dtype=bool)
        if qty is not None:
            unreadable |= qty.unreadable.to_numpy(dtype=bool)
        if price is not None:
            unreadable |= price.unreadable.to_numpy(dtype=bool)
    if q is not None:
        # A positive amount on a negative quantity is a return written the other way.
        amt = np.where((q < 0) & (amt > 0), -amt, amt)
    if p is not None:
        # An empty price counts as zero (not np.nan_to_num: it copies and scans for infinities).
        zero |= ((p == 0) | np.isnan(p)) & ~price.unreadable.to_numpy(dtype=bool)
    zero |= np.isnan(amt) & ~unreadable
    if amount is None:
        zero |= amt == 0
    quantity = q if q is not None else np.full(len(amt), np.nan)
    return {"amount": amt, "quantity": quantity, "unreadable": unreadable, "zero": zero}


def _note_dates(
    column: str, dates: date_reader.DateResult, series: pd.Series, details: dict, warnings: list
) -> None:
    """Record how a date column was read, and warn when its day/month order was a guess."""
    details["date_orders"][column] = dates.order
    if not dates.ambiguous:
        return
    details["ambiguous_date_columns"].append(column)
    first = series.dropna()
    example = str(first.iloc[0]) if len(first) else ""
    reading = dates.values.dropna()
    read_as = reading.iloc[0].strftime("%Y-%m-%d") if len(reading) else ""
    other = "mdy" if dates.order == "dmy" else "dmy"
    warnings.append(
        (
            T,
            "ambiguous_dates",
            {
                "column": column,
                "order": (T, f"order_{dates.order}"),
                "example": example,
                "reading": read_as,
                "other": other,
                "other_order": (T, f"order_{other}"),
            },
        )
    )


def _order_ids(
    column: pd.Series | None, encoded: values.Encoded | None, index: pd.Index
) -> tuple[pd.Series, np.ndarray]:
    """The order ids as text, and which of them look like cancellations (see :func:`_cancellation_ids`),
    worked out once per distinct order id when the column is long."""
    if column is None:
        return values.no_text(index), np.zeros(len(index), dtype=bool)
    distinct = values.distinct_values(column, encoded)
    if distinct is None:
        ids = values.normalize_ids(column)
        return ids, _cancellation_ids(ids).to_numpy()
    positions, uniques = distinct
    ids = values.normalize_ids(uniques)
    cancellation = np.append(_cancellation_ids(ids).to_numpy(), False)[positions]
    return values.coded(ids, positions, index), cancellation


def _coded_ids(column: pd.Series, encoded: values.Encoded | None) -> pd.Series:
    """The customer ids as :func:`values.normalize_ids` gives them, kept as codes when the column
    is long (see values.coded; the cleaning's filter makes them text)."""
    distinct = values.distinct_values(column, encoded)
    if distinct is None:
        return values.normalize_ids(column)
    positions, uniques = distinct
    return values.coded(values.normalize_ids(uniques), positions, column.index)


def _cancellation_ids(order_ids: pd.Series) -> pd.Series:
    """Invoice numbers of the form C123456 among numeric ones: the Online Retail cancellation style."""
    arr = values.arrow(order_ids)
    starts = pc.or_(pc.starts_with(arr, "C"), pc.starts_with(arr, "c"))
    digit = pc.utf8_is_digit(pc.utf8_slice_codeunits(arr, 1, 2))
    return pd.Series(np.asarray(pc.fill_null(pc.and_(starts, digit), False)), index=order_ids.index)
