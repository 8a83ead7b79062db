"""Cells that look like XlsxWriter's own rich text are written as the text they are.

XlsxWriter copies a string that starts with "<r>" and ends with "</r>" into the sheet's XML
unescaped. An input cell of that form made the workbook invalid, and a crafted one could add
cells and formulas of its own (see segmenter_app/core/export/safe_sheet.py).
"""

from __future__ import annotations

import csv
import shutil
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pytest
from export_fixtures import libreoffice_csv

from segmenter_app.cli import EXIT_OK, main
from segmenter_app.core.export.safe_sheet import plain_run

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
INVALID = "<r>zero</r>"
RICH = "<r><t>bold</t></r>"
# Closes the cell and the row, then adds a formula cell of its own.
CRAFTED = '<r><t>a</t></r></is></c><c r="Z9"><f>HYPERLINK("http://x.invalid","click")</f></c><c><is><r>'


@pytest.fixture()
def workbook(tmp_path):
    """A workbook from a file whose product names (excluded rows keep them) are such texts."""
    source = tmp_path / "orders.csv"
    rows = [
        ["InvoiceNo", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"],
        ["1", "Mug", "1", "2024-01-02", "3.5", "100"],
        ["2", "Cup", "1", "2024-01-03", "4.5", "101"],
        ["3", INVALID, "1", "2024-01-03", "0", "102"],
        ["4", RICH, "1", "2024-01-04", "0", "103"],
        ["5", CRAFTED, "1", "2024-01-05", "0", "104"],
    ]
    with source.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "out.xlsx"
    assert main(["segment", str(source), "--out", str(out)]) == EXIT_OK
    return out


def test_rich_looking_cells_keep_their_text_and_the_sheet_stays_valid(workbook):
    with zipfile.ZipFile(workbook) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                root = ET.fromstring(zf.read(name))  # raises on the invalid XML of before
                assert list(root.iter(f"{NS}f")) == [], name  # no injected formula
                assert all(c.get("r") != "Z9" for c in root.iter(f"{NS}c")), name  # no injected cell
                # Every inline run holds its text in a <t>, as the schema wants.
                for run in root.iter(f"{NS}r"):
                    assert run.find(f"{NS}t") is not None, name
    book = openpyxl.load_workbook(workbook)
    excluded = book["Excluded rows"]
    texts = {cell.value for row in excluded.iter_rows() for cell in row}
    assert {INVALID, RICH, CRAFTED} <= texts


def test_libreoffice_reads_the_texts(workbook, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path / "lo"
    names = libreoffice_csv(workbook, folder, formatted=False)
    excluded = next(n for n in names if n.endswith("Excluded rows.csv"))
    with (folder / excluded).open(encoding="utf-8") as fh:
        cells = {cell for row in csv.reader(fh) for cell in row}
    assert {INVALID, RICH, CRAFTED} <= cells


def test_a_long_run_is_cut_before_the_markup():
    run = plain_run("<" * 20_000)  # 80,000 characters once escaped
    assert len(run.encode("utf-16-le")) // 2 <= 32_767
    assert run.startswith('<r><t xml:space="preserve">&lt;') and run.endswith("&lt;</t></r>")
    ET.fromstring(f'<is xmlns="{NS[1:-1]}">{run}</is>')
