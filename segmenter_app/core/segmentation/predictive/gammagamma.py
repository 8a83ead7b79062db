"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves").

Fitted on the customers with at least one repeat purchase: ``x`` repeat purchases and ``m`` the
mean value of those repeat purchases. Parameters ``p``, ``q``, ``gamma`` (in money).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segmenter_app.core.numeric import digamma, gammaln, minimize_bounded, nelder_mead
from segmenter_app.core.progress import CancelToken


@dataclass
class GammaGammaFit:
    """Fitted Gamma-Gamma parameters and the fit's log-likelihood."""

    p: float
    q: float
    gamma: float
    log_likelihood: float
    converged: bool


def log_likelihood_terms(params: np.ndarray, x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Each customer's log-likelihood of their mean repeat spend ``m`` over ``x`` purchases."""
    p, q, gamma = params
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(gamma)
        + (px - 1) * np.log(m)
        + px * np.log(x)
        - (px + q) * np.log(gamma + m * x)
    )


def fit(x: np.ndarray, m: np.ndarray, *, cancel: CancelToken | None = None) -> GammaGammaFit:
    """Maximum-likelihood fit on customers with ``x > 0`` and ``m > 0`` (others are ignored)."""
    x = np.asarray(x, float)
    m = np.asarray(m, float)
    keep = (x > 0) & (m > 0) & np.isfinite(m)
    x, m = x[keep], m[keep]
    calls = [0]

    # The gamma functions depend on x only (whole numbers of purchases): computed once per
    # distinct x and weighted by how many customers have it; the other sums are precomputed.
    xs, counts = np.unique(x, return_counts=True)
    n = float(len(x))
    sum_x_log_m = float(np.dot(x, np.log(m)))
    sum_log_m = float(np.sum(np.log(m)))
    sum_x_log_x = float(np.dot(x, np.log(x)))
    mx = m * x

    def objective(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        calls[0] += 1
        if cancel is not None and calls[0] % 5 == 0:
            cancel.check()
        p, q, gamma = params = np.exp(log_params)
        with np.errstate(all="ignore"):
            pxs = p * xs
            log_total = np.log(gamma + mx)
            px_q = p * x + q
            log_gamma = np.log(gamma)
            # Sum of log_likelihood_terms, regrouped.
            value = float(
                np.dot(counts, gammaln(pxs + q) - gammaln(pxs))
                - n * gammaln(q)
                + n * q * log_gamma
                + p * sum_x_log_m
                - sum_log_m
                + p * sum_x_log_x
                - np.dot(px_q, log_total)
            )
            dg = digamma(pxs + q)
            d_p = (
                float(np.dot(counts * xs, dg - digamma(pxs)))
                + sum_x_log_m
                + sum_x_log_x
                - float(np.dot(x, log_total))
            )
            d_q = float(np.dot(counts, dg)) - n * digamma(q) + n * log_gamma - float(np.sum(log_total))
            d_gamma = n * q / gamma - float(np.sum(px_q / (gamma + mx)))
        gradient = np.array([d_p, d_q, d_gamma])
        if not np.isfinite(value) or not np.all(np.isfinite(gradient)):
            return 1e300, np.zeros(3)
        return -value, -gradient * params

    start = np.log([1.0, 1.0, max(float(np.mean(m)), 1e-3)])
    best = minimize_bounded(objective, start, bounds=[(-12, 14)] * 3)
    if not best.success:
        fallback = nelder_mead(lambda p: objective(p)[0], best.x, max_iter=4000, xatol=1e-8, fatol=1e-8)
        if fallback.fun <= best.fun:
            best = fallback
    p, q, gamma = np.exp(best.x)
    return GammaGammaFit(
        p=float(p),
        q=float(q),
        gamma=float(gamma),
        log_likelihood=-float(best.fun),
        converged=bool(best.success),
    )


def expected_average_value(
    fit_: GammaGammaFit, x: np.ndarray, m: np.ndarray, population_mean: float
) -> np.ndarray:
    """Expected value of a customer's future purchases; the population mean when ``x == 0``.

    E[M | x, m] = p (gamma + x m) / (p x + q - 1), a weighted mean of the customer's own mean and the
    population's; with q <= 1 the population mean is infinite, so the customer's mean is used.
    """
    x = np.asarray(x, float)
    m = np.nan_to_num(np.asarray(m, float), nan=0.0)
    p, q, gamma = fit_.p, fit_.q, fit_.gamma
    denominator = p * x + q - 1
    value = np.where(denominator > 0, p * (gamma + x * m) / np.where(denominator > 0, denominator, 1.0), m)
    return np.where(x > 0, value, population_mean)
