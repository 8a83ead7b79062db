"""``segment ... --out OUT.xlsx --csv-dir DIR --pseudonymize`` from the command line."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import openpyxl


def test_segment_command_writes_pseudonymized_workbook_and_mailing_files(tmp_path, demo_files):
    out = tmp_path / "segments.xlsx"
    key = tmp_path / "private" / "key.txt"
    key.parent.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "segmenter_app",
            "segment",
            *map(str, demo_files),
            "--out",
            str(out),
            "--csv-dir",
            str(tmp_path / "mailing"),
            "--pseudonymize",
            "--key-file",
            str(key),
            "--lang",
            "fr",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert len(key.read_text(encoding="utf-8").strip().splitlines()[-1]) == 64
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Synthèse", "Plan d'action"]
    header = [c.value for c in wb["Tous les clients"][1]]
    assert header[0] == "Client (pseudonyme)"
    assert not {"E-mail", "Prénom", "Nom", "Téléphone"} & set(header)
    with zipfile.ZipFile(out) as zf:
        blob = b"".join(zf.read(n) for n in zf.namelist())
    assert b"@gmail.com" not in blob and b"@laposte.net" not in blob  # no email left anywhere
    files = sorted((tmp_path / "mailing").glob("*.csv"))
    assert files and files[0].name.startswith("01 ")
    first = files[0].read_bytes()
    assert first.startswith(b"\xef\xbb\xbf") and b"E-mail;Pr\xc3\xa9nom;Nom;Segment" in first


def test_segment_command_refuses_to_overwrite_its_input(tmp_path, demo_files):
    source = tmp_path / demo_files[0].name
    source.write_bytes(demo_files[0].read_bytes())
    before = source.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "segmenter_app", "segment", str(source), "--out", str(source), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert "never writes over its input files" in result.stderr and "Traceback" not in result.stderr
    assert source.read_bytes() == before
