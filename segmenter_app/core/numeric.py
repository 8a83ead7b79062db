"""Small numeric routines in plain NumPy and ``math``, in place of the few SciPy calls the app made.

SciPy is about 67 MB of the bundle (with its own OpenBLAS) for: log-gamma and digamma (the BG/NBD
and Gamma-Gamma likelihoods and gradients), the Gauss hypergeometric function (BG/NBD expected
purchases), a bounded quasi-Newton minimiser with a Nelder-Mead fallback (both fits), and the
Student t quantile (Welch's interval in the Measure step). Each is written here for the arguments
the app gives it (positive gamma arguments, 0 <= z < 1, a few parameters); sources are cited where
each formula is used.

Public functions: :func:`gammaln`, :func:`digamma`, :func:`hyp2f1`, :func:`minimize_bounded`,
:func:`nelder_mead`, :func:`betainc`, :func:`t_cdf`, :func:`t_ppf`; the minimisers return an
:class:`OptimizeResult` (``x``, ``fun``, ``success``, ``nit``, ``nfev``, ``message``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

# --------------------------------------------------------------------------------------------------
# Gamma function family
# --------------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------------
# Minimisers
# --------------------------------------------------------------------------------------------------


@dataclass
class OptimizeResult:
    """What a minimiser found: ``x`` the best point, ``fun`` the value there, ``success`` whether
    it met its convergence test, ``nit`` iterations, ``nfev`` function evaluations, ``message``."""

    x: np.ndarray
    fun: float
    success: bool
    nit: int
    nfev: int
    message: str


def minimize_bounded(
    fun: Callable[[np.ndarray], tuple[float, np.ndarray]],
    x0: Sequence[float] | np.ndarray,
    bounds: Sequence[tuple[float, float]],
    *,
    max_iter: int = 1000,
    gtol: float = 1e-5,
    ftol: float = 2.220446049250313e-09,
) -> OptimizeResult:
    """Minimise ``fun`` (returning value and gradient) over the box ``bounds``: projected BFGS.

    Projected quasi-Newton (Bertsekas 1982, "Projected Newton methods for optimization problems
    with simple constraints"): variables at a bound with the gradient pushing outwards are held;
    the BFGS inverse-Hessian update (Nocedal & Wright 2006, eq. 6.17, first step scaled by 6.20)
    gives the direction for the others, and a backtracking Armijo search along the projected path
    P(x + t d) gives the step. Stops, as SciPy's L-BFGS-B does with its defaults, when the
    projected gradient's largest component is below ``gtol`` or when the value's relative decrease
    is below ``ftol``. ``success`` is False when the line search fails or ``max_iter`` is reached.
    A value of +inf or NaN counts as "too far": the line search backs off.
    """
    lower = np.array([lo for lo, _ in bounds], dtype=float)
    upper = np.array([hi for _, hi in bounds], dtype=float)
    x = np.clip(np.asarray(x0, dtype=float), lower, upper)
    n = x.size
    nfev = 1
    f, g = fun(x)
    f = float(f)
    g = np.asarray(g, dtype=float)
    h = np.eye(n)
    first = True
    message = "iteration limit reached"
    success = False
    nit = 0
    for nit in range(1, max_iter + 1):
        projected_gradient = x - np.clip(x - g, lower, upper)
        if np.max(np.abs(projected_gradient)) <= gtol:
            message, success = "projected gradient below tolerance", True
            nit -= 1
            break
        held = ((x <= lower) & (g > 0)) | ((x >= upper) & (g < 0))
        free = ~held
        d = np.zeros(n)
        d[free] = -h[np.ix_(free, free)] @ g[free]
        if not np.dot(d, g) < 0:  # not a descent direction: restart from steepest descent
            h = np.eye(n)
            first = True
            d = np.where(free, -g, 0.0)
        # First step (no curvature known yet): a unit move in the largest component, as L-BFGS-B.
        step = min(1.0, 1.0 / np.max(np.abs(d))) if first else 1.0
        accepted = False
        for _ in range(60):
            x_new = np.clip(x + step * d, lower, upper)
            f_new, g_new = fun(x_new)
            nfev += 1
            f_new = float(f_new)
            # Armijo condition along the projected path (Bertsekas 1982, eq. 32).
            # (A step too small to move x is no step: the search failed.)
            if np.array_equal(x_new, x):
                break
            if np.isfinite(f_new) and f_new <= f + 1e-4 * np.dot(g, x_new - x):
                accepted = True
                break
            step *= 0.5
        if not accepted:
            message = "line search failed"
            break
        g_new = np.asarray(g_new, dtype=float)
        s = x_new - x
        y = g_new - g
        sy = float(np.dot(s, y))
        decrease = (f - f_new) / max(abs(f), abs(f_new), 1.0)
        x, f, g = x_new, f_new, g_new
        if sy > 1e-10 * float(np.dot(y, y)) ** 0.5 * float(np.dot(s, s)) ** 0.5:
            if first:
                h = np.eye(n) * (sy / float(np.dot(y, y)))
                first = False
            rho = 1.0 / sy
            hy = h @ y
            # BFGS inverse update: H+ = (I - rho s y^T) H (I - rho y s^T) + rho s s^T.
            h = (
                h
                - rho * (np.outer(s, hy) + np.outer(hy, s))
                + (rho * rho * float(y @ hy) + rho) * np.outer(s, s)
            )
        if decrease <= ftol:
            message, success = "relative reduction of the value below tolerance", True
            break
    return OptimizeResult(x=x, fun=f, success=success, nit=nit, nfev=nfev, message=message)


def nelder_mead(
    fun: Callable[[np.ndarray], float],
    x0: Sequence[float] | np.ndarray,
    *,
    max_iter: int | None = None,
    xatol: float = 1e-4,
    fatol: float = 1e-4,
) -> OptimizeResult:
    """Minimise ``fun`` without derivatives: the Nelder-Mead simplex (Nelder & Mead 1965).

    Standard coefficients (reflection 1, expansion 2, contraction 0.5, shrink 0.5) and SciPy's
    starting simplex (each coordinate moved by 5%, or by 0.00025 when it is 0) and stopping test
    (every vertex within ``xatol`` of the best and every value within ``fatol``). ``max_iter``
    defaults to 200 per variable. ``success`` is False when the iteration limit stops it.
    """
    x0 = np.asarray(x0, dtype=float)
    n = x0.size
    if max_iter is None:
        max_iter = 200 * n
    simplex = np.empty((n + 1, n))
    simplex[0] = x0
    for i in range(n):
        vertex = x0.copy()
        vertex[i] = vertex[i] * 1.05 if vertex[i] != 0 else 0.00025
        simplex[i + 1] = vertex
    values = np.array([float(fun(v)) for v in simplex])
    values[~np.isfinite(values)] = np.inf
    nfev = n + 1

    def evaluate(point: np.ndarray) -> float:
        value = float(fun(point))
        return value if np.isfinite(value) else np.inf

    success = False
    nit = 0
    for nit in range(1, max_iter + 1):
        order = np.argsort(values, kind="stable")
        simplex, values = simplex[order], values[order]
        if (
            np.max(np.abs(simplex[1:] - simplex[0])) <= xatol
            and np.max(np.abs(values[0] - values[1:])) <= fatol
        ):
            success = True
            nit -= 1
            break
        centroid = simplex[:-1].mean(axis=0)
        worst = simplex[-1]
        reflected = centroid + (centroid - worst)
        f_r = evaluate(reflected)
        nfev += 1
        if f_r < values[0]:
            expanded = centroid + 2.0 * (centroid - worst)
            f_e = evaluate(expanded)
            nfev += 1
            if f_e < f_r:
                simplex[-1], values[-1] = expanded, f_e
            else:
                simplex[-1], values[-1] = reflected, f_r
            continue
        if f_r < values[-2]:
            simplex[-1], values[-1] = reflected, f_r
            continue
        if f_r < values[-1]:  # outside contraction
            contracted = centroid + 0.5 * (reflected - centroid)
            f_c = evaluate(contracted)
            nfev += 1
            if f_c <= f_r:
                simplex[-1], values[-1] = contracted, f_c
                continue
        else:  # inside contraction
            contracted = centroid + 0.5 * (worst - centroid)
            f_c = evaluate(contracted)
            nfev += 1
            if f_c < values[-1]:
                simplex[-1], values[-1] = contracted, f_c
                continue
        # Shrink towards the best vertex.
        simplex[1:] = simplex[0] + 0.5 * (simplex[1:] - simplex[0])
        for i in range(1, n + 1):
            values[i] = evaluate(simplex[i])
        nfev += n
    best = int(np.argmin(values))
    message = "converged" if success else "iteration limit reached"
    return OptimizeResult(
        x=simplex[best].copy(), fun=float(values[best]), success=success, nit=nit, nfev=nfev, message=message
    )


# --------------------------------------------------------------------------------------------------
# Student t distribution
# --------------------------------------------------------------------------------------------------


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
