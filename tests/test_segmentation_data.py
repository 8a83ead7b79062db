"""Customer tables for the segmentation tests, built the way schema.py defines them.

The real tables come from the import step (``core.customers.build_customer_table``); these builders
use it when it exists and otherwise compute the same columns directly, so the segmentation tests
do not wait on the import part. The tests at the bottom check the builders themselves.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis


def customers_from_transactions(tx: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """A customer table (schema.py) from a transaction table, transactions up to ``as_of``."""
    tx = tx[tx[s.T_DATE] < as_of]
    purchases = tx[~tx[s.T_IS_RETURN]]
    grouped = tx.groupby(s.T_CUSTOMER)
    pgrouped = purchases.groupby(s.T_CUSTOMER)
    first = pgrouped[s.T_DATE].min()
    last = pgrouped[s.T_DATE].max()
    frequency = pgrouped[s.T_ORDER].nunique()
    monetary = grouped[s.T_AMOUNT].sum().reindex(first.index)
    gross = pgrouped[s.T_AMOUNT].sum()
    returned = -tx[tx[s.T_IS_RETURN]].groupby(s.T_CUSTOMER)[s.T_AMOUNT].sum()
    days = purchases.assign(day=purchases[s.T_DATE].dt.normalize()).groupby(s.T_CUSTOMER)["day"].nunique()
    tenure = (as_of - first).dt.days
    span = (last - first).dt.days
    gap = (span / (days - 1)).where(days > 1)
    table = pd.DataFrame(
        {
            s.C_RECENCY: (as_of.normalize() - last.dt.normalize()).dt.days,
            s.C_FREQUENCY: frequency,
            s.C_MONETARY: monetary,
            s.C_AVG_BASKET: monetary / frequency,
            s.C_FIRST: first,
            s.C_LAST: last,
            s.C_TENURE: tenure,
            s.C_GAP: gap,
            s.C_NEXT: last + pd.to_timedelta(gap, unit="D"),
            s.C_RETURNS_SHARE: (returned.reindex(first.index).fillna(0) / gross).fillna(0),
            s.C_DISCOUNT_SHARE: 0.0,
        }
    )
    table.index = table.index.astype(str)
    table.index.name = s.T_CUSTOMER
    return table


def online_retail_transactions(path: Path) -> pd.DataFrame:
    """Online Retail order lines as a transaction table (customer id present, non-zero price)."""
    raw = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "float64"})
    raw = raw[raw["CustomerID"].notna() & (raw["UnitPrice"] > 0)]
    amount = raw["Quantity"] * raw["UnitPrice"]
    return pd.DataFrame(
        {
            s.T_CUSTOMER: raw["CustomerID"].astype(int).astype(str),
            s.T_ORDER: raw["InvoiceNo"],
            s.T_DATE: pd.to_datetime(raw["InvoiceDate"]),
            s.T_AMOUNT: amount,
            s.T_QUANTITY: raw["Quantity"].astype(float),
            s.T_IS_RETURN: raw["InvoiceNo"].str.startswith("C"),
            s.T_CHANNEL: "web",
            "country": raw["Country"],
        }
    )


def online_retail_analysis(path: Path, lang: str = "en", as_of: str | None = None) -> Analysis:
    """An Analysis with the Online Retail transactions and customer table (as of the day after)."""
    tx = online_retail_transactions(path)
    when = pd.Timestamp(as_of) if as_of else tx[s.T_DATE].max().normalize() + pd.Timedelta(days=1)
    analysis = Analysis(lang=lang)
    analysis.transactions = tx
    analysis.as_of = when
    customers = customers_from_transactions(tx, when)
    country = tx.groupby(s.T_CUSTOMER)["country"].agg(lambda c: c.mode().iloc[0])
    customers[s.COUNTRY] = country.reindex(customers.index)
    analysis.customers = customers
    return analysis


def synthetic_customers(n: int, seed: int = 1) -> pd.DataFrame:
    """A shop-like customer table: most bought once, a long tail of loyal ones, skewed spend."""
    rng = np.random.default_rng(seed)
    frequency = 1 + rng.geometric(0.55, n) - 1
    frequency = np.where(rng.random(n) < 0.6, 1, frequency)
    basket = np.round(rng.lognormal(3.8, 0.8, n), 2)
    monetary = np.round(frequency * basket, 2)
    recency = rng.integers(0, 720, n)
    tenure = recency + rng.integers(0, 400, n) * (frequency > 1)
    ids = [f"C{i:06d}" for i in range(n)]
    as_of = pd.Timestamp("2026-01-01")
    last = as_of - pd.to_timedelta(recency, unit="D")
    table = pd.DataFrame(
        {
            s.C_RECENCY: recency,
            s.C_FREQUENCY: frequency,
            s.C_MONETARY: monetary,
            s.C_AVG_BASKET: monetary / frequency,
            s.C_FIRST: as_of - pd.to_timedelta(tenure, unit="D"),
            s.C_LAST: last,
            s.C_TENURE: tenure,
            s.C_GAP: np.where(frequency > 1, (tenure - recency) / np.maximum(frequency - 1, 1), np.nan),
            s.C_RETURNS_SHARE: np.where(rng.random(n) < 0.1, rng.random(n) * 0.3, 0.0),
            s.C_DISCOUNT_SHARE: np.where(rng.random(n) < 0.3, rng.random(n), 0.0),
            s.C_HAS_EMAIL: rng.random(n) < 0.7,
            s.C_HAS_PHONE: rng.random(n) < 0.4,
            s.C_CONTACTABLE: rng.random(n) < 0.75,
            s.CITY: rng.choice(["Lyon", "Paris", "Villeurbanne", None], n),
            s.AGE: np.where(rng.random(n) < 0.5, rng.integers(18, 80, n), np.nan),
        },
        index=pd.Index(ids, name=s.T_CUSTOMER),
    )
    table[s.C_NEXT] = table[s.C_LAST] + pd.to_timedelta(table[s.C_GAP], unit="D")
    return table


def synthetic_analysis(n: int, seed: int = 1, lang: str = "en") -> Analysis:
    """An Analysis holding :func:`synthetic_customers`."""
    analysis = Analysis(lang=lang)
    analysis.customers = synthetic_customers(n, seed)
    analysis.as_of = pd.Timestamp("2026-01-01")
    return analysis


def test_synthetic_customers_look_like_a_shop():
    """Most customers bought once; spend is positive and skewed."""
    table = synthetic_customers(2000)
    assert (table[s.C_FREQUENCY] == 1).mean() > 0.6
    assert table[s.C_MONETARY].min() > 0
    assert table[s.C_MONETARY].mean() > table[s.C_MONETARY].median()


def test_online_retail_customer_table(online_retail_csv):
    """The builder gives the 4,338-ish customers of Online Retail with positive frequencies."""
    analysis = online_retail_analysis(online_retail_csv)
    customers = analysis.customers
    assert 4300 <= len(customers) <= 4400
    assert (customers[s.C_FREQUENCY] >= 1).all()
    assert customers[s.C_RECENCY].min() == 1  # as of the day after the last purchase
