"""The fast row writer writes the sheet XlsxWriter would write, byte for byte.

Each workbook is written twice, once through XlsxWriter's own calls (the fast writer turned off)
and once through export/fast_rows.py, and every part of the two files is compared. The cells are
the hard ones: control characters, XlsxWriter's escapes, XML characters, edge spaces, texts past
Excel's limit, texts that look like rich text, risky texts with their quote prefix, wrapped
columns, empty rows, continuation sheets.
"""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from segmenter_app.core.export import columns as k
from segmenter_app.core.export import fast_rows
from segmenter_app.core.export.book import Book

CRAFTED = '<r><t>a</t></r></is></c><c r="Z9"><f>1+1</f></c><c><is><r>'
TEXTS = [
    "plain",
    "",
    None,
    " lead",
    "trail ",
    "ends\n",
    "multi\nline",
    "\u00a0no-break first",
    "a&b<c>d \"quoted\" 'single'",
    "_x0041_ and _X00e9_ and _x12_",
    "ctrl\x01\x08\x0b\x1f\ttab",
    "\ufffe\uffff",
    "<r>zero</r>",
    "<r><t>bold</t></r>",
    CRAFTED,
    "é" * 40_000,
    "😀" * 20_000,
    "<r>" + "x" * 40_000 + "</r>",
    "=SUM(A1:A2)",
    "@cmd",
    "-12",
    "+33 6 12 34 56 78",
    "Ünïcödé ✓ 中文",
]
NUMBERS = [0, -1.5, 1e-07, 123456789012345, 3.141592653589793, 1e308, None, 2**40, -0.0, 0.1 + 0.2]
BOOLS = [True, False, None]


def cycle(values: list, n: int) -> list:
    return [values[i % len(values)] for i in range(n)]


def columns(n: int) -> list[k.Column]:
    raw = k.Column("Raw", k.TEXT, cycle(TEXTS, n))  # the writer alone, on texts no cleaning touched
    cleaned = k.text_column("Cleaned", cycle(TEXTS, n))  # as the export makes them (quote prefix...)
    wrapped = k.text_column("Wrapped", cycle(TEXTS[:8], n), wrap=True)
    numbers = k.number_column("Number", cycle(NUMBERS, n), kind=k.DECIMAL)
    integers = k.number_column("Integer", cycle([1, 2, None, -7], n), kind=k.INTEGER)
    bools = k.bool_column("Flag", cycle(BOOLS, n))
    empty = k.Column("Empty", k.TEXT, [None] * n)
    cols = [raw, cleaned, wrapped, numbers, integers, bools, empty]
    for index in range(5, n, 11):  # rows with no cell at all are not written
        for col in cols:
            col.values[index] = None
    return cols


def write(path, fast: bool, monkeypatch, *, n: int = 90, max_rows: int = 1_048_576) -> None:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(fast_rows, "can_write", lambda *args, **kwargs: False)
        book = Book.create(str(path), "en", max_rows=max_rows)
        book.write_table("Plain", columns(n), kind="excluded", freeze_cols=1)
        book.write_table("Titled", columns(n), kind="segment", titles=("A title", "A subtitle"))
        book.write_table("Split", columns(n), kind="all", freeze_cols=0)
        book.write_table("Compact", columns(12), kind="method", compact=True)
        book.write_table("Empty", columns(0), kind="segment")  # a segment nobody is in
        book.workbook.close()


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name != "docProps/core.xml"}


@pytest.mark.parametrize("max_rows", [1_048_576, 40])
def test_the_fast_writer_writes_xlsxwriters_bytes(tmp_path, monkeypatch, max_rows):
    slow, fast = tmp_path / "slow.xlsx", tmp_path / "fast.xlsx"
    write(slow, False, monkeypatch, max_rows=max_rows)
    write(fast, True, monkeypatch, max_rows=max_rows)
    expected, got = parts(slow), parts(fast)
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], name
    book = openpyxl.load_workbook(fast)
    assert len(book.sheetnames) == (5 if max_rows > 1000 else 11)
    plain = book[book.sheetnames[0]]
    assert plain["A2"].value == "plain" and plain["A14"].value == "<r>zero</r>"
    assert plain["A16"].value == CRAFTED


def test_the_fast_writer_is_used_for_plain_tables(tmp_path, monkeypatch):
    calls = []
    real = fast_rows.write_rows
    monkeypatch.setattr(fast_rows, "write_rows", lambda *a, **kw: (calls.append(a[2]), real(*a, **kw)))
    write(tmp_path / "out.xlsx", True, monkeypatch)
    # Plain, Titled (below its two titles and a blank line), Split and Empty; not Compact, whose
    # rows have their own heights.
    assert calls == [1, 4, 1, 1]


def test_a_number_that_is_not_finite_is_refused_like_xlsxwriter(tmp_path):
    book = Book.create(str(tmp_path / "nan.xlsx"), "en")
    with pytest.raises(TypeError):
        book.write_table("Bad", [k.Column("N", k.NUMBER, [1.0, float("nan")])], kind="excluded")
