"""Small numeric routines in plain NumPy and ``math``, in place of the few SciPy calls the app made.

SciPy is about 67 MB of the bundle (with its own OpenBLAS) for: log-gamma and digamma (the BG/NBD
and Gamma-Gamma likelihoods and gradients), the Gauss hypergeometric function (BG/NBD expected
purchases), a bounded quasi-Newton minimiser with a Nelder-Mead fallback (both fits), and the
Student t quantile (Welch's interval in the Measure step). Each is written here for the arguments
the app gives it (positive gamma arguments, 0 <= z < 1, a few parameters); sources are cited where
each formula is used.

- :mod:`.special`: :func:`gammaln`, :func:`digamma`, :func:`hyp2f1` (NumPy arrays).
- :mod:`.minimize`: :func:`minimize_bounded` (projected BFGS), :func:`nelder_mead`; both return
  an :class:`OptimizeResult` (``x``, ``fun``, ``success``, ``nit``, ``nfev``, ``message``).
- :mod:`.student_t`: :func:`t_ppf`, :func:`t_cdf`, :func:`betainc` (scalars).
"""

from segmenter_app.core.numeric.minimize import OptimizeResult, minimize_bounded, nelder_mead
from segmenter_app.core.numeric.special import digamma, gammaln, hyp2f1
from segmenter_app.core.numeric.student_t import betainc, t_cdf, t_ppf

__all__ = [
    "OptimizeResult",
    "betainc",
    "digamma",
    "gammaln",
    "hyp2f1",
    "minimize_bounded",
    "nelder_mead",
    "t_cdf",
    "t_ppf",
]
