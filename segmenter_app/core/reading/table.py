"""One file to one raw table: format by content, sheet, header row, and every cell as text.

:func:`read_table` is the single entry point used by the import and by the GUI's preview
(:func:`preview_file`); the overrides (encoding, delimiter, sheet, header row) are the ones the
user can change in the preview. The raw table keeps, for every data row, its row number in the
file or sheet, so excluded rows can be shown where the user will find them.
"""

from __future__ import annotations

import codecs
import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import numpy as np
import pandas as pd
import pyarrow as pa

from segmenter_app.core.i18n import Messages, Phrase, UserError, group_digits
from segmenter_app.core.progress import Cancelled, CancelToken, ProgressFn, no_progress
from segmenter_app.core.reading import detect, excel, text, xlsx_head
from segmenter_app.core.reading.details import technical
from segmenter_app.core.reading.header import (
    find_header,
    header_depth,
    is_text_label,
    merged_header,
    unique_names,
)
from segmenter_app.core.reading.values import STR

# The widest table read: as many columns as Excel shows (a text file can hold more).
MAX_COLUMNS = 16_384

T = Messages(
    {
        "too_wide": (
            "The file {path} has {count} columns; at most {limit} can be read (as many as Excel "
            "shows). Export it again with fewer columns (the orders and the customers' columns).",
            "Le fichier {path} a {count} colonnes ; au plus {limit} peuvent être lues (autant "
            "qu'Excel en affiche). Exportez-le à nouveau avec moins de colonnes (celles des commandes "
            "et des clients).",
        ),
        "no_sheet": (
            "The workbook {path} has no sheet named {sheet}. Sheets: {sheets}.",
            "Le classeur {path} n'a pas de feuille nommée {sheet}. Feuilles : {sheets}.",
        ),
        "no_data": (
            "The file {path} has no usable table (no header row with at least one named column). "
            "Check that you exported the data and not an empty report.",
            "Le fichier {path} ne contient pas de tableau utilisable (aucune ligne d'en-tête avec au moins "
            "une colonne nommée). Vérifiez que vous avez exporté les données et non un rapport vide.",
        ),
        "hidden_rows": (
            "{count} hidden rows in sheet {sheet} were imported like the others (first: row {first}).",
            "{count} lignes masquées de la feuille {sheet} ont été importées comme les autres "
            "(première : ligne {first}).",
        ),
        "formulas_without_value": (
            "{count} formula cells in sheet {sheet} have no saved value and read as empty (first: {first}). "
            "Open the file in Excel or LibreOffice and save it to compute them.",
            "{count} cellules de formule de la feuille {sheet} n'ont pas de valeur enregistrée et sont lues "
            "vides (première : {first}). Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le pour "
            "les calculer.",
        ),
        "hidden_rows_one": (
            "1 hidden row in sheet {sheet} was imported like the others (row {first}).",
            "1 ligne masquée de la feuille {sheet} a été importée comme les autres (ligne {first}).",
        ),
        "formulas_without_value_one": (
            "1 formula cell in sheet {sheet} has no saved value and reads as empty ({first}). "
            "Open the file in Excel or LibreOffice and save it to compute it.",
            "1 cellule de formule de la feuille {sheet} n'a pas de valeur enregistrée et est lue vide "
            "({first}). Ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le pour la calculer.",
        ),
        "malformed_one": (
            "1 row has more fields than the header and was set aside (row {first}).",
            "1 ligne a plus de champs que l'en-tête et a été mise de côté (ligne {first}).",
        ),
        "hidden_sheet": (
            "Sheet {sheet} is hidden in the workbook; it was read because it was asked for.",
            "La feuille {sheet} est masquée dans le classeur ; elle a été lue parce qu'elle a été demandée.",
        ),
        "malformed": (
            "{count} rows have more fields than the header and were set aside (first: row {first}).",
            "{count} lignes ont plus de champs que l'en-tête et ont été mises de côté (première : ligne "
            "{first}).",
        ),
    }
)


def _counted(key: str, count: int) -> str:
    """The note's key for a count: its own sentence for one ("1 rows have" reads wrong in both
    languages; the notes are only made for a count of 1 or more)."""
    return f"{key}_one" if count == 1 else key


@dataclass
class RawTable:
    """A file's table as read: text cells, original column names, and where each row came from."""

    path: str
    frame: pd.DataFrame  # one column per header cell (names made unique), cells as text or NA
    source_rows: np.ndarray  # int64, 1-based row number in the file or sheet of each frame row
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    compression: str | None = None
    sheet: str | None = None
    sheets: list[dict[str, Any]] = field(default_factory=list)
    header_row: int = 1  # 1-based
    malformed: dict[int, str] = field(default_factory=dict)  # frame position -> original text
    notes: list[tuple[Messages, str, dict[str, Any]]] = field(default_factory=list)  # to translate
    details: dict[str, Any] = field(default_factory=dict)


def fingerprint(path: str | Path) -> str:
    """sha256 of the file's bytes (to recognise the same file later)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run_with_progress(
    work: Callable[[], RawTable], estimate_s: float, progress: ProgressFn, cancel: CancelToken | None
) -> RawTable:
    """Run one long native read in a worker thread, reporting progress (from the expected duration)
    every tenth of a second and raising ``Cancelled`` within a tenth of a second of a cancel request
    (often enough that a worker holding the GIL for a moment never delays a report by half a second).

    The native readers (pyarrow, calamine) cannot report progress or be interrupted themselves; on
    cancel the worker finishes in the background and its result is dropped.
    """
    import concurrent.futures as cf
    import time

    start = time.monotonic()
    pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="segmenter-read")
    future = pool.submit(work)
    pool.shutdown(wait=False)
    while True:
        try:
            return future.result(timeout=0.1)
        except cf.TimeoutError:
            if cancel is not None and cancel.cancelled:
                future.cancel()
                raise Cancelled() from None
            elapsed = time.monotonic() - start
            # Approaches 0.95 and never reaches it, whatever the estimate.
            progress(0.95 * (1 - np.exp(-elapsed / max(estimate_s, 0.1))), "")


def _done(value: Any) -> Any:
    """A finished future holding ``value`` (so both scans are collected the same way)."""
    import concurrent.futures as cf

    future: cf.Future = cf.Future()
    future.set_result(value)
    return future


def list_sheets(path: str | Path) -> list[dict[str, Any]]:
    """The sheets of a workbook with their state ([] for a text file)."""
    p = Path(path)
    sniffed = detect.sniff(p)
    if sniffed.format == "csv":
        return []
    reader = excel.open_workbook(p)
    return excel.sheet_states(p, sniffed.format, reader)


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    header_row: int | None = None,
    nrows: int | None = None,
    progress: ProgressFn = no_progress,
    cancel: CancelToken | None = None,
) -> RawTable:
    """Read a file into a :class:`RawTable`; the keyword arguments override what is detected.

    ``header_row`` is 1-based (the row number the user sees); 0 means the file has no header row
    (columns are then named "Column 1", "Column 2"...). ``nrows`` limits the data rows read
    (for previews). The read reports progress every tenth of a second and stops on ``cancel``.
    """
    p = Path(path)
    sniffed = detect.sniff(p)
    check = cancel.check if cancel is not None else None
    size = p.stat().st_size
    if sniffed.format == "csv":
        # Measured: ~60 MB/s of text through pyarrow (a gzip expands about 8 times).
        estimate = size * (8 if sniffed.compression else 1) / 60e6 + 0.05
        table = run_with_progress(
            lambda: _read_text(p, sniffed, encoding, delimiter, header_row, nrows, check),
            estimate,
            progress,
            cancel,
        )
    else:
        # Measured: ~10 MB/s of XLSX file through calamine.
        table = run_with_progress(
            lambda: _read_workbook(p, sniffed, sheet, header_row, nrows), size / 10e6 + 0.05, progress, cancel
        )
    if sniffed.macro_enabled:
        table.details["macro_enabled"] = True
    if table.frame.shape[1] == 0:
        raise UserError(T, "no_data", path=p.name)
    return table


def _read_text(
    p: Path,
    sniffed: detect.Sniffed,
    encoding: str | None,
    delimiter: str | None,
    header_row: int | None,
    nrows: int | None,
    check: Callable[[], None] | None,
) -> RawTable:
    enc = encoding or text.detect_encoding(sniffed.head)
    lines = text.sample_lines(text.decode_head(sniffed.head, enc))
    if not any(line.strip() for line in lines):
        raise UserError(detect.T, "empty", path=p.name)
    delim = delimiter or text.detect_delimiter(lines)
    rows = text.split_rows(lines, delim)
    header_index = header_row - 1 if header_row is not None else find_header(rows)
    if header_index >= len(rows):
        raise UserError(T, "no_data", path=p.name)
    depth = header_depth(rows, header_index) if header_row is None else 1
    if header_index < 0:
        # header_row=0: the file has no header; columns are named "Column 1", "Column 2"...
        names = unique_names([None] * max(len(r) for r in rows))
    elif depth == 2:
        names = unique_names(merged_header(rows[header_index], rows[header_index + 1]))
    else:
        names = unique_names(rows[header_index])
    if len(names) < 2 and not any(is_text_label(n) for n in names):
        raise UserError(T, "no_data", path=p.name)
    if len(names) > MAX_COLUMNS:
        # pandas pays per column: a one-line file of 200,000 columns took 34 s and 1.8 GB to read
        # and detect before being refused for another reason.
        raise UserError(T, "too_wide", path=p.name, count=_digits(len(names)), limit=_digits(MAX_COLUMNS))
    try:
        frame, malformed = text.read_text_table(
            p,
            encoding=enc,
            delimiter=delim,
            header_index=header_index + depth - 1,
            names=names,
            compression=sniffed.compression,
            nrows=nrows,
            check=check,
            quoted='"' in "\n".join(lines),
        )
    except UnicodeDecodeError:
        frame, malformed = None, []
    except Exception as exc:
        if "UTF8" in str(exc) or "utf-8" in str(exc).lower():
            frame, malformed = None, []
        elif "gzip" in str(exc).lower() or "compress" in str(exc).lower() or "EOF" in str(exc):
            raise UserError(
                detect.T, "damaged", path=p.name, detail=technical(str(exc).splitlines()[0][:200])
            ) from None
        else:
            raise
    if frame is None:
        # Not valid UTF-8 after all (an accent far down the file): Windows encoding, read again;
        # then Latin-1, which decodes every byte (cp1252 has holes: Mac Roman's "è" is 0x8F).
        # Each encoding is tried once: retrying the same one recursed until Python gave up.
        try:
            name = codecs.lookup(enc).name
        except LookupError:
            name = enc
        retry = {"cp1252": "latin-1", "iso8859-1": None}.get(name, "cp1252")
        if retry is None:
            raise UserError(detect.T, "damaged", path=p.name, detail=technical(f"text not readable as {enc}"))
        return _read_text(p, sniffed, retry, delimiter or delim, header_row, nrows, check)
    source_rows = np.arange(len(frame), dtype=np.int64) + header_index + depth + 1
    table = RawTable(
        path=str(p),
        frame=frame,
        source_rows=source_rows,
        format="csv",
        encoding=enc,
        delimiter=delim,
        compression=sniffed.compression,
        header_row=header_index + 1,
        malformed={pos: txt for pos, txt in malformed},
    )
    if malformed:
        table.notes.append(
            (
                T,
                _counted("malformed", len(malformed)),
                {"count": len(malformed), "first": int(source_rows[malformed[0][0]])},
            )
        )
    return table


def _digits(number: int) -> Phrase:
    """A count with its digits grouped in the message's language (16,384 / 16 384)."""
    return Phrase(lambda lang: group_digits(number, lang))


def _empty_to_na(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty-string cells as NA in the text columns (values are trimmed later, column by column,
    when they are read); number and date columns of a workbook stay as they are."""
    from segmenter_app.core.reading.values import empty_to_na

    return pd.DataFrame(
        {col: empty_to_na(frame[col]) if frame[col].dtype == STR else frame[col] for col in frame.columns},
        index=frame.index,
        copy=False,
    )


def _declares_dimension(p: Path, sheet: str) -> bool:
    """Whether the sheet's XML says its size (``<dimension>``) before its rows.

    openpyxl's streaming mode looks for that element before it gives the first row, and when it
    is missing (some exporters leave it out) it parses the whole sheet in Python to find that out:
    85 s for the first 100 rows of a 93 MB sheet, where calamine reads all of it in 7 s.
    """
    try:
        with zipfile.ZipFile(p) as zf:
            part = excel.sheet_part(zf, sheet)
            if part is None:
                return True  # openpyxl decides (and says what is wrong)
            with zf.open(part) as fh:
                for _, node in SafeET.iterparse(fh, events=("start",)):
                    name = node.tag.rsplit("}", 1)[-1]
                    if name == "dimension":
                        return True
                    if name == "sheetData":
                        return False
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, SafeET.ParseError):
        return True  # openpyxl decides (and says what is wrong)
    return True


def _read_xlsx_typed(
    p: Path, reader: Any, sheet: str, header_row: int | None
) -> tuple[list[list[str]], int, pa.Table, int] | None:
    """An XLSX sheet read with its number and date columns typed (see excel.read_sheet_typed).

    Returns the first rows as text (for the header), the header's index, the data below it and
    the sheet row index of the data's first row (all 0-based); None when the sheet must be read as
    text (its XML cannot be streamed, or calamine reported a cell it cannot give back). The first
    rows are streamed from the sheet's XML (xlsx_head.py), numbered from A1 as the user sees them;
    calamine's table starts at the sheet's first used column, which is realigned here.
    """
    try:
        with zipfile.ZipFile(p) as zf:
            part = excel.sheet_part(zf, sheet)
        head = xlsx_head.read_head_cells(p, part, 60) if part is not None else []
    except (KeyError, OSError, ValueError, zipfile.BadZipFile, SafeET.ParseError):
        return None  # an XML part the streaming reader cannot follow: the text read decides
    rows = [["" if v is None else excel.value_text(v) for v in row] for row in head]
    filled = [i for i, row in enumerate(rows) if any(c.strip() for c in row)]
    if not filled:
        return None  # the text read reports an empty sheet
    header_index = header_row - 1 if header_row is not None else find_header(rows)
    depth = header_depth(rows, header_index) if header_row is None else 1
    if depth == 2:
        rows[header_index] = merged_header(rows[header_index], rows[header_index + 1])
    # Without a header the data starts at the first row with a value (calamine skips empty rows).
    first_row = header_index + depth if header_index >= 0 else filled[0]
    typed = excel.read_sheet_typed(reader, sheet, first_row)
    if typed is None:
        return None
    data, first_column = typed
    return [row[first_column:] for row in rows], header_index, data, first_row


def _read_workbook(
    p: Path, sniffed: detect.Sniffed, sheet: str | None, header_row: int | None, nrows: int | None
) -> RawTable:
    reader = excel.open_workbook(p)
    sheets = excel.sheet_states(p, sniffed.format, reader)
    names = [s["name"] for s in sheets]
    chosen = sheet if sheet is not None else excel.default_sheet(sheets)
    if chosen is None:
        raise UserError(T, "no_data", path=p.name)
    if chosen not in names:
        raise UserError(T, "no_sheet", path=p.name, sheet=chosen, sheets=", ".join(names))
    limit = None if nrows is None else nrows + (header_row or 40) + 1
    scan_future = None
    if sniffed.format == "xlsx" and nrows is None:
        # The scan for hidden rows and formulas inflates the sheet's XML (zlib releases the GIL):
        # run it beside calamine's parse rather than after it.
        import concurrent.futures as cf

        pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="segmenter-scan")
        scan_future = pool.submit(excel.scan_xlsx_sheet, p, chosen)
        pool.shutdown(wait=False)
    cells = None
    if limit is not None and sniffed.format == "xlsx" and _declares_dimension(p, chosen):
        try:
            cells = excel.read_xlsx_head(p, chosen, limit)
        except UserError:
            cells = None  # openpyxl is stricter than calamine: let calamine read it
    typed = (
        _read_xlsx_typed(p, reader, chosen, header_row)
        if limit is None and sniffed.format == "xlsx"
        else None
    )
    first_row = None
    if typed is not None:
        rows, header_index, data, first_row = typed
        width = data.num_columns
    else:
        if cells is None:
            cells = excel.read_sheet(p, reader, chosen, limit)
        # The header is found on the first rows; the data stays in Arrow (slices are free) until the
        # one conversion to pandas.
        head = cells.slice(0, 60).to_pylist()
        rows = [["" if v is None else str(v) for v in row.values()] for row in head]
        if not any(any(c.strip() for c in r) for r in rows):
            raise UserError(T, "no_data", path=p.name)
        header_index = header_row - 1 if header_row is not None else find_header(rows)
        width = cells.num_columns
        depth = header_depth(rows, header_index) if header_row is None else 1
        if depth == 2:
            rows[header_index] = merged_header(rows[header_index], rows[header_index + 1])
            first_row = header_index + 2
        data = cells.slice(header_index + depth)
    if header_index < 0:  # no header row
        header_cells: list[Any] = [None] * width
    else:
        header_cells = list(rows[header_index])[:width] if header_index < len(rows) else [None] * width
        header_cells += [None] * (width - len(header_cells))
    if nrows is not None:
        data = data.slice(0, nrows)
    # Columns with neither a header nor any value are margins, not data.
    keep = [
        i
        for i, c in enumerate(header_cells)
        if (c is not None and str(c).strip()) or data.column(i).null_count < data.num_rows
    ]
    data = data.select(keep).rename_columns(unique_names([header_cells[i] for i in keep]))
    frame = _empty_to_na(data.to_pandas(types_mapper={pa.string(): STR, pa.large_string(): STR}.get))
    start = header_index + 1 if first_row is None else first_row  # the data's first row, 0-based
    source_rows = np.arange(len(frame), dtype=np.int64) + start + 1
    table = RawTable(
        path=str(p),
        frame=frame,
        source_rows=source_rows,
        format=sniffed.format,
        sheet=chosen,
        sheets=sheets,
        header_row=header_index + 1,
    )
    state = next((s["state"] for s in sheets if s["name"] == chosen), "visible")
    if state != "visible":
        table.notes.append((T, "hidden_sheet", {"sheet": chosen}))
    if sniffed.format == "ods" and nrows is None:
        scan_future = _done(excel.scan_ods_sheet(p, chosen))
    if scan_future is not None:
        scan = scan_future.result()
        table.details.update(scan)
        if scan.get("hidden_rows_count"):
            table.notes.append(
                (
                    T,
                    _counted("hidden_rows", scan["hidden_rows_count"]),
                    {"count": scan["hidden_rows_count"], "sheet": chosen, "first": scan["hidden_rows"][0]},
                )
            )
        if scan.get("formulas_without_value_count"):
            table.notes.append(
                (
                    T,
                    _counted("formulas_without_value", scan["formulas_without_value_count"]),
                    {
                        "count": scan["formulas_without_value_count"],
                        "sheet": chosen,
                        "first": scan["formulas_without_value"][0],
                    },
                )
            )
    return table
