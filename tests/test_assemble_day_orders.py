"""Lines without an order number: one order per customer and day, "customer|YYYY-MM-DD"."""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmenter_app.core import assemble, schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.reading.values import STR


def test_customer_and_day():
    frame = pd.DataFrame(
        {
            schema.T_CUSTOMER: pd.array(["17850", "17850", "13047", None, "12583"], dtype=STR),
            schema.T_DATE: pd.to_datetime(
                ["2011-12-09 08:26", "2011-12-09 23:59:59.5", "1969-12-31 23:00", "2011-12-09", None],
                format="ISO8601",
            ).astype("datetime64[ns]"),
        },
        index=[10, 11, 12, 13, 14],
    )
    got = assemble.day_orders(frame)
    assert got.dtype == STR and list(got.index) == [10, 11, 12, 13, 14]
    assert got.tolist()[:3] == ["17850|2011-12-09", "17850|2011-12-09", "13047|1969-12-31"]
    assert got.isna().tolist() == [False, False, False, True, True]  # no customer, no date: no id
    want = frame[schema.T_CUSTOMER] + "|" + frame[schema.T_DATE].dt.strftime("%Y-%m-%d")
    pd.testing.assert_series_equal(got, want)


def test_some_lines_with_an_order_number(tmp_path):
    path = tmp_path / "ventes.csv"
    path.write_text(
        "Client;Commande;Date;Montant\nA;;01/03/2025;10\nA;;01/03/2025;5\nA;7;01/03/2025;3\nB;;02/03/2025;4\n",
        encoding="utf-8",
    )
    analysis = Analysis()
    import_files(analysis, [str(path)])
    orders = analysis.transactions[schema.T_ORDER].tolist()
    assert orders == ["A|2025-03-01", "A|2025-03-01", "7", "B|2025-03-02"]


def test_real_data_without_order_numbers(cdnow_sample):
    analysis = Analysis()
    import_files(analysis, [str(cdnow_sample)])
    tx = analysis.transactions
    want = tx[schema.T_CUSTOMER] + "|" + tx[schema.T_DATE].dt.strftime("%Y-%m-%d")
    pd.testing.assert_series_equal(tx[schema.T_ORDER], want, check_names=False)
    assert tx[schema.T_ORDER].iloc[0] == "00004|1997-01-01"  # ids keep their leading zeros
    assert np.all(tx[schema.T_ORDER].str.len() > 11)
