"""Read campaign results: a results sheet, or a later sales export, into one outcome per customer.

Two kinds of file are accepted (CSV/TSV, also gzip-compressed, XLSX/XLSM, XLS, ODS):

- a **campaign results sheet**: one row per customer with a customer column (id or email), a
  converted column (yes/no, oui/non, 1/0, true/false) and, optionally, a revenue column. A
  customer of the analysis absent from the sheet counts as not converted, unless the sheet covers
  none of the control group (then the uplift is not measured, see ``campaign.py``);
- a **sales export** (one row per order line or order, with a customer, a date and an amount), as
  exported by the till or web shop later on: a conversion is a purchase dated within
  ``window_days`` days from the campaign date (inclusive), the revenue is the net amount bought
  in that window. It is read by the import step (``segmenter_app.core.collect``) when it is
  available, so a later export of the same tool is read exactly like the first one.

Rows that cannot be used (no customer, unreadable converted value) are counted by reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.actions.playbooks import normalize
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.measure.cells import (
    CUSTOMER_HEADERS,
    EMAIL_HEADERS,
    MAX_AMOUNT,
    REVENUE_HEADERS,
    converted_column,
    find_header,
    read_booleans,
    read_ids,
    read_numbers,
    unreadable_cells,
)
from segmenter_app.core.measure.matching import (
    align_ids,
    ambiguous_email_rows,
    any_known,
    looks_like_emails,
    match_customers,
)
from segmenter_app.core.reading.detect import check_regular_file
from segmenter_app.core.reading.table import fingerprint

R = Messages(
    {
        "missing": (
            "The results file '{path}' does not exist. Check the name and the folder.",
            "Le fichier de résultats « {path} » n'existe pas. Vérifiez le nom et le dossier.",
        ),
        "unreadable": (
            "The results file '{path}' could not be read ({detail}). Save it as CSV or XLSX and try again.",
            "Le fichier de résultats « {path} » n'a pas pu être lu ({detail}). Enregistrez-le en CSV ou XLSX et réessayez.",
        ),
        "empty": (
            "The results file '{path}' holds no rows. Fill in one row per customer (customer, converted yes/no, revenue), or give the sales export of the weeks after the campaign with --campaign-date.",
            "Le fichier de résultats « {path} » ne contient aucune ligne. Remplissez une ligne par client (client, converti oui/non, chiffre d'affaires), ou donnez l'export des ventes des semaines qui suivent la campagne avec --campaign-date.",
        ),
        "own_workbook": (
            "'{path}' is a workbook written by Segmenter (its segments and plan), not the campaign's results. Give the results sheet of the campaign (customer, converted yes/no, revenue), or the sales export of the weeks after it with --campaign-date.",
            "« {path} » est un classeur écrit par Segmenter (ses segments et son plan), pas les résultats de la campagne. Donnez la feuille de résultats de la campagne (client, converti oui/non, chiffre d'affaires), ou l'export des ventes des semaines qui suivent avec --campaign-date.",
        ),
        "no_customer": (
            "The results file '{path}' has no column naming the customer (looked for a customer id, client or email column). Add one with the same customer ids or emails as the analysis.",
            "Le fichier de résultats « {path} » n'a pas de colonne désignant le client (colonne identifiant client, client ou e-mail). Ajoutez-en une avec les mêmes identifiants ou e-mails que l'analyse.",
        ),
        "no_outcome": (
            "The results file '{path}' has neither a 'converted' column (yes/no) nor sale dates with amounts. A results sheet needs customer, converted (yes/no) and revenue columns; a sales export needs customer, date and amount.",
            "Le fichier de résultats « {path} » n'a ni colonne « converti » (oui/non) ni dates de vente avec montants. Une feuille de résultats demande les colonnes client, converti (oui/non) et chiffre d'affaires ; un export des ventes demande client, date et montant.",
        ),
        "need_date": (
            "'{path}' is a sales export: give the campaign date (--campaign-date YYYY-MM-DD) so that purchases in the days after it count as conversions.",
            "« {path} » est un export des ventes : indiquez la date de la campagne (--campaign-date AAAA-MM-JJ) pour que les achats des jours suivants comptent comme conversions.",
        ),
        "no_match": (
            "None of the {count} customers in '{path}' is in the analysis. Check that the file uses the same customer ids or emails as the sales the segments were made from.",
            "Aucun des {count} clients de « {path} » ne figure dans l'analyse. Vérifiez que le fichier utilise les mêmes identifiants ou e-mails clients que les ventes d'origine des segments.",
        ),
        "no_match_one": (
            "The one customer in '{path}' is not in the analysis. Check that the file uses the same customer ids or emails as the sales the segments were made from.",
            "Le seul client de « {path} » ne figure pas dans l'analyse. Vérifiez que le fichier utilise les mêmes identifiants ou e-mails clients que les ventes d'origine des segments.",
        ),
        "window_outside": (
            "The sales in '{path}' run from {first} to {last}: none can fall in the campaign's window ({start} to {end}). Check the campaign date, or export the sales of the weeks after the campaign.",
            "Les ventes de « {path} » vont du {first} au {last} : aucune ne peut tomber dans la fenêtre de la campagne (du {start} au {end}). Vérifiez la date de campagne, ou exportez les ventes des semaines qui suivent la campagne.",
        ),
        "open_quote": (
            "In '{path}', the customer cell that starts with '{start}' runs over {lines} lines: a quote (\") opened there is never closed, so the lines after it were read as one cell. Remove or close that quote and measure again.",
            "Dans « {path} », la cellule client qui commence par « {start} » s'étend sur {lines} lignes : un guillemet (\") ouvert là n'est jamais refermé, si bien que les lignes suivantes ont été lues comme une seule cellule. Supprimez ou refermez ce guillemet et mesurez à nouveau.",
        ),
        "absurd_amounts": (
            "{count} sales in '{path}' have an amount too large to be real (like 1e308): the revenue could not be added up. Correct the amount column and measure again.",
            "{count} ventes de « {path} » ont un montant trop grand pour être réel (comme 1e308) : le chiffre d'affaires ne peut pas être additionné. Corrigez la colonne des montants et mesurez à nouveau.",
        ),
        "absurd_amounts_one": (
            "One sale in '{path}' has an amount too large to be real (like 1e308): the revenue could not be added up. Correct the amount column and measure again.",
            "Une vente de « {path} » a un montant trop grand pour être réel (comme 1e308) : le chiffre d'affaires ne peut pas être additionné. Corrigez la colonne des montants et mesurez à nouveau.",
        ),
        "bad_window": (
            "The window must be a whole number of days from 1 to 366, not {value}.",
            "La fenêtre doit être un nombre entier de jours de 1 à 366, pas {value}.",
        ),
    }
)


@dataclass
class Outcomes:
    """One row per customer of the results: ``converted`` (bool) and ``revenue`` (float or NaN).

    ``table`` is indexed by customer id (as in the analysis). ``unmatched`` counts customers of
    the file that are not in the analysis; ``excluded`` counts unusable rows by reason.
    """

    kind: str  # "campaign" or "sales"
    table: pd.DataFrame
    path: str
    fingerprint: str
    rows_read: int
    excluded: dict[str, int] = field(default_factory=dict)
    unmatched: int = 0
    has_revenue: bool = True
    campaign_date: pd.Timestamp | None = None
    window_days: int | None = None
    transactions: pd.DataFrame | None = None  # a sales export's kept transactions (for migration)
    attributes: pd.DataFrame | None = None  # customer attributes read with them (for migration)
    details: dict[str, Any] = field(default_factory=dict)


# --- Reading the file and its values (the import step's readers) ------------------------------


def _read_raw(path: Path, sheet: str | None = None) -> pd.DataFrame:
    """The file's table as text cells (NA when empty) under its header row, any format the app reads.

    The import step's reader detects the format by content, the encoding, the delimiter, the
    sheet and the header row (titles above it), and refuses hostile files.
    """
    from segmenter_app.core.reading.table import read_table

    raw = read_table(path, sheet=sheet)
    return raw.frame


# --- Public -----------------------------------------------------------------------------------


def read_results(
    analysis: Analysis,
    path: str | Path,
    *,
    campaign_date: pd.Timestamp | str | None = None,
    window_days: int = 30,
) -> Outcomes:
    """Read a campaign results sheet or a later sales export (see the module docstring).

    The kind is told from the columns: a "converted" column makes a results sheet; otherwise the
    import step's role detection must find a customer, a date and an amount (or a quantity and a
    unit price) for a sales export. Raises ``UserError`` when the file is missing, unreadable, has
    no customer column, no outcome, is a sales export without a campaign date, or names no
    customer of the analysis.
    """
    from segmenter_app.core import collect

    p = Path(path)
    if not p.exists():
        raise UserError(R, "missing", path=str(p))
    check_regular_file(p)  # a folder or a pipe, said as such
    if not isinstance(window_days, int) or not 1 <= window_days <= 366:
        raise UserError(R, "bad_window", value=window_days)
    date = pd.Timestamp(campaign_date) if campaign_date is not None else None
    preview = collect.preview_file(p, rows=200)
    if _written_by_segmenter(preview):
        raise UserError(R, "own_workbook", path=p.name)
    preview = _results_sheet(p, preview)
    sheet = preview.get("sheet")
    headers = [normalize(str(c)) for c in preview["columns"]]
    if converted_column(headers, preview["rows"]) is not None:
        return _read_campaign_sheet(analysis, p, preview, sheet)
    roles = {guess.role for guess in preview["roles"].values()}
    identified = bool(roles & {s.CUSTOMER_ID, s.EMAIL, s.PHONE})
    priced = s.AMOUNT in roles or s.UNIT_PRICE in roles
    if not identified and find_header(headers, CUSTOMER_HEADERS + EMAIL_HEADERS) is None:
        raise UserError(R, "no_customer", path=p.name)
    if s.ORDER_DATE not in roles or not priced:
        raise UserError(R, "no_outcome", path=p.name)
    if date is None or pd.isna(date):
        raise UserError(R, "need_date", path=p.name)
    fresh = Analysis(lang=analysis.lang)
    options = collect.ImportOptions(overrides={str(p): {"sheet": sheet}} if sheet else {})
    collect.import_files(fresh, [str(p)], options=options)
    loose = align_ids(analysis, fresh)
    if not any_known(analysis, fresh.transactions):
        count = fresh.transactions[s.T_CUSTOMER].nunique() if fresh.transactions is not None else 0
        raise UserError(R, "no_match" if count != 1 else "no_match_one", count=int(count), path=p.name)
    outcomes = outcomes_from_transactions(
        analysis,
        fresh.transactions,
        date,
        window_days,
        path=str(p.resolve()),
        file_fingerprint=fingerprint(p),
    )
    # The import's own row account: every row read is kept or excluded with its reason.
    outcomes.rows_read = fresh.account.read
    outcomes.excluded = dict(fresh.account.excluded)
    outcomes.attributes = fresh.customer_attributes
    outcomes.details.update(read_by="collect", rows_kept=fresh.account.kept, ids_matched_loosely=loose)
    if fresh.inputs:
        outcomes.details["mapping"] = dict(fresh.inputs[0].mapping)
    return outcomes


def _written_by_segmenter(preview: dict[str, Any]) -> bool:
    """True for a workbook exported by Segmenter: its Summary, All customers and Method sheets
    (in one language). Its segment sheets (customer, last purchase, spend) would otherwise pass
    for a sales export."""
    from segmenter_app.core.export.labels import SHEETS

    names = {str(info.get("name")) for info in preview.get("sheets") or []}
    return any({SHEETS(key, lang) for key in ("summary", "all", "method")} <= names for lang in ("en", "fr"))


def _usable(preview: dict[str, Any]) -> bool:
    """True when a sheet's first rows hold a results sheet or a sales export (see read_results)."""
    headers = [normalize(str(c)) for c in preview["columns"]]
    if converted_column(headers, preview["rows"]) is not None:
        return True
    roles = {guess.role for guess in preview["roles"].values()}
    identified = (
        bool(roles & {s.CUSTOMER_ID, s.EMAIL, s.PHONE}) or find_header(headers, CUSTOMER_HEADERS) is not None
    )
    return identified and s.ORDER_DATE in roles and bool(roles & {s.AMOUNT, s.UNIT_PRICE})


def _results_sheet(p: Path, preview: dict[str, Any]) -> dict[str, Any]:
    """The preview of the workbook's sheet holding the results: the one read by default when it
    is usable, else the first other visible sheet that is ("Notes" first, "Résultats" second)."""
    from segmenter_app.core import collect

    sheets = preview.get("sheets") or []
    if _usable(preview) or len(sheets) < 2:
        return preview
    for info in sheets:
        name = info.get("name")
        if name == preview.get("sheet") or info.get("state", "visible") != "visible":
            continue
        try:
            other = collect.preview_file(p, rows=200, sheet=name)
        except UserError:  # an empty or unreadable sheet: the next one
            continue
        if _usable(other):
            return other
    return preview


def _read_campaign_sheet(
    analysis: Analysis, p: Path, preview: dict[str, Any], sheet: str | None = None
) -> Outcomes:
    """A results sheet: one row per customer, converted yes/no, revenue when given."""
    body = _read_raw(p, sheet)
    headers = [normalize(str(c)) for c in body.columns]
    body = body[body.notna().any(axis=1)].reset_index(drop=True)
    if body.empty:
        raise UserError(R, "empty", path=p.name)
    rows_read = len(body)
    # A row pasted twice would count its revenue twice: an exact copy of an earlier row is left
    # out with its reason, as the import does with sales lines. Two different rows of one
    # customer (two purchases) still add up.
    twins = body.duplicated(keep="first").to_numpy()
    body = body[~twins].reset_index(drop=True)
    roles = {guess.column: guess.role for guess in preview["roles"].values()}
    customer_col = find_header(headers, CUSTOMER_HEADERS)
    email_col = find_header(headers, EMAIL_HEADERS)
    for i, column in enumerate(body.columns):  # what the import recognised, when the header did not say
        if customer_col is None and roles.get(column) == s.CUSTOMER_ID:
            customer_col = i
        if email_col is None and roles.get(column) == s.EMAIL:
            email_col = i
    if customer_col is None and email_col is None:
        raise UserError(R, "no_customer", path=p.name)
    converted_col = converted_column(headers, body)
    if converted_col is None:
        raise UserError(R, "no_outcome", path=p.name)
    revenue_col = find_header(headers, REVENUE_HEADERS)

    by_email = customer_col is None
    ids = read_ids(body.iloc[:, email_col if by_email else customer_col])
    customer = match_customers(ids, analysis, by_email)
    loose = int(customer.attrs.get("loose", 0))
    # A row found only through an email several customers share is given to no one (see
    # matching.py): never to one of them at random.
    ambiguous = pd.Series(False, index=ids.index)
    if by_email or looks_like_emails(ids):
        ambiguous |= ambiguous_email_rows(ids, analysis)
    if not by_email and email_col is not None:
        # Rows whose id is unknown may still be matched on their email.
        emails = read_ids(body.iloc[:, email_col])
        customer = customer.fillna(match_customers(emails, analysis, True))
        ambiguous |= ambiguous_email_rows(emails, analysis)
    ambiguous &= customer.isna()
    _check_open_quote(ids, customer, p.name)
    excluded: dict[str, int] = {"duplicate": int(twins.sum())} if twins.any() else {}
    no_id = ids.isna()
    if no_id.any():
        excluded["no_customer_id"] = int(no_id.sum())
    if ambiguous.any():
        excluded["ambiguous_email"] = int(ambiguous.sum())
    known_rows = customer.notna()
    unmatched = int(ids[~known_rows & ~no_id & ~ambiguous].nunique())
    if not known_rows.any():
        count = int(ids.nunique())
        raise UserError(R, "no_match" if count != 1 else "no_match_one", count=count, path=p.name)
    revenue = read_numbers(body.iloc[:, revenue_col]) if revenue_col is not None else None
    converted = read_booleans(body.iloc[:, converted_col])
    if revenue is not None:
        # A readable revenue without a yes/no says whether they bought; an unreadable yes/no
        # with no readable revenue stays unreadable (counted below), never "not converted".
        said = (revenue > 0).astype("boolean").where(revenue.notna())
        converted = converted.fillna(said)
    bad = converted.isna() & known_rows
    if bad.any():
        excluded["unreadable_converted"] = int(bad.sum())
    use = known_rows & converted.notna()
    unreadable_revenue = (
        unreadable_cells(body.iloc[:, revenue_col], revenue) & use if revenue is not None else None
    )
    rows = pd.DataFrame(
        {
            "customer_id": customer[use].astype(str),
            "converted": converted[use].astype(bool),
            "revenue": (revenue[use].fillna(0.0) if revenue is not None else np.nan),
        }
    )
    table = rows.groupby("customer_id").agg(
        converted=("converted", "any"), always=("converted", "all"), revenue=("revenue", "sum")
    )
    # A customer on a "yes" row and a "no" row counts as converted: said (campaign.source_alerts).
    contradicted = int((table["converted"] & ~table.pop("always")).sum())
    if revenue is None:
        table["revenue"] = np.nan
    return Outcomes(
        kind="campaign",
        table=table,
        path=str(p.resolve()),
        fingerprint=fingerprint(p),
        rows_read=rows_read,
        excluded=excluded,
        unmatched=unmatched,
        has_revenue=revenue is not None,
        details={
            "columns": _columns_used(body, customer_col, email_col, converted_col, revenue_col),
            "sheet": sheet,
            "unmatched_rows": int((~known_rows & ~no_id & ~ambiguous).sum()),
            # Given to no one: their email belongs to several customers (see matching.py).
            "ambiguous_email_rows": int(ambiguous.sum()),
            "ids_matched_loosely": loose,
            # Kept with no revenue (their conversion still counts): said, see campaign.source_alerts.
            "unreadable_revenue": int(unreadable_revenue.sum()) if unreadable_revenue is not None else 0,
            # The currency the revenue cells are marked with ("$12.50": USD), compared with the
            # shop's in campaign.currency_alerts; None when unmarked.
            "contradicted_customers": contradicted,
            "revenue_currency": _marked_currency(body.iloc[:, revenue_col][use])
            if revenue is not None
            else None,
        },
    )


def _marked_currency(cells: pd.Series) -> str | None:
    """The currency most of these cells are marked with (see currency.detect_currency_marks)."""
    from segmenter_app.core.currency import detect_currency_marks

    texts = cells.dropna()
    return detect_currency_marks([str(v) for v in texts.iloc[:5000]])


def _check_open_quote(ids: pd.Series, customer: pd.Series, name: str) -> None:
    """Raise ``UserError`` when an unmatched customer cell spans several lines: a quote never
    closed made the rest of the file one cell, and its rows would be lost without a word (the
    message said "None of the 1 customers ... is in the analysis")."""
    text = ids.astype("string")
    broken = text.str.contains("\n", regex=False).fillna(False).astype(bool) & customer.isna()
    if not broken.any():
        return
    cell = str(text[broken].iloc[0])
    start = cell.splitlines()[0].strip()
    raise UserError(R, "open_quote", path=name, start=start[:40], lines=cell.count("\n") + 1)


def _columns_used(body: pd.DataFrame, *indices: int | None) -> list[str]:
    return [str(body.columns[i]) for i in indices if i is not None]


def _sales_outcomes(
    analysis: Analysis,
    sales: pd.DataFrame,
    campaign_date: pd.Timestamp,
    window_days: int,
    **common: Any,
) -> Outcomes:
    """Outcomes from sales transactions: purchases within the window after the campaign date."""
    start = campaign_date.normalize()
    end = start + pd.Timedelta(days=window_days)
    amounts = sales[s.T_AMOUNT].to_numpy(dtype="float64", na_value=np.nan)
    absurd = int((np.isinf(amounts) | (np.abs(amounts) > MAX_AMOUNT)).sum())
    if absurd:  # their sums overflow: every revenue figure would be "unknown", said nowhere
        raise UserError(
            R,
            "absurd_amounts" if absurd != 1 else "absurd_amounts_one",
            count=absurd,
            path=Path(common.get("path") or "").name,
        )
    dates = sales[s.T_DATE]
    if len(dates) and (dates.max() < start or dates.min() >= end):
        # The export does not reach the window at all: "no conversion" would be a false result.
        raise UserError(
            R,
            "window_outside",
            path=Path(common.get("path") or "").name,
            first=dates.min().date().isoformat(),
            last=dates.max().date().isoformat(),
            start=start.date().isoformat(),
            end=(end - pd.Timedelta(days=1)).date().isoformat(),
        )
    covered = _window_covered(dates, start, end)
    in_window = (sales[s.T_DATE] >= start) & (sales[s.T_DATE] < end)
    window = sales[in_window]
    per_customer = window.groupby(s.T_CUSTOMER)[s.T_AMOUNT].sum()
    table = pd.DataFrame({"converted": per_customer > 0, "revenue": per_customer.astype(float)})
    table.index.name = "customer_id"
    details = dict(common.pop("details", {}))
    details.update(
        {
            "window_start": start.date().isoformat(),
            "window_end": (end - pd.Timedelta(days=1)).date().isoformat(),
            "rows_in_window": int(in_window.sum()),
        }
    )
    if covered is not None:  # the export stops inside the window: see campaign.source_alerts
        details.update(window_covered_from=covered[0], window_covered_to=covered[1])
    return Outcomes(
        kind="sales",
        table=table,
        campaign_date=start,
        window_days=window_days,
        transactions=sales,
        details=details,
        **common,
    )


def _window_covered(dates: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> tuple[str, str] | None:
    """The days of the window the export covers (first and last ISO dates) when it starts after
    the window's first day or ends before its last; None when it covers the whole window.

    A purchase in the days the export does not reach is not counted: the conversion rates are
    then understated, and the report says so rather than letting them pass for the whole window.
    """
    if not len(dates):
        return None
    first, last = dates.min().normalize(), dates.max().normalize()
    window_last = end - pd.Timedelta(days=1)
    if first <= start and last >= window_last:
        return None
    return max(first, start).date().isoformat(), min(last, window_last).date().isoformat()


def outcomes_from_transactions(
    analysis: Analysis,
    transactions: pd.DataFrame,
    campaign_date: pd.Timestamp | str,
    window_days: int = 30,
    *,
    path: str = "",
    file_fingerprint: str = "",
) -> Outcomes:
    """Outcomes from an already imported transaction table (schema.py columns), e.g. by the GUI."""
    known = set(analysis.segmentation.assignments.index.astype(str)) if analysis.segmentation else set()
    ids = transactions[s.T_CUSTOMER].astype(str)
    sales = transactions.loc[ids.isin(known), [s.T_CUSTOMER, s.T_DATE, s.T_AMOUNT]].copy()
    sales[s.T_CUSTOMER] = sales[s.T_CUSTOMER].astype(str)
    outcomes = _sales_outcomes(
        analysis,
        sales,
        pd.Timestamp(campaign_date),
        window_days,
        path=path,
        fingerprint=file_fingerprint,
        rows_read=len(transactions),
        unmatched=int(ids[~ids.isin(known)].nunique()),
    )
    outcomes.transactions = transactions  # all of them: new customers count in a re-run
    return outcomes
