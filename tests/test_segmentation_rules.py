"""Rules: conditions, priority, overlaps and Others counted and listed, presets, JSON files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from test_segmentation_data import online_retail_analysis, synthetic_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import UserError
from segmenter_app.core.segmentation import rule_presets, rules, segment


def _analysis(lang: str = "en") -> Analysis:
    analysis = Analysis(lang=lang)
    analysis.customers = pd.DataFrame(
        {
            s.C_RECENCY: [10, 100, 400, 30, 200, 5],
            s.C_FREQUENCY: [8, 1, 1, 2, 6, 1],
            s.C_MONETARY: [1200.0, 40.0, 60.0, 150.0, 900.0, 20.0],
            s.C_AVG_BASKET: [150.0, 40.0, 60.0, 75.0, 150.0, 20.0],
            s.CITY: ["Lyon", "paris", None, "Villeurbanne", "LYON", "Nice"],
            s.AGE: [34, np.nan, 70, 25, 51, np.nan],
        },
        index=pd.Index(["a", "b", "c", "d", "e", "f"], name=s.T_CUSTOMER),
    )
    return analysis


def _segments(seg) -> dict[str, str]:
    return seg.assignments[s.A_SEGMENT].to_dict()


def test_first_matching_rule_wins_and_overlaps_and_others_are_listed():
    """Priority order decides; a customer matching two rules is counted and says so."""
    analysis = _analysis()
    rule_list = [
        {
            "id": "vip",
            "name": "VIP",
            "when": {
                "all": [
                    {"field": "frequency", "op": ">", "value": 5},
                    {"field": "avg_basket", "op": ">", "value": 100},
                ]
            },
        },
        {
            "id": "lyon",
            "name": "Lyon area",
            "when": {"field": "city", "op": "in", "value": ["lyon", "Villeurbanne"]},
        },
        {"id": "old", "name": "Seniors", "when": {"field": "age", "op": ">=", "value": 65}},
    ]
    seg = segment(analysis, "rules", {"rules": rule_list})
    assert _segments(seg) == {
        "a": "rule:vip",
        "b": "rule:others",
        "c": "rule:old",
        "d": "rule:lyon",
        "e": "rule:vip",
        "f": "rule:others",
    }
    details = seg.details
    assert details["matched"] == {"rule:vip": 2, "rule:lyon": 3, "rule:old": 1}
    assert details["multi_match"] == 2 and details["multi_match_listed"] == ["a", "e"]
    assert details["others"] == 2 and details["others_listed"] == ["b", "f"]
    assert details["overlaps"] == {"rule:vip & rule:lyon": 2}
    assert seg.assignments.loc["a", "matched_rules"] == "VIP; Lyon area"
    assert seg.assignments.loc["a", s.A_REASON] == (
        "VIP: orders > 5 and average basket > 100 (orders 8, average basket 150) · also matches: Lyon area"
    )
    assert seg.assignments.loc["b", s.A_REASON].startswith(
        "No rule matched (days since last purchase 100, orders 1"
    )
    assert list(seg.segments["name"]) == ["VIP", "Lyon area", "Seniors", "Others"]
    assert rules.overlaps_table(seg).index.tolist() == ["a", "e"]
    assert rules.others_table(seg).index.tolist() == ["b", "f"]


def test_operators_ranges_lists_missing_or_and_not():
    """Every operator on a small table, with missing values never matching comparisons."""
    customers = _analysis().customers

    def hit(cond):
        return customers.index[rules.evaluate(cond, customers)].tolist()

    assert hit({"field": "age", "op": "between", "value": [25, 51]}) == ["a", "d", "e"]
    assert hit({"field": "age", "op": "missing"}) == ["b", "f"]
    assert hit({"field": "age", "op": "present"}) == ["a", "c", "d", "e"]
    assert hit({"field": "age", "op": "!=", "value": 34}) == ["c", "d", "e"]  # missing ages do not match
    assert hit({"field": "city", "op": "not_in", "value": ["Lyon"]}) == ["b", "d", "f"]
    assert hit({"field": "city", "op": "==", "value": "LYON"}) == ["a", "e"]
    assert hit({"field": "city", "op": "contains", "value": "ll"}) == ["d"]
    assert hit(
        {
            "any": [
                {"field": "recency_days", "op": "<", "value": 10},
                {"field": "monetary", "op": ">=", "value": 900},
            ]
        }
    ) == ["a", "e", "f"]
    assert hit({"not": {"field": "frequency", "op": "==", "value": 1}}) == ["a", "d", "e"]
    assert hit({"field": "monetary", "op": ">=", "value": {"quantile": 0.5}}) == ["a", "d", "e"]
    assert hit({"field": "monetary", "op": ">", "value": {"field": "avg_basket", "times": 2, "plus": 0}}) == [
        "a",
        "e",
    ]


def test_bad_rules_say_what_is_wrong():
    """Unknown operator, missing condition, unknown column, bad JSON: user errors with the rule number."""
    analysis = _analysis()
    with pytest.raises(UserError) as error:
        segment(analysis, "rules", {"rules": [{"id": "x", "when": {"field": "age", "op": "~", "value": 3}}]})
    assert error.value.text("en").startswith("Rule 1: unknown comparison '~'")
    with pytest.raises(UserError) as error:
        segment(
            analysis,
            "rules",
            {
                "rules": [
                    {"preset": "dormant"},
                    {"id": "y", "when": {"field": "shoe_size", "op": ">", "value": 40}},
                ]
            },
        )
    assert "Rule 2 uses 'shoe_size'" in error.value.text("en")
    with pytest.raises(UserError):
        segment(
            analysis, "rules", {"rules": [{"id": "z", "when": {"field": "age", "op": "between", "value": 3}}]}
        )
    with pytest.raises(UserError):
        segment(
            analysis,
            "rules",
            {
                "rules": [
                    {"id": "z", "when": {"field": "age", "op": ">"}},
                    {"id": "z", "when": {"field": "age", "op": "missing"}},
                ]
            },
        )


def test_rules_file_round_trip_and_bad_json(tmp_path):
    """save_rules / load_rules keep the rules; a broken file gives the line of the error."""
    path = tmp_path / "rules.json"
    original = [
        {"preset": "super_buyers"},
        {
            "id": "lyon",
            "name": {"en": "Lyon", "fr": "Lyonnais"},
            "when": {"field": "city", "op": "==", "value": "Lyon"},
        },
    ]
    path.write_text(json.dumps({"rules": original}), encoding="utf-8")
    loaded = rules.load_rules(path)
    assert [r["id"] for r in loaded] == ["super_buyers", "lyon"]
    assert loaded[0]["when"] == rule_presets.preset("super_buyers")["when"]
    rules.save_rules(loaded, tmp_path / "again.json")
    assert rules.load_rules(tmp_path / "again.json") == loaded
    seg = segment(_analysis("fr"), "rules", {"rules_file": str(path)})
    assert seg.name_of("rule:lyon") == "Lyonnais" and seg.name_of("rule:others") == "Autres"
    (tmp_path / "bad.json").write_text('{"rules": [ {"id": 1,, } ]}', encoding="utf-8")
    with pytest.raises(UserError) as error:
        rules.load_rules(tmp_path / "bad.json")
    assert "line 1" in error.value.text("en")


def test_presets_follow_the_brief():
    """The nine presets, translated, with the brief's thresholds."""
    table = rule_presets.presets_table("fr")
    assert table["id"].tolist() == [
        "super_buyers",
        "biggest_spenders",
        "due_to_reorder",
        "coupon_driven",
        "loyal",
        "new_customers",
        "dormant",
        "inactive_3_months",
        "one_time_buyers",
    ]
    assert table.set_index("id").loc["inactive_3_months", "name"] == "Inactifs depuis plus de 3 mois"
    customers = synthetic_analysis(2000).customers
    super_buyers = rules.evaluate(rule_presets.preset("super_buyers")["when"], customers)
    expected = (customers[s.C_FREQUENCY] > 5) & (customers[s.C_AVG_BASKET] > 100)
    assert (super_buyers == expected.to_numpy()).all() and super_buyers.any()
    inactive = rules.evaluate(rule_presets.preset("inactive_3_months")["when"], customers)
    assert (inactive == (customers[s.C_RECENCY] > 90).to_numpy()).all()


def test_default_presets_cover_everyone_exactly_once():
    """With no rules given, the presets in priority order; each customer once, Others counted."""
    analysis = synthetic_analysis(5000)
    seg = segment(analysis, "rules")
    counts = seg.counts()
    assert counts.sum() == 5000 and seg.assignments.index.is_unique
    assert counts["rule:others"] == seg.details["others"]
    assert sum(seg.details["assigned"].values()) + seg.details["others"] == 5000
    # "Dormant" comes before "inactive", so inactive customers are the 91-365 day ones.
    inactive = seg.assignments[s.A_SEGMENT] == "rule:inactive_3_months"
    assert analysis.customers.loc[inactive, s.C_RECENCY].between(91, 365).all()


@pytest.mark.realdata
def test_online_retail_presets_leave_out_what_the_data_lacks(online_retail_csv):
    """Online Retail: every customer once with a reason; presets run on its columns."""
    analysis = online_retail_analysis(online_retail_csv)
    seg = segment(analysis, "rules")
    a = seg.assignments
    assert a.index.equals(analysis.customers.index)
    assert a[s.A_REASON].str.len().gt(10).all()
    assert int(seg.counts().sum()) == len(analysis.customers)
    assert seg.counts()["rule:super_buyers"] > 50
    country = segment(
        analysis,
        "rules",
        {
            "rules": [
                {
                    "id": "uk",
                    "name": "UK",
                    "when": {"field": "country", "op": "==", "value": "united kingdom"},
                }
            ]
        },
    )
    assert 3900 < country.counts()["rule:uk"] < 4000


def test_chosen_presets_only():
    """{"preset": [ids]} keeps those presets, in that order, plus Others."""
    seg = segment(synthetic_analysis(1000), "rules", {"preset": ["dormant", "one_time_buyers"]})
    assert seg.segments["key"].tolist() == ["rule:dormant", "rule:one_time_buyers", "rule:others"]
    with pytest.raises(UserError):
        segment(synthetic_analysis(100), "rules", {"preset": "vip_gold"})
