"""Workbooks (XLSX/XLSM, XLS, ODS) through fastexcel (calamine to Arrow), the fastest reader measured.

A sheet is read once, without a header and with every cell as text, so the header row can be
found below title rows and row numbers stay those of the sheet (row ``i`` of the frame is sheet
row ``i + 1``). Sheet states (visible, hidden, very hidden) come from the workbook. For XLSX the
sheet's XML is also scanned, as a stream, for hidden rows and for formulas saved without a cached
value (a file written by a script and never opened in Excel), which would read as empty cells.
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import fastexcel
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segmenter_app.core.i18n import UserError
from segmenter_app.core.reading import values
from segmenter_app.core.reading.details import technical
from segmenter_app.core.reading.detect import T as DETECT_T

# calamine says at WARNING level when a column's first rows are all empty and it reads the column
# as text: that is expected here, not something to print on the user's console.
logging.getLogger("fastexcel").setLevel(logging.ERROR)

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def reader_error(exc: BaseException) -> bool:
    """True for errors of the workbook reader: Python errors, and calamine's panics on damaged
    files (pyo3's PanicException derives from BaseException and cannot be imported by name)."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def open_workbook(path: Path) -> fastexcel.ExcelReader:
    """Open a workbook by content (bytes are passed when the extension does not say the format)."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"):
            try:
                return fastexcel.read_excel(str(path))
            except BaseException as exc:  # wrong extension for the content: let calamine sniff the bytes
                if not reader_error(exc):
                    raise
        return fastexcel.read_excel(path.read_bytes())
    except BaseException as exc:
        if not reader_error(exc):
            raise
        raise _translate_error(path, exc) from None


def _translate_error(path: Path, exc: Exception) -> UserError:
    text = str(exc)
    low = text.lower()
    if "password" in low or "encrypt" in low or "protected" in low:
        return UserError(DETECT_T, "encrypted", path=path.name)
    return UserError(
        DETECT_T, "damaged", path=path.name, detail=technical(text.splitlines()[0][:200] if text else "")
    )


def sheet_states(path: Path, fmt: str, reader: fastexcel.ExcelReader) -> list[dict[str, Any]]:
    """Every sheet with its state: [{"name", "state": "visible" | "hidden" | "veryHidden"}]."""
    names = list(reader.sheet_names)
    states = dict.fromkeys(names, "visible")
    if fmt == "xlsx":
        try:
            with zipfile.ZipFile(path) as zf:
                root = SafeET.fromstring(zf.read("xl/workbook.xml"))
            for sheet in root.iterfind("m:sheets/m:sheet", _NS):
                name = sheet.get("name")
                if name in states:
                    states[name] = sheet.get("state") or "visible"
        except (KeyError, zipfile.BadZipFile, SafeET.ParseError):
            pass
    elif path.stat().st_size < 20 * 1024**2:
        # XLS/ODS: calamine knows the state once a sheet is opened; small files only.
        for index, name in enumerate(names):
            try:
                visible = reader.load_sheet(index, header_row=None, n_rows=1, dtypes="string").visible
                states[name] = {"veryhidden": "veryHidden"}.get(visible, visible)
            except BaseException as exc:
                if not reader_error(exc):
                    raise
    return [{"name": n, "state": states[n]} for n in names]


def default_sheet(sheets: list[dict[str, Any]]) -> str | None:
    """The first visible sheet (the one Excel shows first), else the first sheet."""
    for sheet in sheets:
        if sheet["state"] == "visible":
            return sheet["name"]
    return sheets[0]["name"] if sheets else None


def read_sheet(path: Path, reader: fastexcel.ExcelReader, sheet: str, nrows: int | None = None) -> pa.Table:
    """The whole sheet as text cells (an Arrow table), no header, row ``i`` = sheet row ``i + 1``."""
    try:
        loaded = reader.load_sheet(sheet, header_row=None, skip_rows=0, n_rows=nrows, dtypes="string")
        table = loaded.to_arrow()
    except BaseException as exc:
        if not reader_error(exc):
            raise
        raise _translate_error(path, exc) from None
    return table.rename_columns([str(i) for i in range(table.num_columns)])


def read_xlsx_head(path: Path, sheet: str, nrows: int) -> pa.Table:
    """The first ``nrows`` rows of an XLSX sheet as text, streamed by openpyxl (read-only mode
    stops after those rows; calamine would parse the whole sheet first). For previews."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except BaseException as exc:
        if not reader_error(exc):
            raise
        raise _translate_error(path, exc) from None
    try:
        rows = [
            ["" if v is None else value_text(v) for v in row]
            for row in workbook[sheet].iter_rows(min_row=1, max_row=nrows, values_only=True)
        ]
    except BaseException as exc:
        # A sheet openpyxl cannot find or parse (a strict OOXML workbook: openpyxl sees no sheet
        # where calamine sees one) is said as the reader's error, so the caller lets calamine try.
        if not reader_error(exc):
            raise
        raise _translate_error(path, exc) from None
    finally:
        workbook.close()
    width = max((len(r) for r in rows), default=0)
    columns = [[(r[i] if i < len(r) else "") or None for r in rows] for i in range(width)]
    return pa.table({str(i): pa.array(col, type=pa.string()) for i, col in enumerate(columns)})


def read_sheet_typed(reader: fastexcel.ExcelReader, sheet: str, skip: int) -> tuple[pa.Table, int] | None:
    """The sheet's rows below its first ``skip`` rows, with number and date columns as numbers and
    dates (float64, timestamp[ns]) and text columns as text, and the sheet column of the table's
    first column (0 for A); None when the sheet must be read as text after all.

    A number cell read as text costs calamine a formatting and the import a parsing back: typed
    columns spare both. calamine infers each column's type from its first rows; a cell further down
    that does not fit (a text in a column of numbers, "n/a", "Total") is not lost: calamine reports
    it with its value, and that column is turned back into text with the reported cells put back.
    """
    try:
        loaded = reader.load_sheet(sheet, header_row=None, skip_rows=skip)
        table, errors = loaded.to_arrow_with_errors()
        # selected_columns (every column, nothing was selected) is at hand; available_columns()
        # worked the columns out again, a quarter of a second holding the GIL on a million rows.
        first_column = min((c.absolute_index for c in loaded.selected_columns), default=0)
    except BaseException as exc:
        if not reader_error(exc):
            raise
        return None  # a damaged file: the text read reports it
    patches: dict[int, dict[int, str]] = {}
    for error in errors.errors if errors is not None else []:
        text = _reported_text(error.detail)
        if text is None:
            return None  # a cell of another kind (an error value, a boolean): read as text
        row, column = error.offset_position
        patches.setdefault(column, {})[row] = text
    columns = []
    for index, column in enumerate(table.columns):
        kind = column.type
        try:
            if pa.types.is_floating(kind) or pa.types.is_integer(kind):
                column = column.cast(pa.float64())
            elif (pa.types.is_timestamp(kind) and kind.tz is None) or pa.types.is_date(kind):
                try:
                    column = column.cast(pa.timestamp("ns"))
                except pa.ArrowInvalid:
                    # A date nanoseconds cannot hold (9999-12-31): the column as text, where the
                    # date reader counts that cell as unreadable.
                    column = _as_text_with(column, patches.pop(index, {}))
            elif pa.types.is_null(kind):
                column = pa.nulls(len(column), pa.string())  # an empty column
            elif not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
                return None  # booleans, durations: the text read writes them as before
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
        if index in patches:
            column = _as_text_with(column, patches[index])
        columns.append(column)
    return pa.table({str(i): c for i, c in enumerate(columns)}), first_column


# calamine's report of a cell it could not read as its column's type, the value in Rust's debug
# notation: Expected float but got 'String("C536379")', or 'Float(2.5)' in a date column.
_REPORTED = re.compile(
    r"got '(?:(?:String|DateTimeIso|DurationIso)\(\"(.*)\"\)|(?:Float|Int)\(([-+0-9.eE]+|inf|-inf|NaN)\))'$",
    re.S,
)
_RUST_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|.)", re.S)
_RUST_CHARS = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def _reported_text(detail: str) -> str | None:
    """The text of a cell calamine reported in ``detail`` (a number as calamine writes it); None
    for a cell of another kind."""
    match = _REPORTED.search(detail)
    if match is None:
        return None
    if match.group(2) is not None:
        return values.calamine_number(float(match.group(2)))

    def unescape(m: re.Match[str]) -> str:
        code = m.group(1)
        if code.startswith("u{"):
            return chr(int(code[2:-1], 16))
        return _RUST_CHARS.get(code, code)

    return _RUST_ESCAPE.sub(unescape, match.group(1))


def _as_text_with(column: pa.Array | pa.ChunkedArray, patches: dict[int, str]) -> pa.Array:
    """A typed column written as text the way calamine writes cells (see :func:`values.cell_text`),
    with the text of the cells it could not read put back at their rows."""
    cells = values.arrow(values.cell_text(pd.Series(column.to_pandas())))
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    rows = np.fromiter(patches.keys(), dtype=np.int64, count=len(patches))
    mask = np.zeros(len(cells), dtype=bool)
    mask[rows] = True
    filled = np.empty(len(cells), dtype=object)
    filled[rows] = list(patches.values())
    return pc.if_else(pa.array(mask), pa.array(filled, type=cells.type), cells)


def value_text(value: object) -> str:
    """A cell as calamine would write it: integers without .0, dates as ISO."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text[:-9] if text.endswith(" 00:00:00") else text


_ROW_HIDDEN = re.compile(
    rb'<row [^>]*?r="(\d+)"[^>]*?hidden="(?:1|true)"|<row [^>]*?hidden="(?:1|true)"[^>]*?r="(\d+)"'
)
_FORMULA_NO_VALUE = re.compile(
    rb'<c r="([A-Z]+\d+)"[^>]*>(?:<f>[^<]*</f>|<f [^>]*>[^<]*</f>|<f[^>]*/>)(?:<v\s*/>|<v></v>)?</c>'
)


# Above this much sheet XML (about 250,000 rows) the scan is skipped: inflating it again would cost
# a third of calamine's own read, and exports that large come from software, not from hand-hidden rows.
SCAN_MAX_BYTES = 96 * 1024**2


def scan_xlsx_sheet(path: Path, sheet: str, limit: int = 1000) -> dict[str, Any]:
    """Hidden rows and formulas without cached values in an XLSX sheet (streamed, not parsed).

    Returns {"hidden_rows": [row numbers...], "hidden_rows_count", "formulas_without_value":
    [cell refs...], "formulas_without_value_count", "scanned": bool}; lists are capped at
    ``limit``. Sheets larger than ``SCAN_MAX_BYTES`` of XML are not scanned ("scanned": False).
    """
    out: dict[str, Any] = {"hidden_rows": [], "formulas_without_value": [], "scanned": False}
    hidden_count = formula_count = 0
    try:
        with zipfile.ZipFile(path) as zf:
            part = sheet_part(zf, sheet)
            if part is None or zf.getinfo(part).file_size > SCAN_MAX_BYTES:
                return out
            out["scanned"] = True
            with zf.open(part) as fh:
                tail = b""
                while True:
                    chunk = fh.read(8 << 20)
                    if not chunk:
                        break
                    data = tail + chunk
                    # Keep the last partial element for the next round so no match is cut in two.
                    cut = data.rfind(b"<row ")
                    cut = cut if cut > 0 else len(data)
                    body, tail = data[:cut], data[cut:]
                    if b"hidden=" in body:
                        for m in _ROW_HIDDEN.finditer(body):
                            hidden_count += 1
                            if len(out["hidden_rows"]) < limit:
                                out["hidden_rows"].append(int(m.group(1) or m.group(2)))
                    if b"<f" in body:
                        for m in _FORMULA_NO_VALUE.finditer(body):
                            formula_count += 1
                            if len(out["formulas_without_value"]) < limit:
                                out["formulas_without_value"].append(m.group(1).decode())
                for m in _ROW_HIDDEN.finditer(tail):
                    hidden_count += 1
                    out["hidden_rows"].append(int(m.group(1) or m.group(2)))
                for m in _FORMULA_NO_VALUE.finditer(tail):
                    formula_count += 1
                    out["formulas_without_value"].append(m.group(1).decode())
    except (KeyError, zipfile.BadZipFile, SafeET.ParseError, OSError):
        return out
    out["hidden_rows_count"] = hidden_count
    out["formulas_without_value_count"] = formula_count
    return out


def sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The ZIP member holding a sheet's XML, through workbook.xml and its relationships."""
    root = SafeET.fromstring(zf.read("xl/workbook.xml"))
    rid = None
    for node in root.iterfind("m:sheets/m:sheet", _NS):
        if node.get("name") == sheet:
            rid = node.get(f"{{{_NS['r']}}}id")
    if rid is None:
        return None
    rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iterfind("rel:Relationship", _NS):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            target = target.lstrip("/")
            return target if target.startswith("xl/") else "xl/" + target
    return None


_ODS_TABLE = re.compile(rb'<table:table\s[^>]*?table:name="([^"]*)"')
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*)>|</table:table>")
_ODS_REPEAT = re.compile(rb'table:number-rows-repeated="(\d+)"')


def scan_ods_sheet(path: Path, sheet: str, limit: int = 1000) -> dict[str, Any]:
    """Hidden (collapsed or filtered) rows of an ODS sheet, with their 1-based row numbers.

    ODS files are small in practice (LibreOffice itself struggles past a few hundred thousand
    rows), so content.xml is read whole; larger ones are not scanned ("scanned": False).
    """
    out: dict[str, Any] = {"hidden_rows": [], "scanned": False}
    try:
        with zipfile.ZipFile(path) as zf:
            if zf.getinfo("content.xml").file_size > SCAN_MAX_BYTES:
                return out
            data = zf.read("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        return out
    start = next(
        (m.end() for m in _ODS_TABLE.finditer(data) if m.group(1).decode("utf-8", "replace") == sheet), None
    )
    if start is None:
        return out
    out["scanned"] = True
    row = 0
    count = 0
    for m in _ODS_ROW.finditer(data, start):
        if m.group(1) is None:  # end of this sheet
            break
        attrs = m.group(1)
        repeat = _ODS_REPEAT.search(attrs)
        n = int(repeat.group(1)) if repeat else 1
        if b'table:visibility="collapse"' in attrs or b'table:visibility="filter"' in attrs:
            for r in range(row + 1, row + min(n, limit) + 1):
                if len(out["hidden_rows"]) < limit:
                    out["hidden_rows"].append(r)
            count += n
        row += n
    out["hidden_rows_count"] = count
    return out
