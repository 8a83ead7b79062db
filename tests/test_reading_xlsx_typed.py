"""XLSX sheets are read with their number and date columns typed: the import must see exactly what
reading every cell as text gave, including the text cells calamine cannot put in a typed column."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.reading import excel, table
from segmenter_app.core.reading.table import read_table

xlsxwriter = pytest.importorskip("xlsxwriter")

TRICKY = ['say "hi"', "back\\slash", "two\nlines", "tab\there", "accent é, ß, 日本", "emoji 🛒", "it's"]


def _workbook(path, start_row: int = 2, start_col: int = 1, rows: int = 2500) -> None:
    """Order lines below a title, starting away from A1, with text appearing late in typed columns."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Ventes")
    when = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write(0, start_col, "Export des ventes")
    header = ["N° facture", "Code", "Quantité", "Date", "Client", "Prix unitaire", "Note"]
    sheet.write_row(start_row, start_col, header)
    rng = np.random.default_rng(3)
    for i in range(rows):
        r = start_row + 1 + i
        order = 536000 + i // 4
        sheet.write(r, start_col, order if i % 97 else f"C{order}")  # cancellations, text among numbers
        sheet.write(r, start_col + 1, 85123 if i % 3 else "85123A")
        sheet.write(r, start_col + 2, int(rng.integers(1, 9)) if i != 2100 else "deux")  # text after row 1000
        sheet.write_datetime(r, start_col + 3, dt.datetime(2024, 1, 1, 9) + dt.timedelta(hours=i // 4), when)
        if i == 1800:
            sheet.write(r, start_col + 3, "pas de date")  # text in a date column, far down
        if i % 11:
            sheet.write(r, start_col + 4, 17000 + i // 40)
        price = [2.55, 1 / 3, 1250.0, 3.0][i % 4]
        sheet.write(
            r, start_col + 5, price if i not in (1500, 2200) else ["n/a", TRICKY[i % len(TRICKY)]][i == 2200]
        )
        if i > 1200:
            sheet.write(r, start_col + 6, TRICKY[i % len(TRICKY)])  # empty in the first rows
    sheet.write(start_row + rows + 1, start_col, "Total")
    sheet.write(start_row + rows + 1, start_col + 5, 123456.78)
    book.close()


def _import(path, monkeypatch=None, text_only: bool = False) -> Analysis:
    if text_only:
        monkeypatch.setattr(table, "_read_xlsx_typed", lambda *args, **kwargs: None)
    analysis = Analysis()
    import_files(analysis, [path])
    build_customer_table(analysis)
    return analysis


def test_typed_read_keeps_every_cell(tmp_path) -> None:
    path = tmp_path / "ventes.xlsx"
    _workbook(path)
    raw = read_table(path)
    frame = raw.frame
    # Typed where every cell is a number or a date; text where calamine reported a text cell.
    assert frame["Client"].dtype == "float64"
    assert frame["N° facture"].dtype == frame["Quantité"].dtype == frame["Date"].dtype == "str"
    assert frame["Prix unitaire"].dtype == "str" and frame["Note"].dtype == "str"
    assert raw.header_row == 3 and raw.source_rows[0] == 4  # rows as the user sees them
    assert frame["Quantité"].iloc[2100] == "deux" and frame["Quantité"].iloc[0] in {
        str(v) for v in range(1, 9)
    }
    assert frame["Date"].iloc[1800] == "pas de date" and frame["Date"].iloc[0] == "2024-01-01 09:00:00"
    assert frame["N° facture"].iloc[0] == "C536000" and frame["N° facture"].iloc[1] == "536000"
    assert frame["Prix unitaire"].iloc[1500] == "n/a" and float(
        frame["Prix unitaire"].iloc[1]
    ) == pytest.approx(1 / 3)
    assert frame["Prix unitaire"].iloc[2200] == TRICKY[2200 % len(TRICKY)]
    assert set(frame["Note"].dropna()) == set(TRICKY)


@pytest.mark.parametrize("start", [(0, 0), (2, 1)])
def test_typed_and_text_reads_give_the_same_import(tmp_path, monkeypatch, start) -> None:
    path = tmp_path / "ventes.xlsx"
    _workbook(path, *start)
    typed = _import(path)
    text = _import(path, monkeypatch, text_only=True)
    assert typed.account == text.account
    assert typed.account.excluded.get("unreadable_amount") and typed.account.excluded.get("unreadable_date")
    pd.testing.assert_frame_equal(typed.transactions, text.transactions)
    pd.testing.assert_frame_equal(typed.customers, text.customers)
    # The excluded rows keep their cells as the sheet shows them, whatever the read.
    pd.testing.assert_frame_equal(typed.excluded, text.excluded)
    assert "n/a" in set(typed.excluded["Prix unitaire"])


def test_reported_cells_are_read_back_exactly() -> None:
    for value in [*TRICKY, "", "\\n", "\u200b", '"quoted"']:
        detail = f"Expected float but got 'String({_rust_debug(value)})'"
        assert excel._reported_text(detail) == value
    assert excel._reported_text("Expected datetime but got 'Float(45000.0)'") == "45000"
    assert excel._reported_text("Expected datetime but got 'Float(2.5)'") == "2.5"
    assert excel._reported_text("Expected float but got 'Bool(true)'") is None


def _rust_debug(text: str) -> str:
    """How Rust's Debug writes a string (what calamine puts in its reports)."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\u200b":
            out.append("\\u{200b}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def test_numbers_and_dates_written_as_calamine_writes_them(tmp_path) -> None:
    """Typed cells turned back into text read exactly as calamine's own text read gives them."""
    import fastexcel

    from segmenter_app.core.reading import values

    numbers = [
        1 / 3,
        -2 / 3,
        123456.789012345,
        1e-7,
        1e21,
        12345678901.5,
        2.55,
        99999999999.9,
        17850.0,
        2.5e-10,
        0.0,
    ]
    path = tmp_path / "cells.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    when = book.add_format({"num_format": "dd/mm/yyyy"})
    for row, number in enumerate(numbers):
        sheet.write_number(row, 0, number)
        sheet.write_datetime(row, 1, dt.datetime(2024, 2, 1 + row, 0 if row % 2 else 13, 5 * row), when)
    book.close()
    reader = fastexcel.read_excel(str(path))
    as_text = reader.load_sheet("S", header_row=None, dtypes="string").to_arrow()
    typed = reader.load_sheet("S", header_row=None).to_pandas()
    for column in range(2):
        expected = as_text.column(column).to_pylist()
        assert values.cell_text(typed.iloc[:, column]).tolist() == expected


def test_head_streamed_from_the_sheet_xml(tmp_path) -> None:
    """The first rows come from the XML with shared strings, rich text, inline strings, booleans,
    missing rows and cells placed away from A1; the stream stops at the rows asked for."""
    import zipfile

    from segmenter_app.core.reading import excel, xlsx_head

    path = tmp_path / "head.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("S")
    bold = book.add_format({"bold": True})
    sheet.write(1, 2, "Titre")
    sheet.write_rich_string(3, 2, "Prix ", bold, "unitaire")
    sheet.write(3, 3, 'Client "VIP"')
    sheet.write_boolean(4, 2, True)
    sheet.write_number(4, 3, 2.5)
    for row in range(5, 500):
        sheet.write(row, 2, f"ligne {row}")
    book.close()
    with zipfile.ZipFile(path) as zf:
        part = excel.sheet_part(zf, "S")
    grid = xlsx_head.read_head_cells(path, part, 10)
    assert len(grid) == 10 and len(grid[0]) == 4
    assert grid[0] == [None] * 4 and grid[1][2] == "Titre"
    assert grid[3][2:] == ["Prix unitaire", 'Client "VIP"'] and grid[4][2:] == [True, 2.5]
    assert grid[9][2] == "ligne 9"


def test_dates_beyond_2262_are_unreadable_not_a_crash(tmp_path) -> None:
    """9999-12-31 ("until further notice") in a date column: that row is set aside with its reason,
    from a workbook (read typed, the column then as text) as from a CSV."""
    book = xlsxwriter.Workbook(str(tmp_path / "far.xlsx"))
    sheet = book.add_worksheet("S")
    when = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Client", "Date", "Montant"])
    for row in range(1, 40):
        sheet.write(row, 0, f"A{row}")
        sheet.write_datetime(row, 1, dt.datetime(2024, 1, 1 + row % 28), when)
        sheet.write(row, 2, 10.5)
    sheet.write_datetime(20, 1, dt.datetime(9999, 12, 31), when)
    book.close()
    csv = tmp_path / "far.csv"
    csv.write_text(
        "Client;Date;Montant\nA;02/01/2024;12,5\nB;31/12/9999;3\nC;9999-12-31 00:00:00;4\nD;1500-01-01;5\n"
    )
    for path, excluded in ((tmp_path / "far.xlsx", 1), (csv, 3)):
        analysis = Analysis()
        import_files(analysis, [path])
        assert analysis.account.excluded == {"unreadable_date": excluded}
    raw = read_table(tmp_path / "far.xlsx")
    assert raw.frame["Date"].iloc[19] == "9999-12-31 00:00:00" and raw.frame["Montant"].dtype == "float64"
