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


def test_default_costs_are_converted_for_currencies_of_another_size():
    from segmenter_app.core.currency import local_amount

    assert local_amount(0.05, "JPY") == 8.0  # an email: 0.05 € is about ¥8
    assert local_amount(3.0, "¥") == 510.0
    assert local_amount(0.05, "kr") == 0.55
    assert local_amount(3.0, "₩") == 4800.0
    for euro_sized in ("€", "£", "$", "CHF", None, "XYZ"):
        assert local_amount(0.05, euro_sized) == 0.05  # the euro's round figures kept


def test_a_yen_shops_plans_cost_yen_not_cents():
    from test_actions_support import make_analysis

    from segmenter_app.core.actions import suggest_plans
    from segmenter_app.core.actions.budget import DEFAULT_COST_PER_CONTACT

    analysis = make_analysis(n=200)
    analysis.inputs = [InputFile(path="x.csv", details={"currency": "JPY", "currency_marks": "JPY"})]
    plans = suggest_plans(analysis)
    for plan in plans.values():
        euros = DEFAULT_COST_PER_CONTACT[plan["channel_key"]]
        assert plan["cost_per_contact"] >= 150 * euros  # ¥8 an email, not ¥0.05
        assert plan["cost_per_contact"] == round(plan["cost_per_contact"])  # no sen
    euro = make_analysis(n=200)
    euro.inputs = [InputFile(path="x.csv", details={"currency": "EUR", "currency_marks": "EUR"})]
    assert {p["cost_per_contact"] for p in suggest_plans(euro).values()} <= set(
        DEFAULT_COST_PER_CONTACT.values()
    )


def test_the_amounts_marks_are_found_by_the_import_not_by_reading_the_file_again(tmp_path, monkeypatch):
    """The yen of "¥1,200" is noted while the file is imported: finding it later read the file a
    second time (for a workbook without its size, the whole sheet), and a deleted file lost it."""
    from segmenter_app.core import currency
    from segmenter_app.core.collect import import_files

    path = tmp_path / "orders.csv"
    path.write_text(
        'Order,Date,Customer,Total\nA1,2025-03-01,K1,"¥1,200"\nA2,2025-03-04,K2,"¥12,500"\n', encoding="utf-8"
    )
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert analysis.inputs[0].details["currency_marks"] == "JPY"
    path.unlink()

    def no_second_read(item):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(currency, "_amount_texts", no_second_read)
    assert shop_currency(analysis) == "JPY"
