"""What the columns and cells of a campaign results file say: which column is the customer, the
email, "converted" and the revenue (by their header, and for "converted" by its values too), and
the values read the French or English way (yes/no, ticks, amounts, ids)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmenter_app.core.actions.playbooks import normalize
from segmenter_app.core.reading.numbers import parse_numbers
from segmenter_app.core.reading.values import normalize_ids, parse_booleans

# Normalised header words (see playbooks.normalize) that name each column of a results file.
CUSTOMER_HEADERS = (
    "customer_id",
    "customerid",
    "customer",
    "id_client",
    "client_id",
    "code_client",
    "n_client",
    "no_client",
    "numero_client",
    "num_client",
    "ref_client",
    "client",
    "customer_no",
    "customer_number",
    "id",
)
EMAIL_HEADERS = ("email", "e_mail", "mail", "courriel", "adresse_e_mail", "adresse_email")
CONVERTED_HEADERS = (
    "converted",
    "conversion",
    "converti",
    "convertie",
    "a_achete",
    "achete",
    "purchased",
    "bought",
    "responded",
    "response",
    "reponse",
    "result",
    "resultat",
    "buyer",
    "acheteur",
)
REVENUE_HEADERS = (
    "revenue",
    "revenu",
    "amount",
    "montant",
    "montant_ttc",
    "total_ttc",
    "ca",
    "chiffre_d_affaires",
    "sales",
    "spend",
    "value",
    "valeur",
    "total",
)
_TRUE = {
    "1",
    "true",
    "yes",
    "y",
    "oui",
    "o",
    "vrai",
    "x",
    "ok",
    "converted",
    "converti",
    "convertie",
    "achete",
    "achetee",
    "achat",
    "bought",
    "purchased",
}
_FALSE = {"0", "false", "no", "n", "non", "faux", "", "-", "aucun", "aucune", "none", "pas_d_achat"}
# Marks a spreadsheet user ticks with: words are lost by normalize(), so they are read first.
_TRUE_MARKS = {"✓", "✔", "☑", "✅", "+", "√"}
_FALSE_MARKS = {"✗", "✘", "☐", "☒", "❌", "—", "–", "-"}


def find_header(headers: list[str], candidates: tuple[str, ...]) -> int | None:
    """Index of the first header that is, or starts with, one of the candidates (in their order)."""
    for candidate in candidates:
        for i, header in enumerate(headers):
            if header == candidate:
                return i
    for candidate in candidates:
        if len(candidate) < 4:
            continue
        for i, header in enumerate(headers):
            if header.startswith(candidate + "_") or header.endswith("_" + candidate):
                return i
    return None


def find_all_headers(headers: list[str], candidates: tuple[str, ...]) -> list[int]:
    """Every header :func:`find_header` would accept, best first (exact names, then prefixes/suffixes)."""
    found: list[int] = []
    for candidate in candidates:
        found += [i for i, h in enumerate(headers) if h == candidate and i not in found]
    for candidate in candidates:
        if len(candidate) >= 4:
            found += [
                i
                for i, h in enumerate(headers)
                if (h.startswith(candidate + "_") or h.endswith("_" + candidate)) and i not in found
            ]
    return found


# Share of a column's filled cells that must read as yes/no for it to be the "converted" column: half,
# so a sheet with some unreadable answers ("maybe") is still one, and is counted as such.
CONVERTED_SHARE = 0.5


def converted_column(headers: list[str], rows: pd.DataFrame) -> int | None:
    """The column saying whether each customer converted: a converted header ("Converti",
    "Result"...) whose filled cells mostly read as yes/no. A sales export's "Buyer Username",
    "Code acheteur" or "Result" (an amount) has such a header but not such values."""
    for i in find_all_headers(headers, CONVERTED_HEADERS):
        if i >= rows.shape[1]:
            continue
        column = rows.iloc[:, i]
        filled = column[column.astype("string").str.strip().fillna("") != ""]
        if filled.empty or read_booleans(filled).notna().mean() >= CONVERTED_SHARE:
            return i
    return None


# An amount past this is no shop's (as pipeline.MAX_SPEND for a customer's spend): its sums
# with others would overflow to infinity.
MAX_AMOUNT = 1e15


def read_numbers(text: pd.Series) -> pd.Series:
    """Amounts written the French or English way ("1 234,56 €", "1,234.56", "(12.50)").

    Infinite amounts ("1e400") are unreadable, like text: they would make every figure infinite;
    so are amounts past :data:`MAX_AMOUNT` ("1e308"), whose sums overflow to infinity (the
    revenue uplift read "unknown per customer ... from unknown to unknown").
    """
    values = parse_numbers(text).values.astype(float)
    return values.where(np.isfinite(values) & (values.abs() <= MAX_AMOUNT))


def read_ids(text: pd.Series) -> pd.Series:
    """Customer ids as the import writes them: trimmed text, "17850.0" -> "17850"."""
    return normalize_ids(text).astype(object).where(lambda s: s.notna(), None)


def read_booleans(text: pd.Series) -> pd.Series:
    """Yes/no in French or English -> True/False; an empty cell -> False; anything else -> NA."""
    out = parse_booleans(text)
    raw = text.astype("string").str.strip().fillna("")
    out[out.isna() & raw.isin(_TRUE_MARKS)] = True
    out[out.isna() & raw.isin(_FALSE_MARKS)] = False
    # "1.0" / "0,0": a 1/0 column that went through a float (one decimal only: "0.00" is an amount).
    out[out.isna() & raw.isin({"1.0", "1,0"})] = True
    out[out.isna() & raw.isin({"0.0", "0,0"})] = False
    low = raw.str.lower().map(normalize)
    # A cell of symbols only ("✓", "?") normalizes to "": blank only when it was blank.
    low = low.where((low != "") | (raw == ""), "?")
    out[out.isna() & low.isin({normalize(v) for v in _TRUE if v})] = True
    out[out.isna() & low.isin(_FALSE)] = False
    return out


def unreadable_cells(text: pd.Series, values: pd.Series) -> pd.Series:
    """Cells holding something (not blank) that did not read as a number."""
    filled = text.astype("string").str.strip().fillna("") != ""
    return (filled & values.isna()).astype(bool)
