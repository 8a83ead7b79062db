"""Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves").

Fitted on the customers with at least one repeat purchase: ``x`` repeat purchases and ``m`` the
mean value of those repeat purchases. Parameters ``p``, ``q``, ``gamma`` (in money).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

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
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
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

    log_m, log_x = np.log(m), np.log(x)

    def objective(log_params: np.ndarray) -> tuple[float, np.ndarray]:
        calls[0] += 1
        if cancel is not None and calls[0] % 5 == 0:
            cancel.check()
        p, q, gamma = params = np.exp(log_params)
        with np.errstate(all="ignore"):
            px = p * x
            log_total = np.log(gamma + m * x)
            value = float(np.sum(log_likelihood_terms(params, x, m)))
            dg = special.digamma(px + q)
            d_p = np.sum(x * (dg - special.digamma(px) + log_m + log_x - log_total))
            d_q = np.sum(dg - special.digamma(q) + np.log(gamma) - log_total)
            d_gamma = np.sum(q / gamma - (px + q) / (gamma + m * x))
        gradient = np.array([d_p, d_q, d_gamma])
        if not np.isfinite(value) or not np.all(np.isfinite(gradient)):
            return 1e300, np.zeros(3)
        return -value, -gradient * params

    start = np.log([1.0, 1.0, max(float(np.mean(m)), 1e-3)])
    best = optimize.minimize(objective, start, jac=True, method="L-BFGS-B", bounds=[(-12, 14)] * 3)
    if not best.success:
        fallback = optimize.minimize(
            lambda p: objective(p)[0],
            best.x,
            method="Nelder-Mead",
            options={"maxiter": 4000, "xatol": 1e-8, "fatol": 1e-8},
        )
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
