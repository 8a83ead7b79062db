"""Matching the customers of a results file to the analysis: by id (exactly, then in a looser
form when only one customer fits) or by email.

An email shared by several customers of the analysis (a family, a shop's generic address) names
none of them: a results row found only through such an email is given to no one, never to one
of them picked at random. The row is left out with the reason ``"ambiguous_email"`` and counted
(see :func:`ambiguous_email_rows`); the customers sharing the email then count as any customer
absent from the results.
"""

from __future__ import annotations

import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.id_forms import loose_id_map, loose_keys

__all__ = [
    "align_ids",
    "ambiguous_email_rows",
    "any_known",
    "email_index",
    "looks_like_emails",
    "loose_id_map",
    "loose_keys",
    "match_customers",
    "shared_emails",
]


def _customer_emails(analysis: Analysis) -> pd.Series:
    """The analysis' customers' emails, trimmed and lower-cased, indexed by customer id."""
    customers = analysis.customers
    if customers is None or s.EMAIL not in customers.columns:
        return pd.Series([], dtype="string")
    emails = customers[s.EMAIL].astype("string").str.strip().str.lower()
    return emails[emails.fillna("").str.contains("@")]


def shared_emails(analysis: Analysis) -> set[str]:
    """The lower-cased emails that more than one customer of the analysis has."""
    emails = _customer_emails(analysis)
    return {str(e) for e in emails[emails.duplicated(keep=False)].unique()}


def email_index(analysis: Analysis) -> dict[str, str]:
    """Lower-cased email -> customer id, from the analysis' customers; an email several customers
    share is left out (it names none of them, see the module docstring)."""
    emails = _customer_emails(analysis)
    unique = emails[~emails.duplicated(keep=False)]
    return {str(e): str(i) for i, e in unique.items()}


def ambiguous_email_rows(emails: pd.Series, analysis: Analysis) -> pd.Series:
    """True for each row whose email (any case, spaces around) is shared by several customers."""
    shared = shared_emails(analysis)
    if not shared:
        return pd.Series(False, index=emails.index)
    return emails.astype("string").str.strip().str.lower().isin(shared).fillna(False).astype(bool)


def looks_like_emails(ids: pd.Series) -> bool:
    """True when most of a customer column's values are emails (it is matched by email)."""
    filled = ids.dropna()
    return bool(len(filled)) and bool(filled.astype(str).str.contains("@").mean() > 0.5)


def match_customers(ids: pd.Series, analysis: Analysis, by_email: bool) -> pd.Series:
    """The analysis' customer id of each row (NA when not found); ``attrs["loose"]`` counts the
    rows found only through :func:`loose_id_map` (leading zeros lost by Excel, "'00123"...)."""
    if by_email or looks_like_emails(ids):
        index = email_index(analysis)
        return ids.str.strip().str.lower().map(index)
    known = analysis.segmentation.assignments.index.astype(str) if analysis.segmentation else pd.Index([])
    exact = ids.where(ids.isin(known))
    loose = loose_id_map(ids, known)
    found = exact.fillna(loose)
    found.attrs["loose"] = int(loose.notna().sum())
    return found


def align_ids(analysis: Analysis, fresh: Analysis) -> int:
    """Write the new export's customer ids as the analysis writes them when they differ only in
    form (leading zeros dropped by a spreadsheet, case, Excel's apostrophe; see
    :func:`loose_id_map`), so the same customer is not taken for a new one. Returns the number of
    transaction rows rewritten."""
    tx = fresh.transactions
    if tx is None or analysis.segmentation is None or tx.empty:
        return 0
    known = analysis.segmentation.assignments.index.astype(str)
    ids = tx[s.T_CUSTOMER].astype(str)
    distinct = pd.Series(ids.unique())
    mapped = loose_id_map(distinct, known)
    renames = dict(zip(distinct[mapped.notna()], mapped[mapped.notna()], strict=True))
    if not renames:
        return 0
    moved = ids.isin(renames.keys())
    fresh.transactions = tx.assign(**{s.T_CUSTOMER: ids.where(~moved, ids.map(renames))})
    attributes = fresh.customer_attributes
    if attributes is not None and len(attributes.index):
        fresh.customer_attributes = attributes.rename(index=lambda i: renames.get(str(i), i))
    return int(moved.sum())


def any_known(analysis: Analysis, transactions: pd.DataFrame | None) -> bool:
    """True when at least one customer of the transactions is in the analysis."""
    if transactions is None or analysis.segmentation is None:
        return False
    known = analysis.segmentation.assignments.index.astype(str)
    return bool(transactions[s.T_CUSTOMER].astype(str).isin(known).any())
