"""An outside check of ``segment`` and ``measure`` on files and environments no earlier round
tried: workbooks in strict OOXML, archives that are not what their name says, JSON, PDF and flat
ODS files, hostile environments (locale, time zone, log folder, signals).

Each case ends with the right data (exit 0, a balanced report) or exit 2 with a message in the
chosen language that says what to do, never a traceback; the inputs are never modified. Files
are built here, in ``tmp_path``.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import hashlib
import json
import lzma
import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from test_cli_hostile import cli, shop_csv, strict_json

from segmenter_app.cli import EXIT_INPUT, EXIT_OK, main

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """The small shop's sales file (40 customers, 100 order lines over 2025)."""
    return shop_csv(tmp_path_factory.mktemp("hostile") / "shop.csv")


@pytest.fixture(scope="module")
def book_parts(shop) -> dict[str, bytes]:
    """The parts of the shop's sales saved as an ordinary XLSX (xlsxwriter: shared strings)."""
    path = shop.with_name("book.xlsx")
    rows = list(csv.reader(shop.open(encoding="utf-8")))
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Sales")
    for i, row in enumerate(rows):
        sheet.write_row(i, 0, [*row[:3], float(row[3]) if i else row[3]])
    workbook.close()
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, parts: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    """A ZIP archive of ``parts`` (a list allows two entries of one name)."""
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_segment(
    capsys, tmp_path: Path, data: Path, lang: str = "en", *options: str
) -> tuple[int, str, dict | None]:
    """``segment DATA`` with a report; the exit code, standard error and the report (None when
    none was written). The input must come out unmodified, the report balanced."""
    before = digest(data)
    report = tmp_path / "report.json"
    code, err = cli(
        capsys, "segment", str(data), "--out", str(tmp_path / "out.xlsx"), "--report", str(report),
        "--lang", lang, *options,
    )  # fmt: skip
    assert digest(data) == before
    assert "Traceback" not in err
    if not report.exists():
        return code, err, None
    content = strict_json(report)
    rows = content["rows"]
    assert rows["read"] == rows["kept"] + sum(rows["excluded"].values())
    return code, err, content


# --- Workbooks other tools write -----------------------------------------------------------------


def test_a_strict_ooxml_workbook_is_read_like_its_transitional_twin(tmp_path, capsys, book_parts):
    """Excel's "Strict Open XML" format names its parts' namespaces differently: openpyxl sees no
    sheet there (it stopped with an internal error, exit 1); calamine reads it."""
    strict = {
        name: data.replace(MAIN_NS, b"http://purl.oclc.org/ooxml/spreadsheetml/main").replace(
            REL_NS, b"http://purl.oclc.org/ooxml/officeDocument/relationships"
        )
        for name, data in book_parts.items()
    }
    code, err, report = run_segment(capsys, tmp_path, write_zip(tmp_path / "strict.xlsx", strict))
    assert code == EXIT_OK, err
    assert report["rows"]["read"] == 100 and report["rows"]["kept"] == 100
    assert report["customers"] == 40


# --- Stopped by a signal -------------------------------------------------------------------------

# Runs the command with every ZIP entry write preceded by the signal: the stop lands while
# XlsxWriter zips the workbook's parts, its longest step on a large shop.
STOPPED_WHILE_ZIPPING = """
import os, signal, sys, zipfile
from segmenter_app.cli import main
write = zipfile.ZipFile.write
def stopped(self, *args, **kwargs):
    os.kill(os.getpid(), getattr(signal, sys.argv[1]))
    return write(self, *args, **kwargs)
zipfile.ZipFile.write = stopped
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_stop_while_the_workbook_is_zipped_leaves_no_file_behind(tmp_path, shop, name, code):
    """kill (SIGTERM) or a closed terminal (SIGHUP) ended Python on the spot: an empty
    '.out.*.tmp' beside --out and tens of MB of XlsxWriter's scratch files were left; Ctrl+C left
    those scratch files too. Now each stops like Ctrl+C: said in the user's language, exit
    128 + the signal, nothing left but the inputs."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    folder = tmp_path / "out"
    folder.mkdir()
    before = digest(shop)
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_WHILE_ZIPPING, name, "segment", str(shop),
         "--out", str(folder / "segments.xlsx"), "--report", str(folder / "report.json"), "--lang", "fr"],
        capture_output=True, text=True, timeout=60, env={**os.environ, "TMPDIR": str(scratch)},
    )  # fmt: skip
    assert done.returncode == code, done.stderr
    assert done.stderr.strip() == "Arrêté."
    assert list(folder.iterdir()) == []
    assert list(scratch.iterdir()) == []
    assert digest(shop) == before


# --- A home that cannot be written ---------------------------------------------------------------

INTERNAL_ERROR = """
import sys
import segmenter_app.core.pipeline as pipeline
def fail(*args, **kwargs):
    raise RuntimeError("internal failure quoting a customer: C007")
pipeline.check_amounts = fail
from segmenter_app.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG log folder of Linux")
def test_an_internal_error_with_an_unwritable_home_prints_no_traceback(tmp_path, shop):
    """With the log folder impossible to make (HOME read-only, or not a folder), Python's last
    resort printed the traceback, customer data in it, on the user's screen, and the message sent
    them to a log that did not exist. The log now goes to a private folder of the temporary folder."""
    home = tmp_path / "home"
    home.write_text("not a folder")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update(HOME=str(home), TMPDIR=str(scratch))
    done = subprocess.run(
        [sys.executable, "-c", INTERNAL_ERROR, "segment", str(shop), "--out", str(tmp_path / "s.xlsx"),
         "--lang", "fr"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "C007" not in done.stderr
    log = next(scratch.glob("Segmenter-log-*/segmenter.log"))
    assert "internal failure quoting" in log.read_text(encoding="utf-8")
    assert done.stderr.strip().endswith(f"Les détails sont dans le journal : {log}")


# --- Files that are not tables -------------------------------------------------------------------


def _records(shop: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(shop.open(encoding="utf-8")))


def _flat_ods(_shop: Path) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office='
        b'"urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3" '
        b'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body>'
        b"<office:spreadsheet/></office:body></office:document>"
    )


def _text_pdf(_shop: Path) -> bytes:
    # A PDF whose first kilobytes are plain text (objects before any compressed stream).
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" * 40 + b"%%EOF\n"


NOT_TABLES = {
    "orders.json": (
        lambda shop: json.dumps(_records(shop), indent=2).encode(),
        "is a JSON file (data for programs), not a table",
        "est un fichier JSON (des données pour les programmes), pas un tableau",
    ),
    "orders.ndjson": (
        lambda shop: "\n".join(json.dumps(r) for r in _records(shop)).encode(),
        "is a JSON file (data for programs), not a table",
        "est un fichier JSON (des données pour les programmes), pas un tableau",
    ),
    "sales.fods": (
        _flat_ods,
        "flat OpenDocument spreadsheet (.fods)",
        "classeur OpenDocument à plat (.fods)",
    ),
    "invoice.pdf": (_text_pdf, "binary data (an image, a PDF", "données binaires (une image, un PDF"),
    "sales.csv.bz2": (
        lambda shop: bz2.compress(shop.read_bytes()),
        "is compressed (bzip2), not a spreadsheet. Extract it first",
        "est compressé (bzip2), ce n'est pas un classeur. Décompressez-le d'abord",
    ),
    "sales.csv.xz": (
        lambda shop: lzma.compress(shop.read_bytes()),
        "is compressed (xz), not a spreadsheet. Extract it first",
        "est compressé (xz), ce n'est pas un classeur. Décompressez-le d'abord",
    ),
    "book.xlsx.gz": (
        lambda shop: gzip.compress(shop.with_name("book.xlsx").read_bytes()),
        "is compressed (gzip), not a spreadsheet. Extract it first",
        "est compressé (gzip), ce n'est pas un classeur. Décompressez-le d'abord",
    ),
    "empty.zip": (
        lambda shop: b"PK\x05\x06" + b"\x00" * 18,
        "holds no data",
        "ne contient aucune donnée",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", sorted(NOT_TABLES))
def test_a_file_that_is_no_table_is_named_for_what_it_is(tmp_path, capsys, shop, book_parts, name, lang):
    """A JSON export was said to hold 'a header but no row of data', a PDF starting with text
    and an NDJSON file 'no customer column'; a bzip2/xz file was 'binary data (an image, a PDF
    or a program)'; an XLSX gzipped again 'not a spreadsheet (gzip of a binary file)'; an empty
    ZIP 'a ZIP archive (holding -)' to extract; a flat ODS 'an XML document'."""
    make, english, french = NOT_TABLES[name]
    path = tmp_path / name
    path.write_bytes(make(shop))
    code, err, report = run_segment(capsys, tmp_path, path, lang)
    assert code == EXIT_INPUT and report is None
    assert (english if lang == "en" else french) in err
    assert path.name in err


def test_a_gzipped_csv_is_still_read(tmp_path, capsys, shop):
    path = tmp_path / "sales.csv.gz"
    path.write_bytes(gzip.compress(shop.read_bytes()))
    code, err, report = run_segment(capsys, tmp_path, path)
    assert code == EXIT_OK, err
    assert report["rows"]["kept"] == 100 and report["customers"] == 40


@pytest.mark.parametrize(
    "first_line", ["[Order],[Date],[Customer],[Amount]", "{Order};{Date};{Customer};{Amount}"]
)
def test_a_header_in_brackets_is_still_a_table(tmp_path, capsys, shop, first_line):
    """The JSON check looks past the bracket: a header written [Order] is a table's."""
    lines = shop.read_text(encoding="utf-8").splitlines()
    sep = "," if first_line.startswith("[") else ";"
    body = [line.replace(",", sep) for line in lines[1:]]
    path = tmp_path / "bracketed.csv"
    path.write_text("\n".join([first_line, *body]) + "\n", encoding="utf-8")
    code, err, report = run_segment(capsys, tmp_path, path)
    assert code == EXIT_OK, err
    assert report["customers"] == 40


# --- Archives that could be read two ways --------------------------------------------------------


def test_a_workbook_with_two_sheet_parts_of_one_name_is_refused(tmp_path, capsys, shop, book_parts):
    """A ZIP may hold two entries of one name; readers disagree on which counts, so what Excel
    showed could differ from what was segmented (the last one was read, silently)."""
    other = re.sub(
        rb"<sheetData>.*</sheetData>", b"<sheetData/>", book_parts["xl/worksheets/sheet1.xml"], flags=re.S
    )
    entries = [*book_parts.items(), ("xl/worksheets/sheet1.xml", other)]
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = write_zip(tmp_path / "twice.xlsx", entries)
    for lang, words in (("en", "is damaged or incomplete"), ("fr", "est endommagé ou incomplet")):
        code, err, report = run_segment(capsys, tmp_path, path, lang)
        assert code == EXIT_INPUT and report is None
        assert words in err and "xl/worksheets/sheet1.xml" in err


# --- Names argparse takes for options ------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        (["-shop.csv", "--out", "out.xlsx"], "en", "'-shop.csv' starts with a dash, so it was taken for an option. Write it ./-shop.csv"),
        (["-shop.csv", "--out", "out.xlsx"], "fr", "« -shop.csv » commence par un tiret, il a donc été pris pour une option. Écrivez-le ./-shop.csv"),
        (["./-shop.csv", "--out", "-out.xlsx"], "en", "'-out.xlsx' starts with a dash, so it was taken for an option. Write it ./-out.xlsx"),
        (["./-shop.csv", "--out", "out.xlsx", "--method", "-x"], "en", "--method needs a value."),
        (["./-shop.csv", "--out", "out.xlsx", "--bogus"], "en", "Unknown options or extra values: --bogus."),
    ],
)  # fmt: skip
def test_a_file_name_starting_with_a_dash_is_said_as_such(
    tmp_path, capsys, shop, monkeypatch, words, lang, expected
):
    """A file named "-shop.csv" got 'Missing: FILE', and '--out -out.xlsx' '--out needs a value':
    true for argparse, a riddle for the user."""
    (tmp_path / "-shop.csv").write_bytes(shop.read_bytes())
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["segment", *words, "--lang", lang])
    assert stop.value.code == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith(expected), err
    assert not (tmp_path / "out.xlsx").exists()


def test_a_file_name_starting_with_a_dash_written_plainly_is_read(tmp_path, capsys, shop, monkeypatch):
    (tmp_path / "-shop.csv").write_bytes(shop.read_bytes())
    monkeypatch.chdir(tmp_path)
    code, err = cli(capsys, "segment", "./-shop.csv", "--out=-out.xlsx", "--lang", "en")
    assert code == EXIT_OK, err
    assert (tmp_path / "-out.xlsx").is_file()


# --- Measure: results naming customers the project does not know -----------------------------


@pytest.fixture(scope="module")
def shop_project(tmp_path_factory, shop) -> Path:
    """The small shop segmented (20% control, seed 1) and saved as a project."""
    folder = tmp_path_factory.mktemp("project")
    saved = folder / "shop.segmenter"
    code = main(
        ["segment", str(shop), "--out", str(folder / "s.xlsx"), "--save-project", str(saved),
         "--control-share", "0.2", "--seed", "1", "--lang", "en"]
    )  # fmt: skip
    assert code == EXIT_OK
    return saved


def run_measure(capsys, tmp_path: Path, saved: Path, results: Path, lang: str) -> tuple[int, str, dict]:
    """``measure`` with a report: the exit code, standard error and the report; the inputs come
    out unmodified."""
    before = digest(saved), digest(results)
    report = tmp_path / "measure.json"
    code, err = cli(
        capsys, "measure", str(saved), str(results), "--out", str(tmp_path / "m.xlsx"), "--report", str(report),
        "--lang", lang,
    )  # fmt: skip
    assert (digest(saved), digest(results)) == before
    assert "Traceback" not in err
    return code, err, strict_json(report) if report.exists() else None


@pytest.mark.parametrize(
    ("unknown", "lang", "words"),
    [
        (30, "en", "30 customers named in the results file are not in the project: their rows are left out"),
        (30, "fr", "30 clients cités dans le fichier de résultats ne sont pas dans le projet : leurs lignes sont écartées"),
        (1, "en", "1 customer named in the results file is not in the project"),
        (1, "fr", "1 client cité dans le fichier de résultats n'est pas dans le projet"),
    ],
)  # fmt: skip
def test_results_naming_customers_the_project_lacks_say_so(
    tmp_path, capsys, shop_project, unknown, lang, words
):
    """Thirty of 35 rows of another shop's results were left out without a word: the measure
    ran on the five it knew. It still runs, and says so on standard error and in the report."""
    rows = [f"C{c:03d},yes,10" for c in range(5)] + [f"Z{k:03d},yes,10" for k in range(unknown)]
    results = tmp_path / "results.csv"
    results.write_text("\n".join(["customer,converted,revenue", *rows]) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, tmp_path, shop_project, results, lang)
    assert code == EXIT_OK, err
    assert words in err
    assert report["results"]["unmatched_customers"] == unknown
    assert [a["kind"] for a in report["alerts"]].count("unmatched_customers") == 1
    assert report["total"]["conversions"] + (report["total"]["control_conversions"] or 0) == 5


def test_results_of_known_customers_only_raise_no_such_alert(tmp_path, capsys, shop_project):
    rows = [f"C{c:03d},{'yes' if c % 3 else 'no'},{10 if c % 3 else 0}" for c in range(40)]
    results = tmp_path / "results.csv"
    results.write_text("\n".join(["customer,converted,revenue", *rows]) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, tmp_path, shop_project, results, "en")
    assert code == EXIT_OK and err == ""
    assert report["alerts"] == []


# --- Measure: revenue in another currency ------------------------------------------------------


@pytest.fixture(scope="module")
def euro_project(tmp_path_factory, shop) -> Path:
    """The small shop selling in euros ("42,00 €"), segmented and saved as a project."""
    folder = tmp_path_factory.mktemp("euro")
    lines = shop.read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines[1:]]
    sales = folder / "ventes.csv"
    sales.write_text(
        "\n".join(
            ["commande;date;client;montant", *(f"{o};{d};{c};{a.replace('.', ',')} €" for o, d, c, a in rows)]
        )
        + "\n",
        encoding="utf-8",
    )
    saved = folder / "boutique.segmenter"
    code = main(
        ["segment", str(sales), "--out", str(folder / "s.xlsx"), "--save-project", str(saved), "--lang", "fr"]
    )
    assert code == EXIT_OK
    return saved


@pytest.mark.parametrize(
    ("revenue", "lang", "words"),
    [
        ("$12.50", "en", "The revenue of the results is written in USD, the project's sales in EUR: it is added as it is, not converted"),
        ("12.50 USD", "fr", "Le chiffre d'affaires des résultats est écrit en USD, les ventes du projet en EUR : il est additionné tel quel"),
        ("£12.50", "fr", "est écrit en GBP, les ventes du projet en EUR"),
    ],
)  # fmt: skip
def test_revenue_in_another_currency_than_the_shops_is_said(
    tmp_path, capsys, euro_project, revenue, lang, words
):
    """Dollars added to a euro shop's figures as if they were euros, without a word."""
    rows = [f'C{c:03d},yes,"{revenue}"' for c in range(40)]
    results = tmp_path / "results.csv"
    results.write_text("\n".join(["customer,converted,revenue", *rows]) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, tmp_path, euro_project, results, lang)
    assert code == EXIT_OK, err
    assert words in err
    assert [a["kind"] for a in report["alerts"]] == ["other_currency"]
    assert report["total"]["revenue"] + report["total"]["control_revenue"] == pytest.approx(40 * 12.5)


@pytest.mark.parametrize("revenue", ["12,50 €", "12.50", "EUR 12.50"])
def test_revenue_in_the_shops_currency_or_unmarked_raises_no_alert(tmp_path, capsys, euro_project, revenue):
    rows = [f'C{c:03d},yes,"{revenue}"' for c in range(40)]
    results = tmp_path / "results.csv"
    results.write_text("\n".join(["customer,converted,revenue", *rows]) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, tmp_path, euro_project, results, "en")
    assert code == EXIT_OK and err == ""
    assert report["alerts"] == []


# --- Cells far from the table --------------------------------------------------------------------


def _with_sheet(book_parts: dict[str, bytes], change) -> dict[str, bytes]:
    parts = dict(book_parts)
    parts["xl/worksheets/sheet1.xml"] = change(book_parts["xl/worksheets/sheet1.xml"].decode()).encode()
    return parts


FAR_CELLS = {
    # A value typed in Excel's last cell, beside a table at A1: calamine allocates the whole
    # rectangle (17 billion cells) and aborts the process (exit -6, a Rust backtrace on screen).
    "corner": (
        lambda xml: xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
        "has values from A1 to XFD1048576 (1,048,576 rows by 16,384 columns, most of them empty), too large to read",
        "a des valeurs de A1 à XFD1048576 (1\u202f048\u202f576 lignes sur 16\u202f384 colonnes, vides pour la plupart)",
    ),
    # Past Excel's last row: the process aborted too (or our own head reader ran out of memory).
    "row_past_excel": (
        lambda xml: xml.replace('<row r="2"', '<row r="900000000"').replace('r="A2"', 'r="A900000000"'),
        "is damaged or incomplete (xl/worksheets/sheet1.xml: 900000000 > XFD1048576)",
        "est endommagé ou incomplet (détail technique : xl/worksheets/sheet1.xml: 900000000 > XFD1048576)",
    ),
    # Past Excel's last column: an internal error.
    "column_past_excel": (
        lambda xml: xml.replace('r="D3"', 'r="ZZZZ3"'),
        "is damaged or incomplete (xl/worksheets/sheet1.xml: ZZZZ3 > XFD1048576)",
        "est endommagé ou incomplet (détail technique : xl/worksheets/sheet1.xml: ZZZZ3 > XFD1048576)",
    ),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("case", sorted(FAR_CELLS))
def test_a_cell_far_from_the_table_is_said_before_the_reader_meets_it(
    tmp_path, capsys, book_parts, case, lang
):
    change, english, french = FAR_CELLS[case]
    path = write_zip(tmp_path / f"{case}.xlsx", _with_sheet(book_parts, change))
    code, err, report = run_segment(capsys, tmp_path, path, lang)
    assert code == EXIT_INPUT and report is None
    assert (english if lang == "en" else french) in err


def test_far_but_ordinary_cells_are_still_read(tmp_path, capsys, book_parts):
    """A note typed in column AAA beside the table (within Excel's limits, a rectangle of 101
    rows by 703 columns) is read: the table's rows are all kept."""

    def note(xml: str) -> str:
        end_of_row_2 = xml.index('<row r="3"') - len("</row>")
        return (
            xml[:end_of_row_2]
            + '<c r="AAA2" t="inlineStr"><is><t>see notes</t></is></c>'
            + xml[end_of_row_2:]
        )

    path = write_zip(tmp_path / "note.xlsx", _with_sheet(book_parts, note))
    code, err, report = run_segment(capsys, tmp_path, path)
    assert code == EXIT_OK, err
    assert report["rows"]["read"] == 100 and report["customers"] == 40


def test_large_sheets_are_scanned_only_when_their_dimension_spans_far(tmp_path, book_parts, monkeypatch):
    """Scanning every cell of a million-row sheet cost a fifth of its reading; past SCAN_MAX_BYTES
    a sheet is scanned when its <dimension> says its cells span a far rectangle (as Excel writes it
    for a value typed in its last cell), and not otherwise."""
    from segmenter_app.core.i18n import UserError
    from segmenter_app.core.reading import archive_checks

    monkeypatch.setattr(archive_checks, "SCAN_MAX_BYTES", 100)  # every sheet here counts as large
    corner = FAR_CELLS["corner"][0]

    def check(name: str, change) -> None:
        path = write_zip(tmp_path / name, _with_sheet(book_parts, change))
        with zipfile.ZipFile(path) as zf:
            archive_checks.check_sheet_extents(path, zf, zf.infolist())

    def far_dimension(xml: str) -> str:
        return re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', corner(xml))

    with pytest.raises(UserError) as error:
        check("told.xlsx", far_dimension)
    assert "XFD1048576" in error.value.text("en")
    # Its own dimension small (or none): a large sheet is not read twice before the reader.
    check("ordinary.xlsx", lambda xml: xml)
    check("untold.xlsx", corner)  # the case left to the size cap (see archive_checks.SCAN_MAX_BYTES)
    monkeypatch.setattr(archive_checks, "SCAN_MAX_BYTES", 64 << 20)
    with pytest.raises(UserError):
        check("small.xlsx", corner)


# --- A project given where an export is expected ----------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_project_given_as_results_or_sales_is_named_as_a_project(tmp_path, capsys, shop_project, lang):
    """A project file given as RESULTS (or to segment) was 'a ZIP archive holding
    analysis.json, ...: extract it and import the CSV it holds', advice that leads nowhere."""
    words = {
        "en": "is a Segmenter project, not a sales or results export. Open it in Segmenter's window, or give it to 'segmenter measure' as PROJECT",
        "fr": "est un projet Segmenter, pas un export de ventes ou de résultats. Ouvrez-le dans la fenêtre de Segmenter, ou donnez-le à « segmenter measure » comme premier fichier (PROJECT)",
    }[lang]  # fmt: skip
    code, err, report = run_measure(capsys, tmp_path, shop_project, shop_project, lang)
    assert code == EXIT_INPUT and report is None
    assert words in err
    code, err, report = run_segment(capsys, tmp_path, shop_project, lang)
    assert code == EXIT_INPUT and report is None
    assert words in err


# --- Web pages named .xls ------------------------------------------------------------------------

PAGE = b"<html><body><table><tr><td>order</td><td>customer</td></tr><tr><td>1</td><td>C1</td></tr></table></body></html>"


@pytest.mark.parametrize(
    "start",
    [
        b"<!-- saved from url=(0014)about:internet -->\n",  # Internet Explorer's "Save as"
        b"<style>td { mso-number-format: '@' }</style>\n",  # an old tool's "Excel export"
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n',  # XHTML
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_web_page_named_xls_is_said_to_be_one_whatever_comes_before_its_html(tmp_path, capsys, start, lang):
    """Only a page starting with <html> or <table> was recognised: one opening with a comment or
    a style sheet was read as text ('no customer column'), an XHTML page was 'an XML document'."""
    path = tmp_path / "export.xls"
    path.write_bytes(start + PAGE)
    code, err, report = run_segment(capsys, tmp_path, path, lang)
    assert code == EXIT_INPUT and report is None
    assert {
        "en": "is a web page (HTML), not a spreadsheet",
        "fr": "est une page web (HTML), pas un classeur",
    }[lang] in err


# --- One export given in two forms ---------------------------------------------------------------


@pytest.mark.parametrize("other", ["book.xlsx", "sales.csv.gz", "ventes.csv"])
def test_one_export_given_in_two_forms_is_refused_not_counted_twice(
    tmp_path, capsys, shop, book_parts, other
):
    """The CSV beside the XLSX Excel saved from it, its .csv.gz, or the same sales written the
    French way: the bytes differ, so the copy check passed, and every sale counted twice
    (200 rows kept, each customer's spend doubled)."""
    if other == "book.xlsx":
        second = write_zip(tmp_path / other, book_parts)
    elif other == "sales.csv.gz":
        second = tmp_path / other
        second.write_bytes(gzip.compress(shop.read_bytes()))
    else:
        rows = [line.split(",") for line in shop.read_text(encoding="utf-8").splitlines()[1:]]
        second = tmp_path / other
        french = [f"{o};{d[8:10]}/{d[5:7]}/{d[:4]};{c};{a.replace('.', ',')} €" for o, d, c, a in rows]
        second.write_text("\n".join(["commande;date;client;montant", *french]) + "\n", encoding="utf-8")
    for lang, words in (
        ("en", "hold exactly the same data"),
        ("fr", "contiennent exactement les mêmes données"),
    ):
        code, err = cli(
            capsys, "segment", str(shop), str(second), "--out", str(tmp_path / "o.xlsx"), "--lang", lang
        )
        assert code == EXIT_INPUT, err
        assert words in err and second.name in err


def test_two_exports_of_other_sales_of_one_size_are_both_read(tmp_path, capsys, shop):
    """Two months of one shop, as many lines each: both are kept."""
    lines = shop.read_text(encoding="utf-8").splitlines()
    second = tmp_path / "next.csv"
    second.write_text(
        "\n".join(
            [
                lines[0],
                *(
                    line.replace("2025-", "2024-").replace(",O", ",P").replace("O", "P", 1)
                    for line in lines[1:]
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, err, _report = run_segment(capsys, tmp_path, second)
    assert code == EXIT_OK, err
    report_path = tmp_path / "both.json"
    code, err = cli(
        capsys,
        "segment",
        str(shop),
        str(second),
        "--out",
        str(tmp_path / "b.xlsx"),
        "--report",
        str(report_path),
    )
    assert code == EXIT_OK, err
    assert strict_json(report_path)["rows"]["kept"] == 200


# --- Saving a project where a file is in the way -------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "could not be saved to '{path}' (a file has the name of one of its folders)"),
        ("fr", "n'a pas pu être enregistré dans « {path} » (un fichier porte le nom d'un de ses dossiers)"),
    ],
)
def test_saving_a_project_below_a_file_is_said_in_the_users_language(tmp_path, capsys, shop, lang, words):
    """'--save-project shop.csv/p.segmenter' gave the system's English ("File exists") inside
    the French message."""
    target = shop.parent / shop.name / "p.segmenter"
    code, err = cli(
        capsys,
        "segment",
        str(shop),
        "--out",
        str(tmp_path / "o.xlsx"),
        "--save-project",
        str(target),
        "--lang",
        lang,
    )
    assert code == EXIT_INPUT
    assert words.format(path=target) in err
    assert "File exists" not in err and "Not a directory" not in err


# --- Text an encoding cannot read, names that are not text ------------------------------------


def test_an_accent_past_the_sample_in_a_byte_windows_lacks_is_read(tmp_path, capsys, shop):
    """ASCII for the first 64 KiB (read as UTF-8), then a Mac Roman "è" (0x8F, a hole of
    Windows-1252): the UTF-8 read failed, the cp1252 one too, and the import retried cp1252 until
    Python's recursion limit (exit 1)."""
    lines = shop.read_bytes().splitlines()
    filler = [b"P%d-0,2025-03-03,C%03d,10.00" % (i, i % 40) for i in range(4000)]
    path = tmp_path / "caisse.csv"
    path.write_bytes(b"\n".join([lines[0], *filler, *lines[1:], b"Q1-0,2025-02-02,Cr\x8fme,12.00"]) + b"\n")
    code, err, report = run_segment(capsys, tmp_path, path)
    assert code == EXIT_OK, err
    assert report["rows"]["read"] == report["rows"]["kept"] == 4101
    assert report["customers"] == 41


NOT_UTF8 = pytest.mark.skipif(sys.platform != "linux", reason="names of raw bytes are a Linux file system's")


@NOT_UTF8
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "is not readable text (it was written by another system's character set). Rename the file"),
        ("fr", "n'est pas un texte lisible (il a été écrit dans le jeu de caractères d'un autre système). Renommez le fichier"),
    ],
)  # fmt: skip
def test_an_input_named_in_an_old_character_set_is_said(tmp_path, capsys, shop, lang, words):
    """'ventes\\xe9.csv' (Latin-1 bytes): pyarrow cannot open such a name; the import retried
    another encoding for ever (exit 1)."""
    path = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/ventes\xe9.csv"))
    path.write_bytes(shop.read_bytes())
    code, err, report = run_segment(capsys, tmp_path, path, lang)
    assert code == EXIT_INPUT and report is None
    assert words in err


@NOT_UTF8
def test_outputs_and_a_project_named_in_an_old_character_set_are_written(tmp_path, capsys, shop):
    """The report and the project hold their own paths: JSON in UTF-8 could not hold the name
    (exit 1 after the workbook was written). The name is escaped, and read back the same."""
    folder = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/r\xe9sultats"))
    folder.mkdir()
    saved, report = folder / "boutique.segmenter", folder / "rapport.json"
    code, err = cli(
        capsys, "segment", str(shop), "--out", str(folder / "segments.xlsx"), "--report", str(report),
        "--save-project", str(saved), "--lang", "fr",
    )  # fmt: skip
    assert code == EXIT_OK, err
    assert strict_json(report)["output"]["project"] == str(saved)
    results = tmp_path / "results.csv"
    results.write_text(
        "customer,converted\n" + "".join(f"C{c:03d},yes\n" for c in range(40)), encoding="utf-8"
    )
    code, err, measured = run_measure(capsys, tmp_path, saved, results, "fr")
    assert code == EXIT_OK, err
    assert measured["project"] == str(saved)


# --- Segmenter's own workbook given back to segment --------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_segmenters_own_workbook_given_to_segment_is_named_as_such(tmp_path, capsys, shop, lang):
    """Read as sales, its Summary sheet gave 'RFM needs purchases, and these customers have none.
    Import an orders file too', which sent the user looking for a file they had given."""
    workbook = tmp_path / "segments.xlsx"
    assert cli(capsys, "segment", str(shop), "--out", str(workbook), "--lang", lang)[0] == EXIT_OK
    code, err, report = run_segment(capsys, tmp_path, workbook, lang)
    assert code == EXIT_INPUT and report is None
    words = {
        "en": "segments.xlsx is a workbook written by Segmenter (its segments and plan), not a sales or customers export",
        "fr": "segments.xlsx est un classeur écrit par Segmenter (ses segments et son plan), pas un export de ventes ou de clients",
    }[lang]  # fmt: skip
    assert words in err


# --- A workbook for a folder that does not exist -------------------------------------------------


@pytest.mark.parametrize("command", ["segment", "measure"])
def test_a_missing_output_folder_is_said_before_the_work(
    tmp_path, capsys, shop, shop_project, monkeypatch, command
):
    """It was said only at the export, after the import, the segmentation (or the measure) had
    run: a minute of a large shop's work for a typo in a folder name."""
    import segmenter_app.core.collect as collect
    import segmenter_app.core.project as project_module

    def never(*_args, **_kwargs):
        raise AssertionError("the work started")

    monkeypatch.setattr(collect, "import_files", never)
    monkeypatch.setattr(project_module, "load_project", never)
    out = tmp_path / "no such folder" / "segments.xlsx"
    inputs = [str(shop)] if command == "segment" else [str(shop_project), str(shop)]
    code, err = cli(capsys, command, *inputs, "--out", str(out), "--lang", "fr")
    assert code == EXIT_INPUT
    assert f"Le dossier {out.parent} n'existe pas. Choisissez un dossier existant pour l'export." in err


# --- A mapping file nested too deeply ------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("en", "cannot be read"), ("fr", "est illisible")])
def test_a_mapping_file_nested_too_deeply_is_said(tmp_path, capsys, shop, lang, words):
    """'[[[[...]]]]' 200,000 deep: json.loads hit Python's recursion limit (exit 1); the rules
    file already said it."""
    mapping = tmp_path / "mapping.json"
    mapping.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, err = cli(
        capsys,
        "segment",
        str(shop),
        "--out",
        str(tmp_path / "o.xlsx"),
        "--mapping",
        str(mapping),
        "--lang",
        lang,
    )
    assert code == EXIT_INPUT, err
    assert words in err and str(mapping) in err


# --- Measure: one customer with a yes and a no ---------------------------------------------------


@pytest.mark.parametrize(
    ("twice", "lang", "words"),
    [
        (10, "en", "10 customers are on a 'yes' row and on a 'no' row of the results: they count as converted"),
        (1, "fr", "1 client figure sur une ligne « oui » et sur une ligne « non » des résultats : il compte comme converti"),
    ],
)  # fmt: skip
def test_a_customer_said_yes_and_no_is_counted_converted_and_said(
    tmp_path, capsys, shop_project, twice, lang, words
):
    """Pasted again with 'no', ten customers silently counted as converted."""
    rows = [f"C{c:03d},yes,10" for c in range(40)] + [f"C{c:03d},no,0" for c in range(twice)]
    results = tmp_path / "results.csv"
    results.write_text("\n".join(["customer,converted,revenue", *rows]) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, tmp_path, shop_project, results, lang)
    assert code == EXIT_OK, err
    assert words in err
    assert [a["kind"] for a in report["alerts"]] == ["contradicted_customers"]
    assert report["total"]["conversions"] + report["total"]["control_conversions"] == 40


def test_looking_for_segmenters_own_workbook_costs_an_ordinary_import_nothing(tmp_path, shop):
    """The own-workbook check needs the export's sheet names: a file with fewer sheets than that
    workbook does not load the export's modules (60 ms of every timed import)."""
    code = (
        "import sys\n"
        "from segmenter_app.core.analysis import Analysis\n"
        "from segmenter_app.core.collect import import_files\n"
        f"import_files(Analysis(), [{str(shop)!r}])\n"
        "print('segmenter_app.core.export' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
