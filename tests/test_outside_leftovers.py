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
