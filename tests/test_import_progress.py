"""While the dates are read in the worker, the import keeps reporting progress and honours a cancel
(standardize._awaited): a million dates with times kept the progress bar still for seconds."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from segmenter_app.core import standardize
from segmenter_app.core.analysis import Analysis
from segmenter_app.core.collect import import_files
from segmenter_app.core.progress import Cancelled, CancelToken


def _orders(tmp_path, n: int = 2_000):
    path = tmp_path / "ventes.csv"
    rng = np.random.default_rng(0)
    lines = ["Client;Date;Montant;Commande"]
    customers = rng.integers(1, 300, n)
    lines += [f"C{c};{1 + c % 28:02d}/03/2024;{c % 90},50;F{i}" for i, c in enumerate(customers)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _slow_dates(monkeypatch, started: threading.Event, release: threading.Event):
    """The date reader, held until ``release`` (as a long column keeps the worker busy)."""
    real = standardize.date_reader.parse_dates

    def slow(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(standardize.date_reader, "parse_dates", slow)


def test_progress_is_reported_while_the_dates_are_read(tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    _slow_dates(monkeypatch, started, release)
    during: list[float] = []

    def progress(fraction: float, message: str) -> None:
        if started.is_set() and not release.is_set():
            during.append(fraction)
            if len(during) >= 3:
                release.set()  # three reports while the worker was busy: enough

    analysis = Analysis()
    timer = threading.Timer(5.0, release.set)  # never hang the suite if no report comes
    timer.start()
    try:
        import_files(analysis, [str(_orders(tmp_path))], progress=progress)
    finally:
        timer.cancel()
    assert len(during) >= 3
    assert analysis.account.balanced and analysis.account.kept == 2_000


def test_a_cancel_is_honoured_while_the_dates_are_read(tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    _slow_dates(monkeypatch, started, release)
    token = CancelToken()
    # The user presses Cancel once the worker is reading the dates and this thread waits for it;
    # the worker is let go after 3 s at the latest.
    watcher = threading.Thread(target=lambda: started.wait(10) and (release.wait(0.3), token.cancel()))
    safety = threading.Timer(3.0, release.set)
    watcher.start()
    safety.start()
    try:
        with pytest.raises(Cancelled):
            import_files(Analysis(), [str(_orders(tmp_path))], cancel=token)
        assert not release.is_set()  # it stopped while the dates were still being read
    finally:
        safety.cancel()
        release.set()
        watcher.join()
