"""Hand edits kept across re-runs, and the five-criteria scorecard."""

from __future__ import annotations

import pandas as pd
import pytest
from test_segmentation_data import online_retail_analysis, synthetic_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.i18n import UserError
from segmenter_app.core.segmentation import edits, quality, rfm, segment


def test_rename_merge_move_are_applied_and_replayed_after_a_rerun():
    """Edits change the result now and again after the cut points change."""
    analysis = synthetic_analysis(3000)
    seg = segment(analysis, "rfm")
    before = seg.counts()
    edits.rename(analysis, "rfm:champions", "Nos meilleurs")
    merged = edits.merge(analysis, ["rfm:at_risk", "rfm:cant_lose"])
    assert merged == "rfm:at_risk"
    seg = analysis.segmentation
    assert seg.name_of("rfm:champions") == "Nos meilleurs"
    assert seg.name_of("rfm:at_risk") == "At risk + Can't lose them"
    assert "rfm:cant_lose" not in set(seg.segments["key"])
    assert seg.counts()["rfm:at_risk"] == before["rfm:at_risk"] + before["rfm:cant_lose"]
    customer = seg.assignments.index[seg.assignments[s.A_SEGMENT] == "rfm:hibernating"][0]
    assert edits.move(analysis, [customer], "rfm:champions") == 1
    row = analysis.segmentation.assignments.loc[customer]
    assert row[s.A_SEGMENT] == "rfm:champions" and bool(row["moved_by_hand"])
    assert row[s.A_REASON].startswith("Moved by hand (was: Hibernating). R ")
    assert len(analysis.edits) == 3

    # A re-run with other cut points keeps all three edits.
    rfm.set_cut_points(analysis, {"recency": [30, 60, 120, 240]})
    seg = analysis.segmentation
    assert seg.name_of("rfm:champions") == "Nos meilleurs"
    assert "rfm:cant_lose" not in set(seg.segments["key"])
    assert seg.assignments.loc[customer, s.A_SEGMENT] == "rfm:champions"
    assert seg.counts().sum() == 3000


def test_edits_of_another_method_are_left_alone_and_bad_edits_say_why():
    """RFM edits do not touch a rules grouping; unknown segments are user errors."""
    analysis = synthetic_analysis(500)
    segment(analysis, "rfm")
    with pytest.raises(UserError):
        edits.rename(analysis, "rfm:nope", "x")
    with pytest.raises(UserError):
        edits.merge(analysis, ["rfm:loyal"])
    edits.rename(analysis, "rfm:loyal", "Fidèles de toujours")
    assert analysis.edits[0]["method"] == "rfm"
    edits.clear(analysis, "rfm")
    assert analysis.edits == []


def test_scorecard_flags_small_unreachable_near_copies_and_missing_plans():
    """Each criterion is computed from the data, with advice in plain words."""
    analysis = synthetic_analysis(3000)
    segment(analysis, "rfm")
    card = quality.scorecard(analysis).set_index("key")
    assert card["customers"].sum() == 3000
    assert abs(card["share"].sum() - 1) < 1e-9 and abs(card["revenue_share"].sum() - 1) < 1e-9
    assert (card["substantial_threshold"] == 30).all()  # 1% of 3,000
    assert (card["substantial"] == (card["customers"] >= 30)).all()
    assert not card["actionable"].any()
    assert all(any("step 4" in a for a in advice) for advice in card["advice"])
    # Reachability is the contactable share (about 75% in the synthetic data).
    big = card[card["customers"] >= 200]
    assert len(big) >= 3 and big["reachable_share"].between(0.68, 0.82).all()
    assert (card["accessible"] == (card["reachable_share"] >= 0.5)).all()
    # A plan makes a segment actionable.
    analysis.plans = {"rfm:champions": {"objective": "reward"}}
    assert quality.scorecard(analysis).set_index("key").loc["rfm:champions", "actionable"]


def test_scorecard_detects_a_near_copy_and_warns_past_seven_segments():
    """Splitting one segment in two by customer id makes two near copies."""
    analysis = synthetic_analysis(3000)
    seg = segment(analysis, "rfm")
    hib = seg.assignments.index[seg.assignments[s.A_SEGMENT] == "rfm:hibernating"]
    seg.segments = pd.concat(
        [seg.segments, pd.DataFrame([{"key": "test:copy", "name": "Copy"}])], ignore_index=True
    )
    seg.assignments.loc[hib[::2], s.A_SEGMENT] = "test:copy"
    card = quality.scorecard(analysis).set_index("key")
    assert card.loc["test:copy", "nearest"] == "rfm:hibernating"
    assert not card.loc["test:copy", "differentiable"]
    assert card.loc["rfm:champions", "differentiable"]
    assert any("Hibernating" in a for a in card.loc["test:copy", "advice"])
    warnings = quality.warnings(analysis)
    assert warnings[0].startswith("11 segments: more than 7")


def test_tiny_segments_are_warned_about_in_french():
    """A 3-customer segment is tiny; the warning is in the analysis language."""
    analysis = synthetic_analysis(400, lang="fr")
    seg = segment(analysis, "rfm")
    few = seg.assignments.index[:3]
    seg.segments = pd.concat(
        [seg.segments, pd.DataFrame([{"key": "x:few", "name": "Trois"}])], ignore_index=True
    )
    seg.assignments.loc[few, s.A_SEGMENT] = "x:few"
    card = quality.scorecard(analysis).set_index("key")
    assert card.loc["x:few", "tiny"] and not card.loc["x:few", "substantial"]
    assert "Segment minuscule « Trois » : 3 clients." in quality.warnings(analysis)


@pytest.mark.realdata
def test_scorecard_on_online_retail_has_no_contact_data(online_retail_csv):
    """Online Retail has no emails: reach is unknown and said so; sizes add up."""
    analysis = online_retail_analysis(online_retail_csv)
    segment(analysis, "rfm")
    card = quality.scorecard(analysis)
    assert card["customers"].sum() == len(analysis.customers)
    assert card["reachable_share"].isna().all()
    assert all(any("unknown" in a for a in advice) for advice in card["advice"] if advice)
    assert card["passed"].between(0, 5).all()


def test_email_and_phone_shares_and_warnings_follow_edits():
    """Per segment the share with an email and with a phone; merging updates the warnings."""
    analysis = synthetic_analysis(3000)
    seg = segment(analysis, "rfm")
    card = quality.scorecard(analysis).set_index("key")
    customers = analysis.customers
    champions = seg.assignments.index[seg.assignments[s.A_SEGMENT] == "rfm:champions"]
    assert card.loc["rfm:champions", "email_share"] == pytest.approx(
        customers.loc[champions, s.C_HAS_EMAIL].mean(), abs=1e-4
    )
    assert card.loc["rfm:champions", "phone_share"] == pytest.approx(
        customers.loc[champions, s.C_HAS_PHONE].mean(), abs=1e-4
    )
    assert seg.details["quality_warnings"][0].startswith("10 segments")
    edits.merge(analysis, ["rfm:at_risk", "rfm:cant_lose", "rfm:hibernating"])
    assert analysis.segmentation.details["quality_warnings"] == [
        "8 segments: more than 7 is hard to act on. Merge the close or small ones; three segments you act on beat ten you cannot."
    ]
    edits.merge(analysis, ["rfm:promising", "rfm:new_customers"])
    assert analysis.segmentation.details["quality_warnings"] == []


def test_a_one_customer_segment_is_advised_in_the_singular():
    """The advice never says "1 customers" / "1 clients"."""
    import pandas as pd

    from segmenter_app.core.analysis import Analysis, Segmentation
    from segmenter_app.core.segmentation import quality

    customers = pd.DataFrame(
        {"recency_days": [5.0, 9.0, 30.0], "frequency": [3, 2, 1], "monetary": [300.0, 120.0, 40.0]},
        index=pd.Index(["a", "b", "c"], name="customer_id"),
    )
    seg = Segmentation(
        method="rules",
        parameters={},
        assignments=pd.DataFrame(
            {"segment": ["rule:x", "rule:y", "rule:y"], "reason": ["", "", ""]}, index=customers.index
        ),
        segments=pd.DataFrame({"key": ["rule:x", "rule:y"], "name": ["X", "Y"]}),
    )
    for lang, word in (("en", "a single customer"), ("fr", "un seul client")):
        analysis = Analysis(lang=lang, customers=customers, segmentation=seg)
        card = quality.scorecard(analysis).set_index("key")
        advice = " ".join(card.loc["rule:x", "advice"])
        assert word in advice
        assert "1 customers" not in advice and "1 clients" not in advice


def test_an_empty_segment_is_advised_without_a_second_colon():
    """The page shows "Name: advice"; the empty segment's advice starts with its own words, not
    "Empty:" (which read "Champions : Vide : aucun client…")."""
    import pandas as pd

    from segmenter_app.core.analysis import Analysis, Segmentation
    from segmenter_app.core.segmentation import quality

    customers = pd.DataFrame(
        {"recency_days": [5.0, 9.0], "frequency": [3, 2], "monetary": [300.0, 120.0]},
        index=pd.Index(["a", "b"], name="customer_id"),
    )
    seg = Segmentation(
        method="rules",
        parameters={},
        assignments=pd.DataFrame(
            {"segment": ["rule:y", "rule:y"], "reason": ["", ""]}, index=customers.index
        ),
        segments=pd.DataFrame({"key": ["rule:x", "rule:y"], "name": ["X", "Y"]}),
    )
    for lang, expected in (
        ("en", "No customer is in this segment."),
        ("fr", "Aucun client dans ce segment."),
    ):
        card = quality.scorecard(Analysis(lang=lang, customers=customers, segmentation=seg)).set_index("key")
        assert card.loc["rule:x", "advice"][0] == expected
        assert ":" not in card.loc["rule:x", "advice"][0]
