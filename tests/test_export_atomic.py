"""Safe saving: temporary file then move, never over an input, a clear message when locked."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from export_fixtures import make_analysis

from segmenter_app.core.analysis import InputFile
from segmenter_app.core.export import book as book_module
from segmenter_app.core.export import write_workbook
from segmenter_app.core.i18n import UserError
from segmenter_app.core.progress import Cancelled, CancelToken


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_interrupted_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "segments.xlsx"
    out.write_bytes(b"the previous workbook")
    analysis = make_analysis(300)
    calls = {"n": 0}
    original = book_module.Book.tick

    def failing_tick(self, rows):
        calls["n"] += 1
        if calls["n"] == 3:  # mid-way through the customer sheets
            raise OSError("disk full")
        return original(self, rows)

    monkeypatch.setattr(book_module, "_TICK_ROWS", 50)
    monkeypatch.setattr(book_module.Book, "tick", failing_tick)
    with pytest.raises(OSError, match="disk full"):
        write_workbook(analysis, out)
    assert out.read_bytes() == b"the previous workbook"
    assert leftovers(tmp_path, {"segments.xlsx"}) == []


def test_cancel_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "segments.xlsx"
    out.write_bytes(b"old")
    token = CancelToken()
    seen = []

    def progress(fraction, message):
        seen.append(fraction)
        token.cancel()

    monkeypatch.setattr(book_module, "_TICK_ROWS", 10)
    monkeypatch.setattr(book_module.Book, "tick", lambda self, rows: (progress(0.5, ""), token.check()))
    with pytest.raises(Cancelled):
        write_workbook(make_analysis(100), out, cancel=token)
    assert out.read_bytes() == b"old"
    assert leftovers(tmp_path, {"segments.xlsx"}) == []


def test_xlsxwriter_temp_files_are_removed_after_a_failure(tmp_path, monkeypatch):
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "segments.xlsx"
    monkeypatch.setattr(
        book_module.Book, "tick", lambda self, rows: (_ for _ in ()).throw(RuntimeError("boom"))
    )
    with pytest.raises(RuntimeError):
        write_workbook(make_analysis(30), out)
    assert list(scratch.iterdir()) == []
    assert leftovers(tmp_path, {"scratch"}) == []


def test_refuses_to_overwrite_an_input_by_path(tmp_path):
    source = tmp_path / "ventes.xlsx"
    source.write_bytes(b"customer data")
    analysis = make_analysis(10)
    analysis.inputs = [InputFile(path=str(source), fingerprint=hashlib.sha256(b"customer data").hexdigest())]
    with pytest.raises(UserError) as err:
        write_workbook(analysis, tmp_path / "." / "ventes.xlsx")
    assert "never writes over" in err.value.text("en")
    assert "n'écrit jamais" in err.value.text("fr")
    assert source.read_bytes() == b"customer data"
    assert leftovers(tmp_path, {"ventes.xlsx"}) == []


def test_refuses_to_overwrite_an_input_by_fingerprint_and_link(tmp_path):
    source = tmp_path / "orders.csv"
    source.write_bytes(b"a;b\n1;2\n")
    copy = tmp_path / "copy.xlsx"
    copy.write_bytes(source.read_bytes())
    link = tmp_path / "link.xlsx"
    os.link(source, link)
    analysis = make_analysis(10)
    analysis.inputs = [
        InputFile(
            path=str(tmp_path / "moved-away.csv"), fingerprint=hashlib.sha256(source.read_bytes()).hexdigest()
        )
    ]
    with pytest.raises(UserError):
        write_workbook(analysis, copy)  # same content as an input: refused
    analysis.inputs = [InputFile(path=str(source))]
    with pytest.raises(UserError):
        write_workbook(analysis, link)  # same file on disk under another name: refused
    assert source.read_bytes() == b"a;b\n1;2\n"
    # The guard can be turned off (the GUI asks the user first).
    write_workbook(analysis, tmp_path / "fine.xlsx", inputs_guard=False)


def test_permission_error_tells_the_user_to_close_the_file(tmp_path, monkeypatch):
    out = tmp_path / "open-in-excel.xlsx"
    out.write_bytes(b"locked by Excel")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError) as err:
        write_workbook(make_analysis(10), out)
    assert "Close the file, or choose another name" in err.value.text("en")
    assert "Fermez le fichier" in err.value.text("fr")
    assert str(out) in err.value.text("en")
    assert out.read_bytes() == b"locked by Excel"
    assert leftovers(tmp_path, {"open-in-excel.xlsx"}) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_is_a_user_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError):
            write_workbook(make_analysis(5), folder / "x.xlsx")
    finally:
        folder.chmod(0o700)


def test_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError) as err:
        write_workbook(make_analysis(5), tmp_path / "nowhere" / "x.xlsx")
    assert "does not exist" in err.value.text("en")


def test_success_replaces_the_old_file(tmp_path):
    out = tmp_path / "segments.xlsx"
    out.write_bytes(b"old")
    stats = write_workbook(make_analysis(10), out)
    assert out.read_bytes()[:2] == b"PK"
    assert stats["path"] == str(out.resolve())
    assert leftovers(tmp_path, {"segments.xlsx"}) == []


def test_progress_rises_to_one_with_the_sheet_being_written(tmp_path, monkeypatch):
    monkeypatch.setattr(book_module, "_REPORT_EVERY_S", 0.0)  # report at every tick
    monkeypatch.setattr(book_module, "_TICK_ROWS", 20)
    seen: list[tuple[float, str]] = []
    write_workbook(make_analysis(200), tmp_path / "w.xlsx", progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) > 10
    assert any(m == "Writing the sheet All customers" for _, m in seen)
