"""Whitespace-aligned (fixed-width) text files: found from their content, split into columns, and a
file without a header gets generic names whose roles are found from the values (CDNOW)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files, preview_file
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.reading import aligned, roles, text
from segmenter_app.core.reading.table import read_table

ALIGNED = (
    " customer_id      date  cds   dollars\n"
    "       00001  19970101    1     11.77\n"
    "       00002  19970112    1     12.00\n"
    "       00002  19970112    5     77.00\n"
    "       00003  19970102    2     20.76\n"
    "       00003  19970330    2     20.76\n"
    "       00003  19970402    2     19.54\n"
)

# Single spaces inside the values, two or more between the columns.
WIDE = (
    "Customer name    Order date   Amount\n"
    "Jean Dupont      2024-01-05   12.50\n"
    "Marie Curie      2024-01-06   8.00\n"
    "Ada Lovelace     2024-02-01   120.00\n"
    "Jean Dupont      2024-03-05   14.00\n"
)


def write(tmp_path: Path, name: str, content: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(content.replace("\n", newline).encode("utf-8"))
    return path


def test_aligned_columns_are_found_and_split(tmp_path):
    path = write(tmp_path, "aligned.txt", ALIGNED, "\r\n")
    raw = read_table(path)
    assert raw.delimiter == text.WHITESPACE
    assert list(raw.frame.columns) == ["customer_id", "date", "cds", "dollars"]
    assert raw.frame.shape == (6, 4)
    assert raw.frame.iloc[0].tolist() == ["00001", "19970101", "1", "11.77"]
    assert raw.frame.iloc[-1].tolist() == ["00003", "19970402", "2", "19.54"]
    assert raw.source_rows.tolist() == [2, 3, 4, 5, 6, 7]
    assert raw.malformed == {}


def test_values_with_single_spaces_stay_whole(tmp_path):
    raw = read_table(write(tmp_path, "wide.txt", WIDE))
    assert raw.delimiter == text.WIDE_SPACES
    assert list(raw.frame.columns) == ["Customer name", "Order date", "Amount"]
    assert raw.frame["Customer name"].tolist() == [
        "Jean Dupont",
        "Marie Curie",
        "Ada Lovelace",
        "Jean Dupont",
    ]
    assert raw.frame["Amount"].tolist() == ["12.50", "8.00", "120.00", "14.00"]


# A fixed-width report: some cells are empty, names have spaces, numbers are right-aligned.
FIXED = (
    "Customer   Name              Date          Amount\n"
    "C0001      Jean Dupont       2024-01-05     12.50\n"
    "C0002                        2024-01-06      8.00\n"
    "C0003      Ada Lovelace      2024-02-01    120.00\n"
    "C0001      Jean Dupont       2024-03-05          \n"
    "C0004      Marie             2024-03-06   1020.00\n"
    "C0005      Alan M. Turing    2024-03-07      3.10\n"
)


def test_fixed_width_empty_cells_stay_in_their_column(tmp_path):
    raw = read_table(write(tmp_path, "fixed.txt", FIXED))
    assert raw.delimiter in text.ALIGNED
    assert list(raw.frame.columns) == ["Customer", "Name", "Date", "Amount"]
    frame = raw.frame.astype(object).where(raw.frame.notna(), None)
    assert frame.iloc[1].tolist() == ["C0002", None, "2024-01-06", "8.00"]
    assert frame.iloc[3].tolist() == ["C0001", "Jean Dupont", "2024-03-05", None]
    assert frame["Name"].tolist() == [
        "Jean Dupont",
        None,
        "Ada Lovelace",
        "Jean Dupont",
        "Marie",
        "Alan M. Turing",
    ]
    assert frame["Amount"].tolist() == ["12.50", "8.00", "120.00", None, "1020.00", "3.10"]
    assert raw.malformed == {}


def test_printed_report_with_title_lines(tmp_path):
    report = (
        "SALES REPORT - SHOP X\nPrinted on 2024-05-01 by admin\n\n"
        "Customer   Date         Amount\n"
        "C0001      2024-01-05    12.50\n"
        "C0002      2024-01-06     8.00\n"
        "C0003      2024-02-01   120.00\n"
        "C0001      2024-03-05    14.00\n"
        "C0004      2024-03-06  1020.00\n"
        "C0005      2024-03-07     3.10\n"
    )
    path = write(tmp_path, "report.txt", report)
    raw = read_table(path)
    assert (raw.delimiter, raw.header_row) == (text.WHITESPACE, 4)
    assert list(raw.frame.columns) == ["Customer", "Date", "Amount"]
    assert raw.source_rows.tolist() == [5, 6, 7, 8, 9, 10]
    analysis = Analysis()
    import_files(analysis, [path])
    assert analysis.account.kept == 6
    assert sorted(analysis.transactions[schema.T_AMOUNT]) == [3.1, 8.0, 12.5, 14.0, 120.0, 1020.0]


def test_column_spans():
    lines = FIXED.splitlines()[1:]
    assert aligned.column_spans(lines) == [(0, 5), (11, 25), (29, 39), (42, 49)]
    spans = aligned.column_spans(lines)
    assert aligned.place("C0009      Zoë Ba            2024-04-01      1.00", spans) == [
        "C0009", "Zoë Ba", "2024-04-01", "1.00"
    ]  # fmt: skip
    assert aligned.place("C0009 a word across the gaps", spans) is None
    # Words of ordinary text do not line up into columns.
    prose = ["Jean Dupont", "Marie Curie", "Ada Lovelace", "Alan Turing", "Grace Hopper", "Zoë Ba"]
    assert aligned.column_spans(prose) is None


def test_ordinary_text_with_single_spaces_is_one_column(tmp_path):
    names = "Name\nJean Dupont\nMarie Curie\nAda Lovelace\nAlan Turing\nGrace Hopper\n"
    raw = read_table(write(tmp_path, "names.csv", names))
    assert list(raw.frame.columns) == ["Name"]
    assert raw.frame["Name"].tolist()[:2] == ["Jean Dupont", "Marie Curie"]
    assert text.detect_aligned(names.splitlines()) is None


def test_detect_aligned_needs_consistent_lines():
    ragged = ["a  b  c", "d  e", "f  g  h  i", "j", "k  l  m  n  o"]
    assert text.detect_aligned(ragged) is None
    # A real delimiter wins over spaces.
    assert text.detect_delimiter(["id;name", "1;Jean  Dupont", "2;Marie  Curie"]) == ";"


def test_aligned_line_with_extra_field_is_set_aside(tmp_path):
    rows = "".join(ALIGNED.splitlines(keepends=True)[1:]) * 4
    content = ALIGNED + rows + "       00004  19970105    1     10.00  oops\n"
    raw = read_table(write(tmp_path, "extra.txt", content))
    assert raw.delimiter == text.WHITESPACE
    assert list(raw.malformed) == [30]
    assert "oops" in raw.malformed[30]
    assert len(raw.frame) == 31


def test_headerless_file_gets_generic_names_and_roles_from_values(tmp_path):
    body = "".join(ALIGNED.splitlines(keepends=True)[1:])
    raw = read_table(write(tmp_path, "noheader.txt", body), header_row=0)
    assert list(raw.frame.columns) == ["Column 1", "Column 2", "Column 3", "Column 4"]
    assert len(raw.frame) == 6
    assert raw.source_rows.tolist() == [1, 2, 3, 4, 5, 6]
    guesses = roles.detect_roles(raw.frame)
    assert {c: g.role for c, g in guesses.items()} == {
        "Column 1": schema.CUSTOMER_ID,
        "Column 2": schema.ORDER_DATE,
        "Column 3": schema.QUANTITY,
        "Column 4": schema.AMOUNT,
    }
    assert all(g.reason == "values" for g in guesses.values())


def test_value_guesses_only_for_names_that_say_nothing():
    import pandas as pd

    frame = pd.DataFrame(
        {"Spending Score": ["1", "5", "3", "2"], "Column 2": ["1", "5", "3", "2"]}, dtype="str"
    )
    guesses = roles.detect_roles(frame)
    assert guesses["Spending Score"].role == schema.IGNORE
    assert guesses["Column 2"].role == schema.QUANTITY
    assert roles.generic_header("Column 12") and roles.generic_header("Unnamed: 3")
    assert roles.generic_header("00004") and not roles.generic_header("Spending Score")


def test_synthetic_aligned_file_imports(tmp_path):
    analysis = Analysis()
    import_files(analysis, [write(tmp_path, "aligned.txt", ALIGNED)])
    build_customer_table(analysis)
    assert analysis.account.read == 6 and analysis.account.kept == 6
    assert analysis.customers.loc["00003", schema.C_MONETARY] == pytest.approx(61.06)
    assert analysis.customers.loc["00002", schema.C_FREQUENCY] == 1


# --- The real CDNOW files ------------------------------------------------------------------------


def test_cdnow_master_reads_as_four_columns(cdnow_master):
    raw = read_table(cdnow_master)
    assert raw.delimiter == text.WHITESPACE
    assert list(raw.frame.columns) == ["customer_id", "date", "number_of_cds", "dollar_value"]
    assert len(raw.frame) == 69_659
    assert raw.frame.iloc[0].tolist() == ["00001", "19970101", "1", "11.77"]
    assert raw.frame["customer_id"].nunique() == 23_570
    preview = preview_file(cdnow_master, rows=20)
    assert {c: g.role for c, g in preview["roles"].items()} == {
        "customer_id": schema.CUSTOMER_ID,
        "date": schema.ORDER_DATE,
        "number_of_cds": schema.QUANTITY,
        "dollar_value": schema.AMOUNT,
    }


def test_cdnow_master_account(cdnow_master):
    analysis = Analysis()
    import_files(analysis, [cdnow_master])
    build_customer_table(analysis)
    account = analysis.account
    assert account.read == 69_659
    # 255 identical lines; the 80 lines of CDs at $0.00 are free orders, kept as purchases of no
    # value (68 customers bought nothing else: they are customers all the same).
    assert account.excluded == {"duplicate": 255}
    assert account.kept == 69_659 - 255
    assert len(analysis.customers) == 23_570
    free = analysis.transactions[analysis.transactions[schema.T_AMOUNT] == 0]
    assert len(free) == 80 and not free[schema.T_IS_RETURN].any()


def test_cdnow_master_dates(cdnow_master):
    analysis = Analysis()
    import_files(analysis, [cdnow_master])
    dates = analysis.transactions[schema.T_DATE]
    assert dates.min() == pd_timestamp("1997-01-01")
    assert dates.max() == pd_timestamp("1998-06-30")
    first = analysis.transactions[analysis.transactions[schema.T_CUSTOMER] == "00002"]
    assert set(first[schema.T_DATE]) == {pd_timestamp("1997-01-12")}


def test_cdnow_master_every_customer(cdnow_master):
    analysis = Analysis()
    import_files(analysis, [cdnow_master])
    build_customer_table(analysis)
    assert len(analysis.customers) == 23_570


def test_cdnow_sample_without_header(cdnow_sample, tmp_path, capsys):
    raw = read_table(cdnow_sample, header_row=0)
    assert raw.delimiter == text.WHITESPACE
    assert raw.frame.shape == (6_919, 5)
    guesses = roles.detect_roles(raw.frame)
    assert {c: g.role for c, g in guesses.items()} == {
        "Column 1": schema.CUSTOMER_ID,  # the master id (the sample id beside it is left alone)
        "Column 2": schema.IGNORE,
        "Column 3": schema.ORDER_DATE,
        "Column 4": schema.QUANTITY,
        "Column 5": schema.AMOUNT,
    }
    # End to end through the command line, the header row given by a mapping file.
    from segmenter_app.cli import main

    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"header_row": 0}), encoding="utf-8")
    report = tmp_path / "report.json"
    code = main(
        ["segment", str(cdnow_sample), "--mapping", str(mapping), "--out", str(tmp_path / "out.xlsx"),
         "--report", str(report), "--lang", "en"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["rows"]["read"] == 6_919
    assert data["rows"]["excluded"] == {"duplicate": 21}
    assert data["customers"] == 2_357  # every customer of the sample, as SOURCE.md says
    assert data["inputs"][0]["delimiter"] == " "


def test_cdnow_sample_header_absence_found(cdnow_sample):
    raw = read_table(cdnow_sample)
    assert raw.header_row == 0
    assert raw.frame.shape == (6_919, 5)


def pd_timestamp(text_date: str):
    import pandas as pd

    return pd.Timestamp(text_date)


def test_aligned_old_mac_line_endings(tmp_path):
    raw = read_table(write(tmp_path, "mac.txt", ALIGNED, "\r"))
    assert raw.delimiter == text.WHITESPACE
    assert raw.frame.shape == (6, 4)
    assert raw.frame.iloc[2].tolist() == ["00002", "19970112", "5", "77.00"]


def test_aligned_import_with_explicit_options(tmp_path):
    path = write(tmp_path, "aligned.txt", ALIGNED)
    analysis = Analysis()
    import_files(analysis, [path], options=ImportOptions(date_order="ymd"))
    assert analysis.inputs[0].delimiter == " "
    assert analysis.inputs[0].mapping["dollars"] == schema.AMOUNT
