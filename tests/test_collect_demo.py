"""The bundled demo shop's till export: French values, every row accounted for, a full customer table."""

from __future__ import annotations

import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.customers import build_customer_table


@pytest.fixture(scope="module")
def demo() -> Analysis:
    from segmenter_app.resources import demo_files

    analysis = Analysis(lang="fr")
    import_files(analysis, [str(p) for p in demo_files()])
    build_customer_table(analysis)
    return analysis


def test_read_as_a_french_till_export(demo):
    inp = demo.inputs[0]
    assert (inp.format, inp.encoding, inp.delimiter, inp.header_row) == ("csv", "utf-8-sig", ";", 1)
    assert inp.mapping["N° commande"] == schema.ORDER_ID and inp.mapping["Montant TTC"] == schema.AMOUNT
    assert inp.details["date_orders"]["Date"] == "dmy" and inp.details["ambiguous_date_columns"] == []
    assert inp.details["unreadable"] == {} and inp.details["currency"] is None
    assert inp.warnings == []


def test_every_row_accounted_for(demo):
    account = demo.account
    assert account.read == 3069 and account.balanced
    # The generator's messiness: 120 anonymous till sales, shipping lines, one line exported twice,
    # one line without a unit price.
    assert account.excluded["no_customer_id"] == 120
    assert account.excluded["duplicate"] == 1 and account.excluded["zero_price"] == 1
    assert account.excluded["non_product"] > 300
    shipping = demo.excluded[demo.excluded["reason"] == "non_product"]
    assert set(shipping["Produit"]) == {"Frais de port"}


def test_values(demo):
    tx = demo.transactions
    first = tx[tx[schema.T_ORDER] == "T24-00002"].iloc[0]
    assert first[schema.T_DATE] == pd.Timestamp("2024-11-03") and first[schema.T_AMOUNT] == pytest.approx(
        15.8
    )
    returns = tx[tx[schema.T_ORDER].str.startswith("AV-")]
    assert len(returns) > 0 and returns[schema.T_IS_RETURN].all() and (returns[schema.T_AMOUNT] < 0).all()
    assert set(tx.loc[tx[schema.T_DISCOUNT] > 0, schema.T_DISCOUNT].round(2)) <= {0.1, 0.15, 0.2}


def test_customer_table(demo):
    customers = demo.customers
    assert len(customers) == 300
    lucas = customers.loc["C0031"]
    assert (
        lucas[schema.FIRST_NAME] == "Lucas"
        and lucas[schema.GENDER] == "M"
        and lucas[schema.C_AGE_BAND] == "65+"
    )
    assert lucas[schema.EMAIL] == "lucas.legrand@free.fr" and bool(lucas[schema.C_CONTACTABLE])
    assert lucas[schema.POSTCODE] == "69300"
    assert set(customers[schema.C_MAIN_CHANNEL].dropna()) <= {"Boutique", "Site web", "Téléphone"}
    assert customers[schema.C_AGE_BAND].notna().mean() > 0.4
    assert 0 < customers[schema.C_CONTACTABLE].mean() < 1
    # Uppercase emails with stray spaces in the till are normalized.
    assert (
        customers[schema.EMAIL].dropna() == customers[schema.EMAIL].dropna().str.strip().str.lower()
    ).all()
