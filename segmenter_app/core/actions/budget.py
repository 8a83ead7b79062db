"""Budget of a plan: cost, expected revenue, expected return, ROI, and priorities.

For a segment of ``size`` customers with ``control_size`` held out, the plan contacts
``contacts = size - control_size`` customers. With a cost per contact and an expected response
rate (both editable):

    expected_conversions = contacts x response_rate
    expected_revenue     = expected_conversions x avg_basket
    budget               = contacts x cost_per_contact
    expected_return      = expected_revenue - budget
    roi                  = expected_return / budget      (None when the budget is zero)

The cost of the offer itself (a gift, a discount) is the user's to add to ``cost_per_contact``:
the app cannot know the shop's margins. Priority 1 is the plan with the highest expected return.
"""

from __future__ import annotations

import math
from typing import Any

# Default cost of one contact per channel, in the shop's currency: an email campaign tool's cost
# per message, an SMS, ten minutes of the owner's time on the phone, a printed and posted
# letter, a printed voucher. The user edits them.
DEFAULT_COST_PER_CONTACT = {
    "email": 0.05,
    "sms": 0.10,
    "phone": 3.00,
    "letter": 1.50,
    "in_store": 0.30,
}


def _num(value: Any, default: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(number) else number


def compute_budget(plan: dict[str, Any]) -> dict[str, Any]:
    """Fill a plan's ``contacts``, expected figures, ``budget``, ``expected_return`` and ``roi``.

    Reads ``size``, ``control_size``, ``cost_per_contact``, ``response_rate`` and
    ``avg_basket``; updates ``plan`` in place and returns it.
    """
    size = int(_num(plan.get("size")))
    contacts = max(0, size - int(_num(plan.get("control_size"))))
    response = min(max(_num(plan.get("response_rate")), 0.0), 1.0)
    basket = max(_num(plan.get("avg_basket")), 0.0)
    cost = max(_num(plan.get("cost_per_contact")), 0.0)
    conversions = contacts * response
    revenue = conversions * basket
    budget = contacts * cost
    net = revenue - budget
    plan.update(
        contacts=contacts,
        expected_conversions=round(conversions, 2),
        expected_revenue=round(revenue, 2),
        budget=round(budget, 2),
        expected_return=round(net, 2),
        roi=round(net / budget, 3) if budget > 0 else None,
    )
    return plan


def prioritize(plans: dict[str, dict[str, Any]]) -> None:
    """Number the plans by expected return (1 = first), keeping priorities the user set."""
    manual = {key for key, plan in plans.items() if "priority" in plan.get("edited", [])}
    automatic = sorted(
        (key for key in plans if key not in manual),
        key=lambda k: (plans[k].get("size", 0) == 0, -_num(plans[k].get("expected_return"))),
    )
    taken = {int(_num(plans[k].get("priority"))) for k in manual}
    rank = 1
    for key in automatic:
        while rank in taken:
            rank += 1
        plans[key]["priority"] = rank
        rank += 1
