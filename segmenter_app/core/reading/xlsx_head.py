"""The first rows of an XLSX sheet, streamed straight from its XML, as the sheet shows them.

The import needs the first rows of a large workbook (to find the header) before calamine reads the
whole sheet. openpyxl can stream them, but it first loads every shared string of the workbook and
its styles: seconds for an export with a million distinct texts, and it refuses some files that
calamine reads. This reader stops after the rows it needs, in the sheet XML and in the shared
strings alike (they are numbered in order of first use, so the first rows use the first ones).

Cells keep their kind: text as ``str``, numbers as ``float``, booleans as ``bool``; dates stay
numbers (their format lives in the styles, which the header search does not need).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def read_head_cells(path: Path, sheet_part: str, nrows: int) -> list[list[Any]]:
    """Rows 1 to ``nrows`` of the sheet stored at ``sheet_part``, each from column A to the widest
    row's last cell, None where a cell is empty (rows missing from the XML are empty rows)."""
    cells: dict[tuple[int, int], tuple[str, str]] = {}
    row, next_col = -1, 0
    with zipfile.ZipFile(path) as zf:
        with zf.open(sheet_part) as fh:
            for event, node in SafeET.iterparse(fh, events=("start", "end")):
                tag = node.tag
                if tag == f"{_MAIN}row":
                    if event == "start":
                        # The row number is optional in the format: count rows when it is missing.
                        number = node.get("r")
                        row = int(number) - 1 if number and number.isdigit() else row + 1
                        next_col = 0
                    else:
                        node.clear()
                        if row + 1 >= nrows:
                            break
                elif tag == f"{_MAIN}c" and event == "end":
                    next_col = _keep_cell(node, row, next_col, cells)
                    node.clear()
        needed = {int(raw) for kind, raw in cells.values() if kind == "s" and raw.isdigit()}
        shared = _shared_strings(zf, max(needed) if needed else -1)
    if not cells:
        return []
    width = max(col for _, col in cells) + 1
    height = max(r for r, _ in cells) + 1
    grid: list[list[Any]] = [[None] * width for _ in range(height)]
    for (r, col), (kind, raw) in cells.items():
        grid[r][col] = _value(kind, raw, shared)
    return grid


def _keep_cell(node: Any, row: int, next_col: int, cells: dict[tuple[int, int], tuple[str, str]]) -> int:
    """Record one <c> element's kind and raw text at its (row, column), 0-based; returns the next
    column (the cell reference is optional too: then cells follow each other)."""
    col = next_col
    ref = _CELL_REF.match(node.get("r") or "")
    if ref is not None:
        col = -1
        for letter in ref.group(1):
            col = (col + 1) * 26 + ord(letter) - 65
        row = int(ref.group(2)) - 1
    kind = node.get("t", "n")
    if kind == "inlineStr":
        raw = "".join(t.text or "" for t in node.iter(f"{_MAIN}t"))
    else:
        value = node.find(f"{_MAIN}v")
        raw = value.text if value is not None and value.text is not None else ""
    if raw != "" and row >= 0:
        cells[(row, col)] = (kind, raw)
    return col + 1


def _shared_strings(zf: zipfile.ZipFile, last: int) -> list[str]:
    """The workbook's shared strings up to index ``last`` (each <si> joined from its runs)."""
    out: list[str] = []
    if last < 0:
        return out
    try:
        fh = zf.open("xl/sharedStrings.xml")
    except KeyError:
        return out
    with fh:
        for _event, node in SafeET.iterparse(fh, events=("end",)):
            if node.tag == f"{_MAIN}si":
                out.append(_string_item(node))
                node.clear()
                if len(out) > last:
                    break
    return out


def _string_item(node: Any) -> str:
    """The text of a shared string: its <t>, or its rich-text runs' <t> (phonetic runs left out)."""
    parts = []
    for child in node:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            text = child.find(f"{_MAIN}t")
            parts.append(text.text or "" if text is not None else "")
    return "".join(parts)


def _value(kind: str, raw: str, shared: list[str]) -> Any:
    """A cell's value from its kind (t attribute) and raw text."""
    if kind == "s":
        index = int(raw) if raw.isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else None
    if kind in ("inlineStr", "str", "e", "d"):
        return raw
    if kind == "b":
        return raw.strip() in ("1", "true")
    try:
        return float(raw)
    except ValueError:
        return raw
