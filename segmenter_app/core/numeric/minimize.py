"""Minimisers for the few-parameter maximum-likelihood fits: projected BFGS inside a box (in place
of SciPy's L-BFGS-B) and the Nelder-Mead simplex (the fallback)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np


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
