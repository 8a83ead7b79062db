"""Control groups: a seeded random share of each segment kept out of the campaign.

The draw is per segment and reproducible: customers of a segment are sorted by id, then drawn
with a generator seeded by ``analysis.seed`` and the segment key, so the same project gives the
same control group whatever the row order or the other segments. The share is the plan's
``control_share`` when the user set one, else ``analysis.control_share`` (default 10%).

The smallest uplift a segment can detect (two-sided 5% test, 80% power, normal approximation
for two proportions) tells the user whether the control group can say anything; below
:data:`MIN_CONTROL` customers held out, or when only an uplift above :data:`MAX_USEFUL_MDE`
could be seen, the plan carries a warning.
"""

from __future__ import annotations

import math
import zlib
from statistics import NormalDist

import numpy as np

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import Messages, group_digits, takes_plural

MIN_CONTROL = 10  # fewer customers held out than this cannot tell anything
MAX_USEFUL_MDE = 0.15  # an uplift above 15 points is beyond what a campaign can hope for
ALPHA = 0.05
POWER = 0.8

C = Messages(
    {
        "ok": (
            "Control group of {control} customers: an uplift of {mde} points or more in conversion can be told from chance.",
            "Groupe témoin de {control} clients : une hausse de {mde} points ou plus de la conversion pourra être distinguée du hasard.",
        ),
        "small": (
            "Too small for a control group to say much: with {control} customers held out, only an uplift of {mde} points or more could be told from chance. Measure this segment together with a similar one, or raise the control share.",
            "Trop petit pour qu'un groupe témoin dise grand-chose : avec {control} clients mis de côté, seule une hausse de {mde} points ou plus pourrait être distinguée du hasard. Mesurez ce segment avec un segment proche, ou augmentez la part du groupe témoin.",
        ),
        "small_one": (
            "Too small for a control group to say much: with {control} customer held out, only an uplift of {mde} points or more could be told from chance. Measure this segment together with a similar one, or raise the control share.",
            "Trop petit pour qu'un groupe témoin dise grand-chose : avec {control} client mis de côté, seule une hausse de {mde} points ou plus pourrait être distinguée du hasard. Mesurez ce segment avec un segment proche, ou augmentez la part du groupe témoin.",
        ),
        "none": (
            "No control group: the campaign's effect cannot be compared with customers who were not contacted.",
            "Pas de groupe témoin : l'effet de la campagne ne pourra pas être comparé à des clients non contactés.",
        ),
    }
)


def control_size(size: int, share: float) -> int:
    """How many of ``size`` customers are held out for ``share`` (rounded, at least one contacted)."""
    if size <= 0 or share <= 0:
        return 0
    count = math.floor(size * share + 0.5)
    return max(0, min(count, size - 1))


def minimum_detectable_uplift(
    contacted: int, control: int, base_rate: float, alpha: float = ALPHA, power: float = POWER
) -> float:
    """The smallest difference in conversion rate (as a fraction) a test could detect.

    Normal approximation for two proportions around ``base_rate``:
    ``(z_{1-alpha/2} + z_power) * sqrt(p (1 - p) (1/n_contacted + 1/n_control))``. NaN when a
    group is empty.
    """
    if contacted <= 0 or control <= 0:
        return float("nan")
    p = min(max(base_rate, 0.01), 0.99)
    z = NormalDist().inv_cdf(1 - alpha / 2) + NormalDist().inv_cdf(power)
    return float(z * math.sqrt(p * (1 - p) * (1 / contacted + 1 / control)))


def control_advice(size: int, share: float, base_rate: float, lang: str) -> dict[str, object]:
    """Control size, detectable uplift and the sentence for the user, for one segment.

    Returns ``control_size``, ``mde`` (fraction, None without control), ``control_too_small``
    (bool) and ``control_note`` (text).
    """
    control = control_size(size, share)
    contacted = size - control
    mde = minimum_detectable_uplift(contacted, control, base_rate)
    if control == 0:
        return {
            "control_size": 0,
            "mde": None,
            "control_too_small": size > 0,
            "control_note": C("none", lang),
        }
    too_small = control < MIN_CONTROL or mde > MAX_USEFUL_MDE
    points = round(100 * mde)
    key = "small" if too_small else "ok"
    if not takes_plural(control, lang) and C.has(key + "_one"):
        key += "_one"  # "with 1 customer held out"
    note = C(key, lang, control=group_digits(control, lang), mde=points)
    return {"control_size": control, "mde": mde, "control_too_small": too_small, "control_note": note}


def _segment_seed(seed: int, key: str) -> list[int]:
    """A generator seed made of the analysis seed and a stable hash of the segment key."""
    return [int(seed) & 0xFFFFFFFF, zlib.crc32(key.encode("utf-8"))]


def draw_control(analysis: Analysis) -> None:
    """Mark a seeded random share of each segment as the control group (not to be contacted).

    Adds (or replaces) the bool column ``control`` of ``analysis.segmentation.assignments`` and
    updates each plan's ``control_size``, ``mde``, ``control_too_small`` and ``control_note``.
    """
    seg = analysis.segmentation
    if seg is None:
        raise ValueError("draw_control needs a segmentation")
    assignments = seg.assignments
    flags = np.zeros(len(assignments), dtype=bool)
    segment = assignments[s.A_SEGMENT].astype("string")
    ids = np.asarray(assignments.index.astype(str), dtype=object)
    for key, positions in segment.groupby(segment, sort=False, observed=True).indices.items():
        key = str(key)
        plan = analysis.plans.get(key, {})
        share = float(plan.get("control_share", analysis.control_share))
        # Sorted by customer id, so the draw never depends on the row order.
        positions = np.asarray(positions)[np.argsort(ids[positions], kind="stable")]
        count = control_size(len(positions), share)
        if count:
            rng = np.random.default_rng(_segment_seed(analysis.seed, key))
            flags[positions[rng.choice(len(positions), size=count, replace=False)]] = True
        if plan:
            base = float(plan.get("response_rate", 0.05) or 0.05)
            plan.update(control_advice(len(positions), share, base, analysis.lang))
            plan["control_share"] = share
    assignments[s.A_CONTROL] = flags
