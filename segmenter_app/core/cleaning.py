"""One file's rows: read each mapped column's values, and keep or exclude every row with a reason.

The rules, in the order they apply (a row gets the first reason that fits, so the account of a
file always balances, ``read == kept + sum(excluded)``):

1. ``blank_row``: every cell empty; ``malformed_row``: more fields than the header (text files).
2. ``total_row``: a "Total"/"Sous-total"/"Grand total" label and no usable date (totals under a table).
3. ``no_customer_id``: no customer id, no valid email and no phone number.
4. ``duplicate``: the exact same cells as an earlier row of the same file.
5. ``unreadable_date``: the order date is missing or cannot be read.
6. ``unreadable_amount``: the amount (or quantity and unit price) cannot be read.
7. ``zero_price``: the unit price or the amount is zero or missing (a zero total with items and no
   unit price column is a free order, kept as a purchase of no value).
8. ``non_product``: postage, carriage, fees, manual adjustments, bank charges (by code or name).
9. ``cancelled_order``: the order's status says cancelled, refunded or failed.
10. ``cancellation`` / ``return``: negative lines, only when returns are excluded on request;
    by default they are kept, flagged ``is_return`` and netted against the customer's purchases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from segmenter_app.core import schema
from segmenter_app.core.analysis import RowAccount
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.reading import dates as date_reader
from segmenter_app.core.reading import values
from segmenter_app.core.reading.duplicates import duplicate_rows
from segmenter_app.core.reading.roles import PRODUCT_CODE, STATUS
from segmenter_app.core.reading.table import RawTable

REASONS = Messages(
    {
        "blank_row": ("Blank row", "Ligne vide"),
        "malformed_row": ("Row with more fields than the header", "Ligne avec plus de champs que l'en-tête"),
        "total_row": ("Totals row", "Ligne de total"),
        "no_customer_id": ("No customer identifier", "Aucun identifiant client"),
        "duplicate": ("Exact duplicate of an earlier row", "Doublon exact d'une ligne précédente"),
        "unreadable_date": ("Missing or unreadable date", "Date absente ou illisible"),
        "unreadable_amount": ("Unreadable amount", "Montant illisible"),
        "order_continuation": (
            "Further line of an order whose total is on its first line",
            "Ligne suivante d'une commande dont le total figure sur la première ligne",
        ),
        "zero_price": ("Zero or missing price", "Prix nul ou absent"),
        "non_product": (
            "Not a product (postage, fees, adjustment)",
            "Pas un produit (port, frais, ajustement)",
        ),
        "cancelled_order": (
            "Order cancelled or refunded (status)",
            "Commande annulée ou remboursée (statut)",
        ),
        "cancellation": ("Cancellation", "Annulation"),
        "return": ("Return or refund", "Retour ou remboursement"),
        "after_as_of": ("Dated after the analysis date", "Datée après la date d'analyse"),
    }
)

REASON_KEYS: tuple[str, ...] = tuple(k for k in REASONS.texts if k != "after_as_of")

T = Messages(
    {
        "missing_roles": (
            "In {path}, no column was recognised as {roles}. Choose the columns in the Collect step, or "
            "pass a mapping file with --mapping.",
            "Dans {path}, aucune colonne n'a été reconnue comme {roles}. Choisissez les colonnes à l'étape "
            "Collecter, ou passez un fichier de correspondance avec --mapping.",
        ),
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
        "ambiguous_dates": (
            "Column {column}: every date fits both day/month and month/day; read as {order} ({example} = "
            "{reading}). If that is wrong, run again with --date-order {other}.",
            "Colonne {column} : toutes les dates se lisent aussi bien jour/mois que mois/jour ; lues en "
            "{order} ({example} = {reading}). Si c'est faux, relancez avec --date-order {other}.",
        ),
        "what_date": ("dates", "des dates"),
        "what_number": ("numbers", "des nombres"),
        "order_dmy": ("day/month/year", "jour/mois/année"),
        "order_mdy": ("month/day/year", "mois/jour/année"),
    }
)

ORDERS, CUSTOMERS = "orders", "customers"
_TOTAL_RE = (
    r"^\s*(?:sous[- ]?totals?|sub[- ]?totals?|totals?|totaux|grand total|total g[ée]n[ée]ral|somme|sum)\b"
)
_NON_PRODUCT_CODES = {
    "POST",
    "DOT",
    "M",
    "C2",
    "D",
    "S",
    "B",
    "BANK CHARGES",
    "AMAZONFEE",
    "CRUK",
    "PORT",
    "FRAIS",
    "SHIPPING",
}
_NON_PRODUCT_NAMES = (
    r"^\s*(?:postage|dotcom postage|carriage|manual|discount|bank charges|amazon fee|adjust bad debt|"
    r"samples|cruk commission|frais de port|frais d'envoi|frais de livraison|livraison|shipping|"
    r"shipping fee|delivery|delivery charge|frais bancaires|commission|frais de dossier|emballage cadeau)\s*$"
)
_NON_PRODUCT_CATEGORIES = r"^\s*(?:livraison|shipping|frais|fees|postage|port)\s*$"
_CANCELLED_STATUS = r"(?:cancel|annul|refund|rembours|failed|echou|échou|void)"


@dataclass
class CleanResult:
    """One file after cleaning: kept rows in standard columns, excluded rows, the account."""

    kind: str
    kept: pd.DataFrame  # standard columns (see _standardize), one row per kept input row
    excluded: pd.DataFrame  # source, source_row, reason, then the original columns as text
    account: RowAccount
    details: dict[str, Any] = field(default_factory=dict)
    warnings: list[tuple[Messages, str, dict[str, Any]]] = field(default_factory=list)


def file_kind(mapping: dict[str, str], forced: str | None = None) -> str:
    """ "orders" when the mapping has a date and an amount or price, else "customers"."""
    if forced in (ORDERS, CUSTOMERS):
        return forced
    roles = set(mapping.values())
    if schema.ORDER_DATE in roles and roles & {schema.AMOUNT, schema.UNIT_PRICE, schema.ORDER_ID}:
        return ORDERS
    return CUSTOMERS


def clean_file(
    raw: RawTable,
    mapping: dict[str, str],
    source: int,
    *,
    kind: str,
    date_order: str = "auto",
    returns: str = "net",
    tick: Callable[[float], None] | None = None,
) -> CleanResult:
    """Apply the rules of the module docstring to one raw table (mapping: column -> role).

    ``tick(fraction)`` is called between stages (each well under half a second per million rows)
    to report progress and check for a cancel.
    """
    tick = tick or (lambda fraction: None)
    frame = raw.frame
    n = len(frame)
    by_role = {role: col for col, role in mapping.items() if role != schema.IGNORE and col in frame.columns}
    _check_roles(raw, by_role, kind)
    details: dict[str, Any] = {"unreadable": {}, "ambiguous_date_columns": [], "date_orders": {}}
    warnings: list[tuple[Messages, str, dict[str, Any]]] = []
    # Reasons as small integer codes (0 = kept): comparing a million strings per rule is slow.
    code = np.zeros(n, dtype=np.int8)

    def mark(mask: np.ndarray | pd.Series, key: str) -> None:
        m = np.asarray(mask, dtype=bool) & (code == 0)
        code[m] = REASON_KEYS.index(key) + 1

    encoded = _encode_columns(frame, by_role)
    # What the duplicate search may use besides the cells (see duplicates.py): filled in while the
    # values are read.
    features: dict[str, np.ndarray] = {column: enc[0] for column, enc in encoded.items()}
    std = _standardize(raw, by_role, kind, date_order, details, warnings, tick, encoded, features)
    tick(0.6)
    mark(frame.isna().all(axis=1).to_numpy(), "blank_row")
    if raw.malformed:
        positions = np.fromiter(raw.malformed.keys(), dtype=np.int64)
        malformed = np.zeros(n, dtype=bool)
        malformed[positions] = True
        mark(malformed, "malformed_row")
    mark(_total_rows(frame, std, kind), "total_row")
    tick(0.7)
    has_identity = std[schema.T_CUSTOMER].notna() | std["email_norm"].notna() | std["phone_norm"].notna()
    mark(~has_identity.to_numpy(), "no_customer_id")
    mark(duplicate_rows(frame, features), "duplicate")
    tick(0.8)
    if kind == ORDERS:
        mark(std[schema.T_DATE].isna().to_numpy(), "unreadable_date")
        mark(std.pop("_amount_unreadable").to_numpy(), "unreadable_amount")
        mark(std.pop("_continuation").to_numpy(), "order_continuation")
        mark(std.pop("_zero_price").to_numpy(), "zero_price")
        mark(_non_product(by_role, frame, encoded), "non_product")
        tick(0.85)
        if STATUS in by_role:
            status = frame[by_role[STATUS]]
            mark(values.rx(status, _CANCELLED_STATUS, ignore_case=True), "cancelled_order")
        if returns == "exclude":
            is_return = std[schema.T_IS_RETURN].to_numpy()
            cancel = std["_cancellation"].to_numpy()
            mark(is_return & cancel, "cancellation")
            mark(is_return, "return")
        std = std.drop(columns=["_cancellation"])
    keep = code == 0
    account = RowAccount(read=n, kept=int(keep.sum()))
    counts = np.bincount(code, minlength=len(REASON_KEYS) + 1)
    account.excluded = {key: int(counts[i + 1]) for i, key in enumerate(REASON_KEYS) if counts[i + 1]}
    tick(0.87)
    excluded = _excluded_frame(raw, source, code, keep)
    tick(0.9)
    kept = values.filter_rows(std.drop(columns=[PRODUCT_CODE], errors="ignore"), keep)
    kept[schema.T_SOURCE] = source
    return CleanResult(kind, kept, excluded, account, details, warnings)


def _check_roles(raw: RawTable, by_role: dict[str, str], kind: str) -> None:
    """Refuse a file without the columns its kind needs, with a message saying which."""
    from pathlib import Path

    missing = []
    if not ({schema.CUSTOMER_ID, schema.EMAIL, schema.PHONE} & by_role.keys()):
        missing.append("customer_id / email / phone")
    if kind == ORDERS:
        if schema.ORDER_DATE not in by_role:
            missing.append("order_date")
        if schema.AMOUNT not in by_role and schema.UNIT_PRICE not in by_role:
            missing.append("amount / unit_price")
    if missing:
        raise UserError(T, "missing_roles", path=Path(raw.path).name, roles=", ".join(missing))


# Text columns read once per distinct value (see values.distinct_values) whose dictionary codes
# also serve the duplicate search.
_ENCODED_ROLES = (
    schema.CUSTOMER_ID,
    schema.ORDER_ID,
    schema.ORDER_DATE,
    schema.EMAIL,
    schema.PHONE,
    PRODUCT_CODE,
    schema.PRODUCT,
    schema.CATEGORY,
)


def _encode_columns(frame: pd.DataFrame, by_role: dict[str, str]) -> dict[str, values.Encoded]:
    """The dictionary encoding of each mapped text column of a long file, computed once, two columns
    at a time (Arrow's kernels free the GIL, so both cores work)."""
    if len(frame) < values.DISTINCT_MIN_ROWS:
        return {}
    columns = list(dict.fromkeys(by_role[r] for r in _ENCODED_ROLES if r in by_role))
    series = [frame[c] for c in columns]  # taken here: pandas objects stay in this thread
    import concurrent.futures as cf

    with cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="segmenter-encode") as pool:
        encodings = list(pool.map(values.encode, series))
    return {c: e for c, e in zip(columns, encodings, strict=True) if e is not None}


def _standardize(
    raw: RawTable,
    by_role: dict[str, str],
    kind: str,
    date_order: str,
    details: dict[str, Any],
    warnings: list[tuple[Messages, str, dict[str, Any]]],
    tick: Callable[[float], None],
    encoded: dict[str, values.Encoded],
    features: dict[str, np.ndarray],
) -> pd.DataFrame:
    """The mapped columns read into standard typed columns (ids, dates, amounts, attributes).

    ``encoded``: the columns' dictionary encodings (see :func:`_encode_columns`); ``features``
    receives the numbers read from number columns, for the duplicate search."""
    frame = raw.frame
    n = len(frame)
    index = frame.index
    out: dict[str, Any] = {}

    def col(role: str) -> pd.Series | None:
        return frame[by_role[role]] if role in by_role else None

    def enc(role: str) -> values.Encoded | None:
        return encoded.get(by_role[role]) if role in by_role else None

    def numbers(role: str) -> values.NumberResult:
        result = values.parse_numbers(frame[by_role[role]])
        features[by_role[role]] = result.values.to_numpy()
        return result

    def note_unreadable(role: str, mask: pd.Series, what: str, kept: bool = False) -> None:
        count = int(mask.sum())
        if not count:
            return
        column = by_role[role]
        details["unreadable"][column] = details["unreadable"].get(column, 0) + count
        first = int(np.flatnonzero(mask.to_numpy())[0])
        warnings.append(
            (
                T,
                "unreadable_attribute" if kept else "unreadable_values",
                {
                    "count": count,
                    "column": column,
                    "what": (T, what),
                    "row": int(raw.source_rows[first]),
                    "value": str(frame[column].iloc[first])[:40],
                },
            )
        )

    ids = col(schema.CUSTOMER_ID)
    out[schema.T_CUSTOMER] = (
        values.normalize_ids(ids, enc(schema.CUSTOMER_ID)) if ids is not None else values.no_text(index)
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
        dates = date_reader.parse_dates(col(schema.ORDER_DATE), date_order, enc(schema.ORDER_DATE))
        _note_dates(by_role[schema.ORDER_DATE], dates, col(schema.ORDER_DATE), details, warnings)
        note_unreadable(schema.ORDER_DATE, dates.unreadable, "what_date")
        out[schema.T_DATE] = dates.values
        tick(0.2)
        out[schema.T_ORDER], cancellation_like = _order_ids(col(schema.ORDER_ID), enc(schema.ORDER_ID), index)
        tick(0.3)
        qty = numbers(schema.QUANTITY) if schema.QUANTITY in by_role else None
        price = numbers(schema.UNIT_PRICE) if schema.UNIT_PRICE in by_role else None
        bad_amount = pd.Series(False, index=index)
        if schema.AMOUNT in by_role:
            amount = numbers(schema.AMOUNT)
            details["currency"] = values.detect_currency(col(schema.AMOUNT))
            note_unreadable(schema.AMOUNT, amount.unreadable, "what_number")
            amt = amount.values
            bad_amount |= amount.unreadable
            zero = amt.isna() | (amt == 0)
            if qty is not None and price is None:
                # Items with a zero total and no unit price to tell otherwise: a free order (a gift,
                # a full discount). The customer came, so it is a purchase of no value, not a line
                # without a price.
                zero = zero & ~((amt == 0) & (qty.values > 0)).fillna(False)
        else:
            amt = qty.values * price.values if qty is not None else price.values
            zero = pd.Series(False, index=index)
        if qty is not None:
            note_unreadable(schema.QUANTITY, qty.unreadable, "what_number")
            bad_amount |= qty.unreadable & (schema.AMOUNT not in by_role)
            # A positive amount on a negative quantity is a return written the other way.
            amt = amt.where(~((qty.values < 0) & (amt > 0)), -amt)
        if price is not None:
            details.setdefault("currency", None)
            details["currency"] = details["currency"] or values.detect_currency(col(schema.UNIT_PRICE))
            note_unreadable(schema.UNIT_PRICE, price.unreadable, "what_number")
            if schema.AMOUNT not in by_role:
                bad_amount |= price.unreadable
            zero = zero | (price.values.fillna(0) == 0) & ~price.unreadable
        zero = zero | amt.isna() & ~bad_amount
        if schema.AMOUNT not in by_role:
            zero = zero | (amt == 0)
        out[schema.T_AMOUNT] = amt
        out[schema.T_QUANTITY] = qty.values if qty is not None else pd.Series(np.nan, index=index)
        out["_amount_unreadable"] = bad_amount
        out["_zero_price"] = zero
        # Shopify-style exports put the order total on the first line only: the other lines of the
        # same order have an empty total. They are not "missing price" lines.
        continuation = pd.Series(False, index=index)
        if schema.AMOUNT in by_role and schema.ORDER_ID in by_role:
            no_amount = amt.isna() & ~bad_amount & out[schema.T_ORDER].notna()
            if no_amount.any():
                with_total = out[schema.T_ORDER][amt.notna() & (amt != 0)]
                continuation = no_amount & out[schema.T_ORDER].isin(set(with_total.unique()))
        out["_continuation"] = continuation
        is_return = (amt < 0).fillna(False)
        if qty is not None:
            is_return = is_return | (qty.values < 0).fillna(False)
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
            out[name] = col(role) if role in by_role else values.no_text(index)
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
            ages = values.parse_numbers(series)
            note_unreadable(role, ages.unreadable, "what_number", kept=True)
            out[role] = ages.values
        elif role in (schema.CONSENT, schema.OPT_OUT):
            out[role] = values.parse_booleans(series)
        elif role == schema.GENDER:
            out[role] = values.normalize_gender(series)
        elif role == schema.POSTCODE:
            out[role] = values.normalize_ids(series)
        else:
            out[role] = series
    if email is not None:
        out[schema.EMAIL] = out["email_norm"].fillna(email)
    if phone is not None:
        out[schema.PHONE] = phone
    if kind == CUSTOMERS:
        # A customer-level file keeps its own columns (income, spending score...) as criteria.
        mapped = set(by_role.values())
        for column in frame.columns:
            if column in mapped:
                continue
            numbers = values.parse_numbers(frame[column])
            filled = frame[column].notna().sum()
            readable = filled - numbers.unreadable.sum()
            out[column] = numbers.values if filled and readable >= 0.9 * filled else frame[column]
    out[schema.T_SOURCE_ROW] = pd.Series(raw.source_rows[:n], index=index)
    std = pd.DataFrame(out, index=index, copy=False)  # no copy: see values.filter_rows
    return std


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
    return values.spread(ids, positions, index, None), cancellation


def _cancellation_ids(order_ids: pd.Series) -> pd.Series:
    """Invoice numbers of the form C123456 among numeric ones: the Online Retail cancellation style."""
    arr = values.arrow(order_ids)
    starts = pc.or_(pc.starts_with(arr, "C"), pc.starts_with(arr, "c"))
    digit = pc.utf8_is_digit(pc.utf8_slice_codeunits(arr, 1, 2))
    return pd.Series(np.asarray(pc.fill_null(pc.and_(starts, digit), False)), index=order_ids.index)


def _total_rows(frame: pd.DataFrame, std: pd.DataFrame, kind: str) -> np.ndarray:
    """Rows labelled as totals in one of their first cells, with no usable date (orders files)."""
    hits = np.zeros(len(frame), dtype=bool)
    # Only rows without a date can be totals of an orders file: check those alone.
    candidates = std[schema.T_DATE].isna().to_numpy() if kind == ORDERS else np.ones(len(frame), dtype=bool)
    if not candidates.any():
        return hits
    sub = frame.loc[candidates, list(frame.columns[:3])]
    found = np.zeros(len(sub), dtype=bool)
    for column in sub.columns:
        found |= values.rx(sub[column], _TOTAL_RE, ignore_case=True)
    hits[np.flatnonzero(candidates)] = found
    return hits


def _non_product(
    by_role: dict[str, str], frame: pd.DataFrame, encoded: dict[str, values.Encoded]
) -> np.ndarray:
    """Postage, fees and adjustments by product code, product name or category."""
    hits = np.zeros(len(frame), dtype=bool)
    codes = "^(?:" + "|".join(re.escape(c) for c in _NON_PRODUCT_CODES) + r")\s*$"
    for role, pattern in (
        (PRODUCT_CODE, codes),
        (schema.PRODUCT, _NON_PRODUCT_NAMES),
        (schema.CATEGORY, _NON_PRODUCT_CATEGORIES),
    ):
        if role in by_role:
            column = by_role[role]
            hits |= values.rx_labels(frame[column], pattern, ignore_case=True, encoded=encoded.get(column))
    return hits


def _excluded_frame(raw: RawTable, source: int, code: np.ndarray, keep: np.ndarray) -> pd.DataFrame:
    """Excluded rows with their original cells as text, in file order."""
    drop = ~keep
    reason = pd.Categorical.from_codes(code[drop] - 1, categories=list(REASON_KEYS)).astype(str)
    original = values.filter_rows(raw.frame, drop)
    head = pd.DataFrame(
        {
            "source": np.full(int(drop.sum()), source, dtype=np.int64),
            "source_row": raw.source_rows[: len(raw.frame)][drop],
            "reason": reason,
        }
    )
    if raw.malformed:
        positions = np.flatnonzero(drop)
        head["original_line"] = [raw.malformed.get(int(p)) for p in positions]
    return pd.concat([head, original.astype("str")], axis=1)
