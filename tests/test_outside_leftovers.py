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
        except BaseException as exc:  # noqa: BLE001 - handed to the test
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
