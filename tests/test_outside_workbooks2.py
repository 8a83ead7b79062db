"""The exported files as outsiders meet them, second round: after the export's own row writer
(fast_rows.py), the safe-string sheet, the continuation sheets and the measure alerts.

Each test here comes from an outside check (LibreOffice, openpyxl, the file system) of
workbooks made by the real commands on varied inputs, and failed before its fix.
"""

from __future__ import annotations

import csv
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pandas as pd
import pytest
from export_fixtures import libreoffice_csv, make_analysis

from segmenter_app.core.export import write_workbook
from segmenter_app.core.export.safe_text import utf16_len

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here"
)


def _long_excluded(analysis, rows: int) -> None:
    """``rows`` excluded rows, numbered, so a sheet of a few rows must continue."""
    base = analysis.excluded
    repeated = pd.concat([base] * (rows // len(base) + 1), ignore_index=True).iloc[:rows].copy()
    repeated["source_row"] = range(2, rows + 2)
    analysis.excluded = repeated


@needs_soffice
def test_excluded_rows_continue_on_their_own_numbered_sheet_whatever_the_segments_are_called(tmp_path):
    # A segment called "Lignes exclues (2)" (or "Lignes exclues", which became "Lignes exclues
    # (2)") took the name of the continuation: the excluded rows past the first sheet went on
    # "Lignes exclues (2) (5)", then "Lignes exclues (3) (3)", and a reader looking for the rest
    # of the excluded rows found a segment's customers on "Lignes exclues (2)".
    analysis = make_analysis(40, lang="fr")
    analysis.segmentation.segments.loc[0, "name"] = "Lignes exclues (2)"
    analysis.segmentation.segments.loc[1, "name"] = "Lignes exclues"
    _long_excluded(analysis, 25)
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out, max_rows=11)  # 10 rows below the header on a sheet
    names = stats["sheets"]
    at = names.index("Lignes exclues")
    assert names[at : at + 3] == ["Lignes exclues", "Lignes exclues (2)", "Lignes exclues (3)"]
    assert stats["rows"]["Lignes exclues (2)"] == 10 and stats["rows"]["Lignes exclues (3)"] == 5
    segments = names[2 : names.index("Tous les clients")]
    assert not {"Lignes exclues (2)", "Lignes exclues (3)"} & set(segments)
    assert segments[0].startswith("Lignes exclues (2) ")  # the user's name, set apart
    # As LibreOffice shows them: the rows go on in order over the three sheets.
    libreoffice_csv(out, tmp_path / "csv", formatted=False)
    numbers = []
    for name in ["Lignes exclues", "Lignes exclues (2)", "Lignes exclues (3)"]:
        with open(tmp_path / "csv" / f"w-{name}.csv", encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][:3] == ["Fichier", "Ligne du fichier", "Motif"]
        numbers += [int(row[1]) for row in rows[1:]]
    assert numbers == list(range(2, 27))


NAMES = [
    "Zoé",
    "Élodie 😀",
    "שלום עולם",
    '=HYPERLINK("http://x.example","y")',
    "+33 6 12",
    "-5+3",
    "@SUM(A1)",
]


def _french_till(path) -> None:
    """A French till export: ';', dd/mm/yyyy, '1 234,50 €', ids, postcodes and phones with zeros."""
    lines = ["Date;N° ticket;Code client;Prénom;Nom;Code postal;Téléphone;Email;Montant TTC"]
    for i in range(120):
        c = i % 30
        amount = f"{1000 + c * 10 + i * 0.25:,.2f}".replace(",", " ").replace(".", ",")
        lines.append(
            f"{1 + i % 28:02d}/{1 + i % 12:02d}/2025;T{i:05d};{c:06d};{NAMES[c % len(NAMES)]};Nöel{c};"
            f"{c * 37:05d};06{c:08d};client{c}@exemple.fr;{amount} €"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@needs_soffice
def test_libreoffice_shows_a_french_till_export_as_the_app_wrote_it(tmp_path, capsys):
    # Through the real command, then LibreOffice's values as shown: ids, postcodes and phones
    # keep their zeros, money its euro sign and cents, dates are dates, hostile names text.
    # (export_fixtures.libreoffice_csv asked for "as shown" with the wrong token: its
    # formatted conversion was the raw one.)
    from segmenter_app.cli import EXIT_OK, main

    sales = tmp_path / "caisse.csv"
    _french_till(sales)
    out = tmp_path / "w.xlsx"
    args = ["segment", str(sales), "--out", str(out), "--report", str(tmp_path / "r.json"), "--lang", "fr"]
    assert main(args) == EXIT_OK
    libreoffice_csv(out, tmp_path / "csv", formatted=True)
    with open(tmp_path / "csv" / "w-Tous les clients.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert sorted(body) == [f"{c:06d}" for c in range(30)]
    first = body["000007"]  # customer 7: tickets 7, 37, 67 and 97
    cell = dict(zip(header, first, strict=True))
    assert cell["Prénom"] == NAMES[0] and cell["Nom"] == "Nöel7"
    assert cell["Code postal"] == "00259" and cell["Téléphone"] == "0600000007"
    spent = sum(1000 + 70 + i * 0.25 for i in (7, 37, 67, 97))
    assert cell["Dépense nette"].endswith("€")
    assert re.sub(r"\D", "", cell["Dépense nette"]) == f"{spent:.2f}".replace(".", "")
    assert (cell["Premier achat"], cell["Dernier achat"]) == ("2025-02-10", "2025-08-12")
    assert cell["Part des retours"].endswith("%")
    shown = {dict(zip(header, row, strict=True))["Prénom"] for row in body.values()}
    assert shown == set(NAMES)  # formulas, emoji and right-to-left text as they were


@needs_soffice
def test_sheet_names_equal_for_libreoffice_ignoring_case_are_made_unique(tmp_path):
    # A Turkish shop's "KAPI" and "Kapı" differ for Python's lower() ("kapi", "kapı") but not
    # for a spreadsheet, which compares names in upper case (ı -> I): LibreOffice renamed the
    # second sheet "Kapı -1", and a link or a reader looking for "Kapı" missed it.
    analysis = make_analysis(40)
    for position, name in enumerate(["KAPI", "Kapı", "Straße", "STRASSE"]):
        analysis.segmentation.segments.loc[position, "name"] = name
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    # "ß" has no one-letter capital: "Straße" and "STRASSE" are two names for both programs.
    assert stats["sheets"][2:6] == ["KAPI", "Kapı (2)", "Straße", "STRASSE"]
    produced = libreoffice_csv(out, tmp_path / "csv", formatted=False)
    assert produced == sorted(f"w-{name}.csv" for name in stats["sheets"])  # none renamed


def test_table_column_names_fit_excels_255_characters_counted_in_utf16(tmp_path):
    # Excel repairs a workbook whose table has a column name over 255 characters (openxlsx
    # #402), counted as Windows counts them, in UTF-16 units: 150 emoji in a file's header were
    # within the 200-character cut (they are 150 Python characters) but 300 units for Excel.
    analysis = make_analysis(20)
    analysis.excluded["😀" * 150] = ["a", "b", "c"]
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    with zipfile.ZipFile(out) as zf:
        names = [
            column.get("name")
            for part in zf.namelist()
            if part.startswith("xl/tables/")
            for column in ET.fromstring(zf.read(part)).iter(f"{NS}tableColumn")
        ]
    emoji = [name for name in names if name.startswith("😀")]
    assert len(emoji) == 1 and utf16_len(emoji[0]) <= 255
    wb = openpyxl.load_workbook(out, read_only=True)
    header = next(wb["Excluded rows"].iter_rows(max_row=1, values_only=True))
    assert header[-1] == emoji[0]  # the header cell says what the table's column is called


@needs_soffice
@pytest.mark.realdata
def test_libreoffice_shows_cdnow_ids_with_their_zeros_dates_and_spend(tmp_path, cdnow_sample):
    # The real CDNOW sample writes its customers as "00004": through the real command
    # (predictive, in French), LibreOffice shows every one of the file's 2,357 ids as written,
    # and customer 00004's four purchases as the file holds them.
    from segmenter_app.cli import EXIT_OK, main

    out = tmp_path / "cdnow.xlsx"
    args = ["segment", str(cdnow_sample), "--out", str(out), "--report", str(tmp_path / "r.json")]
    assert main([*args, "--method", "predictive", "--lang", "fr"]) == EXIT_OK
    ids = {line.split()[0] for line in cdnow_sample.read_text(encoding="ascii").splitlines() if line.strip()}
    produced = libreoffice_csv(out, tmp_path / "csv", formatted=True)
    assert "cdnow-Tous les clients.csv" in produced
    with open(tmp_path / "csv" / "cdnow-Tous les clients.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert {row[0] for row in rows[1:]} == ids and len(rows) - 1 == len(ids) == 2357
    cell = dict(zip(header, next(row for row in rows[1:] if row[0] == "00004"), strict=True))
    assert (cell["Premier achat"], cell["Dernier achat"]) == ("1997-01-01", "1997-12-12")
    spend = re.sub(r"\D", "", cell["Dépense nette"])  # 100.50 or 100,50 as the locale writes it
    assert cell["Commandes"] == "4" and spend == "10050"  # 29.33 + 29.73 + 14.96 + 26.48


def test_a_measurements_migration_lists_are_tables_not_json_cut_at_32767_characters(tmp_path):
    # The customers who left the best segments were one JSON text in a cell: 1,200 of them
    # passed the cell's 32,767 characters, the text was cut mid-record and the last ids lost.
    analysis = make_analysis(20)
    left = [{"customer_id": f"{i:06d}", "from": "rfm:loyal", "to": "rfm:hibernating"} for i in range(1200)]
    moves = [{"from": "rfm:loyal", "to": "rfm:hibernating", "customers": 1200}]
    analysis.measurements = [
        {"id": 1, "uplift": 0.1, "migration": {"from": "2025-01-01", "left_best": left, "moves": moves}}
    ]
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    assert stats["cut_cells"] == []
    rows = list(openpyxl.load_workbook(out, read_only=True)["Results"].iter_rows(values_only=True))
    figures = {row[0]: row[1] for row in rows if row[0] and row[1] is not None}
    assert figures["Moves between segments › From"] == "2025-01-01" and figures["Conversion uplift"] == 0.1
    title = next(
        i
        for i, row in enumerate(rows)
        if row[0] == "Moves between segments › Customers who left the best segments"
    )
    assert rows[title + 1][:3] == ("Customer", "From", "To")
    listed = [row[0] for row in rows[title + 2 : title + 2 + 1200]]
    assert listed == [f"{i:06d}" for i in range(1200)]  # every id, as text with its zeros
    assert any(row[0] == "Moves between segments › Moves" for row in rows)


@needs_soffice
def test_results_tables_show_rates_and_uplift_as_percentages(tmp_path):
    # The per-segment results showed conversion rate 0.7778 and uplift 0.2778 beside the
    # sentence "+27.8 points": the Summary and the plan show their shares as percentages.
    # So did the figures above them (Total.conversion_rate 0.6667).
    analysis = make_analysis(20)
    analysis.measurements = [
        {
            "id": 1,
            "Total": {"conversions": 36, "conversion_rate": 0.6667, "uplift_high": 0.3831, "revenue": 3247},
            "segments": [
                {"key": "rfm:loyal", "conversions": 14, "conversion_rate": 0.7778, "control_rate": 0.5,
                 "uplift": 0.2778, "uplift_low": -0.1883, "revenue_uplift": 53.33, "uplift_text": "+27.8 points",
                 "roi": 1395.667, "incremental_roi": 36.5},
                {"key": "rfm:champions", "conversions": 0, "conversion_rate": None, "control_rate": None,
                 "uplift": None, "uplift_low": None, "revenue_uplift": None, "uplift_text": "No control group",
                 "roi": None, "incremental_roi": None},
            ],
        }
    ]  # fmt: skip
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    libreoffice_csv(out, tmp_path / "csv", formatted=True)
    with open(tmp_path / "csv" / "w-Results.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    at = next(i for i, row in enumerate(rows) if row[0] == "Key")
    # The decimal sign and spacing follow LibreOffice's locale: "77.8%" or "77,8 %".
    shown = {h: re.sub(r"\s", "", v).replace(",", ".") for h, v in zip(rows[at], rows[at + 1], strict=True)}
    assert shown["Conversion rate"] == "77.8%" and shown["Control conversion rate"] == "50.0%"
    assert shown["Conversion uplift"] == "27.8%" and shown["Conversion uplift, low"] == "-18.8%"
    assert shown["Conversions"] == "14" and shown["Revenue uplift per customer"] == "53.33"  # not shares
    # Measured, not "Expected return on investment" as the plan's header says.
    assert (
        shown["Return on investment"] == "139566.7%"
        and shown["Incremental return on investment"] == "3650.0%"
    )
    assert rows[at + 1][rows[at].index("Conversion uplift in words")] == "+27.8 points"
    assert dict(zip(rows[at], rows[at + 2], strict=True))["Conversion rate"] == ""
    figures = {row[0]: re.sub(r"\s", "", row[1]).replace(",", ".") for row in rows[:at] if row[0]}
    assert figures["All segments › Conversion rate"] == "66.7%"
    assert figures["All segments › Conversion uplift, high"] == "38.3%"
    assert figures["All segments › Conversions"] == "36" and figures["All segments › Revenue"] == "3247"


@needs_soffice
def test_method_sheet_shows_the_control_share_as_the_plan_does(tmp_path):
    # "Part du groupe témoin: 0.1" on the Method sheet, "10.0%" on the action plan.
    analysis = make_analysis(20, lang="fr")
    analysis.control_share = 0.1
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    libreoffice_csv(out, tmp_path / "csv", formatted=True)
    with open(tmp_path / "csv" / "w-Méthode.csv", encoding="utf-8", newline="") as fh:
        figures = {row[0]: re.sub(r"\s", "", row[1]).replace(",", ".") for row in csv.reader(fh) if row}
    assert figures["Part du groupe témoin"] == "10.0%"
    assert figures["Clients segmentés"] == "20"  # other numbers as they were
