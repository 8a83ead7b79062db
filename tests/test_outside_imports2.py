"""A second outside check of the import: files the app had never seen (Excel's hints, old line
endings, German whole amounts, ids mangled by Excel, other tools' exports, workbooks laid out by
hand), each built here and imported end to end, and the result checked against what the shop
owner meant."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.reading.numbers import parse_numbers


def imported(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Analysis:
    """Import one file written here; the row account must balance."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert analysis.account.balanced
    return analysis


def column(analysis: Analysis, name: str) -> list:
    ordered = analysis.transactions.sort_values([schema.T_SOURCE, schema.T_SOURCE_ROW])
    return ordered[name].tolist()


def amounts(analysis: Analysis) -> list[float]:
    return column(analysis, schema.T_AMOUNT)


def days(analysis: Analysis, fmt: str = "%Y-%m-%d") -> list[str]:
    ordered = analysis.transactions.sort_values([schema.T_SOURCE, schema.T_SOURCE_ROW])
    return ordered[schema.T_DATE].dt.strftime(fmt).tolist()


def warnings(analysis: Analysis) -> str:
    return "\n".join(w for inp in analysis.inputs for w in inp.warnings)


# --- German whole amounts: "1.234" with a thousands point ----------------------------------------


def test_whole_amounts_with_a_thousands_point_beside_comma_decimals(tmp_path):
    # The unit price shows the file's comma decimals; the total is written without decimals.
    content = (
        "Kundennummer;Bestelldatum;Menge;Einzelpreis;Betrag\n"
        "K1;03.01.2026;2;617,00;1.234\nK2;14.02.2026;1;2.500,00;2.500\nK1;25.03.2026;1;850,00;850\n"
    )
    analysis = imported(tmp_path, "de.csv", content)
    assert amounts(analysis) == [1234.0, 2500.0, 850.0]
    text = warnings(analysis)
    assert "Column Betrag: values like 1.234 were read as 1234" in text
    assert "decimals with a comma" in text


def test_whole_amounts_with_a_thousands_point_and_dotted_dates(tmp_path):
    # No column writes decimals at all: the dd.mm.yyyy dates tell the locale.
    content = (
        "Kundennummer;Bestelldatum;Betrag\nK1;03.01.2026;1.234\nK2;14.02.2026;2.500\nK1;25.03.2026;850\n"
    )
    analysis = imported(tmp_path, "ganz.csv", content)
    assert amounts(analysis) == [1234.0, 2500.0, 850.0]
    assert "dates as dd.mm.yyyy" in warnings(analysis)


def test_the_thousands_point_warning_in_french(tmp_path):
    content = "Kundennummer;Bestelldatum;Betrag\nK1;03.01.2026;1.234\nK2;14.02.2026;-2.500\n"
    path = tmp_path / "ganz.csv"
    path.write_text(content, encoding="utf-8")
    analysis = Analysis(lang="fr")
    import_files(analysis, [str(path)])
    assert amounts(analysis) == [1234.0, -2500.0]
    assert "Colonne Betrag : les valeurs comme 1.234 ont été lues 1234" in warnings(analysis)
    assert "jj.mm.aaaa" in warnings(analysis)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # An English file: ISO dates, prices with three decimals (fuel, per-gram prices).
        ("Customer,Date,Weight,Price\nK1,2026-01-03,1.5,1.234\nK2,2026-02-14,2.0,2.500\n", [1.234, 2.5]),
        # A Swiss file: dotted dates, but the other money column writes a decimal point.
        ("Kunde;Datum;Rabatt;Betrag\nK1;03.01.2026;1.50;1.234\nK2;14.02.2026;0.00;2.500\n", [1.234, 2.5]),
        # Slashed day-first dates say nothing (the UK writes them and a decimal point).
        ("Customer,Date,Amount\nK1,03/01/2026,1.234\nK2,14/02/2026,2.500\n", [1.234, 2.5]),
        # A value with other than three digits after the point is a decimal.
        ("Kunde;Datum;Betrag\nK1;03.01.2026;1.234\nK2;14.02.2026;2.5\n", [1.234, 2.5]),
    ],
)
def test_a_point_stays_decimal_without_the_evidence(tmp_path, content, expected):
    analysis = imported(tmp_path, "en.csv", content)
    assert amounts(analysis) == expected
    assert "(a point between thousands)" not in warnings(analysis)


def test_file_decimal_reads_each_column_once():
    from segmenter_app.core.reading.numbers import FileDecimal

    frame = pd.DataFrame(
        {
            "Preis": pd.array(["617,00", "2.500,00"], dtype="str"),
            "Betrag": pd.array(["1.234", "2.500"], dtype="str"),
        }
    )
    context = FileDecimal(frame)
    assert context.decide() == (",", "comma")
    result = parse_numbers(frame["Betrag"], context=context)
    assert result.values.tolist() == [1234.0, 2500.0]
    assert (result.decimal_source, result.example) == ("file", "1.234")
    # Without the context (a value read alone), the point stays a decimal point.
    assert parse_numbers(frame["Betrag"]).values.tolist() == [1.234, 2.5]


# --- Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Unix timestamps, in seconds and in milliseconds, read in UTC (like ISO dates ending in Z).
        (["1709632800", "1709719200"], ["2024-03-05 10:00", "2024-03-06 10:00"]),
        (["1709632800123", "1712311200000"], ["2024-03-05 10:00", "2024-04-05 10:00"]),
        # A weekday before a numeric date.
        (["Di 05.03.2024", "Mo., 18.03.2024 10:30"], ["2024-03-05 00:00", "2024-03-18 10:30"]),
        (["mar. 05/03/2024", "lun. 18/03/2024 14h05"], ["2024-03-05 00:00", "2024-03-18 14:05"]),
        # Already read: ISO with a zone, French month and weekday names, two-digit years, "10h30".
        (["2024-03-05T10:00:00Z", "2024-03-05T23:30:00+01:00"], ["2024-03-05 10:00", "2024-03-05 23:30"]),
        (["5 mars 2024", "mardi 5 mars 2024", "1er mai 2024"], ["2024-03-05 00:00", "2024-03-05 00:00", "2024-05-01 00:00"]),
        (["05-03-24", "17-03-24"], ["2024-03-05 00:00", "2024-03-17 00:00"]),
        (["05/03/2024 10h30", "17/03/2024 9h05"], ["2024-03-05 10:30", "2024-03-17 09:05"]),
        # A word between the date and the time; German and place-named time zones.
        (["05/03/2024 à 10:30", "17/03/2024 à 09:05"], ["2024-03-05 10:30", "2024-03-17 09:05"]),
        (["05.03.2024 um 10:30", "17.03.2024 10:30:00 MESZ"], ["2024-03-05 10:30", "2024-03-17 10:30"]),
        (["2024-03-05 10:00:00 Europe/Paris", "2024-03-06 10:00:00 MEZ"], ["2024-03-05 10:00", "2024-03-06 10:00"]),
    ],
)  # fmt: skip
def test_date_forms_of_shop_tools(values, expected):
    from segmenter_app.core.reading.dates import parse_dates

    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected
    assert not result.unreadable.any()


def test_unix_timestamps_are_not_taken_for_other_numbers():
    from segmenter_app.core.reading.dates import parse_dates

    # Excel serials and yyyymmdd keep their reading; an 11-digit number is no date.
    result = parse_dates(pd.Series(["46025", "20240305", "12345678901"], dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d").tolist()[:2] == ["2026-01-03", "2024-03-05"]
    assert result.unreadable.tolist() == [False, False, True]
    # A workbook column of whole numbers.
    typed = parse_dates(pd.Series([1709632800, 1709719200], dtype="int64"))
    assert typed.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2024-03-05 10:00", "2024-03-06 10:00"]


def test_a_web_shop_database_export_with_unix_timestamps(tmp_path):
    content = "customer_id,timestamp,amount\nC1,1709632800,10.00\nC2,1709719200,12.00\nC1,1712311200,5.50\n"
    analysis = imported(tmp_path, "db.csv", content)
    assert analysis.inputs[0].mapping["timestamp"] == schema.ORDER_DATE
    assert analysis.account.kept == 3
    assert days(analysis) == ["2024-03-05", "2024-03-06", "2024-04-05"]


# --- Exports of other tools ----------------------------------------------------------------------


def tool_file(tmp_path: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Analysis:
    return imported(tmp_path, name, "\n".join(lines) + "\n", encoding)


def test_hiboutik_sales_lines(tmp_path):
    analysis = tool_file(tmp_path, "hiboutik.csv", [
        "ID vente;Date;Heure;ID client;Client;Vendeur;Produit;Code barre;Quantité;Prix unitaire TTC;Remise;Total TTC;Moyen de paiement;Boutique",
        "1201;05/03/2024;10:31;42;Dupont Marie;Julie;Bougie figue;3760001;2;14,90;0,00;29,80;CB;Centre",
        "1201;05/03/2024;10:31;42;Dupont Marie;Julie;Sac kraft;3760002;1;0,50;0,00;0,50;CB;Centre",
        "1202;17/03/2024;16:02;;;Julie;Savon;3760003;1;6,50;0,65;5,85;ESP;Centre",
        "1203;02/04/2024;11:15;57;Martin Paul;Léo;Diffuseur;3760004;1;1 249,00;0,00;1 249,00;CB;Centre",
    ], "cp1252")  # fmt: skip
    mapping = analysis.inputs[0].mapping
    assert mapping["ID vente"] == schema.ORDER_ID and mapping["ID client"] == schema.CUSTOMER_ID
    assert mapping["Total TTC"] == schema.AMOUNT
    assert analysis.account.excluded == {"no_customer_id": 1}  # the anonymous till sale
    assert amounts(analysis) == [29.8, 0.5, 1249.0]
    assert column(analysis, schema.T_ORDER) == ["1201", "1201", "1203"]


@pytest.mark.parametrize(
    ("name", "lines", "order_column", "orders"),
    [
        # Lightspeed Restaurant: the receipt is the order.
        ("lsrestaurant.csv", [
            "Receipt ID;Date;Time;Table;Covers;Staff;Customer;Customer email;Item;Quantity;Amount;Tax",
            "R-1;05.03.2024;19:45;12;2;Tom;Marie Dupont;marie@ex.fr;Menu du jour;2;38,00;3,45",
            "R-2;17.03.2024;20:10;4;4;Tom;Paul Martin;paul@ex.fr;Menu gastro;4;196,00;17,82",
        ], "Receipt ID", ["R-1", "R-2"]),
        # Sage invoices and a credit note (avoir), cp1252, two-digit years.
        ("sage.csv", [
            "N° pièce;Date;Code client;Intitulé client;Montant HT;TVA;Montant TTC",
            "FA00012;05/03/24;CDUPONT;DUPONT SARL;1 000,00;200,00;1 200,00",
            "FA00013;17/03/24;CMARTIN;MARTIN SAS;2 500,00;500,00;3 000,00",
        ], "N° pièce", ["FA00012", "FA00013"]),
        # Etsy's sold items: the order id, not the item's transaction id, makes an order.
        ("etsy.csv", [
            "Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Discount Amount,Item Total,Currency,Transaction ID,Order ID,SKU",
            "03/05/24,Ceramic mug,marie1234,2,18.00,SPRING10,3.60,32.40,EUR,311,2001,MUG-1",
            "03/17/24,Vase,paulm,1,45.00,,0.00,45.00,EUR,312,2002,VASE-1",
        ], "Order ID", ["2001", "2002"]),
    ],
)  # fmt: skip
def test_order_numbers_of_other_tools(tmp_path, name, lines, order_column, orders):
    analysis = tool_file(tmp_path, name, lines, "cp1252" if name == "sage.csv" else "utf-8")
    assert analysis.inputs[0].mapping[order_column] == schema.ORDER_ID
    assert column(analysis, schema.T_ORDER) == orders
    assert days(analysis) == ["2024-03-05", "2024-03-17"]
    assert amounts(analysis)[1] in (196.0, 3000.0, 45.0)


def test_etsy_items_of_one_order_count_as_one_order(tmp_path):
    analysis = tool_file(tmp_path, "etsy.csv", [
        "Sale Date,Item Name,Buyer,Quantity,Price,Item Total,Transaction ID,Order ID",
        "03/05/24,Ceramic mug,marie1234,1,18.00,18.00,311,2001",
        "03/05/24,Vase,marie1234,1,45.00,45.00,312,2001",
    ])  # fmt: skip
    assert column(analysis, schema.T_ORDER) == ["2001", "2001"]


def test_a_bare_id_after_a_slash_is_no_customer():
    from segmenter_app.core.reading.roles import detect_roles

    frame = pd.DataFrame({c: pd.array(["x", "y"], dtype="str") for c in ["Order Lines/ID", "Customer"]})
    assert detect_roles(frame)["Customer"].role == schema.CUSTOMER_ID


def test_odoo_order_lines_export(tmp_path):
    # Odoo names the lines' fields "Order Lines/Product"; the order's total is on its first line.
    analysis = tool_file(tmp_path, "odoo.csv", [
        "Order Reference,Order Date,Customer,Order Lines/Product,Order Lines/Quantity,Order Lines/Unit Price,Total",
        "S00012,2024-03-05 10:31:22,Azure Interior,[FURN_8888] Office Lamp,2.00,40.00,125.00",
        ",,,[FURN_7777] Office Chair,1.00,45.00,",
        "S00013,2024-03-17 16:02:10,Deco Addict,[FURN_7777] Office Chair,3.00,45.00,135.00",
    ])  # fmt: skip
    mapping = analysis.inputs[0].mapping
    assert mapping["Order Lines/Product"] == schema.PRODUCT
    assert mapping["Order Lines/Quantity"] == schema.QUANTITY
    assert amounts(analysis) == [125.0, 135.0]
    assert column(analysis, schema.T_PRODUCT) == ["[FURN_8888] Office Lamp", "[FURN_7777] Office Chair"]


# --- Identifiers as Excel leaves them ------------------------------------------------------------


def test_ids_excel_wrote_in_scientific_notation_or_with_spaces(tmp_path):
    content = (
        "Customer ID,Date,Amount\n"
        "1.7850E+04,2026-01-03,10.00\n17850,2026-01-04,12.00\n"
        '"12 345",2026-01-05,5.00\n12345,2026-01-06,7.00\n'
        "1.23457E+11,2026-01-07,8.00\n'00042,2026-01-08,9.00\n"
    )
    analysis = imported(tmp_path, "ids.csv", content)
    # A rounded long id (1.23457E+11) lost its digits: left as written, not made up.
    assert column(analysis, schema.T_CUSTOMER) == ["17850", "17850", "12345", "12345", "1.23457E+11", "00042"]


def test_customers_matched_across_files_on_untidy_emails_and_phones(tmp_path):
    shop = tmp_path / "boutique.csv"
    shop.write_text(
        "Client;Email;Téléphone;Date;Montant\n"
        "C1;Marie.Dupont@Orange.FR.;06 12 34 56 78;03/01/2026;10,00\n"
        "C2;Paul Martin <PAUL@free.fr>;01.23.45.67.89;14/01/2026;12,00\n"
        "C3;;'0699887766;20/01/2026;5,00\n",
        encoding="utf-8",
    )
    web = tmp_path / "web.csv"
    web.write_text(
        "Customer,Email,Phone,Date,Amount\n"
        "X1,marie.dupont@orange.fr,+33 6 12 34 56 78,2026-02-03,20.00\n"
        "X2,mailto:paul@free.fr,0033 1 23 45 67 89,2026-02-04,22.00\n"
        "X3,,'+33699887766,2026-02-05,1.00\n",
        encoding="utf-8",
    )
    analysis = Analysis()
    import_files(analysis, [str(shop), str(web)])
    assert analysis.account.balanced and analysis.account.kept == 6
    assert column(analysis, schema.T_CUSTOMER) == ["C1", "C2", "C3", "C1", "C2", "C3"]
    matches = analysis.inputs[0].details["matches"]
    assert sorted(m["customer_id"] for m in matches) == ["C1", "C2", "C3"]


def test_shopify_customers_export_with_excel_text_prefixes(tmp_path):
    # Shopify's customers export writes "'" before ids, postcodes and phones, for Excel.
    customers = tmp_path / "customers_export.csv"
    customers.write_text(
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address City,"
        "Default Address Country Code,Default Address Zip,Phone,Accepts SMS Marketing,Total Spent,Total Orders\n"
        "'7263549128,Marie,Dupont,marie@ex.fr,yes,Lyon,FR,'69001,'+33612345678,no,1249.00,3\n"
        "'7263549129,Paul,Martin,paul@ex.fr,no,Paris,FR,'75011,,no,29.80,1\n",
        encoding="utf-8",
    )
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "Customer,Phone,Date,Amount\nA1,+33 6 12 34 56 78,2026-02-03,20.00\nA2,06 99 88 77 66,2026-02-04,5.00\n",
        encoding="utf-8",
    )
    analysis = Analysis()
    import_files(analysis, [str(customers), str(orders)])
    attributes = analysis.customer_attributes
    assert "7263549128" in attributes.index
    assert attributes.loc["7263549128", schema.POSTCODE] == "69001"
    assert attributes.loc["7263549128", schema.CONSENT] == True  # noqa: E712
    # The phone with its prefix matches the orders file's customer.
    assert column(analysis, schema.T_CUSTOMER)[0] == "7263549128"


# --- Text files as old tills and Excel write them ------------------------------------------------


ORDERS = "Client;Date;Montant\nK1;03/01/2026;12,50\nK2;14/02/2026;8,00\nK1;25/03/2026;1 234,56\n"


@pytest.mark.parametrize(
    "content",
    [
        # Excel's delimiter hint on the first line, with and without a BOM, and in a cp1252 file.
        ("sep=;\n" + ORDERS).encode(),
        b"\xef\xbb\xbf" + ("sep=;\n" + ORDERS).encode(),
        ("sep=;\r\n" + ORDERS.replace("\n", "\r\n")).encode("cp1252"),
        # Old Mac line ends, mixed line ends, no line end at the end.
        ORDERS.replace("\n", "\r").encode(),
        ORDERS.replace("\n", "\r\n", 2).encode(),
        ORDERS.rstrip("\n").encode(),
        # A delimiter at the end of every line.
        ORDERS.replace("\n", ";\n").encode(),
        # NUL bytes: padding after fields, and zeros a crash left at the end.
        ORDERS.replace("K1;", "K1\x00\x00;").encode(),
        ORDERS.encode() + b"\x00" * 300,
    ],
)
def test_text_layouts_give_the_same_orders(tmp_path, content):
    analysis = imported(tmp_path, "caisse.csv", content)
    assert analysis.account.kept == 3
    assert amounts(analysis) == [12.5, 8.0, 1234.56]
    assert days(analysis) == ["2026-01-03", "2026-02-14", "2026-03-25"]
    assert column(analysis, schema.T_CUSTOMER) == ["K1", "K2", "K1"]


def test_a_comma_hint_with_semicolons_and_line_breaks_in_quoted_values(tmp_path):
    content = (
        'sep=,\nClient,Adresse,Produit,Date,Montant\nK1,"1; rue X","Thé, vert\n500 g",03/01/2026,12.50\n'
        'K2,"2; rue Y","Café ""bio""",14/02/2026,8.00\n'
    )
    analysis = imported(tmp_path, "hint.csv", content)
    assert analysis.inputs[0].delimiter == ","
    assert column(analysis, schema.T_PRODUCT) == ["Thé, vert\n500 g", 'Café "bio"']
    assert amounts(analysis) == [12.5, 8.0]


@pytest.mark.parametrize(
    "head",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00" + bytes(range(256)) * 4,
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01" + bytes(range(1, 256)) * 8,
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program",
    ],
)  # fmt: skip
def test_binary_files_are_still_refused(tmp_path, head):
    from segmenter_app.core.i18n import UserError

    path = tmp_path / "export.csv"
    path.write_bytes(head)
    with pytest.raises(UserError) as error:
        import_files(Analysis(), [str(path)])
    assert "binary data" in str(error.value)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # A dash for the cents: a whole amount, not a negative one (German, Austrian, Swiss prices).
        (["25,-", "1.234,–", "12,50"], [25.0, 1234.0, 12.5]),
        (["25,-- €", "3,50 €"], [25.0, 3.5]),
        (["CHF 1'234.–", "CHF 12.50"], [1234.0, 12.5]),
        # A trailing minus without a separator before it stays a negative (SAP, accounting tools).
        (["1.234-", "12,50"], [-1234.0, 12.5]),
        # French tax words after the amount.
        (["12,50 € TTC", "10,42 HT", "1 200,00 TVAC"], [12.5, 10.42, 1200.0]),
    ],
)
def test_amounts_written_for_people(values, expected):
    result = parse_numbers(pd.Series(values, dtype="str"))
    assert result.values.tolist() == expected
    assert not result.unreadable.any()


# --- Workbooks laid out by hand ------------------------------------------------------------------


def hand_made_workbook(path: Path) -> Path:
    """A merged title, the table from C5 with an autofilter, a hidden column, ids typed as text
    (Excel's apostrophe), a percent column, dates typed as dates in some rows and as text in
    others, and a totals row with a formula."""
    import datetime as dt

    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Export")
    ws.merge_range("A1:F1", "Export clients - 1er trimestre", wb.add_format({"bold": True}))
    ws.write(2, 0, "Boutique : Centre")
    percent, day, text = (wb.add_format({"num_format": f}) for f in ("0%", "dd/mm/yyyy", "@"))
    prefixed = wb.add_format({"quote_prefix": True})
    ws.write_row(4, 2, ["Code client", "Date", "Montant", "Taux remise", "Téléphone", "Note interne"])
    rows = [
        ("00042", dt.datetime(2024, 3, 5, 10, 30), 29.8, 0.1, "0612345678"),
        ("00057", "17/03/2024", 1249.0, 0, "+33 6 99 88 77 66"),
        ("00042", dt.datetime(2024, 4, 2), 12.5, 0.15, "06 12 34 56 78"),
    ]
    for i, (client, when, amount, rate, phone) in enumerate(rows, start=5):
        ws.write_string(i, 2, client, prefixed)
        if isinstance(when, str):
            ws.write_string(i, 3, when, text)
        else:
            ws.write_datetime(i, 3, when, day)
        ws.write_number(i, 4, amount)
        ws.write_number(i, 5, rate, percent)
        ws.write_string(i, 6, phone, prefixed)
        ws.write_string(i, 7, "ok")
    ws.write(8, 2, "Total")
    ws.write_formula(8, 4, "=SUM(E6:E8)", None, 1291.3)
    ws.autofilter(4, 2, 7, 7)
    ws.set_column("H:H", None, None, {"hidden": True})
    wb.close()
    return path


def test_hand_made_workbook_through_the_command_line(tmp_path):
    import json

    from segmenter_app.cli import main

    path = hand_made_workbook(tmp_path / "export.xlsx")
    report = tmp_path / "report.json"
    assert main(["segment", str(path), "--out", str(tmp_path / "out.xlsx"), "--report", str(report)]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    inp = data["inputs"][0]
    assert inp["header_row"] == 5 and inp["sheet"] == "Export"
    assert inp["mapping"]["Code client"] == schema.CUSTOMER_ID
    assert inp["mapping"]["Date"] == schema.ORDER_DATE and inp["mapping"]["Montant"] == schema.AMOUNT
    assert inp["account"] == {"read": 4, "kept": 3, "excluded": {"total_row": 1}}
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert column(analysis, schema.T_CUSTOMER) == ["00042", "00057", "00042"]
    assert days(analysis, "%Y-%m-%d %H:%M") == ["2024-03-05 10:30", "2024-03-17 00:00", "2024-04-02 00:00"]
    assert amounts(analysis) == [29.8, 1249.0, 12.5]
    assert column(analysis, schema.T_DISCOUNT) == [0.1, 0.0, 0.15]
    assert analysis.transactions.sort_values(schema.T_SOURCE_ROW)[schema.T_SOURCE_ROW].tolist() == [6, 7, 8]


@pytest.mark.parametrize("line_end", ["\r", "\n"])
def test_excel_for_mac_csv_in_mac_roman(tmp_path, line_end):
    # Excel for Mac's "CSV" is written in Mac Roman: é is 0x8E, è 0x8F, ç 0x8D (cp1252 has
    # Ž and holes there), with CR line ends in older versions.
    lines = ["Client;Ville;Date;Montant", "K1;Besançon;03/01/2026;12,50", "K2;Orléans;14/02/2026;8,00",
             "K3;Pérols;15/02/2026;9,00", "K1;Besançon;25/03/2026;20,00"]  # fmt: skip
    analysis = imported(tmp_path, "mac.csv", (line_end.join(lines) + line_end).encode("mac_roman"))
    assert analysis.inputs[0].encoding == "mac_roman"
    assert analysis.customer_attributes.loc[["K1", "K2", "K3"], schema.CITY].tolist() == [
        "Besançon", "Orléans", "Pérols"
    ]  # fmt: skip
    assert amounts(analysis) == [12.5, 8.0, 9.0, 20.0]


@pytest.mark.parametrize(
    "text",
    [
        "Client;Montant\rK1;12,50 €\rK2;8,00 €\r",  # Windows text with CR alone: its € stays a €
        "Client;Ville\nK1;cœur 12,50 €\nK2;“Orléans” – y\n",
        "Kunde;Ort\nK1;Köln\nK2;Düsseldorf\n",
    ],
)
def test_windows_text_is_not_taken_for_mac_roman(text):
    from segmenter_app.core.reading.text import detect_encoding

    assert detect_encoding(text.encode("cp1252")) == "cp1252"


def test_whole_amounts_with_a_thousands_comma_beside_point_decimals(tmp_path):
    # The other way round: an English export whose unit prices show point decimals.
    content = (
        "Customer,Date,Qty,Unit price,Total\n"
        'K1,2026-01-03,2,617.00,"1,234"\nK2,2026-02-14,1,"2,500.00","2,500"\nK1,2026-03-25,1,850.00,850\n'
    )
    analysis = imported(tmp_path, "en.csv", content)
    assert amounts(analysis) == [1234.0, 2500.0, 850.0]
    assert "Column Total: values like 1,234 were read as 1234 (a comma between thousands)" in warnings(
        analysis
    )
    # Without another column to tell, "1,234" keeps the French decimal comma.
    alone = imported(tmp_path, "fr.csv", 'Client,Date,Total\nK1,2026-01-03,"1,234"\nK2,2026-02-14,"2,500"\n')
    assert amounts(alone) == [1.234, 2.5]


def test_a_zero_before_the_point_is_never_thousands(tmp_path):
    content = "Kunde;Datum;Betrag\nK1;03.01.2026;0.850\nK2;14.02.2026;1.250\n"
    assert amounts(imported(tmp_path, "de.csv", content)) == [0.85, 1.25]


def test_a_row_with_an_extra_field_does_not_make_decimal_commas_the_delimiter(tmp_path):
    # Split on commas, every line but the header gives two fields ("K1;03/01/2024;12" and "50"):
    # more regular than the semicolons once one row carries a note.
    content = "Client;Date;Montant\nK1;03/01/2024;12,50;note\nK2;14/02/2024;8,00\nK1;25/03/2024;20,00\n"
    analysis = imported(tmp_path, "note.csv", content)
    assert analysis.inputs[0].delimiter == ";"
    assert amounts(analysis) == [8.0, 20.0]
    assert analysis.account.excluded == {"malformed_row": 1}  # set aside with its text, and said


def test_delimiters_of_plain_files_are_unchanged():
    from segmenter_app.core.reading.text import detect_delimiter

    assert detect_delimiter(["a,b,c", "1,2,3", "4,5,6"]) == ","
    assert detect_delimiter(["17850,12,3.5", "17851,1,2.5"]) == ","
    assert detect_delimiter(["Client,Montant", 'K1,"12,50"', 'K2,"8,00"']) == ","
    assert detect_delimiter(["Client;Montant", "K1;12,50", "K2;8,00"]) == ";"


@pytest.mark.parametrize(
    "head",
    [
        # A line of information wider than the table, above it.
        "Boutique;Centre;Période;T1 2024\n\n",
        "Boutique;Centre;Période;T1 2024;Caisse;2\n",
        # Key and value lines.
        "Boutique;Centre\nPériode;T1 2024\n",
    ],
)
def test_information_lines_above_the_header(tmp_path, head):
    content = head + "Client;Date;Montant\nK1;03/01/2024;12,50\nK2;14/02/2024;8,00\nK1;25/03/2024;20,00\n"
    analysis = imported(tmp_path, "infos.csv", content)
    assert analysis.inputs[0].mapping["Client"] == schema.CUSTOMER_ID
    assert amounts(analysis) == [12.5, 8.0, 20.0]


def test_a_header_wider_than_its_values_stays_the_header(tmp_path):
    # The "Note" column is empty on every row of values; a row of text comes after them.
    content = "Client;Produit;Note;Montant\nK1;Thé;;12,50\nK2;Café;cadeau;\nK1;Thé;;8,00\n"
    analysis = imported(tmp_path, "notes.csv", content)
    assert analysis.inputs[0].header_row == 1
    assert analysis.inputs[0].mapping["Montant"] == schema.AMOUNT


def test_woocommerce_orders_in_french_with_a_refunded_order(tmp_path):
    analysis = tool_file(tmp_path, "woo.csv", [
        '"Numéro de commande","Statut de la commande","Date de commande","Prénom (facturation)","Nom (facturation)","E-mail (facturation)","Total de la commande"',
        '"1201","Terminée","2024-03-05 10:31","Marie","Dupont","marie@ex.fr","34,70"',
        '"1202","Remboursée","2024-03-17 16:02","Paul","Martin","paul@ex.fr","45,00"',
        '"1203","En cours","2024-04-02 11:15","Marie","Dupont","marie@ex.fr","12,40"',
    ])  # fmt: skip
    mapping = analysis.inputs[0].mapping
    assert mapping["Statut de la commande"] == "status" and mapping["Nom (facturation)"] == schema.LAST_NAME
    assert analysis.account.excluded == {"cancelled_order": 1}
    assert amounts(analysis) == [34.7, 12.4]


def test_sumup_transactions_in_french(tmp_path):
    analysis = tool_file(tmp_path, "sumup.csv", [
        "ID de transaction;Date;Heure;Type;Statut;Description;Quantité;Montant total;Frais;Adresse e-mail du client",
        "TEENQ2;05/03/2024;10:31;Vente;Réussie;Bougie;2;29,80;-0,52;marie@ex.fr",
        "TEENQ4;05/03/2024;16:20;Vente;Réussie;Savon;1;6,50;-0,11;marie@ex.fr",
    ])  # fmt: skip
    # Two sales the same day are two orders.
    assert column(analysis, schema.T_ORDER) == ["TEENQ2", "TEENQ4"]
    assert amounts(analysis) == [29.8, 6.5]


def test_a_german_customers_file_keeps_its_whole_amounts(tmp_path):
    customers = tmp_path / "kunden.csv"
    customers.write_text(
        "Kundennummer;E-Mail;Geburtsdatum;Treuepunkte;Rabatt\n"
        "K1;a@b.de;03.01.1980;1.234;2,5\nK2;c@d.de;14.02.1975;2.500;0,0\n",
        encoding="utf-8",
    )
    orders = tmp_path / "bestellungen.csv"
    orders.write_text(
        "Kundennummer;Bestelldatum;Betrag\nK1;03.01.2026;12,50\nK2;14.02.2026;8,00\n", encoding="utf-8"
    )
    analysis = Analysis()
    import_files(analysis, [str(customers), str(orders)])
    assert analysis.customer_attributes.loc[["K1", "K2"], "Treuepunkte"].tolist() == [1234.0, 2500.0]
    assert "Column Treuepunkte: values like 1.234 were read as 1234" in warnings(analysis)


def test_line_breaks_inside_header_cells_become_spaces(tmp_path):
    import openpyxl

    content = 'Client;"Date de\ncommande";"Montant\n(TTC)"\nK1;03/01/2024;"12,50"\nK2;14/02/2024;8,00\n'
    analysis = imported(tmp_path, "entete.csv", content)
    assert list(analysis.inputs[0].mapping) == ["Client", "Date de commande", "Montant (TTC)"]
    assert amounts(analysis) == [12.5, 8.0]
    # Typed with Alt+Enter in an Excel header.
    wb = openpyxl.Workbook()
    wb.active.append(["N° client", "Date de\ncommande", "Montant\r\nTTC"])
    wb.active.append(["K1", "03/01/2024", 12.5])
    wb.active.append(["K2", "14/02/2024", 8.0])
    wb.save(tmp_path / "entete.xlsx")
    book = Analysis()
    import_files(book, [str(tmp_path / "entete.xlsx")])
    assert list(book.inputs[0].mapping) == ["N° client", "Date de commande", "Montant TTC"]


@pytest.mark.parametrize(
    ("units", "names"),
    [
        (";;(€);(pcs)", ["Montant (€)", "Quantité (pcs)"]),
        (";;EUR;u", ["Montant EUR", "Quantité u"]),
    ],
)
def test_a_row_of_units_under_the_header(tmp_path, units, names):
    content = f"Client;Date;Montant;Quantité\n{units}\nK1;03/01/2024;12,50;1\nK2;14/02/2024;8,00;2\n"
    analysis = imported(tmp_path, "unites.csv", content)
    mapping = analysis.inputs[0].mapping
    assert mapping[names[0]] == schema.AMOUNT and mapping[names[1]] == schema.QUANTITY
    assert analysis.account.read == 2 and analysis.account.kept == 2
    assert amounts(analysis) == [12.5, 8.0]


def test_a_gift_written_in_words_is_a_zero_not_an_unreadable_amount(tmp_path):
    content = "Client;Date;Produit;Quantité;Montant\nK1;03/01/2024;Thé;1;12,50\nK1;03/01/2024;Échantillon;1;Offert\nK2;14/02/2024;Café;2;gratuit\n"
    analysis = imported(tmp_path, "offert.csv", content)
    assert "could not be read" not in warnings(analysis)
    assert "unreadable_amount" not in analysis.account.excluded
    assert parse_numbers(pd.Series(["Offert", "FREE", "offre"], dtype="str")).values.tolist()[:2] == [
        0.0,
        0.0,
    ]
    assert parse_numbers(pd.Series(["offre"], dtype="str")).unreadable.tolist() == [True]


def test_phone_numbers_excel_typed_as_numbers_match_the_same_customers(tmp_path):
    import openpyxl

    # The customer list's phone column is a number column: Excel dropped the 0 and the "+".
    wb = openpyxl.Workbook()
    wb.active.append(["Code client", "Nom", "Téléphone"])
    wb.active.append(["A1", "Dupont", 612345678])
    wb.active.append(["A2", "Martin", 33699887766])
    wb.save(tmp_path / "clients.xlsx")
    (tmp_path / "ventes.csv").write_text(
        "Client;Téléphone;Date;Montant\nX1;06 12 34 56 78;03/01/2026;10,00\nX2;+33 6 99 88 77 66;14/01/2026;12,00\n"
        "X1;612345678.0;20/01/2026;5,00\n",
        encoding="utf-8",
    )
    analysis = Analysis()
    import_files(analysis, [str(tmp_path / "clients.xlsx"), str(tmp_path / "ventes.csv")])
    assert column(analysis, schema.T_CUSTOMER) == ["A1", "A2", "A1"]


def test_exports_pasted_one_under_the_other_repeat_their_header(tmp_path):
    """Three monthly exports pasted into one file bring three header rows: the two repeated ones
    are set aside as such (they were 'unreadable date'), every sale is kept."""
    header = "N° commande;Date;Client;Montant"
    blocks = [
        [header, "A1;05/01/2024;C1;10,00", "A2;06/01/2024;C2;12,50"],
        [" n° Commande ; DATE ;Client;Montant", "B1;03/02/2024;C1;8,00"],  # spaces and case differ
        [header, "C1;04/03/2024;C3;20,00", "C2;;C3;5,00"],  # a sale without a date stays that
    ]
    analysis = imported(tmp_path, "ventes.csv", "\n".join(line for block in blocks for line in block) + "\n")
    account = analysis.account
    assert account.read == 7 and account.kept == 4
    assert account.excluded == {"repeated_header": 2, "unreadable_date": 1}
    excluded = analysis.excluded
    assert excluded.loc[excluded["reason"] == "repeated_header", "source_row"].tolist() == [4, 6]
    # The repeated headers' "Date" and "Montant" are not unreadable values (the sale without a
    # date has an empty cell, a missing date, not an unreadable one).
    assert "could not be read" not in warnings(analysis)
    assert analysis.inputs[0].details["unreadable"] == {}
    french = Analysis(lang="fr")
    import_files(french, [str(tmp_path / "ventes.csv")])
    from segmenter_app.core.cleaning import REASONS

    assert REASONS("repeated_header", "fr").startswith("La ligne d'en-tête répétée")


def test_a_customer_named_like_a_column_is_not_a_header(tmp_path):
    """One cell reading like its column's name is not enough: a product called 'Date' stays."""
    content = "Client;Date;Produit;Montant\nC1;05/01/2024;Produit;10,00\nC2;06/01/2024;Date;12,00\n"
    analysis = imported(tmp_path, "v.csv", content)
    assert analysis.account.kept == 2 and analysis.account.excluded == {}


ODOO_LINES = [
    "Order Reference,Order Date,Customer,Order Lines/Product,Order Lines/Quantity,Order Lines/Unit Price",
    "S00012,2024-03-05 10:31:22,Azure Interior,[FURN_8888] Office Lamp,2.00,40.00",
    ",,,[FURN_7777] Office Chair,1.00,45.00",
    ",,,[FURN_8888] Office Lamp,1.00,40.00",
    "S00013,2024-03-17 16:02:10,Deco Addict,[FURN_7777] Office Chair,3.00,45.00",
    ",,,[FURN_7777] Office Chair,1.00,45.00",  # the same line as under S00012: not a duplicate
    "",
    ",,,[FURN_9999] Orphan line after a blank row,1.00,10.00",
]


def test_odoo_lines_under_their_order_take_its_customer_and_date(tmp_path):
    """Without an order total, each line's quantity times price is the spend: the lines below an
    order's first row were set aside as 'no customer id' and their money lost."""
    analysis = tool_file(tmp_path, "odoo.csv", ODOO_LINES)
    assert analysis.account.read == 7 and analysis.account.kept == 5
    assert analysis.account.excluded == {"no_customer_id": 1, "blank_row": 1}
    tx = analysis.transactions.sort_values(schema.T_SOURCE_ROW)
    assert tx[schema.T_ORDER].tolist() == ["S00012"] * 3 + ["S00013"] * 2
    assert tx[schema.T_CUSTOMER].tolist() == ["Azure Interior"] * 3 + ["Deco Addict"] * 2
    assert amounts(analysis) == [80.0, 45.0, 40.0, 135.0, 45.0]
    assert tx[schema.T_DATE].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-05"] * 3 + ["2024-03-17"] * 2
    assert "3 product lines written under their order's first row" in warnings(analysis)
    # The excluded rows keep the file's own (empty) cells.
    orphan = analysis.excluded[analysis.excluded["reason"] == "no_customer_id"]
    assert orphan["Customer"].isna().all() and orphan["source_row"].tolist() == [8]


def test_every_row_with_its_order_number_is_left_as_it_is(tmp_path):
    """Online Retail style: a guest sale has its order number and no customer; it is not given
    the customer of the row above."""
    content = (
        "InvoiceNo,InvoiceDate,CustomerID,Description,Quantity,UnitPrice\n"
        "536365,2010-12-01 08:26,17850,LANTERN,6,2.55\n"
        "536366,2010-12-01 08:28,,HAND WARMER,6,1.85\n"
    )
    analysis = imported(tmp_path, "retail.csv", content)
    assert analysis.account.excluded == {"no_customer_id": 1}
    assert "product line" not in warnings(analysis)


def test_a_customers_list_saved_by_excel_joins_the_orders_without_its_zeros(tmp_path):
    """The till's orders keep '00042'; the customers list went through Excel, which wrote 42:
    the files shared no id and no customer got their city or consent."""
    orders = tmp_path / "ventes.csv"
    orders.write_text(
        "Client;Date;Montant\n00042;05/01/2024;10,00\n00042;06/02/2024;12,00\n00107;07/01/2024;8,00\n"
        "A-9;08/01/2024;5,00\n",
        encoding="utf-8",
    )
    customers = tmp_path / "clients.csv"
    customers.write_text(
        "Client;Ville;Email\n42;Lyon;a@x.fr\n107;Nantes;b@x.fr\na-9;Lille;c@x.fr\n555;Paris;d@x.fr\n",
        encoding="utf-8",
    )
    analysis = Analysis()
    import_files(analysis, [str(orders), str(customers)])
    from segmenter_app.core.customers import build_customer_table

    build_customer_table(analysis)
    table = analysis.customers
    assert table.loc["00042", schema.CITY] == "Lyon" and table.loc["00107", schema.CITY] == "Nantes"
    assert table.loc["A-9", schema.CITY] == "Lille"
    assert "42" not in table.index and "107" not in table.index  # not two customers each
    listed = analysis.inputs[1]
    assert listed.details["ids_matched_loosely"] == 3
    assert any("3 customer ids of this file are written differently" in w for w in listed.warnings)
    # The matches show each file's ids as the file writes them.
    match = next(m for m in listed.details["matches"] if m["customer_id"] == "00042")
    assert match["ids"] == {"ventes.csv": ["00042"], "clients.csv": ["42"]}


def test_ids_that_could_name_two_customers_are_not_guessed(tmp_path):
    """'4' when the orders have both '004' and '4': left as it is."""
    orders = tmp_path / "ventes.csv"
    orders.write_text("Client;Date;Montant\n004;05/01/2024;10,00\n4;06/01/2024;12,00\n", encoding="utf-8")
    customers = tmp_path / "clients.csv"
    customers.write_text("Client;Ville\n0004;Lyon\n", encoding="utf-8")
    analysis = Analysis()
    import_files(analysis, [str(orders), str(customers)])
    assert "ids_matched_loosely" not in analysis.inputs[1].details


FOOTED = (
    "Client;Date;Montant\n"
    "C1;05/01/2024;10,00\n"
    "C2;;12,00\n"
    "C3;07/01/2024;8,00\n"
    "Total;;30,00\n"
    "Généré le 12/03/2024 par Hiboutik\n"
    "\n"
    "Page 1 sur 1\n"
)


def test_a_small_file_with_footer_lines_keeps_its_delimiter(tmp_path):
    """Two footer lines of one field outweighed five rows of three: the file was taken for
    space-aligned text, its header for one column, and no amount was read."""
    analysis = imported(tmp_path, "ventes.csv", FOOTED)
    assert analysis.inputs[0].delimiter == ";"
    assert analysis.inputs[0].mapping == {"Client": "customer_id", "Date": "order_date", "Montant": "amount"}
    assert amounts(analysis) == [10.0, 8.0]


def test_a_footer_line_is_said_to_be_one(tmp_path):
    """Tools write a line under the table ('Généré le ... par ...'): it was a sale with an
    'unreadable date'. A totals row stays a totals row; a sale without a date stays one."""
    analysis = imported(tmp_path, "ventes.csv", FOOTED)
    assert analysis.account.excluded == {"unreadable_date": 1, "total_row": 1, "note_row": 2, "blank_row": 1}
    excluded = analysis.excluded
    assert excluded.loc[excluded["reason"] == "note_row", "source_row"].tolist() == [6, 8]


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_small_files_between_titles_and_footers_keep_their_delimiter(tmp_path, delimiter):
    """Two title lines and two footer lines around a header and two rows outweighed the table:
    the file was read as space-aligned text and refused ('no customer column')."""
    import random

    rng = random.Random(7)
    titles = ["Ventes du 01/01/2024 au 31/01/2024", "Boutique Les Jolies Choses - Lyon", "Export des ventes"]
    footers = ["Généré le 12/03/2024 par Hiboutik", "Page 1 sur 1", "Total des ventes : 3"]
    decimal = "." if delimiter == "," else ","
    for case in range(12):
        rows = [
            f"C{case}{delimiter}0{1 + row}/01/2024{delimiter}{10 + case + row}{decimal}50" for row in range(2)
        ]
        lines = [*rng.sample(titles, 2), delimiter.join(["Client", "Date", "Montant"]), *rows]
        lines += ([""] if case % 2 else []) + rng.sample(footers, 2)
        analysis = imported(tmp_path, f"v{case}.csv", "\n".join(lines) + "\n")
        assert analysis.inputs[0].delimiter == delimiter, lines
        assert amounts(analysis) == [10.5 + case, 11.5 + case], lines


def test_a_footer_in_the_date_column_is_not_an_unreadable_date(tmp_path):
    content = (
        "Date;Client;Montant\n05/01/2024;C1;10,00\n06/01/2024;C2;12,00\nExporté le 12/03/2024 par Sumup\n"
    )
    analysis = imported(tmp_path, "ventes.csv", content)
    assert analysis.account.excluded == {"note_row": 1}
    assert "could not be read" not in warnings(analysis)
    assert analysis.inputs[0].details["unreadable"] == {}


def test_customers_whose_every_row_is_set_aside_are_said_to_be_in_no_segment(tmp_path):
    """Z3 and Z4 only took free samples: their rows were accounted as 'zero price' and they left
    the customer table without a word (customers with only returns are said)."""
    content = (
        "Client;Date;Produit;Quantité;Prix unitaire\n"
        "C1;05/01/2024;Vase;1;10,00\nC1;06/01/2024;Échantillon;1;0,00\n"
        "Z3;07/01/2024;Échantillon;1;0,00\nZ4;08/01/2024;Échantillon;2;0,00\nZ4;09/01/2024;Échantillon;1;0,00\n"
    )
    analysis = imported(tmp_path, "ventes.csv", content)
    assert analysis.account.excluded == {"zero_price": 4}
    text = warnings(analysis)
    assert "2 customers appear in this file only in rows set aside (zero or missing price)" in text
    french = Analysis(lang="fr")
    import_files(french, [str(tmp_path / "ventes.csv")])
    assert any(
        w.startswith("2 clients n'apparaissent dans ce fichier") and "prix nul ou absent" in w
        for w in french.inputs[0].warnings
    )
