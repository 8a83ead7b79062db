"""Criteria catalogue by family with coverage and distribution; goals proposing criteria and a method."""

from __future__ import annotations

import json

import pytest
from test_segmentation_clusters import INCOME, SCORE, mall_analysis
from test_segmentation_data import online_retail_analysis, synthetic_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.i18n import UserError
from segmenter_app.core.segmentation import criteria, segment


def test_catalogue_places_every_criterion_in_a_family_with_coverage_and_distribution():
    """Families, coverage shares and distributions computed from the data; JSON-friendly."""
    analysis = synthetic_analysis(2000)
    analysis.customers[s.EMAIL] = "x@example.org"
    table = criteria.catalogue(analysis).set_index("criterion")
    assert s.EMAIL not in table.index  # identifying, not a criterion
    assert table.loc[s.C_RECENCY, "family"] == "behavioural"
    assert table.loc[s.AGE, "family"] == "demographic" and table.loc[s.CITY, "family"] == "geographic"
    assert table.loc[s.C_HAS_EMAIL, "family"] == "technological"
    assert set(table["family"]) <= set(criteria.FAMILIES)
    age_coverage = analysis.customers[s.AGE].notna().mean()
    assert table.loc[s.AGE, "coverage"] == pytest.approx(age_coverage, abs=1e-4) and 0.4 < age_coverage < 0.6
    assert table.loc[s.C_FREQUENCY, "coverage"] == 1.0
    monetary = table.loc[s.C_MONETARY, "distribution"]
    assert monetary["median"] == pytest.approx(analysis.customers[s.C_MONETARY].median())
    assert monetary["skewed"] is True
    city = table.loc[s.CITY, "distribution"]
    assert set(city["top"]) == {"Lyon", "Paris", "Villeurbanne"} and table.loc[s.CITY, "kind"] == "category"
    json.dumps(criteria.catalogue(analysis).to_dict(orient="records"), default=str)
    # Families come in a fixed order, behavioural first.
    assert criteria.catalogue(analysis)["family"].iloc[0] == "behavioural"


def test_goals_propose_criteria_and_a_method_the_user_can_change():
    """Each goal proposes what the data has; apply_goal records it; the user may change both."""
    analysis = synthetic_analysis(500, lang="fr")
    assert criteria.goals("fr")["name"].tolist() == [
        "Garder les meilleurs",
        "Faire croître la valeur",
        "Reconquérir",
        "Convertir les primo-acheteurs",
    ]
    proposal = criteria.apply_goal(analysis, "grow_value")
    assert proposal["method"] == "clusters"
    # favourite_category is not in this table, so it is not proposed.
    assert proposal["criteria"] == [s.C_AVG_BASKET, s.C_FREQUENCY, s.C_MONETARY, s.C_DISCOUNT_SHARE]
    assert analysis.goal == "grow_value" and analysis.criteria == proposal["criteria"]
    table = criteria.catalogue(analysis).set_index("criterion")
    assert table.loc[s.C_AVG_BASKET, "suggested"] and table.loc[s.C_AVG_BASKET, "chosen"]
    assert not table.loc[s.C_RECENCY, "suggested"]
    # The clustering uses the chosen criteria; the user changes them and the method.
    seg = segment(analysis, "clusters", {"k": 3})
    assert seg.details["criteria"] == proposal["criteria"]
    analysis.criteria = [s.C_RECENCY, s.C_MONETARY]
    assert segment(analysis, "clusters", {"k": 3}).details["criteria"] == [s.C_RECENCY, s.C_MONETARY]
    assert criteria.propose(analysis, "convert_first")["method"] == "rules"
    assert (
        segment(analysis, "rules", criteria.propose(analysis, "convert_first")["parameters"]).counts().sum()
        == 500
    )
    with pytest.raises(UserError):
        criteria.propose(analysis, "get_rich")


def test_histogram_for_numbers_and_categories():
    """Numbers in bins that add up to the customers with a value; categories as counts."""
    analysis = synthetic_analysis(1000)
    bins = criteria.histogram(analysis, s.C_RECENCY, bins=10)
    assert len(bins) == 10 and bins["customers"].sum() == 1000
    cities = criteria.histogram(analysis, s.CITY)
    assert cities["customers"].sum() == analysis.customers[s.CITY].notna().sum()


@pytest.mark.realdata
def test_catalogue_on_mall_customers_and_online_retail(mall_customers_csv, online_retail_csv):
    """Real tables: Mall's income is demographic, spending score behavioural; Online Retail's country geographic."""
    mall = criteria.catalogue(mall_analysis(mall_customers_csv)).set_index("criterion")
    assert mall.loc[INCOME, "family"] == "demographic" and mall.loc[SCORE, "family"] == "behavioural"
    assert mall.loc[s.GENDER, "distribution"]["top"] == {"Female": 0.56, "Male": 0.44}
    assert (mall["coverage"] == 1.0).all()
    retail = criteria.catalogue(online_retail_analysis(online_retail_csv)).set_index("criterion")
    assert retail.loc[s.COUNTRY, "family"] == "geographic"
    assert retail.loc[s.COUNTRY, "distribution"]["top"]["United Kingdom"] > 0.85


def test_a_column_of_names_or_addresses_is_no_criterion():
    """A customers file's 'Name' the import left unmapped was offered as a behavioural criterion
    with 100 % coverage: personal data among the criteria. A text with a value per customer is
    left out; a text that groups customers (a city, a shop) stays."""
    analysis = synthetic_analysis(300)
    analysis.customers["Name"] = [f"Cliente {i} Dupont" for i in range(len(analysis.customers))]
    analysis.customers["Shop"] = ["Lyon centre", "Web"] * (len(analysis.customers) // 2)
    table = criteria.catalogue(analysis).set_index("criterion")
    assert "Name" not in table.index
    assert "Shop" in table.index and table.loc["Shop", "kind"] == "category"
    assert s.CITY in table.index
