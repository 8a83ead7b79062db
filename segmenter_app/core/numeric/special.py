"""Special functions on NumPy arrays: log-gamma, digamma and the Gauss hypergeometric 2F1.

The BG/NBD and Gamma-Gamma likelihoods and gradients need ln Gamma and psi at r + x over whole
purchase counts x (few distinct values: each is computed once); BG/NBD's expected purchases need
2F1 with 0 <= z < 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

_LGAMMA = np.frompyfunc(math.lgamma, 1, 1)


def _on_unique(values: np.ndarray, fn: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """``fn`` evaluated once per distinct value of ``values`` (the likelihoods' gamma arguments
    are ``r + x`` over whole-number purchase counts ``x``: thousands of customers, few values)."""
    flat = values.ravel()
    if flat.size <= 32:
        return fn(flat).reshape(values.shape)
    unique, inverse = np.unique(flat, return_inverse=True)
    return fn(unique)[inverse].reshape(values.shape)


def _lgamma_array(values: np.ndarray) -> np.ndarray:
    out = np.full(values.shape, np.nan)
    # math.lgamma raises at the poles (0, -1, ...) where SciPy gives +inf; NaN stays NaN.
    poles = (values <= 0) & (values == np.floor(values))
    ok = np.isfinite(values) & ~poles
    out[poles] = np.inf
    out[np.isposinf(values)] = np.inf
    if ok.any():
        out[ok] = _LGAMMA(values[ok]).astype(float)
    return out


def gammaln(x: float | np.ndarray) -> float | np.ndarray:
    """log|Gamma(x)|, elementwise (``math.lgamma``, computed once per distinct value).

    +inf at the poles 0, -1, -2, ... (as SciPy's ``gammaln``); a float for a scalar argument.
    """
    values = np.asarray(x, dtype=float)
    result = _on_unique(values, _lgamma_array)
    return float(result) if result.ndim == 0 else result


# Coefficients of the asymptotic (Stirling) series of digamma, B_2k / (2k) for k = 1..7
# (Abramowitz & Stegun 6.3.18: psi(x) ~ ln x - 1/(2x) - sum_k B_2k / (2k x^2k)).
_DIGAMMA_SERIES = (
    1.0 / 12.0,
    -1.0 / 120.0,
    1.0 / 252.0,
    -1.0 / 240.0,
    1.0 / 132.0,
    -691.0 / 32760.0,
    1.0 / 12.0,
)
_DIGAMMA_SHIFT = 10.0  # shift arguments to >= 10: the next series term is below 1e-16 there


def _digamma_array(values: np.ndarray) -> np.ndarray:
    x = values.astype(float, copy=True)
    shift = np.zeros_like(x)
    bad = ~np.isfinite(x) | ((x <= 0) & (x == np.floor(x)))
    x[bad] = _DIGAMMA_SHIFT
    # Negative non-integers: reflection psi(1 - x) - psi(x) = pi cot(pi x) (A&S 6.3.7).
    negative = x < 0
    reflect = np.zeros_like(x)
    if negative.any():
        reflect[negative] = -math.pi / np.tan(math.pi * x[negative])
        x[negative] = 1.0 - x[negative]
    # Recurrence psi(x) = psi(x + 1) - 1/x (A&S 6.3.5) until x >= 10.
    while True:
        small = x < _DIGAMMA_SHIFT
        if not small.any():
            break
        shift[small] -= 1.0 / x[small]
        x[small] += 1.0
    inv2 = 1.0 / (x * x)
    series = np.zeros_like(x)
    for coefficient in reversed(_DIGAMMA_SERIES):
        series = (series + coefficient) * inv2
    result = np.log(x) - 0.5 / x - series + shift + reflect
    result[bad] = np.nan
    return result


def digamma(x: float | np.ndarray) -> float | np.ndarray:
    """psi(x) = d/dx ln Gamma(x), elementwise, to about 1e-15 relative for x > 0.

    Recurrence up to x >= 10, then the asymptotic series; reflection for negative non-integers.
    NaN at the poles 0, -1, -2, ... A float for a scalar argument.
    """
    values = np.asarray(x, dtype=float)
    result = _on_unique(values, _digamma_array)
    return float(result) if result.ndim == 0 else result


# --------------------------------------------------------------------------------------------------
# Gauss hypergeometric function
# --------------------------------------------------------------------------------------------------

HYP2F1_TOLERANCE = 1e-15
HYP2F1_MAX_TERMS = 2_000_000


def _hyp2f1_series(a: np.ndarray, b: np.ndarray, c: np.ndarray, z: np.ndarray) -> np.ndarray:
    """sum_n (a)_n (b)_n / ((c)_n n!) z^n for 0 <= z < 1, summed in blocks of terms.

    Terms are kept as logarithms of their sizes plus signs, and the sum as (accumulator, log
    scale), so neither the terms nor the sum overflow while summing; term n+1 = term n times
    (a + n)(b + n) z / ((c + n)(n + 1)) (the series' definition, A&S 15.1.1).
    """
    m = a.size
    total = np.zeros(m)
    scale = np.zeros(m)  # the sum is total * exp(scale)
    log_term = np.zeros(m)  # log |term n0| (term 0 is 1)
    sign = np.ones(m)
    active = np.arange(m)
    n0 = 0
    block = 32
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        while active.size and n0 < HYP2F1_MAX_TERMS:
            k = n0 + np.arange(block, dtype=float)[None, :]
            aa, bb, cc, zz = a[active, None], b[active, None], c[active, None], z[active, None]
            ratio = (aa + k) * (bb + k) * zz / ((cc + k) * (k + 1.0))
            log_ratio = np.log(np.abs(ratio))
            sign_ratio = np.sign(ratio)
            # Terms n0 .. n0 + block - 1: term n0 times the product of the ratios before each.
            log_terms = log_term[active, None] + np.concatenate(
                [np.zeros((active.size, 1)), np.cumsum(log_ratio[:, :-1], axis=1)], axis=1
            )
            signs = sign[active, None] * np.concatenate(
                [np.ones((active.size, 1)), np.cumprod(sign_ratio[:, :-1], axis=1)], axis=1
            )
            block_max = np.max(log_terms, axis=1)
            new_scale = np.where(np.isfinite(block_max), np.maximum(scale[active], block_max), scale[active])
            part = np.sum(
                np.where(np.isfinite(log_terms), signs * np.exp(log_terms - new_scale[:, None]), 0.0), axis=1
            )
            total[active] = total[active] * np.exp(scale[active] - new_scale) + part
            scale[active] = new_scale
            # The next block starts from term n0 + block.
            next_log = log_terms[:, -1] + log_ratio[:, -1]
            sign[active] = signs[:, -1] * sign_ratio[:, -1]
            log_term[active] = next_log
            # Done when the series ended (a zero term) or when the rest is negligible. From
            # ratio index K = n0 + block on, with a + K, b + K, c + K > 0, each of (a + k) / (c + k)
            # and (b + k) / (1 + k) moves monotonically towards 1, so every later ratio is at most
            # q = z max(1, (a + K) / (c + K)) max(1, (b + K) / (1 + K)) (or with a and b swapped),
            # and when q < 1 the tail is at most (next term) / (1 - q).
            big_k = float(n0 + block)
            a_k, b_k, c_k = aa[:, 0] + big_k, bb[:, 0] + big_k, cc[:, 0] + big_k
            q = zz[:, 0] * np.minimum(
                np.maximum(1.0, a_k / c_k) * np.maximum(1.0, b_k / (1.0 + big_k)),
                np.maximum(1.0, b_k / c_k) * np.maximum(1.0, a_k / (1.0 + big_k)),
            )
            past = (a_k > 0) & (b_k > 0) & (c_k > 0) & (q < 1.0)
            tail = np.exp(next_log - new_scale) / np.where(past, 1.0 - q, 1.0)
            done = ~np.isfinite(next_log) | (past & (tail <= HYP2F1_TOLERANCE * np.abs(total[active])))
            active = active[~done]
            n0 += block
            block = min(block * 2, 4096)
        return total * np.exp(scale)


def _unique_rows(columns: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of equal-length columns: the index of one row of each, and for every row the
    number of its distinct row (a lexsort: ten times faster than ``np.unique(..., axis=0)``)."""
    order = np.lexsort(columns[::-1])
    changed = np.zeros(order.size, dtype=bool)
    changed[:1] = True
    for column in columns:
        sorted_column = column[order]
        changed[1:] |= sorted_column[1:] != sorted_column[:-1]
    group = np.cumsum(changed) - 1
    inverse = np.empty(order.size, dtype=np.intp)
    inverse[order] = group
    return order[changed], inverse


def hyp2f1(
    a: float | np.ndarray,
    b: float | np.ndarray,
    c: float | np.ndarray,
    z: float | np.ndarray,
    *,
    log_factor: float | np.ndarray = 0.0,
) -> float | np.ndarray:
    """The Gauss hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 (NaN elsewhere), elementwise.

    Summed as a power series; Euler's transformation 2F1(a, b; c; z) = (1 - z)^(c - a - b)
    2F1(c - a, c - b; c; z) (A&S 15.3.3) is used when it makes the first terms smaller
    (|(c - a)(c - b)| < |a b|): in BG/NBD c = a + b + x - 1 style arguments with large a and b
    but small c - a and c - b, where the plain series first grows like (x z)^n / n!. Relative
    accuracy about 1e-13 unless the sum cancels; z very close to 1 needs about 35 / (1 - z) terms.
    Also NaN where c is 0 or a negative integer. A float when every argument is a scalar.

    With ``log_factor``, returns exp(log_factor) 2F1(a, b; c; z), the factor multiplied in logs
    with Euler's (1 - z)^(c - a - b): BG/NBD multiplies 2F1 by (1 - z)^(r + x), tiny where the
    2F1 is huge, and the product is moderate.
    """
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (a, b, c, z, log_factor)))
    shape = arrays[0].shape
    a_, b_, c_, z_, f_ = (v.ravel() for v in arrays)
    result = np.full(a_.shape, np.nan)
    valid = (
        np.isfinite(a_)
        & np.isfinite(b_)
        & np.isfinite(c_)
        & (z_ >= 0)
        & (z_ < 1)
        & ~((c_ <= 0) & (c_ == np.floor(c_)))
    )
    if valid.any():
        a_, b_, c_, z_, f_ = a_[valid], b_[valid], c_[valid], z_[valid], f_[valid]
        euler = np.abs((c_ - a_) * (c_ - b_)) < np.abs(a_ * b_)
        aa = np.where(euler, c_ - a_, a_)
        bb = np.where(euler, c_ - b_, b_)
        # Many customers share arguments: sum each distinct series once.
        first, inverse = _unique_rows((aa, bb, c_, z_))
        series = _hyp2f1_series(aa[first], bb[first], c_[first], z_[first])[inverse]
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            # Prefactor and series multiplied in logs, so a huge prefactor times a small sum
            # does not overflow on the way.
            log_prefactor = np.where(euler, (c_ - a_ - b_) * np.log1p(-z_), 0.0) + f_
            value = np.sign(series) * np.exp(log_prefactor + np.log(np.abs(series)))
        result[valid] = value
    result = result.reshape(shape)
    return float(result) if result.ndim == 0 else result
