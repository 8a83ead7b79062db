"""Step 5: reading campaign results sheets and later sales exports."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_actions_support import make_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.actions import draw_control, suggest_plans
from segmenter_app.core.i18n import UserError
from segmenter_app.core.measure import measure_results, read_results


@pytest.fixture
def analysis():
    a = make_analysis(n=300)
    a.customers[s.EMAIL] = [f"client{i}@exemple.fr" for i in range(1, 301)]
    suggest_plans(a)
    draw_control(a)
    return a


def test_french_results_sheet_with_titles_and_comma_decimals(analysis, tmp_path):
    ids = analysis.segmentation.assignments.index[:50]
    lines = ["Résultats campagne de printemps;;", ";;", "N° client;Converti;Montant"]
    for i, cid in enumerate(ids):
        lines.append(f"{cid};{'oui' if i % 5 == 0 else 'non'};{'1 234,50 €' if i % 5 == 0 else ''}")
    lines.append(";oui;12,00")  # no customer: excluded with its reason
    lines.append("ZZZ999;oui;5,00")  # not a customer of the analysis
    path = tmp_path / "resultats.csv"
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    outcomes = read_results(analysis, path)
    assert outcomes.kind == "campaign"
    assert len(outcomes.table) == 50
    assert outcomes.table["converted"].sum() == 10
    assert outcomes.table["revenue"].sum() == pytest.approx(12345.0)
    assert outcomes.excluded == {"no_customer_id": 1}
    assert outcomes.unmatched == 1
    assert outcomes.rows_read == 52


def test_xlsx_results_matched_on_email(analysis, tmp_path):
    emails = analysis.customers[s.EMAIL].iloc[:30]
    frame = pd.DataFrame(
        {
            "E-mail": emails.str.upper().to_numpy(),
            "Purchased": ["yes" if i % 3 == 0 else "no" for i in range(30)],
            "Revenue": [40.0 if i % 3 == 0 else 0.0 for i in range(30)],
        }
    )
    path = tmp_path / "results.xlsx"
    frame.to_excel(path, index=False)
    outcomes = read_results(analysis, path)
    assert list(outcomes.table.index[:3]) == list(emails.index[:3])
    assert outcomes.table["converted"].sum() == 10
    assert outcomes.table["revenue"].sum() == pytest.approx(400.0)


def test_sales_export_counts_purchases_within_the_window(analysis, tmp_path):
    ids = list(analysis.segmentation.assignments.index[:6])
    rows = [
        (ids[0], "01/12/2026", "10,00"),  # the campaign day: counts
        (ids[0], "05/12/2026", "5,00"),
        (ids[1], "30/12/2026", "20,00"),  # last day of a 30-day window: counts
        (ids[2], "31/12/2026", "30,00"),  # day 31: outside
        (ids[3], "30/11/2026", "40,00"),  # before the campaign: outside
        (ids[4], "10/12/2026", "-15,00"),  # only a return: not a conversion
        (ids[5], "pas une date", "15,00"),
    ]
    text = "Client;Date;Montant TTC\n" + "\n".join(";".join(r) for r in rows)
    path = tmp_path / "ventes_decembre.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as error:
        read_results(analysis, path)
    assert "--campaign-date" in error.value.text("en")
    outcomes = read_results(analysis, path, campaign_date="2026-12-01", window_days=30)
    assert outcomes.kind == "sales"
    table = outcomes.table
    assert table.loc[ids[0], "revenue"] == pytest.approx(15.0)
    assert bool(table.loc[ids[1], "converted"]) is True
    assert ids[2] not in table.index or not table.loc[ids[2], "converted"]
    assert ids[3] not in table.index
    assert not table.loc[ids[4], "converted"]
    assert int(table["converted"].sum()) == 2
    if outcomes.details.get("read_by") != "collect":
        assert outcomes.excluded.get("unreadable_date") == 1


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("Nom;Ville\nDupont;Lyon\n", "no_customer"),
        ("Client;Ville\nC0001;Lyon\n", "no_outcome"),
        ("Client;Converti\nX1;oui\nX2;non\n", "no_match"),
    ],
)
def test_unusable_results_say_what_to_do(analysis, tmp_path, content, key):
    path = tmp_path / "r.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as error:
        read_results(analysis, path)
    assert error.value.key == key
    assert error.value.text("fr") != error.value.text("en")


def test_missing_file_and_bad_window(analysis, tmp_path):
    with pytest.raises(UserError) as error:
        read_results(analysis, tmp_path / "absent.csv")
    assert error.value.key == "missing"
    path = tmp_path / "r.csv"
    path.write_text("Client;Converti\nC0001;oui\n", encoding="utf-8")
    with pytest.raises(UserError):
        read_results(analysis, path, window_days=0)


def test_measure_results_stores_the_measurement_with_alerts(analysis, tmp_path):
    asg = analysis.segmentation.assignments
    rng = np.random.default_rng(4)
    converted = rng.random(len(asg)) < 0.3
    frame = pd.DataFrame(
        {"customer_id": asg.index, "converted": converted.astype(int), "revenue": converted * 50.0}
    )
    first = tmp_path / "first.csv"
    frame.to_csv(first, index=False)
    m1 = measure_results(analysis, first)
    assert m1["id"] == 1 and analysis.measurements == [m1]
    assert m1["total"]["conversions"] == int(converted[~asg[s.A_CONTROL].to_numpy()].sum())
    # A later campaign where nobody converted: every segment that converted before drops.
    frame["converted"] = 0
    frame["revenue"] = 0.0
    second = tmp_path / "second.csv"
    frame.to_csv(second, index=False)
    m2 = measure_results(analysis, second)
    assert m2["id"] == 2
    drops = [a for a in m2["alerts"] if a["kind"] == "conversion_drop"]
    assert {a["key"] for a in drops} == {
        r["key"] for r in m1["segments"] if (r["conversion_rate"] or 0) >= 0.05
    }
