"""A table's rows written straight into a constant-memory sheet: the XML XlsxWriter would write.

XlsxWriter spends about 10 µs on a cell (MEASURED.md): a typed call, its checks, a tuple stored
in the row's table, then the cell's XML when the row is flushed. A workbook of Online Retail is
1.5 million cells, most of them excluded rows, and took 16 s. Here the rows of a plain table
(text, number and boolean cells, rows of the default height) are written as the same XML, byte for
byte (tests/test_export_fast_rows.py compares both writers' sheets), for a fraction of the time:

- a cell's reference, style index and type are the same strings XlsxWriter writes;
- text is cut at Excel's limit, has its control characters written ``_xHHHH_`` and its ``&<>``
  escaped, keeps its leading or trailing spaces (``xml:space``), and a text reading
  ``<r>...</r>`` is written as the plain run safe_sheet.py makes of it, as XlsxWriter does;
- the sheet's pending row is flushed first and its bookkeeping (last row, dimensions) updated
  after, so XlsxWriter goes on writing the sheet as if it had written the rows itself.

Anything else (dates given as text, mixed columns, tall rows) keeps XlsxWriter's own calls.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from segmenter_app.core.export.safe_sheet import plain_run
from segmenter_app.core.export.safe_text import MAX_CELL_CHARS, cut_utf16

__all__ = ["can_write", "write_rows"]

TEXT, NUMBER, BOOLEAN = 0, 1, 2  # the plan's cell codes (see book.Book._rows)

# XlsxWriter's own patterns (xmlwriter.py): the escape of a literal "_xHHHH_" and the control
# characters it writes as such escapes.
_LITERAL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
# A text that needs more than the plain template: anything the escapes above, the XML escapes,
# the whitespace rule or the rich-text rule touch.
_SPECIAL = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s\Z")
_EDGE_SPACE = re.compile(r"^\s|\s$")  # XlsxWriter's test for xml:space="preserve"

PlanEntry = tuple[int, int, Sequence[Any], Any, dict[int, Any] | None]


def can_write(ws: Worksheet, plan: Sequence[PlanEntry], first: int, rows: int) -> bool:
    """Whether the rows ``first``.. ``first + rows - 1`` can be written here: plain cells only,
    on rows of the default height, in a constant-memory sheet that has not passed them yet."""
    return (
        getattr(ws, "constant_memory", False)
        and getattr(ws, "fh", None) is not None
        and ws.previous_row < first
        and ws.excel_version == 2007
        and ws.default_row_height == ws.original_row_height
        and not ws.comments
        and not any(first <= row < first + rows for row in ws.row_info)
        and all(code in (TEXT, NUMBER, BOOLEAN) for _, code, _, _, _ in plan)
    )


def write_rows(
    ws: Worksheet,
    plan: Sequence[PlanEntry],
    first: int,
    start: int,
    stop: int,
    block: int,
    tick: Callable[[int], None],
) -> None:
    """Write rows ``start:stop`` of the plan's columns from sheet row ``first`` (0-based), as
    XlsxWriter would; ``tick(rows)`` after every ``block`` rows (progress and cancel)."""
    ws._write_single_row(first)  # the header row XlsxWriter holds goes out first
    letters = {c: xl_col_to_name(c) for c, *_ in plan}
    styles: dict[int, str] = {}  # id(format) -> ' s="N"', asked when first used, as XlsxWriter does
    column_styles = {c: _column_format(ws, c) for c, *_ in plan}
    offset = first - start
    last_row = -1
    first_col = last_col = None
    write = ws.fh.write

    def style(fmt: Any, c: int) -> str:
        chosen = fmt if fmt else column_styles[c]
        if not chosen:
            return ""
        key = id(chosen)
        found = styles.get(key)
        if found is None:
            found = styles[key] = f' s="{chosen._get_xf_index()}"'
        return found

    for block_start in range(start, stop, block):
        block_stop = min(block_start + block, stop)
        parts: list[str] = []
        for i in range(block_start, block_stop):
            number = i + offset + 1  # the row number Excel shows
            cells: list[str] = []
            for c, code, values, base, quoted in plan:
                v = values[i]
                if v is None:
                    continue
                fmt = base if quoted is None else quoted.get(i, base)
                ref = f'<c r="{letters[c]}{number}"{style(fmt, c)}'
                if code == TEXT:
                    cells.append(_text_cell(ref, v))
                elif code == NUMBER:
                    if not math.isfinite(v):
                        raise TypeError("NAN/INF not supported in write_number()")
                    cells.append(f"{ref}><v>{v:.16G}</v></c>")
                else:
                    cells.append(f'{ref} t="b"><v>{1 if v else 0}</v></c>')
                first_col = c if first_col is None or c < first_col else first_col
                last_col = c if last_col is None or c > last_col else last_col
            if cells:
                parts.append(f'<row r="{number}">{"".join(cells)}</row>')
                last_row = number - 1
        write("".join(parts))
        tick(block_stop - block_start)
    if last_row >= 0 and first_col is not None and last_col is not None:
        # The sheet's dimensions, as XlsxWriter's checks would have kept them.
        ws._check_dimensions(first, first_col)
        ws._check_dimensions(last_row, last_col)
    ws.previous_row = max(first + (stop - start) - 1, first)


def _column_format(ws: Worksheet, c: int) -> Any:
    """The column's own format, which a cell without one takes (XlsxWriter's rule)."""
    info = ws.col_info.get(c)
    return info.column_format if info is not None else None


def _text_cell(ref: str, text: str) -> str:
    """A text cell's XML from ``ref`` (``<c r=".." s=".."``), as XlsxWriter writes it."""
    if len(text) <= MAX_CELL_CHARS // 2 and _SPECIAL.search(text) is None:
        return f'{ref} t="inlineStr"><is><t>{text}</t></is></c>'  # the usual text: nothing to do
    text = cut_utf16(text)
    if text.startswith("<r>") and text.endswith("</r>"):
        text = plain_run(text)
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    if text.startswith("<r>") and text.endswith("</r>"):
        return f'{ref} t="inlineStr"><is>{text}</is></c>'
    space = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'{ref} t="inlineStr"><is><t{space}>{text}</t></is></c>'
