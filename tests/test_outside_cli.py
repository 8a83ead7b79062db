"""An outside check of both commands on hostile paths and files they had never seen: gzip bombs,
folders and pipes given as files, outputs that are devices or pipes.

Each case ends in exit 2 with a message in the chosen language that says what to do, never a
crash, a hang or a file replaced. The files are built here, in ``tmp_path``.
"""

from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path

import pytest
from test_cli_hostile import SHOP_IDS, cli, results_csv, shop_csv

from segmenter_app.cli import EXIT_INPUT, EXIT_OK, main

FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Path:
    """The small shop's sales file (40 customers over 2025)."""
    return shop_csv(tmp_path_factory.mktemp("shop") / "shop.csv")


@pytest.fixture(scope="module")
def shop_project(tmp_path_factory, shop) -> Path:
    """The small shop segmented (RFM, 10% control) and saved as a project."""
    folder = tmp_path_factory.mktemp("project")
    path = folder / "shop.segmenter"
    code = main(["segment", str(shop), "--out", str(folder / "s.xlsx"), "--save-project", str(path)])
    assert code == EXIT_OK
    return path


def gzip_bomb(path: Path, header: bytes, inflated_mib: int) -> Path:
    """A .csv.gz whose header line is followed by ``inflated_mib`` MiB of one byte repeated:
    a file of a few hundred KiB that inflates a thousand times."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"0" * (1 << 20)
    with path.open("wb") as fh:
        fh.write(packer.compress(header))
        for _ in range(inflated_mib):
            fh.write(packer.compress(block))
        fh.write(packer.flush())
    return path


# --- Gzip bombs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["segment", "measure"])
def test_gzip_bomb_is_refused_before_it_is_read(tmp_path, capsys, shop_project, command):
    bomb = gzip_bomb(tmp_path / "ventes.csv.gz", b"order,date,customer,amount\n", 300)
    assert bomb.stat().st_size < 1024**2  # small on disk: 300 MiB once inflated
    for lang, words in (("en", "safety limit"), ("fr", "limite de sécurité")):
        started = time.monotonic()
        if command == "segment":
            code, err = cli(capsys, "segment", str(bomb), "--out", str(tmp_path / "o.xlsx"), "--lang", lang)
        else:
            code, err = cli(
                capsys,
                "measure",
                str(shop_project),
                str(bomb),
                "--campaign-date",
                "2025-06-01",
                "--out",
                str(tmp_path / "o.xlsx"),
                "--lang",
                lang,
            )
        assert code == EXIT_INPUT, err
        assert words in err and "ventes.csv.gz" in err, err
        assert time.monotonic() - started < 30
    assert not (tmp_path / "o.xlsx").exists()


def test_an_ordinary_gzip_export_is_still_read(tmp_path, capsys, shop):
    import gzip

    packed = tmp_path / "shop.csv.gz"
    packed.write_bytes(gzip.compress(shop.read_bytes()))
    code, err = cli(capsys, "segment", str(packed), "--out", str(tmp_path / "o.xlsx"), "--lang", "en")
    assert code == EXIT_OK, err


def test_two_gzip_members_one_a_bomb_are_refused(tmp_path):
    """``cat small.gz bomb.gz``: the second member counts too."""
    import gzip

    from segmenter_app.core.i18n import UserError
    from segmenter_app.core.reading import detect

    first = gzip.compress(b"order,date,customer,amount\n1,2025-01-05,C1,10.00\n")
    bomb = gzip_bomb(tmp_path / "b.gz", b"", 300).read_bytes()
    joined = tmp_path / "joined.csv.gz"
    joined.write_bytes(first + bomb)
    with pytest.raises(UserError) as caught:
        detect.sniff(joined)
    assert caught.value.key == "too_big"


# --- Folders and pipes given as files ---------------------------------------------------------------


def test_a_folder_given_as_a_file_is_said_to_be_a_folder(tmp_path, capsys, shop_project):
    folder = tmp_path / "exports été"
    folder.mkdir()
    for lang, words in (("en", "is a folder"), ("fr", "est un dossier")):
        code, err = cli(capsys, "segment", str(folder), "--out", str(tmp_path / "o.xlsx"), "--lang", lang)
        assert code == EXIT_INPUT and words in err, err
        code, err = cli(
            capsys,
            "measure",
            str(shop_project),
            str(folder),
            "--out",
            str(tmp_path / "o.xlsx"),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT and words in err, err
        code, err = cli(
            capsys, "measure", str(folder), str(folder), "--out", str(tmp_path / "o.xlsx"), "--lang", lang
        )
        assert code == EXIT_INPUT and words in err, err


@FIFO
@pytest.mark.parametrize("role", ["segment FILE", "measure RESULTS", "measure PROJECT"])
def test_a_named_pipe_given_as_a_file_is_refused_without_waiting(tmp_path, role):
    """Opening a FIFO with no writer blocks for ever: it must be refused before anything opens it
    (run in a child process, so a hang fails the test instead of stopping the suite)."""
    import subprocess

    pipe = tmp_path / "ventes.csv"
    os.mkfifo(pipe)
    project = tmp_path / "p.segmenter"
    shop = shop_csv(tmp_path / "shop.csv")
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    out = str(tmp_path / "o.xlsx")
    if role != "segment FILE":
        assert main(["segment", str(shop), "--out", out, "--save-project", str(project)]) == EXIT_OK
    args = {
        "segment FILE": ["segment", str(pipe), "--out", out],
        "measure RESULTS": ["measure", str(project), str(pipe), "--out", out],
        "measure PROJECT": ["measure", str(pipe), str(results), "--out", out],
    }[role]
    said = {"en": "not an ordinary file", "fr": "pas un fichier ordinaire"}
    if role == "measure PROJECT":
        said = {"en": "is not a Segmenter project file", "fr": "n'est pas un fichier de projet"}
    for lang, words in said.items():
        try:
            done = subprocess.run(
                [sys.executable, "-m", "segmenter_app", *args, "--lang", lang],
                capture_output=True,
                timeout=60,
                text=True,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"{role}: a named pipe made the command wait for ever")
        assert done.returncode == EXIT_INPUT, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr, done.stderr


# --- Outputs that are devices or pipes ------------------------------------------------------------


def _outputs(tmp_path: Path, shop: Path, project: Path, command: str, option: str, target: Path) -> list[str]:
    """The command line writing ``option`` to ``target`` (the other outputs to plain files)."""
    out = {"--out": str(tmp_path / "o.xlsx"), "--report": str(tmp_path / "r.json")}
    out[option] = str(target)
    if command == "segment":
        return ["segment", str(shop), *[x for kv in out.items() for x in kv]]
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["yes", "no"] * 20, ["10"] * 40)
    return ["measure", str(project), str(results), *[x for kv in out.items() for x in kv]]


@FIFO
@pytest.mark.parametrize("command", ["segment", "measure"])
@pytest.mark.parametrize("option", ["--out", "--report", "--save-project"])
def test_an_output_that_is_a_pipe_is_refused_and_left_in_place(
    tmp_path, capsys, shop, shop_project, command, option
):
    """Saving writes a new file and moves it over the target: over a pipe or a device (``--report
    /dev/full``) that replaced the device itself. A link named like a workbook counts too."""
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    target = pipe
    if option == "--out":  # --out must end in .xlsx: a link of that name to the pipe
        target = tmp_path / "o2.xlsx"
        target.symlink_to(pipe)
    for lang, words in (("en", "not an ordinary file"), ("fr", "pas un fichier ordinaire")):
        code, err = cli(
            capsys, *_outputs(tmp_path, shop, shop_project, command, option, target), "--lang", lang
        )
        assert code == EXIT_INPUT, err
        assert words in err, err
        assert stat.S_ISFIFO(os.stat(target).st_mode)  # still the pipe
        assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@FIFO
def test_library_saves_refuse_a_pipe_too(tmp_path, shop_project):
    """The window saves projects and the command writes reports through these functions."""
    import stat

    from segmenter_app.core import project
    from segmenter_app.core.i18n import UserError
    from segmenter_app.core.report import write_report

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    analysis = project.load_project(shop_project)
    with pytest.raises(UserError) as caught:
        project.save_project(analysis, pipe)
    assert "n'est pas un fichier ordinaire" in caught.value.text("fr")
    with pytest.raises(UserError) as caught:
        write_report({"a": 1}, pipe)
    assert "not an ordinary file" in caught.value.text("en")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


# --- Messages that say what to do, in the chosen language ---------------------------------------------


@pytest.mark.parametrize("content", ["customer,converted,revenue\n", "client;converti;montant\n;;\n"])
def test_results_with_only_a_header_say_what_to_fill_in(tmp_path, capsys, shop_project, content):
    results = tmp_path / "résultats.csv"
    results.write_text(content, encoding="utf-8")
    for lang, words in (("en", "Fill in one row per customer"), ("fr", "Remplissez une ligne par client")):
        code, err = cli(
            capsys,
            "measure",
            str(shop_project),
            str(results),
            "--out",
            str(tmp_path / "m.xlsx"),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err, err


def test_a_project_archive_that_would_expand_too_far_is_said_without_english_in_french(tmp_path, capsys):
    """A zip bomb named .segmenter: refused as damaged, the detail in figures, not English words."""
    import json
    import zipfile

    bomb = tmp_path / "projet.segmenter"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json", json.dumps({"format": "segmenter-project", "version": 1, "tables": {}})
        )
        archive.writestr("analysis.json", b" " * (64 * 1024**2))
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["oui", "non"] * 20, ["10"] * 40)
    code, err = cli(
        capsys, "measure", str(bomb), str(results), "--out", str(tmp_path / "m.xlsx"), "--lang", "fr"
    )
    assert code == EXIT_INPUT, err
    assert "endommagé" in err and "analysis.json" in err
    assert "suspicious" not in err and "compression" not in err


# --- A full disk while writing ----------------------------------------------------------------------


@pytest.mark.parametrize("filename", [None, "mailing/Champions.csv"])
def test_a_full_disk_while_writing_is_said_not_a_crash(tmp_path, capsys, shop, monkeypatch, filename):
    """The mailing CSVs met a full disk (ENOSPC from a write, which names no file): exit 1 and
    "unexpected problem" before; now exit 2 saying the disk is full, in the chosen language."""
    import errno

    from segmenter_app.core import export

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", filename)

    monkeypatch.setattr(export, "write_mailing_csvs", full)
    for lang, words in (("en", "the disk is full"), ("fr", "le disque est plein")):
        code, err = cli(
            capsys,
            "segment",
            str(shop),
            "--out",
            str(tmp_path / "o.xlsx"),
            "--csv-dir",
            str(tmp_path / "m"),
            "--lang",
            lang,
        )
        assert code == EXIT_INPUT, err
        assert words in err and "unexpected" not in err and "inattendu" not in err
        if filename:
            assert filename in err


def test_other_os_errors_stay_internal_errors(tmp_path, capsys, shop, monkeypatch):
    """Only a full disk or a read-only place is the user's to fix; anything else is still a bug."""
    import errno

    from segmenter_app.core import export

    def broken(*_args, **_kwargs):
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(export, "write_mailing_csvs", broken)
    code, err = cli(
        capsys, "segment", str(shop), "--out", str(tmp_path / "o.xlsx"), "--csv-dir", str(tmp_path / "m")
    )
    assert code == 1 and "log" in err


def test_saving_a_project_on_a_full_disk_says_the_disk_is_full(tmp_path, shop_project, monkeypatch):
    """It said "close it if another program has it open", with the system's English words."""
    import errno
    import zipfile

    from segmenter_app.core import project
    from segmenter_app.core.i18n import UserError

    analysis = project.load_project(shop_project)

    def full(self, *_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    target = tmp_path / "projet.segmenter"
    with pytest.raises(UserError) as caught:
        project.save_project(analysis, target)
    assert "le disque est plein" in caught.value.text("fr")
    assert "No space" not in caught.value.text("fr")
    assert not target.exists() and not list(tmp_path.glob(".projet*"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_saved_project_has_ordinary_permissions_and_keeps_those_it_replaces(tmp_path, shop_project):
    """It was always private (0600, from the temporary file), unlike the workbook beside it."""
    import stat

    from segmenter_app.core import project

    analysis = project.load_project(shop_project)
    umask = os.umask(0o022)
    try:
        fresh = project.save_project(analysis, tmp_path / "neuf.segmenter")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        os.chmod(fresh, 0o640)
        project.save_project(analysis, fresh)
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


@FIFO
@pytest.mark.parametrize("option", ["--mapping", "--rules"])
def test_a_named_pipe_as_mapping_or_rules_is_refused_without_waiting(tmp_path, shop, option):
    import subprocess

    pipe = tmp_path / "roles.json"
    os.mkfifo(pipe)
    extra = ["--method", "rules"] if option == "--rules" else []
    args = [
        "segment",
        str(shop),
        "--out",
        str(tmp_path / "o.xlsx"),
        option,
        str(pipe),
        *extra,
        "--lang",
        "fr",
    ]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "segmenter_app", *args], capture_output=True, timeout=60, text=True
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{option}: a named pipe made the command wait for ever")
    assert done.returncode == EXIT_INPUT, done.stderr
    assert "pas un fichier ordinaire" in done.stderr
