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
    assert "thousands" not in warnings(analysis)


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
