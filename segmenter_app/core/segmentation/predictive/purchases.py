"""Each customer's purchase history as the models need it: x, t_x, T and the mean repeat value.

Purchases are counted by distinct purchase day (several orders on one day are one purchase, as in
the BG/NBD paper); returns are left out (they are not purchases) and days whose net value is not
positive are not used for the spend model. Time is in weeks (days / 7).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s

DAYS_PER_UNIT = 7.0
TIME_UNIT = "weeks"


def purchase_days(transactions: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp) -> pd.DataFrame:
    """Per customer and purchase day (``start`` < day <= ``end``, whole days), the value bought.

    Columns: customer (str), day (int, days since 1970-01-01), value (float).
    """
    tx = transactions
    if s.T_IS_RETURN in tx.columns:
        tx = tx[~tx[s.T_IS_RETURN].fillna(False).astype(bool)]
    day = tx[s.T_DATE].to_numpy(dtype="datetime64[D]").astype(np.int64)
    end_day = np.datetime64(pd.Timestamp(end).normalize().date(), "D").astype(np.int64)
    keep = day <= end_day
    if start is not None:
        keep &= day > np.datetime64(pd.Timestamp(start).normalize().date(), "D").astype(np.int64)
    codes, uniques = pd.factorize(tx[s.T_CUSTOMER].to_numpy()[keep])
    frame = pd.DataFrame({"c": codes, "day": day[keep], "value": tx[s.T_AMOUNT].to_numpy(dtype=float)[keep]})
    per_day = frame.groupby(["c", "day"], sort=True)["value"].sum().reset_index()
    per_day["customer"] = np.asarray(uniques, dtype=object)[per_day["c"].to_numpy()].astype(str)
    return per_day[["customer", "day", "value"]]


def history(transactions: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Per customer with a purchase up to ``as_of`` (inclusive): x, t_x, T (weeks), m, first, last.

    ``m`` is the mean value of the repeat purchase days (NaN when x == 0 or not positive).
    """
    days = purchase_days(transactions, None, as_of)
    end_day = np.datetime64(pd.Timestamp(as_of).normalize().date(), "D").astype(np.int64)
    grouped = days.groupby("customer", sort=True)
    first = grouped["day"].min()
    last = grouped["day"].max()
    count = grouped["day"].size()
    total = grouped["value"].sum()
    first_value = days.loc[grouped["day"].idxmin(), ["customer", "value"]].set_index("customer")["value"]
    x = (count - 1).astype(float)
    repeat_value = total - first_value.reindex(total.index)
    m = (repeat_value / x).where(x > 0)
    m = m.where(m > 0)
    table = pd.DataFrame(
        {
            "x": x,
            "t_x": (last - first) / DAYS_PER_UNIT,
            "T": (end_day - first) / DAYS_PER_UNIT,
            "m": m,
            "first_day": first,
            "last_day": last,
        }
    )
    table.index.name = s.T_CUSTOMER
    return table


def repeat_purchases_between(transactions: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    """Distinct purchase days per customer in (start, end]: the actual figure to check predictions."""
    days = purchase_days(transactions, start, end)
    return days.groupby("customer").size().astype(float)
