"""Column roles: French/English headers, values, presets, remembered mappings, mapping files."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files, load_mapping
from segmenter_app.core.i18n import UserError
from segmenter_app.core.reading import roles


def frame(columns, rows=None) -> pd.DataFrame:
    rows = rows or [["" for _ in columns]]
    return pd.DataFrame(rows, columns=columns, dtype="str")


def test_french_and_english_headers():
    guesses = roles.detect_roles(
        frame(
            ["N° Facture", "Date de commande", "Courriel", "Tél. portable", "Qté", "Prix unitaire HT", "Pays"]
        )
    )
    assert {c: g.role for c, g in guesses.items()} == {
        "N° Facture": schema.ORDER_ID,
        "Date de commande": schema.ORDER_DATE,
        "Courriel": schema.EMAIL,
        "Tél. portable": schema.PHONE,
        "Qté": schema.QUANTITY,
        "Prix unitaire HT": schema.UNIT_PRICE,
        "Pays": schema.COUNTRY,
    }
    assert guesses["Courriel"].confidence >= 0.9
    assert guesses["Prix unitaire HT"].confidence < guesses["Courriel"].confidence


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Rechnungsnr", "Datum", "Kundennummer", "Artikel", "Menge", "Einzelpreis", "Betrag", "Land"],
            [
                "order_id",
                "order_date",
                "customer_id",
                "product",
                "quantity",
                "unit_price",
                "amount",
                "country",
            ],
        ),
        (
            ["Número de pedido", "Fecha", "Cliente", "Producto", "Cantidad", "Precio unitario", "Importe"],
            ["order_id", "order_date", "customer_id", "product", "quantity", "unit_price", "amount"],
        ),
        (
            ["Numero ordine", "Data ordine", "Codice cliente", "Prodotto", "Quantità", "Prezzo", "Totale"],
            ["order_id", "order_date", "customer_id", "product", "quantity", "unit_price", "amount"],
        ),
        (
            ["Bestelnummer", "Besteldatum", "Klantnummer", "Omschrijving", "Aantal", "Prijs", "Bedrag"],
            ["order_id", "order_date", "customer_id", "product", "quantity", "unit_price", "amount"],
        ),
    ],
)
def test_german_spanish_italian_dutch_headers(headers, expected):
    """Shops set up in another European language import without a mapping file."""
    guesses = roles.detect_roles(frame(headers))
    assert [guesses[h].role for h in headers] == expected


def test_values_reveal_emails_under_an_odd_header():
    guesses = roles.detect_roles(
        frame(["Contact", "Date", "Total"], [["a@b.fr", "01/01/2025", "3"], ["c@d.com", "02/01/2025", "4"]])
    )
    assert guesses["Contact"].role == schema.EMAIL and guesses["Contact"].reason == "values"


def test_each_role_goes_to_one_column():
    guesses = roles.detect_roles(frame(["Date", "Date de naissance", "Date livraison"]))
    assigned = [g.role for g in guesses.values() if g.role != schema.IGNORE]
    assert len(assigned) == len(set(assigned))
    assert guesses["Date"].role == schema.ORDER_DATE
    assert guesses["Date de naissance"].role == schema.BIRTH_DATE


@pytest.mark.parametrize(
    ("columns", "preset", "expect"),
    [
        (
            [
                "Name",
                "Email",
                "Financial Status",
                "Paid at",
                "Created at",
                "Total",
                "Discount Code",
                "Lineitem quantity",
                "Lineitem name",
                "Lineitem price",
                "Billing City",
            ],
            "shopify_orders",
            {
                "Name": schema.ORDER_ID,
                "Created at": schema.ORDER_DATE,
                "Total": schema.AMOUNT,
                "Financial Status": roles.STATUS,
            },
        ),
        (
            [
                "Customer ID",
                "First Name",
                "Last Name",
                "Email",
                "Accepts Email Marketing",
                "Total Spent",
                "Total Orders",
            ],
            "shopify_customers",
            {
                "Customer ID": schema.CUSTOMER_ID,
                "Accepts Email Marketing": schema.CONSENT,
                "Total Spent": schema.IGNORE,
            },
        ),
        (
            [
                "Order ID",
                "Order Date",
                "Order Status",
                "Billing Email Address",
                "Order Total Amount",
                "Coupon Code",
            ],
            "woocommerce_orders",
            {
                "Order Total Amount": schema.AMOUNT,
                "Billing Email Address": schema.EMAIL,
                "Coupon Code": schema.COUPON,
            },
        ),
        (
            ["ID", "Référence", "Client", "Total", "Paiement", "État", "Date"],
            "prestashop_orders",
            {"ID": schema.ORDER_ID, "État": roles.STATUS, "Date": schema.ORDER_DATE},
        ),
        (
            [
                "Transaction ID",
                "Date",
                "Description",
                "Payment Method",
                "Card Type",
                "Total",
                "Customer Email",
            ],
            "sumup_sales",
            {"Transaction ID": schema.ORDER_ID, "Total": schema.AMOUNT, "Customer Email": schema.EMAIL},
        ),
        (
            [
                "Date",
                "Time",
                "Category",
                "Item",
                "Qty",
                "Gross Sales",
                "Net Sales",
                "Discounts",
                "Transaction ID",
                "Customer ID",
                "Location",
            ],
            "square_sales",
            {"Gross Sales": schema.AMOUNT, "Net Sales": schema.IGNORE, "Location": schema.CHANNEL},
        ),
    ],
)
def test_presets(columns, preset, expect):
    assert roles.detect_preset(columns) == preset
    guesses = roles.detect_roles(frame(columns))
    for column, role in expect.items():
        assert guesses[column].role == role
        assert guesses[column].reason == f"preset:{preset}"


def test_remembered_mapping_for_the_same_header(tmp_path, monkeypatch):
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path))
    columns = ["Col A", "Col B", "Col C"]
    roles.remember_mapping(
        columns, {"Col A": schema.CUSTOMER_ID, "Col B": schema.ORDER_DATE, "Col C": schema.AMOUNT}
    )
    assert roles.recall_mapping(columns) == {"Col A": "customer_id", "Col B": "order_date", "Col C": "amount"}
    assert roles.recall_mapping(["Col A", "Col B"]) is None  # another header, another signature
    guesses = roles.detect_roles(frame(columns), roles.recall_mapping(columns))
    assert guesses["Col A"].role == schema.CUSTOMER_ID and guesses["Col A"].reason == "memory"


def test_import_uses_and_remembers_mappings(tmp_path, monkeypatch):
    monkeypatch.setenv("SEGMENTER_CONFIG_DIR", str(tmp_path / "config"))
    path = tmp_path / "odd.csv"
    path.write_text("K;D;V\nA;01/02/2025;10\nB;13/02/2025;20\n", encoding="utf-8")
    with pytest.raises(UserError):
        import_files(Analysis(), [str(path)])
    mapping_file = tmp_path / "mapping.json"
    roles.save_mapping_file(
        mapping_file, {"K": "customer_id", "D": "order_date", "V": "amount"}, date_order="dmy"
    )
    mapping = load_mapping(mapping_file)
    analysis = Analysis()
    import_files(analysis, [str(path)], mapping=mapping, options=ImportOptions(remember=True))
    assert analysis.inputs[0].mapping == {"K": "customer_id", "D": "order_date", "V": "amount"}
    assert analysis.inputs[0].details["role_source"]["K"] == "mapping"
    # Remembered: the next file with the same header needs no mapping.
    again = Analysis()
    import_files(again, [str(path)])
    assert again.inputs[0].details["role_source"]["K"] == "memory"
    assert again.transactions["amount"].sum() == 30


def test_mapping_file_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_mapping(bad)
    assert info.value.key == "bad_mapping_file" and "JSON" in info.value.text("fr")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"Date": "when"}), encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_mapping(wrong)
    assert info.value.key == "bad_role"
    flat = tmp_path / "flat.json"
    flat.write_text(json.dumps({"Date": "order_date"}), encoding="utf-8")
    assert load_mapping(flat)["columns"] == {"Date": "order_date"}


def test_role_sample_takes_the_first_filled_cells_trimmed():
    """The values the roles are guessed from: the first filled cells, trimmed, also when a long
    column starts with thousands of empty cells (read straight from Arrow, see roles._sample)."""
    import pandas as pd

    from segmenter_app.core.reading.roles import _sample

    column = pd.Series([None, " a@b.fr ", "", None, "x"], dtype="str")
    assert _sample(column) == ["a@b.fr", "", "x"]
    late = pd.Series([None] * 12_000 + [" 17850 ", "13047"], dtype="str")
    assert _sample(late) == ["17850", "13047"]
    assert _sample(pd.Series([str(i) for i in range(2_000)], dtype="str"), size=3) == ["0", "1", "2"]


def test_a_money_word_over_cells_without_numbers_is_no_amount(tmp_path):
    """Shopify's "Option 0 Value" holds "Red", "XL": its word "value" made it the amount, and every
    row was refused as an unreadable amount although quantity and unit price were there. A header
    word's money role needs cells with numbers; an exact name ("Total") is not second-guessed."""
    path = tmp_path / "orders.csv"
    path.write_text(
        "Order,Date,Customer,Lineitem quantity,Lineitem price,Option 0 Name,Option 0 Value\n"
        "A1,2025-01-03,C1,2,10.00,Colour,Red\nA2,2025-01-04,C2,1,25.50,Size,XL\n"
        "A3,2025-02-04,C1,3,5.00,Colour,Blue\n",
        encoding="utf-8",
    )
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert analysis.account.kept == 3 and not analysis.account.excluded
    assert sorted(analysis.transactions[schema.T_AMOUNT].tolist()) == [15.0, 20.0, 25.5]
    assert "Option 0 Value" not in analysis.inputs[0].mapping
    numbers = roles.detect_roles(pd.DataFrame({"Order value": ["12,50", "8,00", "130,00"]}))
    assert numbers["Order value"].role == schema.AMOUNT  # numbers: still the amount
    empty = roles.detect_roles(pd.DataFrame({"Option value": [None, None, None]}))
    assert empty["Option value"].role == schema.AMOUNT  # empty cells tell nothing against it
