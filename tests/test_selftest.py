"""The self-test: passes on a working installation, names what fails, and writes its report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from segmenter_app import selftest

REPO = Path(__file__).resolve().parents[1]
EXPECTED_CHECKS = [
    "imports",
    "defusedxml",
    "translations",
    "read_csv",
    "read_xlsx",
    "read_xls",
    "read_ods",
    "segmentation",
    "clusters",
    "workbook",
    "window",
    "places",
]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # The user's folders point into tmp_path, so the test leaves no log or settings behind.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    env.update(
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    return env


@pytest.mark.slow
def test_self_test_command_passes_and_reports_every_check(tmp_path):
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "segmenter_app", "--self-test", "--self-test-report", str(report)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["ok"] is True and data["failed"] == []
    assert [c["name"] for c in data["checks"]] == EXPECTED_CHECKS
    assert all(c["status"] == "ok" for c in data["checks"])
    checks = {c["name"]: c for c in data["checks"]}
    expected = json.loads((REPO / "resources" / "selftest" / "expected.json").read_text())
    for fmt in ("csv", "xlsx", "xls", "ods"):
        assert checks[f"read_{fmt}"]["details"]["rows"] == expected["rows"] == 91
        assert checks[f"read_{fmt}"]["details"]["customers"] == expected["customers"] == 30
        assert checks[f"read_{fmt}"]["details"]["revenue"] == pytest.approx(expected["revenue"])
    assert sum(checks["segmentation"]["details"]["segments"].values()) == 30
    assert sum(checks["clusters"]["details"]["clusters"].values()) == 30
    assert checks["defusedxml"]["details"]["bomb_refused_with"] == "EntitiesForbidden"
    assert "segmenter_fr" in checks["translations"]["details"]["qt_translations"]["fr"]
    assert checks["window"]["details"]["qt_platform"] == "offscreen"
    width, height = checks["window"]["details"]["size"]
    assert width >= 600 and height >= 400
    # Lazily imported modules were really imported (scikit-learn is the one that matters most).
    assert checks["imports"]["details"]["modules"] >= len(selftest.LAZY_MODULES)
    assert "self-test passed" in proc.stdout
    # Nothing was written in the working folder, the log folder got no report either.
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["report.json"]


def test_default_report_goes_to_the_user_log_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(selftest, "CHECKS", (("fake_ok", lambda ctx: {"x": 1}),))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert selftest.run_self_test(None) == 0
    report = selftest.default_report_path()
    assert report.is_relative_to(tmp_path / "state")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["checks"][0]["details"] == {"x": 1}


def test_a_failing_check_is_named_with_exit_code_1(tmp_path, monkeypatch, capsys):
    def broken(ctx):
        raise selftest.CheckFailed("the thing is missing")

    def needs_broken(ctx):
        ctx.need("broken")
        return {}

    monkeypatch.setattr(
        selftest, "CHECKS", (("fine", lambda ctx: {}), ("broken", broken), ("after", needs_broken))
    )
    report = tmp_path / "r.json"
    assert selftest.run_self_test(str(report)) == 1
    err = capsys.readouterr().err
    assert "self-test failed: broken: the thing is missing" in err
    assert "self-test skipped: after (needs broken)" in err
    data = json.loads(report.read_text())
    assert data["ok"] is False
    assert data["failed"] == ["broken", "after"]
    assert [c["status"] for c in data["checks"]] == ["ok", "failed", "skipped"]


def test_an_unexpected_exception_is_reported_with_its_traceback(tmp_path, monkeypatch):
    def crash(ctx):
        return {}["missing"]

    monkeypatch.setattr(selftest, "CHECKS", (("crash", crash),))
    results = selftest.run_checks()
    assert results[0].status == "failed"
    assert results[0].error == "KeyError: 'missing'"
    assert "Traceback" in results[0].details["traceback"]


def test_read_check_names_the_file_when_it_is_wrong(tmp_path, monkeypatch):
    folder = tmp_path / "selftest"
    folder.mkdir()
    source = REPO / "resources" / "selftest"
    (folder / "expected.json").write_text((source / "expected.json").read_text())
    # The CSV loses its last five orders: the account no longer matches expected.json.
    lines = (source / "orders.csv").read_text().splitlines()[:-5]
    (folder / "orders.csv").write_text("\n".join(lines) + "\n")
    monkeypatch.setattr(selftest, "selftest_files_dir", lambda: folder)
    results = selftest.run_checks(["read_csv", "read_xlsx", "segmentation"])
    by_name = {r.name: r for r in results}
    assert by_name["read_csv"].status == "failed"
    assert "orders.csv: read 86, kept 86" in by_name["read_csv"].error
    assert by_name["read_xlsx"].status == "failed"
    assert "missing" in by_name["read_xlsx"].error and "orders.xlsx" in by_name["read_xlsx"].error
    assert by_name["segmentation"].status == "skipped"


def test_defusedxml_check_fails_when_openpyxl_protection_is_off(tmp_path):
    code = "from segmenter_app.selftest import run_checks; r = run_checks(['defusedxml'])[0]; print(r.status, r.error)"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=_env(tmp_path, OPENPYXL_DEFUSEDXML="False"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.splitlines()[-1].startswith("failed openpyxl does not use defusedxml"), (
        proc.stdout + proc.stderr
    )


def test_defusedxml_check_passes_and_refuses_the_bomb():
    details = selftest.check_defusedxml(None)  # type: ignore[arg-type]
    assert details["bomb_refused_with"] == "EntitiesForbidden"


def test_places_check_finds_a_file_written_beside_a_frozen_executable(tmp_path, monkeypatch):
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "segmenter").write_text("exe")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "segmenter"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ctx = selftest.Context(tmp_path / "scratch")
    assert ctx.app_root == bundle
    details = selftest.check_places(ctx)
    assert details["files_checked"] == 1
    assert Path(details["log_dir"]).is_relative_to(tmp_path / "state")
    assert not Path(details["settings"]).is_relative_to(bundle)
    (bundle / "_internal" / "settings.ini").write_text("[x]")
    with pytest.raises(
        selftest.CheckFailed, match=r"written beside the executable: _internal[/\\]settings.ini"
    ):
        selftest.check_places(ctx)


def test_short_error_keeps_the_first_and_last_lines():
    exc = ImportError(
        "\n\nIMPORTANT: PLEASE READ\nlots of advice\n\nOriginal error was: libfoo.so: bad ELF\n"
    )
    assert selftest.short_error(exc) == (
        "ImportError: IMPORTANT: PLEASE READ ... Original error was: libfoo.so: bad ELF"
    )
    assert selftest.short_error(ValueError("plain")) == "ValueError: plain"


def test_selftest_files_match_expected():
    folder = REPO / "resources" / "selftest"
    expected = json.loads((folder / "expected.json").read_text())
    assert expected["files"] == ["orders.csv", "orders.xlsx", "orders.xls", "orders.ods"]
    heads = {name: (folder / name).read_bytes()[:8] for name in expected["files"]}
    assert heads["orders.csv"].startswith(b"Customer")
    assert heads["orders.xlsx"].startswith(b"PK\x03\x04")
    assert heads["orders.xls"] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file
    assert heads["orders.ods"].startswith(b"PK\x03\x04")
    import zipfile

    with zipfile.ZipFile(folder / "orders.ods") as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    csv_rows = (folder / "orders.csv").read_text().splitlines()
    assert len(csv_rows) == expected["rows"] + 1
