"""The whole ``segment`` path on the real UCI Online Retail data (541,909 order lines)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from segmenter_app.cli import main
from tests.conftest import shared_file

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def segment_report(source: Path, folder: Path) -> dict:
    """Run ``segment`` on ``source`` as a user would and return its JSON report."""
    report_path = folder / f"{source.name}.json"
    out = folder / f"{source.stem}-segments.xlsx"
    assert (
        main(["segment", str(source), "--out", str(out), "--report", str(report_path), "--lang", "en"]) == 0
    )
    return json.loads(report_path.read_text(encoding="utf-8"))


def segment_sizes(report: dict) -> dict[str, int]:
    """Customers per segment key."""
    return {s["key"]: s["customers"] for s in report["segments"]}


@pytest.fixture(scope="module")
def csv_report(tmp_path_factory) -> dict:
    """The report of the original gzip file, computed once for the module's comparisons."""
    source = shared_file("online_retail", "online_retail.csv.gz")
    return segment_report(source, tmp_path_factory.mktemp("online_retail"))


def test_online_retail_csv_gz_end_to_end(csv_report, online_retail_csv):
    report = csv_report
    rows = report["rows"]
    assert rows["read"] == 541_909
    assert rows["read"] == rows["kept"] + sum(rows["excluded"].values())
    # SOURCE.md: 135,080 rows have no CustomerID.
    assert rows["excluded"]["no_customer_id"] == 135_080
    # 4,372 distinct customer ids in the file; a few have nothing but cancellations or zero lines.
    assert 4_300 <= report["customers"] <= 4_372
    assert sum(s["customers"] for s in report["segments"]) == report["customers"]
    assert report["inputs"][0]["mapping"]
    assert Path(report["output"]["workbook"]).stat().st_size > 100_000
    # The input was only read.
    assert online_retail_csv.stat().st_size == 7_611_836


def test_same_customers_from_the_original_gzip_and_a_plain_copy(tmp_path, csv_report, online_retail_csv):
    """The gzip is read directly; a plain copy gives the same account and segments."""
    plain = tmp_path / "online_retail.csv"
    with gzip.open(online_retail_csv, "rb") as src, plain.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    plain_report = segment_report(plain, tmp_path)
    assert plain_report["rows"] == csv_report["rows"]
    assert segment_sizes(plain_report) == segment_sizes(csv_report)


def test_online_retail_xlsx_copy_gives_the_same_account_and_segments(
    tmp_path, csv_report, online_retail_xlsx
):
    """An XLSX copy of the file (as a user who opened and saved it in Excel would have) gives the
    same row account, customers and segment sizes as the original CSV."""
    xlsx = online_retail_xlsx
    xlsx_report = segment_report(xlsx, tmp_path)
    assert xlsx_report["inputs"][0]["format"] == "xlsx"
    assert xlsx_report["rows"]["read"] == 541_909
    assert xlsx_report["rows"]["excluded"] == csv_report["rows"]["excluded"]
    assert xlsx_report["customers"] == csv_report["customers"]
    assert segment_sizes(xlsx_report) == segment_sizes(csv_report)
