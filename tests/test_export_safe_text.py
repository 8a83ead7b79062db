"""Cell cleaning, sheet names and the export's texts, one function at a time."""

from __future__ import annotations

import ast
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from segmenter_app.core import schema
from segmenter_app.core.export import labels
from segmenter_app.core.export.columns import text_column
from segmenter_app.core.export.safe_text import (
    MAX_CELL_CHARS,
    clean_column,
    clean_text,
    csv_safe,
    is_risky,
    utf16_len,
)
from segmenter_app.core.export.sheet_names import SheetNamer, clean_sheet_name
from segmenter_app.core.i18n import placeholders


def test_formula_triggers_are_risky_including_full_width_and_leading_spaces():
    for text in (
        "=1+1",
        "+33 6",
        "-2+3",
        "@SUM(1)",
        "\tx",
        "\rx",
        "\uff1d1",
        "\uff0b1",
        "\uff0d1",
        "\uff201",
        "  =1",
        "\u3000=1",
    ):
        assert is_risky(text), text
    for text in ("Marie", "1+1", "a=b", "jean@example.fr", "", " x", "(1)"):
        assert not is_risky(text), text


def test_clean_text_removes_forbidden_characters_and_counts_them():
    text, risky, removed, original = clean_text("a\x00b\x07c\x1bd\ufffe\ud800e")
    assert (text, risky, removed, original) == ("abcde", False, 5, 0)
    text, risky, removed, _ = clean_text("\x00=cmd")
    assert text == "=cmd" and risky and removed == 1
    assert clean_text("line1\r\nline2\rline3")[0] == "line1\nline2\nline3"
    assert clean_text("tab\tand\nnewline")[0] == "tab\tand\nnewline"  # allowed in XML: kept


def test_long_text_is_cut_at_excel_limit_in_utf16_units():
    text, _, _, original = clean_text("é" * 40_000)
    assert len(text) == MAX_CELL_CHARS and original == 40_000
    emoji = "😀" * 20_000  # two UTF-16 units each
    text, _, _, original = clean_text(emoji)
    assert utf16_len(text) <= MAX_CELL_CHARS and utf16_len(text) >= MAX_CELL_CHARS - 1
    assert original == 40_000
    assert clean_text("x" * MAX_CELL_CHARS)[3] == 0  # exactly at the limit: not cut


def test_clean_column_keeps_blanks_and_lists_work_done():
    import pandas as pd

    column = clean_column(["ok", None, float("nan"), pd.NA, "=x", "a\x01", "", 12])
    assert column.values == ["ok", None, None, None, "=x", "a", None, "12"]
    assert column.risky_rows == [4]
    assert column.removed == 1


def test_csv_safe_prefixes_an_apostrophe():
    assert csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_safe("+33 6") == "'+33 6"
    assert csv_safe("\x00@x") == "'@x"
    assert csv_safe("Marie") == "Marie"
    assert csv_safe(None) == ""


def test_sheet_names_are_valid_and_unique():
    namer = SheetNamer()
    names = [
        namer.reserve(n)
        for n in ("Summary", "summary", "a" * 40, "a" * 40, "x[1]:y*z?/\\", "'quoted'", "", "History")
    ]
    assert names[0] == "Summary" and names[1] == "summary (2)"
    assert names[2] == "a" * 31 and names[3] == "a" * 27 + " (2)"
    assert names[4] == "x(1) -yz--"
    assert names[5] == "quoted" and names[6] == "Sheet" and names[7] == "History_"
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    assert clean_sheet_name("😀" * 20) == "😀" * 15  # 31 UTF-16 units at most


def test_label_keys_are_unique_and_both_languages_have_the_same_placeholders():
    # A repeated key in a dict literal silently replaces the first text: check the source.
    tree = ast.parse(Path(labels.__file__).read_text(encoding="utf-8"))
    namespace = {"s": schema}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and node.keys and all(k is not None for k in node.keys):
            keys = [eval(compile(ast.Expression(k), "labels", "eval"), namespace) for k in node.keys]
            assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    for group in (labels.SHEETS, labels.HEADERS, labels.METHOD, labels.REASONS):
        for key, (en, fr) in group.texts.items():
            assert en and fr and placeholders(en) == placeholders(fr), key


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=20))
def test_any_text_reads_back_as_cleaned_text_never_a_formula(tmp_path_factory, texts):
    """Whatever the text, the cell reads back as the cleaned text and holds no formula."""
    from segmenter_app.core.export.book import Book

    path = tmp_path_factory.mktemp("h") / "h.xlsx"
    book = Book.create(str(path), "en")
    column = text_column("Text", texts)
    book.write_table("Sheet", [column], kind="all")
    book.workbook.close()
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Sheet").to_python(skip_empty_area=False)
    got = [r[0] for r in rows[1:]]
    expected = [v if v is not None else "" for v in column.values]
    assert got + [""] * (len(expected) - len(got)) == expected
