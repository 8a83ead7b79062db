"""Step 4: playbooks for every segment, plans fitted to the segment's figures, budgets, edits."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from test_actions_support import RFM_KEYS, make_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.actions import fitting as f
from segmenter_app.core.actions import suggest_plans, update_plan
from segmenter_app.core.actions.playbooks import PLAYBOOKS, TEXTS, lookup
from segmenter_app.core.i18n import UserError

TEXT_FIELDS = ("persona", "objective", "message", "offer", "channel", "timing", "kpi", "avoid")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_rfm_segment_gets_its_own_playbook_with_every_field(lang):
    analysis = make_analysis(lang=lang)
    plans = suggest_plans(analysis)
    assert list(plans) == list(RFM_KEYS)
    for key, plan in plans.items():
        assert plan["playbook"] == key.split(":")[1]
        assert plan["basis"] == "key"
        for field in TEXT_FIELDS:
            assert isinstance(plan[field], str) and len(plan[field]) > 10, (key, field)
        assert "{" not in plan["offer"] and "}" not in plan["message"]
    # The texts really are in the chosen language.
    champions = plans["rfm:champions"]["objective"]
    assert ("clients" in champions) == (lang == "fr")


def test_every_playbook_has_all_texts_in_both_languages():
    for pid in PLAYBOOKS:
        for field in ("name", "objective", "message", "offer", "offer_discount", "timing", "kpi", "avoid"):
            assert TEXTS.has(f"{pid}.{field}"), (pid, field)
            en, fr = TEXTS.texts[f"{pid}.{field}"]
            assert en.strip() and fr.strip()
    # Every offer with a discount variant says the discount.
    for pid, playbook in PLAYBOOKS.items():
        if playbook.discount != "never":
            assert "{discount}" in TEXTS.texts[f"{pid}.offer_discount"][0], pid


@pytest.mark.parametrize(
    ("key", "name", "expected"),
    [
        ("rfm:champions", None, "champions"),
        ("rfm:cant_lose", None, "cant_lose"),
        ("rfm:cant_lose_them", None, "cant_lose"),
        ("somethingelse:at_risk", None, "at_risk"),
        ("rule:inactive_3m", None, "inactive"),
        ("rule:super_buyers", None, "super_buyers"),
        ("rule:biggest_spenders", None, "biggest_spenders"),
        ("rule:one_time_buyers", None, "one_time_buyers"),
        ("rule:new_customers", None, "new_customers"),
        ("rule:dormant", None, "dormant"),
        ("rule:loyal", None, "loyal"),
        ("rule:coupon_driven", None, "coupon_driven"),
        ("rule:due_to_reorder", None, "due_to_reorder"),
        ("pred:churn_risk", None, "churn_risk"),
        ("rule:3", "Super acheteurs", "super_buyers"),
        ("rule:4", "Can't lose them", "cant_lose"),
        ("rule:others", None, "others"),
        ("cluster:0", "Cluster 1", None),
    ],
)
def test_segment_keys_find_their_playbook(key, name, expected):
    assert lookup(key, name) == expected


def test_clusters_get_a_playbook_from_their_profile():
    analysis = make_analysis(n=300)
    customers = analysis.customers
    # cluster 0: long gone, cluster 1: frequent big spenders, cluster 2: everyone else
    recency = customers[s.C_RECENCY]
    big = (customers[s.C_FREQUENCY] >= 4) & (recency < 300)
    keys = pd.Series("cluster:2", index=customers.index)
    keys[recency > 600] = "cluster:0"
    keys[big] = "cluster:1"
    customers[s.C_DISCOUNT_SHARE] = 0.0
    analysis = make_analysis(n=300, keys=keys, method="clusters")
    analysis.customers[s.C_DISCOUNT_SHARE] = 0.0
    plans = suggest_plans(analysis)
    assert plans["cluster:0"]["basis"] == "profile"
    assert plans["cluster:0"]["playbook"] in ("hibernating", "at_risk", "cant_lose")
    assert plans["cluster:1"]["playbook"] == "champions"
    assert "profile" in plans["cluster:1"]["basis_note"]


def test_offer_threshold_comes_from_the_segments_average_basket():
    analysis = make_analysis()
    plans = suggest_plans(analysis)
    for plan in plans.values():
        basket = plan["avg_basket"]
        assert basket * 1.2 <= plan["threshold"] <= basket * 1.2 + 10, plan["key"]
        assert f"€{plan['threshold']:.0f}" in plan["offer"]
    assert f.nice_round_up(51.6) == 60
    assert f.nice_round_up(17) == 20
    assert f.nice_round_up(212) == 225
    assert math.isnan(f.nice_round_up(0))


def test_discounts_only_for_discount_driven_segments():
    analysis = make_analysis()
    analysis.customers[s.C_DISCOUNT_SHARE] = 0.0
    plans = suggest_plans(analysis)
    assert all(plan["discount"] == 0 for plan in plans.values())
    assert all("%" not in plan["offer"] for plan in plans.values())

    analysis.customers[s.C_DISCOUNT_SHARE] = 0.8
    plans = suggest_plans(analysis)
    assert plans["rfm:champions"]["discount"] == 0  # never for the best, even when they like codes
    assert plans["rfm:loyal"]["discount"] == 0
    assert plans["rfm:at_risk"]["discount"] == pytest.approx(0.15)
    assert "15%" in plans["rfm:at_risk"]["offer"]
    assert plans["rfm:promising"]["discount"] == pytest.approx(0.10)


def test_channel_follows_reachability():
    analysis = make_analysis()
    c = analysis.customers
    c[s.C_HAS_EMAIL] = True
    c[s.C_HAS_PHONE] = False
    c[s.C_CONTACTABLE] = True
    plans = suggest_plans(analysis)
    assert {p["channel_key"] for p in plans.values()} == {"email"}
    # A small, valuable win-back segment with phone numbers is worth a personal call.
    c[s.C_HAS_PHONE] = True
    plans = suggest_plans(analysis)
    assert plans["rfm:cant_lose"]["channel_key"] == "phone"
    assert plans["rfm:hibernating"]["channel_key"] == "email"
    assert plans["rfm:loyal"]["channel"].startswith("Email: 100%")

    # No consent to email: a small valuable win-back segment is called, the others get vouchers.
    c[s.C_HAS_EMAIL] = False
    c[s.C_HAS_PHONE] = True
    plans = suggest_plans(analysis)
    assert plans["rfm:cant_lose"]["size"] <= f.SMALL_SEGMENT
    assert plans["rfm:cant_lose"]["channel_key"] == "phone"
    assert plans["rfm:hibernating"]["channel_key"] == "in_store"

    # Not contactable at all (opted out): nothing but the in-store voucher.
    c[s.C_CONTACTABLE] = False
    plans = suggest_plans(analysis)
    assert {p["channel_key"] for p in plans.values()} <= {"in_store", "letter"}


def test_timing_from_the_segments_gap():
    analysis = make_analysis()
    analysis.customers[s.C_GAP] = 45.0
    analysis.customers[s.C_NEXT] = pd.NaT
    plans = suggest_plans(analysis)
    assert "6 weeks" in plans["rfm:loyal"]["timing"]  # 45 days said as weeks
    assert "act now" in plans["rfm:at_risk"]["timing"]
    keys = pd.Series("rule:due_to_reorder", index=analysis.customers.index)
    analysis2 = make_analysis(keys=keys, method="rules")
    analysis2.customers[s.C_GAP] = 60.0
    plan = suggest_plans(analysis2)["rule:due_to_reorder"]
    assert "about 6 days before" in plan["timing"] and "8 weeks after" in plan["timing"]


def test_persona_says_who_they_are():
    analysis = make_analysis()
    c = analysis.customers
    c[s.CITY] = "Lyon"
    c[s.C_FREQUENCY] = 4.0
    c[s.C_RECENCY] = 21.0
    c[s.C_HAS_EMAIL] = [i % 5 < 3 for i in range(len(c))]  # 60%
    c[s.C_CONTACTABLE] = True
    plans = suggest_plans(analysis)
    persona = plans["rfm:loyal"]["persona"]
    size = plans["rfm:loyal"]["size"]
    assert persona.startswith(f"{size} customers, mostly from Lyon (100%), 4 orders on average")
    assert "last purchase 3 weeks ago" in persona
    assert "reachable by email" in persona
    analysis.lang = "fr"
    persona = suggest_plans(analysis)["rfm:loyal"]["persona"]
    assert persona.startswith(f"{size} clients, surtout de Lyon (100\u00a0%), 4 commandes en moyenne")
    assert "dernier achat il y a 3 semaines" in persona


def test_budget_expected_return_and_priority():
    analysis = make_analysis()
    plans = suggest_plans(analysis)
    for plan in plans.values():
        contacts = plan["size"] - plan["control_size"]
        assert plan["contacts"] == contacts
        expected = contacts * plan["response_rate"] * plan["avg_basket"] - contacts * plan["cost_per_contact"]
        assert plan["expected_return"] == pytest.approx(expected, abs=0.02)
        if plan["budget"]:
            assert plan["roi"] == pytest.approx(plan["expected_return"] / plan["budget"], rel=1e-3, abs=1e-3)
    ranked = sorted(plans.values(), key=lambda p: p["priority"])
    assert [p["priority"] for p in ranked] == list(range(1, len(plans) + 1))
    returns = [p["expected_return"] for p in ranked]
    assert returns == sorted(returns, reverse=True)


def test_edits_change_the_budget_and_survive_a_new_suggestion():
    analysis = make_analysis()
    suggest_plans(analysis)
    plan = update_plan(analysis, "rfm:at_risk", cost_per_contact=2.0, response_rate="12%", message="Hello!")
    assert plan["response_rate"] == pytest.approx(0.12)
    assert plan["budget"] == pytest.approx(plan["contacts"] * 2.0)
    update_plan(analysis, "rfm:hibernating", priority=1)
    plans = suggest_plans(analysis)  # e.g. after renaming a segment: the edits stay
    assert plans["rfm:at_risk"]["message"] == "Hello!"
    assert plans["rfm:at_risk"]["cost_per_contact"] == 2.0
    assert plans["rfm:hibernating"]["priority"] == 1
    assert sorted(p["priority"] for p in plans.values() if p["key"] != "rfm:hibernating")[0] == 2
    with pytest.raises(UserError):
        update_plan(analysis, "rfm:at_risk", response_rate=1.5)
    with pytest.raises(UserError):
        update_plan(analysis, "rfm:at_risk", size=3)
    with pytest.raises(UserError):
        update_plan(analysis, "rfm:nope", message="x")


def test_empty_segment_gets_a_plan_with_no_cost():
    analysis = make_analysis()
    seg = analysis.segmentation
    seg.segments = pd.concat(
        [seg.segments, pd.DataFrame({"key": ["rule:others"], "name": ["Others"]})], ignore_index=True
    )
    plans = suggest_plans(analysis)
    assert plans["rule:others"]["size"] == 0
    assert plans["rule:others"]["budget"] == 0
    assert plans["rule:others"]["priority"] == len(plans)


def test_a_segment_living_elsewhere_gets_a_location_aware_offer():
    analysis = make_analysis()
    c = analysis.customers
    c[s.CITY] = "Lyon"
    at_risk = analysis.segmentation.assignments[s.A_SEGMENT] == "rfm:at_risk"
    c.loc[at_risk.to_numpy(), s.CITY] = "Genève"
    plans = suggest_plans(analysis)
    assert "Most of them are in Genève (100%)" in plans["rfm:at_risk"]["offer"]
    assert "currency" in plans["rfm:at_risk"]["offer"]
    assert "Most of them" not in plans["rfm:loyal"]["offer"]


def test_trend_followers_get_launches_first():
    analysis = make_analysis(keys=None)
    keys = pd.Series("rule:trend_followers", index=analysis.customers.index)
    plan = suggest_plans(make_analysis(keys=keys, method="rules"))["rule:trend_followers"]
    assert plan["playbook"] == "trend_followers"
    assert "new collection" in plan["message"] and plan["discount"] == 0


@pytest.mark.realdata
def test_a_customers_file_without_purchases_is_not_said_to_have_bought_once(mall_customers_csv):
    """Mall Customers has no purchase: its clusters' portraits read "0 orders on average, 100%
    bought only once". What the data does not know is left out."""
    from segmenter_app.core.analysis import Analysis
    from segmenter_app.core.collect import import_files
    from segmenter_app.core.customers import build_customer_table
    from segmenter_app.core.segmentation import segment

    for lang, words in (
        ("en", ("orders on average", "bought only once")),
        ("fr", ("commandes en moyenne", "qu'une fois")),
    ):
        analysis = Analysis(lang=lang)
        import_files(analysis, [str(mall_customers_csv)])
        build_customer_table(analysis)
        segment(analysis, "clusters", {"k": 3, "criteria": [s.AGE, s.GENDER]})
        plans = suggest_plans(analysis)
        assert len(plans) == 3
        for plan in plans.values():
            assert plan["persona"] and not any(w in plan["persona"] for w in words), plan["persona"]
