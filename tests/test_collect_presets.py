"""Exports of common shop tools imported end to end with their built-in presets."""

from __future__ import annotations

import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.customers import build_customer_table

CASES = {
    "woocommerce_orders": (
        "Order ID,Order Number,Order Date,Order Status,Billing First Name,Billing Last Name,"
        "Billing Email Address,Billing Phone,Billing City,Order Total Amount,Coupon Code\n"
        "101,101,2025-03-01 10:00,wc-completed,Ann,Lee,ann@example.com,0611223344,Lyon,45.50,\n"
        "102,102,2025-03-05 11:00,wc-cancelled,Bob,Roy,bob@example.com,,Paris,20.00,\n"
        "103,103,2025-04-02 09:30,wc-completed,Ann,Lee,ann@example.com,0611223344,Lyon,30.00,SPRING10\n",
        {"orders": 2, "customers": 1, "amount": 75.5, "excluded": {"cancelled_order": 1}},
    ),
    "prestashop_orders": (
        "ID;Référence;Nouveau client;Livraison;Client;Total;Paiement;État;Date\n"
        "7;XKBKNABJK;Oui;France;J. DOE;61,80 €;Chèque;Livré;05/03/2025 10:12:00\n"
        "8;OHSATSERP;Non;France;A. MARTIN;19,90 €;Carte;Annulé;21/03/2025 14:00:00\n"
        "9;FFATNOMMJ;Non;France;J. DOE;12,00 €;Carte;Livré;02/04/2025 09:00:00\n",
        {"orders": 2, "customers": 1, "amount": 73.8, "excluded": {"cancelled_order": 1}},
    ),
    "sumup_sales": (
        "Transaction ID,Date,Description,Payment Method,Card Type,Total,Customer Email,Status\n"
        "TX1,13.03.2025 10:15,Café,Card,VISA,4.50,ann@example.com,Successful\n"
        "TX2,14.03.2025 11:00,Gâteau,Card,MASTERCARD,12.00,,Successful\n"
        "TX3,15.03.2025 12:00,Thé,Card,VISA,3.20,ann@example.com,Refunded\n",
        {"orders": 1, "customers": 1, "amount": 4.5, "excluded": {"no_customer_id": 1, "cancelled_order": 1}},
    ),
    "square_sales": (
        "Date,Time,Category,Item,Qty,Gross Sales,Discounts,Net Sales,Transaction ID,Customer ID,Location\n"
        "01/13/2025,10:00:00,Coffee,Latte,2,$9.00,$0.00,$9.00,T1,CUST1,Main St\n"
        "01/13/2025,10:00:00,Bakery,Croissant,1,$3.50,($0.50),$3.00,T1,CUST1,Main St\n"
        "02/01/2025,12:00:00,Coffee,Espresso,1,$2.50,$0.00,$2.50,T2,CUST2,Market\n",
        {"orders": 2, "customers": 2, "amount": 15.0, "excluded": {}},
    ),
}


@pytest.mark.parametrize("preset", sorted(CASES))
def test_preset_export(tmp_path, preset):
    text, expect = CASES[preset]
    path = tmp_path / f"{preset}.csv"
    path.write_text(text, encoding="utf-8")
    analysis = Analysis()
    import_files(analysis, [str(path)])
    inp = analysis.inputs[0]
    assert any(src == f"preset:{preset}" for src in inp.details["role_source"].values())
    assert analysis.account.excluded == expect["excluded"] and analysis.account.balanced
    tx = analysis.transactions
    assert tx[schema.T_ORDER].nunique() == expect["orders"]
    assert tx[schema.T_AMOUNT].sum() == pytest.approx(expect["amount"])
    build_customer_table(analysis)
    assert len(analysis.customers) == expect["customers"]
