"""The whole ``segment`` path on the real UCI Online Retail data (541,909 order lines)."""

from __future__ import annotations

import json
import shutil

import pytest

from segmenter_app.cli import main

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def test_online_retail_csv_gz_end_to_end(tmp_path, online_retail_csv):
    report_path = tmp_path / "report.json"
    out = tmp_path / "online_retail_segments.xlsx"
    code = main(
        ["segment", str(online_retail_csv), "--out", str(out), "--report", str(report_path), "--lang", "en"]
    )
    assert code == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    rows = report["rows"]
    assert rows["read"] == 541_909
    assert rows["read"] == rows["kept"] + sum(rows["excluded"].values())
    # SOURCE.md: 135,080 rows have no CustomerID.
    assert rows["excluded"]["no_customer_id"] == 135_080
    # 4,372 distinct customer ids in the file; a few have nothing but cancellations or zero lines.
    assert 4_300 <= report["customers"] <= 4_372
    assert sum(s["customers"] for s in report["segments"]) == report["customers"]
    assert report["inputs"][0]["mapping"]
    assert out.stat().st_size > 100_000
    # The input was only read.
    assert online_retail_csv.stat().st_size == 7_611_836


def test_same_customers_from_the_original_gzip_and_an_input_copy(tmp_path, online_retail_csv):
    """The gzip is read directly; a plain copy gives the same account and segments."""
    import gzip

    plain = tmp_path / "online_retail.csv"
    with gzip.open(online_retail_csv, "rb") as src, plain.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    reports = []
    for source in (online_retail_csv, plain):
        report_path = tmp_path / f"{source.name}.json"
        assert (
            main(
                [
                    "segment",
                    str(source),
                    "--out",
                    str(tmp_path / f"{source.name}.xlsx"),
                    "--report",
                    str(report_path),
                ]
            )
            == 0
        )
        reports.append(json.loads(report_path.read_text(encoding="utf-8")))
    assert reports[0]["rows"] == reports[1]["rows"]
    assert [(s["key"], s["customers"]) for s in reports[0]["segments"]] == [
        (s["key"], s["customers"]) for s in reports[1]["segments"]
    ]


def test_online_retail_xlsx_copy_gives_the_same_account_and_segments(tmp_path, online_retail_csv):
    """An XLSX copy of the file (as a user who opened and saved it in Excel would have) gives the
    same row account, customers and segment sizes as the original CSV."""
    import pyarrow.csv as pacsv
    import xlsxwriter

    table = pacsv.read_csv(
        online_retail_csv, convert_options=pacsv.ConvertOptions(column_types=None, strings_can_be_null=False)
    ).to_pandas()
    xlsx = tmp_path / "online_retail.xlsx"
    workbook = xlsxwriter.Workbook(str(xlsx), {"constant_memory": True, "default_date_format": "yyyy-mm-dd hh:mm:ss"})
    sheet = workbook.add_worksheet("Online Retail")
    sheet.write_row(0, 0, list(table.columns))
    columns = [table[c].tolist() for c in table.columns]
    for r in range(len(table)):
        sheet.write_row(r + 1, 0, [None if v != v else v for v in (col[r] for col in columns)])
    workbook.close()

    reports = []
    for source in (online_retail_csv, xlsx):
        report_path = tmp_path / f"{source.name}.json"
        assert (
            main(
                [
                    "segment",
                    str(source),
                    "--out",
                    str(tmp_path / f"{source.stem}-out.xlsx"),
                    "--report",
                    str(report_path),
                ]
            )
            == 0
        )
        reports.append(json.loads(report_path.read_text(encoding="utf-8")))
    csv_report, xlsx_report = reports
    assert xlsx_report["inputs"][0]["format"] == "xlsx"
    assert xlsx_report["rows"]["read"] == 541_909
    assert xlsx_report["rows"]["excluded"] == csv_report["rows"]["excluded"]
    assert xlsx_report["customers"] == csv_report["customers"]
    assert {s["key"]: s["customers"] for s in xlsx_report["segments"]} == {
        s["key"]: s["customers"] for s in csv_report["segments"]
    }
