"""Messy input files, made at test time: each case the import must handle, written into a folder.

Every maker takes the target folder and returns the path it wrote. The files imitate what small
shops really export: French tills (cp1252, ``;``, "1 234,56 €", dd/mm/yyyy, a title and a totals
row), Excel's "Unicode text", a CSV renamed .xlsx, workbooks with hidden sheets and rows, broken,
encrypted and malicious archives.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import xlsxwriter

FRENCH_HEADER = [
    "N° ticket",
    "Date",
    "Code client",
    "Nom",
    "E-mail",
    "Téléphone",
    "Montant TTC",
    "Remise",
    "Catégorie",
]

FRENCH_ROWS = [
    [
        "T001",
        "03/01/2025",
        "C01",
        "Hélène Dupré",
        "helene@exemple.fr",
        "06 11 22 33 44",
        "1 234,56 €",
        "",
        "Vins",
    ],
    ["T002", "15/01/2025", "C02", "Zoé Martin", "ZOE.MARTIN@exemple.fr ", "", "45,00 €", "10 %", "Épicerie"],
    [
        "T003",
        "20/02/2025",
        "C01",
        "Hélène Dupré",
        "helene@exemple.fr",
        "06 11 22 33 44",
        "(12,50)",
        "",
        "Vins",
    ],
    ["T004", "21/02/2025", "", "", "", "", "9,90 €", "", "Vins"],
    ["T005", "31/03/2025", "C03", "Noël Lefèvre", "", "+33 7 00 00 00 01", "1\u00a0000,00", "", "Bulles"],
    ["T006", "pas une date", "C02", "Zoé Martin", "zoe.martin@exemple.fr", "", "10,00", "", "Vins"],
    ["T007", "01/04/2025", "C02", "Zoé Martin", "zoe.martin@exemple.fr", "", "douze", "", "Vins"],
    ["T008", "02/04/2025", "C03", "Noël Lefèvre", "", "", "0,00", "", "Vins"],
    ["T009", "03/04/2025", "C03", "Noël Lefèvre", "", "", "6,90", "", "Livraison"],
    [
        "T010",
        "04/04/2025",
        "C01",
        "Hélène Dupré",
        "helene@exemple.fr",
        "",
        "100\u00a0000,00 EUR",
        "",
        "Coffrets",
    ],
]


def french_till_cp1252(folder: Path) -> Path:
    """``;``-separated cp1252 with a title, a blank line, a duplicate line, a blank row and a totals row."""
    lines = ["Export des ventes - Cave du Marché", "", ";".join(FRENCH_HEADER)]
    lines += [";".join(r) for r in FRENCH_ROWS]
    lines.append(";".join(FRENCH_ROWS[1]))  # exported twice
    lines.append(";;;;;;;;")
    lines.append("Total;;;;;;102 478,96 €;;")
    path = folder / "ventes caisse.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def english_rows() -> list[list[str]]:
    """A few orders in English style: ISO-less US dates, point decimals, comma thousands."""
    return [
        ["Order ID", "Order Date", "Customer Email", "Total", "Channel"],
        ["1001", "01/13/2025 10:15", "ann@example.com", "$1,200.50", "web"],
        ["1002", "02/03/2025 11:00", "bob@example.com", "35.00", "store"],
        ["1003", "12/24/2025 09:30", "ann@example.com", "-20.00", "web"],
    ]


def utf16_tab(folder: Path) -> Path:
    """Excel's "Unicode text": UTF-16 LE with BOM, tab-separated."""
    path = folder / "unicode.txt"
    text = "\r\n".join("\t".join(r) for r in english_rows()) + "\r\n"
    path.write_bytes(text.encode("utf-16"))
    return path


def utf8_bom_comma(folder: Path) -> Path:
    """UTF-8 with BOM, comma-separated, quoted fields with commas inside."""
    path = folder / "orders.csv"
    rows = english_rows()
    text = "\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def pipe_separated(folder: Path) -> Path:
    """Pipe-separated UTF-8 without BOM."""
    path = folder / "orders_pipe.txt"
    path.write_text("\n".join("|".join(r) for r in english_rows()) + "\n", encoding="utf-8")
    return path


def csv_renamed_xlsx(folder: Path) -> Path:
    """A CSV someone renamed to .xlsx."""
    path = folder / "really_a_csv.xlsx"
    path.write_text(
        "\n".join(",".join(r).replace("$1,200.50", "1200.50") for r in english_rows()) + "\n",
        encoding="utf-8",
    )
    return path


def ambiguous_dates(folder: Path) -> Path:
    """Dates that fit both day/month and month/day (all days <= 12)."""
    path = folder / "ambiguous.csv"
    rows = ["Customer,Date,Amount", "A,01/02/2025,10", "B,03/04/2025,20", "A,05/06/2025,30"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def workbook_with_titles(folder: Path) -> Path:
    """An XLSX whose first sheet is hidden; the data sheet has a title, a hidden row and totals."""
    path = folder / "rapport.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    hidden = wb.add_worksheet("Paramètres")
    hidden.write(0, 0, "secret")
    hidden.hide()
    ws = wb.add_worksheet("Ventes")
    ws.activate()  # Excel cannot hide the active sheet
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write(0, 0, "Rapport des ventes 2025")
    ws.write_row(2, 0, ["Client", "Date", "Montant", "Code postal"])
    data = [("C01", 45660, 10.5, "01000"), ("C02", 45661, 20.0, "69001"), ("C01", 45700, 30.25, "01000")]
    for i, (cust, serial, amount, cp) in enumerate(data):
        ws.write(3 + i, 0, cust)
        ws.write_number(3 + i, 1, serial, date_fmt)
        ws.write_number(3 + i, 2, amount)
        ws.write_string(3 + i, 3, cp)
    ws.set_row(4, None, None, {"hidden": True})
    ws.write(6, 0, "Total")
    ws.write_formula(6, 2, "=SUM(C4:C6)", None, 60.75)
    wb.close()
    return path


def formula_without_cached_value(folder: Path) -> Path:
    """An XLSX written by a script: a formula cell with no saved value."""
    source = workbook_with_titles(folder)
    path = folder / "formules.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b"<v>60.75</v>", b"")
            zout.writestr(item, data)
    return path


def encrypted_office(folder: Path) -> Path:
    """What Excel writes for a password-protected workbook: an OLE2 file with an EncryptedPackage."""
    path = folder / "protege.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(header + directory + b"\x00" * 2048)
    return path


def truncated_xlsx(folder: Path) -> Path:
    """An XLSX cut in the middle (an interrupted download)."""
    source = workbook_with_titles(folder)
    path = folder / "coupe.xlsx"
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def zip_bomb_xlsx(folder: Path) -> Path:
    """An XLSX whose sheet expands 1000 times (50 MB of spaces from a few kB)."""
    path = folder / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b" " * (50 * 1024 * 1024))
    return path


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>
<sheet name="&lol3;" sheetId="1"/></sheets></workbook>"""


def entity_bomb_xlsx(folder: Path) -> Path:
    """A valid XLSX whose workbook.xml declares nested entities (billion laughs)."""
    source = workbook_with_titles(folder)
    path = folder / "entites.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = BILLION_LAUGHS if item.filename == "xl/workbook.xml" else zin.read(item)
            zout.writestr(item, data)
    return path


def empty_file(folder: Path) -> Path:
    """Zero bytes."""
    path = folder / "vide.csv"
    path.write_bytes(b"")
    return path


def no_usable_column(folder: Path) -> Path:
    """A table with no column that identifies a customer."""
    path = folder / "stock.csv"
    path.write_text("Article;Stock\nVin;12\nBière;4\n", encoding="utf-8")
    return path


def customers_and_orders(folder: Path) -> tuple[Path, Path]:
    """A customers file (demographics) and an orders file joined on customer id."""
    customers = folder / "clients.csv"
    customers.write_text(
        "Code client;E-mail;Ville;Âge;Revenu annuel\nC01;a@x.fr;Lyon;34;42 000\nC02;b@x.fr;Paris;58;31 500\n"
        "C09;z@x.fr;Nice;22;18 000\n",
        encoding="utf-8",
    )
    orders = folder / "commandes.csv"
    orders.write_text(
        "Code client;Date;Montant\nC01;02/01/2025;10,00\nC02;13/01/2025;20,00\nC01;20/02/2025;30,00\n",
        encoding="utf-8",
    )
    return customers, orders


def two_tools(folder: Path) -> tuple[Path, Path]:
    """Orders from a web shop (ids W..) and a till (ids T..), the same people by email or phone."""
    web = folder / "shop.csv"
    web.write_text(
        "Customer ID,Email,Phone,Order ID,Created at,Total\n"
        "W1,Ann@Example.com ,,1001,2025-01-05,50.00\n"
        "W2,bob@example.com,,1002,2025-01-06,20.00\n"
        "W3,,+33 6 12 34 56 78,1003,2025-01-07,15.00\n",
        encoding="utf-8",
    )
    till = folder / "caisse.csv"
    till.write_text(
        "Client;E-mail;Téléphone;Ticket;Date;Montant\n"
        "T7;ann@example.com;;A1;10/02/2025;5,00\n"
        "T8;;06 12 34 56 78;A2;11/02/2025;7,00\n"
        "T9;carl@example.com;;A3;13/02/2025;9,00\n",
        encoding="utf-8",
    )
    return web, till


def gzip_csv(folder: Path) -> Path:
    """A gzip-compressed CSV."""
    import gzip

    path = folder / "orders.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(",".join(r).replace("$1,200.50", "1200.50") for r in english_rows()) + "\n")
    return path


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """A ZIP archive in memory (for small crafted cases)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def ods_with_hidden_row(folder: Path) -> Path:
    """A minimal ODS (what LibreOffice writes, trimmed): a header, three rows, the second hidden."""
    cells = [
        ["Client", "Date", "Montant"],
        ["C01", "2025-01-02", "10"],
        ["C02", "2025-01-03", "20"],
        ["C01", "2025-02-01", "5"],
    ]

    def row(values: list[str], hidden: bool = False) -> str:
        attrs = ' table:visibility="collapse"' if hidden else ""
        tds = "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in values
        )
        return f"<table:table-row{attrs}>{tds}</table:table-row>"

    body = "".join(row(r, hidden=(i == 2)) for i, r in enumerate(cells))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Ventes">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    path = folder / "ventes.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", manifest)
    return path
