"""Step 4, Act: a tailored, editable plan per segment, its budget, and a control group.

``suggest_plans(analysis)`` fills ``analysis.plans`` (see ``plans.py`` for the fields);
``draw_control(analysis)`` adds the bool column ``control`` to the segment assignments;
``update_plan(analysis, key, **changes)`` applies the user's edits.
"""

from segmenter_app.core.actions.control import control_advice, draw_control, minimum_detectable_uplift
from segmenter_app.core.actions.plans import EDITABLE, build_plan, suggest_plans, update_plan

__all__ = [
    "EDITABLE",
    "build_plan",
    "control_advice",
    "draw_control",
    "minimum_detectable_uplift",
    "suggest_plans",
    "update_plan",
]
