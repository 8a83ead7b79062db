"""Column roles: which input column is the customer id, the order date, the amount...

Roles are detected from the header (French and English names, accents and case ignored) and,
when the header says nothing, from the values (emails, phone numbers; and for a file without a
header, whose columns are "Column 1", "Column 2"..., identifiers, dates such as 19970101,
quantities and amounts), each with a confidence in [0, 1]. When a header's words point to several
roles ("Fecha del pedido", "Order value"), its values choose between a date, an amount and the
rest; when a file has its amount but no recognised date column (or the other way round), the first
unrecognised column of dates (or amounts) completes it. Built-in presets recognise the exports of
Shopify (orders, customers), WooCommerce, PrestaShop, SumUp and Square by their header and give
their exact mapping.

A mapping the user confirmed is remembered under the file's *header signature* (a hash of its
normalized column names), so the next export from the same tool is mapped the same way. A mapping
can also be saved to and loaded from a JSON file (``--mapping FILE.json`` on the command line)::

    {"version": 1,
     "columns": {"N° commande": "order_id", "Date": "order_date", "Montant TTC": "amount"},
     "date_order": "dmy",          # optional: "auto", "dmy", "mdy", "ymd"
     "kind": "orders",             # optional: "orders" or "customers"
     "sheet": "Ventes",            # optional
     "header_row": 3}              # optional, 1-based; 0 for a file without a header row

Columns absent from ``columns`` are detected as usual; ``"ignore"`` excludes a column. A plain
``{"column": "role"}`` object is accepted too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.compute as pc

from segmenter_app.core import schema
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.reading.details import technical
from segmenter_app.core.reading.numbers import CURRENCY_MARKS
from segmenter_app.core.reading.role_names import (
    ALL_ROLES,
    KEYWORDS,
    PRODUCT_CODE,
    STATUS,
    SYNONYMS,
    normalize_header,
)
from segmenter_app.core.reading.role_presets import PRESET_MARKERS, PRESETS
from segmenter_app.core.reading.values import arrow, cell_text

__all__ = ["ALL_ROLES", "PRESETS", "PRODUCT_CODE", "STATUS", "RoleGuess", "detect_roles", "normalize_header"]

T = Messages(
    {
        "bad_mapping_file": (
            "The mapping file {path} cannot be read ({detail}). It must be a JSON object such as "
            '{{"columns": {{"Date": "order_date"}}}}.',
            "Le fichier de correspondance {path} est illisible ({detail}). Il doit contenir un objet JSON "
            'comme {{"columns": {{"Date": "order_date"}}}}.',
        ),
        "bad_role": (
            "The mapping gives column {column} the unknown role {role}. Known roles: {roles}.",
            "La correspondance donne à la colonne {column} le rôle inconnu {role}. Rôles connus : {roles}.",
        ),
    }
)


@dataclass
class RoleGuess:
    """The role detected for one column, how sure, and why (shown to the user)."""

    column: str
    role: str
    confidence: float
    reason: str  # "preset:shopify_orders", "header", "header-word", "values", "memory", "mapping"


def detect_preset(columns: list[str]) -> str | None:
    """The name of the preset whose marker headers are all present, if any."""
    normalized = {normalize_header(c) for c in columns}
    for name, markers in PRESET_MARKERS.items():
        if markers <= normalized:
            return name
    return None


# Header names too short to be sure of ("ID" alone may be anything's id).
_WEAK_NAMES = frozenset({"id", "client", "customer", "reference", "ref", "source", "total"})


def detect_roles(frame: pd.DataFrame, memory: dict[str, str] | None = None) -> dict[str, RoleGuess]:
    """The role of each column with a confidence; each role goes to at most one column.

    ``memory`` (a remembered mapping for this header signature) wins over detection.
    """
    columns = list(frame.columns)
    candidates: list[RoleGuess] = []
    preset = detect_preset(columns)
    for col in columns:
        if memory and col in memory:
            candidates.append(RoleGuess(col, memory[col], 1.0, "memory"))
            continue
        norm = normalize_header(col)
        if preset and norm in PRESETS[preset]:
            candidates.append(RoleGuess(col, PRESETS[preset][norm], 0.98, f"preset:{preset}"))
            continue
        exact = [role for role, names in SYNONYMS.items() if norm in names]
        if not exact and "/" in str(col):
            # Odoo names a field of the order's lines "Order Lines/Quantity": the last part says it
            # (not a bare "ID" or "Total": "Order Lines/ID" is no customer).
            tail = normalize_header(str(col).rsplit("/", 1)[1])
            if tail not in _WEAK_NAMES:
                norm = tail
                exact = [role for role, names in SYNONYMS.items() if norm in names]
        for role in exact:
            # "id" or "client" alone are weaker than "customer id"; a payment's "transaction id"
            # is weaker than the order's own number (Etsy's items export has both).
            conf = (
                0.6
                if norm in _WEAK_NAMES
                else 0.9
                if norm in {"transaction id", "id de transaction"}
                else 0.95
            )
            candidates.append(RoleGuess(col, role, conf, "header"))
        if not exact:
            word_role = _header_word_role(norm, frame[col])
            if word_role is not None:
                candidates.append(RoleGuess(col, word_role, 0.7, "header-word"))
        value_guess = _guess_from_values(col, frame[col])
        if value_guess is None and generic_header(col):
            value_guess = _guess_from_numbers(col, frame[col])
        if value_guess is not None:
            candidates.append(value_guess)
    return _fill_orders(frame, _names_are_not_ids(_assign(columns, candidates)))


# The header words, compiled once: Python's cache of compiled expressions holds fewer than there
# are words times the few forms, so a file of thousands of columns compiled them again and again.
_KEYWORD_PATTERNS = [(re.compile(rf"\b{re.escape(word)}"), role) for word, role in KEYWORDS]
_ANY_KEYWORD = re.compile(r"\b(?:" + "|".join(re.escape(word) for word, _ in KEYWORDS) + ")")

# A word for "date" anywhere in a header, also inside a compound ("Orderdatum", "Fecha del pedido").
_DATE_WORD = re.compile(r"date|datum|dato|fecha|data")


def _header_word_role(norm: str, series: pd.Series) -> str | None:
    """The role of a header from the words inside it; when its words point to several roles
    ("Fecha del pedido": a date and an order; "Order value": an order and an amount), the values
    decide: dates make it the order date, amounts the amount. A birth date stays one."""
    matched: list[str] = []
    if _ANY_KEYWORD.search(norm):  # most headers of a wide file name none: one search, not 107
        for pattern, role in _KEYWORD_PATTERNS:
            if role not in matched and pattern.search(norm):
                matched.append(role)
    if matched[:1] == [schema.BIRTH_DATE]:
        return schema.BIRTH_DATE
    dated = schema.ORDER_DATE in matched or _DATE_WORD.search(norm)
    if dated and matched[:1] != [schema.ORDER_DATE] and _dates_like(_sample(series)):
        return schema.ORDER_DATE
    money = [r for r in matched if r in (schema.AMOUNT, schema.UNIT_PRICE)]
    if money and _not_a_sale(norm):
        # "Amount Refunded", "Shipping amount", "Tax total": money, but not what the customer
        # spent; the header's other word decides ("Montant remise" is a discount), else nothing.
        rest = [r for r in matched if r not in money]
        return rest[0] if rest else None
    if money and not _numbers_like(_sample(series)):
        # "Option 0 Value" holding "Red", "XL": its word says money, its cells say otherwise (as
        # the amount, every row of a Shopify export with options was refused as unreadable).
        rest = [r for r in matched if r not in money]
        return rest[0] if rest else None
    if money and matched[0] != money[0] and _amounts_like(_sample(series)):
        return money[0]
    return matched[0] if matched else None


# Words that make an amount something else than the sale: refunds, fees, shipping, discounts,
# balances; taxes unless the header says the amount includes them ("Total incl. tax", "TTC").
_NOT_SALE = re.compile(
    r"\b(?:refund\w*|rembours\w*|erstatt\w*|reembols\w*|fees?|frais|commission|shipping|livraison|"
    r"versand\w*|envio|discount|remise|rabatt|descuento|sconto|korting|balance|solde|saldo)\b"
)
_TAX = re.compile(r"\b(?:tax|taxes|tva|vat|mwst|ust|iva|btw)\b")
_INCLUDED = re.compile(r"\b(?:incl\w*|inkl\w*|including|ttc|with|avec|con|met)\b")
# A person's name: "Customer name" is not an identifier when the file has an email or a phone.
_NAME_WORD = re.compile(r"\b(?:name|nom|naam|nombre|nome)\b")


def _not_a_sale(norm: str) -> bool:
    """True for a money header that is not the amount spent (see ``_NOT_SALE``)."""
    return bool(_NOT_SALE.search(norm)) or (bool(_TAX.search(norm)) and not _INCLUDED.search(norm))


def _names_are_not_ids(guesses: dict[str, RoleGuess]) -> dict[str, RoleGuess]:
    """A "Customer name" column taken for the customer id by its word "customer" is left out when
    the file has an email or a phone to identify customers (two customers can share a name)."""
    roles = {g.role for g in guesses.values()}
    if not roles & {schema.EMAIL, schema.PHONE}:
        return guesses
    return {
        col: RoleGuess(col, schema.IGNORE, 0.0, "none")
        if g.role == schema.CUSTOMER_ID
        and g.reason == "header-word"
        and _NAME_WORD.search(normalize_header(col))
        else g
        for col, g in guesses.items()
    }


def _fill_orders(frame: pd.DataFrame, guesses: dict[str, RoleGuess]) -> dict[str, RoleGuess]:
    """Complete an orders file whose date or amount column has a name no list holds ("Created
    (UTC)", "Gross", "Avant commission", "Kwota"): when the amount (or unit price) was recognised
    but no date, the first unrecognised column of dates becomes the order date, and the other way
    round, with a low confidence the user sees. A file with neither stays as detected (a customer
    list, or a header to map by hand)."""
    roles = {g.role for g in guesses.values()}
    has_date = schema.ORDER_DATE in roles
    has_money = bool(roles & {schema.AMOUNT, schema.UNIT_PRICE})
    if has_date == has_money:
        return guesses
    want, looks = (schema.AMOUNT, _amounts_like) if has_date else (schema.ORDER_DATE, _dates_like)
    for col, guess in guesses.items():
        if want == schema.AMOUNT and _not_a_sale(normalize_header(col)):
            continue  # a fee, a refund, a shipping cost: not the sale
        if guess.role == schema.IGNORE and guess.reason == "none" and looks(_sample(frame[col])):
            return {**guesses, col: RoleGuess(col, want, 0.45, "values")}
    return guesses


_DATE_LIKE = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2}))(?:[ T,].*)?$"
    r"|^(?:[^\s\d]+,?\s+)?\d{1,2}(?:er|\.)?[\s/-]*(?:de\s+)?[^\s\d.,/-]{3,}\.?[\s/,-]*(?:de\s+)?\d{4}\b"
    r"|^[A-Za-z]{3,9}\.? \d{1,2},? \d{4}\b",
    re.IGNORECASE,
)
# An amount once its currency marks are gone: digits with separators, 1 or 2 decimals, a sign.
_AMOUNT_NUMBER = re.compile(r"^[+-]?\(?\d[\d \u00a0\u202f'’,.]*\)?-?$")
_TWO_DECIMALS = re.compile(r"[.,]\d{1,2}\)?-?$")
_MONEY_MARK = re.compile(CURRENCY_MARKS)


def _dates_like(sample: list[str]) -> bool:
    """Most of the sample written as dates (numbers with separators or a month name)."""
    sample = [v for v in sample if v]
    return len(sample) >= 2 and _share(_DATE_LIKE, sample) > 0.8


def _numbers_like(sample: list[str]) -> bool:
    """At least half of the filled sample holds a digit ("12,50 € TTC", "25,-" do; "Red", "XL" do
    not); True with no filled cell (no evidence against the header)."""
    sample = [v for v in sample if v and v.strip()]
    if not sample:
        return True
    return sum(1 for value in sample if any(ch.isdigit() for ch in value)) >= len(sample) / 2


def _amounts_like(sample: list[str]) -> bool:
    """Most of the sample written as money: numbers with one or two decimals or a currency mark."""
    sample = [v for v in sample if v]
    if len(sample) < 2:
        return False
    hits = 0
    for value in sample:
        bare = _MONEY_MARK.sub("", value).strip()
        if _AMOUNT_NUMBER.match(bare) and (bare != value or _TWO_DECIMALS.search(bare)):
            hits += 1
    return hits / len(sample) > 0.9


# "Column 3" (a file without a header), "Unnamed: 2", "V3", a value taken for a name ("00004").
_GENERIC = re.compile(r"^(?:(?:column|colonne|col|field|champ|unnamed|var|v|x)\s*)?\d*$")
_YMD_COMPACT = re.compile(r"^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(
    r"^[+-]?\(?[$€£]?\s?\d{1,3}(?:[ ,.\u00a0\u202f']?\d{3})*[.,]\d{1,2}\s?(?:[$€£]|EUR|USD)?\)?-?$"
)
_EMAIL = re.compile(r"^\s*[^@\s]+@[^@\s]+\.[A-Za-z]{2,}\s*$")
_PHONE = re.compile(r"^\s*(?:\+|00)?[\d .\-()]{9,18}\s*$")
_FRENCH_PHONE = re.compile(r"^\s*(?:\+33|0033|0)[1-9]")


def generic_header(name: str) -> bool:
    """True for a column name that says nothing about its content ("Column 3", "Unnamed: 2", "17850")."""
    norm = normalize_header(name)
    return not norm or bool(_GENERIC.match(norm)) or not re.search(r"[a-z]", norm)


def _guess_from_numbers(column: str, series: pd.Series) -> RoleGuess | None:
    """Customer id, order date, quantity or amount recognised from the values of an unnamed column.

    Only for columns whose name says nothing (see :func:`generic_header`): a named column of small
    integers is far more often a score or a count of something else than a quantity. Identifiers are
    integers written with leading zeros ("00042"), or large integers that repeat; quantities are
    small integers; amounts carry decimals; dates are yyyymmdd or separated day, month, year.
    """
    sample = [v for v in _sample(series) if v]
    if len(sample) < 3:
        return None
    if _share(_YMD_COMPACT, sample) > 0.95 or _share(_DATE_LIKE, sample) > 0.9:
        return RoleGuess(column, schema.ORDER_DATE, 0.75, "values")
    if _share(_INTEGER, sample) > 0.95:
        numbers = sorted(int(v) for v in sample if _INTEGER.match(v))
        padded = sum(1 for v in sample if len(v) > 1 and v.startswith("0")) / len(sample)
        if padded > 0.05 or (numbers[0] >= 1000 and len(set(sample)) < len(sample)):
            return RoleGuess(column, schema.CUSTOMER_ID, 0.65 if padded > 0.05 else 0.5, "values")
        if numbers[0] >= 0 and numbers[-1] <= 1000 and numbers[len(numbers) // 2] <= 20:
            return RoleGuess(column, schema.QUANTITY, 0.6, "values")
        return None
    if _share(_DECIMAL, sample) > 0.9 or _amounts_like(sample):  # also "¥123,400", "1 234,56 kr"
        return RoleGuess(column, schema.AMOUNT, 0.6, "values")
    return None


def _sample(series: pd.Series, size: int = 500) -> list[str]:
    """The first filled values of a column, trimmed, as Python strings.

    Matched with compiled regular expressions in Python: on 500 values that is ten times faster
    than a pandas string method, which matters for files of thousands of columns.
    """
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        # Straight from the Arrow array: pandas' own slicing and dropna cost about a millisecond a
        # column, which a file of tens of thousands of columns paid for a minute.
        text = arrow(series)
        first = pc.drop_null(text.slice(0, size * 20))
        if len(first) < size and len(text) > size * 20:
            first = pc.drop_null(text)
        return [v.strip() for v in first.slice(0, size).to_pylist()]
    # Look at the first rows before dropping empty cells: dropna on a million-row column copies it.
    head = series.head(size * 20).dropna()
    if len(head) < size and len(series) > size * 20:
        head = series.dropna()
    head = head.head(size)
    if not isinstance(head.dtype, pd.StringDtype):
        # A workbook's number and date columns (read typed): as their cells are written (17850, not 17850.0).
        head = cell_text(head).dropna()
    return [str(v).strip() for v in head.tolist()]


def _share(pattern: re.Pattern[str], sample: list[str]) -> float:
    """The share of the sample values the pattern matches at their start."""
    return sum(1 for v in sample if pattern.match(v)) / len(sample) if sample else 0.0


def _assign(columns: list[str], candidates: list[RoleGuess]) -> dict[str, RoleGuess]:
    """Greedy: the most confident (column, role) pairs first; one role per column and per role."""
    out: dict[str, RoleGuess] = {}
    taken: set[str] = set()
    order = sorted(candidates, key=lambda g: (-g.confidence, columns.index(g.column)))
    for guess in order:
        if guess.column in out:
            continue
        if guess.role != schema.IGNORE and guess.role in taken:
            continue
        out[guess.column] = guess
        if guess.role != schema.IGNORE:
            taken.add(guess.role)
    for col in columns:
        out.setdefault(col, RoleGuess(col, schema.IGNORE, 0.0, "none"))
    return {c: out[c] for c in columns}


def _guess_from_values(column: str, series: pd.Series) -> RoleGuess | None:
    """Emails, phones and dates recognised from a sample of the values."""
    sample = _sample(series)
    if not sample:
        return None
    if _share(_EMAIL, sample) > 0.8:
        return RoleGuess(column, schema.EMAIL, 0.85, "values")
    if _share(_PHONE, sample) > 0.8 and _share(_FRENCH_PHONE, sample) > 0.6:
        return RoleGuess(column, schema.PHONE, 0.6, "values")
    return None


def header_signature(columns: list[str]) -> str:
    """A short hash of the normalized column names, in order (same export tool = same signature)."""
    joined = "\x1f".join(normalize_header(c) for c in columns)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


# --- Memory and JSON files -----------------------------------------------------------------------

# The keys of a mapping file besides "columns" (see the module docstring and collect.import_files).
MAPPING_OPTIONS = frozenset(
    {"version", "date_order", "kind", "sheet", "header_row", "encoding", "delimiter", "files"}
)


def memory_path() -> Path:
    """Where remembered mappings are kept (``SEGMENTER_CONFIG_DIR`` overrides, for tests)."""
    override = os.environ.get("SEGMENTER_CONFIG_DIR")
    if override:
        return Path(override) / "mappings.json"
    from platformdirs import user_config_dir

    return Path(user_config_dir("Segmenter", appauthor=False)) / "mappings.json"


def _load_store(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def remember_mapping(columns: list[str], mapping: dict[str, str], path: Path | None = None) -> None:
    """Remember the user's mapping for files with these columns (atomic write)."""
    target = path or memory_path()
    store = _load_store(target)
    store[header_signature(columns)] = {"columns": dict(mapping)}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(store, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, target)


def recall_mapping(columns: list[str], path: Path | None = None) -> dict[str, str] | None:
    """The mapping remembered for files with these columns, if any."""
    entry = _load_store(path or memory_path()).get(header_signature(columns))
    if isinstance(entry, dict) and isinstance(entry.get("columns"), dict):
        return {str(k): str(v) for k, v in entry["columns"].items() if k in columns}
    return None


def load_mapping_file(path: str | Path) -> dict[str, Any]:
    """Read and validate a mapping JSON file (format in the module docstring)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError, RecursionError) as exc:  # RecursionError: [[[[... nested too deeply
        raise UserError(T, "bad_mapping_file", path=str(p), detail=technical(str(exc)[:200])) from None
    if not isinstance(data, dict):
        raise UserError(T, "bad_mapping_file", path=str(p), detail=technical("not an object"))
    return normalize_mapping(data, str(p))


def normalize_mapping(data: dict[str, Any], origin: str = "mapping") -> dict[str, Any]:
    """The canonical form {"columns": {...}, options...} of a mapping given flat or nested.

    A mapping of reading options only (``{"header_row": 0}`` for a file without a header) is the
    nested form without columns, not a flat mapping of a column named "header_row".
    """
    if "columns" in data and not isinstance(data["columns"], dict):
        # {"columns": 5} or a list: a mistake to show, not a flat mapping of a column "columns".
        raise UserError(
            T, "bad_mapping_file", path=origin, detail=technical('"columns" must map column names to roles')
        )
    if "columns" in data:
        out = dict(data)
    elif data and set(data) <= MAPPING_OPTIONS:
        out = {**data, "columns": {}}
    else:
        out = {"columns": {k: v for k, v in data.items() if isinstance(v, str) and k != "version"}}
    for column, role in out["columns"].items():
        if role not in ALL_ROLES:
            raise UserError(T, "bad_role", column=column, role=role, roles=", ".join(ALL_ROLES))
    out.setdefault("version", 1)
    return out


def save_mapping_file(path: str | Path, mapping: dict[str, str], **options: Any) -> None:
    """Write a mapping JSON file that :func:`load_mapping_file` reads back."""
    data = {"version": 1, "columns": dict(mapping), **{k: v for k, v in options.items() if v is not None}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
