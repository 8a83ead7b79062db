"""An outside check of larger inputs than ours: wide exports (hundreds of extra columns), long
ones (millions of lines), many files at once, a huge cell, a huge line.

The big runs were measured by hand (see the lead's notes); the tests here check each mechanism
at a small size, with its limit lowered through a parameter or a monkeypatch.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
from export_fixtures import make_analysis
from test_cli_hostile import sales_csv, shop_csv
from test_segmentation_data import synthetic_analysis

from segmenter_app.cli import EXIT_INPUT, EXIT_OK, main
from segmenter_app.core import identity
from segmenter_app.core.collect import preview_file
from segmenter_app.core.export import other_sheets, write_workbook
from segmenter_app.core.reading import excel, table
from segmenter_app.core.segmentation import criteria

# --- Wide files: the Excluded rows sheet --------------------------------------------------------


def test_excluded_rows_of_a_wide_export_keep_role_columns_and_say_what_was_left_out(tmp_path, monkeypatch):
    # A 1,000-column export with 10,000 excluded rows took 21 s to write its Excluded rows
    # (10 million cells of product options and UTM fields); past a budget of cells the columns
    # without a role are left out, the ones with a role kept, and the Method sheet says so.
    analysis = make_analysis(20)
    excluded = analysis.excluded.reset_index(drop=True)
    rows = len(excluded)
    extra = pd.DataFrame({f"utm_{i}": [f"v{i}"] * rows for i in range(30)})
    analysis.excluded = pd.concat([excluded, extra], axis=1)
    monkeypatch.setattr(other_sheets, "EXCLUDED_EXTRA_CELLS", rows * 10)
    for lang, words in (("en", "20 columns without a role"), ("fr", "20 colonnes sans rôle")):
        analysis.lang = lang
        out = tmp_path / f"w_{lang}.xlsx"
        write_workbook(analysis, out)
        wb = openpyxl.load_workbook(out, read_only=True)
        sheet = wb.worksheets[-2]  # Excluded rows, before Method
        header = next(sheet.iter_rows(max_row=1, values_only=True))
        # The file's columns with a role (Client, Montant, and Email the pseudonym-free export
        # keeps) all stay, then the first 10 columns without a role.
        assert "Client" in header and "Montant" in header
        assert [h for h in header if str(h).startswith("utm_")] == [f"utm_{i}" for i in range(10)]
        assert len(list(sheet.iter_rows(min_row=2, values_only=True))) == rows
        method = [str(v) for row in wb.worksheets[-1].iter_rows(values_only=True) for v in row if v]
        assert any(words in v and sheet.title in v for v in method), method
        wb.close()


def test_excluded_rows_under_the_budget_keep_every_column(tmp_path):
    analysis = make_analysis(20)
    excluded = analysis.excluded.reset_index(drop=True)
    extra = pd.DataFrame({f"utm_{i}": ["x"] * len(excluded) for i in range(30)})
    analysis.excluded = pd.concat([excluded, extra], axis=1)
    out = tmp_path / "w.xlsx"
    write_workbook(analysis, out)
    wb = openpyxl.load_workbook(out, read_only=True)
    header = next(wb["Excluded rows"].iter_rows(max_row=1, values_only=True))
    assert sum(str(h).startswith("utm_") for h in header) == 30
    method = [str(v) for row in wb["Method"].iter_rows(values_only=True) for v in row if v]
    assert not any("without a role" in v for v in method)


# --- Wide files: the preview of a workbook whose sheet does not say its size --------------------


def _orders_xlsx(path: Path, *, dimension: bool) -> Path:
    """A small orders workbook; without ``dimension`` its sheet XML lacks ``<dimension>``, as
    some exporters write it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Orders"
    ws.append(["Order", "Date", "Customer", "Amount"])
    for i in range(30):
        ws.append([f"A{i}", dt.datetime(2025, 1, 1 + i % 28), f"C{i % 7}", 10.0 + i])
    wb.save(path)
    if not dimension:
        with zipfile.ZipFile(path) as zin:
            parts = {name: zin.read(name) for name in zin.namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = re.sub(rb"<dimension[^>]*/>", b"", parts[sheet])
        assert b"<dimension" not in parts[sheet]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for name, data in parts.items():
                zout.writestr(name, data)
    return path


def test_preview_of_a_sheet_without_its_size_does_not_go_through_openpyxl(tmp_path, monkeypatch):
    # openpyxl's streaming mode parses the whole sheet in Python when <dimension> is missing
    # before it gives the first row: 85 s for the first rows of a 93 MB export (the preview, and
    # the currency sample the Act step takes). calamine reads it (7-10 s for the same sheet).
    calls: list[str] = []
    original = excel.read_xlsx_head

    def spy(path, sheet, nrows):
        calls.append(Path(path).name)
        return original(path, sheet, nrows)

    monkeypatch.setattr(excel, "read_xlsx_head", spy)
    without = preview_file(_orders_xlsx(tmp_path / "without.xlsx", dimension=False), rows=10)
    with_size = preview_file(_orders_xlsx(tmp_path / "with.xlsx", dimension=True), rows=10)
    assert calls == ["with.xlsx"]
    for found in (without, with_size):
        assert found["columns"] == ["Order", "Date", "Customer", "Amount"]
        assert len(found["rows"]) == 10


# --- A customers file beside the orders: customers matched across files -----------------------


def test_customers_matched_across_files_are_listed_at_once(tmp_path):
    # 100,000 customers in a customers file beside an orders file: 18,000 of them matched, and
    # listing them took 60 s (pandas calls per customer). Here 3,000 customers, linked by id,
    # by email or by phone, must be listed in a second, with what linked them.
    n = 3000
    ids = [f"C{i}" for i in range(n)]
    orders = pd.DataFrame({"file": 0, "id": ids, "email": None, "phone": None})
    people = pd.DataFrame(
        {
            "file": 1,
            "id": [f"K{i}" for i in range(n)],
            "email": [f"e{i}" if i % 3 == 1 else None for i in range(n)],
            "phone": [f"p{i}" if i % 3 == 2 else None for i in range(n)],
        }
    )
    orders.loc[orders.index % 3 == 1, "email"] = [f"e{i}" for i in range(1, n, 3)]
    orders.loc[orders.index % 3 == 2, "phone"] = [f"p{i}" for i in range(2, n, 3)]
    rows = pd.concat([orders, people], ignore_index=True)
    # Customer i is one component across both files: by id for i % 3 == 0 (same id in both).
    rows.loc[(rows["file"] == 1) & (rows.index % 3 == 0), "id"] = [f"C{i}" for i in range(0, n, 3)]
    rows["component"] = list(range(n)) * 2
    rows["customer"] = [f"C{i}" for i in range(n)] * 2
    start = time.perf_counter()
    found = identity._matches(rows, ["/a/orders.csv", "/b/people.csv"])
    assert time.perf_counter() - start < 1.5
    assert len(found) == n
    assert [m["via"] for m in found[:3]] == ["id", "email", "phone"]
    assert found[1] == {
        "customer_id": "C1",
        "via": "email",
        "sources": ["/a/orders.csv", "/b/people.csv"],
        "ids": {"orders.csv": ["C1"], "people.csv": ["K1"]},
    }
    assert found[0]["ids"] == {"orders.csv": ["C0"], "people.csv": ["C0"]}


# --- A customers file with 200 columns: the criteria a shop owner can choose among -------------


def test_catalogue_offers_the_best_filled_columns_of_a_wide_customers_file_and_says_the_rest():
    # A customers file of 200 columns (scores, preferences, custom fields) gave 218 criteria to
    # choose from. The app's own criteria all stay; of the file's columns at most MAX_ATTRIBUTES,
    # the best filled, and none that cannot group customers.
    analysis = synthetic_analysis(400)
    customers = analysis.customers
    n = len(customers)
    own = [c for c in criteria.catalogue(analysis)["criterion"]]
    extra = {}
    for j in range(30):
        extra[f"Score {j}"] = [float((i * (j + 1)) % 97) if i % (j + 2) else None for i in range(n)]
    extra["Tag"] = ["vip" if i % 30 == 0 else None for i in range(n)]  # 1 value, on some: groups
    extra["Empty"] = [None] * n
    extra["Same"] = ["x"] * n
    extra["Signup"] = [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)]  # 300+ values
    analysis.customers = pd.concat([customers, pd.DataFrame(extra, index=customers.index)], axis=1)
    analysis.criteria = ["Score 29"]  # chosen: offered whatever its rank
    table = criteria.catalogue(analysis)
    offered = [c for c in table["criterion"] if c not in own]
    assert len(offered) == criteria.MAX_ATTRIBUTES + 1
    assert "Score 29" in offered and "Tag" not in offered  # Tag is less filled than 20 scores
    # Score j is blank for one customer in j + 2: the best filled are the last ones.
    assert {f"Score {j}" for j in range(9, 30)} == set(offered) - {"Tag"}
    left = table.attrs["left_out"]
    assert left["no_value"] == ["Empty"] and left["one_value"] == ["Same"]
    assert left["too_many_values"] == ["Signup"]
    assert sorted(left["over_limit"]) == sorted([f"Score {j}" for j in range(9)] + ["Tag"])
    assert criteria.left_out_text(table, "en") == (
        "13 more columns of your files are not offered as criteria: 1 without any value, 1 with the "
        "same value for every customer, 1 with too many different values to group customers, "
        "10 past the 20 offered (the best filled come first)."
    )
    assert criteria.left_out_text(table, "fr").startswith("13 autres colonnes de vos fichiers")
    assert criteria.left_out_text(criteria.catalogue(synthetic_analysis(50)), "en") is None


# --- Mailing files: an empty folder is said -----------------------------------------------------


def test_mailing_folder_left_empty_is_said_in_the_report_and_on_standard_error(tmp_path, capsys):
    # 3 million order lines without an email column: --csv-dir wrote no file and said nothing.
    shop = shop_csv(tmp_path / "shop.csv")
    for lang, words in (("en", "No mailing file was written"), ("fr", "Aucun fichier d'envoi")):
        report = tmp_path / f"r_{lang}.json"
        args = ["segment", str(shop), "--out", str(tmp_path / f"o_{lang}.xlsx"), "--report", str(report)]
        code = main([*args, "--csv-dir", str(tmp_path / f"mail_{lang}"), "--lang", lang])
        assert code == EXIT_OK
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["output"]["csv_files"] == []
        assert sum(words in w for w in data["warnings"]) == 1
        assert words in capsys.readouterr().err
    # With emails the files are written and nothing is said.
    emails = [f"c{c}@example.org" for c in range(40) for _ in range(1 + c % 4)]
    rows = [line.split(",") for line in shop.read_text(encoding="utf-8").splitlines()[1:]]
    with_email = sales_csv(
        tmp_path / "shop_email.csv", [(o, d, c, float(a)) for o, d, c, a in rows], {"email": emails}
    )
    report = tmp_path / "r.json"
    args = ["segment", str(with_email), "--out", str(tmp_path / "o.xlsx"), "--report", str(report)]
    assert main([*args, "--csv-dir", str(tmp_path / "mail")]) == EXIT_OK
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["output"]["csv_files"] and not any("mailing" in w for w in data["warnings"])


# --- A text file wider than Excel ---------------------------------------------------------------


def test_a_text_file_wider_than_excel_is_refused_before_it_is_read(tmp_path, capsys, monkeypatch):
    # A one-line file of 200,000 columns took 34 s and 1.8 GB before a message about missing
    # customer columns; now 2 s and 0.18 GB to say how wide it is. The limit is lowered here.
    monkeypatch.setattr(table, "MAX_COLUMNS", 12)
    header = ["order", "date", "customer", "amount"] + [f"utm_{i}" for i in range(9)]
    line = ["A1", "2025-01-02", "C1", "10.00"] + ["x"] * 9
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(header) + "\n" + ",".join(line) + "\n", encoding="utf-8")
    for lang, words in (
        ("en", "has 13 columns; at most 12 can be read"),
        ("fr", "a 13 colonnes ; au plus 12"),
    ):
        code = main(["segment", str(wide), "--out", str(tmp_path / "o.xlsx"), "--lang", lang])
        assert code == EXIT_INPUT
        assert words in capsys.readouterr().err
    narrow = tmp_path / "narrow.csv"
    narrow.write_text(",".join(header[:12]) + "\n" + ",".join(line[:12]) + "\n", encoding="utf-8")
    assert list(table.read_table(narrow).frame.columns) == header[:12]


# --- Long files: excluded rows past one sheet, their cells made one sheet at a time ---------------


def test_excluded_rows_past_a_sheet_continue_and_are_made_one_sheet_at_a_time(tmp_path, monkeypatch):
    # A 300 MB file of one line repeated: 13 million duplicate rows on 13 sheets, fine, but every
    # cell was a Python object at once (8.9 GB). Now each sheet's cells are made in turn.
    analysis = make_analysis(20)
    base = analysis.excluded.reset_index(drop=True)
    excluded = pd.concat([base] * 25, ignore_index=True)
    excluded["source_row"] = range(2, len(excluded) + 2)
    analysis.excluded = excluded
    sizes: list[int] = []
    made = other_sheets._excluded_columns

    def spy(rows, *args):
        sizes.append(len(rows))
        return made(rows, *args)

    monkeypatch.setattr(other_sheets, "_excluded_columns", spy)
    out = tmp_path / "long.xlsx"
    stats = write_workbook(analysis, out, max_rows=31)  # 30 rows per sheet
    total = len(excluded)
    assert sizes == [30] * (total // 30) + ([total % 30] if total % 30 else [])
    names = ["Excluded rows"] + [f"Excluded rows ({n})" for n in range(2, len(sizes) + 1)]
    assert [stats["rows"][name] for name in names] == sizes
    wb = openpyxl.load_workbook(out, read_only=True)
    rows = [r for name in names for r in wb[name].iter_rows(min_row=2, values_only=True)]
    assert [r[1] for r in rows] == list(range(2, total + 2))  # every row once, in order
    assert next(wb[names[-1]].iter_rows(max_row=1, values_only=True))[:3] == ("File", "Row in file", "Reason")
