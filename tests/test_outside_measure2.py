"""A second outside check of ``measure`` and of the money the Act and Measure steps write: the
pseudonymized measure workbook, two customers sharing one email, shops selling in yen, kronor,
zlotys or reais, and damaged results files.

Files are built in ``tmp_path``; the real data is used where it says something the made-up shop
cannot.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_cli_hostile import cli
from test_outside_measure import control_flags, run_measure

from segmenter_app.cli import EXIT_INPUT, EXIT_OK, main
from segmenter_app.core import project

FIRST = [
    "Zoé",
    "Amaury",
    "Bérénice",
    "Corentin",
    "Dolorès",
    "Eustache",
    "Félicité",
    "Gaspard",
    "Hortense",
    "Ignace",
]
LAST = ["Vercingetorix", "Montgolfier", "Quatremère", "Rastignac", "Séverac", "Tallemant", "Ursulet", "Vauquelin",
        "Wiltzer", "Xaintrailles"]  # fmt: skip
SHARED = "famille.dupuis@exemple.fr"  # customers C005 and C006 share it


def person(c: int) -> dict[str, str]:
    """The name, email and phone of customer ``c`` of the named shop."""
    return {
        "email": SHARED if c in (5, 6) else f"client{c}@exemple.fr",
        "first_name": FIRST[c % 10],
        "last_name": LAST[c // 4],
        "phone": f"+33 6 12 34 {c:02d} {c + 10:02d}",
    }


def named_shop(path: Path, customers: int = 40) -> Path:
    """A shop whose sales carry each customer's name, email and phone (two customers share an
    email), 1 to 4 orders each over 2025."""
    lines = ["order,date,customer,amount,email,first_name,last_name,phone"]
    for c in range(customers):
        who = person(c)
        for k in range(1 + c % 4):
            month, day = 1 + (c * 3 + k * 5) % 12, 1 + (c * 7 + k) % 28
            amount = 5 + (c * 37 + k * 11) % 190
            lines.append(
                f"O{c}-{k},2025-{month:02d}-{day:02d},C{c:03d},{amount:.2f},"
                f"{who['email']},{who['first_name']},{who['last_name']},{who['phone']}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def named(tmp_path_factory) -> dict[str, Path]:
    """The named shop segmented with a 20% control group, pseudonymized, its project saved."""
    folder = tmp_path_factory.mktemp("named")
    paths = {
        "sales": named_shop(folder / "ventes.csv"),
        "workbook": folder / "segments.xlsx",
        "key": folder / "clé.txt",
        "project": folder / "boutique.segmenter",
    }
    code = main(
        [
            "segment",
            str(paths["sales"]),
            "--out",
            str(paths["workbook"]),
            "--save-project",
            str(paths["project"]),
            "--control-share",
            "0.2",
            "--seed",
            "3",
            "--pseudonymize",
            "--key-file",
            str(paths["key"]),
        ]
    )
    assert code == EXIT_OK
    return paths


# --- 2. Two customers sharing one email --------------------------------------------------------------


def test_a_row_matched_only_by_a_shared_email_is_given_to_no_one(tmp_path, capsys, named):
    """C005 and C006 share one email: the row that names only that email converted for one of
    them, picked by the dictionary's order. It is now left out, counted and said."""
    saved = named["project"]
    control = control_flags(saved)
    lines = ["email,converted,revenue"]
    for n, cid in enumerate(sorted(control)):
        c = int(cid[1:])
        if c == 6:
            continue  # the family's one row is written once, for C005's line
        lines.append(f"{person(c)['email'].upper()},{'yes' if n % 2 else 'no'},{'30' if n % 2 else '0'}")
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang, words in (("en", "several customers share"), ("fr", "plusieurs clients partagent")):
        code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", lang)
        assert code == EXIT_OK, err
        details = report["results"]["details"]
        assert details["ambiguous_email_rows"] == 1
        assert report["results"]["excluded"] == {"ambiguous_email": 1}
        assert report["results"]["unmatched_customers"] == 0
        alerts = [a for a in report["alerts"] if a["kind"] == "ambiguous_email"]
        # One row: its own sentence ("One row ...", "Une ligne ..."), not "1 rows".
        assert len(alerts) == 1 and alerts[0]["text"].startswith(("One row", "Une ligne"))
        assert words in alerts[0]["text"]
        assert words in err  # said on the terminal too
        expected = {
            cid
            for n, cid in enumerate(sorted(control))
            if n % 2 and not control[cid] and int(cid[1:]) not in (5, 6)
        }
        assert report["total"]["conversions"] == len(expected)
        assert report["total"]["revenue"] == pytest.approx(30.0 * len(expected))


def test_an_id_still_decides_when_the_email_is_shared(tmp_path, capsys, named):
    """With an id column, the id decides; the shared email is only a fallback for unknown ids."""
    saved = named["project"]
    control = control_flags(saved)
    lines = ["customer,email,converted"]
    for cid in sorted(control):
        lines.append(f"{cid},{person(int(cid[1:]))['email']},{'yes' if cid in ('C005', 'C006') else 'no'}")
    lines.append(f"Z999,{SHARED},yes")  # an unknown id whose email two customers share
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    assert report["results"]["details"]["ambiguous_email_rows"] == 1
    assert report["total"]["conversions"] + report["total"]["control_conversions"] == 2


def test_shared_emails_are_left_out_of_the_email_index():
    import pandas as pd

    from segmenter_app.core.analysis import Analysis
    from segmenter_app.core.measure.matching import ambiguous_email_rows, email_index, shared_emails

    analysis = Analysis()
    analysis.customers = pd.DataFrame(
        {"email": ["a@x.fr", " A@X.fr", "b@x.fr", None, "nope"]}, index=["1", "2", "3", "4", "5"]
    )
    assert email_index(analysis) == {"b@x.fr": "3"}
    assert shared_emails(analysis) == {"a@x.fr"}
    rows = ambiguous_email_rows(pd.Series(["a@X.FR ", "b@x.fr", None]), analysis)
    assert rows.tolist() == [True, False, False]


# --- 1. The pseudonymized measure workbook -----------------------------------------------------------


def workbook_texts(path: Path) -> list[str]:
    """Every cell of every sheet of a workbook, as text (openpyxl)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [
            str(v)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        ]
    finally:
        book.close()


def identifiers(customers: int = 40) -> list[str]:
    """The names, emails and phones of the named shop (and the phones' digits alone)."""
    found: set[str] = set()
    for c in range(customers):
        who = person(c)
        found |= {who["email"], who["first_name"], who["last_name"], who["phone"]}
        found.add(who["phone"].replace(" ", "").lstrip("+"))
    return sorted(found)


def pseudonym_segments(path: Path) -> dict[str, str]:
    """Pseudonym -> segment name, from the All customers sheet."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(book["All customers"].iter_rows(values_only=True))
    finally:
        book.close()
    head = list(rows[0])
    who, segment = head.index("Customer (pseudonym)"), head.index("Segment")
    return {str(r[who]): str(r[segment]) for r in rows[1:] if r[who] is not None}


def later_sales(path: Path) -> Path:
    """Sales after the campaign of every third customer of the named shop: the re-run moves the
    others out of the best segments, so the migration lists customers."""
    lines = ["order,date,customer,amount"] + [
        f"N{c},2026-02-{1 + c % 28:02d},C{c:03d},25.00" for c in range(0, 40, 3)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_pseudonymized_measure_workbook_shows_no_name_email_or_phone(tmp_path, capsys, named):
    """``measure --pseudonymize --key-file`` (the segment export's key): no name, email, phone or
    customer id in any cell, the customers still matched to the segment workbook by pseudonym,
    and the customers the migration lists (workbook and report) by their pseudonyms too."""
    later = later_sales(tmp_path / "ventes 2026.csv")
    options = [
        "--campaign-date",
        "2026-02-01",
        "--lang",
        "en",
        "--pseudonymize",
        "--key-file",
        str(named["key"]),
    ]
    code, err, report = run_measure(capsys, named["project"], later, tmp_path, *options)
    assert code == EXIT_OK, err
    texts = workbook_texts(tmp_path / "m.xlsx")
    joined = "\n".join(texts).casefold()
    leaked = [x for x in identifiers() if x.casefold() in joined]
    assert not leaked
    ids = {f"C{c:03d}" for c in range(40)}
    assert not ids & set(texts)

    segmented = pseudonym_segments(named["workbook"])
    measured = pseudonym_segments(tmp_path / "m.xlsx")
    assert len(segmented) == 40 and measured == segmented
    left = report["migration"]["left_best"]
    assert left and {row["customer_id"] for row in left} <= set(segmented)
    assert all(row["customer_id"] in joined for row in left)  # the Results sheet lists them so
    assert report["output"]["key_file"] == str(named["key"])
    assert report["export"]["pseudonymized"] is True
    report_text = json.dumps(report, ensure_ascii=False).casefold()
    assert not [x for x in identifiers() if x.casefold() in report_text]
    assert not [i for i in ids if f'"{i.casefold()}"' in report_text]


def test_without_pseudonymize_the_measure_workbook_is_as_before(tmp_path, capsys, named):
    later = later_sales(tmp_path / "later.csv")
    code, err, report = run_measure(
        capsys, named["project"], later, tmp_path, "--campaign-date", "2026-02-01"
    )
    assert code == EXIT_OK, err
    assert report["export"]["pseudonymized"] is False and "key_file" not in report["output"]
    assert "client1@exemple.fr" in workbook_texts(tmp_path / "m.xlsx")
    assert {row["customer_id"] for row in report["migration"]["left_best"]} <= {
        f"C{c:03d}" for c in range(40)
    }


def test_pseudonymize_without_a_key_file_puts_a_new_key_beside_the_workbook(tmp_path, capsys, named):
    results = tmp_path / "res.csv"
    results.write_text("customer,converted\n" + "".join(f"C{c:03d},yes\n" for c in range(0, 40, 2)))
    code, err, report = run_measure(capsys, named["project"], results, tmp_path, "--pseudonymize")
    assert code == EXIT_OK, err
    assert (tmp_path / "m-key.txt").is_file() and report["output"]["key_file"] == str(tmp_path / "m-key.txt")
    joined = "\n".join(workbook_texts(tmp_path / "m.xlsx"))
    assert not [x for x in identifiers() if x in joined]


@pytest.mark.parametrize("clash", ["report", "project", "results", "out"])
def test_a_key_file_that_is_another_file_of_the_run_is_refused(tmp_path, capsys, named, clash):
    import shutil

    saved = shutil.copy(named["project"], tmp_path / "p.segmenter")
    results = tmp_path / "res.csv"
    results.write_text("customer,converted\nC001,yes\n")
    key = {
        "report": tmp_path / "r.json",
        "project": Path(saved),
        "results": results,
        "out": tmp_path / "m.xlsx",
    }[clash]
    before = key.read_bytes() if key.exists() else None
    for lang, words in (("en", "cannot be the pseudonymization key"), ("fr", "ne peut pas être la clé")):
        code, err, _ = run_measure(
            capsys, Path(saved), results, tmp_path, "--pseudonymize", "--key-file", str(key), "--lang", lang
        )
        assert code == EXIT_INPUT, err
        assert words in err
    assert (key.read_bytes() if key.exists() else None) == before
    assert not (tmp_path / "m.xlsx").exists()


def test_the_gui_export_of_a_measured_project_hides_the_migrations_customers(tmp_path, named):
    """The Export dialog calls write_workbook with the key: the Results sheet listed the customers
    who left the best segments by their ids."""
    from segmenter_app.core import export, measure

    analysis = project.load_project(named["project"])
    measure.measure_results(analysis, later_sales(tmp_path / "later.csv"), campaign_date="2026-02-01")
    assert analysis.measurements[-1]["migration"]["left_best"]
    out = tmp_path / "gui.xlsx"
    export.write_workbook(analysis, out, pseudonymize_key_path=named["key"])
    texts = workbook_texts(out)
    assert not {f"C{c:03d}" for c in range(40)} & set(texts)
    joined = "\n".join(texts)
    assert not any(f'"C{c:03d}"' in joined for c in range(40))
    left = analysis.measurements[-1]["migration"]["left_best"]
    from segmenter_app.core.export.pseudonymize import Pseudonymizer, read_key

    hashed = Pseudonymizer(read_key(named["key"])).hash_value(left[0]["customer_id"])
    assert hashed in joined


# --- 3. Money in yen, kronor, zlotys, reais... -----------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "english", "french"),
    [
        ("JPY", "¥1,235", "1\u202f235\u00a0¥"),
        ("¥", "¥1,235", "1\u202f235\u00a0¥"),
        ("KRW", "₩1,235", "1\u202f235\u00a0₩"),
        ("SEK", "1,234.56\u00a0kr", "1\u202f234,56\u00a0kr"),
        ("NOK", "1,234.56\u00a0kr", "1\u202f234,56\u00a0kr"),
        ("DKK", "1,234.56\u00a0kr", "1\u202f234,56\u00a0kr"),
        ("PLN", "1,234.56\u00a0zł", "1\u202f234,56\u00a0zł"),
        ("BRL", "R$1,234.56", "1\u202f234,56\u00a0R$"),
        ("INR", "₹1,234.56", "1\u202f234,56\u00a0₹"),
        ("CNY", "CN¥1,234.56", "1\u202f234,56\u00a0CN¥"),
        ("EUR", "€1,234.56", "1\u202f234,56\u00a0€"),
        ("GBP", "£1,234.56", "1\u202f234,56\u00a0£"),
        ("CHF", "CHF\u00a01,234.56", "1\u202f234,56\u00a0CHF"),
    ],
)
def test_amounts_are_written_the_currencys_way(currency, english, french):
    from segmenter_app.core.actions.wording import money

    assert money(1234.56, "en", currency, decimals=2) == english
    assert money(1234.56, "fr", currency, decimals=2) == french


def test_negative_amounts_and_plain_decimals():
    from segmenter_app.core.actions.wording import money
    from segmenter_app.core.measure.stats import signed_money

    assert money(-60, "en", "¥") == "-¥60"
    assert money(-60, "en", "kr") == "-60\u00a0kr"
    assert money(60, "en", "€") == "€60"  # as before
    assert signed_money(4.2, "en", "¥") == "+¥4"  # no yen cents in the uplift either
    assert signed_money(-4.2, "fr", "€") == "−4,20\u00a0€"
    assert signed_money(-1234.5, "en", "kr") == "−1,234.50\u00a0kr"


@pytest.mark.parametrize(
    ("cells", "code"),
    [
        (["¥1,200", "¥300", "12"], "JPY"),
        (["1 200 JPY"], "JPY"),
        (["149,00 kr", "99 kr."], "SEK"),
        (["R$ 35,90", "R$ 12,00"], "BRL"),
        (["35,90 zł"], "PLN"),
        (["12.50 PLN"], "PLN"),
        (["₹ 499", "Rs. 250"], "INR"),
        (["₩15,000"], "KRW"),
        (["1 234,56 €", "12 EUR"], "EUR"),
        (["$5.00"], "USD"),
        (["CHF 12.50", "Fr. 3.00"], "CHF"),
        (["12.50", "", "abc"], None),
    ],
)
def test_currency_marks_the_import_recognises_name_the_currency(cells, code):
    from segmenter_app.core.currency import detect_currency_marks

    assert detect_currency_marks(cells) == code


@pytest.mark.parametrize(
    ("mark", "country", "code", "symbol"),
    [
        ("149,00 kr", "Norway", "NOK", "kr"),
        ("149,00 kr", "Danmark", "DKK", "kr"),
        ("149,00 kr", None, "SEK", "kr"),
        ("$12.00", "Canada", "CAD", "$"),
        ("¥1,200", "Chine", "CNY", "CN¥"),
        ("¥1,200", "Japan", "JPY", "¥"),
        ("R$ 12,00", "Portugal", "BRL", "R$"),  # a mark no other currency writes: kept
    ],
)
def test_a_mark_several_currencies_write_is_decided_by_the_main_country(
    tmp_path, mark, country, code, symbol
):
    import pandas as pd

    from segmenter_app.core.analysis import Analysis, InputFile
    from segmenter_app.core.currency import currency_symbol, shop_currency

    sales = tmp_path / "s.csv"
    sales.write_text(f'order;amount\n1;"{mark}"\n', encoding="utf-8")
    analysis = Analysis()
    analysis.inputs = [InputFile(path=str(sales), mapping={"amount": "amount"}, details={"currency": None})]
    analysis.customers = pd.DataFrame({"country": [country] * 3}, index=["a", "b", "c"])
    assert shop_currency(analysis) == code
    assert currency_symbol(analysis) == symbol


def yen_shop(path: Path, customers: int = 40) -> Path:
    """A Japanese shop's export: amounts written "¥12,500" (quoted: the comma groups thousands)."""
    lines = ["order,date,customer,amount"]
    for c in range(customers):
        for k in range(1 + c % 4):
            month, day = 1 + (c * 3 + k * 5) % 12, 1 + (c * 7 + k) % 28
            lines.append(
                f'O{c}-{k},2025-{month:02d}-{day:02d},C{c:03d},"¥{(c * 37 + k * 11) % 190 * 100 + 500:,}"'
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sheet_cells(path: Path, sheet: str) -> list:
    import openpyxl

    book = openpyxl.load_workbook(path)
    try:
        return [cell for row in book[sheet].iter_rows() for cell in row if cell.value is not None]
    finally:
        book.close()


@pytest.mark.parametrize(
    ("lang", "sheet", "basket"), [("en", "Action plan", "¥"), ("fr", "Plan d'action", "\u00a0¥")]
)
def test_a_yen_file_through_segment_speaks_yen_in_the_plan_and_the_report(
    tmp_path, capsys, lang, sheet, basket
):
    """The action plans said "average basket €9,733" for a yen shop, and the workbook's money
    columns showed euros' cents."""
    sales = yen_shop(tmp_path / "ventes.csv")
    out, report = tmp_path / "s.xlsx", tmp_path / "r.json"
    code, err = cli(capsys, "segment", str(sales), "--out", str(out), "--report", str(report), "--lang", lang)
    assert code == EXIT_OK, err
    cells = sheet_cells(out, sheet)
    texts = [str(c.value) for c in cells if isinstance(c.value, str)]
    assert any(basket in t for t in texts) and not any("€" in t for t in texts)
    formats = {c.number_format for c in cells if isinstance(c.value, (int, float)) and "¥" in c.number_format}
    assert formats == {'"¥"#,##0' if lang == "en" else '#,##0 "¥"'}
    text = report.read_text(encoding="utf-8")
    assert "¥" in text and "€" not in text
    reasons = [
        str(c.value) for c in sheet_cells(out, "All customers" if lang == "en" else "Tous les clients")
    ]
    assert any("¥" in r for r in reasons) and not any("€" in r for r in reasons)


def test_the_yen_is_remembered_by_the_project_and_measured_in_yen(tmp_path, capsys):
    """Once the sales file is gone, the saved project still knows its amounts were in yen; the
    measure writes its revenue uplift in whole yen."""
    sales = yen_shop(tmp_path / "ventes.csv")
    saved = tmp_path / "p.segmenter"
    code, err = cli(
        capsys,
        "segment",
        str(sales),
        "--out",
        str(tmp_path / "s.xlsx"),
        "--save-project",
        str(saved),
        "--control-share",
        "0.3",
    )
    assert code == EXIT_OK, err
    sales.unlink()
    analysis = project.load_project(saved)
    from segmenter_app.core.currency import currency_symbol

    assert currency_symbol(analysis) == "¥"
    results = tmp_path / "res.csv"
    results.write_text(
        "customer,converted,revenue\n"
        + "".join(f"C{c:03d},{'yes' if c % 2 else 'no'},{1250 * (c % 2)}\n" for c in range(40))
    )
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    text = json.dumps(report, ensure_ascii=False)
    assert "€" not in text
    said = report["total"]["revenue_text"]  # e.g. "+¥1,250 per customer (+¥420 to +¥2,080), ..."
    assert "¥" in said and not re.search(r"¥[\d,]+\.\d", said), said


# --- 4. Damaged and hostile results files ---------------------------------------------------------------

PYTHON_WORDS = re.compile(r"Error\b|Exception|Traceback|NoneType|dtype|\bobject\b|errno|\bnan\b|\binf\b")


def strict_report(path: Path) -> dict:
    """The report read as strict JSON (no NaN or Infinity)."""

    def refuse(constant: str) -> None:
        raise ValueError(f"non-strict JSON constant {constant}")

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


def test_revenues_too_large_to_add_up_are_unreadable_not_unknown_uplift(tmp_path, capsys, named):
    """ "1e308" in every revenue cell: the sums overflowed, and the report said "unknown per
    customer, not enough evidence yet (could be anywhere from unknown to unknown)"."""
    ids = sorted(control_flags(named["project"]))
    lines = ["customer,converted,revenue"] + [
        f"{c},yes,{'1e308' if n % 2 else '20'}" for n, c in enumerate(ids)
    ]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, _ = run_measure(capsys, named["project"], results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    report = strict_report(tmp_path / "r.json")
    assert report["results"]["details"]["unreadable_revenue"] == len(ids) // 2
    assert "unknown" not in report["total"]["revenue_text"]
    assert report["total"]["revenue"] is not None
    assert "could not be read as amounts" in err


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_sales_export_with_amounts_too_large_to_add_up_is_refused(tmp_path, capsys, named, lang):
    """Later sales of 1e308 each: measured with every revenue "unknown", said nowhere."""
    lines = ["order,date,customer,amount"] + [
        f"N{c},2026-02-{1 + c % 28:02d},C{c:03d},1e308" for c in range(40)
    ]
    later = tmp_path / "ventes.csv"
    later.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, _ = run_measure(
        capsys, named["project"], later, tmp_path, "--campaign-date", "2026-02-01", "--lang", lang
    )
    assert code == EXIT_INPUT, err
    words = "too large to be real" if lang == "en" else "trop grand pour être réel"
    assert words in err and "ventes.csv" in err and err.startswith("40 ")
    assert not PYTHON_WORDS.search(err)
    assert not (tmp_path / "m.xlsx").exists()


def _xlsx(rows: list[list[object]], hidden_first: bool = False) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


IDS = [f"C{c:03d}" for c in range(40)]
HOSTILE = {
    "utf-16 text": (
        "res.csv",
        ("customer,converted\n" + "".join(f"{i},yes\n" for i in IDS)).encode("utf-16"),
        0,
    ),
    "a quote never closed": (
        "res.csv",
        ('customer,converted\n"C001,yes\n' + "".join(f"{i},yes\n" for i in IDS)).encode(),
        2,
    ),
    "the same header twice": (
        "res.csv",
        ("customer,customer,converted,converted\n" + "".join(f"{i},{i},yes,no\n" for i in IDS)).encode(),
        0,
    ),
    "formulas as flags": (
        "res.csv",
        ("customer,converted,revenue\n" + "".join(f"{i},=1=1,=SUM(A1)\n" for i in IDS)).encode(),
        2,
    ),
    "a truncated gzip": (
        "res.csv.gz",
        __import__("gzip").compress(b"customer,converted\nC001,yes\n" * 50)[:40],
        2,
    ),
    "random bytes named xlsx": ("res.xlsx", b"PK\x03\x04" + bytes(range(256)) * 2, 2),
    "a project given as results": ("res.segmenter", None, 2),
    "only separators": ("res.csv", b";;;\n;;;\n", 2),
    "a header row only (xlsx)": ("res.xlsx", _xlsx([["customer", "converted"]]), 2),
    "dates as customers (xlsx)": (
        "res.xlsx",
        _xlsx([["customer", "converted"], *[[f"2025-01-{d:02d}", "yes"] for d in range(1, 20)]]),
        2,
    ),
    "400-digit revenues": (
        "res.csv",
        ("customer,converted,revenue\n" + "".join(f"{i},yes,{'9' * 400}\n" for i in IDS)).encode(),
        0,
    ),
    "sales in year 9999": (
        "res.csv",
        (
            "order,date,customer,amount\n"
            + "".join(f"N{n},9999-12-31,{i},12.00\n" for n, i in enumerate(IDS))
        ).encode(),
        2,
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_results_files_get_a_plain_message_in_both_languages(tmp_path, capsys, named, case):
    name, content, expected = HOSTILE[case]
    results = tmp_path / name
    results.write_bytes(content if content is not None else named["project"].read_bytes())
    extra = ["--campaign-date", "2026-02-01"] if "sales" in case else []
    for lang in ("en", "fr"):
        code, err, _ = run_measure(capsys, named["project"], results, tmp_path, *extra, "--lang", lang)
        assert code == expected, err
        assert not PYTHON_WORDS.search(err), err
        if code == EXIT_OK:
            strict_report(tmp_path / "r.json")
        elif "sales" not in case:  # the import's "No row could be kept" names no file
            assert name in err  # the message names the file it is about


def test_a_quote_never_closed_is_named_not_taken_for_an_unknown_customer(tmp_path, capsys, named):
    """The rows after an unclosed quote were one cell: "None of the 1 customers ... is in the
    analysis", or, further down the file, rows lost without a word."""
    lines = [
        "customer,converted",
        *[f"{i},yes" for i in IDS[:10]],
        '"C010,yes',
        *[f"{i},no" for i in IDS[11:]],
    ]
    results = tmp_path / "résultats.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang, words in (("en", 'a quote (") opened there is never closed'), ("fr", "n'est jamais refermé")):
        code, err, _ = run_measure(capsys, named["project"], results, tmp_path, "--lang", lang)
        assert code == EXIT_INPUT, err
        assert words in err and "C010,yes" in err and "résultats.csv" in err, err
    assert not (tmp_path / "m.xlsx").exists()


@pytest.mark.realdata
def test_real_online_retail_amounts_carry_no_mark_and_the_country_says_pounds(online_retail_csv):
    """Online Retail's unit prices are bare numbers: no mark is found in them (none read by
    mistake), so the British customers make the shop's currency the pound, as before."""
    import pandas as pd

    from segmenter_app.core.analysis import Analysis, InputFile
    from segmenter_app.core.currency import currency_symbol, marked_currency

    item = InputFile(
        path=str(online_retail_csv),
        mapping={"UnitPrice": "unit_price", "Quantity": "quantity"},
        size_bytes=online_retail_csv.stat().st_size,
        details={"currency": None},
    )
    assert marked_currency(item) is None and item.details["currency_marks"] == ""
    analysis = Analysis()
    analysis.inputs = [item]
    analysis.customers = pd.DataFrame({"country": ["United Kingdom"] * 9 + ["France"]})
    assert currency_symbol(analysis) == "£"
