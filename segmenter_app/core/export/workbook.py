"""``write_workbook``: the segmented Excel workbook, written safely and fast.

Sheets, in order: Summary, Action plan, one sheet per segment, All customers, Excluded rows,
Method, Results (when a measurement exists). The file is written to a temporary file beside the
target and moved into place (atomic.py); every text is cleaned (safe_text.py); nothing in the
workbook is a formula.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from xlsxwriter.exceptions import FileCreateError

from segmenter_app.core.analysis import Analysis
from segmenter_app.core.export.atomic import atomic_path, write_error
from segmenter_app.core.export.book import EXCEL_MAX_ROWS, Book
from segmenter_app.core.export.customer_sheets import order_customers, write_customer_sheets
from segmenter_app.core.export.labels import SHEETS
from segmenter_app.core.export.other_sheets import write_all, write_plan
from segmenter_app.core.export.summary_sheet import write_summary
from segmenter_app.core.i18n import Messages, UserError
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress

MESSAGES = Messages(
    {
        "no_segments": (
            "There are no segments to export yet: run the grouping step first.",
            "Il n'y a pas encore de segments à exporter : lancez d'abord l'étape de regroupement.",
        ),
    }
)


def write_workbook(
    analysis: Analysis,
    path: str | os.PathLike[str],
    *,
    inputs_guard: bool = True,
    pseudonymize_key_path: str | os.PathLike[str] | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
) -> dict[str, Any]:
    """Write the segmented workbook to ``path`` atomically and return what was written.

    ``inputs_guard`` refuses to write over one of ``analysis.inputs`` (by path and fingerprint).
    ``pseudonymize_key_path`` replaces customer ids by keyed hashes (the key is read from, or
    created in, that file) and leaves names, emails and phones out. ``max_rows`` is Excel's row
    limit, a parameter only so tests can reach the continuation sheets.

    Returns ``{"path", "sheets": [names], "rows": {sheet: data rows}, "tables",
    "removed_characters", "neutralized_cells", "cut_cells": [{"sheet", "cell", "length"}],
    "pseudonymized", "seconds"}``. Raises ``i18n.UserError`` (no segmentation, target is an
    input, target locked or folder missing) and ``progress.Cancelled``.
    """
    if analysis.segmentation is None:
        raise UserError(MESSAGES, "no_segments")
    started = time.perf_counter()
    target = Path(path)
    pseudonym = None
    if pseudonymize_key_path is not None:
        from segmenter_app.core.export.pseudonymize import Pseudonymizer

        pseudonym = Pseudonymizer.from_key_file(
            pseudonymize_key_path, inputs=analysis.inputs, workbook=target, lang=analysis.lang
        )
    rows = order_customers(analysis)
    n_customers = len(rows.table)
    excluded_rows = len(analysis.excluded) if analysis.excluded is not None else 0
    total_rows = 2 * n_customers + excluded_rows + 100

    # XlsxWriter's scratch files (one per sheet, then one per part while it zips them) all go into
    # a folder of this export, removed whatever happens: a stop during the final zipping (Ctrl+C,
    # kill) left tens of MB of them in the system's temporary folder.
    with (
        tempfile.TemporaryDirectory(prefix="segmenter-export-", ignore_cleanup_errors=True) as scratch,
        atomic_path(target, analysis.inputs if inputs_guard else ()) as tmp,
    ):
        book = Book.create(
            str(tmp),
            analysis.lang,
            tmpdir=scratch,
            progress=progress,
            cancel=cancel,
            total_rows=total_rows,
            max_rows=max_rows,
            currency_format=currency_format(analysis),
        )
        # The workbook's own sheets keep their names whatever the segments are called.
        fixed = ["summary", "plan", "all", "excluded", "method"]
        own = [SHEETS(key, analysis.lang) for key in fixed + ["results"] * bool(analysis.measurements)]
        # So do the sheets a long table continues on ("Excluded rows (2)"...): a segment called
        # "Excluded rows" or "Excluded rows (2)" took that name, and the rest of the excluded
        # rows went on "Excluded rows (2) (2)".
        for key, count in (("all", n_customers), ("excluded", excluded_rows)):
            parts = -(-count // max(max_rows - 1, 1))
            name = SHEETS(key, analysis.lang)
            own += [SHEETS("continued", analysis.lang, name=name, number=n) for n in range(2, parts + 1)]
        book.namer.hold(own)
        try:
            write_summary(book, analysis)
            write_plan(book, analysis)
            write_customer_sheets(book, analysis, rows, pseudonym=pseudonym.hash_ids if pseudonym else None)
            write_all(book, analysis, pseudonym)
            if cancel is not None:
                cancel.check()
            book.workbook.close()
        except FileCreateError as exc:
            raise write_error(target, exc) from exc  # a full disk is said as such, not "locked"
        except BaseException:
            _discard(book)
            raise
    progress(1.0, "")
    rows_per_sheet: dict[str, int] = {}
    for info in book.sheets:  # a sheet may hold several tables (Method, Results)
        rows_per_sheet[info.name] = rows_per_sheet.get(info.name, 0) + info.rows
    return {
        "path": str(target.resolve()),
        "sheets": [ws.name for ws in book.workbook.worksheets()],
        "rows": rows_per_sheet,
        "tables": sum(info.tables for info in book.sheets),
        "removed_characters": book.text.removed_characters,
        "neutralized_cells": book.text.neutralized_cells,
        "cut_cells": [{"sheet": c.sheet, "cell": c.cell, "length": c.length} for c in book.text.cuts],
        "pseudonymized": pseudonym is not None,
        "seconds": round(time.perf_counter() - started, 3),
    }


def currency_format(analysis: Analysis) -> str:
    """A number format with the shop's currency and its decimals (see ``core.currency``) when
    known, else plain."""
    from segmenter_app.core.currency import number_format

    return number_format(analysis)


def _discard(book: Book) -> None:
    """After a failure: close and delete XlsxWriter's own per-sheet temporary files."""
    for ws in book.workbook.worksheets():
        handle = getattr(ws, "row_data_fh", None)
        name = getattr(ws, "row_data_filename", None)
        with contextlib.suppress(Exception):
            if handle is not None:
                handle.close()
        with contextlib.suppress(Exception):
            if name:
                os.unlink(name)
    # Stop XlsxWriter from complaining at exit that the workbook was never closed.
    with contextlib.suppress(Exception):
        book.workbook.fileclosed = True
