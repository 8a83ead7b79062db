"""The customer table's fast ways (orders owned by one customer, orders on one day) and their
general fallbacks give the figures a plain group-by gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from segmenter_app.core import customers, schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.reading.values import STR


def transactions(rows: list[tuple], categories: list[str | None] | None = None) -> pd.DataFrame:
    """A transaction table from (customer, order, date, amount, is_return, channel) rows."""
    cust, order, date, amount, is_return, channel = zip(*rows, strict=True)
    n = len(rows)
    return pd.DataFrame(
        {
            schema.T_CUSTOMER: pd.Series(cust, dtype=STR),
            schema.T_ORDER: pd.Series(order, dtype=STR),
            schema.T_DATE: pd.to_datetime(pd.Series(date)).astype("datetime64[ns]"),
            schema.T_AMOUNT: np.array(amount, dtype="float64"),
            schema.T_QUANTITY: np.ones(n),
            schema.T_PRODUCT: pd.Series(["p"] * n, dtype=STR),
            schema.T_CATEGORY: pd.Series(categories or [None] * n, dtype=STR),
            schema.T_DISCOUNT: np.zeros(n),
            schema.T_COUPON: pd.Series([None] * n, dtype=STR),
            schema.T_CHANNEL: pd.Series(channel, dtype=STR),
            schema.T_IS_RETURN: np.array(is_return, dtype=bool),
            schema.T_SOURCE: np.zeros(n, dtype="int64"),
            schema.T_SOURCE_ROW: np.arange(2, n + 2, dtype="int64"),
        }
    )


def table(rows: list[tuple], as_of: str = "2025-04-01", categories: list | None = None) -> pd.DataFrame:
    analysis = Analysis()
    analysis.transactions = transactions(rows, categories)
    build_customer_table(analysis, as_of)
    assert analysis.customers is not None
    return analysis.customers


def test_usual_orders_counted_through_the_orders():
    c = table(
        [
            ("A", "1", "2025-03-01 10:00", 10.0, False, "Web"),
            ("A", "1", "2025-03-01 10:00", 5.0, False, "Web"),
            ("B", "2", "2025-03-05 09:00", 7.0, False, "Shop"),
            ("A", "3", "2025-03-11 18:30", 20.0, False, "Shop"),
            ("A", "3", "2025-03-11 18:31", 1.0, False, "Shop"),
            ("A", "4", "2025-03-11 19:00", 3.0, False, "Web"),
        ]
    )
    assert list(c.index) == ["A", "B"]
    assert c.loc["A", schema.C_FREQUENCY] == 3 and c.loc["B", schema.C_FREQUENCY] == 1
    assert c.loc["A", schema.C_GAP] == pytest.approx(10.0)  # two purchase days, 1 and 11 March
    assert c.loc["A", schema.C_LAST] == pd.Timestamp("2025-03-11 19:00")
    assert c.loc["A", schema.C_MAIN_CHANNEL] == "Web"  # orders 1 and 4 against order 3
    assert c.loc["B", schema.C_RECENCY] == 27


def test_order_shared_by_two_customers_counts_for_both():
    """The general way: order 1 holds lines of A and of B (a shared basket, a data error)."""
    c = table(
        [
            ("A", "1", "2025-03-01", 10.0, False, "Web"),
            ("B", "1", "2025-03-01", 4.0, False, "Web"),
            ("A", "2", "2025-03-03", 6.0, False, "Shop"),
            ("B", "3", "2025-03-09", 8.0, False, "Shop"),
            ("B", "3", "2025-03-09", 2.0, False, "Shop"),
        ]
    )
    assert c.loc["A", schema.C_FREQUENCY] == 2 and c.loc["B", schema.C_FREQUENCY] == 2
    assert c.loc["A", schema.C_AVG_BASKET] == pytest.approx(8.0)
    assert c.loc["B", schema.C_AVG_BASKET] == pytest.approx(7.0)
    assert c.loc["A", schema.C_GAP] == pytest.approx(2.0) and c.loc["B", schema.C_GAP] == pytest.approx(8.0)
    assert c.loc["B", schema.C_MAIN_CHANNEL] == "Web"  # a tie: the first order seen wins


def test_order_over_two_days_counts_both_days():
    """The general way for days: order 1 has lines on 1 and 2 March (an order delivered in parts)."""
    c = table(
        [
            ("A", "1", "2025-03-01 23:50", 10.0, False, "Web"),
            ("A", "1", "2025-03-02 00:10", 10.0, False, "Web"),
            ("A", "2", "2025-03-10 12:00", 5.0, False, "Web"),
            ("B", "3", "2025-03-20 12:00", 5.0, False, "Web"),
        ]
    )
    assert c.loc["A", schema.C_FREQUENCY] == 2
    assert c.loc["A", schema.C_GAP] == pytest.approx(4.5)  # three purchase days: 1, 2 and 10 March
    assert c.loc["A", schema.C_NEXT] == pd.Timestamp("2025-03-14")  # 10 March + round(4.5) = 4 days
    assert c.loc["A", schema.C_FIRST] == pd.Timestamp("2025-03-01 23:50")
    assert c.loc["A", schema.C_TENURE] == 31


def test_orders_ranked_by_their_first_purchase_line():
    """Order 2 shows first as a return line: among purchases, order 1 comes first and wins the tie."""
    c = table(
        [
            ("A", "2", "2025-03-01", -3.0, True, "Shop"),
            ("A", "1", "2025-03-01", 10.0, False, "Web"),
            ("A", "2", "2025-03-02", 10.0, False, "Shop"),
        ]
    )
    assert c.loc["A", schema.C_MAIN_CHANNEL] == "Web"
    assert c.loc["A", schema.C_FREQUENCY] == 2
    assert c.loc["A", schema.C_RETURNS_SHARE] == pytest.approx(3 / 20)


def test_order_pairs_ways():
    customer = np.array([0, 0, 1, 1, 0])
    order = np.array([1, 1, 0, 0, 2])
    usual = customers._order_pairs(customer, order, 3)
    assert usual.single_customer
    assert usual.order.tolist() == [1, 0, 2] and usual.customer.tolist() == [0, 1, 0]
    assert usual.of_line.tolist() == [0, 0, 1, 1, 2]
    shared = customers._order_pairs(np.array([0, 1, 1, 0]), np.array([0, 0, 1, 0]), 2)
    assert not shared.single_customer
    assert shared.customer.tolist() == [0, 1, 1] and shared.order.tolist() == [0, 0, 1]
    assert shared.of_line.tolist() == [0, 1, 2, 0]


def test_real_data_matches_a_plain_group_by(online_retail_csv):
    analysis = Analysis()
    import_files(analysis, [str(online_retail_csv)])
    build_customer_table(analysis)
    tx = analysis.transactions
    buy = tx[~tx[schema.T_IS_RETURN]]
    grouped = buy.groupby(schema.T_CUSTOMER)
    frequency = grouped[schema.T_ORDER].nunique()
    days = buy[schema.T_DATE].dt.normalize().groupby(buy[schema.T_CUSTOMER])
    n_days = days.nunique()
    gap = ((days.max() - days.min()).dt.days / (n_days - 1)).where(n_days > 1)
    c = analysis.customers
    assert len(c) == 4334 and c.index.equals(c.index.unique())
    pd.testing.assert_series_equal(
        c[schema.C_FREQUENCY], frequency.reindex(c.index), check_names=False, check_index_type=False
    )
    pd.testing.assert_series_equal(
        c[schema.C_GAP], gap.reindex(c.index), check_names=False, check_index_type=False
    )
    assert (c[schema.C_FIRST] == grouped[schema.T_DATE].min().reindex(c.index)).all()
    assert (c[schema.C_LAST] == grouped[schema.T_DATE].max().reindex(c.index)).all()
    assert c.loc["12347", schema.C_FREQUENCY] == 7


def with_attributes(attributes: pd.DataFrame) -> pd.DataFrame:
    analysis = Analysis()
    analysis.transactions = transactions(
        [
            ("A", "1", "2025-03-01", 10.0, False, "Web"),
            ("B", "2", "2025-03-02", 10.0, False, "Web"),
            ("C", "3", "2025-03-03", 10.0, False, "Web"),
        ]
    )
    analysis.customer_attributes = attributes
    build_customer_table(analysis, "2025-04-01")
    assert analysis.customers is not None
    return analysis.customers


def test_attributes_of_every_customer_keep_their_types():
    attributes = pd.DataFrame(
        {
            "visits": np.array([3, 1, 2], dtype="int64"),
            schema.CITY: pd.array(["Lyon", None, "Paris"], dtype=STR),
            schema.AGE: [30.0, 70.0, 130.0],
        },
        index=pd.Index(["C", "A", "B"], name=schema.T_CUSTOMER, dtype=STR),
    )
    c = with_attributes(attributes)
    assert c["visits"].dtype == "int64" and c["visits"].tolist() == [1, 2, 3]
    assert c[schema.CITY].dtype == STR and pd.isna(c.loc["A", schema.CITY])
    assert c.loc["B", schema.CITY] == "Paris" and c.loc["C", schema.CITY] == "Lyon"
    assert c.loc["A", schema.C_AGE_BAND] == "65+"
    assert pd.isna(c.loc["B", schema.C_AGE_BAND])  # 130 years: not an age
    assert c.loc["C", schema.C_AGE_BAND] == "25-34"
    assert list(c.columns[-7:]) == [
        "visits",
        schema.CITY,
        schema.AGE,
        schema.C_AGE_BAND,
        schema.C_HAS_EMAIL,
        schema.C_HAS_PHONE,
        schema.C_CONTACTABLE,
    ]


def test_customer_without_attributes_gets_empty_cells():
    """The general way: B has no attributes row, so reindexing makes the whole-number column float."""
    attributes = pd.DataFrame(
        {"visits": np.array([3, 1], dtype="int64"), schema.BIRTH_DATE: ["1990-04-02", "1990-04-01"]},
        index=pd.Index(["C", "A"], name=schema.T_CUSTOMER, dtype=STR),
    )
    c = with_attributes(attributes)
    assert c["visits"].dtype == "float64"
    assert c.loc["A", "visits"] == 1.0 and np.isnan(c.loc["B", "visits"]) and c.loc["C", "visits"] == 3.0
    # Born 1 April 1990: 35 on the analysis date; born 2 April: still 34.
    assert c.loc["A", schema.C_AGE_BAND] == "35-44" and c.loc["C", schema.C_AGE_BAND] == "25-34"
    assert pd.isna(c.loc["B", schema.C_AGE_BAND])


def test_attributes_in_the_tables_order_taken_by_position():
    """An orders file's attributes list the customers as the table finds them (rows known); the
    same attributes in another order are looked up by id: one result."""
    listed = pd.DataFrame(
        {"visits": np.array([7, 8, 9], dtype="int64"), schema.EMAIL: ["a@x.fr", None, "c@x.fr"]},
        index=pd.Index(["A", "B", "C"], name=schema.T_CUSTOMER, dtype=STR),
    )
    in_order = with_attributes(listed)
    shuffled = with_attributes(listed.iloc[[2, 0, 1]])
    assert in_order["visits"].tolist() == [7, 8, 9] and in_order[schema.C_HAS_EMAIL].tolist() == [
        True,
        False,
        True,
    ]
    pd.testing.assert_frame_equal(in_order, shuffled)


def test_main_channel_is_the_first_channel_given_on_an_orders_lines():
    c = table(
        [
            ("A", "1", "2025-03-01", 10.0, False, None),  # no channel on the first line
            ("A", "1", "2025-03-01", 10.0, False, "Shop"),
            ("A", "1", "2025-03-01", 10.0, False, "Web"),
            ("A", "2", "2025-03-02", 10.0, False, "Web"),
            ("A", "3", "2025-03-03", -5.0, True, "Web"),  # a return is no order
            ("A", "4", "2025-03-04", 10.0, False, "Shop"),
            ("B", "5", "2025-03-04", 10.0, False, None),
        ]
    )
    assert c.loc["A", schema.C_MAIN_CHANNEL] == "Shop"  # orders 1 and 4 against order 2
    assert pd.isna(c.loc["B", schema.C_MAIN_CHANNEL])


def test_favourite_category_by_compensated_spend():
    """0.1 + 0.2 + 0.3 is 0.6 with pandas' compensated sum (0.6000000000000001 added plainly): a tie
    with the 0.6 of Y, seen first, which stays the favourite."""
    rows = [
        ("A", "1", "2025-03-01", 0.6, False, None),
        ("A", "1", "2025-03-01", 0.1, False, None),
        ("A", "2", "2025-03-02", 0.2, False, None),
        ("A", "2", "2025-03-02", 0.3, False, None),
        ("A", "2", "2025-03-02", 5.0, False, None),
        ("B", "3", "2025-03-02", 1.0, False, None),
    ]
    c = table(rows, categories=["Y", "X", "X", "X", None, None])
    assert c.loc["A", schema.C_FAV_CATEGORY] == "Y"
    assert pd.isna(c.loc["B", schema.C_FAV_CATEGORY])  # no category on its lines
