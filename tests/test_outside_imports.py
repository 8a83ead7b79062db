"""Exports the corpus never had (other locales, other tools), each built here and imported end to end:
the row account balances and the amounts, dates and customers are what the file holds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files
from segmenter_app.core.reading.numbers import parse_numbers


def imported(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Analysis:
    """Import one file written here; the row account must balance."""
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert analysis.account.balanced
    return analysis


def amounts(analysis: Analysis) -> list[float]:
    return analysis.transactions.sort_values(schema.T_SOURCE_ROW)[schema.T_AMOUNT].tolist()


def dates(analysis: Analysis) -> list[str]:
    ordered = analysis.transactions.sort_values(schema.T_SOURCE_ROW)
    return ordered[schema.T_DATE].dt.strftime("%Y-%m-%d %H:%M").tolist()


# --- Numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Swiss software types the thousands apostrophe as a right single quotation mark.
        (["CHF 1’234.50", "CHF 12.00", "-45.90"], [1234.5, 12.0, -45.9]),
        # Local currency marks after or before the amount.
        (["1 234,56 kr", "12,00 kr"], [1234.56, 12.0]),
        (["1.234,56 zł", "3,00 zł"], [1234.56, 3.0]),
        (["R$ 1.234,56", "R$ 3,00"], [1234.56, 3.0]),
        (["Rs. 1,234.50", "Rs. 3.00"], [1234.5, 3.0]),
        (["1.234,56 SEK", "2 500,00 PLN"], [1234.56, 2500.0]),
        # India's lakh grouping.
        (["₹1,23,456.78", "₹12,345.00", "₹1,23,45,678.00"], [123456.78, 12345.0, 12345678.0]),
        # Whole amounts in a point-decimal currency: the comma is a thousands separator.
        (["¥123,400", "¥1,250", "¥4,590,000"], [123400.0, 1250.0, 4590000.0]),
        (["$1,250", "$12,500"], [1250.0, 12500.0]),
        # A comma repeated between groups of three is a thousands separator whatever the currency.
        (["4,590,000", "1,250"], [4590000.0, 1250.0]),
        (["4.590.000", "1.250"], [4590000.0, 1250.0]),
    ],
)
def test_amounts_of_other_countries(values, expected):
    result = parse_numbers(pd.Series(values, dtype="str"))
    assert result.values.tolist() == pytest.approx(expected)
    assert not result.unreadable.any()


def test_a_french_ambiguous_comma_stays_a_decimal():
    # Without a point-decimal currency, "1,250" alone keeps meaning 1.25 (the French convention).
    assert parse_numbers(pd.Series(["1,250", "12,5"], dtype="str")).values.tolist() == [1.25, 12.5]


def test_swiss_shop_with_typographic_apostrophes(tmp_path):
    content = "Kunde;Datum;Betrag\nK1;03.01.2026;CHF 1’234.56\nK2;14.02.2026;CHF 45.90\nK1;25.03.2026;CHF 2’500.00\n"
    analysis = imported(tmp_path, "ch.csv", content)
    assert analysis.account.kept == 3
    assert amounts(analysis) == [1234.56, 45.9, 2500.0]


def test_indian_shop_lakh_amounts(tmp_path):
    content = (
        "Customer,Date,Amount\n"
        'K1,03-01-2026,"₹1,23,456.00"\n'
        'K2,14-02-2026,"₹4,590.00"\n'
        'K1,25-03-2026,"₹12,50,000.00"\n'
    )
    analysis = imported(tmp_path, "in.csv", content)
    assert analysis.account.kept == 3
    assert amounts(analysis) == [123456.0, 4590.0, 1250000.0]
    assert dates(analysis) == ["2026-01-03 00:00", "2026-02-14 00:00", "2026-03-25 00:00"]


# --- Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["25. März 2026", "3. Juni 2026", "1. Okt. 2026", "2. Jänner 2026"], ["2026-03-25", "2026-06-03", "2026-10-01", "2026-01-02"]),
        (["3 de marzo de 2026", "15 de agosto de 2026", "1 dic 2026"], ["2026-03-03", "2026-08-15", "2026-12-01"]),
        (["3 marzo 2026", "15 giugno 2026", "2 lug 2026"], ["2026-03-03", "2026-06-15", "2026-07-02"]),
        (["3 maart 2026", "15 mei 2026", "2 mrt 2026"], ["2026-03-03", "2026-05-15", "2026-03-02"]),
        (["3 de março de 2026", "15 out 2026"], ["2026-03-03", "2026-10-15"]),
        (["01-ene-2026", "23-nov-2026"], ["2026-01-01", "2026-11-23"]),
    ],
)  # fmt: skip
def test_month_names_of_neighbouring_languages(values, expected):
    from segmenter_app.core.reading.dates import parse_dates

    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d").tolist() == expected
    assert not result.unreadable.any()


def test_an_abbreviation_of_two_months_is_not_guessed():
    from segmenter_app.core.reading.dates import parse_dates

    # "jui" is juin or juillet in French: unreadable (counted), not a guess.
    assert parse_dates(pd.Series(["3 jui 2026"], dtype="str")).unreadable.tolist() == [True]


def test_german_shop_with_month_names_and_times(tmp_path):
    content = "Kunde;Datum;Betrag\nK1;25. März 2026;12,50 €\nK2;3. Dez. 2026 14:05 Uhr;1.234,56 €\nK1;1. Juli 2026;7,00 €\n"
    analysis = imported(tmp_path, "de.csv", content)
    assert analysis.account.kept == 3
    assert dates(analysis) == ["2026-03-25 00:00", "2026-12-03 14:05", "2026-07-01 00:00"]
    assert amounts(analysis) == [12.5, 1234.56, 7.0]


def test_excel_serials_with_a_time_fraction_and_a_decimal_comma(tmp_path):
    # A date column pasted without its format in a French or German Excel: 46025,378472.
    content = (
        "Kundennummer;Bestelldatum;Betrag\nK1;46025,378472;12,50\nK2;46067,645833;8,00\nK1;46070;20,00\n"
    )
    analysis = imported(tmp_path, "serial.csv", content)
    assert analysis.account.kept == 3
    assert dates(analysis) == ["2026-01-03 09:05", "2026-02-14 15:30", "2026-02-17 00:00"]


# --- Column roles --------------------------------------------------------------------------------

ROWS = [("K1", "2026-01-03", 12.5), ("K2", "2026-02-14", 1234.56), ("K1", "2026-03-25", 7.0)]


def orders_file(header: str, row: str, sep: str = ";") -> str:
    """A header and three rows; ``row`` formats (customer, y, m, d, amount) for the export's locale."""
    lines = [header]
    for customer, day, amount in ROWS:
        y, m, d = day.split("-")
        lines.append(row.format(c=customer, y=y, m=m, d=d, a=amount, ac=f"{amount:.2f}".replace(".", ",")))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # A header naming the order inside a date ("date of the order"): the values say it is a date.
        ("Nº pedido;Fecha del pedido;Correo electrónico;Total (€)", "P{d};{d}/{m}/{y};{c}@ejemplo.es;{ac}"),
        ("Cliente;Data do pedido;Valor do pedido", "{c};{d}/{m}/{y};R$ {ac}"),
        ("Klantnummer;Orderdatum;Bedrag", "{c};{d}-{m}-{y};€ {ac}"),
        ("Numero ordine;Data;Cliente;Importo totale", "{d}{m};{d}/{m}/{y};{c};{ac}"),
        # Polish and Swedish exports.
        ("Klient;Data zamówienia;Kwota", "{c};{d}.{m}.{y};{ac} zł"),
        ("Kundnummer;Orderdatum;Belopp", "{c};{y}-{m}-{d};{ac} kr"),
        # German gross total.
        ("Kunden-Nr.;Rechnungsdatum;Summe brutto", "{c};{d}.{m}.{y} 10:00;{ac} EUR"),
    ],
)
def test_european_headers_give_an_orders_file(tmp_path, header, row):
    analysis = imported(tmp_path, "orders.csv", orders_file(header, row))
    assert analysis.account.kept == 3
    assert amounts(analysis) == [12.5, 1234.56, 7.0]
    assert [d[:10] for d in dates(analysis)] == ["2026-01-03", "2026-02-14", "2026-03-25"]
    assert analysis.transactions[schema.T_CUSTOMER].nunique() == 2


def test_a_birth_date_stays_a_birth_date(tmp_path):
    from segmenter_app.core.reading.roles import detect_roles

    frame = pd.DataFrame({"Date of birth": pd.array(["03/01/1980", "14/02/1975"], dtype="str")})
    assert detect_roles(frame)["Date of birth"].role == schema.BIRTH_DATE


@pytest.mark.parametrize(
    ("header", "row", "sep"),
    [
        # Stripe payments: the date column is "Created (UTC)".
        ("id,Created (UTC),Amount,Currency,Status,Customer ID,Customer Email",
         "ch_{d}{m},{y}-{m}-{d} 10:05:32,{a:.2f},eur,Paid,cus_{c},{c}@mail.de", ","),
        # PayPal activity (English and French): the sale is "Gross" / "Avant commission", then the fee and net.
        ('"Date","Time","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","Transaction ID"',
         '"{m}/{d}/{y}","10:00:00","{c}","Express Checkout Payment","Completed","USD","{a:,.2f}","-0.35","0.00","{c}@mail.com","T{d}{m}"', ","),
        ('"Date","Heure","Nom","Type","État","Devise","Avant commission","Commission","Net","De l\'adresse email"',
         '"{d}/{m}/{y}","10:00:00","{c}","Paiement","Terminé","EUR","{ac}","-0,35","0,00","{c}@mail.fr"', ","),
        # Etsy sold orders: the buyer's user id, two-digit years month first.
        ("Sale Date,Order ID,Buyer User ID,Full Name,Number of Items,Currency,Order Value,Order Total,Status",
         "{m}/{d}/{y2},30{d}{m},{c},Jane {c},1,USD,{a:.2f},{a:.2f},Completed", ","),
        # An export with Japanese headers: read from the values (yyyy/mm/dd, ¥ whole amounts).
        ("顧客ID,注文日,金額", '{c},{y}/{m}/{d},"¥{a:,.0f}"', ","),
    ],
)  # fmt: skip
def test_payment_and_marketplace_exports(tmp_path, header, row, sep):
    lines = [header]
    for customer, day, amount in ROWS:
        y, m, d = day.split("-")
        ac = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
        lines.append(row.format(c=customer, y=y, y2=y[2:], m=m, d=d, a=amount, ac=ac))
    analysis = imported(tmp_path, "export.csv", "\n".join(lines) + "\n")
    assert analysis.account.kept == 3
    expected = [round(a) for _, _, a in ROWS] if "¥" in row else [a for _, _, a in ROWS]
    assert amounts(analysis) == pytest.approx(expected)
    assert [d[:10] for d in dates(analysis)] == ["2026-01-03", "2026-02-14", "2026-03-25"]
    assert analysis.transactions[schema.T_CUSTOMER].nunique() == 2


# --- Values a column mixes -----------------------------------------------------------------------


def test_workbook_column_of_typed_numbers_and_typed_text(tmp_path):
    # Some amounts entered as numbers (calamine writes them 45.9), others typed as text "1.234,56 €".
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kundennummer", "Bestelldatum", "Betrag"])
    rows = [("K1", "03.01.2026", "1.234,56 €"), ("K2", "14.02.2026", 45.9), ("K1", "25.03.2026", "899,00 €"),
            ("K3", "07.05.2026", 7.25), ("K2", "23.11.2026", 2500), ("K3", "31.12.2026", -45.9)]  # fmt: skip
    for row in rows:
        ws.append(list(row))
    path = tmp_path / "gemischt.xlsx"
    wb.save(path)
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert analysis.account.balanced and analysis.account.kept == 6
    assert amounts(analysis) == [1234.56, 45.9, 899.0, 7.25, 2500.0, -45.9]


def test_a_value_written_with_the_other_separator_is_read_by_its_own_form():
    result = parse_numbers(pd.Series(["1.234,56 €", "45.9", "12.5", "899,00 €", "19,99 €"], dtype="str"))
    assert result.values.tolist() == [1234.56, 45.9, 12.5, 899.0, 19.99]
    # Values that could mean either stay decided by the column.
    assert parse_numbers(pd.Series(["1,234", "12,5"], dtype="str")).values.tolist() == [1.234, 12.5]


# --- Rows of the neighbours' languages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "shipping"),
    [("Storniert", "Versandkosten"), ("Cancelado", "Gastos de envío"), ("Rimborsato", "Spedizione"),
     ("Geannuleerd", "Verzendkosten"), ("Estornado", "Portes"), ("Retourné", "Livraison")],
)  # fmt: skip
def test_cancelled_statuses_and_shipping_lines_of_other_languages(tmp_path, status, shipping):
    content = (
        "Kundennummer;Bestellnummer;Bestelldatum;Status;Artikel;Betrag\n"
        "K1;B1;03.01.2026;OK;Ware;12,50\n"
        f"K1;B1;03.01.2026;OK;{shipping};4,90\n"
        f"K2;B2;14.02.2026;{status};Ware;8,00\n"
        "K2;B3;25.03.2026;OK;Ware;20,00\n"
        ";;;;;\n"
        "Summe;;;;;45,40\n"
    )
    analysis = imported(tmp_path, "status.csv", content)
    assert analysis.account.excluded == {
        "non_product": 1,
        "cancelled_order": 1,
        "blank_row": 1,
        "total_row": 1,
    }
    assert amounts(analysis) == [12.5, 20.0]


# --- Workbooks laid out for people ---------------------------------------------------------------


def report_workbook(path: Path) -> Path:
    """A notes sheet first, then a sales sheet with a merged title, a two-row header whose
    "Commande" spans "Date" and "Montant", frozen panes, dates and amounts typed as text."""
    import openpyxl

    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "Export de la caisse"
    notes["A2"] = "Ne pas modifier"
    ws = wb.create_sheet("Ventes 2026")
    ws["A1"] = "Ventes 2026 - Boutique du Centre"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["Client", "Commande", None, "Produit"])
    ws.merge_cells("B3:C3")
    ws.append([None, "Date", "Montant", None])
    ws.freeze_panes = "A5"
    for row in (["K1", "03/01/2026", "1 234,56 €", "Thé"], ["K2", "14/02/2026", "45,90 €", "Café"],
                ["K1", "25/03/2026", "12,50 €", "Thé"]):  # fmt: skip
        ws.append(row)
    wb.save(path)
    return path


def test_workbook_with_a_two_row_header(tmp_path):
    path = report_workbook(tmp_path / "ventes.xlsx")
    analysis = Analysis()
    # The first visible sheet is the default (the GUI then lets the user pick): the sales sheet is chosen.
    import_files(
        analysis, [str(path)], options=ImportOptions(overrides={str(path): {"sheet": "Ventes 2026"}})
    )
    inp = analysis.inputs[0]
    assert inp.sheet == "Ventes 2026"
    assert inp.mapping["Commande Date"] == schema.ORDER_DATE
    assert inp.mapping["Commande Montant"] == schema.AMOUNT
    assert analysis.account.balanced and analysis.account.read == 3 and analysis.account.kept == 3
    assert amounts(analysis) == [1234.56, 45.9, 12.5]
    assert dates(analysis) == ["2026-01-03 00:00", "2026-02-14 00:00", "2026-03-25 00:00"]
    # Row numbers stay the sheet's: the first sale is on row 5.
    assert analysis.transactions.sort_values(schema.T_SOURCE_ROW)[schema.T_SOURCE_ROW].tolist()[0] == 5


def test_two_row_header_in_a_text_export_and_a_first_row_of_text_is_data(tmp_path):
    from segmenter_app.core.reading.table import read_table

    content = (
        'Client,Commande,,Produit\n,Date,Montant,\nK1,03/01/2026,"12,50",Thé\nK2,14/02/2026,"8,00",Café\n'
    )
    analysis = imported(tmp_path, "deux.csv", content)
    assert amounts(analysis) == [12.5, 8.0] and analysis.account.read == 2
    # A customer list whose first row is all text keeps that row as data.
    path = tmp_path / "clients.csv"
    path.write_text("Nom,Ville,\nDupont,Paris,\nMartin,Lyon,\n", encoding="utf-8")
    assert read_table(path).frame["Nom"].tolist() == ["Dupont", "Martin"]


def test_workbook_preview_reads_the_two_row_header_too(tmp_path):
    from segmenter_app.core.reading.table import read_table

    raw = read_table(report_workbook(tmp_path / "ventes.xlsx"), sheet="Ventes 2026", nrows=2)
    assert list(raw.frame.columns) == ["Client", "Commande Date", "Commande Montant", "Produit"]
    assert raw.source_rows.tolist() == [5, 6]


def test_typographic_minus_signs(tmp_path):
    # "−" (U+2212) is what Numbers, LibreOffice and report tools print for a negative amount.
    content = (
        "Client;Date;Montant\nK1;03/01/2026;1\u202f234,56 €\nK2;14/02/2026;−45,90 €\nK1;25/03/2026;– 3,00 €\n"
    )
    analysis = imported(tmp_path, "moins.csv", content)
    assert analysis.account.kept == 3
    assert amounts(analysis) == [1234.56, -45.9, -3.0]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["23/11/2026 10:00:00 CET", "03/01/2026 09:00:00 CEST"], ["2026-11-23 10:00", "2026-01-03 09:00"]),
        (["11/23/2026 3:05 PM EST", "1/3/2026 9:05 AM PST"], ["2026-11-23 15:05", "2026-01-03 09:05"]),
        (["23/11/2026 10:00 +01:00", "03/01/2026 09:00 UTC"], ["2026-11-23 10:00", "2026-01-03 09:00"]),
        (
            ["2026-11-23 10:00:00 CET", "2026-01-03T09:00:00 GMT+01:00"],
            ["2026-11-23 10:00", "2026-01-03 09:00"],
        ),
        # AM/PM is never taken for a time zone.
        (["11/23/2026 3:05 PM", "1/3/2026 12:05 AM"], ["2026-11-23 15:05", "2026-01-03 00:05"]),
    ],
)
def test_time_zones_after_the_time_are_dropped(values, expected):
    from segmenter_app.core.reading.dates import parse_dates

    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected


def test_rows_of_spaces_and_a_dos_end_of_file_mark_are_blank_rows(tmp_path):
    path = tmp_path / "dos.csv"
    path.write_bytes(b"Client;Date;Montant\r\nK1;03/01/2026;12,50\r\n ; ; \r\nK2;04/01/2026;8,00\r\n\x1a")
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert analysis.account.balanced and analysis.account.kept == 2
    assert analysis.account.excluded == {"blank_row": 2}


@pytest.mark.parametrize(("lang", "words"), [("en", "sheet Notes"), ("fr", "feuille Notes")])
def test_a_notes_sheet_first_says_which_sheets_to_choose(tmp_path, capsys, lang, words):
    from segmenter_app.cli import main

    path = report_workbook(tmp_path / "ventes.xlsx")
    code = main(["segment", str(path), "--out", str(tmp_path / "out.xlsx"), "--lang", lang])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert words in err and '{"sheet": "Ventes 2026"}' in err
    # Following the message's advice works.
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"sheet": "Ventes 2026"}', encoding="utf-8")
    assert main(["segment", str(path), "--out", str(tmp_path / "out.xlsx"), "--mapping", str(mapping)]) == 0


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # Squarespace orders: "Amount Refunded" is money but not the sale; "Total" is.
        ("Order ID,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Discount Amount,Amount Refunded,Total",
         "{d}{m},{c}@x.com,paid,{y}-{m}-{d} 10:00:00 +0100,EUR,{a:.2f},0.00,0.00,0.00,{a:.2f}"),
        # Ecwid / Lightspeed eCom: a "Customer name" column beside the email does not identify customers.
        ("order_number,order_date,order_total,payment_status,customer_email,customer_name",
         "{d}{m},{y}-{m}-{d} 10:00:00,{a:.2f},PAID,{c}@x.com,Jane"),
        ("Number;Date;Customer email;Customer name;Status;Total incl. tax",
         "ORD{d}{m};{d}-{m}-{y} 10:00;{c}@x.nl;Jan;completed;{ac}"),
        # A second-hand marketplace's sales, in French: the buyer is the customer.
        ("Date de vente;Article;Acheteur;Prix;Statut", "{d}/{m}/{y};Pull;{c};{ac} €;Terminée"),
        # A fee column before an unknown money column is not taken for the sale.
        ("Date,Name,Fee,Einnahme,From Email Address", "{d}/{m}/{y},{c},-0.35,{a:.2f},{c}@mail.com"),
    ],
)  # fmt: skip
def test_shop_exports_with_money_and_name_columns_that_are_not_the_sale(tmp_path, header, row):
    test_payment_and_marketplace_exports(tmp_path, header, row, ",")


def test_gender_words_of_neighbouring_languages():
    from segmenter_app.core.reading.values import normalize_gender

    words = [
        "weiblich",
        "Männlich",
        "Frau",
        "Herr",
        "mujer",
        "Hombre",
        "donna",
        "uomo",
        "vrouw",
        "Dhr.",
        "divers",
    ]
    assert normalize_gender(pd.Series(words, dtype="str")).tolist() == [
        "F", "M", "F", "M", "F", "M", "F", "M", "F", "M", "divers"
    ]  # fmt: skip


def test_yes_and_no_of_neighbouring_languages():
    from segmenter_app.core.reading.values import parse_booleans

    words = ["ja", "Nein", "sí", "no", "sì", "Sim", "não", "nee", "peut-être"]
    assert parse_booleans(pd.Series(words, dtype="str")).tolist() == [
        True, False, True, False, True, True, False, False, pd.NA
    ]  # fmt: skip


def test_whole_euro_amounts_with_a_thousands_point(tmp_path):
    # A German shop selling in whole euros: "1.234 €" is 1234 euros, as "$1,250" is 1250 dollars.
    content = "Kundennummer;Bestelldatum;Betrag\nK1;03.01.2026;1.234 €\nK2;14.02.2026;2.500 €\nK1;25.03.2026;850 €\n"
    analysis = imported(tmp_path, "ganz.csv", content)
    assert amounts(analysis) == [1234.0, 2500.0, 850.0]
    # Without a currency nothing tells, and the point stays a decimal point.
    assert parse_numbers(pd.Series(["1.234", "2.500"], dtype="str")).values.tolist() == [1.234, 2.5]


# --- Files with a column named like the excluded rows' bookkeeping --------------------------------


def test_two_files_with_their_own_source_and_reason_columns(tmp_path):
    """A web shop's traffic "source" and a returns "reason" column, in two files: the excluded rows
    of both are put together (two columns of one name made pandas refuse it), each file's cells
    under "source (2)" and "reason (2)", beside the bookkeeping columns."""
    first = tmp_path / "a.csv"
    first.write_text("Client,Date,Montant,source,reason\nC1,2026-01-02,10,web,x\n,2026-01-03,5,shop,y\n")
    second = tmp_path / "b.csv"
    second.write_text("Client;Date;Montant;reason;source\nC2;2026-01-02;10;z;web\n;2026-01-03;5;y;ads\n")
    analysis = Analysis()
    import_files(analysis, [str(first), str(second)])
    assert analysis.account.balanced
    excluded = analysis.excluded
    assert list(excluded.columns[:3]) == ["source", "source_row", "reason"]
    assert excluded["source"].tolist() == [0, 1]  # the file each row came from
    assert set(excluded["reason"]) == {"no_customer_id"}
    assert excluded["source (2)"].tolist() == ["shop", "ads"]
    assert excluded["reason (2)"].tolist() == ["y", "y"]
