"""Rows identical to an earlier row: set aside as duplicates by default, said when they may be
separate purchases (no order number, no time of day), and kept on request (``duplicates="keep"``,
``--duplicates keep``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_hostile import segment

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files

TILL = (
    "Client;Date;Montant\n"
    "C1;03/02/2025;12,50\n"
    "C1;03/02/2025;12,50\n"  # a second coffee the same day, or the same line twice?
    "C2;04/02/2025;30,00\n"
    "C2;05/02/2025;8,00\n"
)


def imported(tmp_path: Path, content: str, lang: str = "en", **options: str) -> Analysis:
    path = tmp_path / "till.csv"
    path.write_text(content, encoding="utf-8")
    analysis = Analysis(lang=lang)
    import_files(analysis, [str(path)], options=ImportOptions(**options))
    assert analysis.account.balanced
    return analysis


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "1 row is an exact copy of an earlier row and was set aside as a duplicate"),
        ("fr", "1 ligne est la copie exacte d'une ligne précédente et a été mise de côté comme doublon"),
    ],
)
def test_twins_without_order_number_or_time_are_set_aside_and_said(tmp_path, lang, words):
    analysis = imported(tmp_path, TILL, lang)
    assert analysis.account.excluded == {"duplicate": 1}
    details = analysis.inputs[0].details
    assert details["duplicates_same_day"] == 1
    (warning,) = [w for w in analysis.inputs[0].warnings if words in w]
    assert "--duplicates keep" in warning


def test_kept_on_request_as_purchases_of_their_own(tmp_path):
    analysis = imported(tmp_path, TILL, duplicates="keep")
    assert analysis.account.kept == 4 and analysis.account.excluded == {}
    assert sorted(analysis.transactions["amount"].tolist()) == [8.0, 12.5, 12.5, 30.0]
    assert "duplicates_same_day" not in analysis.inputs[0].details
    assert any("1 row identical to an earlier row was kept" in w for w in analysis.inputs[0].warnings)


def test_no_warning_when_an_order_number_or_a_time_tells_the_rows_apart(tmp_path):
    """With an order number, or with a time of purchase, two identical rows are the export's
    repeat: set aside without the question."""
    with_order = (
        "Commande;Client;Date;Montant\nA1;C1;03/02/2025;12,50\nA1;C1;03/02/2025;12,50\nA2;C2;04/02/2025;3\n"
    )
    with_time = (
        "Client;Date;Montant\nC1;03/02/2025 10:31;12,50\nC1;03/02/2025 10:31;12,50\nC2;04/02/2025 09:00;3\n"
    )
    for content in (with_order, with_time):
        analysis = imported(tmp_path, content)
        assert analysis.account.excluded == {"duplicate": 1}
        assert "duplicates_same_day" not in analysis.inputs[0].details
        assert not any("exact cop" in w for w in analysis.inputs[0].warnings)


def test_twins_set_aside_for_another_reason_are_not_said_kept(tmp_path):
    content = "Client;Date;Montant\n;03/02/2025;12,50\n;03/02/2025;12,50\nC2;04/02/2025;3\n"
    analysis = imported(tmp_path, content, duplicates="keep")
    assert analysis.account.excluded == {"no_customer_id": 2}
    assert not any("identical" in w for w in analysis.inputs[0].warnings)


@pytest.mark.realdata
def test_cdnow_same_day_purchases_can_be_kept_from_the_command_line(capsys, tmp_path, cdnow_master):
    """CDNOW's 69,659 lines are all purchases (its SOURCE.md); 255 of them repeat an earlier line
    (same customer, day, CDs and dollars). By default they are set aside with the question; with
    --duplicates keep every line counts."""
    report = tmp_path / "r.json"
    code, err = segment(capsys, str(cdnow_master), str(tmp_path / "o.xlsx"), "--report", str(report))
    assert code == 0
    rows = json.loads(report.read_text(encoding="utf-8"))["rows"]
    assert rows["excluded"] == {"duplicate": 255} and rows["kept"] == 69_404
    assert "255 rows are exact copies" in err
    code, err = segment(
        capsys, str(cdnow_master), str(tmp_path / "k.xlsx"), "--report", str(report), "--duplicates", "keep"
    )
    assert code == 0
    rows = json.loads(report.read_text(encoding="utf-8"))["rows"]
    assert rows["read"] == rows["kept"] == 69_659 and rows["excluded"] == {}
