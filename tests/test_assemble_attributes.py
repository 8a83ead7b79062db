"""Customer attributes from order files: the latest non-empty value of each column per customer,
taken at its row (the usual column types) or through pandas' group-by (other types)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmenter_app.core import assemble, schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.cleaning import CUSTOMERS, ORDERS
from segmenter_app.core.collect import import_files
from segmenter_app.core.reading.values import STR


def order_rows(**columns) -> pd.DataFrame:
    ids = pd.array(["A", "B", "A", "C", "A", "B"], dtype=STR)
    return pd.DataFrame({schema.T_CUSTOMER: ids, **columns})


def test_latest_non_empty_value_per_customer():
    frame = order_rows(
        city=pd.array(["Lyon", "Paris", None, None, "Nice", None], dtype=STR),
        age=[30.0, np.nan, 31.0, np.nan, np.nan, 40.0],
        consent=pd.array([True, None, None, None, False, None], dtype="boolean"),
        visits=np.array([1, 2, 3, 4, 5, 6], dtype="int64"),
    )
    out = assemble.customer_attributes([(ORDERS, frame)])
    assert list(out.index) == ["A", "B", "C"] and out.index.name == schema.T_CUSTOMER
    assert out["city"].tolist()[:2] == ["Nice", "Paris"] and pd.isna(out.loc["C", "city"])
    assert out["age"].tolist()[:2] == [31.0, 40.0] and np.isnan(out.loc["C", "age"])
    assert (
        out["consent"].dtype == "boolean" and not out.loc["A", "consent"] and pd.isna(out.loc["B", "consent"])
    )
    assert out["visits"].dtype == "int64" and out["visits"].tolist() == [5, 6, 4]
    assert out["city"].dtype == STR
    pd.testing.assert_frame_equal(out, frame.groupby(schema.T_CUSTOMER, sort=False).last())


def test_other_column_types_go_through_the_group_by():
    frame = order_rows(note=np.array(["x", None, "y", "z", None, "w"], dtype=object))
    out = assemble.customer_attributes([(ORDERS, frame)])
    assert out["note"].tolist() == ["y", "w", "z"]
    pd.testing.assert_frame_equal(out, frame.groupby(schema.T_CUSTOMER, sort=False).last())


def test_customers_file_comes_first_then_orders_fill_the_gaps():
    customers_file = pd.DataFrame(
        {schema.T_CUSTOMER: pd.array(["A", "B"], dtype=STR), "city": pd.array(["Lyon", None], dtype=STR)}
    )
    orders = order_rows(city=pd.array(["Paris", "Nice", None, "Pau", None, None], dtype=STR))
    out = assemble.customer_attributes([(ORDERS, orders), (CUSTOMERS, customers_file)])
    assert out["city"].to_dict() == {"A": "Lyon", "B": "Nice", "C": "Pau"}


def test_real_data_countries(online_retail_csv):
    analysis = Analysis()
    import_files(analysis, [str(online_retail_csv)])
    attributes = analysis.customer_attributes
    tx = analysis.transactions
    assert attributes is not None and len(attributes) == tx[schema.T_CUSTOMER].nunique() == 4362
    assert attributes.loc["12347", schema.COUNTRY] == "Iceland"
    assert attributes[schema.COUNTRY].notna().all() and attributes.index.is_unique
