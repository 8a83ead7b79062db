"""An Analysis with a customer table for the GUI step tests (Group, Act, Measure).

With the core's import available it imports the bundled demo shop exactly as the app does;
until then (or if it fails) it builds the customer table from the demo CSV with a few lines of
pandas, enough for the pages to have ~300 real-looking customers.
"""

from __future__ import annotations

import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.resources import demo_files


def demo_analysis(lang: str = "en") -> Analysis:
    """The demo shop, imported, with its customer table (no segmentation yet)."""
    analysis = Analysis(lang=lang)
    try:
        from segmenter_app.core import collect, customers
    except ImportError:
        return _by_hand(analysis)
    collect.import_files(analysis, [str(p) for p in demo_files()])
    customers.build_customer_table(analysis)
    return analysis


def _by_hand(analysis: Analysis) -> Analysis:
    path = demo_files()[0]
    raw = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str)
    raw = raw[raw["Client"].notna()]
    amount = (
        raw["Montant TTC"].str.replace("\u202f", "").str.replace(" ", "").str.replace(",", ".").astype(float)
    )
    lines = pd.DataFrame(
        {
            "customer_id": raw["Client"],
            "order_id": raw["N° commande"],
            "date": pd.to_datetime(raw["Date"], format="%d/%m/%Y"),
            "amount": amount,
            "email": raw["E-mail"],
            "phone": raw["Téléphone"],
            "city": raw["Ville"],
            "discount": raw["Remise"].notna() | raw["Code promo"].notna(),
        }
    )
    as_of = lines["date"].max() + pd.Timedelta(days=1)
    grouped = lines.groupby("customer_id")
    customers = pd.DataFrame(
        {
            s.C_RECENCY: (as_of - grouped["date"].max()).dt.days.astype(float),
            s.C_FREQUENCY: grouped["order_id"].nunique().astype(float),
            s.C_MONETARY: grouped["amount"].sum(),
            s.C_FIRST: grouped["date"].min(),
            s.C_LAST: grouped["date"].max(),
        }
    )
    customers[s.C_AVG_BASKET] = customers[s.C_MONETARY] / customers[s.C_FREQUENCY]
    customers[s.C_TENURE] = (as_of - customers[s.C_FIRST]).dt.days.astype(float)
    customers[s.C_DISCOUNT_SHARE] = grouped["discount"].mean()
    customers[s.C_RETURNS_SHARE] = 0.0
    customers[s.C_GAP] = (customers[s.C_TENURE] - customers[s.C_RECENCY]) / (
        customers[s.C_FREQUENCY] - 1
    ).where(customers[s.C_FREQUENCY] > 1)
    customers[s.C_HAS_EMAIL] = grouped["email"].first().notna()
    customers[s.C_HAS_PHONE] = grouped["phone"].first().notna()
    customers[s.C_CONTACTABLE] = customers[s.C_HAS_EMAIL] | customers[s.C_HAS_PHONE]
    customers[s.CITY] = grouped["city"].first()
    customers.index = customers.index.astype(str)
    customers.index.name = s.T_CUSTOMER
    analysis.customers = customers
    analysis.as_of = as_of
    return analysis
