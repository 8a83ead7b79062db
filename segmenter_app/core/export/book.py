"""The workbook being written: formats, unique sheet names, tables, progress and statistics.

Everything is written with XlsxWriter in ``constant_memory`` mode, row after row, so memory
stays flat whatever the number of customers. XlsxWriter refuses ``add_table`` in that mode
because the table writes its header cells out of order; here the table is declared before any
of its rows is written (the header row is the next row to be written), with the mode switched
off only for that call, and the header cells are then written again as in-line strings, which
is exactly what the mode needs. Tables therefore cost almost nothing (see bench/bench_export.py).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_range, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from segmenter_app.core.export import columns as k
from segmenter_app.core.export import fast_rows
from segmenter_app.core.export.labels import PROGRESS, SHEETS
from segmenter_app.core.export.safe_sheet import SafeWorksheet
from segmenter_app.core.export.safe_text import Cut, TextStats, cut_utf16, is_risky
from segmenter_app.core.export.sheet_names import SheetNamer
from segmenter_app.core.progress import CancelToken, ProgressFn, no_progress

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384
_XML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_TICK_ROWS = 2_000  # check cancel and report progress every this many rows (~20 ms of work)
_REPORT_EVERY_S = 0.1  # at most this often, so the GUI is not flooded

NUMBER_FORMATS = {
    k.TEXT: None,
    k.INTEGER: "#,##0",
    k.NUMBER: "#,##0.0",
    k.DECIMAL: "#,##0.00",
    k.CURRENCY: "#,##0.00",
    k.PERCENT: "0.0%",
    k.DATE: "yyyy-mm-dd",
    k.BOOL: None,
    k.MIXED: None,
}
TABLE_STYLE = "TableStyleMedium2"


@dataclass
class SheetInfo:
    """A written sheet: its name and number of data rows (header and titles not counted)."""

    name: str
    rows: int
    kind: str  # "summary", "plan", "segment", "all", "excluded", "method", "results"
    segment: str | None = None
    tables: int = 0


@dataclass
class Book:
    """One workbook being written, and what was done to it."""

    workbook: Workbook
    lang: str
    currency_format: str = "#,##0.00"
    date_format: str = "yyyy-mm-dd"
    progress: ProgressFn = no_progress
    cancel: CancelToken | None = None
    total_rows: int = 1
    max_rows: int = EXCEL_MAX_ROWS  # a parameter so tests can exercise the continuation sheets
    namer: SheetNamer = field(default_factory=SheetNamer)
    text: TextStats = field(default_factory=TextStats)
    sheets: list[SheetInfo] = field(default_factory=list)
    _formats: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _rows_done: int = 0
    _last_report: float = 0.0
    _current: str = ""

    @classmethod
    def create(cls, path: str, lang: str, *, tmpdir: str | None = None, **kwargs: Any) -> Book:
        """A new constant-memory workbook at ``path`` (a temporary file: see atomic.py), whose
        XlsxWriter scratch files go into ``tmpdir`` (default: the system's temporary folder)."""
        workbook = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "tmpdir": tmpdir,
                # Never let XlsxWriter turn a text into a formula, a number or a link:
                # every cell is written with a typed call, these are belt and braces.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "nan_inf_to_errors": False,
            },
        )
        return cls(workbook=workbook, lang=lang, **kwargs)

    # --- formats ---------------------------------------------------------------------------
    def fmt(self, kind: str = k.TEXT, *, quote: bool = False, wrap: bool = False, **extra: Any) -> Any:
        """A cached cell format for a kind (number format), with quote prefix and/or wrap."""
        key = (kind, quote, wrap, tuple(sorted(extra.items())))
        found = self._formats.get(key)
        if found is not None or key in self._formats:
            return found
        props: dict[str, Any] = dict(extra)
        num = {k.CURRENCY: self.currency_format, k.DATE: self.date_format}.get(kind, NUMBER_FORMATS.get(kind))
        if num and "num_format" not in props:
            props["num_format"] = num
        if quote:
            props["quote_prefix"] = True
        if wrap:
            props["text_wrap"] = True
            props["valign"] = "top"
        made = self.workbook.add_format(props) if props else None
        self._formats[key] = made
        return made

    # --- sheets ----------------------------------------------------------------------------
    def add_sheet(self, name: str, *, held: bool = True) -> tuple[Worksheet, str]:
        """A new worksheet with a unique valid name close to ``name``.

        ``held``: the sheet may take a name the workbook held for its own sheets (False for the
        segment sheets, named by the user).
        """
        unique = self.namer.reserve(name, held=held)
        self._current = unique
        ws = self.workbook.add_worksheet(unique, worksheet_class=SafeWorksheet)
        # Ids, postcodes and codes are text on purpose ("00123"): Excel would otherwise flag
        # each of them "Number stored as text" and offer to convert it, dropping the zeros.
        ws.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
        return ws, unique

    def tick(self, rows: int) -> None:
        """Count written rows; check for cancel and report progress now and then."""
        self._rows_done += rows
        if self.cancel is not None:
            self.cancel.check()
        now = time.monotonic()
        if now - self._last_report >= _REPORT_EVERY_S:
            self._last_report = now
            message = PROGRESS("writing", self.lang, sheet=self._current)
            self.progress(min(self._rows_done / max(self.total_rows, 1), 0.99), message)

    def write_title(self, ws: Worksheet, row: int, text: str, *, size: int = 14) -> None:
        """A bold title line (texts are cleaned like any cell)."""
        column = k.text_column("", [text])
        value = column.values[0]
        if value is not None:
            ws.write_string(
                row, 0, value, self.fmt(k.TEXT, quote=bool(column.quote_rows), bold=True, font_size=size)
            )

    # --- tables ----------------------------------------------------------------------------
    def write_table(
        self,
        name: str,
        cols: Sequence[k.Column],
        *,
        kind: str,
        start: int = 0,
        stop: int | None = None,
        segment: str | None = None,
        titles: Sequence[str] = (),
        freeze_cols: int = 0,
        freeze: bool = True,
        ws: Worksheet | None = None,
        sheet_name: str | None = None,
        first_row: int | None = None,
        compact: bool = False,
        part: int = 1,
    ) -> list[SheetInfo]:
        """Write rows ``start:stop`` of ``cols`` as an Excel table, on as many sheets as needed.

        The first sheet gets the ``titles`` lines above the table; each sheet holds at most
        ``max_rows`` rows, the rest continues on "Name (2)", "Name (3)"... An existing sheet
        ``ws`` can be passed to write the table below what it already holds (``first_row``).
        ``compact`` (small, printed tables) wraps the header texts and gives each row the height
        its wrapped texts need, so columns can stay narrow. ``part`` is the number of the first
        sheet, for a long table written in pieces ("Name (3)" goes on after "Name (2)").
        Returns the sheets written.
        """
        if len(cols) > EXCEL_MAX_COLS:
            # A file with thousands of columns (its excluded rows keep every original value):
            # Excel refuses a sheet wider than this, so the last columns are left out and
            # listed on the Method sheet.
            self.text.left_out_columns.append((str(sheet_name or name), len(cols) - EXCEL_MAX_COLS))
            cols = cols[:EXCEL_MAX_COLS]
        n = len(cols[0]) if cols else 0
        stop = n if stop is None else stop
        written: list[SheetInfo] = []
        position = start
        while True:
            if ws is None:
                sheet_title = name if part == 1 else SHEETS("continued", self.lang, name=name, number=part)
                ws, sheet_name = self.add_sheet(sheet_title, held=kind != "segment")
                header_row = len(titles) + 1 if titles and part == 1 else 0
                for index, title in enumerate(titles if part == 1 else ()):
                    self.write_title(ws, index, title, size=14 if index == 0 else 11)
            else:
                header_row = first_row if first_row is not None else 0
            capacity = self.max_rows - header_row - 1
            if capacity < 1:  # no room left below what the sheet already holds
                ws = None
                part += 1
                continue
            chunk_stop = min(stop, position + capacity)
            info = SheetInfo(str(sheet_name), chunk_stop - position, kind, segment)
            self._table_on(
                ws,
                str(sheet_name),
                cols,
                header_row,
                position,
                chunk_stop,
                freeze_cols if freeze else None,
                info,
                compact,
            )
            written.append(info)
            self.sheets.append(info)
            position = chunk_stop
            if position >= stop:
                return written
            part += 1
            ws = None

    def _table_on(
        self,
        ws: Worksheet,
        sheet_name: str,
        cols: Sequence[k.Column],
        header_row: int,
        start: int,
        stop: int,
        freeze_cols: int | None,
        info: SheetInfo,
        compact: bool = False,
    ) -> None:
        """Header, table declaration, widths, frozen panes, then the rows, in writing order."""
        headers = unique_headers([c.header for c in cols])
        for index, col in enumerate(cols):
            ws.set_column(index, index, col.width, self.fmt(k.TEXT, wrap=True) if col.wrap else None)
        if freeze_cols is not None:
            ws.freeze_panes(header_row + 1, freeze_cols)
        rows = stop - start
        if rows > 0 and cols:
            self._declare_table(ws, sheet_name, header_row, rows, headers)
            info.tables += 1
        elif cols:
            ws.autofilter(header_row, 0, header_row, len(cols) - 1)
        header_fmt = self.fmt(k.TEXT, bold=True, wrap=compact)
        header_quote = self.fmt(k.TEXT, bold=True, quote=True, wrap=compact)
        if compact:
            lines = max((_lines(h, c.width - 2) for h, c in zip(headers, cols, strict=True)), default=1)
            ws.set_row(header_row, 15.0 * lines)
            wrapped = [c for c in cols if c.wrap]
            for i in range(start, stop) if wrapped else ():
                height = max(_lines(c.values[i], c.width) for c in wrapped)
                if height > 1:
                    ws.set_row(header_row + 1 + i - start, min(15.0 * height, 409.0))
        for index, text in enumerate(headers):
            ws.write_string(header_row, index, text, header_quote if is_risky(text) else header_fmt)
        self._rows(ws, sheet_name, cols, header_row + 1, start, stop, top=compact)

    @staticmethod
    def _declare_table(
        ws: Worksheet, sheet_name: str, header_row: int, rows: int, headers: list[str]
    ) -> None:
        """Declare an Excel table over the header row and the ``rows`` rows below it.

        Done before any of its rows is written (see the module docstring). The table is declared
        over its first data row only, then given its full range: ``add_table`` otherwise records
        every cell of the range for its overlap check, millions of entries for a big sheet
        (hundreds of MB and seconds), when the tables here never overlap by construction
        (tests/test_export_compat.py checks it on the saved file).
        """
        last_col = len(headers) - 1
        ws.constant_memory = False
        try:
            result = ws.add_table(
                header_row,
                0,
                header_row + 1,
                last_col,
                {"columns": [{"header": xml_escaped_name(h)} for h in headers], "style": TABLE_STYLE},
            )
        finally:
            ws.constant_memory = True
        if result not in (0, None):
            raise RuntimeError(f"add_table refused the table on {sheet_name}: {result}")
        table = ws.tables[-1]
        full = xl_range(header_row, 0, header_row + rows, last_col)
        table["range"] = full
        table["a_range"] = full
        if table.get("autofilter"):
            table["autofilter"] = full

    def _rows(
        self,
        ws: Worksheet,
        sheet_name: str,
        cols: Sequence[k.Column],
        first: int,
        start: int,
        stop: int,
        *,
        top: bool = False,
    ) -> None:
        """The inner loop: one typed XlsxWriter call per non-blank cell, nothing else."""
        write_string = ws.write_string
        write_number = ws.write_number
        write_boolean = ws.write_boolean
        plan = []
        number_formats: dict[int, dict[int, Any]] = {}  # column -> row -> format of its number
        for c, col in enumerate(cols):
            if col.kind == k.TEXT:
                code = 0
            elif col.kind == k.BOOL:
                code = 2
            elif col.kind == k.MIXED:
                code = 3
            elif col.kind == k.DATE and any(isinstance(v, str) for v in col.values[start:stop]):
                code = 4  # dates Excel cannot show (before 1900-03-01) are kept as text
            else:
                code = 1
            # Tall wrapped rows read better with every cell at the top.
            align = {"valign": "top"} if top else {}
            base = self.fmt(col.kind if col.kind != k.MIXED else k.TEXT, wrap=col.wrap, **align)
            quoted = None
            if col.quote_rows:
                qf = self.fmt(k.TEXT, quote=True, wrap=col.wrap, **align)
                quoted = {i: qf for i in col.quote_rows if start <= i < stop}
                self.text.neutralized_cells += len(quoted)
                quoted = quoted or None
            plan.append((c, code, col.values, base, quoted))
            if code == 3 and col.number_kinds:
                number_formats[c] = {
                    i: self.fmt(kind, **align) for i, kind in col.number_kinds.items() if start <= i < stop
                }
            for index, length in col.cuts:
                if start <= index < stop:
                    cell = xl_rowcol_to_cell(first + index - start, c)
                    self.text.cuts.append(Cut(sheet_name, cell, length))
        if not top and fast_rows.can_write(ws, plan, first, stop - start):
            # The same XML, several times faster (see fast_rows.py).
            fast_rows.write_rows(ws, plan, first, start, stop, _TICK_ROWS, self.tick)
            return
        date_fmt = self.fmt(k.DATE)
        text_fmt = self.fmt(k.TEXT)
        offset = first - start
        for block in range(start, stop, _TICK_ROWS):
            block_stop = min(block + _TICK_ROWS, stop)
            for i in range(block, block_stop):
                r = i + offset
                for c, code, values, base, quoted in plan:
                    v = values[i]
                    if v is None:
                        continue
                    if code == 0:
                        write_string(r, c, v, base if quoted is None else quoted.get(i, base))
                    elif code == 1:
                        write_number(r, c, v, base)
                    elif code == 2:
                        write_boolean(r, c, v, base)
                    elif code == 4:
                        if isinstance(v, str):
                            write_string(r, c, v, text_fmt)
                        else:
                            write_number(r, c, v, base)
                    else:
                        fmt = base if quoted is None else quoted.get(i, base)
                        numbers = number_formats.get(c)
                        self._write_any(ws, r, c, v, fmt, date_fmt, numbers.get(i) if numbers else None)
            self.tick(block_stop - block)

    def _write_any(
        self, ws: Worksheet, r: int, c: int, v: Any, text_fmt: Any, date_fmt: Any, number_fmt: Any = None
    ) -> None:
        """One cell of a mixed column, by the value's type (a number in ``number_fmt`` if given)."""
        if isinstance(v, str):
            ws.write_string(r, c, v, text_fmt)
        elif isinstance(v, bool):
            ws.write_boolean(r, c, v)
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, v, number_fmt)
        elif v.hour or v.minute or v.second:
            ws.write_datetime(r, c, v, self.fmt(k.DATE, num_format="yyyy-mm-dd hh:mm"))
        else:
            ws.write_datetime(r, c, v, date_fmt)

    def count_removed(self, cols: Sequence[k.Column]) -> None:
        """Add the characters the cleaning removed from these columns to the totals."""
        self.text.removed_characters += sum(c.removed for c in cols)


def _lines(text: Any, width: float) -> int:
    """How many lines a wrapped text takes in a column (an estimate: Calibri 11, ~1.1 char/unit)."""
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(int(width * 1.1) - 1, 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def xml_escaped_name(text: str) -> str:
    """A table column's name as its XML attribute must hold it.

    Excel reads ``_xHHHH_`` in a column name as an escaped character (it writes a line break
    as ``_x000a_`` there), while XlsxWriter writes the name as it is: a header that really
    reads "Notes_x000D_" (common in files that went through openpyxl) would name the column
    "Notes\r", differ from its header cell, and make Excel repair the table. The literal
    underscore is escaped as ``_x005F_``, as XlsxWriter already does in the cells.
    """
    return _XML_ESCAPE.sub(r"_x005F_\1", text)


def unique_headers(headers: Sequence[str]) -> list[str]:
    """Header texts Excel tables accept: non-empty, one line, unique ignoring case."""
    out: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(headers):
        text = " ".join(str(raw).split()) or f"Column{index + 1}"
        column = k.text_column("", [text])
        # Excel repairs a table with a column name over 255 characters, counted in UTF-16 units
        # (an emoji is two): cut well below, leaving room for a " (2)".
        text = cut_utf16(column.values[0] or f"Column{index + 1}", 200)
        candidate = text
        number = 2
        while candidate.lower() in seen:
            candidate = f"{text} ({number})"
            number += 1
        seen.add(candidate.lower())
        out.append(candidate)
    return out
