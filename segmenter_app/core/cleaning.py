"""One file's rows: read each mapped column's values, and keep or exclude every row with a reason.

The rules, in the order they apply (a row gets the first reason that fits, so the account of a
file always balances, ``read == kept + sum(excluded)``):

1. ``blank_row``: every cell empty (or only spaces and control characters, such as a DOS
   end-of-file mark); ``malformed_row``: more fields than the header (text files).
2. ``total_row``: a "Total"/"Sous-total"/"Grand total" label and no usable date (totals under a
   table); ``repeated_header``: the header row again (exports pasted one under the other).
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

Last, a row below the table set aside for want of a customer, a date or an amount whose one cell
is a sentence is a ``note_row`` (a footer). The shapes are told apart in row_kinds.py. Order lines
written under their order's first row take its fields first (order_lines.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core import row_kinds, schema
from segmenter_app.core.analysis import RowAccount
from segmenter_app.core.i18n import Messages, Phrase, UserError
from segmenter_app.core.order_lines import fill_order_fields
from segmenter_app.core.reading import values
from segmenter_app.core.reading.duplicates import duplicate_rows
from segmenter_app.core.reading.roles import PRODUCT_CODE, STATUS
from segmenter_app.core.reading.table import RawTable
from segmenter_app.core.standardize import (
    CUSTOMERS,
    ORDERS,
    Unreadable,
    encode_columns,
    note_unreadable_cells,
    standardize,
)

__all__ = ["CUSTOMERS", "ORDERS", "REASONS", "REASON_KEYS", "CleanResult", "clean_file", "file_kind"]

REASONS = Messages(
    {
        "blank_row": ("Blank row", "Ligne vide"),
        "malformed_row": ("Row with more fields than the header", "Ligne avec plus de champs que l'en-tête"),
        "total_row": ("Totals row", "Ligne de total"),
        "note_row": (
            "A line of text below the table (a footer such as 'Exported on ... by ...')",
            "Une ligne de texte sous le tableau (un pied de page comme « Exporté le ... par ... »)",
        ),
        "repeated_header": (
            "The header row again (files pasted one under the other)",
            "La ligne d'en-tête répétée (fichiers collés les uns sous les autres)",
        ),
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
# Rows that hold no data at all: their cells are not counted as unreadable values.
_NO_DATA_REASONS = ("blank_row", "malformed_row", "total_row", "repeated_header", "note_row")
# The standard columns the rules read and the kept rows do not carry: masks made for the rules,
# and the product code, which only tells postage lines apart.
_WORKING_COLUMNS = frozenset(
    {"_amount_unreadable", "_continuation", "_zero_price", "_cancellation", PRODUCT_CODE}
)

T = Messages(
    {
        "order_lines_filled": (
            "{count} product lines written under their order's first row, with the order's number, "
            "customer and date left empty, took them from that row.",
            "{count} lignes de produits écrites sous la première ligne de leur commande, sans le numéro, "
            "le client ni la date de la commande, les ont reprises de cette ligne.",
        ),
        "only_set_aside": (
            "{count} customers appear in this file only in rows set aside ({reasons}): they are in no "
            "segment unless another file holds their purchases. The row account lists those rows.",
            "{count} clients n'apparaissent dans ce fichier que dans des lignes mises de côté ({reasons}) : "
            "ils ne sont dans aucun segment, sauf si un autre fichier contient leurs achats. Le bilan des "
            "lignes les liste.",
        ),
        "only_set_aside_one": (
            "1 customer appears in this file only in rows set aside ({reasons}): they are in no segment "
            "unless another file holds their purchases. The row account lists those rows.",
            "1 client n'apparaît dans ce fichier que dans des lignes mises de côté ({reasons}) : il n'est "
            "dans aucun segment, sauf si un autre fichier contient ses achats. Le bilan des lignes les liste.",
        ),
        "duplicates_maybe_purchases": (
            "{count} rows are exact copies of an earlier row and were set aside as duplicates. This file "
            "has no order number and no time of purchase, so they may be separate purchases of the same "
            "amount on the same day. If each line of your export is a sale, keep them (Collect step, or "
            "--duplicates keep).",
            "{count} lignes sont la copie exacte d'une ligne précédente et ont été mises de côté comme "
            "doublons. Ce fichier n'a ni numéro de commande ni heure d'achat : ce peut être des achats "
            "distincts du même montant le même jour. Si chaque ligne de votre export est une vente, "
            "gardez-les (étape Collecte, ou --duplicates keep).",
        ),
        "duplicates_maybe_purchases_one": (
            "1 row is an exact copy of an earlier row and was set aside as a duplicate. This file has no "
            "order number and no time of purchase, so it may be a separate purchase of the same amount on "
            "the same day. If each line of your export is a sale, keep it (Collect step, or "
            "--duplicates keep).",
            "1 ligne est la copie exacte d'une ligne précédente et a été mise de côté comme doublon. Ce "
            "fichier n'a ni numéro de commande ni heure d'achat : ce peut être un achat distinct du même "
            "montant le même jour. Si chaque ligne de votre export est une vente, gardez-la (étape "
            "Collecte, ou --duplicates keep).",
        ),
        "duplicates_kept": (
            "{count} rows identical to an earlier row were kept as separate purchases, as asked.",
            "{count} lignes identiques à une ligne précédente ont été gardées comme achats distincts, "
            "comme demandé.",
        ),
        "duplicates_kept_one": (
            "1 row identical to an earlier row was kept as a separate purchase, as asked.",
            "1 ligne identique à une ligne précédente a été gardée comme achat distinct, comme demandé.",
        ),
        "order_lines_filled_one": (
            "1 product line written under its order's first row, with the order's number, customer and "
            "date left empty, took them from that row.",
            "1 ligne de produit écrite sous la première ligne de sa commande, sans le numéro, le client "
            "ni la date de la commande, les a reprises de cette ligne.",
        ),
        "missing_roles": (
            "In {path}, no column was recognised as {roles}. Choose the columns in the Collect step, or "
            "pass a mapping file with --mapping.",
            "Dans {path}, aucune colonne n'a été reconnue comme {roles}. Choisissez les colonnes à l'étape "
            "Collecter, ou passez un fichier de correspondance avec --mapping.",
        ),
        "missing_roles_sheet": (
            "In {path}, sheet {sheet}, no column was recognised as {roles}. The workbook has other sheets "
            "({others}): choose the sheet in the Collect step, or name it in a mapping file given with "
            '--mapping, for example {{"sheet": "{example}"}}.',
            "Dans {path}, feuille {sheet}, aucune colonne n'a été reconnue comme {roles}. Le classeur a "
            "d'autres feuilles ({others}) : choisissez la feuille à l'étape Collecter, ou indiquez-la dans "
            'un fichier de correspondance passé avec --mapping, par exemple {{"sheet": "{example}"}}.',
        ),
    }
)

# Cancelled, refunded, failed or returned, in French and English and the neighbours' languages
# (storniert, erstattet, reembolsado, estornado, rimborsato, terugbetaald, anulado, retour...).
_CANCELLED_STATUS = (
    r"(?:cancel|annul|refund|rembours|failed|echou|échou|void|storn|erstatt|reembols|rimbors|"
    r"terugbetaal|anulad|fehlgeschlagen|mislukt|devuel|retour)"
)


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
    duplicates: str = "exclude",
    tick: Callable[[float], None] | None = None,
) -> CleanResult:
    """Apply the rules of the module docstring to one raw table (mapping: column -> role).

    ``duplicates`` "keep" keeps rows identical to an earlier row as purchases of their own (a till
    whose export has neither order numbers nor times writes two same-day sales alike).

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

    # Lines written under their order's first row take its order number, customer and date for
    # the reading (order_lines.py); the excluded rows keep the file's own cells.
    work, lines_filled = fill_order_fields(frame, by_role)
    if lines_filled:
        warnings.append(
            (
                T,
                "order_lines_filled" if lines_filled > 1 else "order_lines_filled_one",
                {"count": lines_filled},
            )
        )
    read = replace(raw, frame=work) if lines_filled else raw
    encoded = encode_columns(work, by_role)
    tick(0.02)
    # The duplicate search only needs the cells and the columns' codes: it runs in a worker while
    # the values are read here (NumPy and Arrow free the GIL, so the second core does it).
    import concurrent.futures as cf

    pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="segmenter-duplicates")
    twin_search = pool.submit(duplicate_rows, work, {column: enc[0] for column, enc in encoded.items()})
    pool.shutdown(wait=False)
    unreadable: list[Unreadable] = []
    std = standardize(read, by_role, kind, date_order, details, warnings, tick, encoded, unreadable)
    tick(0.6)
    mark(row_kinds.blank_rows(frame), "blank_row")
    if raw.malformed:
        positions = np.fromiter(raw.malformed.keys(), dtype=np.int64)
        malformed = np.zeros(n, dtype=bool)
        malformed[positions] = True
        mark(malformed, "malformed_row")
    mark(row_kinds.total_rows(frame, std, kind), "total_row")
    mark(row_kinds.repeated_headers(frame, std, kind), "repeated_header")
    tick(0.7)
    has_identity = std[schema.T_CUSTOMER].notna() | std["email_norm"].notna() | std["phone_norm"].notna()
    mark(~has_identity.to_numpy(), "no_customer_id")
    twins = twin_search.result()
    if duplicates != "keep":
        mark(twins, "duplicate")
    tick(0.8)
    if kind == ORDERS:
        mark(std[schema.T_DATE].isna().to_numpy(), "unreadable_date")
        mark(std["_amount_unreadable"].to_numpy(), "unreadable_amount")
        mark(std["_continuation"].to_numpy(), "order_continuation")
        mark(std["_zero_price"].to_numpy(), "zero_price")
        mark(row_kinds.non_product(by_role, work, encoded), "non_product")
        tick(0.85)
        if STATUS in by_role:
            status = work[by_role[STATUS]]
            mark(values.rx(status, _CANCELLED_STATUS, ignore_case=True), "cancelled_order")
        if returns == "exclude":
            is_return = std[schema.T_IS_RETURN].to_numpy()
            cancel = std["_cancellation"].to_numpy()
            mark(is_return & cancel, "cancellation")
            mark(is_return, "return")
    blank_code = REASON_KEYS.index("blank_row") + 1
    rest = (code != 0) & (code != blank_code) & (code != REASON_KEYS.index("malformed_row") + 1)
    code[row_kinds.whitespace_rows(frame, rest)] = blank_code
    guessed = [
        REASON_KEYS.index(k) + 1
        for k in ("no_customer_id", "unreadable_date", "unreadable_amount", "zero_price")
    ]
    code[row_kinds.footer_notes(frame, code, guessed)] = REASON_KEYS.index("note_row") + 1
    # The cells that could not be read, said now that the rows that are no data are known: a
    # repeated header's "Date" is not an unreadable date.
    no_data = np.isin(code, [REASON_KEYS.index(k) + 1 for k in _NO_DATA_REASONS])
    note_unreadable_cells(unreadable, read, no_data, details, warnings)
    keep = code == 0
    if duplicates == "keep":
        details["duplicates"] = "keep"  # the Collect step asks again only when it was not said
    if duplicates == "keep" and (twins & keep).any():
        count = int((twins & keep).sum())  # the twins kept, not those set aside for another reason
        warnings.append((T, "duplicates_kept" if count > 1 else "duplicates_kept_one", {"count": count}))
    elif kind == ORDERS and duplicates != "keep":
        _say_same_day_twins(std[schema.T_DATE], by_role, code, details, warnings)
    _say_customers_set_aside(std[schema.T_CUSTOMER], code, no_data, warnings)
    account = RowAccount(read=n, kept=int(keep.sum()))
    counts = np.bincount(code, minlength=len(REASON_KEYS) + 1)
    account.excluded = {key: int(counts[i + 1]) for i, key in enumerate(REASON_KEYS) if counts[i + 1]}
    tick(0.87)
    # The excluded rows' original cells and the kept rows' standard columns are two independent
    # copies: the second core makes the first (Arrow and NumPy free the GIL while they copy).
    import concurrent.futures as cf

    with cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="segmenter-excluded") as pool:
        later = pool.submit(_excluded_frame, raw, source, code, keep)
        kept = values.filter_rows(
            std, keep, [c for c in std.columns if c not in _WORKING_COLUMNS], each=lambda: tick(0.88)
        )
        excluded = later.result()
    tick(0.9)
    kept[schema.T_SOURCE] = source
    return CleanResult(kind, kept, excluded, account, details, warnings)


def _say_same_day_twins(
    dates: pd.Series,
    by_role: dict[str, str],
    code: np.ndarray,
    details: dict[str, Any],
    warnings: list[tuple[Messages, str, dict[str, Any]]],
) -> None:
    """Say when the duplicates set aside may be real purchases: with no order number and no time
    of day, two sales of the same amount on the same day look exactly alike (CDNOW has 255)."""
    twins = code == REASON_KEYS.index("duplicate") + 1
    count = int(twins.sum())
    if not count or schema.ORDER_ID in by_role:
        return
    stamps = dates.to_numpy(dtype="datetime64[ns]")[twins]
    stamps = stamps[~np.isnat(stamps)]
    if len(stamps) and (stamps != stamps.astype("datetime64[D]")).any():
        return  # the twins have a time of purchase: the same second twice is an export's repeat
    details["duplicates_same_day"] = count
    key = "duplicates_maybe_purchases" if count > 1 else "duplicates_maybe_purchases_one"
    warnings.append((T, key, {"count": count}))


def _say_customers_set_aside(
    ids: pd.Series,
    code: np.ndarray,
    no_data: np.ndarray,
    warnings: list[tuple[Messages, str, dict[str, Any]]],
) -> None:
    """Warn about customers whose every row of the file was set aside for what it holds (a zero
    price, an unreadable amount, postage only...): they vanish from the customer table, and only
    the row account said why. Duplicates do not count (their first row is kept)."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        codes = ids.cat.codes.to_numpy()
    else:
        codes = pd.factorize(ids, use_na_sentinel=True)[0]
    duplicate = REASON_KEYS.index("duplicate") + 1
    data = (code != 0) & ~no_data & (code != duplicate) & (codes >= 0)
    if not data.any():
        return
    kept = np.zeros(int(codes.max()) + 1, dtype=bool)
    kept[codes[(code == 0) & (codes >= 0)]] = True
    rows = np.flatnonzero(data & ~kept[np.maximum(codes, 0)])
    if not len(rows):
        return
    count = len(np.unique(codes[rows]))
    reasons = sorted({REASON_KEYS[c - 1] for c in np.unique(code[rows])})
    warnings.append(
        (
            T,
            "only_set_aside" if count > 1 else "only_set_aside_one",
            {
                "count": count,
                "reasons": Phrase(lambda lang: ", ".join(REASONS(r, lang).lower() for r in reasons)),
            },
        )
    )


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
        others = [
            s["name"] for s in raw.sheets or [] if s.get("name") != raw.sheet and s.get("state") == "visible"
        ]
        if raw.sheet is not None and others:
            # A cover or notes sheet first in the workbook: say where the table may be.
            raise UserError(
                T,
                "missing_roles_sheet",
                path=Path(raw.path).name,
                sheet=raw.sheet,
                roles=", ".join(missing),
                others=", ".join(others),
                example=others[0],
            )
        raise UserError(T, "missing_roles", path=Path(raw.path).name, roles=", ".join(missing))


def _excluded_frame(raw: RawTable, source: int, code: np.ndarray, keep: np.ndarray) -> pd.DataFrame:
    """Excluded rows with their original cells as text, in file order."""
    drop = ~keep
    # The reason keys taken by code in Arrow: no Python string per excluded row.
    reason = pc.take(pa.array(REASON_KEYS, pa.large_string()), pa.array(code[drop].astype(np.int64) - 1))
    original = values.filter_rows(raw.frame, drop)
    head = pd.DataFrame(
        {
            "source": np.full(int(drop.sum()), source, dtype=np.int64),
            "source_row": raw.source_rows[: len(raw.frame)][drop],
            "reason": pd.Series(reason, dtype=values.STR),
        },
        copy=False,
    )
    if raw.malformed:
        positions = np.flatnonzero(drop)
        head["original_line"] = [raw.malformed.get(int(p)) for p in positions]
    # A workbook's number and date columns are read typed: written back as their cells are.
    original = pd.DataFrame(
        {_beside(c, head.columns, original.columns): values.cell_text(original[c]) for c in original},
        copy=False,
    )
    return pd.concat([head, original], axis=1)


def _beside(name: str, bookkeeping: pd.Index, columns: pd.Index) -> str:
    """A file's column named like a bookkeeping column (a web shop's "source", a returns "reason")
    renamed "source (2)", as a repeated header is: two columns of one name made the excluded rows of
    two such files impossible to put together."""
    if name not in bookkeeping:
        return name
    k = 2
    while f"{name} ({k})" in bookkeeping or f"{name} ({k})" in columns:
        k += 1
    return f"{name} ({k})"
