"""segmenter_app.core.numeric: the plain-NumPy replacements for the SciPy calls the app made.

Checked against closed forms, published table values and values hard-coded from SciPy (so the
tests still check something once SciPy is gone), and against SciPy itself while it is installed.
"""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from segmenter_app.core import numeric as nm

EULER_GAMMA = 0.5772156649015329


# --- log-gamma and digamma --------------------------------------------------------------------


def test_gammaln_matches_math_lgamma_on_arrays_and_scalars():
    values = np.concatenate([np.linspace(1e-6, 5, 97), np.linspace(5, 5000, 101), [0.5, 1.0, 2.0, 1e8]])
    expected = np.array([math.lgamma(v) for v in values])
    got = nm.gammaln(values)
    assert got.shape == values.shape
    np.testing.assert_allclose(got, expected, rtol=1e-15, atol=0)
    # Repeated arguments (the likelihoods' r + x over whole counts) and a 2-D shape.
    grid = np.tile([0.243, 1.243, 2.243], (400, 2))
    np.testing.assert_allclose(nm.gammaln(grid)[7], [math.lgamma(v) for v in grid[7]], rtol=1e-15)
    assert isinstance(nm.gammaln(3.5), float)
    assert nm.gammaln(3.5) == pytest.approx(math.log(3.3233509704478426), rel=1e-15)


def test_gammaln_poles_and_nan():
    got = nm.gammaln(np.array([0.0, -1.0, -2.0, np.nan, np.inf]))
    assert got[:3].tolist() == [np.inf] * 3
    assert math.isnan(got[3])
    assert got[4] == np.inf
    # Negative non-integers: log |Gamma| (Gamma(-0.5) = -2 sqrt(pi)).
    assert nm.gammaln(-0.5) == pytest.approx(math.log(2 * math.sqrt(math.pi)), rel=1e-15)


def test_digamma_known_values():
    assert nm.digamma(1.0) == pytest.approx(-EULER_GAMMA, rel=1e-15, abs=1e-15)
    assert nm.digamma(0.5) == pytest.approx(-1.9635100260214235, rel=1e-15)
    assert nm.digamma(0.5) == pytest.approx(-EULER_GAMMA - 2 * math.log(2), rel=1e-15)
    # psi(n) = H_(n-1) - gamma for whole n.
    for n in (2, 3, 7, 10, 11, 50):
        harmonic = sum(1.0 / k for k in range(1, n))
        assert nm.digamma(float(n)) == pytest.approx(harmonic - EULER_GAMMA, rel=1e-14)
    # psi(1/4) = -gamma - pi/2 - 3 ln 2 (A&S 6.3.4 with Gauss's digamma theorem).
    assert nm.digamma(0.25) == pytest.approx(-EULER_GAMMA - math.pi / 2 - 3 * math.log(2), rel=1e-14)
    # Near 0: psi(x) ~ -1/x - gamma; large x: ln x - 1/(2x).
    assert nm.digamma(1e-9) == pytest.approx(-1e9 - EULER_GAMMA, rel=1e-15)
    assert nm.digamma(1e6) == pytest.approx(math.log(1e6) - 0.5e-6 - 1 / 12e12, rel=1e-15)
    # Poles give NaN; negative non-integers by reflection: psi(-0.5) = psi(0.5) + 2.
    assert math.isnan(nm.digamma(0.0)) and math.isnan(nm.digamma(-3.0))
    assert nm.digamma(-0.5) == pytest.approx(-1.9635100260214235 + 2.0, rel=1e-14)


def test_digamma_is_the_derivative_of_lgamma_and_keeps_its_recurrence():
    x = np.concatenate([np.linspace(0.05, 12, 60), [0.243, 2.426, 33.3, 250.0]])
    h = 1e-5 * np.maximum(x, 1.0)
    # Central difference: error O(h^2 lgamma''') plus rounding ~ 1e-16 |lgamma| / h.
    numeric = (np.array([math.lgamma(v + hh) - math.lgamma(v - hh) for v, hh in zip(x, h, strict=True)])) / (
        2 * h
    )
    np.testing.assert_allclose(nm.digamma(x), numeric, rtol=1e-7, atol=1e-7)
    np.testing.assert_allclose(nm.digamma(x + 1), nm.digamma(x) + 1 / x, rtol=1e-14, atol=1e-14)


def test_gamma_functions_against_scipy():
    special = pytest.importorskip("scipy.special")
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(1e-7, 3, 3000), rng.uniform(3, 1e4, 3000)])
    np.testing.assert_allclose(nm.gammaln(x), special.gammaln(x), rtol=2e-15, atol=2e-15)
    np.testing.assert_allclose(nm.digamma(x), special.digamma(x), rtol=3e-15, atol=3e-15)


# --- Gauss hypergeometric function --------------------------------------------------------------

# BG/NBD's conditional expectation calls 2F1(r + x, b + x; a + b + x - 1; t / (alpha + T + t)); these
# use the CDNOW parameters (r, alpha, a, b) = (0.243, 4.414, 0.793, 2.426). Values from SciPy 1.x
# (scipy.special.hyp2f1), which agreed with a long-double sum of the series to 1e-15.
HYP2F1_REFERENCE = [
    ((0.243, 2.426, 2.219, 0.473795466142), 1.1901068870834062),
    ((1.243, 3.426, 3.219, 0.531233824611), 2.7567699245277724),
    ((2.243, 4.426, 4.219, 0.545565184548), 6.482205489088973),
    ((5.243, 7.426, 7.219, 0.515729757607), 50.38078110260262),
    ((10.243, 12.426, 12.219, 0.846712475983), 314656802.62489796),
    ((30.243, 32.426, 32.219, 0.479033090132), 417287366.4244412),
    ((60.243, 62.426, 62.219, 0.950518215219), 8.279529515503361e78),
    ((0.243, 2.426, 2.219, 0.921757010671), 2.1078928115007254),
    ((2.0, 3.0, 4.0, 0.9), 21.78942310292968),
    ((3.5, -1.5, 2.25, 0.6), -0.05446809121238995),
    ((12.0, 15.0, 9.0, 0.3), 1039.8296412198388),
    ((-2.0, 3.0, 4.0, 0.7), 0.244),  # a polynomial: 1 - 1.05 + 0.294
]


def test_hyp2f1_reference_values():
    for args, expected in HYP2F1_REFERENCE:
        assert nm.hyp2f1(*args) == pytest.approx(expected, rel=1e-13), args
    # All at once, as arrays, in the same order.
    columns = [np.array(column) for column in zip(*(args for args, _ in HYP2F1_REFERENCE), strict=True)]
    np.testing.assert_allclose(nm.hyp2f1(*columns), [v for _, v in HYP2F1_REFERENCE], rtol=1e-13)


def test_hyp2f1_closed_forms():
    z = np.linspace(0, 0.99, 34)
    # 2F1(1, 1; 2; z) = -ln(1 - z) / z (A&S 15.1.3).
    expected = np.where(z > 0, -np.log1p(-z) / np.where(z > 0, z, 1), 1.0)
    np.testing.assert_allclose(nm.hyp2f1(1.0, 1.0, 2.0, z), expected, rtol=1e-13)
    # 2F1(1/2, 1/2; 3/2; z^2) = arcsin(z) / z (A&S 15.1.6).
    w = np.linspace(0.01, 0.99, 30)
    np.testing.assert_allclose(nm.hyp2f1(0.5, 0.5, 1.5, w * w), np.arcsin(w) / w, rtol=1e-13)
    # 2F1(a, b; b; z) = (1 - z)^(-a) (A&S 15.1.8), a large exponent.
    np.testing.assert_allclose(nm.hyp2f1(40.5, 3.0, 3.0, z), (1 - z) ** -40.5, rtol=1e-12)
    assert nm.hyp2f1(0.3, 0.7, 1.1, 0.0) == 1.0


def test_hyp2f1_domain_and_shapes():
    assert math.isnan(nm.hyp2f1(1.0, 1.0, 2.0, 1.0))
    assert math.isnan(nm.hyp2f1(1.0, 1.0, 2.0, -0.5))
    assert math.isnan(nm.hyp2f1(1.0, 1.0, -2.0, 0.5))  # c a non-positive integer
    out = nm.hyp2f1(np.array([[0.243], [1.243]]), 2.426, np.array([2.219, 3.0, 4.0]), 0.5)
    assert out.shape == (2, 3)
    assert out[0, 0] == pytest.approx(nm.hyp2f1(0.243, 2.426, 2.219, 0.5), rel=1e-15)


def test_hyp2f1_against_scipy():
    special = pytest.importorskip("scipy.special")
    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
    x = np.repeat(np.arange(0.0, 80.0), 25)
    T = np.tile(np.linspace(0.0, 78.0, 25), 80)
    for t in (1.0, 13.0, 52.0, 156.0):
        z = t / (alpha + T + t)
        args = (r + x, b + x, a + b + x - 1, z)
        np.testing.assert_allclose(nm.hyp2f1(*args), special.hyp2f1(*args), rtol=1e-12)
    # General positive arguments: SciPy itself is off by up to ~1e-9 on some of these (checked
    # against a long-double sum), hence the looser tolerance.
    rng = np.random.default_rng(5)
    args = (
        rng.uniform(0.01, 20, 2000),
        rng.uniform(0.01, 20, 2000),
        rng.uniform(0.3, 30, 2000),
        rng.uniform(0, 0.95, 2000),
    )
    np.testing.assert_allclose(nm.hyp2f1(*args), special.hyp2f1(*args), rtol=1e-8)


# --- minimisers ---------------------------------------------------------------------------------


def _rosenbrock(x: np.ndarray) -> tuple[float, np.ndarray]:
    value = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
    gradient = np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])
    return value, gradient


def test_minimize_bounded_finds_an_interior_minimum():
    result = nm.minimize_bounded(_rosenbrock, [-1.2, 1.0], [(-5, 5), (-5, 5)])
    assert result.success
    np.testing.assert_allclose(result.x, [1.0, 1.0], atol=1e-4)
    assert result.fun < 1e-8
    assert 0 < result.nit < 200 and result.nfev >= result.nit


def test_minimize_bounded_stops_at_a_bound():
    # The box cuts the valley: the minimum over x0 <= 0.5 is at (0.5, 0.25), on the bound.
    result = nm.minimize_bounded(_rosenbrock, [-1.2, 1.0], [(-5, 0.5), (-5, 0.5)])
    assert result.success
    np.testing.assert_allclose(result.x, [0.5, 0.25], atol=1e-5)
    assert result.fun == pytest.approx(0.25, abs=1e-8)
    # A starting point outside the box is moved into it.
    quadratic = nm.minimize_bounded(lambda x: (float(x @ x), 2 * x), [10.0, -10.0, 3.0], [(1, 4)] * 3)
    np.testing.assert_allclose(quadratic.x, [1.0, 1.0, 1.0])


def test_minimize_bounded_backs_off_where_the_value_is_not_finite():
    # A log barrier: +inf (and a zero gradient, as the fits return) past x = 2.
    def barrier(x: np.ndarray) -> tuple[float, np.ndarray]:
        if x[0] >= 2:
            return 1e300 if x[0] < 3 else math.inf, np.zeros(1)
        return -x[0] - math.log(2 - x[0]), np.array([-1 + 1 / (2 - x[0])])

    result = nm.minimize_bounded(barrier, [-3.0], [(-10, 10)])
    assert result.success
    assert result.x[0] == pytest.approx(1.0, abs=1e-5)


def test_minimize_bounded_reports_a_failed_line_search():
    # A gradient that points the wrong way: no step decreases the value.
    result = nm.minimize_bounded(lambda x: (float(x @ x), -2 * x), [1.0, 1.0], [(-5, 5)] * 2)
    assert not result.success
    assert result.message == "line search failed"


def test_nelder_mead_minimises_without_derivatives():
    result = nm.nelder_mead(lambda x: _rosenbrock(x)[0], [-1.2, 1.0], max_iter=4000, xatol=1e-8, fatol=1e-8)
    assert result.success
    np.testing.assert_allclose(result.x, [1.0, 1.0], atol=1e-6)
    # A NaN value counts as worse than anything.
    shifted = nm.nelder_mead(lambda x: math.nan if x[0] < 0 else (x[0] - 2) ** 2, [1.0])
    assert shifted.x[0] == pytest.approx(2.0, abs=1e-3)
    limited = nm.nelder_mead(lambda x: _rosenbrock(x)[0], [-1.2, 1.0], max_iter=5)
    assert not limited.success and limited.nit == 5


# --- incomplete beta and Student t ----------------------------------------------------------------


def test_betainc_known_values():
    for x in (0.0, 0.1, 0.37, 0.5, 0.93, 1.0):
        assert nm.betainc(1.0, 1.0, x) == pytest.approx(x, abs=1e-15)
        assert nm.betainc(3.5, 1.0, x) == pytest.approx(x**3.5, rel=1e-13, abs=1e-300)
    assert nm.betainc(7.3, 7.3, 0.5) == pytest.approx(0.5, rel=1e-14)
    # I_x(a, b) + I_(1-x)(b, a) = 1.
    assert nm.betainc(2.5, 0.5, 0.8) + nm.betainc(0.5, 2.5, 0.2) == pytest.approx(1.0, rel=1e-14)


# Two-sided 95% critical values (the 0.975 quantile), from published t tables.
T_TABLE = {1: 12.7062047, 2: 4.30265273, 5: 2.57058184, 10: 2.22813885, 30: 2.04227246, 1000: 1.96233908}


def test_t_ppf_table_values():
    for df, expected in T_TABLE.items():
        assert nm.t_ppf(0.975, df) == pytest.approx(expected, abs=5e-8), df
        assert nm.t_ppf(0.025, df) == pytest.approx(-expected, abs=5e-8), df
    # Closed forms: df = 1 is Cauchy, tan(pi (p - 1/2)) = -1 / tan(pi p); df = 2:
    # (2p - 1) sqrt(2 / (4p (1 - p))).
    for p in (0.6, 0.9, 0.975, 0.999, 1e-6):
        assert nm.t_ppf(p, 1) == pytest.approx(-1 / math.tan(math.pi * p), rel=1e-12)
        assert nm.t_ppf(p, 2) == pytest.approx((2 * p - 1) * math.sqrt(2 / (4 * p * (1 - p))), rel=1e-12)
    assert nm.t_ppf(0.5, 7.5) == 0.0
    assert nm.t_ppf(1.0, 3) == math.inf and nm.t_ppf(0.0, 3) == -math.inf
    assert math.isnan(nm.t_ppf(1.5, 3)) and math.isnan(nm.t_ppf(0.9, 0))


def test_t_ppf_inverts_t_cdf_for_fractional_df():
    # Welch's degrees of freedom are not whole numbers.
    for df in (0.8, 1.7, 4.42, 27.3, 512.6, 54321.5, 3e6):
        for p in (1e-9, 0.01, 0.2, 0.975, 0.9999):
            t = nm.t_ppf(p, df)
            assert nm.t_cdf(t, df) == pytest.approx(p, rel=1e-10), (df, p)
    # Many degrees of freedom: the normal quantile plus (z^3 + z) / (4 df) (A&S 26.7.5).
    z = 1.959963984540054
    assert nm.t_ppf(0.975, 1e7) == pytest.approx(z + (z**3 + z) / 4e7, rel=1e-15)


def test_t_against_scipy():
    stats = pytest.importorskip("scipy.stats")
    for df in np.geomspace(0.3, 3e7, 60):
        for p in (1e-12, 0.001, 0.025, 0.3, 0.4999, 0.8, 0.975, 1 - 1e-9):
            assert nm.t_ppf(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-11), (df, p)
        for t in (-30.0, -2.0, 0.3, 1.96, 8.0):
            # (t_cdf loses digits past 1e5 degrees of freedom; t_ppf switches method there.)
            rel = 1e-11 if df < 1e5 else 1e-8
            assert nm.t_cdf(t, df) == pytest.approx(stats.t.cdf(t, df), rel=rel, abs=1e-300), (df, t)


# --- SciPy is no longer needed ------------------------------------------------------------------


def test_predictive_and_measure_do_not_import_scipy():
    # A fresh interpreter: other tests in this session may have imported SciPy already.
    code = (
        "import sys\n"
        "import segmenter_app.core.segmentation.predictive\n"
        "import segmenter_app.core.segmentation.predictive.bgnbd\n"
        "import segmenter_app.core.segmentation.predictive.gammagamma\n"
        "import segmenter_app.core.measure.stats\n"
        "import segmenter_app.core.numeric\n"
        "print(sorted(name for name in sys.modules if name == 'scipy' or name.startswith('scipy.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
