"""The ``segment`` command: exit codes, messages in the user's language, the report's keys."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from segmenter_app.cli import main

REPORT_KEYS = {"inputs", "rows", "customers", "method", "parameters", "segments", "timings_s", "output"}


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m segmenter_app`` in a fresh process, as a user or a script would."""
    return subprocess.run(
        [sys.executable, "-m", "segmenter_app", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def test_segment_demo_data_writes_workbook_and_balanced_report(tmp_path, demo_files):
    out = tmp_path / "segments.xlsx"
    report_path = tmp_path / "report.json"
    result = run_cli(
        "segment", *map(str, demo_files), "--out", str(out), "--report", str(report_path), "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    assert out.exists() and out.stat().st_size > 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report.keys() >= REPORT_KEYS
    rows = report["rows"]
    assert rows["read"] == rows["kept"] + sum(rows["excluded"].values())
    assert rows["read"] == 3069  # every data line of the demo file
    assert report["customers"] == 300
    assert sum(s["customers"] for s in report["segments"]) == report["customers"]
    assert report["method"] == "rfm"
    assert report["inputs"][0]["format"] == "csv"
    assert report["inputs"][0]["mapping"], "the mapping used is reported"
    assert set(report["timings_s"]) >= {"import", "customers", "segment", "export"}


def test_missing_file_exits_2_with_a_message_in_french(tmp_path):
    result = run_cli(
        "segment", str(tmp_path / "absent.csv"), "--out", str(tmp_path / "o.xlsx"), "--lang", "fr"
    )
    assert result.returncode == 2
    assert "n'existe pas" in result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_file_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    result = run_cli("segment", str(bad), "--out", str(tmp_path / "o.xlsx"), "--lang", "en")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip()) > 20
    assert not (tmp_path / "o.xlsx").exists()


@pytest.mark.parametrize("value", ["31/12/2025", "tomorrow", "2025-13-45"])
def test_bad_as_of_exits_2(tmp_path, demo_files, value):
    code = main(
        ["segment", str(demo_files[0]), "--out", str(tmp_path / "o.xlsx"), "--as-of", value, "--lang", "en"]
    )
    assert code == 2


def test_as_of_leaves_later_sales_out_but_accounted(tmp_path, demo_files):
    report_path = tmp_path / "r.json"
    code = main(
        [
            "segment",
            str(demo_files[0]),
            "--out",
            str(tmp_path / "o.xlsx"),
            "--report",
            str(report_path),
            "--as-of",
            "2025-10-31",
            "--lang",
            "en",
        ]
    )
    assert code == 0
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["as_of"] == "2025-10-31"
    assert report["rows"]["after_as_of"] > 0
    assert report["rows"]["read"] == report["rows"]["kept"] + sum(report["rows"]["excluded"].values())
    assert 0 < report["customers"] < 300  # customers who first bought later are not segmented yet


def test_internal_error_exits_1_with_the_log_path_and_no_traceback(tmp_path, demo_files, monkeypatch, capsys):
    import segmenter_app.core.pipeline as pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline, "run_segment", broken)
    code = main(["segment", str(demo_files[0]), "--out", str(tmp_path / "o.xlsx"), "--lang", "fr"])
    err = capsys.readouterr().err
    assert code == 1
    assert "journal" in err and "Traceback" not in err and "simulated bug" not in err


def test_final_line_agrees_with_one_customer_in_french(tmp_path, capsys):
    """The French participle follows the number of customers ("1 clients répartis" read wrong)."""
    one = tmp_path / "une_vente.csv"
    one.write_text("Client,Date,Montant\nC1,2026-01-02,10\n", encoding="utf-8")
    assert main(["segment", str(one), "--out", str(tmp_path / "o.xlsx"), "--lang", "fr"]) == 0
    printed = capsys.readouterr()
    assert "1 client réparti en 1 segment ; classeur écrit dans" in printed.out + printed.err
