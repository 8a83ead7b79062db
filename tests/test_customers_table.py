"""The customer table: every figure of issue 3 point 6 on a small hand-checked case, and shapes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.customers import build_customer_table
from segmenter_app.core.progress import Cancelled, CancelToken

ORDERS = """Client;Commande;Date;Montant;Remise;Code promo;Catégorie;Canal;E-mail;Téléphone;Consentement;Date de naissance;Sexe;Ville
A;1;01/03/2025;100,00;;;Vins;Boutique;a@x.fr;;oui;15/06/1980;F;Lyon
A;1;01/03/2025;20,00;;;Épicerie;Boutique;a@x.fr;;oui;15/06/1980;F;Lyon
A;2;11/03/2025;50,00;10 %;NOEL;Vins;Web;a@x.fr;;oui;15/06/1980;F;Lyon
A;R1;15/03/2025;-20,00;;;Vins;Web;a@x.fr;;oui;15/06/1980;F;Lyon
A;3;31/03/2025;30,00;;;Bulles;Web;a@x.fr;;oui;15/06/1980;F;Lyon
B;4;20/03/2025;10,00;;;Vins;Boutique;;06 00 00 00 01;non;;H;Paris
C;5;25/03/2025;5,00;;;Vins;Boutique;pas un email;;;;;
D;R2;26/03/2025;-8,00;;;Vins;Boutique;;;;;;
E;6;05/04/2025;12,00;;;Vins;Boutique;e@x.fr;;oui;;;
"""


@pytest.fixture
def shop(tmp_path) -> Analysis:
    path = tmp_path / "ventes.csv"
    path.write_text(ORDERS, encoding="utf-8")
    analysis = Analysis()
    import_files(analysis, [str(path)])
    return analysis


def test_every_figure(shop):
    build_customer_table(shop, "2025-04-01")
    assert shop.as_of == pd.Timestamp("2025-04-01")
    assert shop.rows_after_as_of == 1  # E's order of 5 April
    c = shop.customers
    assert set(c.index) == {"A", "B", "C"}  # D only returned, E bought after the analysis date
    a = c.loc["A"]
    assert a[schema.C_FREQUENCY] == 3
    assert a[schema.C_MONETARY] == pytest.approx(180.0)
    assert a[schema.C_AVG_BASKET] == pytest.approx(60.0)
    assert a[schema.C_RECENCY] == 1 and a[schema.C_TENURE] == 31
    assert a[schema.C_FIRST] == pd.Timestamp("2025-03-01") and a[schema.C_LAST] == pd.Timestamp("2025-03-31")
    assert a[schema.C_GAP] == pytest.approx(15.0)  # 1 -> 11 -> 31 March
    assert a[schema.C_NEXT] == pd.Timestamp("2025-04-15")
    assert a[schema.C_RETURNS_SHARE] == pytest.approx(20 / 200)
    assert a[schema.C_DISCOUNT_SHARE] == pytest.approx(1 / 3)
    assert a[schema.C_FAV_CATEGORY] == "Vins"
    assert a[schema.C_MAIN_CHANNEL] == "Web"
    assert a[schema.C_AGE_BAND] == "35-44" and a[schema.GENDER] == "F" and a[schema.CITY] == "Lyon"
    assert bool(a[schema.C_HAS_EMAIL]) and bool(a[schema.C_CONTACTABLE])
    b = c.loc["B"]
    assert np.isnan(b[schema.C_GAP]) and pd.isna(b[schema.C_NEXT])
    assert bool(b[schema.C_HAS_PHONE]) and not b[schema.C_CONTACTABLE]  # said no to marketing
    assert not c.loc["C", schema.C_HAS_EMAIL]


def test_default_as_of_is_the_day_after_the_last_transaction(shop):
    build_customer_table(shop)
    assert shop.as_of == pd.Timestamp("2025-04-06") and shop.rows_after_as_of == 0
    assert "E" in shop.customers.index


def test_cancel(shop):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        build_customer_table(shop, cancel=token)


def test_customer_level_file_alone(mall_customers_csv):
    analysis = Analysis()
    import_files(analysis, [str(mall_customers_csv)])
    build_customer_table(analysis)
    assert analysis.inputs[0].kind == "customers"
    assert analysis.account.read == analysis.account.kept == 200
    c = analysis.customers
    assert len(c) == 200 and c.index[0] == "1"
    assert c["Annual_Income(k$)"].dtype == "float64" and c.loc["1", "Spending_Score(1-100)"] == 39
    assert set(c[schema.GENDER]) == {"M", "F"}
    assert c.loc["1", schema.C_AGE_BAND] == "<25"


def test_import_progress_and_cancel(online_retail_csv):
    calls = []
    import_files(Analysis(), [str(online_retail_csv)], progress=lambda f, m: calls.append(f))
    assert calls[-1] == 1.0 and calls == sorted(calls)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_files(Analysis(), [str(online_retail_csv)], cancel=token)
