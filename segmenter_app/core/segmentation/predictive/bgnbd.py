"""BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"), fitted by maximum
likelihood.

Per customer: ``x`` repeat purchases (distinct purchase days after the first), ``t_x`` the time
of the last purchase and ``T`` the time observed, both from the first purchase, in one time unit
(weeks in this app, as in the paper). Parameters ``r``, ``alpha`` (purchase rate, gamma
distributed; ``alpha`` in the time unit), ``a``, ``b`` (drop-out probability after each purchase,
beta distributed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segmenter_app.core.numeric import digamma, gammaln, hyp2f1, minimize_bounded, nelder_mead
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress


@dataclass
class BGNBDFit:
    """Fitted BG/NBD parameters and the fit's log-likelihood (sum over customers)."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    converged: bool
    iterations: int


def _compress(x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> tuple[np.ndarray, ...]:
    """Unique (x, t_x, T) rows and their counts: the likelihood is a weighted sum over them."""
    stacked = np.column_stack([x, t_x, T])
    unique, counts = np.unique(stacked, axis=0, return_counts=True)
    return unique[:, 0], unique[:, 1], unique[:, 2], counts.astype(float)


def log_likelihood_terms(params: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Each customer's log-likelihood under ``params = (r, alpha, a, b)``."""
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    # For x = 0 the second term is absent; b + x - 1 may be <= 0 there, so guard it.
    safe = np.where(repeat, b + x - 1, 1.0)
    a4 = np.where(repeat, np.log(a) - np.log(safe) - (r + x) * np.log(alpha + t_x), -np.inf)
    return a1 + a2 + np.logaddexp(a3, a4)


class _Likelihood:
    """The summed log-likelihood, fast: x, t_x and T take few distinct values (whole days), so
    the gamma functions and logarithms are computed once per distinct value and looked up."""

    def __init__(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> None:
        ux, ut, uT, self.weights = _compress(x, t_x, T)
        self.xs, self.ix = np.unique(ux, return_inverse=True)
        self.ts, self.it = np.unique(ut, return_inverse=True)
        self.Ts, self.iT = np.unique(uT, return_inverse=True)
        self.x = ux
        self.repeat = ux > 0

    def __call__(self, params: np.ndarray) -> tuple[float, np.ndarray]:
        """The summed log-likelihood and its gradient with respect to (r, alpha, a, b)."""
        r, alpha, a, b = params
        xs = self.xs
        positive = xs > 0
        per_x = (
            gammaln(r + xs)
            - gammaln(r)
            + r * np.log(alpha)
            + gammaln(a + b)
            + gammaln(b + xs)
            - gammaln(b)
            - gammaln(a + b + xs)
        )
        b_x1 = np.where(positive, b + xs - 1, 1.0)
        c = np.where(positive, np.log(a) - np.log(b_x1), -np.inf)
        log_T = np.log(alpha + self.Ts)
        log_t = np.log(alpha + self.ts)
        rx = r + self.x
        a3 = -rx * log_T[self.iT]
        a4 = c[self.ix] - rx * log_t[self.it]
        mix = np.logaddexp(a3, a4)
        w = self.weights
        value = float(np.dot(w, per_x[self.ix] + mix))
        # Gradient: the mixture's two terms weigh in by their share of the sum (w3 + w4 = 1).
        w4 = np.exp(a4 - mix)
        w3 = 1.0 - w4
        dg_rx = digamma(r + xs)[self.ix] - digamma(r) + np.log(alpha)
        d_r = dg_rx - w3 * log_T[self.iT] - w4 * log_t[self.it]
        d_alpha = r / alpha - rx * (w3 / (alpha + self.Ts)[self.iT] + w4 / (alpha + self.ts)[self.it])
        dg_ab = digamma(a + b)
        d_a = (dg_ab - digamma(a + b + xs))[self.ix] + w4 / a
        d_b = (dg_ab + digamma(b + xs) - digamma(b) - digamma(a + b + xs))[self.ix] - w4 / b_x1[self.ix]
        gradient = np.array([np.dot(w, d_r), np.dot(w, d_alpha), np.dot(w, d_a), np.dot(w, d_b)])
        return value, gradient


def fit(
    x: np.ndarray,
    t_x: np.ndarray,
    T: np.ndarray,
    *,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> BGNBDFit:
    """Maximum-likelihood fit (projected BFGS on the log of the parameters, Nelder-Mead as a fallback)."""
    likelihood = _Likelihood(np.asarray(x, float), np.asarray(t_x, float), np.asarray(T, float))
    calls = [0]

    def objective(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        calls[0] += 1
        if calls[0] % 5 == 0:
            if cancel is not None:
                cancel.check()
            progress(min(0.9, calls[0] / 100), "BG/NBD")
        params = np.exp(log_params)
        with np.errstate(all="ignore"):
            value, gradient = likelihood(params)
        if not np.isfinite(value) or not np.all(np.isfinite(gradient)):
            return 1e300, np.zeros(4)
        # Minimise the negative; the chain rule for the log-parameters multiplies by the parameter.
        return -value, -gradient * params

    # Start: a purchase rate near the observed one, a middling drop-out.
    weights, ux = likelihood.weights, likelihood.x
    total_time = float(np.dot(weights, likelihood.Ts[likelihood.iT]))
    rate = max(float(np.dot(weights, ux)) / max(total_time, 1e-9), 1e-3)
    start = np.log([1.0, 1.0 / rate, 1.0, 1.0])
    best = minimize_bounded(objective, start, bounds=[(-12, 12)] * 4)
    if not best.success or not np.isfinite(best.fun):
        fallback = nelder_mead(lambda p: objective(p)[0], best.x, max_iter=4000, xatol=1e-8, fatol=1e-8)
        if fallback.fun <= best.fun:
            best = fallback
    r, alpha, a, b = np.exp(best.x)
    return BGNBDFit(
        r=float(r),
        alpha=float(alpha),
        a=float(a),
        b=float(b),
        log_likelihood=-float(best.fun),
        converged=bool(best.success),
        iterations=int(best.nit),
    )


def probability_alive(fit_: BGNBDFit, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """P(still active | x, t_x, T); 1 for customers who never bought again (the model's convention)."""
    x = np.asarray(x, float)
    repeat = x > 0
    safe = np.where(repeat, fit_.b + x - 1, 1.0)
    log_ratio = (fit_.r + x) * (np.log(fit_.alpha + T) - np.log(fit_.alpha + t_x))
    odds = np.where(repeat, np.exp(np.log(fit_.a) - np.log(safe) + log_ratio), 0.0)
    return 1.0 / (1.0 + odds)


def expected_purchases(fit_: BGNBDFit, t: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Expected repeat purchases in the next ``t`` time units, given each customer's history."""
    x = np.asarray(x, float)
    T = np.asarray(T, float)
    r, alpha, a, b = fit_.r, fit_.alpha, fit_.a, fit_.b
    z = t / (alpha + T + t)
    # The paper's (10): 1 - ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x; a + b + x - 1;
    # z), the power being (1 - z)^(r + x). It is tiny where the 2F1 is huge (many purchases), so
    # the two are multiplied in logs inside hyp2f1, which also picks the faster-converging of the
    # series and its Euler transform (large x: the transform; huge fitted a and b: the series).
    discounted = hyp2f1(r + x, b + x, a + b + x - 1, z, log_factor=(r + x) * np.log1p(-z))
    first = (a + b + x - 1) / (a - 1)
    second = 1 - discounted
    return first * second * probability_alive(fit_, x, t_x, T)
