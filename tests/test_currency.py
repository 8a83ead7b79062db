"""The shop's currency: read in the amounts, else the main country's, else the euro."""

from __future__ import annotations

import pandas as pd

from segmenter_app.core.analysis import Analysis, InputFile
from segmenter_app.core.currency import currency_symbol, shop_currency
from segmenter_app.core.export.workbook import currency_format


def _analysis(countries: list[str | None], detected: str | None = None, lang: str = "en") -> Analysis:
    analysis = Analysis(lang=lang)
    analysis.customers = pd.DataFrame(
        {"country": countries, "monetary": 1.0}, index=[f"c{i}" for i in range(len(countries))]
    )
    analysis.inputs = [InputFile(path="x.csv", details={"currency": detected})]
    return analysis


def test_amounts_written_with_a_currency_decide():
    analysis = _analysis(["United Kingdom"] * 9, detected="EUR")
    assert shop_currency(analysis) == "EUR"
    assert currency_symbol(analysis) == "€"


def test_without_a_sign_the_main_country_decides():
    british = _analysis(["United Kingdom"] * 8 + ["France", None])
    assert shop_currency(british) == "GBP"
    assert currency_symbol(british) == "£"
    assert currency_format(british) == '"£"#,##0.00'
    assert shop_currency(_analysis(["États-Unis"] * 3)) == "USD"
    assert currency_symbol(_analysis(["Suisse", "suisse "])) == "CHF"


def test_no_main_country_or_an_unknown_one_falls_back_to_the_euro():
    mixed = _analysis(["United Kingdom", "France", "Germany", "Spain"])
    assert shop_currency(mixed) is None
    assert currency_symbol(mixed) == "€"
    assert currency_format(mixed) == "#,##0.00"
    assert shop_currency(_analysis(["Japan"] * 5)) is None
    assert shop_currency(_analysis([None, None])) is None
    assert shop_currency(Analysis()) is None


def test_plans_and_reasons_speak_the_same_currency():
    from segmenter_app.core.actions.wording import currency_of
    from segmenter_app.core.segmentation.common import currency_symbol as reasons_symbol

    british = _analysis(["United Kingdom"] * 5)
    assert currency_of(british) == reasons_symbol(british) == "£"
