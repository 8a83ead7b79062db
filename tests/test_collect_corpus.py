"""The import on a corpus of messy files made at run time (tests/corpus): result or message per case."""

from __future__ import annotations

import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files, preview_file
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.i18n import UserError
from segmenter_app.core.reading.table import list_sheets, read_table
from tests import corpus


def imported(paths, **options) -> Analysis:
    analysis = Analysis()
    import_files(analysis, [str(p) for p in paths], options=ImportOptions(**options))
    assert analysis.account.balanced
    for inp in analysis.inputs:
        assert inp.account.balanced
    return analysis


def test_french_till_cp1252(tmp_path):
    path = corpus.french_till_cp1252(tmp_path)
    before = path.read_bytes()
    analysis = imported([path])
    inp = analysis.inputs[0]
    assert (inp.format, inp.encoding, inp.delimiter, inp.header_row) == ("csv", "cp1252", ";", 3)
    assert inp.rows_read == 13  # 10 rows, a duplicate, a blank row, a totals row
    assert analysis.account.excluded == {
        "no_customer_id": 1,
        "unreadable_date": 1,
        "unreadable_amount": 1,
        "zero_price": 1,
        "non_product": 1,
        "duplicate": 1,
        "blank_row": 1,
        "total_row": 1,
    }
    tx = analysis.transactions.set_index(schema.T_ORDER)
    assert tx.loc["T001", schema.T_AMOUNT] == pytest.approx(1234.56)
    assert tx.loc["T003", schema.T_AMOUNT] == pytest.approx(-12.5)
    assert bool(tx.loc["T003", schema.T_IS_RETURN])
    assert tx.loc["T005", schema.T_AMOUNT] == pytest.approx(1000.0)
    assert tx.loc["T010", schema.T_AMOUNT] == pytest.approx(100_000.0)
    assert tx.loc["T002", schema.T_DISCOUNT] == pytest.approx(0.10)
    assert tx.loc["T005", schema.T_DATE] == pd.Timestamp("2025-03-31")
    # The unreadable values are counted per column and shown, with the row where to look.
    assert inp.details["unreadable"] == {"Date": 1, "Montant TTC": 1}
    assert any("douze" in w for w in inp.warnings)
    # Excluded rows keep their original text and their row number in the file.
    excluded = analysis.excluded.set_index("reason")
    assert excluded.loc["unreadable_amount", "Montant TTC"] == "douze"
    assert excluded.loc["total_row", "source_row"] == 16
    assert excluded.loc["no_customer_id", "N° ticket"] == "T004"
    assert path.read_bytes() == before  # never modified


def test_french_till_customers(tmp_path):
    analysis = imported([corpus.french_till_cp1252(tmp_path)])
    build_customer_table(analysis)
    customers = analysis.customers
    assert set(customers.index) == {"C01", "C02", "C03"}
    c01 = customers.loc["C01"]
    assert c01[schema.C_FREQUENCY] == 2
    assert c01[schema.C_MONETARY] == pytest.approx(1234.56 - 12.5 + 100_000.0)
    assert c01[schema.C_RETURNS_SHARE] == pytest.approx(12.5 / (1234.56 + 100_000.0))
    assert customers.loc["C02", schema.EMAIL] == "zoe.martin@exemple.fr"
    assert customers.loc["C02", schema.C_DISCOUNT_SHARE] == pytest.approx(1.0)
    assert bool(customers.loc["C03", schema.C_HAS_PHONE]) and not customers.loc["C03", schema.C_HAS_EMAIL]


@pytest.mark.parametrize(
    ("maker", "encoding", "delimiter"),
    [
        (corpus.utf16_tab, "utf-16", "\t"),
        (corpus.utf8_bom_comma, "utf-8-sig", ","),
        (corpus.pipe_separated, "utf-8", "|"),
        (corpus.csv_renamed_xlsx, "utf-8", ","),
        (corpus.gzip_csv, "utf-8", ","),
    ],
)
def test_text_encodings_and_delimiters(tmp_path, maker, encoding, delimiter):
    analysis = imported([maker(tmp_path)])
    inp = analysis.inputs[0]
    assert (inp.format, inp.encoding, inp.delimiter) == ("csv", encoding, delimiter)
    tx = analysis.transactions.sort_values(schema.T_ORDER)
    assert tx[schema.T_AMOUNT].tolist() == pytest.approx([1200.5, 35.0, -20.0])
    # Month-first: 01/13 and 12/24 prove the order for the whole column.
    assert tx[schema.T_DATE].tolist() == [
        pd.Timestamp("2025-01-13 10:15"),
        pd.Timestamp("2025-02-03 11:00"),
        pd.Timestamp("2025-12-24 09:30"),
    ]
    assert inp.details["ambiguous_date_columns"] == []
    assert set(analysis.transactions[schema.T_CUSTOMER]) == {"ann@example.com", "bob@example.com"}


def test_ambiguous_dates_default_warning_and_forced_order(tmp_path):
    path = corpus.ambiguous_dates(tmp_path)
    analysis = imported([path])
    inp = analysis.inputs[0]
    assert inp.details["ambiguous_date_columns"] == ["Date"]
    assert analysis.transactions[schema.T_DATE].iloc[0] == pd.Timestamp("2025-02-01")  # day first
    assert any("--date-order mdy" in w for w in inp.warnings)
    # The window's user is pointed to the Collect step's question too, not only to an option.
    assert any("choose month/day/year (in the Collect step's question" in w for w in inp.warnings)
    french = Analysis(lang="fr")
    import_files(french, [str(path)])
    assert any("jour/mois/année" in w for w in french.inputs[0].warnings)
    forced = imported([path], date_order="mdy")
    assert forced.transactions[schema.T_DATE].iloc[0] == pd.Timestamp("2025-01-02")


def test_workbook_sheets_titles_hidden_rows_and_totals(tmp_path):
    path = corpus.workbook_with_titles(tmp_path)
    assert list_sheets(path) == [
        {"name": "Paramètres", "state": "hidden"},
        {"name": "Ventes", "state": "visible"},
    ]
    analysis = imported([path])
    inp = analysis.inputs[0]
    assert (inp.format, inp.sheet, inp.header_row) == ("xlsx", "Ventes", 3)
    assert inp.details["hidden_rows"] == [5]
    # One hidden row gets its own sentence ("1 hidden rows ... were" read wrong).
    assert "1 hidden row in sheet Ventes was imported like the others (row 5)." in inp.warnings
    assert analysis.account.excluded == {"total_row": 1}
    tx = analysis.transactions
    assert tx[schema.T_DATE].tolist() == [
        pd.Timestamp("2025-01-03"),
        pd.Timestamp("2025-01-04"),
        pd.Timestamp("2025-02-12"),
    ]
    assert tx[schema.T_SOURCE_ROW].tolist() == [4, 5, 6]
    build_customer_table(analysis)
    assert analysis.customers.loc["C01", schema.POSTCODE] == "01000"  # leading zero kept


def test_formula_without_cached_value_reported(tmp_path):
    analysis = imported([corpus.formula_without_cached_value(tmp_path)])
    details = analysis.inputs[0].details
    assert details["formulas_without_value"] == ["C7"]
    assert any(w.startswith("1 formula cell in sheet") and "(C7)" in w for w in analysis.inputs[0].warnings)


def test_xls_and_ods(tmp_path):
    from segmenter_app.resources import resources_dir

    folder = resources_dir() / "selftest"
    results = {}
    for name in ("orders.xls", "orders.ods", "orders.csv"):
        analysis = imported([folder / name])
        build_customer_table(analysis)
        results[name] = (
            analysis.inputs[0].format,
            analysis.account.kept,
            round(analysis.customers[schema.C_MONETARY].sum(), 2),
        )
    assert results["orders.xls"][0] == "xls" and results["orders.ods"][0] == "ods"
    assert results["orders.xls"][1:] == results["orders.csv"][1:] == results["orders.ods"][1:]


@pytest.mark.parametrize(
    ("maker", "key"),
    [
        (corpus.encrypted_office, "encrypted"),
        (corpus.truncated_xlsx, "damaged"),
        (corpus.zip_bomb_xlsx, "too_big"),
        (corpus.entity_bomb_xlsx, "xml_entities"),
        (corpus.empty_file, "empty"),
        (corpus.no_usable_column, "missing_roles"),
    ],
)
def test_unusable_files_give_clear_messages(tmp_path, maker, key):
    path = maker(tmp_path)
    before = path.read_bytes()
    with pytest.raises(UserError) as info:
        import_files(Analysis(), [str(path)])
    assert info.value.key == key
    en, fr = info.value.text("en"), info.value.text("fr")
    assert path.name in en and path.name in fr and en != fr
    assert path.read_bytes() == before


def test_defusedxml_guards_openpyxl(tmp_path):
    """openpyxl parses through defusedxml: an entity declaration is refused, not expanded."""
    import openpyxl
    from defusedxml import DTDForbidden, EntitiesForbidden

    import segmenter_app.core.reading  # noqa: F401  (activates defuse_stdlib)

    assert openpyxl.DEFUSEDXML
    with pytest.raises(ValueError) as info:
        openpyxl.load_workbook(corpus.entity_bomb_xlsx(tmp_path))
    assert isinstance(info.value.__cause__ or info.value.__context__, (EntitiesForbidden, DTDForbidden))
    import xml.etree.ElementTree as ET

    with pytest.raises((EntitiesForbidden, DTDForbidden)):
        ET.fromstring(corpus.BILLION_LAUGHS)


def test_customers_file_joined_to_orders(tmp_path):
    customers_path, orders_path = corpus.customers_and_orders(tmp_path)
    analysis = imported([orders_path, customers_path])
    assert [i.kind for i in analysis.inputs] == ["orders", "customers"]
    build_customer_table(analysis)
    customers = analysis.customers
    assert set(customers.index) == {"C01", "C02"}  # C09 never bought
    assert customers.loc["C01", schema.CITY] == "Lyon"
    assert customers.loc["C02", schema.C_AGE_BAND] == "55-64"
    # Its own columns are kept as criteria, read as numbers.
    assert customers.loc["C02", "Revenu annuel"] == pytest.approx(31_500)


def test_two_tools_matched_on_email_and_phone(tmp_path):
    web, till = corpus.two_tools(tmp_path)
    analysis = imported([web, till])
    build_customer_table(analysis)
    customers = analysis.customers
    assert set(customers.index) == {"W1", "W2", "W3", "T9"}
    assert customers.loc["W1", schema.C_FREQUENCY] == 2
    assert customers.loc["W1", schema.C_MONETARY] == pytest.approx(55.0)
    assert customers.loc["W3", schema.C_MONETARY] == pytest.approx(22.0)
    matches = {m["customer_id"]: m for m in analysis.inputs[0].details["matches"]}
    assert set(matches) == {"W1", "W3"}
    assert matches["W1"]["via"] == "email" and matches["W3"]["via"] == "phone"
    assert matches["W1"]["ids"] == {"shop.csv": ["W1"], "caisse.csv": ["T7"]}
    assert analysis.inputs[1].details["matches_count"] == 2


def test_preview_with_overrides(tmp_path):
    path = corpus.french_till_cp1252(tmp_path)
    preview = preview_file(path, rows=5)
    assert preview["header_row"] == 3 and preview["delimiter"] == ";" and preview["encoding"] == "cp1252"
    assert len(preview["rows"]) == 5 and preview["source_rows"][:2] == [4, 5]
    roles = {c: g.role for c, g in preview["roles"].items()}
    assert roles["Montant TTC"] == schema.AMOUNT and roles["Code client"] == schema.CUSTOMER_ID
    assert all(0 <= g.confidence <= 1 for g in preview["roles"].values())
    again = preview_file(path, rows=5, header_row=1)
    assert again["header_row"] == 1 and again["columns"][0].startswith("Export des ventes")


def test_read_table_row_numbers_follow_the_file(tmp_path):
    raw = read_table(corpus.french_till_cp1252(tmp_path))
    assert raw.source_rows[0] == 4 and raw.source_rows[-1] == 16


def test_currency_is_reported(tmp_path):
    assert imported([corpus.french_till_cp1252(tmp_path)]).inputs[0].details["currency"] == "EUR"
    assert imported([corpus.utf8_bom_comma(tmp_path)]).inputs[0].details["currency"] == "USD"


def test_per_file_column_overrides(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("K;D;V\nA;01/02/2025;10\nB;13/02/2025;20\n", encoding="utf-8")
    overrides = {str(path): {"columns": {"K": "customer_id", "D": "order_date", "V": "amount"}}}
    analysis = imported([path], overrides=overrides)
    assert analysis.transactions[schema.T_AMOUNT].sum() == 30


def test_unreadable_attributes_are_counted_not_excluded(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(
        "Client;Date;Montant;Date de naissance\nA;02/01/2025;10;13/13/1980\nB;03/01/2025;20;01/02/1990\n"
    )
    analysis = imported([path])
    inp = analysis.inputs[0]
    assert analysis.account.kept == 2
    assert inp.details["unreadable"] == {"Date de naissance": 1}
    assert any("13/13/1980" in w and "kept" in w for w in inp.warnings)


def test_unreadable_value_messages_count_in_words(tmp_path):
    """One unreadable value gets a singular sentence, several a plural one, in both languages."""
    path = tmp_path / "ventes.csv"
    path.write_text("Client;Date;Montant\nA;02/01/2025;dix\nB;03/01/2025;20\nC;04/01/2025;n/a\nD;x;5\n")
    for lang, one, many in (
        ("en", "One value of column Date could not be read as a date (row 5", "2 values of column Montant"),
        ("fr", "Une valeur de la colonne Date n'a pas pu être lue comme une date", "2 valeurs de la colonne"),
    ):
        analysis = Analysis()
        analysis.lang = lang
        import_files(analysis, [str(path)])
        warnings = analysis.inputs[0].warnings
        assert any(w.startswith(one) for w in warnings), warnings
        assert any(w.startswith(many) for w in warnings), warnings


def test_file_without_header_with_a_mapping(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("C1;2025-01-02;10,5\nC2;2025-01-03;20\nC1;2025-02-03;1\n", encoding="utf-8")
    mapping = {
        "columns": {"Column 1": "customer_id", "Column 2": "order_date", "Column 3": "amount"},
        "header_row": 0,
    }
    analysis = Analysis()
    import_files(analysis, [str(path)], mapping=mapping)
    assert analysis.inputs[0].header_row == 0 and analysis.account.kept == 3
    assert analysis.transactions[schema.T_SOURCE_ROW].tolist() == [1, 2, 3]
    assert analysis.transactions[schema.T_AMOUNT].sum() == pytest.approx(31.5)


def test_shopify_orders_export(tmp_path):
    """Shopify: order-level fields (Total, Financial Status) on the first line of each order only;
    dates with a time zone offset; a refunded order."""
    path = tmp_path / "orders_export_1.csv"
    path.write_text(
        "Name,Email,Financial Status,Paid at,Created at,Total,Discount Code,Lineitem quantity,Lineitem name,"
        "Lineitem price,Billing City,Accepts Marketing\n"
        "#1001,ann@example.com,paid,2025-01-05 10:15:00 +0100,2025-01-05 10:15:00 +0100,59.90,WELCOME,1,Mug,"
        "19.90,Lyon,yes\n"
        "#1001,ann@example.com,,,2025-01-05 10:15:00 +0100,,,2,Plate,20.00,,\n"
        "#1002,bob@example.com,refunded,2025-02-01 09:00:00 +0100,2025-02-01 09:00:00 +0100,30.00,,1,Bowl,"
        "30.00,Paris,no\n"
        "#1003,ann@example.com,paid,2025-07-01 18:30:00 +0200,2025-07-01 18:30:00 +0200,15.00,,1,Cup,15.00,Lyon,yes\n",
        encoding="utf-8",
    )
    analysis = imported([path])
    inp = analysis.inputs[0]
    assert inp.details["role_source"]["Name"] == "preset:shopify_orders"
    assert analysis.account.excluded == {"order_continuation": 1, "cancelled_order": 1}
    tx = analysis.transactions
    assert tx[schema.T_ORDER].tolist() == ["#1001", "#1003"]
    assert tx[schema.T_AMOUNT].sum() == pytest.approx(74.9)
    assert tx[schema.T_DATE].iloc[1] == pd.Timestamp("2025-07-01 18:30")
    build_customer_table(analysis)
    ann = analysis.customers.loc["ann@example.com"]
    assert ann[schema.C_FREQUENCY] == 2 and bool(ann[schema.CONSENT]) and ann[schema.CITY] == "Lyon"
    assert ann[schema.C_DISCOUNT_SHARE] == pytest.approx(0.5)


def test_xlsx_preview_streams_the_first_rows(tmp_path):
    path = corpus.workbook_with_titles(tmp_path)
    preview = preview_file(path, rows=2)
    assert preview["header_row"] == 3 and preview["sheet"] == "Ventes"
    assert preview["rows"]["Code postal"].tolist() == ["01000", "69001"]
    assert preview["rows"]["Date"].tolist() == ["2025-01-03", "2025-01-04"]
    assert preview["sheets"][0] == {"name": "Paramètres", "state": "hidden"}


def test_two_periods_of_the_same_export_share_customer_ids(tmp_path):
    first, second = tmp_path / "ventes_2024.csv", tmp_path / "ventes_2025.csv"
    first.write_text("Client;Date;Montant\nC01;02/01/2024;10\nC02;13/01/2024;20\n", encoding="utf-8")
    second.write_text("Client;Date;Montant\nC01;02/01/2025;30\nC03;13/01/2025;5\n", encoding="utf-8")
    analysis = imported([first, second])
    build_customer_table(analysis)
    assert set(analysis.customers.index) == {"C01", "C02", "C03"}
    assert analysis.customers.loc["C01", schema.C_MONETARY] == pytest.approx(40)
    assert analysis.account.read == 4 and analysis.transactions[schema.T_SOURCE].tolist() == [0, 0, 1, 1]


def test_row_with_too_many_fields_is_set_aside_with_its_text(tmp_path):
    path = tmp_path / "ventes.csv"
    path.write_text("Client;Date;Montant\nC01;02/01/2024;10\nC02;13/01/2024;20;extra;x\nC03;14/01/2024;5\n")
    analysis = imported([path])
    assert analysis.account.excluded == {"malformed_row": 1}
    row = analysis.excluded.iloc[0]
    assert (
        row["source_row"] == 3
        and row["original_line"] == "C02;13/01/2024;20;extra;x"
        and row["Client"] == "C02"
    )
    assert analysis.transactions[schema.T_SOURCE_ROW].tolist() == [2, 4]


def test_ods_hidden_rows_reported(tmp_path):
    analysis = imported([corpus.ods_with_hidden_row(tmp_path)])
    inp = analysis.inputs[0]
    assert inp.format == "ods" and inp.sheet == "Ventes"
    assert inp.details["hidden_rows"] == [3]
    assert analysis.account.kept == 3 and any("hidden" in w for w in inp.warnings)


def test_header_below_a_block_of_report_details(tmp_path):
    path = tmp_path / "rapport.csv"
    path.write_text(
        "Boutique :;Cave du Marché;\nPériode :;2025;\n;;\nClient;Date;Montant\nC01;02/01/2025;10\nC02;03/01/2025;20\n",
        encoding="utf-8",
    )
    analysis = imported([path])
    assert analysis.inputs[0].header_row == 4 and analysis.account.kept == 2
