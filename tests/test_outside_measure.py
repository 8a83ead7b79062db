"""An outside check of ``measure`` on results it had never seen: French sheets with "x" flags and
"12,50 €", rows pasted twice, ids that lost their leading zeros, sales exports whose columns look
like a results sheet, exports that cover only part of the campaign's window.

The figures are checked by hand: conversions, revenue and the uplift are recomputed here from the
project's own control flags. Files are built in ``tmp_path``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_hostile import cli, sales_csv

from segmenter_app.cli import EXIT_INPUT, EXIT_OK, main
from segmenter_app.core import project


def digit_shop(path: Path, customers: int = 40) -> Path:
    """A shop whose customer ids are numbers written with leading zeros ("00007"), 1 to 4
    orders each over 2025."""
    rows = []
    for c in range(1, customers + 1):
        for k in range(1 + c % 4):
            month, day = 1 + (c * 3 + k * 5) % 12, 1 + (c * 7 + k) % 28
            rows.append(
                (f"O{c}-{k}", f"2025-{month:02d}-{day:02d}", f"{c:05d}", 5.0 + (c * 37 + k * 11) % 190)
            )
    return sales_csv(path, rows)


@pytest.fixture(scope="module")
def digits(tmp_path_factory) -> tuple[Path, Path]:
    """(sales file, saved project) of the digit-id shop, segmented with a 20% control group."""
    folder = tmp_path_factory.mktemp("digits")
    sales = digit_shop(folder / "ventes.csv")
    saved = folder / "boutique.segmenter"
    code = main(
        [
            "segment",
            str(sales),
            "--out",
            str(folder / "s.xlsx"),
            "--save-project",
            str(saved),
            "--control-share",
            "0.2",
            "--seed",
            "3",
        ]
    )
    assert code == EXIT_OK
    return sales, saved


def control_flags(saved: Path) -> dict[str, bool]:
    """Customer id -> in the control group, as the project holds it."""
    assignments = project.load_project(saved).segmentation.assignments
    return {str(i): bool(c) for i, c in assignments["control"].items()}


def run_measure(capsys, saved: Path, results: Path, tmp_path: Path, *options: str) -> tuple[int, str, dict]:
    """``measure`` with a report; the exit code, standard error and the report (or {})."""
    report = tmp_path / "r.json"
    report.unlink(missing_ok=True)
    code, err = cli(
        capsys,
        "measure",
        str(saved),
        str(results),
        "--out",
        str(tmp_path / "m.xlsx"),
        "--report",
        str(report),
        *options,
    )
    return code, err, (json.loads(report.read_text(encoding="utf-8")) if report.exists() else {})


# --- A French results sheet, checked by hand ----------------------------------------------------------


def test_french_sheet_with_x_flags_euros_and_pasted_rows_gives_the_hand_figures(tmp_path, capsys, digits):
    """Every third customer converted ("x", else empty) for "12,50 €" (every sixth "1 000,00 €");
    three rows pasted twice at the end. Windows encoding, semicolons, an accented file name."""
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    converted = {cid: n % 3 == 0 for n, cid in enumerate(ids)}
    revenue = {cid: (1000.0 if n % 6 == 0 else 12.5) if converted[cid] else 0.0 for n, cid in enumerate(ids)}
    lines = ["N° client;Converti;Chiffre d'affaires"]
    for cid in ids:
        amount = "1 000,00 €" if revenue[cid] == 1000.0 else ("12,50 €" if revenue[cid] else "")
        lines.append(f"{cid};{'x' if converted[cid] else ''};{amount}")
    lines += lines[1:4]  # pasted twice: must not count twice
    results = tmp_path / "résultats été.csv"
    results.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))

    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "fr")
    assert code == EXIT_OK, err

    contacted = [c for c in ids if not control[c]]
    held = [c for c in ids if control[c]]
    assert held and contacted
    total = report["total"]
    assert total["contacted"] == len(contacted)
    assert total["conversions"] == sum(converted[c] for c in contacted)
    assert total["revenue"] == pytest.approx(sum(revenue[c] for c in contacted))
    assert total["control_conversions"] == sum(converted[c] for c in held)
    assert total["control_revenue"] == pytest.approx(sum(revenue[c] for c in held))
    rate_t = sum(converted[c] for c in contacted) / len(contacted)
    rate_c = sum(converted[c] for c in held) / len(held)
    assert total["uplift"] == pytest.approx(rate_t - rate_c, abs=1e-4)
    per_customer = sum(revenue[c] for c in contacted) / len(contacted) - sum(revenue[c] for c in held) / len(
        held
    )
    assert total["revenue_uplift"] == pytest.approx(per_customer, abs=0.01)
    assert report["results"]["rows_read"] == len(ids) + 3
    assert report["results"]["excluded"] == {"duplicate": 3}
    assert sum(s["conversions"] for s in report["segments"]) == total["conversions"]


def test_two_purchases_of_one_customer_still_add_up(tmp_path, capsys, digits):
    """Only exact copies are left out: two different rows of one customer are two purchases."""
    _, saved = digits
    control = control_flags(saved)
    buyer = next(c for c in sorted(control) if not control[c])
    lines = ["customer,converted,revenue"] + [f"{c},no,0" for c in sorted(control) if c != buyer]
    lines += [f"{buyer},yes,10.00", f"{buyer},yes,15.00"]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    assert report["total"]["conversions"] == 1
    assert report["total"]["revenue"] == pytest.approx(25.0)
    assert report["results"]["excluded"] == {}


# --- Ids written another way --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spell",
    [
        lambda cid: str(int(cid)),  # a spreadsheet dropped the leading zeros: "7"
        lambda cid: f"{int(cid)}.0",  # ...then wrote it as a float: "7.0"
        lambda cid: f"'{cid}",  # Excel's text marker kept: "'00007"
        lambda cid: f"0{cid}",  # padded to one more digit: "000007"
    ],
    ids=["no zeros", "float", "apostrophe", "padded"],
)
def test_ids_that_lost_or_gained_leading_zeros_are_matched(tmp_path, capsys, digits, spell):
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    lines = ["customer_id,converted,revenue"] + [
        f"{spell(c)},{'yes' if n % 2 else 'no'},{'20' if n % 2 else '0'}" for n, c in enumerate(ids)
    ]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    expected = sum(1 for n, c in enumerate(ids) if n % 2 and not control[c])
    assert report["total"]["conversions"] == expected
    assert report["results"]["unmatched_customers"] == 0
    # Excel's text marker is dropped when ids are read (values.normalize_ids): "'00007" is the id
    # "00007" itself, matched exactly; the other spellings need the loose match.
    loosely = 0 if spell("00007").startswith("'") else len(ids)
    assert report["results"]["details"]["ids_matched_loosely"] == loosely


def test_an_id_two_customers_could_be_stays_unmatched(tmp_path):
    """ "4" is "004" or "4"? When both are customers, neither is guessed."""
    import pandas as pd

    from segmenter_app.core.measure.matching import loose_id_map

    known = pd.Index(["004", "4", "00017", "A12"])
    found = loose_id_map(pd.Series(["0004", "17", "a12", "4", "99", None]), known)
    assert pd.isna(found.iloc[0])  # "0004": "004" or "4"
    assert found.iloc[1] == "00017" and found.iloc[2] == "A12"
    assert pd.isna(found.iloc[3])  # "4" is known as written: not rewritten
    assert pd.isna(found.iloc[4]) and pd.isna(found.iloc[5])


def test_later_sales_export_that_lost_the_leading_zeros_measures_the_same_customers(tmp_path, capsys, digits):
    """The later export went through a spreadsheet: "00007" became "7". Its buyers are the
    project's customers, not new ones."""
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    buyers = ids[::2]
    rows = [(f"N{n}", "2026-02-10", str(int(cid)), 30.0) for n, cid in enumerate(buyers)]
    later = sales_csv(tmp_path / "ventes 2026.csv", rows)
    code, err, report = run_measure(
        capsys, saved, later, tmp_path, "--campaign-date", "2026-02-01", "--window-days", "30", "--lang", "en"
    )
    assert code == EXIT_OK, err
    assert report["total"]["conversions"] == sum(1 for c in buyers if not control[c])
    assert report["total"]["control_conversions"] == sum(1 for c in buyers if control[c])
    assert report["total"]["revenue"] == pytest.approx(30.0 * sum(1 for c in buyers if not control[c]))
    assert report["results"]["unmatched_customers"] == 0
    assert report["results"]["details"]["ids_matched_loosely"] == len(buyers)


# --- Sales exports whose headers look like a results sheet ----------------------------------------------


@pytest.mark.parametrize("header", ["Result", "Résultat", "Total"])
def test_sales_export_with_a_result_amount_column_is_read_as_sales(tmp_path, capsys, digits, header):
    """A "Result" column of amounts is not a yes/no column: the file is a sales export, and its
    purchases in the window are the conversions (it was read as a results sheet with 0 conversions)."""
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    lines = [f"Order,Date,Customer,{header}"] + [
        f"N{n},2026-03-05,{cid},12.50" for n, cid in enumerate(ids[:10])
    ]
    later = tmp_path / "later.csv"
    later.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(
        capsys, saved, later, tmp_path, "--campaign-date", "2026-03-01", "--lang", "en"
    )
    assert code == EXIT_OK, err
    assert report["results"]["kind"] == "sales"
    assert report["total"]["conversions"] == sum(1 for c in ids[:10] if not control[c])


def test_results_sheet_with_yes_no_result_column_is_still_a_results_sheet(tmp_path, capsys, digits):
    _, saved = digits
    ids = sorted(control_flags(saved))
    lines = ["Customer,Result"] + [f"{cid},{'yes' if n % 4 == 0 else 'no'}" for n, cid in enumerate(ids)]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    assert report["results"]["kind"] == "campaign"


# --- Exports that cover part of the window ----------------------------------------------------------


@pytest.mark.parametrize(
    ("campaign", "first", "last"),
    [("2026-01-20", "2026-02-01", "2026-02-18"), ("2026-02-25", "2026-02-25", "2026-02-28")],
    ids=["starts after the campaign", "ends before the window"],
)
def test_export_covering_part_of_the_window_is_said(tmp_path, capsys, digits, campaign, first, last):
    _, saved = digits
    ids = sorted(control_flags(saved))
    rows = [(f"N{n}", f"2026-02-{1 + n % 28:02d}", cid, 20.0) for n, cid in enumerate(ids)]
    later = sales_csv(tmp_path / "later.csv", rows)
    for lang, words in (("en", "covers only"), ("fr", "ne couvre que")):
        code, err, report = run_measure(
            capsys, saved, later, tmp_path, "--campaign-date", campaign, "--lang", lang
        )
        assert code == EXIT_OK, err
        alerts = [a for a in report["alerts"] if a["kind"] == "window_partly_covered"]
        assert len(alerts) == 1 and first in alerts[0]["text"] and last in alerts[0]["text"]
        assert words in err  # said on the terminal too
        details = report["results"]["details"]
        assert (details["window_covered_from"], details["window_covered_to"]) == (first, last)


def test_export_covering_the_whole_window_gives_no_alert(tmp_path, capsys, digits):
    _, saved = digits
    ids = sorted(control_flags(saved))
    rows = [(f"N{n}", f"2026-{1 + n % 3:02d}-{1 + n % 28:02d}", cid, 20.0) for n, cid in enumerate(ids)]
    later = sales_csv(tmp_path / "later.csv", rows)
    code, err, report = run_measure(
        capsys, saved, later, tmp_path, "--campaign-date", "2026-01-15", "--lang", "en"
    )
    assert code == EXIT_OK, err
    assert not [a for a in report["alerts"] if a["kind"] == "window_partly_covered"]
    assert "covers only" not in err


def test_results_sheet_of_unknown_ids_only_is_refused_in_french(tmp_path, capsys, digits):
    _, saved = digits
    results = tmp_path / "res.csv"
    results.write_text("client;converti\nZ1;oui\nZ2;non\n", encoding="utf-8")
    code, err, _ = run_measure(capsys, saved, results, tmp_path, "--lang", "fr")
    assert code == EXIT_INPUT
    assert "Aucun des 2 clients" in err


# --- Revenue cells that cannot be read ----------------------------------------------------------------


def test_unreadable_revenue_cells_are_counted_and_said(tmp_path, capsys, digits):
    """ "abc" or "voir facture" in the revenue of a converted customer: the conversion counts, the
    revenue is missing, and the report and the terminal say how many (they were silently 0)."""
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    bad = {ids[0], ids[1], ids[2]}
    lines = ["client;converti;montant"] + [f"{c};oui;{'voir facture' if c in bad else '10,00'}" for c in ids]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for lang, words in (
        ("en", "could not be read as amounts"),
        ("fr", "n'ont pas pu être lues comme des montants"),
    ):
        code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", lang)
        assert code == EXIT_OK, err
        assert report["results"]["details"]["unreadable_revenue"] == 3
        contacted = [c for c in ids if not control[c]]
        assert report["total"]["conversions"] == len(contacted)
        assert report["total"]["revenue"] == pytest.approx(10.0 * sum(1 for c in contacted if c not in bad))
        alerts = [a for a in report["alerts"] if a["kind"] == "unreadable_revenue"]
        assert len(alerts) == 1 and alerts[0]["text"].startswith("3 ")
        assert words in err


# --- Comparing with another project -----------------------------------------------------------------


def test_compare_with_a_project_of_another_shop_is_refused(tmp_path, capsys, digits):
    """No customer in common: the "migration" said every customer had left the best segments."""
    from test_cli_hostile import shop_csv

    _, saved = digits
    other = tmp_path / "autre boutique.segmenter"
    shop = shop_csv(tmp_path / "other.csv")
    assert (
        main(["segment", str(shop), "--out", str(tmp_path / "o.xlsx"), "--save-project", str(other)])
        == EXIT_OK
    )
    results = tmp_path / "res.csv"
    results.write_text("customer,converted\n" + "".join(f"{c},yes\n" for c in sorted(control_flags(saved))))
    for lang, words in (("en", "shares no customer"), ("fr", "aucun client en commun")):
        code, err, _ = run_measure(capsys, saved, results, tmp_path, "--compare", str(other), "--lang", lang)
        assert code == EXIT_INPUT, err
        assert words in err
    assert not (tmp_path / "m.xlsx").exists()


def test_compare_with_a_project_without_segments_is_a_user_error(tmp_path, capsys, digits):
    """It crashed (exit 1) in the migration."""
    from segmenter_app.core import project as projects

    _, saved = digits
    analysis = projects.load_project(saved)
    analysis.segmentation = None
    bare = projects.save_project(analysis, tmp_path / "sans segments.segmenter")
    results = tmp_path / "res.csv"
    results.write_text("customer,converted\n" + "".join(f"{c},yes\n" for c in sorted(control_flags(saved))))
    for lang, words in (("en", "has no segments yet"), ("fr", "n'a pas encore de segments")):
        code, err, _ = run_measure(capsys, saved, results, tmp_path, "--compare", str(bare), "--lang", lang)
        assert code == EXIT_INPUT, err
        assert words in err and "sans segments.segmenter" in err


# --- How a sheet says "converted" ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "no"),
    [("✓", ""), ("✔", "✗"), ("☑", "☐"), ("+", "-"), ("1.0", "0.0"), ("Convertie", "aucun"), ("Achat", "—")],
)
def test_check_marks_and_other_ways_of_saying_yes(tmp_path, capsys, digits, yes, no):
    """A ticked cell ("✓") read as "not converted" (its normalized text is empty, like a blank)."""
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    lines = ["client;converti"] + [f"{c};{yes if n % 2 == 0 else no}" for n, c in enumerate(ids)]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "fr")
    assert code == EXIT_OK, err
    assert report["total"]["conversions"] == sum(
        1 for n, c in enumerate(ids) if n % 2 == 0 and not control[c]
    )
    assert report["total"]["control_conversions"] == sum(
        1 for n, c in enumerate(ids) if n % 2 == 0 and control[c]
    )
    assert report["results"]["excluded"] == {}


def test_a_cell_of_unknown_symbols_is_unreadable_not_no(tmp_path, capsys, digits):
    _, saved = digits
    ids = sorted(control_flags(saved))
    lines = ["client;converti"] + [f"{c};{'?' if n < 4 else 'non'}" for n, c in enumerate(ids)]
    results = tmp_path / "res.csv"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--lang", "en")
    assert code == EXIT_OK, err
    assert report["results"]["excluded"] == {"unreadable_converted": 4}


# --- Workbooks whose results are not on the first sheet ----------------------------------------------


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_results_on_the_second_sheet_after_a_notes_sheet(tmp_path, capsys, digits):
    """It said "no column naming the customer", reading only the notes."""
    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)
    rows = [["N° client", "Converti", "Montant"]] + [
        [c, "oui" if n % 3 == 0 else "non", 12.5 if n % 3 == 0 else None] for n, c in enumerate(ids)
    ]
    book = _workbook(
        tmp_path / "campagne printemps.xlsx",
        {"Notes": [["Campagne de printemps"], ["Envoyée le 2 mars"]], "Résultats": rows},
    )
    code, err, report = run_measure(capsys, saved, book, tmp_path, "--lang", "fr")
    assert code == EXIT_OK, err
    contacted = [c for n, c in enumerate(ids) if n % 3 == 0 and not control[c]]
    assert report["total"]["conversions"] == len(contacted)
    assert report["total"]["revenue"] == pytest.approx(12.5 * len(contacted))
    assert report["results"]["details"]["sheet"] == "Résultats"


def test_sales_export_on_the_second_sheet(tmp_path, capsys, digits):
    import datetime as dt

    _, saved = digits
    control = control_flags(saved)
    ids = sorted(control)[:12]
    rows = [["Commande", "Date", "Client", "Montant"]] + [
        [f"N{n}", dt.datetime(2026, 3, 3), c, 40.0] for n, c in enumerate(ids)
    ]
    book = _workbook(tmp_path / "ventes.xlsx", {"Lisez-moi": [["Export du 31 mars"]], "Ventes": rows})
    code, err, report = run_measure(
        capsys, saved, book, tmp_path, "--campaign-date", "2026-03-01", "--lang", "en"
    )
    assert code == EXIT_OK, err
    assert report["results"]["kind"] == "sales"
    assert report["total"]["conversions"] == sum(1 for c in ids if not control[c])


# --- Real data: a later export of another format, checked by hand ----------------------------------------


@pytest.mark.realdata
@pytest.mark.slow
def test_real_later_export_in_french_format_matches_a_hand_count(tmp_path, capsys, online_retail_csv):
    """Online Retail up to March 2011 makes the project; its March-April lines, re-exported the
    French way (semicolons, Windows encoding, renamed columns, dd/mm/yyyy, decimal commas), are
    the later export. Conversions and revenue are counted here with pandas: exact duplicates and
    the non-product codes (POST, M, DOT...) left out, net amount per customer in the window."""
    import pandas as pd

    raw = pd.read_csv(online_retail_csv, dtype=str)
    when = pd.to_datetime(raw["InvoiceDate"])
    before = raw[when < "2011-03-01"]
    before.to_csv(tmp_path / "before.csv", index=False)
    later = raw[(when >= "2011-03-01") & (when < "2011-05-01")].copy()
    saved = tmp_path / "retail.segmenter"
    code = main(
        [
            "segment",
            str(tmp_path / "before.csv"),
            "--out",
            str(tmp_path / "s.xlsx"),
            "--save-project",
            str(saved),
        ]
    )
    assert code == EXIT_OK
    french = pd.DataFrame(
        {
            "N° facture": later["InvoiceNo"],
            "Référence": later["StockCode"],
            "Désignation": later["Description"],
            "Quantité": later["Quantity"],
            "Date": pd.to_datetime(later["InvoiceDate"]).dt.strftime("%d/%m/%Y %H:%M"),
            "Prix unitaire": later["UnitPrice"].str.replace(".", ",", regex=False),
            "Code client": later["CustomerID"],
            "Pays": later["Country"],
        }
    )
    export = tmp_path / "ventes mars-avril.csv"
    french.to_csv(export, sep=";", index=False, encoding="cp1252", errors="replace")

    code, err, report = run_measure(
        capsys,
        saved,
        export,
        tmp_path,
        "--campaign-date",
        "2011-03-10",
        "--window-days",
        "30",
        "--lang",
        "fr",
    )
    assert code == EXIT_OK, err

    control = control_flags(saved)
    lines = later.drop_duplicates()
    day = pd.to_datetime(lines["InvoiceDate"])
    lines = lines[(day >= "2011-03-10") & (day < "2011-04-09") & lines["StockCode"].str.match(r"^\d")]
    lines = lines.assign(
        customer=lines["CustomerID"].str.replace(".0", "", regex=False),
        amount=pd.to_numeric(lines["Quantity"]) * pd.to_numeric(lines["UnitPrice"]),
    )
    spent = lines[lines["customer"].isin(control)].groupby("customer")["amount"].sum()
    held = pd.Series(control).reindex(spent.index)
    total = report["total"]
    assert total["conversions"] == int(((spent > 0) & ~held).sum())
    assert total["control_conversions"] == int(((spent > 0) & held).sum())
    assert total["revenue"] == pytest.approx(float(spent[~held].sum()), abs=0.01)
    assert total["control_revenue"] == pytest.approx(float(spent[held].sum()), abs=0.01)
    assert report["results"]["rows_read"] == len(later)


@pytest.mark.parametrize("workbook_lang", ["en", "fr"])
def test_segmenters_own_workbook_given_as_results_is_named_as_such(tmp_path, capsys, digits, workbook_lang):
    """Its segment sheets (customer, dates, spend) passed for a sales export: "give the campaign
    date", then "the sales run from ... to ..."."""
    sales, saved = digits
    book = tmp_path / "segments.xlsx"
    assert main(["segment", str(sales), "--out", str(book), "--lang", workbook_lang]) == EXIT_OK
    for lang, words in (
        ("en", "is a workbook written by Segmenter"),
        ("fr", "est un classeur écrit par Segmenter"),
    ):
        for extra in ([], ["--campaign-date", "2026-01-15"]):
            code, err, _ = run_measure(capsys, saved, book, tmp_path, *extra, "--lang", lang)
            assert code == EXIT_INPUT, err
            assert words in err, err


def test_compare_with_an_older_project_runs_forward_in_time(tmp_path, capsys, digits):
    """The project measured is the newer one, the compared one older: the migration goes from the
    older to the newer (it went backwards, saying grown segments had shrunk)."""
    sales, saved = digits
    older = tmp_path / "mars.segmenter"
    args = ["segment", str(sales), "--out", str(tmp_path / "o.xlsx"), "--as-of", "2025-06-01"]
    assert main([*args, "--save-project", str(older), "--seed", "3"]) == EXIT_OK
    results = tmp_path / "res.csv"
    results.write_text("customer,converted\n" + "".join(f"{c},yes\n" for c in sorted(control_flags(saved))))
    _, _, forward = run_measure(capsys, older, results, tmp_path, "--compare", str(saved), "--lang", "en")
    code, err, report = run_measure(capsys, saved, results, tmp_path, "--compare", str(older), "--lang", "en")
    assert code == EXIT_OK, err
    migration = report["migration"]
    assert migration["from"] == "2025-06-01" and migration["from"] < migration["to"]
    assert migration["customers_before"] == forward["migration"]["customers_before"]
    assert migration["matrix"] == forward["migration"]["matrix"]
