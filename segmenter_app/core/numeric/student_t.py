"""The Student t distribution (cumulative distribution and quantile, any positive degrees of
freedom) and the regularized incomplete beta function it is built on, in plain ``math``."""

from __future__ import annotations

import math
from statistics import NormalDist


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function, by the modified Lentz method
    (Numerical Recipes in C, 2nd ed., section 6.4, ``betacf``); converges fast for
    x < (a + 1) / (a + b + 2), in about sqrt(max(a, b)) steps."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 2e-16:
            break
    return h


def _stirling_correction(x: float) -> float:
    """ln Gamma(x) - ((x - 1/2) ln x - x + ln(2 pi) / 2) for x >= 10: the Stirling series
    sum_k B_2k / (2k (2k - 1) x^(2k - 1)) (A&S 6.1.40), to about 1e-16 there."""
    inv = 1.0 / x
    inv2 = inv * inv
    return inv * (
        1.0 / 12.0
        + inv2
        * (
            -1.0 / 360.0
            + inv2
            * (1.0 / 1260.0 + inv2 * (-1.0 / 1680.0 + inv2 * (1.0 / 1188.0 + inv2 * (-691.0 / 360360.0))))
        )
    )


def _log_beta(a: float, b: float) -> float:
    """ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b) for a, b > 0.

    With a large argument the three log-gammas are huge and nearly cancel (about 1e-8 lost at a
    = 5e6, the t distribution with 1e7 degrees of freedom), so the difference ln Gamma(a) - ln
    Gamma(a + b) is taken from Stirling's formula term by term: -(a - 1/2) ln(1 + b/a) - b ln(a +
    b) + b plus the difference of the Stirling corrections.
    """
    if a < b:
        a, b = b, a
    if a < 10.0:
        return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return (
        math.lgamma(b)
        - (a - 0.5) * math.log1p(b / a)
        - b * math.log(a + b)
        + b
        + _stirling_correction(a)
        - _stirling_correction(a + b)
    )


def betainc(a: float, b: float, x: float, one_minus_x: float | None = None) -> float:
    """The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1.

    Numerical Recipes' ``betai`` (section 6.4): the continued fraction for I_x(a, b) or, past
    x = (a + 1) / (a + b + 2), for 1 - I_{1-x}(b, a). ``one_minus_x`` may be given when 1 - x is
    known more precisely than by subtraction (x close to 1).
    """
    if one_minus_x is None:
        one_minus_x = 1.0 - x
    if x <= 0.0:
        return 0.0
    if one_minus_x <= 0.0:
        return 1.0
    # log x and log(1 - x) from whichever of the two is known to full relative precision: with
    # many degrees of freedom x is close to 1 and a is large, so a * log(x) needs log1p.
    log_x = math.log1p(-one_minus_x) if x > 0.5 else math.log(x)
    log_1mx = math.log(one_minus_x) if x > 0.5 else math.log1p(-x)
    log_front = a * log_x + b * log_1mx - _log_beta(a, b)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, one_minus_x) / b


def _t_upper_tail(t: float, df: float) -> float:
    """P(T > t) for t >= 0: I_{df/(df+t^2)}(df/2, 1/2) / 2 (A&S 26.7.1 with 26.5.27), computed
    without the subtraction 1 - CDF so small tails keep their precision."""
    t2 = t * t
    return 0.5 * betainc(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2))


def t_cdf(t: float, df: float) -> float:
    """The Student t cumulative distribution function P(T <= t) with ``df`` > 0 degrees of freedom.

    About 1e-12 relative up to 1e5 degrees of freedom; the continued fraction then loses digits
    (1e-11 at 1e6, 1e-9 at 3e7), which :func:`t_ppf` avoids there.
    """
    if math.isnan(t) or not df > 0:
        return math.nan
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    tail = _t_upper_tail(abs(t), df)
    return 1.0 - tail if t > 0 else tail


def _t_log_pdf(t: float, df: float) -> float:
    return (
        math.lgamma(0.5 * (df + 1))
        - math.lgamma(0.5 * df)
        - 0.5 * math.log(df * math.pi)
        - 0.5 * (df + 1) * math.log1p(t * t / df)
    )


# From 1e5 degrees of freedom on, the continued fraction loses digits (x = df / (df + t^2) is
# then within about 1e-5 of 1: 2e-10 relative at 1e7), while the expansion below is exact to
# rounding (its next term is below 1e-19 there).
LARGE_DF = 1e5


def _t_ppf_large_df(p: float, df: float) -> float:
    """The t quantile as the normal quantile plus its expansion in 1/df (Cornish-Fisher; A&S 26.7.5)."""
    x = NormalDist().inv_cdf(p)
    x2 = x * x
    g1 = x * (x2 + 1) / 4
    g2 = x * ((5 * x2 + 16) * x2 + 3) / 96
    g3 = x * (((3 * x2 + 19) * x2 + 17) * x2 - 15) / 384
    g4 = x * ((((79 * x2 + 776) * x2 + 1482) * x2 - 1920) * x2 - 945) / 92160
    return x + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df


def t_ppf(p: float, df: float) -> float:
    """The Student t quantile: the t with P(T <= t) = p, ``df`` > 0 (need not be a whole number).

    Solves P(T > t) = 1 - p (or p, by symmetry, below the median) by Newton's method on t with the
    t density as derivative, safeguarded by bisection inside a bracket; about 1e-12 relative.
    """
    if math.isnan(p) or not df > 0 or not 0.0 <= p <= 1.0:
        return math.nan
    if p == 0.0:
        return -math.inf
    if p == 1.0:
        return math.inf
    if p == 0.5:
        return 0.0
    if df >= LARGE_DF:
        return _t_ppf_large_df(p, df)
    tail = 1.0 - p if p > 0.5 else p  # solve P(T > t) = tail for t > 0
    low, high = 0.0, 1.0
    while _t_upper_tail(high, df) > tail:
        low, high = high, high * 2.0
        if high > 1e300:
            return math.inf if p > 0.5 else -math.inf
    t = 0.5 * (low + high)
    for _ in range(200):
        excess = _t_upper_tail(t, df) - tail  # decreasing in t
        if excess > 0:
            low = t
        else:
            high = t
        if excess == 0.0 or high - low <= 1e-15 * high:
            break
        # Newton step on P(T > t) - tail, whose derivative is -pdf(t); bisect if it leaves the bracket.
        candidate = t + excess / math.exp(_t_log_pdf(t, df))
        if not low < candidate < high:
            candidate = 0.5 * (low + high)
        if abs(candidate - t) <= 1e-15 * abs(t):
            t = candidate
            break
        t = candidate
    return t if p > 0.5 else -t
