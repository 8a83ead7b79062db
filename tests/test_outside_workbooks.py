"""The exported files as outsiders meet them: other programs, other file systems, odd names.

Each test here was written from an outside check of the exports (LibreOffice, openpyxl,
calamine, the file system) on data the project had not seen, and failed before its fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest
from export_fixtures import libreoffice_csv, make_analysis
from python_calamine import CalamineWorkbook

from segmenter_app.cli import EXIT_OK, main
from segmenter_app.core import schema as s
from segmenter_app.core.export import write_mailing_csvs, write_workbook
from segmenter_app.core.pipeline import SegmentOptions, run_segment

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def rename_segments(analysis, names: dict[int, str]) -> None:
    """Give the fixture's segments (by position) the names a user or a rules file could give."""
    segments = analysis.segmentation.segments
    for position, name in names.items():
        segments.loc[position, "name"] = name


def test_mailing_file_names_fit_the_file_system_in_bytes(tmp_path):
    # 100 emoji are 100 characters but 400 bytes: ext4 and APFS refuse names over 255 bytes.
    analysis = make_analysis(60)
    rename_segments(analysis, {0: "😀" * 100, 1: "é" * 300, 2: "Ω" + "." * 200})
    files = write_mailing_csvs(analysis, tmp_path / "mailing")
    assert len(files) == 4
    for path in files:
        assert len(path.name.encode("utf-8")) <= 200, path.name
        assert path.exists() and path.name.endswith(".csv")
    assert files[0].name.startswith("01 😀😀") and files[1].name.startswith("02 éé")
    assert files[2].name == "03 Ω.csv"  # trailing dots are refused by Windows
    first = pd.read_csv(files[0], encoding="utf-8-sig")
    assert set(first["Segment"]) == {"😀" * 100}  # the CSV keeps the whole name


def many_segments(n_customers: int, n_segments: int, **kwargs):
    """The fixture's analysis with its customers spread over ``n_segments`` segments."""
    analysis = make_analysis(n_customers, **kwargs)
    seg = analysis.segmentation
    keys = [f"rules:r{i}" for i in range(n_segments)]
    seg.segments = pd.DataFrame({"key": keys, "name": [f"Segment {i}" for i in range(n_segments)]})
    seg.assignments[s.A_SEGMENT] = [keys[(i // 5) % n_segments] for i in range(n_customers)]
    analysis.plans = {}
    return analysis


def test_mailing_files_sort_in_segment_order_past_99_segments(tmp_path):
    analysis = many_segments(600, 120)
    files = write_mailing_csvs(analysis, tmp_path / "mailing")
    names = [f.name for f in files]
    assert len(names) == 120
    assert names[0] == "001 Segment 0.csv" and names[-1] == "120 Segment 119.csv"
    assert sorted(names) == names  # a file browser lists them as the Summary does


def test_segments_named_like_the_workbooks_own_sheets_do_not_take_their_names(tmp_path):
    analysis = make_analysis(60)
    rename_segments(analysis, {0: "All customers", 1: "method", 2: "Excluded rows", 3: "Summary"})
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    names = stats["sheets"]
    assert names[:2] == ["Summary", "Action plan"]
    assert names[2:6] == ["All customers (2)", "method (2)", "Excluded rows (2)", "Summary (2)"]
    assert names[-3:] == ["All customers", "Excluded rows", "Method"]
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb["All customers"].max_row == 1 + 60  # every customer, not one segment's
    assert wb["All customers (2)"].max_row == 1 + 15


def test_excluded_rows_of_a_very_wide_file_fit_excels_16384_columns(tmp_path):
    # The Excluded rows sheet keeps every original column; a file with 16,400 columns used to
    # make XlsxWriter refuse the table and the whole export stop with an internal error.
    analysis = make_analysis(20)
    excluded = analysis.excluded
    wide = pd.DataFrame({f"x{i}": [f"v{i}"] * len(excluded) for i in range(16_400)})
    analysis.excluded = pd.concat([excluded.reset_index(drop=True), wide], axis=1)
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    sheet = wb["Excluded rows"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert len(header) == 16_384
    assert header[0] == "File" and header[3:5] == ("Client", "Montant")
    assert header[-1] == "x16378"  # 3 + 2 + 16,379 columns: the last 21 are left out
    method = [row[1] for row in wb["Method"].iter_rows(values_only=True) if row[1]]
    assert any("Excluded rows" in str(v) and "21 columns" in str(v) for v in method)


def test_pseudonymized_excluded_rows_leave_birth_dates_out_as_all_customers_does(tmp_path):
    # A pseudonym next to a birth date, a postcode and a gender points back to one person:
    # All customers leaves the birth date out, the Excluded rows sheet showed it.
    analysis = make_analysis(20)
    analysis.inputs[0].mapping["Naissance"] = s.BIRTH_DATE
    analysis.excluded["Naissance"] = ["16/11/1985", "27/10/1997", "01/02/1960"]
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out, pseudonymize_key_path=tmp_path / "key.txt")
    wb = openpyxl.load_workbook(out, read_only=True)
    texts = {v for ws in wb for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)}
    assert not texts & {"16/11/1985", "27/10/1997", "01/02/1960"}
    header = next(wb["Excluded rows"].iter_rows(max_row=1, values_only=True))
    assert "Naissance" not in header and "Montant" in header


def test_whole_numbers_past_15_digits_keep_every_digit(tmp_path):
    # A card number read as a number: Excel keeps 15 significant digits, so a number cell
    # shows and saves 4970101234567891 as 4970101234567890.
    analysis = make_analysis(20)
    cards = [4970101234567891 + 7 * i for i in range(20)]
    analysis.customers["Card number"] = pd.array(cards, dtype="int64")
    analysis.customers["Points"] = pd.array(range(20), dtype="int64")
    # The same codes with a blank are read as floats: they keep their digits too.
    analysis.customers["Card (float)"] = [float(c) if i else np.nan for i, c in enumerate(cards)]
    analysis.customers["Spend (float)"] = [1e15 + 0.5 * i for i in range(20)]  # not whole: a number
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = list(wb["All customers"].iter_rows(values_only=True))
    cards_column = rows[0].index("Card number")
    points_column = rows[0].index("Points")
    written = {row[cards_column] for row in rows[1:]}
    assert written == {str(c) for c in cards}
    assert all(isinstance(row[points_column], int) for row in rows[1:])  # small ones stay numbers
    floats = {row[rows[0].index("Card (float)")] for row in rows[1:]}
    assert floats == {str(c) for c in cards[1:]} | {None}
    assert all(isinstance(row[rows[0].index("Spend (float)")], (int, float)) for row in rows[1:])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_finds_every_customer_on_all_customers_with_ids_and_cards_as_text(tmp_path):
    # One conversion of a small workbook, as someone without Excel opens it: every sheet
    # to CSV, raw values. A segment called "All customers" must not hide the real sheet.
    analysis = make_analysis(30, hostile=True)
    rename_segments(analysis, {0: "All customers", 2: "A/B: [test]*?" + "x" * 40})
    analysis.customers["Card number"] = pd.array([4970101234567891 + i for i in range(30)], dtype="int64")
    analysis.customers.index = pd.Index([f"{i:05d}" if i % 2 else f"{i}E5" for i in range(30)])
    analysis.segmentation.assignments.index = analysis.customers.index
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    produced = libreoffice_csv(out, tmp_path / "csv", formatted=True)
    assert produced == sorted(f"w-{n}.csv" for n in stats["sheets"])
    with open(tmp_path / "csv" / "w-All customers.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    ids = [row[0] for row in rows[1:]]
    cards = [row[header.index("Card number")] for row in rows[1:]]
    assert sorted(ids) == sorted(analysis.customers.index)  # 00001, 0E5: text, zeros kept
    assert sorted(cards) == sorted(str(4970101234567891 + i) for i in range(30))


def test_excel_is_told_that_ids_stored_as_text_are_text_on_purpose(tmp_path):
    # Excel marks every text cell that looks like a number ("17850", "00123") with a green
    # triangle offering "Convert to number", which would drop the leading zeros.
    analysis = make_analysis(20)
    analysis.customers.index = pd.Index([f"{i:05d}" for i in range(20)])
    analysis.segmentation.assignments.index = analysis.customers.index
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    with zipfile.ZipFile(out) as zf:
        parts = sorted(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))
        assert len(parts) == len(stats["sheets"])
        for name in parts:
            root = ET.fromstring(zf.read(name))
            ignored = root.findall(f"{NS}ignoredErrors/{NS}ignoredError")
            assert [(e.get("sqref"), e.get("numberStoredAsText")) for e in ignored] == [
                ("A1:XFD1048576", "1")
            ], name


def _excel_unescape(text: str) -> str:
    """What Excel reads from an escaped XML string (``_xHHHH_`` is one character)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def test_table_column_names_read_by_excel_match_their_header_cells(tmp_path):
    # Column names as files that went through openpyxl carry them: Excel decodes _xHHHH_ in
    # a table's column names, so "Notes_x000D_" must be written escaped or the table's column
    # ("Notes\r") differs from its header cell and Excel repairs the workbook.
    analysis = make_analysis(20)
    analysis.excluded["Notes_x000D_"] = ["a", "b", "c"]
    analysis.excluded["_x0041_"] = ["d", "e", "f"]
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    with zipfile.ZipFile(out) as zf:
        workbook = ET.fromstring(zf.read("xl/workbook.xml"))
        names = [sheet.get("name") for sheet in workbook.iter(f"{NS}sheet")]
        sheet_part = f"xl/worksheets/sheet{names.index('Excluded rows') + 1}.xml"
        cells = {}
        for cell in ET.fromstring(zf.read(sheet_part)).iter(f"{NS}c"):
            text = cell.find(f"{NS}is/{NS}t")
            if text is not None and re.fullmatch(r"[A-Z]+1", cell.get("r")):
                cells[cell.get("r")] = _excel_unescape(text.text)
        tables = [ET.fromstring(zf.read(n)) for n in zf.namelist() if n.startswith("xl/tables/")]
    table = next(t for t in tables if "Notes" in str([c.get("name") for c in t.iter(f"{NS}tableColumn")]))
    columns = [_excel_unescape(c.get("name")) for c in table.iter(f"{NS}tableColumn")]
    header = [cells[f"{chr(65 + i)}1"] for i in range(len(columns))]
    assert columns == header
    assert header[-2:] == ["Notes_x000D_", "_x0041_"]


def test_sheet_names_read_by_excel_are_valid_and_unique(tmp_path):
    # Excel decodes _xHHHH_ in sheet names too: "a_x003A_b" would read "a:b" (forbidden),
    # "Spending_x000D_" would end with a carriage return, "_x0041_" would clash with "A".
    analysis = make_analysis(60)
    rename_segments(analysis, {0: "A", 1: "_x0041_", 2: "a_x003A_b", 3: "High Spending_x000D_"})
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    with zipfile.ZipFile(out) as zf:
        workbook = ET.fromstring(zf.read("xl/workbook.xml"))
    names = [_excel_unescape(sheet.get("name")) for sheet in workbook.iter(f"{NS}sheet")]
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert not set(name) & set("[]:*?/\\") and name.isprintable(), repr(name)
    assert names[2:6] == ["A", "x0041_", "a x003A_b", "High Spending x000D_"]


def test_pseudonyms_of_excluded_rows_match_the_customers_pseudonyms(tmp_path):
    # Online Retail writes its ids as 17850.0; the import makes them 17850. The Excluded rows
    # hashed the file's text, so none of its 7,170 pseudonyms matched a customer's.
    analysis = make_analysis(20)
    analysis.excluded["Client"] = [None, "00017.0", " C00002 "]
    analysis.customers.index = pd.Index(["00017", *analysis.customers.index[1:]])
    analysis.segmentation.assignments.index = analysis.customers.index
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out, pseudonymize_key_path=tmp_path / "key.txt")
    wb = openpyxl.load_workbook(out, read_only=True)
    customers = {row[0] for row in wb["All customers"].iter_rows(min_row=2, values_only=True)}
    rows = list(wb["Excluded rows"].iter_rows(values_only=True))
    column = rows[0].index("Client")
    excluded = [row[column] for row in rows[1:]]
    assert excluded[0] is None and excluded[1] in customers and excluded[2] in customers


def test_dates_before_1900_on_the_method_and_results_sheets_are_iso_text(tmp_path):
    # A shop's archive from 1899: the analysis date on the Method sheet was the serial -313,
    # which Excel shows as ##### and LibreOffice as 1899-02-20, a day early.
    analysis = make_analysis(20)
    analysis.as_of = pd.Timestamp("1899-02-21")
    analysis.measurements = [{"campaign_date": pd.Timestamp("1899-01-02 10:30"), "uplift": 0.1}]
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    method = {row[0]: row[1] for row in wb["Method"].iter_rows(values_only=True) if row[0]}
    assert method["Analysis date"] == "1899-02-21"
    results = [row[1] for row in wb["Results"].iter_rows(values_only=True) if row[1] is not None]
    assert "1899-01-02 10:30:00" in results
    assert isinstance(method["Workbook written"], dt.datetime)  # later dates stay real dates


def test_mailing_file_name_of_a_segment_with_a_lone_surrogate(tmp_path):
    # A rules file may name a rule "bad\ud800name" (a JSON escape Python decodes as it is):
    # no file system takes that character, and encoding the name raised UnicodeEncodeError.
    analysis = make_analysis(60)
    segments = analysis.segmentation.segments
    segments["name"] = segments["name"].astype(object)  # as a renamed segment's name can be
    rename_segments(analysis, {0: "bad\ud800name", 1: "\udc80"})
    files = write_mailing_csvs(analysis, tmp_path / "mailing")
    assert [f.name for f in files[:2]] == ["01 bad name.csv", "02 segment.csv"]
    first = pd.read_csv(files[0], encoding="utf-8-sig")
    assert set(first["Segment"]) == {"badname"}  # removed in the file, as in the workbook


def test_rules_file_with_a_lone_surrogate_still_gives_a_workbook(tmp_path):
    # JSON lets a file write "\ud800" alone; the rule's name reached a pandas string column,
    # which Arrow refused with UnicodeEncodeError: exit 1 and no workbook.
    sales = tmp_path / "sales.csv"
    lines = ["order,date,customer,amount,email"]
    lines += [f"O{i},2025-{1 + i % 12:02d}-10,C{i % 30},{10 + i},c{i % 30}@example.com" for i in range(90)]
    sales.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rules = tmp_path / "rules.json"
    rules.write_text(
        '{"rules": [{"id": "a", "name": "bad\\ud800name", "when": {"field": "monetary", "op": ">", "value": 100}}]}',
        encoding="utf-8",
    )
    out, report = tmp_path / "out.xlsx", tmp_path / "report.json"
    args = ["segment", str(sales), "--out", str(out), "--report", str(report), "--method", "rules"]
    code = main([*args, "--rules", str(rules), "--csv-dir", str(tmp_path / "mailing")])
    assert code == EXIT_OK
    assert "badname" in openpyxl.load_workbook(out, read_only=True).sheetnames
    assert (tmp_path / "mailing" / "01 badname.csv").exists()


def test_input_columns_named_source_or_reason_are_kept_on_excluded_rows(tmp_path):
    # A web shop's "source" (google, newsletter) or a returns export's "reason" shares its name
    # with the bookkeeping columns of the excluded rows: excluded["source"] was then two
    # columns and the export stopped with a TypeError.
    analysis = make_analysis(20)
    extra = pd.DataFrame(
        [["google", "gift", "x1"], ["newsletter", "birthday", "x2"], ["ads", "none", "x3"]],
        columns=["source", "reason", "source_row"],
    )
    analysis.excluded = pd.concat([analysis.excluded, extra], axis=1)
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = list(wb["Excluded rows"].iter_rows(values_only=True))
    assert rows[0][:3] == ("File", "Row in file", "Reason")
    assert rows[0][-3:] == ("source", "reason (2)", "source_row")
    assert rows[1][:3] == ("ventes.csv", 5, "No customer identifier")
    assert rows[1][-3:] == ("google", "gift", "x1")


@pytest.mark.realdata
@pytest.mark.slow
def test_online_retail_pseudonymized_excluded_rows_match_the_customers(tmp_path, online_retail_csv):
    # Online Retail writes ids as 17850.0: before the fix none of the 7,170 pseudonyms on its
    # Excluded rows matched a customer's; the few left are customers in no segment (returns only).
    out = tmp_path / "retail.xlsx"
    options = SegmentOptions(
        files=[str(online_retail_csv)], out=str(out), pseudonymize=True, key_file=str(tmp_path / "key.txt")
    )
    run_segment(options)
    book = CalamineWorkbook.from_path(str(out))
    customers = {row[0] for row in book.get_sheet_by_name("All customers").to_python()[1:]}
    excluded = book.get_sheet_by_name("Excluded rows").to_python()
    column = excluded[0].index("CustomerID")
    pseudonyms = [row[column] for row in excluded[1:] if row[column]]
    matched = sum(p in customers for p in pseudonyms)
    assert len(pseudonyms) > 7000 and matched > 0.99 * len(pseudonyms)


def test_pseudonymized_workbook_leaves_out_text_columns_of_unknown_meaning(tmp_path):
    # "Full name" and "Street address" were given no role by the import: the pseudonymized
    # workbook showed "Marie Curie, 5 rue Y" beside her pseudonym, on All customers and on
    # Excluded rows, while it promises to leave names out.
    analysis = make_analysis(20)
    attributes = pd.DataFrame(
        {
            "Full name": [f"Person {i}" for i in range(20)],
            "Street address": [f"{i} rue X" for i in range(20)],
            "Income": [1000.0 + i for i in range(20)],
        },
        index=analysis.customers.index,
    )
    analysis.customer_attributes = attributes
    analysis.customers = analysis.customers.join(attributes)
    analysis.excluded["Full name"] = ["Marie Curie", "Paul Valery", "Ada Lovelace"]
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out, pseudonymize_key_path=tmp_path / "key.txt")
    wb = openpyxl.load_workbook(out, read_only=True)
    texts = " ".join(
        str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)
    )
    assert "Person 3" not in texts and "rue X" not in texts and "Marie Curie" not in texts
    header = next(wb["All customers"].iter_rows(max_row=1, values_only=True))
    assert "Income" in header and "Full name" not in header  # numbers of unknown meaning stay
    method = {row[0]: row[1] for row in wb["Method"].iter_rows(values_only=True) if row[0]}
    left_out = method["Columns left out (their meaning is unknown and they may identify a person)"]
    assert left_out == "Full name, Street address"
    # Without pseudonymization every column is there.
    write_workbook(analysis, tmp_path / "plain.xlsx")
    plain = openpyxl.load_workbook(tmp_path / "plain.xlsx", read_only=True)
    assert "Full name" in next(plain["All customers"].iter_rows(max_row=1, values_only=True))


def test_a_new_mailing_export_removes_the_files_of_the_last_one_and_nothing_else(tmp_path):
    """A segment renamed (or gone, or now without anyone to email) left its old file beside the new
    ones: importing the folder into a mailing tool reached people now elsewhere. The earlier
    export's files go; the user's own files in the folder stay, even one numbered like ours."""
    folder = tmp_path / "mailing"
    analysis = make_analysis(60)
    first = {p.name for p in write_mailing_csvs(analysis, folder)}
    assert "01 Champions.csv" in first
    own = folder / "01 my notes.csv"
    own.write_text("Email,Notes\nme@example.com,keep me\n", encoding="utf-8")
    other = folder / "contacts.csv"
    other.write_text("Email,First name,Last name,Segment,Suggested action\n", encoding="utf-8")
    rename_segments(analysis, {0: "Best customers"})
    analysis.lang = "fr"  # a re-export in the other language: its header row differs
    second = {p.name for p in write_mailing_csvs(analysis, folder)}
    assert "01 Best customers.csv" in second and "01 Champions.csv" not in second
    assert {p.name for p in folder.iterdir()} == second | {own.name, other.name}
    assert own.read_text(encoding="utf-8").endswith("keep me\n")
