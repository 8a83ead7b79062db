"""Hostile inputs: each case is a file made here, checked for the exact result or the user message
(English and French), never a traceback. The command line gives exit code 2 for unusable input."""

from __future__ import annotations

import codecs
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.i18n import UserError
from segmenter_app.core.reading.table import read_table

HEADER = "Customer ID,Order date,Amount\n"
ROWS = "C1,2024-01-05,12.50\nC2,2024-01-06,8.00\nC1,2024-02-01,20.00\n"


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def imported(path: Path, **options) -> Analysis:
    """Import one file; the row account must balance whatever the file."""
    before = path.read_bytes()
    analysis = Analysis()
    import_files(analysis, [str(path)], options=ImportOptions(**options))
    assert analysis.account.balanced
    assert path.read_bytes() == before  # the input is never modified
    return analysis


def refused(path: Path) -> UserError:
    """The UserError the import raises for this file (never another exception)."""
    with pytest.raises(UserError) as info:
        import_files(Analysis(), [str(path)])
    return info.value


def amounts(analysis: Analysis) -> list[float]:
    return analysis.transactions.sort_values(schema.T_SOURCE_ROW)[schema.T_AMOUNT].tolist()


def dates(analysis: Analysis) -> list[str]:
    ordered = analysis.transactions.sort_values(schema.T_SOURCE_ROW)
    return ordered[schema.T_DATE].dt.strftime("%Y-%m-%d").tolist()


def segment_cli(path: Path, tmp_path: Path, lang: str, capsys) -> tuple[int, str]:
    """Run ``segment`` in process; the exit code and standard error."""
    from segmenter_app.cli import main

    code = main(["segment", str(path), "--out", str(tmp_path / f"out_{lang}.xlsx"), "--lang", lang])
    return code, capsys.readouterr().err


# --- Files that import ---------------------------------------------------------------------------


def test_excel_sep_line(tmp_path):
    # Excel writes "sep=;" above the header when asked to keep the separator with the file.
    path = write(tmp_path, "sep.csv", "sep=;\nCustomer ID;Order date;Amount\nC1;05/01/2024;12,50\n"
                 "C2;06/01/2024;8,00\nC1;13/02/2024;20,00\n")  # fmt: skip
    analysis = imported(path)
    inp = analysis.inputs[0]
    assert (inp.delimiter, inp.header_row, inp.rows_read) == (";", 2, 3)
    assert amounts(analysis) == [12.5, 8.0, 20.0]
    assert dates(analysis) == ["2024-01-05", "2024-01-06", "2024-02-13"]


def test_quoted_fields_with_line_breaks(tmp_path):
    content = (
        "Customer ID,Order date,Amount,Note\n"
        'C1,2024-01-05,12.50,"first line\nsecond line"\n'
        "C2,2024-01-06,8.00,plain\n"
        'C1,2024-02-01,20.00,"a, b\r\nc"\n'
    )
    analysis = imported(write(tmp_path, "quoted.csv", content))
    assert analysis.account.read == 3 and analysis.account.kept == 3
    assert amounts(analysis) == [12.5, 8.0, 20.0]
    raw = read_table(tmp_path / "quoted.csv")
    assert raw.frame["Note"].tolist() == ["first line\nsecond line", "plain", "a, b\r\nc"]


def test_duplicate_header_names(tmp_path):
    content = "Customer ID,Date,Amount,Amount\nC1,2024-01-05,12.50,1\nC2,2024-01-06,8.00,2\n"
    raw = read_table(write(tmp_path, "dup.csv", content))
    assert list(raw.frame.columns) == ["Customer ID", "Date", "Amount", "Amount (2)"]
    analysis = imported(tmp_path / "dup.csv")
    assert analysis.inputs[0].mapping["Amount"] == schema.AMOUNT
    assert "Amount (2)" not in analysis.inputs[0].mapping or analysis.inputs[0].mapping["Amount (2)"] != (
        schema.AMOUNT
    )
    assert amounts(analysis) == [12.5, 8.0]


def test_us_formats(tmp_path):
    content = (
        "Customer ID,Order date,Amount\n"
        'C1,01/25/2024,"$1,234.56"\n'
        "C2,02/13/2024,(12.50)\n"
        "C1,03/01/2024,$20.00\n"
        "C3,12/31/2024,$5.00\n"
    )
    analysis = imported(write(tmp_path, "us.csv", content))
    assert analysis.account.kept == 4
    assert amounts(analysis) == [1234.56, -12.5, 20.0, 5.0]
    assert dates(analysis) == ["2024-01-25", "2024-02-13", "2024-03-01", "2024-12-31"]
    assert analysis.transactions[schema.T_IS_RETURN].tolist() == [False, True, False, False]


def test_trailing_minus_negatives(tmp_path):
    content = "Client;Date;Montant\nC1;15/01/2024;12,50\nC2;16/01/2024;12,50-\nC1;01/02/2024;1 020,00\n"
    analysis = imported(write(tmp_path, "moins.csv", content))
    assert analysis.account.kept == 3
    assert amounts(analysis) == [12.5, -12.5, 1020.0]
    assert dates(analysis) == ["2024-01-15", "2024-01-16", "2024-02-01"]


def test_utf16_le_tab_separated_with_bom(tmp_path):
    # Excel's "Unicode text": UTF-16 LE with a BOM, tabs, CRLF.
    body = "Customer ID\tName\tOrder date\tAmount\r\nC1\tMüller\t2024-01-05\t12.50\r\nC2\tZoë\t2024-01-06\t8.00\r\n"
    path = write(tmp_path, "unicode.txt", codecs.BOM_UTF16_LE + body.encode("utf-16-le"))
    analysis = imported(path)
    inp = analysis.inputs[0]
    assert (inp.format, inp.delimiter, inp.rows_read) == ("csv", "\t", 2)
    assert inp.encoding.startswith("utf-16")
    assert amounts(analysis) == [12.5, 8.0]
    raw = read_table(path)
    assert raw.frame["Name"].tolist() == ["Müller", "Zoë"]


def test_old_mac_line_endings(tmp_path):
    path = write(tmp_path, "mac.csv", (HEADER + ROWS).replace("\n", "\r"))
    analysis = imported(path)
    assert analysis.account.read == 3
    assert amounts(analysis) == [12.5, 8.0, 20.0]
    assert dates(analysis) == ["2024-01-05", "2024-01-06", "2024-02-01"]


def test_very_long_lines(tmp_path):
    # A 300,000-character description (beyond the csv module's default field limit) and a
    # 20,000-field line: kept, set aside with a reason, never a crash.
    long_text = "x" * 300_000
    content = (
        "Customer ID,Order date,Amount,Description\n"
        f"C1,2024-01-05,12.50,{long_text}\n"
        "C2,2024-01-06,8.00,short\n" + "C3,2024-01-07,9.00," + ",".join(["y"] * 20_000) + "\n"
    )
    analysis = imported(write(tmp_path, "long.csv", content))
    assert analysis.account.read == 3
    assert analysis.account.excluded == {"malformed_row": 1}
    assert "1 row has more fields than the header and was set aside (row 4)." in analysis.inputs[0].warnings
    assert amounts(analysis) == [12.5, 8.0]
    raw = read_table(tmp_path / "long.csv")
    assert raw.frame["Description"].iloc[0] == long_text


def test_one_line_longer_than_the_sample(tmp_path):
    # The header and first row fill more than the 64 KiB the format is sniffed from.
    names = [f"Column with a long name, number {i}" for i in range(2500)]
    content = "Customer ID,Order date,Amount," + ",".join(names) + "\n"
    content += (
        "C1,2024-01-05,12.50," + ",".join(["v"] * 2500) + "\nC2,2024-01-06,8.00," + ",".join(["w"] * 2500)
    )
    analysis = imported(write(tmp_path, "wide.csv", content + "\n"))
    assert analysis.account.read == 2
    assert amounts(analysis) == [12.5, 8.0]


# --- Files refused with a message that says what to do --------------------------------------------


def check_message(error: UserError, key: str, en: str, fr: str) -> None:
    assert error.key == key
    assert en in error.text("en")
    assert fr in error.text("fr")
    assert error.text("en") != error.text("fr")


def test_rows_without_customer_id_exit_code_2(tmp_path, capsys):
    path = write(tmp_path, "no_ids.csv", HEADER + ",2024-01-05,12.50\n,2024-01-06,8.00\n")
    error = refused(path)
    assert "2" in error.text("en")
    code, err = segment_cli(path, tmp_path, "en", capsys)
    assert code == 2
    assert "Traceback" not in err and "No row could be kept" in err
    code, err = segment_cli(path, tmp_path, "fr", capsys)
    assert code == 2
    assert "Aucune ligne n'a pu être conservée" in err


def test_rows_without_customer_id_message_in_words(tmp_path):
    error = refused(write(tmp_path, "no_ids.csv", HEADER + ",2024-01-05,12.50\n,2024-01-06,8.00\n"))
    assert "no_customer_id" not in error.text("en")
    assert "no_customer_id" not in error.text("fr")


def test_blank_lines_only(tmp_path):
    error = refused(write(tmp_path, "blank.csv", "\n\r\n  \n\t\n\n"))
    check_message(error, "empty", "only blank lines", "lignes blanches")
    assert "0 bytes" not in error.text("en")


def test_empty_file(tmp_path):
    check_message(refused(write(tmp_path, "empty.csv", b"")), "empty", "holds no data", "aucune donnée")


def test_utf16_blank_lines_only(tmp_path):
    path = write(tmp_path, "blank16.txt", codecs.BOM_UTF16_LE + "\r\n\r\n\r\n".encode("utf-16-le"))
    check_message(refused(path), "empty", "holds no data", "aucune donnée")


def test_header_only(tmp_path):
    error = refused(write(tmp_path, "header.csv", HEADER))
    assert ": ." not in error.text("en")
    assert "no data row" in error.text("en").lower() or "no row" in error.text("en").lower()


def test_header_only_is_refused_not_crashing(tmp_path, capsys):
    path = write(tmp_path, "header.csv", HEADER)
    assert isinstance(refused(path), UserError)
    code, err = segment_cli(path, tmp_path, "fr", capsys)
    assert code == 2 and "Traceback" not in err


def test_one_column_file(tmp_path):
    error = refused(write(tmp_path, "ids.csv", "Customer ID\nC1\nC2\nC3\n"))
    assert error.key == "no_orders"


def test_one_column_file_read(tmp_path, capsys):
    path = write(tmp_path, "ids.csv", "Customer ID\nC1\nC2\nC3\n")
    raw = read_table(path)
    assert list(raw.frame.columns) == ["Customer ID"]
    assert raw.frame["Customer ID"].tolist() == ["C1", "C2", "C3"]
    code, err = segment_cli(path, tmp_path, "en", capsys)
    assert code == 2 and "Traceback" not in err


def test_binary_file_renamed_csv(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    check_message(
        refused(write(tmp_path, "photo.csv", png)),
        "binary",
        "is not a spreadsheet or a text export: it holds binary data",
        "n'est ni un tableur ni un export texte : il contient des données binaires",
    )


def test_pdf_renamed_csv(tmp_path):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 200 /Filter /FlateDecode >>\nstream\n"
    pdf += bytes((i * 37) % 256 for i in range(4000)) + b"\nendstream\nendobj\n"
    check_message(
        refused(write(tmp_path, "invoice.csv", pdf)),
        "binary",
        "Export your data as CSV or Excel",
        "Exportez vos données en CSV ou en Excel",
    )


def test_zip_that_is_not_xlsx(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
        zf.writestr("data/orders.csv", HEADER + ROWS)
    check_message(
        refused(path),
        "zip_archive",
        "is a ZIP archive (holding orders.csv, readme.txt), not a spreadsheet",
        "est une archive ZIP (contenant orders.csv, readme.txt), pas un classeur",
    )


def test_word_document_renamed_xlsx(tmp_path):
    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    check_message(refused(path), "document", "is a Word document, not a spreadsheet", "est un document Word")


def test_html_table_named_xls(tmp_path):
    # Web tools often export an HTML table under an .xls name.
    page = "\ufeff<!DOCTYPE html>\n<html><body><table><tr><td>Customer ID</td><td>Amount</td></tr>"
    page += "<tr><td>C1</td><td>12.50</td></tr></table></body></html>\n"
    check_message(
        refused(write(tmp_path, "export.xls", page)),
        "html",
        "is a web page (HTML), not a spreadsheet",
        "est une page web (HTML), pas un classeur",
    )


def test_excel_2003_xml_spreadsheet(tmp_path):
    xml = (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"/></Workbook>\n'
    )
    path = write(tmp_path, "old.xml.xls", xml.encode("utf-16"))  # Excel wrote these in UTF-16 too
    check_message(refused(path), "xml_spreadsheet", "Excel 2003 XML spreadsheet", "classeur XML Excel 2003")


def test_refusals_exit_code_2_in_both_languages(tmp_path, capsys):
    path = write(tmp_path, "photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    for lang, words in (("en", "not a spreadsheet"), ("fr", "ni un tableur")):
        code, err = segment_cli(path, tmp_path, lang, capsys)
        assert code == 2
        assert words in err and "Traceback" not in err


def test_report_of_a_messy_but_usable_file(tmp_path, capsys):
    # The US file end to end: the report says what was read.
    from segmenter_app.cli import main

    content = 'Customer ID,Order date,Amount\nC1,01/25/2024,"$1,234.56"\nC2,02/13/2024,$12.50\n'
    path = write(tmp_path, "us.csv", content)
    report = tmp_path / "report.json"
    code = main(
        ["segment", str(path), "--out", str(tmp_path / "o.xlsx"), "--report", str(report), "--lang", "en"]
    )
    assert code == 0, capsys.readouterr().err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["rows"]["read"] == 2 and data["rows"]["kept"] == 2
    assert data["customers"] == 2


def test_customer_table_from_us_file(tmp_path):
    content = 'Customer ID,Order date,Amount\nC1,01/25/2024,"$1,234.56"\nC1,02/13/2024,(34.56)\n'
    analysis = imported(write(tmp_path, "us.csv", content))
    build_customer_table(analysis)
    assert analysis.customers.loc["C1", schema.C_MONETARY] == pytest.approx(1200.0)
    assert isinstance(analysis.customers.index, pd.Index)
