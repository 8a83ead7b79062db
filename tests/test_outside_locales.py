"""An outside check of the import on exports of other locales (Swiss, Belgian, Canadian French,
Spanish, Italian, Portuguese, Brazilian, Dutch, Polish, Czech, Scandinavian, US, Indian, Japanese),
each file built here in the encoding its tools use and imported end to end: the amounts, dates,
customers and row account are what the shop owner meant, an ambiguity is said, and an unreadable
value is counted, never turned into zero."""

from __future__ import annotations

import csv
import json

import numpy as np
import pandas as pd
import pytest
from test_outside_imports2 import amounts, column, days, imported, warnings

from segmenter_app.core import schema
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import ImportOptions, import_files
from segmenter_app.core.reading.dates import parse_dates
from segmenter_app.core.reading.numbers import parse_numbers

# --- Whole files, one per locale -----------------------------------------------------------------

THREE = ["2024-03-12", "2024-04-01", "2024-04-15"]
LOCALE_FILES = {
    "swiss": ("Kunde;Datum;Betrag\nK1;12.03.2024;CHF 1'234.50\nK2;01.04.2024;CHF 12.00\nK1;15.04.2024;-45.90\n", "cp1252", [1234.5, 12.0, -45.9]),
    "swiss_typographic": ("Kunde;Datum;Betrag\nK1;12.03.2024;1’234.50 CHF\nK2;01.04.2024;12.00 CHF\nK1;15.04.2024;-45.90 CHF\n", "utf-8-sig", [1234.5, 12.0, -45.9]),
    "belgian_fr": ("Client;Date;Montant\nK1;12/03/2024;1.234,56 €\nK2;01/04/2024;12,50 €\nK1;15/04/2024;-3,00 €\n", "cp1252", [1234.56, 12.5, -3.0]),
    "belgian_nl": ("Klant;Datum;Bedrag\nK1;12/03/2024;€ 1.234,56\nK2;01/04/2024;€ -12,50\nK1;15/04/2024;-€ 3,00\n", "cp1252", [1234.56, -12.5, -3.0]),
    "canadian_fr": ("Client;Date;Montant\nK1;2024-03-12;1\u00a0234,56 $\nK2;2024-04-01;12,50 $\nK1;2024-04-15;-3,00 $\n", "utf-8-sig", [1234.56, 12.5, -3.0]),
    "spanish": ("Cliente;Fecha;Importe\nK1;12/03/2024;1.234,56 €\nK2;01/04/2024;12,50 €\nK1;15/04/2024;-3,00 €\n", "cp1252", [1234.56, 12.5, -3.0]),
    "italian": ("Cliente;Data;Importo\nK1;12/03/2024;€ 1.234,56\nK2;01/04/2024;€ 12,50\nK1;15/04/2024;€ -3,00\n", "cp1252", [1234.56, 12.5, -3.0]),
    "portuguese": ("Cliente;Data;Valor;Pedido\nK1;12/03/2024;1.234,56 €;P1\nK2;01/04/2024;12,50 €;P2\nK1;15/04/2024;-3,00 €;P3\n", "cp1252", [1234.56, 12.5, -3.0]),
    "brazilian": ("Pedido;Cliente;Data;Valor\n1001;K1;12/03/2024;R$ 1.234,56\n1002;K2;01/04/2024;R$ 12,50\n1003;K1;15/04/2024;-R$ 3,00\n", "utf-8", [1234.56, 12.5, -3.0]),
    "dutch": ("Klant;Datum;Bedrag\nK1;12-03-2024;€ 1.234,56\nK2;01-04-2024;€ -12,50\nK1;15-04-2024;-€ 3,00\n", "utf-8", [1234.56, -12.5, -3.0]),
    "swedish": ("Kund;Datum;Belopp\nK1;2024-03-12;1 234,56 kr\nK2;2024-04-01;12,50 kr\nK1;2024-04-15;-3,00 kr\n", "utf-8", [1234.56, 12.5, -3.0]),
    "danish": ("Kunde;Dato;Beløb\nK1;12.03.2024;kr. 1.234,56\nK2;01.04.2024;kr. 12,50\nK1;15.04.2024;kr. -3,00\n", "cp1252", [1234.56, 12.5, -3.0]),
    "norwegian": ("Kunde;Dato;Beløp\nK1;12.03.2024;kr\u00a01\u00a0234,56\nK2;01.04.2024;kr 12,50\nK1;15.04.2024;kr −3,00\n", "utf-8", [1234.56, 12.5, -3.0]),
    "czech": ("Zákazník;Datum;Částka\nK1;12.03.2024;1 234,56 Kč\nK2;01.04.2024;12,50 Kč\nK1;15.04.2024;-3,00 Kč\n", "utf-8", [1234.56, 12.5, -3.0]),
    "finnish": ("Asiakas;Päivämäärä;Summa\nK1;12.3.2024;1 234,56 €\nK2;1.4.2024;12,50 €\nK1;15.4.2024;-3,00 €\n", "utf-8", [1234.56, 12.5, -3.0]),
    "polish_utf8": ("Klient;Data;Kwota\nK1;2024-03-12;1\u00a0234,56 zł\nK2;2024-04-01;12,50 zł\nK1;2024-04-15;-3,00 zł\n", "utf-8", [1234.56, 12.5, -3.0]),
    "us": ('Customer,Date,Amount\nK1,03/12/2024,"$1,234.56"\nK2,04/01/2024,$12.50\nK1,04/15/2024,($3.00)\n', "utf-8", [1234.56, 12.5, -3.0]),
    "indian": ('Customer,Date,Amount\nK1,12-03-2024,"₹1,23,456.00"\nK2,01-04-2024,"12,345.50"\nK1,15-04-2024,-300.00\n', "utf-8", [123456.0, 12345.5, -300.0]),
    "trailing_and_unicode_minus": ("Client;Date;Montant\nK1;12/03/2024;1 234,56\nK2;01/04/2024;12,50\nK1;15/04/2024;3,00-\n", "utf-8", [1234.56, 12.5, -3.0]),
}  # fmt: skip


@pytest.mark.parametrize("locale", LOCALE_FILES)
def test_exports_of_other_locales(tmp_path, locale):
    content, encoding, expected = LOCALE_FILES[locale]
    analysis = imported(tmp_path, f"{locale}.csv", content, encoding)
    assert analysis.account.kept == 3 and analysis.account.excluded == {}
    assert amounts(analysis) == pytest.approx(expected)
    assert days(analysis) == THREE
    assert column(analysis, schema.T_CUSTOMER) == ["K1", "K2", "K1"]
    # Every date or amount here tells its own reading: nothing to warn about.
    assert warnings(analysis) == ""


# --- Amounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Canada in French writes its dollar after the amount with the country ("$ CA"), other
        # tools put the country before the sign (US$, CA$, C$, A$, HK$).
        (["1\u202f234,56 $ CA", "3,00 $ CA", "-12,50 $ CA"], [1234.56, 3.0, -12.5]),
        (["US$ 12.50", "US$1,234.00"], [12.5, 1234.0]),
        (["C$ 12.50", "CA$ 3.00", "A$1,250"], [12.5, 3.0, 1250.0]),
        (["HK$1,250", "12 $US"], [1250.0, 12.0]),
        (["JP¥1,234", "CN¥12.50"], [1234.0, 12.5]),
        (["1.234,56 TL", "1.250 TL", "12,50 TL"], [1234.56, 1250.0, 12.5]),
        (["SFr. 1'234.50", "SFr. 12.00"], [1234.5, 12.0]),
        # Swedish whole kronor: "199:-" is 199, not a negative or unreadable amount.
        (["199:-", "1 234:- kr", "49,50 kr"], [199.0, 1234.0, 49.5]),
    ],
)
def test_currencies_with_their_country_and_swedish_whole_kronor(values, expected):
    result = parse_numbers(pd.Series(values, dtype="str"))
    assert result.values.tolist() == pytest.approx(expected)
    assert not result.unreadable.any()


# --- Headers -------------------------------------------------------------------------------------


def test_letters_without_a_decomposition_are_made_plain_in_headers():
    from segmenter_app.core.reading.role_names import normalize_header

    # NFKD leaves ø, æ, ß and ł as they are: they became spaces, and "Beløp" matched no name.
    assert [normalize_header(n) for n in ("Beløp", "Beløb", "Płatność", "Straße")] == [
        "belop",
        "belob",
        "platnosc",
        "strasse",
    ]


# --- Dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Scandinavian month names (Swedish and Danish "maj", Swedish "augusti", Norwegian "desember").
        (["12 maj 2024", "1 okt. 2024", "3 augusti 2024", "4 desember 2024"], ["2024-05-12", "2024-10-01", "2024-08-03", "2024-12-04"]),
        # Polish and Czech write a date's month in the genitive; Polish tools abbreviate it.
        (["12 marca 2024", "1 października 2024", "3 sty 2024", "5 lip 2024"], ["2024-03-12", "2024-10-01", "2024-01-03", "2024-07-05"]),
        (["12. března 2024", "1. října 2024", "3. prosince 2024", "4. května 2024"], ["2024-03-12", "2024-10-01", "2024-12-03", "2024-05-04"]),
        # Japanese, Chinese and Korean tools: year, month and day with their marks.
        (["2024年3月12日", "2024年12月1日 14:05"], ["2024-03-12", "2024-12-01"]),
        (["2024년 3월 12일", "2024년 12월 1일"], ["2024-03-12", "2024-12-01"]),
    ],
)  # fmt: skip
def test_month_names_and_marks_of_other_languages(values, expected):
    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d").tolist() == expected
    assert not result.unreadable.any()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # "at" in the shop's language between the date and the time.
        (["12/03/2024 às 14:05", "13/03/2024 às 09:00"], ["2024-03-12 14:05", "2024-03-13 09:00"]),
        (["12-03-2024 om 14:05", "12/03/2024 a las 9:30"], ["2024-03-12 14:05", "2024-03-12 09:30"]),
        (["12/03/2024 alle 14:05", "13/03/2024 ore 9:00"], ["2024-03-12 14:05", "2024-03-13 09:00"]),
        (["12.3.2024 kl. 14:05", "13.3.2024 kl 9:00"], ["2024-03-12 14:05", "2024-03-13 09:00"]),
        # Finnish and Danish times with a point: "klo 14.05", "14.05.30".
        (["12.3.2024 klo 14.05", "13.03.2024 14.05.30"], ["2024-03-12 14:05", "2024-03-13 14:05"]),
        (["12 mars 2024 kl. 14:05", "12 marzo 2024 alle 14.05"], ["2024-03-12 14:05", "2024-03-12 14:05"]),
    ],
)  # fmt: skip
def test_times_written_the_way_of_other_languages(values, expected):
    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected
    assert not result.unreadable.any()


@pytest.mark.parametrize(
    ("values", "expected", "ambiguous"),
    [
        # Czech and Slovak write a space after each point; Croatian and Serbian end with a point.
        (["12. 3. 2024", "15. 4. 2024 14:05"], ["2024-03-12 00:00", "2024-04-15 14:05"], False),
        (["12.3.2024.", "15.4.2024. 14:05"], ["2024-03-12 00:00", "2024-04-15 14:05"], False),
        # No day above 12: read day first and said, as every dotted date.
        (["1. 3. 2024", "2. 4. 2024"], ["2024-03-01 00:00", "2024-04-02 00:00"], True),
        # Hungary writes the year first with points and spaces: pandas' day-first guess made
        # "2024. 03. 12." the 3rd of December.
        (["2024. 03. 12.", "2024.03.15.", "2024. 04. 01. 14:05"], ["2024-03-12 00:00", "2024-03-15 00:00", "2024-04-01 14:05"], False),
    ],
)  # fmt: skip
def test_dotted_dates_of_central_europe(values, expected, ambiguous):
    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected
    assert not result.unreadable.any()
    assert result.ambiguous == ambiguous


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Year first with spaces, and ISO's basic form with a time: pandas read them day first
        # (the 3rd of December), silently.
        (["2024 03 12", "2024 3 15"], ["2024-03-12 00:00", "2024-03-15 00:00"]),
        (["20240312T140500", "20240312T1405", "20240312T140500Z"], ["2024-03-12 14:05", "2024-03-12 14:05", "2024-03-12 14:05"]),
        (["20240312 14:05", "20240312 14:05:30"], ["2024-03-12 14:05", "2024-03-12 14:05"]),
    ],
)  # fmt: skip
def test_year_first_dates_are_never_read_day_first(values, expected):
    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected
    assert not result.unreadable.any()


def test_the_names_added_take_no_abbreviation_away():
    from segmenter_app.core.reading.dates import parse_dates as read

    # "mar" is March in every language read (French writes "mars" whole; its "mar." is Tuesday,
    # read as a weekday before a date); "jui" stays unread (June or July in French).
    result = read(
        pd.Series(["12 mar 2024", "3 mar. 2024", "1 okt 2024", "2 dez 2024", "3 jui 2024"], dtype="str")
    )
    assert result.values.dt.strftime("%Y-%m-%d").tolist()[:4] == [
        "2024-03-12",
        "2024-03-03",
        "2024-10-01",
        "2024-12-02",
    ]
    assert result.unreadable.tolist() == [False, False, False, False, True]
    weekday = read(pd.Series(["mar. 12 mars 2024", "lun. 1 avril 2024"], dtype="str"))
    assert weekday.values.dt.strftime("%Y-%m-%d").tolist() == ["2024-03-12", "2024-04-01"]


def test_a_swedish_shop_with_month_names(tmp_path):
    content = "Kund;Datum;Belopp\nK1;12 maj 2024;1 234,50 kr\nK2;3 okt. 2024;99,00 kr\nK1;1 december 2024;-49,00 kr\n"
    analysis = imported(tmp_path, "se.csv", content)
    assert analysis.account.kept == 3 and analysis.account.excluded == {}
    assert days(analysis) == ["2024-05-12", "2024-10-03", "2024-12-01"]
    assert amounts(analysis) == [1234.5, 99.0, -49.0]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Full-width digits and signs, as a Japanese, Chinese or Korean input method types them.
        (["１２３４", "５６"], [1234.0, 56.0]),
        (["¥１,２３４", "￥500", "－３００"], [1234.0, 500.0, -300.0]),
        # The full-width yen sign alone, with an accountant's trailing minus.
        (["￥1,234-", "￥500"], [-1234.0, 500.0]),
        (["１２，５０ €", "3,00 €"], [12.5, 3.0]),
        # The yen, yuan and won written as a word: a whole amount with a thousands comma.
        (["1234円", "500円", "1,250円"], [1234.0, 500.0, 1250.0]),
        (["1,250元", "5,000원"], [1250.0, 5000.0]),
    ],
)
def test_east_asian_amounts(values, expected):
    result = parse_numbers(pd.Series(values, dtype="str"))
    assert result.values.tolist() == expected
    assert not result.unreadable.any()


def test_full_width_letters_stay_unreadable():
    result = parse_numbers(pd.Series(["12,50", "ＡＢＣ", "abc", None], dtype="str"))
    assert result.unreadable.tolist() == [False, True, True, False]
    assert result.values.tolist()[0] == 12.5


def test_a_japanese_shop_export(tmp_path):
    content = '\ufeffCustomer,Date,Amount\nK1,2024年3月12日,"￥1,234"\nK2,2024/04/01,５００円\nK1,2024年4月15日,-¥300\n'
    analysis = imported(tmp_path, "jp.csv", content)
    assert analysis.account.kept == 3 and analysis.account.excluded == {}
    assert amounts(analysis) == [1234.0, 500.0, -300.0]
    assert days(analysis) == THREE


# --- Ambiguous amounts: said, never silently guessed ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected", "said"),
    [
        # Whole amounts with a thousands point and nothing else in the file to tell (no currency,
        # no decimals anywhere, slashed dates): read with a decimal point, and said.
        ("es.csv", "Cliente;Fecha;Importe\nK1;12/03/2024;1.234\nK2;01/04/2024;2.500\nK1;15/04/2024;850\n",
         [1.234, 2.5, 850.0], "values like 1.234 were read with a decimal point, not as 1234"),
        ("uk.csv", "Customer,Date,Amount\nK1,03/01/2026,1.234\nK2,14/02/2026,2.500\n",
         [1.234, 2.5], "values like 1.234 were read with a decimal point, not as 1234"),
        # The same with a comma and day-first dates: read with a decimal comma, and said.
        ("uk2.csv", 'Customer,Date,Amount\nK1,12/03/2024,"1,234"\nK2,01/04/2024,"2,500"\nK1,15/04/2024,850\n',
         [1.234, 2.5, 850.0], "values like 1,234 were read with a decimal comma, not as 1234"),
        # Month-first dates (04/15/2024) are the United States': "1,234" is a thousand dollars.
        ("us.csv", 'Customer,Date,Amount\nK1,03/12/2024,"1,234"\nK2,04/01/2024,"2,500"\nK1,04/15/2024,850\n',
         [1234.0, 2500.0, 850.0], "values like 1,234 were read as 1234 (a comma between thousands), because "
         "the file's other columns write their dates month first (mm/dd/yyyy)"),
    ],
)  # fmt: skip
def test_whole_amounts_nothing_tells_are_said(tmp_path, name, content, expected, said):
    analysis = imported(tmp_path, name, content)
    assert amounts(analysis) == expected
    assert said in warnings(analysis)


@pytest.mark.parametrize(
    ("content", "expected", "said"),
    [
        # Latin America writes whole pesos with a thousands point after a dollar sign: with
        # nothing else in the file, the dollar's decimal point is kept, and said.
        ("Cliente;Fecha;Total\nK1;12/03/2024;$ 12.500\nK2;01/04/2024;$ 8.900\nK1;15/04/2024;$ 150.000\n",
         [12.5, 8.9, 150.0], "values like 12.500 were read with a decimal point, not as 12500"),
        # A decimal comma elsewhere in the file decides: twelve thousand five hundred pesos.
        ("Cliente;Fecha;Cantidad;Total\nK1;12/03/2024;1,5;$ 12.500\nK2;15/04/2024;2;$ 8.900\n",
         [12500.0, 8900.0], "values like 12.500 were read as 12500 (a point between thousands)"),
        # Ireland writes "€1,250" for a thousand two hundred and fifty euros: said, not silent.
        ('Customer,Date,Amount\nK1,12/03/2024,"€1,250"\nK2,15/04/2024,"€2,500"\n',
         [1.25, 2.5], "values like 1,250 were read with a decimal comma, not as 1250"),
    ],
)  # fmt: skip
def test_a_currency_does_not_silently_make_three_decimals(tmp_path, content, expected, said):
    analysis = imported(tmp_path, "x.csv", content)
    assert amounts(analysis) == expected
    assert said in warnings(analysis)


def test_the_ambiguous_amount_warnings_in_french(tmp_path):
    path = tmp_path / "it.csv"
    path.write_text("Cliente;Data;Importo\nK1;12/03/2024;1.234\nK2;01/04/2024;2.500\n", encoding="utf-8")
    analysis = Analysis(lang="fr")
    import_files(analysis, [str(path)])
    assert (
        "Colonne Importo : les valeurs comme 1.234 ont été lues avec un point décimal, pas comme 1234"
        in warnings(analysis)
    )
    path = tmp_path / "us.csv"
    path.write_text('Customer,Date,Amount\nK1,04/15/2024,"1,234"\n', encoding="utf-8")
    analysis = Analysis(lang="fr")
    import_files(analysis, [str(path)])
    assert "leurs dates le mois d'abord (mm/jj/aaaa)" in warnings(analysis)


def test_evidence_still_decides_without_a_warning(tmp_path):
    # A decimal written in another column decides: no guess to say.
    analysis = imported(
        tmp_path, "es.csv", "Cliente;Fecha;Cantidad;Importe\nK1;12/03/2024;1,5;1.234\nK2;01/04/2024;2;2.500\n"
    )
    assert amounts(analysis) == [1234.0, 2500.0]
    assert "nothing in the file tells" not in warnings(analysis)
    # A currency decides too ("1.234 €" is a thousand euros).
    analysis = imported(
        tmp_path, "es2.csv", "Cliente;Fecha;Importe\nK1;12/03/2024;1.234 €\nK2;15/04/2024;2.500 €\n"
    )
    assert amounts(analysis) == [1234.0, 2500.0]
    assert warnings(analysis) == ""


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # English month first, with a weekday, an ordinal, a.m./p.m. and a time zone (Amazon, PayPal).
        (["Jan 12, 2024", "Tuesday, March 12th, 2024", "Dec 1, 2024 12:05 a.m.", "Mar 1, 2024 10:05:13 PM PST"],
         ["2024-01-12 00:00", "2024-03-12 00:00", "2024-12-01 00:05", "2024-03-01 22:05"]),
        # Day first with a two-digit year or a 12-hour time.
        (["12-Jan-24", "3-Mar-99", "12 Mar 2024 2:05 PM"], ["2024-01-12 00:00", "1999-03-03 00:00", "2024-03-12 14:05"]),
        # French as the brief's examples write them.
        (["12 janv. 2024", "1er mars 2024", "12 févr. 2024 14:05"], ["2024-01-12 00:00", "2024-03-01 00:00", "2024-02-12 14:05"]),
    ],
)  # fmt: skip
def test_english_and_french_month_names(values, expected):
    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected
    assert not result.unreadable.any()


def test_many_different_dates_with_month_names_are_all_read():
    # A year of an Amazon report: 60,000 different date-times, past the 50,000 values pandas'
    # guessing was given (every one of them was unreadable).
    rng = np.random.default_rng(0)
    stamps = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 366 * 86400, 60_000), unit="s")
    for layout in ("%b %d, %Y %I:%M:%S %p PST", "%d %b %Y %H:%M:%S"):
        result = parse_dates(pd.Series(stamps.strftime(layout), dtype="str"))
        assert not result.unreadable.any()
        assert (result.values.to_numpy() == stamps.to_numpy()).all()


def test_month_names_after_no_break_spaces():
    # Typeset French dates: a no-break space after the day, a narrow one before the time.
    result = parse_dates(pd.Series(["12\u00a0mars 2024", "3\u202fjanv.\u00a02024 à\u00a014h05"], dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2024-03-12 00:00", "2024-01-03 14:05"]
    assert not result.unreadable.any()


def test_words_that_are_no_month_stay_unreadable():
    result = parse_dates(pd.Series(["Order 12, 2024", "12 jui 2024", "Mar 12, 2024"], dtype="str"))
    assert result.unreadable.tolist() == [True, True, False]


# --- Workbooks and the command line --------------------------------------------------------------


def brazilian_workbook(path):
    """A Brazilian shop's sales sheet: dates typed as dates in some rows and as dd/mm/yyyy text in
    others, amounts typed as "R$ 1.234,56" text, a refund, and an amount nobody can read."""
    import datetime as dt

    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Vendas")
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    rows = [
        ("Pedido", "Cliente", "Data", "Valor"),
        ("1001", "ana@exemplo.com.br", dt.datetime(2024, 3, 12, 14, 5), "R$ 1.234,56"),
        ("1002", "bruno@exemplo.com.br", "01/04/2024", "R$ 12,50"),
        ("1003", "ana@exemplo.com.br", dt.datetime(2024, 4, 15), "-R$ 3,00"),
        ("1004", "carla@exemplo.com.br", "20/04/2024", "n/d"),
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, stamp)
            else:
                sheet.write_string(r, c, value)
    book.close()
    return path


def test_a_brazilian_workbook_through_the_command_line(tmp_path):
    from segmenter_app.cli import main

    path = brazilian_workbook(tmp_path / "vendas.xlsx")
    report = tmp_path / "r.json"
    assert main(["segment", str(path), "--out", str(tmp_path / "o.xlsx"), "--report", str(report)]) == 0
    inp = json.loads(report.read_text(encoding="utf-8"))["inputs"][0]
    assert inp["mapping"] == {
        "Pedido": "order_id",
        "Cliente": "customer_id",
        "Data": "order_date",
        "Valor": "amount",
    }
    # The amount nobody can read is counted and set aside, never a zero.
    assert inp["account"] == {"read": 4, "kept": 3, "excluded": {"unreadable_amount": 1}}
    assert any('"n/d"' in w for w in inp["warnings"])
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert amounts(analysis) == [1234.56, 12.5, -3.0]
    assert days(analysis, "%Y-%m-%d %H:%M") == ["2024-03-12 14:05", "2024-04-01 00:00", "2024-04-15 00:00"]
    assert column(analysis, schema.T_CUSTOMER) == [
        "ana@exemplo.com.br",
        "bruno@exemplo.com.br",
        "ana@exemplo.com.br",
    ]


def test_a_us_workbook_with_typed_dollars_and_text_parentheses(tmp_path):
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Customer", "Order Date", "Total"])
    sheet.append(["K1", dt.datetime(2024, 3, 12), 1234.56])
    sheet.append(["K2", "04/01/2024", "($12.50)"])
    sheet.append(["K1", "04/15/2024", "$3.00"])
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = '"$"#,##0.00'
    book.save(tmp_path / "us.xlsx")
    analysis = Analysis()
    import_files(analysis, [str(tmp_path / "us.xlsx")])
    assert analysis.account.balanced and analysis.account.kept == 3
    assert amounts(analysis) == [1234.56, -12.5, 3.0]
    # 04/15/2024 proves month first for the text dates beside the typed one.
    assert days(analysis) == ["2024-03-12", "2024-04-01", "2024-04-15"]


# --- Central European Windows text (cp1250) ------------------------------------------------------

CENTRAL_EUROPEAN = {
    "polish": (
        "Klient;Miasto;Data;Kwota\nMałgorzata Wójcik;Wrocław;2024-03-12;1\u00a0234,56 zł\n"
        "Paweł Nowak;Łódź;2024-04-01;12,50 zł\nMałgorzata Wójcik;Wrocław;2024-04-15;-3,00 zł\n",
        ["Małgorzata Wójcik", "Paweł Nowak", "Małgorzata Wójcik"],
    ),
    "czech": (
        "Zákazník;Město;Datum;Částka\nJiří Dvořák;Děčín;12.03.2024;1 234,56 Kč\n"
        "Petr Novák;Brno;01.04.2024;12,50 Kč\nJiří Dvořák;Děčín;15.04.2024;-3,00 Kč\n",
        ["Jiří Dvořák", "Petr Novák", "Jiří Dvořák"],
    ),
}


@pytest.mark.parametrize("locale", CENTRAL_EUROPEAN)
def test_polish_and_czech_windows_exports(tmp_path, locale):
    # Polish and Czech Windows tools write cp1250: read as cp1252, "zł" was "z³" and "Kč" "Kè",
    # every amount unreadable and every name mangled.
    content, customers = CENTRAL_EUROPEAN[locale]
    analysis = imported(tmp_path, f"{locale}.csv", content, "cp1250")
    assert analysis.inputs[0].encoding == "cp1250"
    assert analysis.account.kept == 3 and analysis.account.excluded == {}
    assert amounts(analysis) == [1234.56, 12.5, -3.0]
    assert days(analysis) == THREE
    assert column(analysis, schema.T_CUSTOMER) == customers
    assert schema.CITY in analysis.inputs[0].mapping.values()


@pytest.mark.parametrize(
    "text",
    [
        "Client;Ville;Montant\nJérôme Lefèvre;Besançon;12,50 €\nCœur de Lion;Sète;1 234,00 €\nCuve 3 m³;x;2\n",
        "Cliente;Città;Importo\nNiccolò;Forlì;12,50 €\nGiosuè Carducci;Cantù;3,00\nLunedì così più;già;5\n",
        "Kunde;By;Beløb\nSøren Kjærsgård;Århus;12,50 kr\nBjørn Ødegård;Tromsø;3,00 kr\n",
        "Cliente;Ciudad;Importe\n¿Qué tal?;Logroño;12,50 €\nIñaki Ibáñez;A Coruña;3,00 €\n",
        "Name;Price\nWidget ¹/2;£12.50\nm³ box;£3.00\n",
        # Pairs of accented letters read as kanji in Japanese Windows text: not taken for it.
        "Client;Réf;Montant\nJérôme;A1;12,50 €\nFrançois;B2;3,00 €\n",
        "NOM;VILLE\nÉLODIE;ÎLE-DE-FRANCE\nANDRÉ;SÈTE\n",
    ],
)
def test_western_windows_text_stays_cp1252(text):
    from segmenter_app.core.reading.text import detect_encoding

    assert detect_encoding(text.encode("cp1252")) == "cp1252"
    # Nor is a Mac's text taken for Central European ("ø" is the byte of Polish "ż").
    if "ø" in text:
        assert detect_encoding(text.encode("mac_roman")) != "cp1250"


def test_a_mac_french_file_is_not_taken_for_japanese():
    from segmenter_app.core.reading.text import detect_encoding

    # Mac Roman's "É" before a letter reads as a katakana in Japanese Windows text.
    assert detect_encoding("Nom;Ecole\nÉLODIE;ÉCOLE\nÉMILE;Élan\n".encode("mac_roman")) == "mac_roman"


def test_a_japanese_excel_export(tmp_path):
    # Excel's CSV in Japan: cp932 (Shift_JIS), Japanese headers, full-width digits and yen signs.
    content = (
        "顧客ID,注文日,金額,商品名\n"
        'K1,2024/03/12,"￥1,234",りんご\n'
        "K2,2024/04/01,５００円,バナナ\n"
        "K1,2024/04/15,-300,みかん\n"
    )
    analysis = imported(tmp_path, "jp.csv", content, "cp932")
    assert analysis.inputs[0].encoding == "cp932"
    assert analysis.inputs[0].mapping == {
        "顧客ID": schema.CUSTOMER_ID,
        "注文日": schema.ORDER_DATE,
        "金額": schema.AMOUNT,
        "商品名": schema.PRODUCT,
    }
    assert amounts(analysis) == [1234.0, 500.0, -300.0]
    assert days(analysis) == THREE
    assert column(analysis, schema.T_PRODUCT) == ["りんご", "バナナ", "みかん"]


# --- What cannot be read is counted, what cannot be told is said ---------------------------------


def test_values_nobody_can_read_are_counted_never_zero(tmp_path):
    # Zero dates of a database (0000-00-00), an impossible day, German and spreadsheet marks for
    # "no value" (k.A., #NV, #WERT!), a dash, a number with two commas, a time where an amount goes.
    content = (
        "Kunde;Datum;Betrag\nK1;12.03.2024;12,50\nK2;0000-00-00;3,00\nK3;00.00.0000;4,00\n"
        "K4;13.03.2024;k.A.\nK5;14.03.2024;#NV\nK6;15.03.2024;—\nK7;16.03.2024;#WERT!\n"
        "K8;31.02.2024;5,00\nK9;17.03.2024;1,2,3\nK10;18.03.2024;12.50.00\n"
    )
    analysis = imported(tmp_path, "de.csv", content)
    assert analysis.account.kept == 1
    assert analysis.account.excluded == {"unreadable_date": 3, "unreadable_amount": 6}
    assert amounts(analysis) == [12.5]
    assert "3 values of column Datum could not be read as dates" in warnings(analysis)
    assert "6 values of column Betrag could not be read as numbers" in warnings(analysis)


def test_dotted_dates_that_fit_both_orders_are_read_day_first_and_said(tmp_path):
    # No day above 12: the documented default (day first, as every locale writing dots does) and
    # a warning, never a silent guess.
    content = "Zákazník;Datum;Částka\nK1;1.3.2024;12,50 Kč\nK2;2.4.2024;3,00 Kč\nK1;5.6.2024;4,00 Kč\n"
    analysis = imported(tmp_path, "cz.csv", content)
    assert days(analysis) == ["2024-03-01", "2024-04-02", "2024-06-05"]
    assert "every date fits both day/month and month/day" in warnings(analysis)


def test_us_dates_that_fit_both_orders_are_said_by_the_command_line(tmp_path):
    from segmenter_app.cli import main

    path = tmp_path / "us.csv"
    path.write_text(
        'Customer,Date,Amount\nK1,03/12/2024,"$1,234.56"\nK2,04/01/2024,$12.50\nK1,04/05/2024,($3.00)\n'
    )
    report = tmp_path / "r.json"
    assert main(["segment", str(path), "--out", str(tmp_path / "o.xlsx"), "--report", str(report)]) == 0
    said = json.loads(report.read_text(encoding="utf-8"))["inputs"][0]["warnings"]
    assert any("choose month/day/year" in w and "--date-order mdy" in w for w in said)
    # With the order given, the same file reads month first, and nothing is left to say about it.
    assert (
        main(
            [
                "segment",
                str(path),
                "--out",
                str(tmp_path / "o.xlsx"),
                "--report",
                str(report),
                "--date-order",
                "mdy",
            ]
        )
        == 0
    )
    said = json.loads(report.read_text(encoding="utf-8"))["inputs"][0]["warnings"]
    assert not any("month/day" in w for w in said)
    analysis = Analysis()
    import_files(analysis, [str(path)], options=ImportOptions(date_order="mdy"))
    assert days(analysis) == ["2024-03-12", "2024-04-01", "2024-04-05"]
    assert amounts(analysis) == [1234.56, 12.5, -3.0]


# --- The shop's currency -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "code"),
    [
        (["US$ 12.50", "12 $US"], "USD"),
        (["CA$ 3.00", "1 234,56 $ CA", "C$ 5"], "CAD"),
        # A decimal comma and the sign after the amount: Canada in French, not the United States.
        (["1 234,56 $", "12,50 $"], "CAD"),
        (["$1,234.56", "$12.50"], "USD"),
        (["JP¥1,234", "1234円"], "JPY"),
        (["R$ 12,50"], "BRL"),
        # Turkey's lira written "TL", Switzerland's franc "SFr.".
        (["1.234,56 TL", "12,50 TL"], "TRY"),
        (["SFr. 1'234.50", "SFr. 12.00"], "CHF"),
    ],
)
def test_currency_marks_with_their_country(values, code):
    from segmenter_app.core.currency import detect_currency_marks
    from segmenter_app.core.reading.numbers import detect_currency

    # The marks the amounts reader strips must name the currency too (US$ named none once the
    # reader knew it as one mark).
    assert detect_currency_marks(values) == code
    # The import's own remembered guess never takes a real for a dollar.
    if code == "BRL":
        assert detect_currency(pd.Series(values, dtype="str")) == "BRL"


@pytest.mark.parametrize(
    ("locale", "code"),
    [("brazilian", "BRL"), ("canadian_fr", "CAD"), ("swiss", "CHF"), ("polish_utf8", "PLN")],
)
def test_the_shop_currency_of_locale_exports(tmp_path, locale, code):
    from segmenter_app.core.currency import shop_currency

    content, encoding, _ = LOCALE_FILES[locale]
    analysis = imported(tmp_path, f"{locale}.csv", content, encoding)
    assert shop_currency(analysis) == code


@pytest.mark.parametrize(
    ("header", "order", "customer"),
    [
        ("Zamówienie;Nazwa klienta;Data;Kwota", "Zamówienie", "Nazwa klienta"),
        ("Order;Kundnamn;Datum;Belopp", "Order", "Kundnamn"),
        ("Ordre;Kundenavn;Dato;Beløp", "Ordre", "Kundenavn"),
        ("Bestelling;Klantnaam;Datum;Bedrag", "Bestelling", "Klantnaam"),
    ],
)
def test_orders_and_customer_names_of_other_languages(tmp_path, header, order, customer):
    content = (
        header + "\nP1;Ana Lund;12/03/2024;12,50\nP2;Bo Berg;13/03/2024;3,00\nP3;Ana Lund;14/03/2024;5,00\n"
    )
    analysis = imported(tmp_path, "x.csv", content)
    mapping = analysis.inputs[0].mapping
    assert mapping[order] == schema.ORDER_ID and mapping[customer] == schema.CUSTOMER_ID
    assert column(analysis, schema.T_CUSTOMER) == ["Ana Lund", "Bo Berg", "Ana Lund"]


# --- Property: every locale's way of writing an amount reads back --------------------------------


def _grouped(whole: int, sep: str, indian: bool = False) -> str:
    """``whole`` with its thousands (or India's lakh) groups separated by ``sep``."""
    digits = str(whole)
    if indian and len(digits) > 3:
        head, tail = digits[:-3], digits[-3:]
        pairs = [head[max(i - 2, 0) : i] for i in range(len(head), 0, -2)][::-1]
        return sep.join(pairs) + sep + tail
    return f"{whole:,}".replace(",", sep)


LOCALE_WRITERS = {
    "swiss": lambda w, c: f"CHF {_grouped(w, '’')}.{c:02d}",
    "belgian": lambda w, c: f"{_grouped(w, '.')},{c:02d} €",
    "dutch": lambda w, c: f"€ {_grouped(w, '.')},{c:02d}",
    "canadian_fr": lambda w, c: f"{_grouped(w, chr(0xA0))},{c:02d} $",
    "brazilian": lambda w, c: f"R$ {_grouped(w, '.')},{c:02d}",
    "polish": lambda w, c: f"{_grouped(w, chr(0x202F))},{c:02d} zł",
    "us": lambda w, c: f"${_grouped(w, ',')}.{c:02d}",
    "indian": lambda w, c: f"₹{_grouped(w, ',', indian=True)}.{c:02d}",
}


@pytest.mark.parametrize("locale", LOCALE_WRITERS)
def test_amounts_of_every_locale_read_back(locale):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    write = LOCALE_WRITERS[locale]

    @settings(max_examples=60, deadline=None)
    @given(st.integers(0, 10**9), st.integers(0, 99), st.booleans())
    def check(whole, cents, negative):
        text = write(whole, cents)
        text = "-" + text if negative else text
        result = parse_numbers(pd.Series([text, write(12, 50)], dtype="str"))
        expected = (whole + cents / 100) * (-1 if negative else 1)
        assert result.values.iloc[0] == pytest.approx(expected, abs=1e-6)
        assert not result.unreadable.any()

    check()


def test_yen_amounts_read_back():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.integers(0, 10**9))
    def check(whole):
        for text in (f"¥{whole:,}", f"{whole:,}円"):
            result = parse_numbers(pd.Series([text], dtype="str"))
            assert result.values.iloc[0] == whole, text

    check()


@pytest.mark.parametrize("locale", LOCALE_FILES)
def test_the_same_exports_saved_as_workbooks(tmp_path, locale):
    # The same values typed as text in a workbook (a tool exporting XLSX writes its locale's
    # strings into the cells): read as in the text file.
    import xlsxwriter

    content, _, expected = LOCALE_FILES[locale]
    delimiter = ";" if ";" in content.splitlines()[0] else ","
    path = tmp_path / f"{locale}.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, line in enumerate(content.splitlines()):
        fields = next(csv.reader([line], delimiter=delimiter))
        for c, value in enumerate(fields):
            sheet.write_string(r, c, value)
    book.close()
    analysis = Analysis()
    import_files(analysis, [str(path)])
    assert analysis.account.balanced and analysis.account.kept == 3
    assert amounts(analysis) == pytest.approx(expected)
    assert days(analysis) == THREE
    assert column(analysis, schema.T_CUSTOMER) == ["K1", "K2", "K1"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2 Stk.", "3 Stück", "1 St."], [2.0, 3.0, 1.0]),
        (["3 pcs", "1 pc", "2 units"], [3.0, 1.0, 2.0]),
        (["1 szt.", "2 ks", "4 uds"], [1.0, 2.0, 4.0]),
        (["x2", "3x", "1,5 kg"], [2.0, 3.0, 1.5]),
    ],
)
def test_quantities_written_with_their_unit(values, expected):
    result = parse_numbers(pd.Series(values, dtype="str"))
    assert result.values.tolist() == expected
    assert not result.unreadable.any()


def test_a_unit_is_no_license_to_read_anything():
    # "1.5m" is a million in a report, not a quantity in metres: unreadable, counted.
    result = parse_numbers(pd.Series(["1.5m", "2 Stk. Stk.", "abc"], dtype="str"))
    assert result.unreadable.tolist() == [True, True, True]


def test_a_german_till_with_quantities_in_pieces(tmp_path):
    content = (
        "Kundennummer;Datum;Artikel;Menge;Einzelpreis\n"
        "K1;12.03.2024;Kaffee;2 Stk.;12,50 €\nK2;01.04.2024;Tee;1 Stk.;4,90 €\nK1;15.04.2024;Tasse;3 Stk.;7,00 €\n"
    )
    analysis = imported(tmp_path, "kasse.csv", content)
    assert analysis.account.kept == 3 and analysis.account.excluded == {}
    assert amounts(analysis) == [25.0, 4.9, 21.0]


# --- Marketplace exports of other locales --------------------------------------------------------


def test_mercado_libre_sales_in_portuguese(tmp_path):
    # Dates with the month in words and "hs." after the time; the sale number after "N.º".
    content = (
        "N.º de venda;Data da venda;Comprador;Total (BRL)\n"
        "2000001;12 de março de 2024 14:05 hs.;ANA SILVA;R$ 1.234,56\n"
        "2000002;1 de abril de 2024 09:00 hs.;BRUNO COSTA;R$ 12,50\n"
        "2000003;15 de abril de 2024 18:30 hs.;ANA SILVA;R$ 3,00\n"
    )
    analysis = imported(tmp_path, "vendas.csv", content)
    assert analysis.inputs[0].mapping["N.º de venda"] == schema.ORDER_ID
    assert analysis.inputs[0].mapping["Comprador"] == schema.CUSTOMER_ID
    assert analysis.account.kept == 3
    assert days(analysis, "%Y-%m-%d %H:%M") == ["2024-03-12 14:05", "2024-04-01 09:00", "2024-04-15 18:30"]
    assert amounts(analysis) == [1234.56, 12.5, 3.0]


def test_allegro_orders_in_polish(tmp_path):
    content = (
        "Numer zamówienia;Data zakupu;Login kupującego;Kwota\n"
        "Z1;12.03.2024 14:05;jan_k;1 234,56 zł\nZ2;01.04.2024 09:00;ola_m;12,50 zł\nZ3;15.04.2024 18:30;jan_k;3,00 zł\n"
    )
    analysis = imported(tmp_path, "allegro.csv", content)
    assert analysis.inputs[0].mapping == {
        "Numer zamówienia": schema.ORDER_ID,
        "Data zakupu": schema.ORDER_DATE,
        "Login kupującego": schema.CUSTOMER_ID,
        "Kwota": schema.AMOUNT,
    }
    assert column(analysis, schema.T_CUSTOMER) == ["jan_k", "ola_m", "jan_k"]
    assert amounts(analysis) == [1234.56, 12.5, 3.0]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["12/03/2024 14:05 hs", "13/03/2024 9:00 Hs."], ["2024-03-12 14:05", "2024-03-13 09:00"]),
        (["12.03.2024 14:05 Uhr", "13.03.2024 um 9:00 Uhr"], ["2024-03-12 14:05", "2024-03-13 09:00"]),
    ],
)
def test_the_word_after_the_time(values, expected):
    result = parse_dates(pd.Series(values, dtype="str"))
    assert result.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected
    assert not result.unreadable.any()


def test_the_ordinal_number_sign_in_headers():
    from segmenter_app.core.reading.role_names import normalize_header

    assert [normalize_header(n) for n in ("N.º de venda", "Nº Pedido", "N° Commande")] == [
        "n de venda",
        "n pedido",
        "n commande",
    ]
