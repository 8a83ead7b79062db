"""The ``measure`` command on the demo shop: segment and save, then measure results and sales."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from segmenter_app.cli import main
from segmenter_app.core import project
from segmenter_app.core import schema as s


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``python -m segmenter_app`` in a fresh process, as a script would run it."""
    return subprocess.run(
        [sys.executable, "-m", "segmenter_app", *args], capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory) -> Path:
    """The demo shop segmented with a 10% control group and saved as a project."""
    from segmenter_app.resources import demo_files

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "cave.segmenter"
    code = main(
        [
            "segment",
            *map(str, demo_files()),
            "--out",
            str(folder / "segments.xlsx"),
            "--control-share",
            "0.1",
            "--save-project",
            str(path),
            "--lang",
            "en",
        ]
    )
    assert code == 0
    return path


def _results_sheet(analysis, path: Path, effect: float, seed: int = 3) -> None:
    """A results sheet (customer, converted yes/no, revenue) with a known effect on conversion."""
    asg = analysis.segmentation.assignments
    rng = np.random.default_rng(seed)
    p = np.where(asg[s.A_CONTROL].to_numpy(), 0.10, 0.10 + effect)
    converted = rng.random(len(asg)) < p
    revenue = np.where(converted, rng.lognormal(4.5, 0.4, len(asg)).round(2), 0.0)
    frame = pd.DataFrame(
        {"Client": asg.index, "Converti": np.where(converted, "oui", "non"), "Montant": revenue}
    )
    frame.to_csv(path, sep=";", index=False, decimal=",")


def test_saved_project_has_plans_and_a_seeded_control_group(demo_project):
    analysis = project.load_project(demo_project)
    asg = analysis.segmentation.assignments
    assert asg[s.A_CONTROL].dtype == bool
    assert 20 <= asg[s.A_CONTROL].sum() <= 40  # 10% of 300 customers, rounded per segment
    assert set(analysis.plans) == set(analysis.segmentation.segments["key"])
    assert all(p["objective"] and p["channel"] and p["persona"] for p in analysis.plans.values())
    # The demo shop is in Lyon, and many of its customers gave an email with their consent.
    assert sum("Lyon" in p["persona"] for p in analysis.plans.values()) >= 5
    assert sum(p["channel_key"] == "email" for p in analysis.plans.values()) >= 5
    assert analysis.plans["rfm:champions"]["discount"] == 0
    # The same project gives the same draw.
    again = project.load_project(demo_project)
    from segmenter_app.core.actions import draw_control

    draw_control(again)
    assert again.segmentation.assignments[s.A_CONTROL].equals(asg[s.A_CONTROL])


def test_measure_a_results_sheet(demo_project, tmp_path):
    analysis = project.load_project(demo_project)
    results = tmp_path / "resultats.csv"
    _results_sheet(analysis, results, effect=0.25)
    out, report_path, saved = tmp_path / "mesure.xlsx", tmp_path / "mesure.json", tmp_path / "after.segmenter"
    result = run_cli(
        "measure",
        str(demo_project),
        str(results),
        "--out",
        str(out),
        "--report",
        str(report_path),
        "--save-project",
        str(saved),
        "--lang",
        "fr",
    )
    assert result.returncode == 0, result.stderr
    assert "segments mesurés" in result.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["command"] == "measure"
    assert report["results"]["kind"] == "campaign"
    assert report["control_observed"] is True
    total = report["total"]
    assert total["customers"] == 300 and total["contacted"] + total["control"] == 300
    assert total["uplift_low"] <= total["uplift"] <= total["uplift_high"]
    assert total["uplift_low"] <= 0.25 <= total["uplift_high"]  # the known effect is recovered
    assert "points" in total["uplift_text"]
    assert sum(r["customers"] for r in report["segments"]) == 300
    for row in report["segments"]:
        if row["control"] and row["contacted"]:
            assert row["uplift_low"] <= row["uplift"] <= row["uplift_high"]
        if row["control"] >= 2 and row["contacted"] >= 2:  # a spread needs two customers a side
            assert row["revenue_uplift_low"] <= row["revenue_uplift"] <= row["revenue_uplift_high"]
    assert report["migration"] is None  # a results sheet says nothing about newer sales
    book = openpyxl.load_workbook(out, read_only=True)
    assert "Résultats" in book.sheetnames
    reopened = project.load_project(saved)
    assert (
        len(reopened.measurements) == 1
        and reopened.measurements[0]["total"]["contacted"] == total["contacted"]
    )


def test_measure_a_later_sales_export_with_migration(demo_project, tmp_path):
    # A later export of the same till: December orders of a sample of the demo's lines.
    from segmenter_app.resources import demo_files

    source = pd.read_csv(demo_files()[0], sep=";", dtype=str, encoding="utf-8-sig")
    # Product lines only (no shipping fee, no return), so the expected conversions are plain.
    lines = source[
        source["Client"].notna()
        & ~source["Produit"].str.contains("port|frais|livraison", case=False, na=False)
        & ~source["Montant TTC"].str.startswith("-", na=False)
    ]
    late = lines.sample(150, random_state=4).copy()
    rng = np.random.default_rng(4)
    late["Date"] = (
        pd.Timestamp("2026-11-10") + pd.to_timedelta(rng.integers(0, 45, len(late)), unit="D")
    ).strftime("%d/%m/%Y")
    late["N° commande"] = [f"W26-{i:05d}" for i in range(len(late))]
    sales = tmp_path / "ventes_decembre.csv"
    late.to_csv(sales, sep=";", index=False, encoding="utf-8-sig")
    report_path = tmp_path / "m.json"
    result = run_cli(
        "measure",
        str(demo_project),
        str(sales),
        "--campaign-date",
        "2026-11-10",
        "--window-days",
        "30",
        "--out",
        str(tmp_path / "m.xlsx"),
        "--report",
        str(report_path),
        "--lang",
        "en",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["results"]["kind"] == "sales"
    assert report["results"]["rows_read"] == 150
    window = pd.to_datetime(late["Date"], format="%d/%m/%Y")
    in_window = late[(window >= "2026-11-10") & (window < "2026-12-10")]
    assert (
        report["total"]["conversions"] + report["total"]["control_conversions"]
        == in_window["Client"].nunique()
    )
    migration = report["migration"]
    assert migration is not None
    counts = migration["matrix"]["counts"]
    assert sum(map(sum, counts)) == 300  # the same 300 customers, re-segmented with the new sales
    assert migration["customers_before"] == migration["customers_after"] == 300
    assert {"from", "to", "segments", "left_best", "alerts"} <= set(migration)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--campaign-date", "10/11/2026"], "not a date"),
        (["--window-days", "0"], "--window-days"),
    ],
)
def test_bad_options_exit_2(demo_project, tmp_path, args, expected):
    results = tmp_path / "r.csv"
    results.write_text("Client;Converti\nC0031;oui\n", encoding="utf-8")
    result = run_cli(
        "measure", str(demo_project), str(results), "--out", str(tmp_path / "o.xlsx"), *args, "--lang", "en"
    )
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_unusable_inputs_exit_2_with_one_paragraph(demo_project, tmp_path):
    out = str(tmp_path / "o.xlsx")
    missing = run_cli(
        "measure", str(tmp_path / "absent.segmenter"), str(demo_project), "--out", out, "--lang", "fr"
    )
    assert missing.returncode == 2 and "n'existe pas" in missing.stderr
    not_project = tmp_path / "x.segmenter"
    not_project.write_text("hello")
    wrong = run_cli("measure", str(not_project), str(not_project), "--out", out, "--lang", "en")
    assert wrong.returncode == 2 and "not a Segmenter project" in wrong.stderr
    sales = tmp_path / "ventes.csv"
    sales.write_text("Client;Date;Montant\nC0031;12/11/2026;10,00\n", encoding="utf-8")
    no_date = run_cli("measure", str(demo_project), str(sales), "--out", out, "--lang", "en")
    assert no_date.returncode == 2 and "--campaign-date" in no_date.stderr
    for r in (missing, wrong, no_date):
        assert r.stderr.strip().count("\n") == 0 and "Traceback" not in r.stderr
    assert not Path(out).exists()


def test_never_writes_over_the_files_it_reads(demo_project, tmp_path):
    results = tmp_path / "r.csv"
    results.write_text("Client;Converti\nC0031;oui\n", encoding="utf-8")
    before = results.read_bytes()
    result = run_cli("measure", str(demo_project), str(results), "--out", str(results), "--lang", "en")
    assert result.returncode == 2 and "choose another name" in result.stderr
    assert results.read_bytes() == before


def test_measure_in_the_other_language_names_segments_in_it(demo_project, tmp_path):
    """A project made in English, measured with --lang fr: the names the app gave are in French,
    the ones the user gave stay as written."""
    from segmenter_app.core.segmentation import edits
    from segmenter_app.core.segmentation.names import names_in

    analysis = project.load_project(demo_project)
    english = dict(
        zip(analysis.segmentation.segments["key"], analysis.segmentation.segments["name"], strict=True)
    )
    assert english["rfm:loyal"] == "Loyal"
    edits.rename(analysis, "rfm:champions", "Nos VIP")
    french = names_in(analysis.segmentation, "fr", analysis.edits)
    assert french["rfm:loyal"] == "Fidèles" and "rfm:champions" not in french
    renamed = tmp_path / "renamed.segmenter"
    project.save_project(analysis, renamed)
    results = tmp_path / "resultats.csv"
    _results_sheet(analysis, results, effect=0.1)
    report_path = tmp_path / "r.json"
    code = main(
        ["measure", str(renamed), str(results), "--out", str(tmp_path / "m.xlsx"), "--report", str(report_path), "--lang", "fr"]
    )  # fmt: skip
    assert code == 0
    names = {
        row["key"]: row["name"] for row in json.loads(report_path.read_text(encoding="utf-8"))["segments"]
    }
    assert names["rfm:loyal"] == "Fidèles" and names["rfm:champions"] == "Nos VIP"


@pytest.mark.parametrize(("method", "key", "english", "french"), [
    ("rules", "rule:others", "Others", "Autres"),
    ("predictive", "pred:churn_risk", "Churn risk", "Risque de départ"),
])  # fmt: skip
def test_rule_and_predictive_names_said_in_the_other_language(method, key, english, french):
    from ui_analysis import demo_analysis

    from segmenter_app.core import segmentation
    from segmenter_app.core.segmentation.names import names_in

    seg = segmentation.segment(demo_analysis("en"), method)
    assert seg.name_of(key) == english
    assert names_in(seg, "fr")[key] == french
