"""Hand-built analyses for the Act and Measure tests (no test here, only builders).

Until the segmentation lands, tests build the customer table and the Segmentation by hand, with
the column names of schema.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis, Segmentation
from segmenter_app.core.segmentation import rfm

RFM_KEYS = (
    "rfm:champions",
    "rfm:loyal",
    "rfm:potential_loyalists",
    "rfm:new_customers",
    "rfm:promising",
    "rfm:need_attention",
    "rfm:about_to_sleep",
    "rfm:at_risk",
    "rfm:cant_lose",
    "rfm:hibernating",
)
# The names the app gives these segments (English), shared with bench/bench_export.py.
RFM_NAMES = tuple(rfm.MESSAGES(key.removeprefix("rfm:")) for key in RFM_KEYS)


def customer_table(n: int = 400, seed: int = 1) -> pd.DataFrame:
    """A plausible customer table of ``n`` customers (ids C0001...)."""
    rng = np.random.default_rng(seed)
    ids = [f"C{i:04d}" for i in range(1, n + 1)]
    frequency = rng.geometric(0.35, n).astype(float)
    basket = rng.lognormal(3.6, 0.5, n)
    recency = rng.integers(1, 700, n).astype(float)
    gap = np.where(frequency > 1, rng.uniform(20, 120, n), np.nan)
    as_of = pd.Timestamp("2026-11-01")
    last = as_of - pd.to_timedelta(recency, unit="D")
    frame = pd.DataFrame(
        {
            s.C_RECENCY: recency,
            s.C_FREQUENCY: frequency,
            s.C_MONETARY: frequency * basket,
            s.C_AVG_BASKET: basket,
            s.C_TENURE: recency + np.nan_to_num(gap) * (frequency - 1),
            s.C_GAP: gap,
            s.C_LAST: last,
            s.C_NEXT: last + pd.to_timedelta(np.nan_to_num(gap, nan=0), unit="D"),
            s.C_DISCOUNT_SHARE: rng.choice([0.0, 0.0, 0.0, 0.5, 1.0], n),
            s.C_HAS_EMAIL: rng.random(n) < 0.7,
            s.C_HAS_PHONE: rng.random(n) < 0.5,
            s.C_CONTACTABLE: rng.random(n) < 0.9,
            s.CITY: rng.choice(["Lyon", "Lyon", "Villeurbanne", "Caluire-et-Cuire"], n),
            s.POSTCODE: rng.choice(["69001", "69100", "69300"], n),
            s.C_FAV_CATEGORY: rng.choice(["Vins rouges", "Bulles", "Épicerie fine"], n),
            s.AGE: rng.integers(20, 80, n).astype(float),
        },
        index=pd.Index(ids, name=s.T_CUSTOMER, dtype="string"),
    )
    frame.loc[frame[s.C_NEXT] == frame[s.C_LAST], s.C_NEXT] = pd.NaT
    return frame


def rfm_like(customers: pd.DataFrame) -> pd.Series:
    """A rough RFM-like key per customer (enough to have every named segment)."""
    r = pd.qcut(-customers[s.C_RECENCY].rank(method="first"), 5, labels=False) + 1
    f = customers[s.C_FREQUENCY].clip(upper=5).astype(int)
    grid = {
        5: ["new_customers", "potential_loyalists", "potential_loyalists", "champions", "champions"],
        4: ["promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"],
        3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"],
        2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
        1: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"],
    }
    return pd.Series(
        ["rfm:" + grid[int(rr)][int(ff) - 1] for rr, ff in zip(r, f, strict=True)], index=customers.index
    )


def make_analysis(
    n: int = 400, seed: int = 1, keys: pd.Series | None = None, lang: str = "en", method: str = "rfm"
) -> Analysis:
    """An Analysis with a customer table and a segmentation (RFM-like unless ``keys`` given)."""
    customers = customer_table(n, seed)
    segment = rfm_like(customers) if keys is None else keys
    if keys is None:
        names = dict(zip(RFM_KEYS, RFM_NAMES, strict=True))
        order = list(RFM_KEYS)
    else:
        order = list(dict.fromkeys(segment.tolist()))
        names = {k: k.split(":", 1)[-1].replace("_", " ").capitalize() for k in order}
    assignments = pd.DataFrame(
        {s.A_SEGMENT: segment.astype("string"), s.A_REASON: "test"}, index=customers.index
    )
    seg = Segmentation(
        method=method,
        parameters={},
        assignments=assignments,
        segments=pd.DataFrame({"key": order, "name": [names[k] for k in order]}),
    )
    analysis = Analysis(lang=lang, customers=customers, segmentation=seg)
    analysis.as_of = pd.Timestamp("2026-11-01")
    return analysis
