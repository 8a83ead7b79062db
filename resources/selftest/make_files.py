"""Makes the small files the self-test reads: the same orders as CSV, XLSX, XLS and ODS.

The self-test (``segmenter_app/selftest/``) imports each of them to prove that every reader
made it into the installed app or bundle. The rows are generated deterministically (a fixed
seed, fixed dates) and ``expected.json`` records what an import must find.

Run from the repository root: ``python resources/selftest/make_files.py``. The outputs are
committed, so the app never needs the writers at run time. Writers: the standard library for the
CSV and the ODS (an ODS is a zip of XML, written by hand), XlsxWriter (an app dependency) for
the XLSX, and xlwt for the XLS; xlwt is a development tool only
(``pip install xlwt==1.3.0``), never an app dependency.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
STEM = "orders"
HEADER = ["Customer ID", "Order ID", "Order date", "Amount", "Email"]
CUSTOMERS = 30
SEED = 20261123
# A fixed moment for every timestamp written into the containers, so the bytes never change.
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)


def make_rows() -> list[tuple[str, str, dt.date, float, str]]:
    """The order rows: 30 customers, one to six orders each over 2025, one row per order."""
    rng = random.Random(SEED)
    rows = []
    order = 1000
    for c in range(1, CUSTOMERS + 1):
        customer = f"C{c:03d}"
        email = f"client{c:03d}@example.com"
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
            order += 1
            day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
            amount = round(rng.uniform(8, 240), 2)
            rows.append((customer, f"A{order}", day, amount, email))
    rows.sort(key=lambda r: (r[2], r[1]))
    return rows


def write_csv(rows, path: Path) -> None:
    """Comma-separated, UTF-8, ISO dates, point decimals: the plainest form a reader must take."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        for customer, order, day, amount, email in rows:
            writer.writerow([customer, order, day.isoformat(), f"{amount:.2f}", email])


def write_xlsx(rows, path: Path) -> None:
    """Real date cells and numbers, as a till's export has them."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_properties({"created": FIXED})
    sheet = workbook.add_worksheet("Orders")
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    for i, (customer, order, day, amount, email) in enumerate(rows, start=1):
        sheet.write_string(i, 0, customer)
        sheet.write_string(i, 1, order)
        sheet.write_datetime(i, 2, dt.datetime.combine(day, dt.time()), date_format)
        sheet.write_number(i, 3, amount)
        sheet.write_string(i, 4, email)
    workbook.close()


def write_xls(rows, path: Path) -> None:
    """The legacy binary format (BIFF8), still exported by old tills and accounting tools."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Orders")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for col, name in enumerate(HEADER):
        sheet.write(0, col, name)
    for i, (customer, order, day, amount, email) in enumerate(rows, start=1):
        sheet.write(i, 0, customer)
        sheet.write(i, 1, order)
        sheet.write(i, 2, dt.datetime.combine(day, dt.time()), date_style)
        sheet.write(i, 3, amount)
        sheet.write(i, 4, email)
    book.save(str(path))


def _ods_cell(value) -> str:
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return (
            f'<table:table-cell table:style-name="date" office:value-type="date" '
            f'office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>'
        )
    if isinstance(value, float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value!r}">'
            f"<text:p>{value:.2f}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


ODS_CONTENT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.2">
<office:automatic-styles>
<number:date-style style:name="iso"><number:year number:style="long"/><number:text>-</number:text>
<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="date" style:family="table-cell" style:data-style-name="iso"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="Orders">
"""
ODS_CONTENT_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>\n"
ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def write_ods(rows, path: Path) -> None:
    """An OpenDocument spreadsheet: ``mimetype`` stored first and uncompressed, as the format requires."""
    lines = [ODS_CONTENT_HEAD]
    for row in [HEADER, *rows]:
        lines.append("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>\n")
    lines.append(ODS_CONTENT_TAIL)
    stamp = FIXED.timetuple()[:6]
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", stamp), "application/vnd.oasis.opendocument.spreadsheet")
        for name, text in (("content.xml", "".join(lines)), ("META-INF/manifest.xml", ODS_MANIFEST)):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def main() -> int:
    """Write the four files and ``expected.json``; return 0."""
    rows = make_rows()
    write_csv(rows, HERE / f"{STEM}.csv")
    write_xlsx(rows, HERE / f"{STEM}.xlsx")
    write_xls(rows, HERE / f"{STEM}.xls")
    write_ods(rows, HERE / f"{STEM}.ods")
    last = max(r[2] for r in rows)
    expected = {
        "files": [f"{STEM}.{ext}" for ext in ("csv", "xlsx", "xls", "ods")],
        "rows": len(rows),
        "customers": len({r[0] for r in rows}),
        "orders": len({r[1] for r in rows}),
        "revenue": round(sum(r[3] for r in rows), 2),
        "last_date": last.isoformat(),
    }
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(expected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
