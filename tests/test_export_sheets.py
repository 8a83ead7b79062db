"""Action plan, Excluded rows, Method and Results sheets; mailing CSVs; pseudonymized export."""

from __future__ import annotations

import csv
import zipfile

import openpyxl
import pytest
from export_fixtures import make_analysis

from segmenter_app.core import schema as s
from segmenter_app.core.export import write_mailing_csvs, write_workbook
from segmenter_app.core.export.pseudonymize import Pseudonymizer
from segmenter_app.core.i18n import UserError


def rows_of(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def table_below(ws, first_header: str) -> tuple[list, list[dict]]:
    """The header and records of the table whose header row starts with ``first_header``."""
    rows = rows_of(ws)
    start = next(i for i, r in enumerate(rows) if r[0] == first_header)
    head = [h for h in rows[start] if h is not None]
    records = []
    for r in rows[start + 1 :]:
        if all(v is None for v in r[: len(head)]):
            break
        records.append(dict(zip(head, r, strict=False)))
    return head, records


def test_action_plan_sheet_by_priority_with_formats_and_print_layout(tmp_path):
    analysis = make_analysis(40)
    analysis.plans["rfm:at_risk"]["priority"] = 0  # first
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Action plan"]
    head, records = table_below(ws, "Segment")
    assert [r["Segment"] for r in records] == ["At risk", "Champions", "Loyal", "Hibernating", "Nobody here"]
    assert head[:4] == ["Segment", "Customers", "Priority", "Portrait"]
    first = records[0]
    assert first["Customers"] == 10 and first["Budget"] == 100.0 and first["Expected response rate"] == 0.08
    assert first["Message"] == "=Thank you"  # a text, not a formula
    assert records[-1]["Portrait"] is None  # the empty segment has no plan
    cells = {c.value: c for c in next(r for r in ws.iter_rows() if r[0].value == "At risk")}
    assert cells[0.08].number_format == "0.0%"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToHeight == 0  # width 1 by default
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert len(ws.tables) == 1


def test_action_plan_sheet_exists_without_plans(tmp_path):
    analysis = make_analysis(12)
    analysis.plans = {}
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    assert stats["rows"]["Action plan"] == 5
    ws = openpyxl.load_workbook(out)["Action plan"]
    assert ws["A2"].value == "No action plan yet."


def test_excluded_rows_sheet_keeps_reason_and_original_values(tmp_path):
    analysis = make_analysis(10, lang="fr")
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    assert stats["rows"]["Lignes exclues"] == len(analysis.excluded) == 3
    ws = openpyxl.load_workbook(out)["Lignes exclues"]
    head, records = table_below(ws, "Fichier")
    assert head == ["Fichier", "Ligne du fichier", "Motif", "Client", "Montant"]
    assert records[0] == {
        "Fichier": "ventes.csv",
        "Ligne du fichier": 5,
        "Motif": "Aucun identifiant client",
        "Client": None,
        "Montant": "12,50",
    }
    assert records[2]["Client"] == "=EVIL()"
    with zipfile.ZipFile(out) as zf:
        assert not any("<f>" in zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))


def test_method_sheet_lists_inputs_method_cut_points_and_cuts(tmp_path):
    analysis = make_analysis(30, hostile=True)
    analysis.edits = [{"op": "rename", "key": "rfm:loyal", "name": "Loyal: [best]/*?"}]
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    ws = openpyxl.load_workbook(out)["Method"]
    _, records = table_below(ws, "Item")
    items = {r["Item"]: r["Value"] for r in records if r["Item"]}
    assert items["Method"] == "rfm"
    assert items["Application version"].startswith("Segmenter ")
    assert items["Analysis date"].date().isoformat() == "2024-06-30"
    assert items["Method details: cut_points.recency"] == "[30, 90, 180, 365]"
    assert items["Rows read"] == 100 and items["Rows excluded: Cancellation"] == 1
    assert items["Texts cut to 32,767 characters"] >= 1
    assert any(isinstance(r["Value"], str) and r["Value"].startswith("Cut: sheet") for r in records)
    _, inputs = table_below(ws, "File")
    assert inputs[0]["Fingerprint (SHA-256)"] == "0" * 64
    assert "Client → customer_id" in inputs[0]["Column mapping"]


def test_results_sheet_only_when_a_measurement_exists(tmp_path):
    analysis = make_analysis(20)
    out = tmp_path / "w.xlsx"
    assert "Results" not in write_workbook(analysis, out)["sheets"]
    analysis.measurements = [
        {
            "title": "June campaign",
            "uplift": 0.034,
            "per_segment": [
                {"segment": "Champions", "conversion": 0.2, "revenue": 1200.5},
                {"segment": "Loyal", "conversion": 0.15, "revenue": 800.0},
            ],
        }
    ]
    stats = write_workbook(analysis, out)
    assert stats["sheets"][-1] == "Results"
    ws = openpyxl.load_workbook(out)["Results"]
    assert ws["A1"].value == "June campaign"
    _, records = table_below(ws, "Segment")
    assert records == [
        {"Segment": "Champions", "conversion": 0.2, "Revenue": 1200.5},
        {"Segment": "Loyal", "conversion": 0.15, "Revenue": 800.0},
    ]


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = raw.decode("utf-8-sig")
    delimiter = ";" if text.split("\r\n")[0].count(";") else ","
    return list(csv.reader(text.splitlines(), delimiter=delimiter))


def test_mailing_csvs_respect_consent_opt_out_and_control(tmp_path):
    analysis = make_analysis(60, hostile=True)
    files = write_mailing_csvs(analysis, tmp_path / "mailing")
    assert [f.name for f in files] == [
        "01 Champions.csv",
        "02 Loyal [best].csv",
        "03 At risk.csv",
        "04 Hibernating.csv",
    ]
    customers = analysis.customers
    assignments = analysis.segmentation.assignments
    listed: dict[str, str] = {}
    for f in files:
        rows = read_csv(f)
        assert rows[0] == ["Email", "First name", "Last name", "Segment", "Suggested action"]
        for email, _first, _last, segment, action in rows[1:]:
            listed[email] = segment
            assert action.startswith("Keep ")
    expected = {
        customers.loc[cid, s.EMAIL]
        for cid in customers.index
        if customers.loc[cid, s.EMAIL]
        and not customers.loc[cid, s.OPT_OUT]
        and customers.loc[cid, s.C_CONTACTABLE]
        and not assignments.loc[cid, s.A_CONTROL]
    }
    assert set(listed) == expected and expected
    # Hostile names are neutralised with a leading apostrophe (OWASP), nothing else changes.
    all_rows = [r for f in files for r in read_csv(f)[1:]]
    firsts = {r[1] for r in all_rows}
    assert not any(v[:1] in "=+-@\t\r" for v in firsts if v)
    assert "'@SUM(1)" in firsts or "'+33 6 12 34 56 78" in firsts


def test_mailing_csvs_in_french_use_semicolons_and_honour_consent_column(tmp_path):
    analysis = make_analysis(30, lang="fr")
    analysis.customers[s.CONSENT] = ["oui" if i % 2 else "non" for i in range(30)]
    files = write_mailing_csvs(analysis, tmp_path)
    rows = [r for f in files for r in read_csv(f)[1:]]
    assert read_csv(files[0])[0] == ["E-mail", "Prénom", "Nom", "Segment", "Action suggérée"]
    ok = {analysis.customers.loc[f"C{i:05d}", s.EMAIL] for i in range(1, 30, 2)}
    assert {r[0] for r in rows} <= ok


def test_mailing_folder_that_is_a_file_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError):
        write_mailing_csvs(make_analysis(5), blocker)


def test_pseudonymized_workbook_has_keyed_hashes_and_no_identities(tmp_path):
    analysis = make_analysis(40)
    key_path = tmp_path / "keys" / "segments-key.txt"
    key_path.parent.mkdir()
    out = tmp_path / "pseudo.xlsx"
    stats = write_workbook(analysis, out, pseudonymize_key_path=key_path)
    assert stats["pseudonymized"] is True
    key_text = key_path.read_text(encoding="utf-8")
    assert key_text.startswith("# Segmenter pseudonymization key")
    with zipfile.ZipFile(out) as zf:
        blob = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
    for cid in analysis.customers.index[:10]:
        assert f">{cid}<" not in blob
    for column in (s.EMAIL, s.FIRST_NAME, s.LAST_NAME, s.PHONE):
        for value in analysis.customers[column].dropna().head(5):
            assert value not in blob, (column, value)
    assert "C00001" not in blob  # not even in the excluded rows
    assert key_text.split()[-1] not in blob  # the key stays out of the workbook
    wb = openpyxl.load_workbook(out)
    head = [c.value for c in wb["All customers"][1]]
    assert head[0] == "Customer (pseudonym)" and "Email" not in head and "First name" not in head
    pseudonyms = [r[0] for r in wb["All customers"].iter_rows(min_row=2, values_only=True)]
    hasher = Pseudonymizer.from_key_file(key_path)
    assert sorted(pseudonyms) == sorted(hasher.hash_ids(list(analysis.customers.index)))
    # The same key gives the same pseudonyms next time; another key gives others.
    write_workbook(analysis, tmp_path / "again.xlsx", pseudonymize_key_path=key_path)
    again = [
        r[0]
        for r in openpyxl.load_workbook(tmp_path / "again.xlsx")["All customers"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert again == pseudonyms
    write_workbook(analysis, tmp_path / "other.xlsx", pseudonymize_key_path=tmp_path / "other-key.txt")
    other = [
        r[0]
        for r in openpyxl.load_workbook(tmp_path / "other.xlsx")["All customers"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert set(other).isdisjoint(pseudonyms)


def test_pseudonymize_key_file_errors(tmp_path):
    bad = tmp_path / "bad-key.txt"
    bad.write_text("not a key", encoding="utf-8")
    with pytest.raises(UserError):
        write_workbook(make_analysis(5), tmp_path / "w.xlsx", pseudonymize_key_path=bad)
    with pytest.raises(UserError):
        write_workbook(make_analysis(5), tmp_path / "w.xlsx", pseudonymize_key_path=tmp_path / "w.xlsx")


def test_results_figures_are_named_in_the_workbooks_language(tmp_path):
    """The Results sheet named its figures by the measurement's keys ("Total.conversion_rate",
    "source.details.unmatched_rows") in a French workbook: each part now has its words."""
    analysis = make_analysis(20, lang="fr")
    analysis.measurements = [
        {
            "id": 1,
            "source": {"rows_read": 30, "details": {"unmatched_rows": 2}},
            "kind": "campaign",
            "total": {
                "conversion_rate": 0.25,
                "revenue": 120.0,
                "new_figure": 3,
                "uplift_verdict": "likely_real",
            },
        }
    ]
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    ws = openpyxl.load_workbook(out)["Résultats"]
    figures = {r[0]: r[1] for r in rows_of(ws) if r[0] is not None and r[1] is not None}
    assert figures["Tous les segments › Taux de conversion"] == 0.25
    assert figures["Tous les segments › Chiffre d'affaires"] == 120.0
    assert figures["Source › Détails › Lignes de clients inconnus"] == 2
    assert figures["Source › Lignes lues"] == 30 and figures["Mesure"] == 1
    assert figures["Tous les segments › new_figure"] == 3  # a key with no name yet stays readable
    # Codes of the report are words on the sheet.
    assert figures["Tous les segments › Verdict sur la conversion"] == "Probablement réel"
    assert figures["Type de résultats"] == "Résultats de campagne"
