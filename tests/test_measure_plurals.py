"""Measure's messages for a count of one read as sentences ("1 customers left" read wrong)."""

from __future__ import annotations

import pandas as pd
import pytest
from test_actions_support import make_analysis

from segmenter_app.core.actions import draw_control, suggest_plans
from segmenter_app.core.i18n import UserError
from segmenter_app.core.measure import compare_snapshots, read_results
from segmenter_app.core.measure.campaign import source_alerts
from segmenter_app.core.measure.results import Outcomes

NAMES = {"rfm:champions": "Champions", "rfm:loyal": "Loyal", "rfm:at_risk": "At risk"}
ORDER = list(NAMES)


def test_one_customer_leaving_the_best_segments():
    before = pd.Series({"A": "rfm:champions", "B": "rfm:loyal", "C": "rfm:at_risk"})
    after = pd.Series({"A": "rfm:at_risk", "B": "rfm:loyal", "C": "rfm:at_risk"})
    texts = {
        lang: next(
            a["text"]
            for a in compare_snapshots(before, after, names=NAMES, order=ORDER, lang=lang)["alerts"]
            if a["kind"] == "left_best"
        )
        for lang in ("en", "fr")
    }
    assert texts["en"].startswith("1 customer left the best segments (Champions, Loyal)")
    assert texts["fr"].startswith("1 client a quitté les meilleurs segments (Champions, Loyal)")
    two = compare_snapshots(
        before, pd.Series({"A": "rfm:at_risk", "B": "rfm:at_risk"}), names=NAMES, order=ORDER
    )
    assert next(a["text"] for a in two["alerts"] if a["kind"] == "left_best").startswith("2 customers left")


@pytest.mark.parametrize(
    ("detail", "count", "english", "french"),
    [
        ("unreadable_revenue", 1, "One revenue cell of the results could not", "Une cellule de chiffre"),
        ("unreadable_revenue", 3, "3 revenue cells of the results could not", "3 cellules de chiffre"),
        ("ambiguous_email_rows", 1, "One row of the results names its customer", "Une ligne des résultats"),
        ("ambiguous_email_rows", 2, "2 rows of the results name their customer", "2 lignes des résultats"),
    ],
)
def test_source_alerts_for_one_and_several(detail, count, english, french):
    outcomes = Outcomes("campaign", pd.DataFrame(), "r.csv", "", 10, details={detail: count})
    assert source_alerts(outcomes, "en")[0]["text"].startswith(english)
    assert source_alerts(outcomes, "fr")[0]["text"].startswith(french)


def test_a_results_file_with_one_unknown_customer(tmp_path):
    analysis = make_analysis(n=40)
    suggest_plans(analysis)
    draw_control(analysis)
    path = tmp_path / "r.csv"
    path.write_text("Client;Converti\nX1;oui\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        read_results(analysis, path)
    assert error.value.text("en").startswith("The one customer in 'r.csv' is not in the analysis.")
    assert error.value.text("fr").startswith("Le seul client de « r.csv » ne figure pas dans l'analyse.")
