"""Per-segment statistics the plans are fitted to: size, basket, rhythm, reachability, where from.

One :class:`SegmentProfile` per segment key, computed from ``analysis.customers`` (schema.py,
"Customer table") and ``analysis.segmentation.assignments``. Columns that an import did not
produce (no city, no email) simply leave the matching figures empty, never fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis


@dataclass
class SegmentProfile:
    """What a segment looks like, in figures (NaN or None when the data cannot tell)."""

    key: str
    name: str
    size: int
    revenue: float = 0.0
    orders: float = 0.0
    avg_basket: float = float("nan")  # revenue / orders of the segment
    basket_median: float = float("nan")  # the median customer's average basket
    monetary_mean: float = float("nan")
    frequency_mean: float = float("nan")
    recency_median: float = float("nan")  # days
    gap_median: float = float("nan")  # days between purchases, customers with 2+ purchases
    next_purchase_median: pd.Timestamp | None = None
    one_order_share: float = float("nan")
    discount_share_mean: float = float("nan")
    email_share: float = float("nan")  # valid email and may be contacted
    phone_share: float = float("nan")  # phone and may be contacted
    postal_share: float = float("nan")  # a postcode or city is known
    top_city: str | None = None
    top_city_share: float = float("nan")
    cities: int = 0
    top_category: str | None = None
    top_category_share: float = float("nan")
    age_median: float = float("nan")
    # Figures of all segmented customers, to compare against
    overall: dict[str, float] = field(default_factory=dict)
    shop_place: str | None = None  # where most of all the customers are (city, else country)


def _bool(frame: pd.DataFrame, column: str) -> pd.Series | None:
    """A column as booleans (missing -> False), or None when absent."""
    if column not in frame.columns:
        return None
    return frame[column].fillna(False).astype(bool)


def _reach(frame: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None, pd.Series | None]:
    """Email-reachable, phone-reachable and postal-known flags per customer (None when unknown)."""
    contactable = _bool(frame, s.C_CONTACTABLE)
    has_email = _bool(frame, s.C_HAS_EMAIL)
    if has_email is None and s.EMAIL in frame.columns:
        has_email = frame[s.EMAIL].astype("string").str.contains("@", na=False).astype(bool)
    has_phone = _bool(frame, s.C_HAS_PHONE)
    if has_phone is None and s.PHONE in frame.columns:
        has_phone = frame[s.PHONE].astype("string").str.strip().fillna("").str.len().gt(0)
    if contactable is not None:
        has_email = has_email & contactable if has_email is not None else None
        has_phone = has_phone & contactable if has_phone is not None else None
    postal = None
    for column in (s.POSTCODE, s.CITY):
        if column in frame.columns:
            known = frame[column].astype("string").str.strip().fillna("").str.len().gt(0)
            postal = known if postal is None else (postal | known)
    return has_email, has_phone, postal


def _num(frame: pd.DataFrame, column: str) -> pd.Series | None:
    """A column as floats (unreadable -> NaN), or None when absent."""
    if column not in frame.columns:
        return None
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def _has_any(flags: pd.Series | None) -> bool:
    """True when at least one customer has the flag (a column derived from real contact data)."""
    return flags is not None and bool(flags.any())


def _mean(series: pd.Series | None) -> float:
    if series is None or len(series) == 0:
        return float("nan")
    return float(pd.to_numeric(series, errors="coerce").astype(float).mean())


def _median(series: pd.Series | None) -> float:
    if series is None:
        return float("nan")
    values = pd.to_numeric(series, errors="coerce").astype(float).dropna()
    return float(values.median()) if len(values) else float("nan")


def _top(series: pd.Series | None) -> tuple[str | None, float, int]:
    """Most frequent non-empty value, its share among known values, number of distinct values."""
    if series is None:
        return None, float("nan"), 0
    values = series.astype("string").str.strip()
    values = values[values.fillna("").str.len() > 0]
    if values.empty:
        return None, float("nan"), 0
    counts = values.value_counts()
    return str(counts.index[0]), float(counts.iloc[0] / len(values)), len(counts)


def _profile_of(key: str, name: str, frame: pd.DataFrame) -> SegmentProfile:
    """The profile of one segment's customer rows."""
    size = len(frame)
    prof = SegmentProfile(key=key, name=name, size=size)
    if size == 0:
        return prof
    monetary = _num(frame, s.C_MONETARY)
    frequency = _num(frame, s.C_FREQUENCY)
    if monetary is not None:
        prof.revenue = float(np.nansum(monetary.astype(float)))
        prof.monetary_mean = _mean(monetary)
    if frequency is not None:
        prof.orders = float(np.nansum(frequency.astype(float)))
        if prof.orders > 0:
            # A customers file without purchases has frequency 0 for everyone: "0 orders on
            # average, 100% bought only once" said what the data does not know.
            prof.frequency_mean = _mean(frequency)
            prof.one_order_share = float((frequency.astype(float) == 1).mean())
    if prof.orders > 0:
        prof.avg_basket = prof.revenue / prof.orders
    elif s.C_AVG_BASKET in frame.columns:
        prof.avg_basket = _mean(frame[s.C_AVG_BASKET])
    prof.basket_median = _median(frame.get(s.C_AVG_BASKET))
    prof.recency_median = _median(frame.get(s.C_RECENCY))
    prof.gap_median = _median(frame.get(s.C_GAP))
    if s.C_NEXT in frame.columns:
        nxt = pd.to_datetime(frame[s.C_NEXT], errors="coerce").dropna()
        if len(nxt):
            prof.next_purchase_median = pd.Timestamp(nxt.sort_values().iloc[len(nxt) // 2])
    prof.discount_share_mean = _mean(frame.get(s.C_DISCOUNT_SHARE))
    email, phone, postal = _reach(frame)
    # Without an email or phone column in the data, reachability is unknown, not zero.
    prof.email_share = _mean(email) if s.EMAIL in frame.columns or _has_any(email) else float("nan")
    prof.phone_share = _mean(phone) if s.PHONE in frame.columns or _has_any(phone) else float("nan")
    prof.postal_share = _mean(postal)
    prof.top_city, prof.top_city_share, prof.cities = _top(frame.get(s.CITY))
    if prof.top_city is None:
        # No city: where they are from by region, then country.
        for column in (s.REGION, s.COUNTRY):
            prof.top_city, prof.top_city_share, prof.cities = _top(frame.get(column))
            if prof.top_city is not None:
                break
    prof.top_category, prof.top_category_share, _ = _top(frame.get(s.C_FAV_CATEGORY))
    prof.age_median = _median(frame.get(s.AGE))
    return prof


def segment_profiles(analysis: Analysis) -> dict[str, SegmentProfile]:
    """One profile per segment key, in display order (empty segments included, size 0)."""
    seg = analysis.segmentation
    if seg is None:
        raise ValueError("segment_profiles needs a segmentation")
    customers = analysis.customers if analysis.customers is not None else pd.DataFrame()
    assignments = seg.assignments
    frame = customers.reindex(assignments.index)
    frame = frame.assign(_segment=assignments[s.A_SEGMENT].astype("string").to_numpy())
    everyone = _profile_of("*", "*", frame)
    overall = {
        "recency_median": everyone.recency_median,
        "frequency_mean": everyone.frequency_mean,
        "monetary_mean": everyone.monetary_mean,
        "gap_median": everyone.gap_median,
        "avg_basket": everyone.avg_basket,
        "discount_share_mean": everyone.discount_share_mean,
        "size": float(everyone.size),
    }
    groups = {str(k): g for k, g in frame.groupby("_segment", sort=False, observed=True)}
    profiles: dict[str, SegmentProfile] = {}
    keys = [str(k) for k in seg.segments["key"].tolist()]
    keys += [k for k in groups if k not in keys]  # a key missing from the list still gets a plan
    for key in keys:
        part = groups.get(key, frame.iloc[0:0])
        prof = _profile_of(key, seg.name_of(key), part)
        prof.overall = overall
        prof.shop_place = everyone.top_city
        profiles[key] = prof
    return profiles
