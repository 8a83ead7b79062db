"""Uplift of the contacted group over the control group, with 95% intervals, in plain words.

- Conversion: difference of two proportions with Newcombe's hybrid score interval (method 10 of
  Newcombe 1998, built from the two Wilson intervals). It keeps close to its nominal coverage
  for small groups and rates near 0, where the textbook Wald interval fails.
- Revenue per customer (zeros included for those who did not buy): difference of means with
  Welch's t interval (unequal variances, Welch-Satterthwaite degrees of freedom), or the
  studentized bootstrap when a group has few buyers (see :func:`mean_difference`).

The verdict is "likely real" when the interval excludes zero, "likely negative" when it is
entirely below zero, and "not enough evidence yet" otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from segmenter_app.core.actions.wording import money, number
from segmenter_app.core.i18n import Messages
from segmenter_app.core.numeric import t_ppf

CONFIDENCE = 0.95

S = Messages(
    {
        "conv.likely_real": (
            "{diff} points ({low} to {high}), likely real.",
            "{diff} points ({low} à {high}), probablement réel.",
        ),
        "conv.likely_negative": (
            "{diff} points ({low} to {high}): likely worse than not contacting them.",
            "{diff} points ({low} à {high}) : probablement moins bien que de ne pas les contacter.",
        ),
        "conv.not_enough_evidence": (
            "{diff} points, not enough evidence yet (could be anywhere from {low} to {high}).",
            "{diff} points, pas encore assez d'éléments (entre {low} et {high}).",
        ),
        "rev.likely_real": (
            "{diff} per customer ({low} to {high}), likely real.",
            "{diff} par client ({low} à {high}), probablement réel.",
        ),
        "rev.likely_negative": (
            "{diff} per customer ({low} to {high}): likely worse than not contacting them.",
            "{diff} par client ({low} à {high}) : probablement moins bien que de ne pas les contacter.",
        ),
        "rev.not_enough_evidence": (
            "{diff} per customer, not enough evidence yet (could be anywhere from {low} to {high}).",
            "{diff} par client, pas encore assez d'éléments (entre {low} et {high}).",
        ),
        "no_control": (
            "No control group to compare with: the uplift cannot be measured.",
            "Pas de groupe témoin pour comparer : la hausse ne peut pas être mesurée.",
        ),
        "control_not_observed": (
            "The results do not cover the control group: add its customers to the results sheet (with converted yes or no), or import a sales export, to measure the uplift.",
            "Les résultats ne couvrent pas le groupe témoin : ajoutez ses clients à la feuille de résultats (avec converti oui ou non), ou importez un export des ventes, pour mesurer la hausse.",
        ),
        "rough": (
            "Few buyers in a group: a rough figure.",
            "Peu d'acheteurs dans un groupe : un chiffre approximatif.",
        ),
        "too_few": (
            "Too few customers in a group to measure the uplift.",
            "Trop peu de clients dans un groupe pour mesurer la hausse.",
        ),
    }
)


@dataclass
class Interval:
    """A difference (contacted minus control) with its interval and verdict."""

    diff: float
    low: float
    high: float

    @property
    def verdict(self) -> str:
        """``likely_real``, ``likely_negative`` or ``not_enough_evidence``."""
        if self.low > 0:
            return "likely_real"
        if self.high < 0:
            return "likely_negative"
        return "not_enough_evidence"

    def covers(self, value: float) -> bool:
        """True when ``value`` lies inside the interval (bounds included)."""
        return self.low <= value <= self.high


def _z(confidence: float) -> float:
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(successes: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval of a proportion (``(nan, nan)`` when ``n`` is 0)."""
    if n <= 0:
        return float("nan"), float("nan")
    z = _z(confidence)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def proportion_difference(
    x1: int, n1: int, x2: int, n2: int, confidence: float = CONFIDENCE
) -> Interval | None:
    """Newcombe's hybrid score interval for ``x1/n1 - x2/n2`` (None when a group is empty)."""
    if n1 <= 0 or n2 <= 0:
        return None
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson(x1, n1, confidence)
    l2, u2 = wilson(x2, n2, confidence)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Interval(d, low, high)


def mean_difference(
    a: np.ndarray, b: np.ndarray, confidence: float = CONFIDENCE, seed: int = 0
) -> Interval | None:
    """Interval for ``mean(a) - mean(b)`` (None with fewer than 2 values in a group).

    Revenue per customer is mostly zeros with a few skewed amounts: when either group has fewer
    than :data:`BOOTSTRAP_BELOW` non-zero values, Welch's t interval covers less than it says
    (about 91% instead of 95% with 8 buyers in a control group of 100, in simulations), so the
    studentized bootstrap (bootstrap-t, seeded, so the same data gives the same interval) is used
    instead (about 93.5% there); above, Welch's t interval. With a single buyer in a group the
    resamples degenerate, and Welch's (wide) interval is kept.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    n1, n2 = len(a), len(b)
    if n1 < 2 or n2 < 2:
        return None
    d = float(a.mean() - b.mean())
    v1, v2 = float(a.var(ddof=1)) / n1, float(b.var(ddof=1)) / n2
    se = math.sqrt(v1 + v2)
    if se <= 0:
        return Interval(d, d, d)
    if BOOTSTRAP_MIN <= min(np.count_nonzero(a), np.count_nonzero(b)) < BOOTSTRAP_BELOW:
        low_q, high_q = _bootstrap_t_quantiles(a, b, d, confidence, seed)
        return Interval(d, d - high_q * se, d - low_q * se)
    df = (v1 + v2) ** 2 / ((v1**2 / (n1 - 1) if v1 else 0.0) + (v2**2 / (n2 - 1) if v2 else 0.0))
    half = t_ppf(0.5 + confidence / 2, df) * se
    return Interval(d, d - half, d + half)


BOOTSTRAP_BELOW = 100  # non-zero values in a group under which the bootstrap-t is used
BOOTSTRAP_MIN = 2  # with a single buyer, every resample is degenerate: Welch's wide interval says it
FEW_BUYERS = 10  # fewer buyers than this in a group: the revenue interval is rough, and said so
BOOTSTRAP_RESAMPLES = 1999


def _resampled_moments(
    x: np.ndarray, resamples: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Means and variances of the mean of ``resamples`` bootstrap resamples of ``x``.

    A resample of n values from x holds Binomial(n, k/n) of its k non-zero values, drawn with
    replacement among them: the same distribution as the plain bootstrap, at the cost of the
    non-zero values only (most customers did not buy).
    """
    n = len(x)
    nonzero = x[x != 0]
    k = len(nonzero)
    means = np.zeros(resamples)
    variances = np.zeros(resamples)
    if k == 0:
        return means, variances
    counts = rng.binomial(n, k / n, size=resamples)
    width = int(counts.max())
    if width == 0:
        return means, variances
    draws = nonzero[rng.integers(0, k, size=(resamples, width))]
    draws *= np.arange(width)[None, :] < counts[:, None]
    means = draws.sum(axis=1) / n
    variances = np.maximum((np.square(draws).sum(axis=1) - n * means**2) / (n - 1), 0.0) / n
    return means, variances


def _bootstrap_t_quantiles(
    a: np.ndarray, b: np.ndarray, d: float, confidence: float, seed: int
) -> tuple[float, float]:
    """Quantiles of the studentized bootstrap statistic ``((ma* - mb*) - d) / se*``."""
    rng = np.random.default_rng([seed, len(a), len(b)])
    ma, va = _resampled_moments(a, BOOTSTRAP_RESAMPLES, rng)
    mb, vb = _resampled_moments(b, BOOTSTRAP_RESAMPLES, rng)
    se = np.sqrt(va + vb)
    ok = se > 0
    if ok.sum() < 100:  # degenerate resamples (e.g. a single buyer): fall back to the normal
        z = _z(confidence)
        return -z, z
    t = ((ma - mb)[ok] - d) / se[ok]
    low, high = np.quantile(t, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(low), float(high)


def points(value: float, lang: str) -> str:
    """A difference of rates as signed percentage points ("+6", "−2.5")."""
    rounded = round(100 * value, 1)
    text = number(abs(rounded), lang, 1)
    if rounded < 0:
        return "−" + text
    return "+" + text if rounded > 0 else text


def signed_money(value: float, lang: str, currency: str) -> str:
    """A signed amount ("+€4.20", "−3,10 €")."""
    text = money(abs(value), lang, currency, decimals=2)
    if value < 0:
        return "−" + text
    return "+" + text if value > 0 else text


def say_conversion(interval: Interval, lang: str) -> str:
    """The conversion uplift in plain words: "+6 points (+2 to +10), likely real."."""
    return S(
        f"conv.{interval.verdict}",
        lang,
        diff=points(interval.diff, lang),
        low=points(interval.low, lang),
        high=points(interval.high, lang),
    )


def say_revenue(interval: Interval, lang: str, currency: str) -> str:
    """The revenue-per-customer uplift in plain words."""
    return S(
        f"rev.{interval.verdict}",
        lang,
        diff=signed_money(interval.diff, lang, currency),
        low=signed_money(interval.low, lang, currency),
        high=signed_money(interval.high, lang, currency),
    )
