"""The import on the real UCI Online Retail data: the account SOURCE.md describes, CSV and XLSX alike."""

from __future__ import annotations

import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files
from segmenter_app.core.customers import build_customer_table

pytestmark = [pytest.mark.realdata]


@pytest.fixture(scope="module")
def retail(request) -> Analysis:
    from tests.conftest import shared_file

    path = shared_file("online_retail", "online_retail.csv.gz")
    analysis = Analysis()
    import_files(analysis, [str(path)])
    build_customer_table(analysis)
    return analysis


def test_account_matches_source_md(retail):
    account = retail.account
    assert account.read == 541_909
    assert account.balanced
    assert account.excluded["no_customer_id"] == 135_080
    # 5,268 exact duplicate rows in the file; 5,225 of them have a customer id (the rest are
    # already excluded for having none).
    assert account.excluded["duplicate"] == 5_225
    inp = retail.inputs[0]
    assert inp.format == "csv" and inp.details["compression"] == "gzip"
    assert inp.account.balanced and inp.rows_read == 541_909
    assert inp.mapping == {
        "InvoiceNo": "order_id",
        "StockCode": "product_code",
        "Description": "product",
        "Quantity": "quantity",
        "InvoiceDate": "order_date",
        "UnitPrice": "unit_price",
        "CustomerID": "customer_id",
        "Country": "country",
    }


def test_excluded_rows_keep_their_original_values(retail):
    excluded = retail.excluded
    assert len(excluded) == sum(retail.account.excluded.values())
    assert list(excluded.columns[:3]) == ["source", "source_row", "reason"]
    # Row 2 of the file is the first data row; find a postage line and check its original text.
    post = excluded[(excluded["reason"] == "non_product") & (excluded["StockCode"] == "POST")]
    assert len(post) > 1000
    first = post.iloc[0]
    assert first["CustomerID"].endswith(".0")  # the original text, not a reinterpreted value
    no_id = excluded[excluded["reason"] == "no_customer_id"]
    assert no_id["CustomerID"].isna().all()


def test_ids_dates_amounts_and_cancellations(retail):
    tx = retail.transactions
    assert tx[schema.T_CUSTOMER].str.contains(".", regex=False).sum() == 0
    assert "17850" in set(tx[schema.T_CUSTOMER])
    assert tx[schema.T_DATE].min() == pd.Timestamp("2010-12-01 08:26:00")
    assert tx[schema.T_DATE].max() == pd.Timestamp("2011-12-09 12:50:00")
    first = tx.iloc[0]
    assert first[schema.T_AMOUNT] == pytest.approx(6 * 2.55)
    # Cancellations (C invoices) are kept as negative returns by default.
    cancelled = tx[tx[schema.T_ORDER].str.startswith("C")]
    assert len(cancelled) > 8_000
    assert cancelled[schema.T_IS_RETURN].all() and (cancelled[schema.T_AMOUNT] < 0).all()


def test_customer_table(retail):
    customers = retail.customers
    assert 4_300 <= len(customers) <= 4_372
    assert customers.index.name == schema.T_CUSTOMER
    assert retail.as_of == pd.Timestamp("2011-12-10")
    c = customers.loc["12346"]  # one famous order of 74,215 units, cancelled the same day
    assert c[schema.C_FREQUENCY] == 1
    assert c[schema.C_MONETARY] == pytest.approx(0.0, abs=1e-6)
    assert c[schema.C_RETURNS_SHARE] == pytest.approx(1.0)
    top = customers.loc["17850"]
    assert top[schema.C_FREQUENCY] >= 30 and top["country"] == "United Kingdom"
    assert (customers[schema.C_FREQUENCY] >= 1).all()
    assert customers[schema.C_RECENCY].between(1, 375).all()


def test_returns_excluded_on_request(online_retail_csv):
    analysis = Analysis()
    import_files(analysis, [str(online_retail_csv)], options=ImportOptions(returns="exclude"))
    account = analysis.account
    assert account.balanced
    assert account.excluded["cancellation"] > 8_000
    assert not analysis.transactions[schema.T_IS_RETURN].any()


@pytest.mark.slow
def test_xlsx_copy_gives_the_same_account(retail, online_retail_xlsx):
    xlsx = online_retail_xlsx
    analysis = Analysis()
    import_files(analysis, [str(xlsx)])
    build_customer_table(analysis)
    assert analysis.inputs[0].format == "xlsx"
    assert analysis.inputs[0].sheet == "Online Retail"
    assert analysis.account.read == retail.account.read
    assert analysis.account.excluded == retail.account.excluded
    assert len(analysis.customers) == len(retail.customers)
    pd.testing.assert_series_equal(
        analysis.customers[schema.C_MONETARY].sort_index(), retail.customers[schema.C_MONETARY].sort_index()
    )
