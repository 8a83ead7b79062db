"""Shared test fixtures: the real data in ../shared/data, offscreen Qt, a scratch folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never need a screen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
ARTIFACTS = REPO / "tests" / "_artifacts"  # screenshots and outputs worth looking at


def shared_file(*parts: str) -> Path:
    """A file of ../shared/data, or skip the test with the reason when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent (it is present in CI, beside the clone)")
    return path


@pytest.fixture
def online_retail_csv() -> Path:
    """The UCI Online Retail order lines (541,909 rows), gzip-compressed CSV."""
    return shared_file("online_retail", "online_retail.csv.gz")


@pytest.fixture
def cdnow_sample() -> Path:
    """The CDNOW 1-in-10 sample used by the BG/NBD and Gamma-Gamma papers."""
    return shared_file("cdnow", "CDNOW_sample.txt")


@pytest.fixture
def cdnow_master() -> Path:
    """All CDNOW purchases (23,570 customers, 69,659 lines): whitespace-aligned text with a header."""
    return shared_file("cdnow", "CDNOW_master.txt")


@pytest.fixture
def mall_customers_csv() -> Path:
    """Mall Customers: 200 customers, one row each, demographic columns."""
    return shared_file("mall_customers", "Mall_Customers.csv")


@pytest.fixture
def demo_files() -> list[Path]:
    """The bundled demo shop's files."""
    from segmenter_app.resources import demo_files

    return demo_files()


@pytest.fixture
def artifacts() -> Path:
    """A folder kept after the run for screenshots and outputs to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def online_retail_xlsx(tmp_path_factory) -> Path:
    """An XLSX copy of Online Retail, as a user who opened and saved it in Excel would have;
    written once per run (about half a minute) for every test that needs it."""
    import gzip

    import pyarrow.csv as pacsv
    import xlsxwriter

    source = shared_file("online_retail", "online_retail.csv.gz")
    with gzip.open(source, "rb") as fh:
        table = pacsv.read_csv(fh).to_pandas()
    xlsx = tmp_path_factory.mktemp("online_retail_xlsx") / "online_retail.xlsx"
    workbook = xlsxwriter.Workbook(
        str(xlsx), {"constant_memory": True, "default_date_format": "yyyy-mm-dd hh:mm:ss"}
    )
    sheet = workbook.add_worksheet("Online Retail")
    sheet.write_row(0, 0, list(table.columns))
    columns = [table[c].tolist() for c in table.columns]
    for r in range(len(table)):
        sheet.write_row(r + 1, 0, [None if v != v else v for v in (col[r] for col in columns)])
    workbook.close()
    return xlsx


@pytest.fixture
def show_step_page(qtbot, request):
    """A factory that shows one GUI step page on an analysis, as the Group/Act/Measure tests need.

    ``show_step_page(PageClass, analysis, lang)`` loads the interface's texts for ``lang`` from the
    .qm files (English again after the test), gives a new page its own context (task runner, undo
    stack), shows it at 1300x900, refreshes it and waits for the background work the refresh
    started. The task runners are stopped after the test.
    """
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from segmenter_app.ui.app import apply_language, ensure_application
    from segmenter_app.ui.steps.base import StepContext
    from segmenter_app.ui.tasks import TaskRunner

    runners = []

    def show(page_class, analysis, lang: str = "en"):
        apply_language(ensure_application(), lang)
        request.addfinalizer(lambda: apply_language(ensure_application(), "en"))
        tasks = TaskRunner()
        runners.append(tasks)
        widget = page_class()
        qtbot.addWidget(widget)
        widget.set_context(StepContext(analysis, tasks, QUndoStack()))
        widget.resize(1300, 900)
        widget.show()
        qtbot.waitExposed(widget)
        widget.refresh()
        assert tasks.wait_idle(60)
        QApplication.processEvents()
        return widget

    yield show
    for tasks in runners:
        tasks.cancel_all()
        tasks.wait_idle(10)
