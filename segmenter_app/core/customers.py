"""The customer table: one row per customer with the figures segmentation works on.

Computed as of the analysis date from the transactions dated up to it (later ones are counted in
``analysis.rows_after_as_of`` and left out): recency, frequency (distinct purchase orders),
monetary (net spend: purchases minus returns), average basket, first and last purchase, tenure,
typical gap between purchase days and the expected next purchase, returns share, share of orders
with a discount or coupon, favourite category (by spend), main channel (by orders), location,
age band, gender, and contactability; then the customer attributes (and a customers file's own
columns, such as income or a spending score) joined on the customer id.

A customer with returns but no purchase up to the analysis date has no row (nothing to segment).
Every figure comes from integer codes of the customer and order ids (NumPy counts, sums, minima and
maxima per code): distinct orders and purchase days are found through the orders when an order has
one customer and one day (the usual case), line by line for the others. A million lines take about
a tenth of a second, with the same values as the pandas group-bys they replace.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core import codes as ids
from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress

T = Messages(
    {
        "no_transactions": (
            "There are no transactions to build customers from. Import an orders file first.",
            "Il n'y a aucune transaction à partir de laquelle construire les clients. Importez d'abord un "
            "fichier de commandes.",
        ),
        "no_purchases": (
            "The analysis date {as_of} is before the first purchase in the data ({first}): nothing could be "
            "segmented. Choose a date on or after {first}, or leave the analysis date out to use the day "
            "after the last sale.",
            "La date d'analyse {as_of} précède le premier achat des données ({first}) : rien ne pourrait être "
            "segmenté. Choisissez une date à partir du {first}, ou ne donnez pas de date d'analyse pour "
            "prendre le lendemain de la dernière vente.",
        ),
        "only_returns": (
            "Every kept line is a return or a cancellation: there is no purchase to build customers from. "
            "Check the sign of the amounts, or add the sales export.",
            "Toutes les lignes conservées sont des retours ou des annulations : aucun achat à partir duquel "
            "construire les clients. Vérifiez le signe des montants, ou ajoutez l'export des ventes.",
        ),
        "bad_as_of": (
            "The analysis date {as_of} cannot be used: give a date between 1900-01-01 and 2199-12-31, "
            "written 2024-12-31.",
            "La date d'analyse {as_of} n'est pas utilisable : donnez une date entre le 1900-01-01 et le "
            "2199-12-31, écrite 2024-12-31.",
        ),
        "building": ("Building the customer table", "Construction de la table clients"),
    }
)

AGE_BANDS = (
    (0, 25, "<25"),
    (25, 35, "25-34"),
    (35, 45, "35-44"),
    (45, 55, "45-54"),
    (55, 65, "55-64"),
    (65, 200, "65+"),
)


def build_customer_table(
    analysis: Analysis,
    as_of: pd.Timestamp | str | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> None:
    """Set ``analysis.as_of``, ``analysis.rows_after_as_of`` and ``analysis.customers``.

    ``as_of`` defaults to the day after the last transaction. Raises ``i18n.UserError`` when there
    is nothing to build from.
    """
    tx = analysis.transactions
    attributes = analysis.customer_attributes
    if (tx is None or tx.empty) and attributes is not None and not attributes.empty:
        _customers_without_orders(analysis, as_of)
        progress(1.0, T("building", analysis.lang))
        return
    if tx is None or tx.empty:
        raise UserError(T, "no_transactions")
    progress(0.0, T("building", analysis.lang))
    # Whole-day arithmetic on the dates' nanoseconds (a floor division is what normalize() does).
    stamps = tx[schema.T_DATE].to_numpy(dtype="datetime64[ns]").view("int64")
    dated = stamps != _NAT  # a missing date is never on or before the analysis date
    day_number = stamps // _DAY
    is_return = tx[schema.T_IS_RETURN].to_numpy(dtype=bool)
    if as_of is None:
        # The day after the last transaction, in the dates' own unit (a Series max skips NaT).
        as_of_ts = tx[schema.T_DATE].max().normalize() + pd.Timedelta(days=1)
    else:
        as_of_ts = analysis_date(as_of)
    bought = ~is_return & dated
    if not (~is_return).any():
        raise UserError(T, "only_returns")  # a later date would not help: say what is wrong
    if bought.any():
        first_purchase = pd.Timestamp(int(day_number[bought].min()) * _DAY)
        if as_of_ts < first_purchase:
            raise UserError(
                T, "no_purchases", as_of=as_of_ts.date().isoformat(), first=first_purchase.date().isoformat()
            )
    inside = dated & (day_number <= as_of_ts.value // _DAY) if dated.any() else dated
    analysis.as_of = as_of_ts
    analysis.rows_after_as_of = int((~inside).sum())
    if analysis.rows_after_as_of:
        from segmenter_app.core.reading import values

        # Only the columns still read, filtered by Arrow for the text ones (the dates are in hand).
        tx = values.filter_rows(tx[_AFTER_DATES], inside)
        stamps, day_number, is_return = stamps[inside], day_number[inside], is_return[inside]
    codes, uniques = ids.factorize(tx[schema.T_CUSTOMER])
    n = len(uniques)
    amount = tx[schema.T_AMOUNT].to_numpy(dtype="float64")
    buy = ~is_return
    if cancel is not None:
        cancel.check()

    monetary = np.bincount(codes, weights=amount, minlength=n)
    gross = np.bincount(codes[buy], weights=amount[buy], minlength=n)
    returned = 0.0 - np.bincount(codes[is_return], weights=amount[is_return], minlength=n)

    progress(0.2, T("building", analysis.lang))
    order_codes, order_uniques = ids.factorize(tx[schema.T_ORDER])
    n_orders = max(len(order_uniques), 1)
    buyer, bought_order, buy_day = codes[buy], order_codes[buy], day_number[buy]
    pairs = _order_pairs(buyer, bought_order, n_orders)
    discounted = ((tx[schema.T_DISCOUNT].to_numpy() > 0) | tx[schema.T_COUPON].notna().to_numpy())[buy]
    pair_discounted = (
        np.bincount(pairs.of_line, weights=discounted.astype("float64"), minlength=len(pairs.customer)) > 0
    )
    frequency = np.bincount(pairs.customer, minlength=n)
    disc_orders = np.bincount(pairs.customer, weights=pair_discounted.astype("float64"), minlength=n)

    day_customer, day_of = _purchase_days(pairs, bought_order, buyer, buy_day, n_orders)
    has_days, days_min, days_max, n_days = _distinct_days(day_customer, day_of, n)
    has_buy, first_stamp, last_stamp = _min_max(buyer, stamps[buy], n)
    if cancel is not None:
        cancel.check()
    progress(0.5, T("building", analysis.lang))

    # The same values as a group-by reindexed on every customer (float when some have no purchase).
    first = pd.to_datetime(_reindexed(first_stamp, has_buy), unit="ns")
    last = pd.to_datetime(_reindexed(last_stamp, has_buy), unit="ns")
    day_max_ns, day_min_ns = _reindexed(days_max * _DAY, has_days), _reindexed(days_min * _DAY, has_days)
    n_days = np.where(has_days, n_days, np.nan)
    span_days = (day_max_ns.astype("float64") - day_min_ns.astype("float64")) / _DAY
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(n_days > 1, span_days / (n_days - 1), np.nan)
        avg_basket = np.where(frequency > 0, monetary / np.maximum(frequency, 1), np.nan)
        returns_share = np.where(gross > 0, returned / gross, np.where(returned > 0, 1.0, 0.0))
        discount_share = np.where(frequency > 0, disc_orders / np.maximum(frequency, 1), 0.0)
    last_day = pd.to_datetime(day_max_ns, unit="ns")
    first_day = pd.to_datetime(day_min_ns, unit="ns")
    columns = {
        schema.C_RECENCY: (as_of_ts - last_day).days.to_numpy(dtype="float64"),
        schema.C_FREQUENCY: frequency.astype("int64"),
        schema.C_MONETARY: monetary,
        schema.C_AVG_BASKET: avg_basket,
        schema.C_FIRST: first,
        schema.C_LAST: last,
        schema.C_TENURE: (as_of_ts - first_day).days.to_numpy(dtype="float64"),
        schema.C_GAP: gap,
        schema.C_NEXT: last_day + pd.to_timedelta(np.round(gap), unit="D"),
        schema.C_RETURNS_SHARE: returns_share,
        schema.C_DISCOUNT_SHARE: discount_share,
        schema.C_FAV_CATEGORY: _favourite(tx[schema.T_CATEGORY], buy, buyer, amount[buy], n),
        schema.C_MAIN_CHANNEL: _main_channel(tx[schema.T_CHANNEL], buy, bought_order, pairs, n_orders, n),
    }
    progress(0.8, T("building", analysis.lang))
    # The customers with a purchase (never none: a purchase is dated on or before as_of).
    rows = np.flatnonzero(frequency > 0)
    everyone = _text_index(uniques)
    table = pd.DataFrame({name: column[rows] for name, column in columns.items()}, index=everyone[rows])
    attributes = analysis.customer_attributes
    # An orders file's attributes list its customers in the order found here: their rows are known.
    known = attributes is not None and not attributes.empty and attributes.index.equals(everyone)
    table = _join_attributes(table, attributes, as_of_ts, rows if known else None)
    analysis.customers = table
    progress(1.0, T("building", analysis.lang))


# The same bounds as the command line's --as-of (cli/segment.py AS_OF_RANGE).
_FIRST_DATE, _LAST_DATE = pd.Timestamp("1900-01-01"), pd.Timestamp("2199-12-31")


def analysis_date(as_of: pd.Timestamp | str) -> pd.Timestamp:
    """A given analysis date as a day, refused with a message when unreadable or out of range
    (days are counted in nanoseconds: beyond 2262 they overflow)."""
    try:
        day = pd.Timestamp(as_of).normalize()
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
        raise UserError(T, "bad_as_of", as_of=str(as_of)) from None
    if pd.isna(day) or not (_FIRST_DATE <= day <= _LAST_DATE):
        raise UserError(T, "bad_as_of", as_of=str(as_of))
    return day.as_unit("ns")


def _customers_without_orders(analysis: Analysis, as_of: pd.Timestamp | str | None) -> None:
    """A customer-level file alone (one row per customer): its own columns are the criteria.

    The behavioural figures stay empty (NaN); ages are computed as of ``as_of`` or today.
    """
    as_of_ts = analysis_date(as_of) if as_of is not None else pd.Timestamp.today().normalize()
    analysis.as_of = as_of_ts
    analysis.rows_after_as_of = 0
    attributes = analysis.customer_attributes
    assert attributes is not None
    table = pd.DataFrame(index=attributes.index.astype(str))
    table.index.name = schema.T_CUSTOMER
    for column in (schema.C_RECENCY, schema.C_AVG_BASKET, schema.C_TENURE, schema.C_GAP):
        table[column] = np.nan
    table[schema.C_FREQUENCY] = 0
    table[schema.C_MONETARY] = np.nan
    table[schema.C_RETURNS_SHARE] = np.nan
    table[schema.C_DISCOUNT_SHARE] = np.nan
    analysis.customers = _join_attributes(table, attributes, as_of_ts)


_DAY = 86_400_000_000_000  # nanoseconds
_NAT = np.iinfo(np.int64).min  # NaT's integer value
# The transaction columns the table reads after the dates and the return flags.
_AFTER_DATES = [
    schema.T_CUSTOMER,
    schema.T_ORDER,
    schema.T_AMOUNT,
    schema.T_DISCOUNT,
    schema.T_COUPON,
    schema.T_CATEGORY,
    schema.T_CHANNEL,
]


class _Pairs(NamedTuple):
    """The distinct (customer, order) pairs of the purchase lines, in order of first appearance."""

    customer: np.ndarray  # customer code of each pair
    order: np.ndarray  # order code of each pair
    of_line: np.ndarray  # for each purchase line, the index of its pair
    single_customer: bool  # every order belongs to one customer (pairs are the orders)


def _order_pairs(customer: np.ndarray, order: np.ndarray, n_orders: int) -> _Pairs:
    """Distinct (customer, order) pairs of the purchase lines (codes ``customer`` and ``order``)."""
    owner = np.zeros(n_orders, dtype=customer.dtype)
    if len(order) and order.min() >= 0:  # -1: a missing order id, left to the general way
        owner[order] = customer
        if (owner[order] == customer).all():
            # The usual case: an order has one customer, so the pairs are the distinct orders,
            # found with integer arrays instead of hashing a key per line.
            of_line, present = _first_seen(order, n_orders)
            return _Pairs(owner[present], present, of_line, True)
    # An order shared by several customers: one integer key per (customer, order) pair.
    pair_key, of_line = _distinct(customer.astype(np.int64) * n_orders + order)
    return _Pairs(pair_key // n_orders, pair_key % n_orders, of_line, False)


def _purchase_days(
    pairs: _Pairs, order: np.ndarray, customer: np.ndarray, day: np.ndarray, n_orders: int
) -> tuple[np.ndarray, np.ndarray]:
    """(customer, day) of the purchases, one per order on a single day (an eighth of the lines),
    one per line for an order over several days; the same distinct pairs as one per line."""
    if not pairs.single_customer:
        return customer, day  # an order shared by several customers: the lines
    order_day = np.zeros(n_orders, dtype=np.int64)
    order_day[order] = day
    other_day = order_day[order] != day
    if not other_day.any():
        return pairs.customer, order_day[pairs.order]
    # Orders delivered in parts, or over midnight: their lines count, the other orders once.
    several = np.zeros(n_orders, dtype=bool)
    several[order[other_day]] = True
    single = ~several[pairs.order]
    spread = several[order]
    return (
        np.concatenate([pairs.customer[single], customer[spread]]),
        np.concatenate([order_day[pairs.order[single]], day[spread]]),
    )


def _distinct_days(customer: np.ndarray, day: np.ndarray, n: int) -> tuple[np.ndarray, ...]:
    """Per customer code: whether it has a day, its first and last day, and its distinct days."""
    if not len(day):
        empty = np.zeros(n, dtype=np.int64)
        return np.zeros(n, dtype=bool), empty, empty, empty
    low = int(day.min())
    span = int(day.max()) - low + 1
    keys, _ = _distinct(customer.astype(np.int64) * span + (day - low))
    count = np.bincount(keys // span, minlength=n)
    has, first, last = _min_max(customer, day, n)
    return has, first, last, count


def _min_max(codes: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per code: whether it has a value, the smallest and the largest (0 when none)."""
    low = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    high = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(low, codes, values)
    np.maximum.at(high, codes, values)
    has = np.bincount(codes, minlength=n) > 0
    return has, np.where(has, low, 0), np.where(has, high, 0)


def _reindexed(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Integer values as a group-by reindexed on every code gives them: float64 with NaN for the
    missing codes when there are some (the upcast rounds nanoseconds as before)."""
    if present.all():
        return values
    return np.where(present, values.astype("float64"), np.nan)


def _first_seen(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """For integer keys in [0, size): each key's number in order of first appearance, and the keys
    so numbered (``pd.factorize``'s result; through an array of ``size`` when not too large)."""
    if size > 4 * len(keys) + 1024:
        numbered, number = _distinct(keys)
        return number, numbered
    first = np.full(size, len(keys), dtype=np.int64)
    np.minimum.at(first, keys, np.arange(len(keys), dtype=np.int64))
    present = np.flatnonzero(first < len(keys))
    seen = present[np.argsort(first[present], kind="stable")]
    number = np.empty(size, dtype=np.int64)
    number[seen] = np.arange(len(seen))
    return number[keys], seen


def _distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys (in order of first appearance) and, for each input, its distinct index."""
    index, uniques = pd.factorize(keys, sort=False)
    return np.asarray(uniques, dtype=np.int64), index


def _favourite(
    category: pd.Series, buy: np.ndarray, buyer: np.ndarray, spend: np.ndarray, n: int
) -> np.ndarray:
    """Per customer code, the category of the purchase lines with the largest spend (None when none)."""
    if not category.notna().any():
        return np.full(n, None, dtype=object)  # no category column: skip the text copy
    codes, names = ids.factorize(category)
    return _top_label(buyer, codes[buy], np.asarray(names, dtype=object), spend, n)


def _main_channel(
    channel: pd.Series, buy: np.ndarray, bought_order: np.ndarray, pairs: _Pairs, n_orders: int, n: int
) -> np.ndarray:
    """Per customer code, the channel of most of its orders (an order's channel is the first one
    given on its purchase lines; ties to the order seen first; None when none)."""
    if not channel.notna().any():
        return np.full(n, None, dtype=object)  # no channel column: nothing to group
    codes, names = ids.factorize(channel)
    bought_channel = codes[buy]
    given = np.flatnonzero((bought_channel >= 0) & (bought_order >= 0))  # -1: no channel, no order id
    first_line = np.full(n_orders, len(bought_channel), dtype=np.int64)
    np.minimum.at(first_line, bought_order[given], given)
    found = first_line < len(bought_channel)
    order_channel = np.where(found, bought_channel[np.where(found, first_line, 0)], -1)
    weights = np.ones(len(pairs.customer))
    return _top_label(pairs.customer, order_channel[pairs.order], np.asarray(names, dtype=object), weights, n)


def _top_label(
    codes: np.ndarray, labels: np.ndarray, names: np.ndarray, weights: np.ndarray, n: int
) -> np.ndarray:
    """Per customer code, the label (a code into ``names``, -1 for none) with the largest total
    weight, ties to the (customer, label) pair seen first; None when none."""
    out = np.full(n, None, dtype=object)
    keep = labels >= 0
    if not keep.any():
        return out
    width = len(names)
    pair, weight = codes[keep].astype(np.int64) * width + labels[keep], weights[keep]
    group, group_pair = _first_seen(pair, n * width)
    # pandas' sum (compensated: the figures the table always gave), one per (customer, label) pair
    # in order of appearance; the pairs as the categories of their codes, so nothing is hashed again.
    groups = pd.Categorical.from_codes(group, categories=pd.RangeIndex(len(group_pair)))
    sums = pd.Series(weight).groupby(groups, observed=False, sort=True).sum()
    customer, label, total = group_pair // width, group_pair % width, sums.to_numpy()
    if np.isnan(total).any():
        # A NaN total (infinite amounts) sorts last: the stable sort, as it always was.
        ranked = pd.DataFrame({"c": customer, "l": label, "w": total})
        ranked = ranked.sort_values(["c", "w"], ascending=[True, False], kind="stable").drop_duplicates("c")
        out[ranked["c"].to_numpy()] = names[ranked["l"].to_numpy()]
        return out
    best = np.full(n, -np.inf)
    np.maximum.at(best, customer, total)
    top = np.flatnonzero(total == best[customer])
    first_top = np.full(n, len(total), dtype=np.int64)
    np.minimum.at(first_top, customer[top], top)  # the first pair among equal totals
    has = first_top < len(total)
    out[has] = names[label[first_top[has]]]
    return out


def _join_attributes(
    table: pd.DataFrame,
    attributes: pd.DataFrame | None,
    as_of: pd.Timestamp,
    positions: np.ndarray | None = None,
) -> pd.DataFrame:
    """Join customer attributes and derive age band, gender, email/phone validity, contactability.

    ``positions``: the row of ``attributes`` of each customer of ``table``, when known."""
    from segmenter_app.core.reading import values

    if attributes is None or attributes.empty:
        attrs = pd.DataFrame(index=table.index)
    else:
        if positions is not None:
            attrs = attributes.take(positions).set_axis(table.index)  # all found: reindex's result
        else:
            attrs = _aligned(attributes, table.index)
        attrs = attrs.drop(columns=[c for c in attrs.columns if c in table.columns])
    # The same frame as table.join(attrs), without its index checks (the index is the same object).
    table = pd.concat([table, attrs], axis=1)
    # The age band in NumPy: pandas' where/mask on a text index cost a few ms each.
    if schema.AGE in table.columns:
        age = table[schema.AGE].to_numpy(dtype="float64", na_value=np.nan)
    else:
        age = np.full(len(table), np.nan)
    if schema.BIRTH_DATE in table.columns:
        born = pd.to_datetime(table[schema.BIRTH_DATE], errors="coerce")
        month = born.dt.month.to_numpy(dtype="float64", na_value=np.nan)
        day = born.dt.day.to_numpy(dtype="float64", na_value=np.nan)
        # Completed years from calendar fields: a day difference overflows past 292 years.
        before_birthday = (month > as_of.month) | ((month == as_of.month) & (day > as_of.day))
        years = as_of.year - born.dt.year.to_numpy(dtype="float64", na_value=np.nan) - before_birthday
        age = np.where(np.isnan(age), years, age)
    band = np.full(len(table), -1, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        for number, (low, high, _label) in enumerate(AGE_BANDS):
            band[(age >= low) & (age < high) & (age >= 0) & (age < 120)] = number
    labels = pa.array([label for _low, _high, label in AGE_BANDS], pa.large_string())
    table[schema.C_AGE_BAND] = values.from_arrow(pc.take(labels, pa.array(band, mask=band < 0)), table.index)
    if schema.EMAIL in table.columns:
        table[schema.C_HAS_EMAIL] = values.normalize_emails(table[schema.EMAIL]).notna()
    else:
        table[schema.C_HAS_EMAIL] = False
    if schema.PHONE in table.columns:
        table[schema.C_HAS_PHONE] = values.normalize_phones(table[schema.PHONE]).notna()
    else:
        table[schema.C_HAS_PHONE] = False
    reachable = table[schema.C_HAS_EMAIL] | table[schema.C_HAS_PHONE]
    if schema.OPT_OUT in table.columns:
        reachable &= ~table[schema.OPT_OUT].fillna(False).astype(bool)
    if schema.CONSENT in table.columns:
        reachable &= table[schema.CONSENT].fillna(False).astype(bool)
    table[schema.C_CONTACTABLE] = reachable.astype(bool)
    return table


def _text_index(uniques: pd.Index) -> pd.Index:
    """The customer ids as a text index (already one when the ids are pandas' default text)."""
    from segmenter_app.core.reading import values

    if uniques.dtype == values.STR:
        return uniques.rename(schema.T_CUSTOMER)
    return pd.Index(np.asarray(uniques, dtype=object).astype(str), name=schema.T_CUSTOMER)


def _aligned(attributes: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """``attributes.reindex(index)``; when every customer of ``index`` is found once among text
    ids, a take at positions found with Arrow (no pandas hash table of the ids to build)."""
    from segmenter_app.core.reading import values

    if attributes.index.dtype == values.STR and index.dtype == values.STR:
        ids = pa.array(attributes.index.array)
        if ids.null_count == 0 and len(pc.unique(ids)) == len(ids):
            positions = pc.index_in(pa.array(index.array), value_set=ids)
            if positions.null_count == 0:
                # All found: reindex would change no column type, a take gives the same frame.
                return attributes.take(positions.to_numpy()).set_axis(index)
    return attributes.reindex(index)
